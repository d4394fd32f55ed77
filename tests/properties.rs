//! Invariants of the whole pipeline on arbitrary input: it never panics, it is
//! deterministic, and every offset it reports is a UTF-16 boundary inside the text.
//! Native only: proptest (and its getrandom) does not build for wasm32-unknown-unknown;
//! tests/web.rs checks the wasm build gives the same reports.
#![cfg(not(target_arch = "wasm32"))]
// Test code: an out-of-range index here is a failed test, which is what we want.
#![allow(clippy::indexing_slicing)]

use parallax::{
    compare, ingest, word_diff, DiffOptions, Format, Granularity, Input, Mode, Options,
};
use proptest::prelude::*;

/// Text built from pieces real pastes contain: words in several scripts, emoji
/// with skin tones and ZWJ, combining marks, abbreviations, odd whitespace.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Talks".to_string()),
        Just("open".to_string()),
        Just("in Geneva".to_string()),
        Just("U.S.".to_string()),
        Just("Dr.".to_string()),
        Just("Переговоры".to_string()),
        Just("Україна".to_string()),
        Just("東京".to_string()),
        Just("👍🏽".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("e\u{301}".to_string()),
        Just("“quoted”".to_string()),
        Just("3.5%".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        // Page furniture, so every classifier path runs.
        Just("Home | World | Politics\n".to_string()),
        Just("Subscribe to our newsletter\n".to_string()),
        Just("\n21 comments for “Talks”\n".to_string()),
        Just("Mark T.\nJanuary 10, 2022 at 15:55\n".to_string()),
        Just("Reply\n".to_string()),
        Just("REUTERS/Jane Doe".to_string()),
        Just("(Kremlin)".to_string()),
        Just("\nBy Anna Petrova\n".to_string()),
        Just("Фото: ТАСС".to_string()),
        Just("IMG_0412.JPG".to_string()),
        Just("\n# Heading\n".to_string()),
        Just("![x](a.png)".to_string()),
        Just("[link](http://x)".to_string()),
        Just("© 2022".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

/// HTML-ish text: tags of every kind the extractor treats specially, scripts,
/// entities and broken markup, between pieces of text.
fn htmly() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"comment\">".to_string()),
        Just("<div class='share'>".to_string()),
        Just("</div>".to_string()),
        Just("<script>alert('<p>no</p>')</script>".to_string()),
        Just("<style>p{color:red}</style>".to_string()),
        Just("<nav>".to_string()),
        Just("</nav>".to_string()),
        Just("<h1>".to_string()),
        Just("</h1>".to_string()),
        Just("<figure><figcaption>".to_string()),
        Just("&amp;&nbsp;&#x1F44D;&bogus;".to_string()),
        Just("<br>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("<a href=\"javascript:alert(1)\">".to_string()),
        Just("</a>".to_string()),
        Just("<li>".to_string()),
        Just("<pre>  a\n  b</pre>".to_string()),
        Just("<title>T</title>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<".to_string()),
        // Text escaped as HTML text is: only the pieces above make tags, so each
        // <script> here is a real script element (random text could open a bogus
        // comment that swallows the tag, and then a browser shows its text too).
        texty().prop_map(|t| t.replace('&', "&amp;").replace('<', "&lt;")),
    ];
    // Joined with spaces: "<" followed by a word would fuse with the next tag into one
    // odd tag name (`<Talks<script>` is a `talks<script` element, as in a browser).
    prop::collection::vec(piece, 0..30).prop_map(|v| v.join(" "))
}

/// Turns a failed [`parallax::check`] into a failed test case.
fn checked(result: parallax::check::Checked) -> Result<(), TestCaseError> {
    result.map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn compare_never_panics_and_reports_valid_offsets(
        common in texty(),
        own in prop::collection::vec((texty(), any::<bool>()), 0..5),
        paragraph in any::<bool>(),
        mode in prop_oneof![Just(Mode::Auto), Just(Mode::Topic), Just(Mode::Version)],
        min_score in 0.0f64..1.0,
        min_shared_words in 2u32..10,
        include_comments in any::<bool>(),
    ) {
        // Sources on one story: each has text of its own and, before or after it,
        // a passage they all carry, so shared text and groups occur.
        let inputs: Vec<Input> = own
            .iter()
            .enumerate()
            .map(|(i, (t, first))| {
                let text = if *first { format!("{common} {t}") } else { format!("{t}\n\n{common}") };
                Input::new(format!("s{i}"), text)
            })
            .collect();
        let options = Options {
            granularity: if paragraph { Granularity::Paragraph } else { Granularity::Sentence },
            mode,
            min_score,
            min_shared_words,
            include_comments,
        };
        match compare(&inputs, &options) {
            Ok(report) => {
                checked(parallax::check::report(&inputs, &report))?;
                // Deterministic: the same input gives the same report.
                prop_assert_eq!(compare(&inputs, &options).ok(), Some(report));
            }
            // Errors are only ever the documented, readable ones.
            Err(e) => prop_assert!(e.to_string().starts_with("At least two sources") || e.to_string().starts_with("No sources")),
        }
    }

    #[test]
    fn diffs_cover_both_texts_on_boundaries(old in texty(), new in texty(), case in any::<bool>(), punct in any::<bool>()) {
        let d = word_diff(&old, &new, &DiffOptions { case_sensitive: case, punctuation_sensitive: punct });
        checked(parallax::check::diff(&old, &new, &d))?;
    }

    #[test]
    fn ingest_tiles_text_markdown_and_html_on_boundaries(
        text in texty(),
        html in htmly(),
        markdown in any::<bool>(),
    ) {
        let input = Input {
            format: markdown.then_some(Format::Markdown),
            ..Input::new("t", text.clone())
        };
        let doc = ingest(&input).expect("text always ingests");
        checked(parallax::check::document(&input, &doc))?;
        let input = Input::html("h", html);
        let doc = ingest(&input).expect("HTML always ingests");
        checked(parallax::check::document(&input, &doc))?;
        prop_assert!(!doc.text.contains("alert("), "no script text: {:?}", doc.text);
        prop_assert!(!doc.text.contains("color:red"), "no style text");
    }
}
