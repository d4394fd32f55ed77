//! Plain text and Markdown, with reader overrides, through `ingest`: it never panics,
//! and the blocks tile the text on UTF-16 boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::{BlockOverride, Format, Input};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let input = Input {
        format: (flags & 1 == 1).then_some(Format::Markdown),
        // A few overrides at offsets taken from the input itself, some out of range.
        overrides: rest
            .iter()
            .take(usize::from(flags >> 5))
            .map(|&b| BlockOverride {
                at: u32::from(b) * 7,
                include: b & 1 == 0,
            })
            .collect(),
        ..Input::new("fuzz", text)
    };
    match parallax::ingest(&input) {
        Ok(doc) => {
            if let Err(broken) = parallax::check::document(&input, &doc) {
                panic!("{broken}");
            }
        }
        Err(e) => assert!(!e.to_string().is_empty(), "errors say something"),
    }
});
