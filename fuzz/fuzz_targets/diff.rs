//! Word diffs of two texts: operations run in order through both, on UTF-16
//! boundaries, and never panic, whatever the options.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::DiffOptions;

fuzz_target!(|input: (bool, bool, &str, &str)| {
    let (case_sensitive, punctuation_sensitive, old, new) = input;
    let options = DiffOptions {
        case_sensitive,
        punctuation_sensitive,
    };
    let diff = parallax::word_diff(old, new, &options);
    if let Err(broken) = parallax::check::diff(old, new, &diff) {
        panic!("{broken}");
    }
    // The same texts give the same diff.
    assert_eq!(parallax::word_diff(old, new, &options), diff);
});
