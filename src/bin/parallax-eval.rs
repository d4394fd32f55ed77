//! `parallax-eval`: measures alignment quality on the labelled sets in
//! `../shared/data` with the same pipeline the page runs. Not a test: it prints
//! figures to compare with the baselines quoted in each data set's README.
//!
//! ```text
//! parallax-eval aesop [PATH]   sentence alignment F1 on aesop_gnat (default path
//!                              ../shared/data/aesop_gnat/aesop_alignments.jsonl)
//! ```

use parallax::{compare, Granularity, Input, Mode, Options};
use serde::Deserialize;
use std::collections::HashSet;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("aesop") => aesop(args.get(1).map_or(
            "../shared/data/aesop_gnat/aesop_alignments.jsonl",
            String::as_str,
        )),
        _ => Err("usage: parallax-eval aesop [PATH]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax-eval: {e}");
            ExitCode::from(2)
        }
    }
}

#[derive(Deserialize)]
struct Fable {
    sentences_1: Vec<String>,
    sentences_2: Vec<String>,
    manual: Vec<(i64, i64)>,
}

/// Precision, recall and F1 from counts.
fn prf(tp: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        tp as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn aesop(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let fables: Vec<Fable> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{path}: {e}"))?;
    println!(
        "aesop_gnat: {} fable pairs, sentence alignment, micro P/R/F1 over (i, j) pairs",
        fables.len()
    );
    for mode in [Mode::Topic, Mode::Version, Mode::Auto] {
        println!("\nmode {mode:?}");
        println!("{:>9}  {:>6} {:>6} {:>6}", "min_score", "P", "R", "F1");
        for min_score in [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4] {
            let (mut tp, mut predicted, mut gold) = (0, 0, 0);
            for fable in &fables {
                let gold_pairs: HashSet<(usize, usize)> = fable
                    .manual
                    .iter()
                    .filter(|(_, j)| *j >= 0)
                    .map(|&(i, j)| (i as usize, j as usize))
                    .collect();
                let pred = align_fable(fable, mode, min_score)?;
                tp += pred.intersection(&gold_pairs).count();
                predicted += pred.len();
                gold += gold_pairs.len();
            }
            let (p, r, f) = prf(tp, predicted, gold);
            let mark = if (min_score - Options::default().min_score).abs() < 1e-9 {
                "  (default)"
            } else {
                ""
            };
            println!("{min_score:>9.2}  {p:>6.3} {r:>6.3} {f:>6.3}{mark}");
        }
    }
    println!("baselines (data README): second annotator 0.813, ChatGPT-3.5 0.455, best word-Jaccard 0.475");
    Ok(())
}

/// Aligns one fable: each given sentence is one passage (one paragraph each).
fn align_fable(
    fable: &Fable,
    mode: Mode,
    min_score: f64,
) -> Result<HashSet<(usize, usize)>, String> {
    // Sentences are joined one per paragraph; passage k of a source is sentence k,
    // except that empty sentences make no passage, so keep the index map.
    let build = |sentences: &[String]| -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut index = Vec::new();
        for (k, s) in sentences.iter().enumerate() {
            let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if flat.chars().any(char::is_alphanumeric) {
                text.push_str(&flat);
                text.push_str("\n\n");
                index.push(k);
            }
        }
        (text, index)
    };
    let (a, index_a) = build(&fable.sentences_1);
    let (b, index_b) = build(&fable.sentences_2);
    let options = Options {
        granularity: Granularity::Paragraph,
        mode,
        min_score,
        ..Options::default()
    };
    let report = match compare(&[Input::new("1", a), Input::new("2", b)], &options) {
        Ok(r) => r,
        Err(_) => return Ok(HashSet::new()),
    };
    let offset_b = report
        .sources
        .first()
        .map_or(0, |s| s.passage_count as usize);
    let mut pairs = HashSet::new();
    for g in &report.groups {
        if let [x, y] = g.members.as_slice() {
            let i = index_a.get(x.passage as usize).copied();
            let j = (y.passage as usize)
                .checked_sub(offset_b)
                .and_then(|j| index_b.get(j))
                .copied();
            if let (Some(i), Some(j)) = (i, j) {
                pairs.insert((i, j));
            }
        }
    }
    Ok(pairs)
}
