//! The wasm build in real browsers (`wasm-pack test --headless --chrome` / `--firefox`).
//!
//! Every test goes through the exported `parallax::wasm` functions, as the page does,
//! decodes the result back into typed values and compares whole values with what the
//! native core computes for the same input. Offsets are checked by slicing the
//! browser's own (UTF-16) strings, and bad input must throw a JS `Error` whose message
//! a user can read.

#![cfg(target_arch = "wasm32")]

mod common;

use common::numbers_as_f64;
use js_sys::{JsString, JSON};
use parallax::{
    BlockKind, DiffKind, DiffOp, DiffOptions, Document, Granularity, Input, Options, Report,
    WordDiff, SCHEMA_VERSION,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A JS value from JSON text, as `JSON.parse` makes it.
fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// The inputs as the page passes them: an array of `{title, text}` objects.
fn js_inputs(inputs: &[Input]) -> JsValue {
    serde_wasm_bindgen::to_value(inputs).expect("inputs convert to JS")
}

fn compare_in_js(inputs: &[Input], options: JsValue) -> Report {
    let report = parallax::wasm::compare(js_inputs(inputs), Some(options), None)
        .map_err(JsValue::from)
        .expect("compare succeeds");
    serde_wasm_bindgen::from_value(report).expect("the result decodes into a Report")
}

fn diff_in_js(old: &str, new: &str, options: JsValue) -> WordDiff {
    let diff = parallax::wasm::diff(old, new, Some(options))
        .map_err(JsValue::from)
        .expect("diff succeeds");
    serde_wasm_bindgen::from_value(diff).expect("the result decodes into a WordDiff")
}

/// `text.slice(start, end)` done by the browser, on its UTF-16 string.
fn js_slice(text: &str, start: u32, end: u32) -> String {
    let text = JsString::from(text);
    assert!(
        start <= end && end <= text.length(),
        "{start}..{end} is outside a text of {} UTF-16 units",
        text.length()
    );
    let part = text.slice(start, end);
    assert!(
        part.is_valid_utf16(),
        "{start}..{end} cuts a surrogate pair: {part:?}"
    );
    String::from(part)
}

fn text_of(inputs: &[Input], source: u32) -> &str {
    inputs
        .get(source as usize)
        .map(|i| i.text.as_str())
        .expect("the source index is valid")
}

/// The text of each passage, source by source.
fn passage_texts(report: &Report, inputs: &[Input]) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); inputs.len()];
    for p in &report.passages {
        let text = js_slice(text_of(inputs, p.source), p.start, p.end);
        out.get_mut(p.source as usize)
            .expect("the source index is valid")
            .push(text);
    }
    out
}

/// The text of each group's members, group by group.
fn group_texts(report: &Report, inputs: &[Input]) -> Vec<Vec<(u32, String)>> {
    report
        .groups
        .iter()
        .map(|g| {
            g.members
                .iter()
                .map(|m| {
                    (
                        m.source,
                        js_slice(text_of(inputs, m.source), m.start, m.end),
                    )
                })
                .collect()
        })
        .collect()
}

/// The text of each shared run in each source that has it, with its word count.
fn shared_texts(report: &Report, inputs: &[Input]) -> Vec<(u32, Vec<(u32, String)>)> {
    report
        .shared
        .iter()
        .map(|s| {
            let spans = s
                .spans
                .iter()
                .map(|sp| {
                    (
                        sp.source,
                        js_slice(text_of(inputs, sp.source), sp.start, sp.end),
                    )
                })
                .collect();
            (s.words, spans)
        })
        .collect()
}

/// Whether every member of every group covers exactly its passage.
fn members_match_their_passages(report: &Report) -> bool {
    report.groups.iter().flat_map(|g| &g.members).all(|m| {
        report
            .passages
            .get(m.passage as usize)
            .is_some_and(|p| (p.source, p.start, p.end) == (m.source, m.start, m.end))
    })
}

