//! HTML through `ingest`: it never panics, the blocks tile the extracted text on
//! UTF-16 boundaries, and the text of a `<script>` never reaches the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::Input;

/// Put into every input inside a real script element; it must never be read as text.
const MARK: &str = "PARALLAX_SCRIPT_MARK";

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    // The fuzzer's bytes go after a script element, so whatever they do later (open
    // comments, raw-text elements, broken tags) cannot turn this one into text.
    let html = format!("<script>var x = '{MARK}';</script>{html}");
    let input = Input::html("fuzz", html);
    match parallax::ingest(&input) {
        Ok(doc) => {
            if let Err(broken) = parallax::check::document(&input, &doc) {
                panic!("{broken}");
            }
            assert!(
                !doc.text.contains(MARK),
                "script text leaked: {:?}",
                doc.text
            );
        }
        Err(e) => assert!(!e.to_string().is_empty(), "errors say something"),
    }
});
