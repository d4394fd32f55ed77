//! Invariants of the whole pipeline on arbitrary input: it never panics, it is
//! deterministic, and every offset it reports is a UTF-16 boundary inside the text.
//! Native only: proptest (and its getrandom) does not build for wasm32-unknown-unknown;
//! tests/web.rs checks the wasm build gives the same reports.
#![cfg(not(target_arch = "wasm32"))]
// Test code: an out-of-range index here is a failed test, which is what we want.
#![allow(clippy::indexing_slicing)]

use parallax::{
    compare, word_diff, DiffKind, DiffOptions, Granularity, Input, Mode, Options, Report,
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
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

fn utf16(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// `at` is a boundary of `units`: not past the end, not inside a surrogate pair.
fn is_boundary(units: &[u16], at: u32) -> bool {
    let at = at as usize;
    at <= units.len() && (at == 0 || at == units.len() || !(0xDC00..0xE000).contains(&units[at]))
}

fn check_report(inputs: &[Input], report: &Report) -> Result<(), TestCaseError> {
    let texts: Vec<Vec<u16>> = inputs.iter().map(|i| utf16(&i.text)).collect();
    prop_assert_eq!(report.sources.len(), inputs.len());
    for (s, source) in report.sources.iter().enumerate() {
        prop_assert_eq!(source.text_len as usize, texts[s].len());
    }
    let span_ok = |source: u32, start: u32, end: u32| {
        let t = &texts[source as usize];
        start < end && is_boundary(t, start) && is_boundary(t, end)
    };
    let mut last = (0u32, 0u32);
    for (i, p) in report.passages.iter().enumerate() {
        prop_assert_eq!(p.id as usize, i);
        prop_assert!(span_ok(p.source, p.start, p.end), "passage {:?}", p);
        prop_assert!((p.source, p.start) >= last, "passages in order");
        last = (p.source, p.end);
    }
    for g in &report.groups {
        prop_assert!(g.members.len() >= 2);
        prop_assert!((0.0..=1.0).contains(&g.score));
        let mut sources: Vec<u32> = g.members.iter().map(|m| m.source).collect();
        sources.dedup();
        prop_assert_eq!(
            sources.len(),
            g.members.len(),
            "one member per source, in order"
        );
        for m in &g.members {
            let p = &report.passages[m.passage as usize];
            prop_assert_eq!((p.source, p.start, p.end), (m.source, m.start, m.end));
        }
    }
    for s in &report.shared {
        prop_assert!(s.spans.len() >= 2);
        for sp in &s.spans {
            prop_assert!(span_ok(sp.source, sp.start, sp.end), "shared {:?}", sp);
        }
    }
    for (a, row) in report.coverage.iter().enumerate() {
        prop_assert_eq!(row.len(), inputs.len());
        prop_assert_eq!(row[a], 1.0);
        prop_assert!(row.iter().all(|c| (0.0..=1.0).contains(c)));
    }
    Ok(())
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
        };
        match compare(&inputs, &options) {
            Ok(report) => {
                check_report(&inputs, &report)?;
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
        let (o, n) = (utf16(&old), utf16(&new));
        let (mut at_old, mut at_new) = (0u32, 0u32);
        for op in &d.ops {
            prop_assert!(is_boundary(&o, op.old_start) && is_boundary(&o, op.old_end));
            prop_assert!(is_boundary(&n, op.new_start) && is_boundary(&n, op.new_end));
            prop_assert!(op.old_start >= at_old && op.new_start >= at_new, "ops in order");
            if op.kind == DiffKind::Equal {
                prop_assert_eq!(op.old_end - op.old_start > 0, op.new_end - op.new_start > 0);
            }
            at_old = op.old_end;
            at_new = op.new_end;
        }
        prop_assert!(d.same_per_mille <= 1000);
    }
}