fn owned(pairs: &[(u32, &str)]) -> Vec<(u32, String)> {
    pairs.iter().map(|&(s, t)| (s, t.to_string())).collect()
}

fn wire_paper_brief() -> Vec<Input> {
    vec![
        Input::new(
            "Wire",
            "Talks open in Geneva on Monday. Officials expect little. The envoy said the plan \
             was \"a first step toward a lasting ceasefire\".",
        ),
        Input::new(
            "Paper",
            "Officials expect little. Talks open in Geneva on Monday, aides said.\n\nAsked \
             about the plan, the envoy called it \"a first step toward a lasting ceasefire\".",
        ),
        // No title: the report takes the first line.
        Input::new("", "Geneva: talks open on Monday."),
    ]
}

#[wasm_bindgen_test]
fn compare_through_js_equals_the_native_report() {
    let inputs = wire_paper_brief();
    let cases = [
        ("undefined", JsValue::UNDEFINED, Options::default()),
        ("null", JsValue::NULL, Options::default()),
        ("{}", js("{}"), Options::default()),
        (
            "paragraphs",
            js(r#"{"granularity": "paragraph", "min_score": 0.1, "min_shared_words": 4}"#),
            Options {
                granularity: Granularity::Paragraph,
                min_score: 0.1,
                min_shared_words: 4,
                ..Options::default()
            },
        ),
    ];
    for (name, js_options, options) in cases {
        let native = parallax::compare(&inputs, &options).expect("native compare succeeds");
        assert_eq!(compare_in_js(&inputs, js_options), native, "options {name}");
    }

    let report = compare_in_js(&inputs, JsValue::UNDEFINED);
    assert_eq!(report.schema, SCHEMA_VERSION);
    assert_eq!(report.version, parallax::wasm::version());
    assert_eq!(report.options, Options::default());
    let titles: Vec<&str> = report.sources.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Wire", "Paper", "Geneva: talks open on Monday."]);
    assert_eq!(
        passage_texts(&report, &inputs),
        [
            vec![
                "Talks open in Geneva on Monday.",
                "Officials expect little.",
                "The envoy said the plan was \"a first step toward a lasting ceasefire\".",
            ],
            vec![
                "Officials expect little.",
                "Talks open in Geneva on Monday, aides said.",
                "Asked about the plan, the envoy called it \"a first step toward a lasting \
                 ceasefire\".",
            ],
            vec!["Geneva: talks open on Monday."],
        ]
    );
    assert!(members_match_their_passages(&report));
    // The reordered sentences find each other: the wire's first sentence is in a
    // group with the paper's second, and the wire's second with the paper's first.
    let groups = group_texts(&report, &inputs);
    for pair in [
        [
            (0, "Talks open in Geneva on Monday."),
            (1, "Talks open in Geneva on Monday, aides said."),
        ],
        [
            (0, "Officials expect little."),
            (1, "Officials expect little."),
        ],
    ] {
        // A group is a row across sources: it holds the pair (and maybe the brief).
        let pair = owned(&pair);
        assert!(
            groups.iter().any(|g| pair.iter().all(|m| g.contains(m))),
            "{pair:?} in {groups:#?}"
        );
    }
    // The quote both carry, seven words, is shared text.
    let quote = "a first step toward a lasting ceasefire";
    let shared = shared_texts(&report, &inputs);
    assert!(
        shared.contains(&(7, owned(&[(0, quote), (1, quote)]))),
        "{shared:#?}"
    );
}

const AGENCY: &str = include_str!("fixtures/01-demo-pair/agency.txt");
const BROADSHEET: &str = include_str!("fixtures/01-demo-pair/broadsheet.txt");
const CHANNEL: &str = include_str!("fixtures/01-demo-pair/channel.txt");
/// Written by the native CLI: `parallax compare --json tests/fixtures/01-demo-pair/*.txt`.
const EXPECTED: &str = include_str!("fixtures/01-demo-pair/expected.json");

#[wasm_bindgen_test]
fn the_fixture_report_is_the_native_cli_report() {
    // Titles are the file stems, as the CLI gives them.
    let inputs = [
        Input::new("agency", AGENCY),
        Input::new("broadsheet", BROADSHEET),
        Input::new("channel", CHANNEL),
    ];
    let report = parallax::wasm::compare(js_inputs(&inputs), None, None)
        .map_err(JsValue::from)
        .expect("compare succeeds");
    let json = String::from(JSON::stringify(&report).expect("the report stringifies"));
    let got: serde_json::Value = serde_json::from_str(&json).expect("JSON.stringify output parses");
    let want: serde_json::Value = serde_json::from_str(EXPECTED).expect("expected.json parses");
    assert_eq!(
        numbers_as_f64(got),
        numbers_as_f64(want),
        "the wasm report differs from expected.json; if the change is intended, \
         regenerate it with the native CLI and review the diff"
    );
}

#[wasm_bindgen_test]
fn offsets_are_utf16_units_into_the_texts_as_given() {
    // Cyrillic (2 bytes, 1 unit a letter), emoji outside the BMP (surrogate pairs),
    // a ZWJ family, skin-tone modifiers (also in a ZWJ sequence) and a combining acute.
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let coder = "\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}";
    let bridge = "Мэр открыл новый мост 🌉 в понедельник";
    let terrace = format!("The family {family} waved from the cafe\u{301} terrace 👍🏽.");
    let weather = "Погода была хорошей, 😀 все радовались.";
    let credit = format!("{coder} Репортаж подготовила Анна.");
    let inputs = [
        Input::new("ru", format!("{bridge}. {terrace} {weather}")),
        Input::new("mix", format!("{weather} {bridge}! {terrace}\n\n{credit}")),
    ];

    let report = compare_in_js(&inputs, JsValue::UNDEFINED);
    assert_eq!(
        report,
        parallax::compare(&inputs, &Options::default()).expect("native compare succeeds")
    );
    for (source, input) in report.sources.iter().zip(&inputs) {
        assert_eq!(
            source.text_len,
            JsString::from(input.text.as_str()).length()
        );
    }
    assert_eq!(
        passage_texts(&report, &inputs),
        [
            vec![format!("{bridge}."), terrace.clone(), weather.to_string()],
            vec![
                weather.to_string(),
                format!("{bridge}!"),
                terrace.clone(),
                credit.clone(),
            ],
        ]
    );
    assert!(members_match_their_passages(&report));
    assert_eq!(
        group_texts(&report, &inputs),
        [
            vec![(0, format!("{bridge}.")), (1, format!("{bridge}!"))],
            vec![(0, terrace.clone()), (1, terrace.clone())],
            vec![(0, weather.to_string()), (1, weather.to_string())],
        ]
    );
    // One run across the sentence break: the same words, each source's own punctuation.
    let run = |stop: &str| {
        format!("{bridge}{stop} The family {family} waved from the cafe\u{301} terrace")
    };
    assert_eq!(
        shared_texts(&report, &inputs),
        [(13, vec![(0, run(".")), (1, run("!"))])]
    );
}

#[wasm_bindgen_test]
fn diff_through_js_equals_the_native_diff() {
    let (old, new) = ("The talks begin Monday.", "The talks start Monday.");
    let diff = diff_in_js(old, new, JsValue::UNDEFINED);
    let op = |kind, old_start, old_end, new_start, new_end| DiffOp {
        kind,
        old_start,
        old_end,
        new_start,
        new_end,
    };
    assert_eq!(
        diff,
        WordDiff {
            ops: vec![
                op(DiffKind::Equal, 0, 10, 0, 10),
                op(DiffKind::Replace, 10, 15, 10, 15),
                op(DiffKind::Equal, 15, 23, 15, 23),
            ],
            same_per_mille: 750,
        }
    );
    assert_eq!(diff, parallax::word_diff(old, new, &DiffOptions::default()));
    let replaced: Vec<(String, String)> = diff
        .ops
        .iter()
        .filter(|o| o.kind == DiffKind::Replace)
        .map(|o| {
            (
                js_slice(old, o.old_start, o.old_end),
                js_slice(new, o.new_start, o.new_end),
            )
        })
        .collect();
    assert_eq!(replaced, [("begin".to_string(), "start".to_string())]);
}

#[wasm_bindgen_test]
fn diff_offsets_are_utf16_units() {
    let slices = |old: &str, new: &str, diff: &WordDiff| -> Vec<(DiffKind, String, String)> {
        diff.ops
            .iter()
            .map(|o| {
                (
                    o.kind,
                    js_slice(old, o.old_start, o.old_end),
                    js_slice(new, o.new_start, o.new_end),
                )
            })
            .collect()
    };
    let owned3 = |ops: &[(DiffKind, &str, &str)]| -> Vec<(DiffKind, String, String)> {
        ops.iter()
            .map(|&(k, o, n)| (k, o.to_string(), n.to_string()))
            .collect()
    };

    let (old, new) = (
        "Мэр открыл мост 🌉 в понедельник 👍🏽.",
        "Мэр закрыл мост 🌉 во вторник 👍🏽.",
    );
    let diff = diff_in_js(old, new, JsValue::UNDEFINED);
    assert_eq!(diff, parallax::word_diff(old, new, &DiffOptions::default()));
    assert_eq!(diff.same_per_mille, 400);
    assert_eq!(
        slices(old, new, &diff),
        owned3(&[
            (DiffKind::Equal, "Мэр ", "Мэр "),
            (DiffKind::Replace, "открыл", "закрыл"),
            (DiffKind::Equal, " мост 🌉 ", " мост 🌉 "),
            (DiffKind::Replace, "в понедельник", "во вторник"),
            (DiffKind::Equal, " 👍🏽.", " 👍🏽."),
        ])
    );

    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let (old, new) = (
        format!("The cafe\u{301} {family} opened."),
        format!("The cafe\u{301} {family} closed."),
    );
    let diff = diff_in_js(&old, &new, JsValue::UNDEFINED);
    assert_eq!(
        diff,
        parallax::word_diff(&old, &new, &DiffOptions::default())
    );
    let head = format!("The cafe\u{301} {family} ");
    assert_eq!(
        slices(&old, &new, &diff),
        owned3(&[
            (DiffKind::Equal, &head, &head),
            (DiffKind::Replace, "opened", "closed"),
            (DiffKind::Equal, ".", "."),
        ])
    );

    // Options reach the core: folded case and punctuation leave nothing changed.
    let (old, new) = ("Мэр ОТКРЫЛ мост 👍🏽.", "мэр открыл мост 👍🏽!");
    let relaxed = DiffOptions {
        case_sensitive: false,
        punctuation_sensitive: false,
    };
    let diff = diff_in_js(
        old,
        new,
        js(r#"{"case_sensitive": false, "punctuation_sensitive": false}"#),
    );
    assert_eq!(diff, parallax::word_diff(old, new, &relaxed));
    assert_eq!(
        diff,
        WordDiff {
            ops: vec![DiffOp {
                kind: DiffKind::Equal,
                old_start: 0,
                old_end: 21,
                new_start: 0,
                new_end: 21,
            }],
            same_per_mille: 1000,
        }
    );
}

/// The message of the JS `Error` an export threw, or why there is none.
fn thrown_message(result: Result<JsValue, JsError>) -> Result<String, String> {
    let thrown = match result {
        Ok(value) => {
            let json = JSON::stringify(&value).map(String::from);
            return Err(format!("no error thrown; returned {json:?}"));
        }
        Err(err) => JsValue::from(err),
    };
    let error: js_sys::Error = thrown
        .dyn_into()
        .map_err(|v| format!("threw {v:?}, not an Error"))?;
    if error.name() != "Error" {
        return Err(format!("threw a {}", String::from(error.name())));
    }
    Ok(String::from(error.message()))
}

/// What a thrown message must be.
enum Message {
    /// Exactly this text.
    Is(&'static str),
    /// Starts with the first text and contains the others.
    Has(&'static str, &'static [&'static str]),
}

/// Checks what each call threw; reports every mismatch at once.
fn check_thrown(cases: Vec<(&str, Result<JsValue, JsError>, Message)>) {
    let mut failures = Vec::new();
    for (case, result, want) in cases {
        let fits = |got: &str| match &want {
            Message::Is(want) => got == *want,
            Message::Has(start, parts) => {
                got.starts_with(start) && parts.iter().all(|p| got.contains(p))
            }
        };
        match thrown_message(result) {
            Ok(got) if fits(&got) => {}
            Ok(got) => failures.push(format!("{case}: message {got:?}")),
            Err(why) => failures.push(format!("{case}: {why}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const NOT_INPUTS: &str =
    "Invalid input: `inputs` must be an array of {title, text} or {title, html} objects (";
const TWO_INPUTS: &str =
    r#"[{"title": "a", "text": "Talks open."}, {"title": "b", "text": "Talks end."}]"#;

#[wasm_bindgen_test]
fn bad_input_throws_a_readable_error() {
    use parallax::wasm::diff;
    let compare = |inputs, options: JsValue| parallax::wasm::compare(inputs, Some(options), None);
    let two = || js(TWO_INPUTS);
    let none = || JsValue::UNDEFINED;
    check_thrown(vec![
        (
            "no sources",
            compare(js("[]"), none()),
            Message::Is("No sources given: add at least two texts to compare."),
        ),
        (
            "one source",
            compare(js(r#"[{"title": "a", "text": "Talks open."}]"#), none()),
            Message::Is(
                "At least two sources with text are needed to compare; 1 given, 1 with text.",
            ),
        ),
        (
            "whitespace-only second source",
            compare(
                js(
                    r#"[{"title": "a", "text": "Talks open."}, {"title": "b", "text": " \n\t\u00a0 "}]"#,
                ),
                none(),
            ),
            Message::Is(
                "At least two sources with text are needed to compare; 2 given, 1 with text.",
            ),
        ),
        (
            "text is a number",
            compare(
                js(r#"[{"title": "a", "text": 5}, {"title": "b", "text": "x"}]"#),
                none(),
            ),
            Message::Has(NOT_INPUTS, &["expected a string"]),
        ),
        (
            "text is missing",
            compare(
                js(r#"[{"title": "a"}, {"title": "b", "text": "x"}]"#),
                none(),
            ),
            // A source with neither text nor HTML is a source without text.
            Message::Is(
                "At least two sources with text are needed to compare; 2 given, 1 with text.",
            ),
        ),
        (
            "inputs is a number",
            compare(js("42"), none()),
            Message::Is(
                "Invalid input: `inputs` must be an array of {title, text} or {title, html} objects (got a number).",
            ),
        ),
        (
            "inputs is one object, not an array",
            compare(js(r#"{"title": "a", "text": "x"}"#), none()),
            Message::Is(
                "Invalid input: `inputs` must be an array of {title, text} or {title, html} objects (got a object).",
            ),
        ),
        (
            "inputs is undefined",
            compare(none(), none()),
            Message::Is(
                "Invalid input: `inputs` is missing; expected an array of {title, text} or {title, html} objects.",
            ),
        ),
        (
            "min_score out of range",
            compare(two(), js(r#"{"min_score": 2}"#)),
            Message::Is("Option `min_score` must be a number from 0 to 1."),
        ),
        (
            "min_shared_words out of range",
            compare(two(), js(r#"{"min_shared_words": 1}"#)),
            Message::Is("Option `min_shared_words` must be a whole number from 2 to 200."),
        ),
        (
            "min_score is a string",
            compare(two(), js(r#"{"min_score": "high"}"#)),
            Message::Has("Invalid `options`: ", &["invalid type", "expected f64"]),
        ),
        (
            "unknown granularity",
            compare(two(), js(r#"{"granularity": "word"}"#)),
            Message::Has(
                "Invalid `options`: unknown variant `word`, expected ",
                &["`sentence`", "`paragraph`"],
            ),
        ),
        (
            "options is a string",
            compare(two(), js(r#""fast""#)),
            Message::Has("Invalid `options`: ", &["invalid type", "\"fast\""]),
        ),
        (
            "options is an array",
            compare(two(), js("[0.5, 6]")),
            Message::Is(
                "Invalid `options`: invalid type: sequence, expected an object of named options.",
            ),
        ),
        (
            "diff option of the wrong type",
            diff("a", "b", Some(js(r#"{"case_sensitive": "no"}"#))),
            Message::Has(
                "Invalid `options`: ",
                &["invalid type", "expected a boolean"],
            ),
        ),
    ]);
}

/// A misspelt option (`minScore`) or field must not be dropped in silence: the CLI's
/// JSON reading rejects it (`deny_unknown_fields`), and so must the page.
///
/// serde-wasm-bindgen alone skips unknown fields (RReverser/serde-wasm-bindgen#39);
/// the adapter checks an options object's keys against the struct's fields first. An input's
/// `url`, `author` and `date` reach the report, and fields the core does not know
/// (metadata an embedder sends along) are accepted.
#[wasm_bindgen_test]
fn misspelt_options_throw_and_extra_input_fields_are_accepted() {
    use parallax::wasm::diff;
    let compare = |inputs, options: JsValue| parallax::wasm::compare(inputs, Some(options), None);
    check_thrown(vec![
        (
            "unknown option",
            compare(js(TWO_INPUTS), js(r#"{"minScore": 0.5}"#)),
            Message::Has(
                "Invalid `options`: unknown field `minScore`, expected one of ",
                &["`min_score`"],
            ),
        ),
        (
            "unknown diff option",
            diff("a", "b", Some(js(r#"{"ignore_case": true}"#))),
            Message::Has(
                "Invalid `options`: unknown field `ignore_case`, expected ",
                &["`case_sensitive`", "`punctuation_sensitive`"],
            ),
        ),
    ]);
    let with_url = js(
        r#"[{"title": "a", "text": "Talks open.", "url": "https://example.org", "author": " Ann Lee ", "outlet": "x"},
            {"text": "Talks end.", "date": "2022-01-10", "lang": "en"}]"#,
    );
    let inputs = [
        Input {
            url: Some("https://example.org".into()),
            author: Some("Ann Lee".into()),
            ..Input::new("a", "Talks open.")
        },
        Input {
            date: Some("2022-01-10".into()),
            ..Input::new("", "Talks end.")
        },
    ];
    let native = parallax::compare(&inputs, &Options::default()).expect("native report");
    let got: Report =
        serde_wasm_bindgen::from_value(compare(with_url, JsValue::UNDEFINED).expect("accepted"))
            .expect("a report");
    assert_eq!(got, native);
    let (first, second) = (got.sources.first(), got.sources.get(1));
    assert_eq!(
        first.and_then(|s| s.url.as_deref()),
        Some("https://example.org")
    );
    assert_eq!(first.and_then(|s| s.author.as_deref()), Some("Ann Lee"));
    assert_eq!(second.and_then(|s| s.date.as_deref()), Some("2022-01-10"));
}

/// The widget and the page show progress: `compare`'s third argument is told each
/// input read and segmented, then each later step, in order; a callback that throws
/// does not stop the comparison.
#[wasm_bindgen_test]
fn compare_reports_progress_in_order() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let seen: Rc<RefCell<Vec<String>>> = Rc::default();
    let log = Rc::clone(&seen);
    let callback = Closure::<dyn FnMut(String, u32, u32)>::new(move |stage, done, total| {
        log.borrow_mut().push(format!("{stage} {done}/{total}"));
    });
    let three = js(
        r#"[{"title": "a", "text": "Talks open in Geneva."}, {"title": "b", "text": "Talks opened in Geneva today."},
            {"title": "c", "html": "<p>Geneva talks begin.</p>"}]"#,
    );
    let report = parallax::wasm::compare(three, None, Some(callback.as_ref().clone().into()))
        .map_err(JsValue::from)
        .expect("compare succeeds");
    assert!(report.is_object());
    assert_eq!(
        *seen.borrow(),
        [
            "reading 0/3",
            "reading 1/3",
            "reading 2/3",
            "segmenting 0/3",
            "segmenting 1/3",
            "segmenting 2/3",
            "aligning 0/1",
            "reporting 0/1"
        ]
    );
    let throwing =
        js_sys::Function::new_with_args("stage", "throw new Error('host bug at ' + stage)");
    let report = parallax::wasm::compare(js(TWO_INPUTS), None, Some(throwing))
        .map_err(JsValue::from)
        .expect("a throwing callback does not stop the comparison");
    assert!(report.is_object());
}

fn ingest_in_js(input: &Input) -> Document {
    let value = serde_wasm_bindgen::to_value(input).expect("input converts to JS");
    let doc = parallax::wasm::ingest(value)
        .map_err(JsValue::from)
        .expect("ingest succeeds");
    serde_wasm_bindgen::from_value(doc).expect("the result decodes into a Document")
}

/// Issue 3: a messy page read in the browser gives the native document, and its
/// block offsets slice the browser's own string (Cyrillic, emoji, combining mark).
#[wasm_bindgen_test]
fn ingest_through_js_equals_native_and_offsets_are_utf16() {
    let text = "Главная | Мир | Политика | Спорт\n\
        Переговоры в Женеве 👍🏽\n\
        Делегации двух стран встретились в понедельник в Женеве, и обе стороны назвали переговоры \
        откровенными и деловыми, хотя прорыва не ждал никто. Cafe\u{301} Central был закрыт.\n\
        Подписывайтесь на наш Telegram-канал\n";
    let html = "<nav><a href=/>Home</a> <a href=/w>World</a></nav><script>alert(1)</script>\
        <h1>Talks open 👍🏽</h1><p>The talks on the dam opened in Vienna on Monday, and the minister \
        called the deal a fair price for clean water.</p><img src=x onerror=alert(1)>";
    for input in [Input::new("ru", text), Input::html("en", html)] {
        let doc = ingest_in_js(&input);
        assert_eq!(Ok(&doc), parallax::ingest(&input).as_ref());
        let kinds: Vec<(BlockKind, String)> = doc
            .blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    js_slice(&doc.text, b.start, b.end).trim().to_string(),
                )
            })
            .collect();
        let want: Vec<(BlockKind, &str)> = if input.html.is_some() {
            vec![
                (BlockKind::Boilerplate, "Home World"),
                (BlockKind::Heading, "Talks open 👍🏽"),
                (BlockKind::Body, "The talks on the dam opened in Vienna on Monday, and the minister called the deal a fair price for clean water."),
            ]
        } else {
            vec![
                (BlockKind::Boilerplate, "Главная | Мир | Политика | Спорт"),
                (BlockKind::Heading, "Переговоры в Женеве 👍🏽"),
                (BlockKind::Body, "Делегации двух стран встретились в понедельник в Женеве, и обе стороны назвали переговоры откровенными и деловыми, хотя прорыва не ждал никто. Cafe\u{301} Central был закрыт."),
                (BlockKind::Boilerplate, "Подписывайтесь на наш Telegram-канал"),
            ]
        };
        let got: Vec<(BlockKind, &str)> = kinds.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(got, want);
        assert!(!doc.text.contains("alert"));
    }
}

#[wasm_bindgen_test]
fn ingest_of_bad_input_throws_a_readable_error() {
    use parallax::wasm::ingest;
    check_thrown(vec![
        (
            "an array",
            ingest(js(r#"[{"text": "x"}]"#)),
            Message::Is("Invalid input: `input` must be a {title, text} or {title, html} object."),
        ),
        (
            "text and html",
            ingest(js(r#"{"text": "x", "html": "<p>y</p>"}"#)),
            Message::Is("Invalid input: a source has both `text` and `html`; give one of them."),
        ),
        (
            "a misspelt override",
            ingest(js(
                r#"{"text": "x", "overrides": [{"at": 0, "included": true}]}"#,
            )),
            Message::Has(
                "Invalid input: `input` must be a {title, text} or {title, html} object (",
                &["missing field `include`"],
            ),
        ),
    ]);
}

/// Digests of the native reports for the seeded cases (tests/determinism.rs checks
/// the native side against the same file).
const DETERMINISM_DIGESTS: &str = include_str!("fixtures/determinism/digests.txt");

#[wasm_bindgen_test]
fn wasm_reports_for_seeded_cases_equal_the_native_ones() {
    let cases = common::determinism_cases(common::DETERMINISM_SEED, common::DETERMINISM_CASES);
    let got: String = cases
        .iter()
        .enumerate()
        .map(|(i, (inputs, options))| {
            let options = serde_wasm_bindgen::to_value(options).expect("options convert to JS");
            let report = parallax::wasm::compare(js_inputs(inputs), Some(options), None)
                .map_err(JsValue::from)
                .expect("every case compares");
            let json = String::from(JSON::stringify(&report).expect("the report stringifies"));
            let value = serde_json::from_str(&json).expect("JSON.stringify output parses");
            format!("case {i} {}\n", common::report_digest(value))
        })
        .collect();
    assert_eq!(
        got, DETERMINISM_DIGESTS,
        "the wasm core's reports differ from the native core's for the same input"
    );
}

/// The crate's NFKC, which the native core uses and the wasm core leaves to the
/// browser, then the case and typography folding both apply.
fn crate_fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    parallax::normalize::fold(&text.nfkc().collect::<String>())
}

#[wasm_bindgen_test]
fn the_browsers_nfkc_folds_words_as_the_native_core_does() {
    use unicode_normalization::{is_nfkc_quick, IsNormalized};
    // Characters of a newer Unicode version than the browser's are unassigned to it,
    // and so left as they are.
    let unassigned = js_sys::RegExp::new(r"^\p{Cn}$", "u");
    // Every character the quick check cannot pass (compatibility forms, combining
    // marks, Hangul jamo…), alone and after a letter it may compose with.
    let mut checked = 0;
    let mut differ = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes || unassigned.test(&c.to_string())
        {
            continue;
        }
        for text in [c.to_string(), format!("a{c}"), format!("\u{1100}{c}")] {
            checked += 1;
            if parallax::normalize::fold(&text) != crate_fold(&text) {
                differ.push(text);
            }
        }
    }
    // Sequences whose marks must be reordered or composed.
    for text in [
        "Cafe\u{301}",
        "И\u{306}ОД",
        "q\u{307}\u{323}",
        "\u{1100}\u{1161}\u{11A8}",
        "ﬁnal ＮＡＴＯ ²",
        "e\u{301}\u{301}",
        "👩\u{200D}🔬\u{FE0F}",
    ] {
        checked += 1;
        if parallax::normalize::fold(text) != crate_fold(text) {
            differ.push(text.to_string());
        }
    }
    assert!(checked > 10_000, "only {checked} texts were checked");
    assert_eq!(
        differ,
        Vec::<String>::new(),
        "the browser folds these otherwise"
    );
}
