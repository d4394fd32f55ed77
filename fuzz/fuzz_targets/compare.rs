//! The whole pipeline on several sources. Sources are built from a shared pool of
//! pieces, so they share words, sentences and paragraphs as real coverage of one story
//! does, and alignment, shared-text and diff code all run. Every report must keep the
//! invariants in `parallax::check`; every error must be one of the documented ones.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use parallax::{ErrorKind, Format, Granularity, Input, Mode, Options};

#[derive(Arbitrary, Debug)]
struct Case<'a> {
    pieces: Vec<&'a str>,
    sources: Vec<Source>,
    paragraph: bool,
    mode: u8,
    min_score: u8,
    min_shared_words: u8,
    include_comments: bool,
}

#[derive(Arbitrary, Debug)]
struct Source {
    /// 0 text, 1 Markdown, 2 HTML.
    format: u8,
    /// Indices into the pool, each followed by a separator chosen by its low bits.
    picks: Vec<u8>,
}

const SEPARATORS: [&str; 4] = [" ", ". ", "\n\n", "\n"];

fuzz_target!(|case: Case<'_>| {
    if case.pieces.is_empty() || case.sources.len() > 8 {
        return;
    }
    let inputs: Vec<Input> = case
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut text = String::new();
            for &pick in s.picks.iter().take(64) {
                let piece = case.pieces.get(usize::from(pick) % case.pieces.len());
                text.push_str(piece.copied().unwrap_or_default());
                text.push_str(
                    SEPARATORS
                        .get(usize::from(pick >> 6))
                        .copied()
                        .unwrap_or(" "),
                );
            }
            match s.format % 3 {
                0 => Input::new(format!("s{i}"), text),
                1 => Input {
                    format: Some(Format::Markdown),
                    ..Input::new(format!("s{i}"), text)
                },
                _ => Input::html(format!("s{i}"), text),
            }
        })
        .collect();
    let options = Options {
        granularity: if case.paragraph {
            Granularity::Paragraph
        } else {
            Granularity::Sentence
        },
        mode: match case.mode % 3 {
            0 => Mode::Auto,
            1 => Mode::Topic,
            _ => Mode::Version,
        },
        min_score: f64::from(case.min_score) / 255.0,
        min_shared_words: u32::from(case.min_shared_words % 12) + 2,
        include_comments: case.include_comments,
    };
    match parallax::compare(&inputs, &options) {
        Ok(report) => {
            if let Err(broken) = parallax::check::report(&inputs, &report) {
                panic!("{broken}");
            }
            // Diff the members of the first group, as the page does on demand.
            if let Some(g) = report.groups.first() {
                if let [a, b, ..] = g.members.as_slice() {
                    let text = |m: &parallax::Member| {
                        let s = &report.sources[m.source as usize].text;
                        let units: Vec<u16> = s.encode_utf16().collect();
                        String::from_utf16(&units[m.start as usize..m.end as usize])
                            .expect("members are on boundaries")
                    };
                    let (old, new) = (text(a), text(b));
                    let d = parallax::word_diff(&old, &new, &Default::default());
                    if let Err(broken) = parallax::check::diff(&old, &new, &d) {
                        panic!("{broken}");
                    }
                }
            }
        }
        Err(e) => {
            // With at most eight small sources and valid options, only too few
            // sources with text can be refused.
            assert!(
                matches!(e.kind(), ErrorKind::TooFewSources { .. }),
                "an unexpected error: {e}"
            );
        }
    }
});
