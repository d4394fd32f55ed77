//! The TypeScript declarations shipped in the npm package (src/ts/types.d.ts, put into
//! pkg/parallax.d.ts by wasm-bindgen) must name exactly the fields the core writes and
//! reads: each interface's fields are checked against the JSON keys of real values.
//! A field added to a Rust type without its declaration fails here.
#![allow(clippy::indexing_slicing)]

use parallax::{BlockOverride, DiffOptions, Format, Input, Options};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const TYPES: &str = include_str!("../src/ts/types.d.ts");

/// Each `export interface Name { field: …; field?: …; }` as its field names.
fn interfaces() -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, BTreeSet<String>)> = None;
    for line in TYPES.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("export interface ") {
            let name = rest.split_whitespace().next().unwrap_or_default();
            current = Some((name.to_string(), BTreeSet::new()));
        } else if line == "}" {
            if let Some((name, fields)) = current.take() {
                out.insert(name, fields);
            }
        } else if let Some((_, fields)) = current.as_mut() {
            if line.starts_with("/**") || line.starts_with('*') || line.is_empty() {
                continue;
            }
            if let Some((field, _)) = line.split_once(':') {
                fields.insert(field.trim_end_matches('?').to_string());
            }
        }
    }
    out
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).expect("serializes")
}

/// A report with every optional part present: a URL, an author, comments (as their
/// own source), shared text and groups.
fn full_report() -> Value {
    let page = |title: &str, extra: &str| Input {
        html: Some(format!(
            "<article><h1>{title}</h1><p>By Ann Lee</p><p>Talks on European security \
             opened in Geneva on Monday, the delegations said after eight hours.</p>\
             <p>{extra}</p></article><section class=\"comments\"><article class=\"comment\">\
             <span class=\"author\">reader1</span><time>2 hours ago</time><p>Talks on European \
             security opened in Geneva on Monday, they say.</p></article></section>"
        )),
        url: Some(format!("https://example.org/{title}")),
        date: Some("2022-01-10".into()),
        ..Input::default()
    };
    let inputs = [
        page("one", "Grain exports doubled."),
        page("two", "Snow closed the pass."),
    ];
    let options = Options {
        include_comments: true,
        ..Options::default()
    };
    let report = parallax::compare(&inputs, &options).expect("compares");
    assert!(!report.groups.is_empty() && !report.shared.is_empty());
    assert!(report.sources.iter().any(|s| !s.comments.is_empty()));
    json(&report)
}

#[test]
fn every_declared_interface_matches_the_json_the_core_writes() {
    let declared = interfaces();
    let report = full_report();
    let first = |v: &Value, field: &str| v[field][0].clone();
    let source = report["sources"]
        .as_array()
        .and_then(|s| {
            s.iter()
                .find(|s| !s["comments"].as_array().unwrap().is_empty())
        })
        .cloned()
        .expect("a source with comments");
    let doc = json(
        &parallax::ingest(&Input::new(
            "t",
            "Title\n\nBy Ann Lee\n\nA body sentence here.",
        ))
        .expect("ingests"),
    );
    let diff = json(&parallax::word_diff(
        "a b c",
        "a x c",
        &DiffOptions::default(),
    ));
    let input = json(&Input {
        html: Some("<p>x</p>".into()),
        format: Some(Format::Html),
        overrides: vec![BlockOverride {
            at: 0,
            include: true,
        }],
        author: Some("a".into()),
        date: Some("d".into()),
        url: Some("u".into()),
        ..Input::new("t", "x")
    });
    let cases: Vec<(&str, Value)> = vec![
        ("Report", report.clone()),
        ("Source", source.clone()),
        ("Block", first(&source, "blocks")),
        ("Comment", first(&source, "comments")),
        ("Passage", first(&report, "passages")),
        ("Group", first(&report, "groups")),
        ("Member", first(&first(&report, "groups"), "members")),
        ("SharedText", first(&report, "shared")),
        ("Span", first(&first(&report, "shared"), "spans")),
        ("Document", doc),
        ("WordDiff", diff.clone()),
        ("DiffOp", first(&diff, "ops")),
        ("Input", input.clone()),
        ("BlockOverride", first(&input, "overrides")),
        ("Options", json(&Options::default())),
        ("DiffOptions", json(&DiffOptions::default())),
    ];
    for (name, value) in &cases {
        let fields = declared
            .get(*name)
            .unwrap_or_else(|| panic!("types.d.ts declares no interface {name}"));
        assert_eq!(
            fields,
            &keys(value),
            "interface {name} in src/ts/types.d.ts differs from the JSON: {value}"
        );
    }
    let checked: BTreeSet<&str> = cases.iter().map(|(n, _)| *n).collect();
    let unchecked: Vec<&String> = declared
        .keys()
        .filter(|n| !checked.contains(n.as_str()))
        .collect();
    assert!(
        unchecked.is_empty(),
        "interfaces not checked: {unchecked:?}"
    );
}
