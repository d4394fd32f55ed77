//! `parallax-eval`: measures alignment quality on the labelled sets in
//! `../shared/data` with the same pipeline the page runs. Not a test: it prints
//! figures to compare with the baselines quoted in each data set's README.
//!
//! ```text
//! parallax-eval aesop [PATH]   sentence alignment F1 on aesop_gnat (default path
//!                              ../shared/data/aesop_gnat/aesop_alignments.jsonl)
//! parallax-eval aesop-terms [PATH]
//!                              the core's terms of every aesop_gnat sentence, one
//!                              JSON line per fable, for the scratch measurements in
//!                              scripts/ceilings (they replicate the scoring in Python)
//! parallax-eval versions       version alignment on darwin_editions (paragraphs of
//!                              six editions) and bible_versions (verses of four
//!                              translations): pair P/R/F1 against the grouping
//! parallax-eval msrp [PATH]    MSRP paraphrase accuracy/F1 of the pair score, the
//!                              threshold fitted by 10-fold cross-validation (the
//!                              train split is not in ../shared/data)
//! parallax-eval clough [DIR]   clough_stevenson: each answer against its Wikipedia
//!                              source; shared verbatim text found for "cut" answers,
//!                              and how well shared and aligned shares separate cut,
//!                              light, heavy and non (thresholds by leave-one-out)
//! parallax-eval scale [N...]    time and peak memory of the native pipeline on
//!                              20 to 400 generated articles of ~2,000 words
//! parallax-eval ingest [DIR]   body-versus-rest precision and recall of the block
//!                              classifier on the gold-marked pages in DIR (default:
//!                              tests/fixtures/ingest, the development set, then
//!                              tests/fixtures/ingest-heldout, written apart from
//!                              the rules), and how much of the clean
//!                              clough_stevenson answers it keeps
//! ```

use parallax::offsets::byte_of_utf16;
use parallax::{compare, ingest, BlockKind, Document, Format, Granularity, Input, Mode, Options};
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
        Some("aesop-terms") => aesop_terms(args.get(1).map_or(
            "../shared/data/aesop_gnat/aesop_alignments.jsonl",
            String::as_str,
        )),
        Some("scale") => scale(args.get(1..).unwrap_or_default()),
        Some("clough") => clough(
            args.get(1)
                .map_or("../shared/data/clough_stevenson", String::as_str),
        ),
        Some("ingest") => match args.get(1) {
            Some(dir) => ingest_quality(dir, "../shared/data/clough_stevenson/texts"),
            // The development set the rules were written against, then the held-out
            // set written apart from them: the second is the honest figure.
            None => ingest_quality("tests/fixtures/ingest", "").and_then(|()| {
                println!("\n{}\n", "=".repeat(72));
                ingest_quality(
                    "tests/fixtures/ingest-heldout",
                    "../shared/data/clough_stevenson/texts",
                )
            }),
        },
        Some("versions") => versions(args.get(1).map_or("../shared/data", String::as_str)),
        Some("msrp") => msrp(args.get(1).map_or(
            "../shared/data/msrp/msr_paraphrase_test.tsv",
            String::as_str,
        )),
        _ => Err(
            "usage: parallax-eval aesop [PATH] | aesop-terms [PATH] | versions [DATA_DIR] | msrp [PATH] | clough [DIR] | scale [ARTICLES...] | ingest [DIR]"
                .to_string(),
        ),
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

/// Reads a JSON-lines file of records, skipping blank lines.
fn read_jsonl<T: serde::de::DeserializeOwned>(path: &str) -> Result<Vec<T>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{path}: {e}"))
}

fn aesop(path: &str) -> Result<(), String> {
    let fables: Vec<Fable> = read_jsonl(path)?;
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

/// Prints, for each fable, the terms the core scores each sentence by (stemmed
/// and folded as in `compare`), each with whether it is a stopword: one JSON
/// line per fable, `[[[term, stopword], ...] per sentence of story 1, then of
/// story 2]`.
fn aesop_terms(path: &str) -> Result<(), String> {
    use parallax::normalize::{words, Normalizer};
    use std::io::Write;
    let fables: Vec<Fable> = read_jsonl(path)?;
    let mut out = std::io::stdout().lock();
    for fable in &fables {
        let all = fable.sentences_1.join(" ") + " " + &fable.sentences_2.join(" ");
        let normalizer = Normalizer::for_text(&all);
        let sentences: Vec<Vec<(String, bool)>> = fable
            .sentences_1
            .iter()
            .chain(&fable.sentences_2)
            .map(|s| {
                words(s, 0..s.len())
                    .iter()
                    .map(|t| (normalizer.term(&t.norm), normalizer.is_stopword(&t.norm)))
                    .collect()
            })
            .collect();
        let line = serde_json::to_string(&sentences).map_err(|e| e.to_string())?;
        writeln!(out, "{line}").map_err(|e| format!("cannot write: {e}"))?;
    }
    Ok(())
}

/// Aligns one fable: each given sentence is one passage (one paragraph each).
fn align_fable(
    fable: &Fable,
    mode: Mode,
    min_score: f64,
) -> Result<HashSet<(usize, usize)>, String> {
    // Sentences are joined one per paragraph. Ingest may leave one out of the
    // comparison (a moral read as a heading or a caption), so a passage is mapped
    // back to its sentence by where it starts, in UTF-16 units as the report
    // gives offsets.
    let build = |sentences: &[String]| -> (String, Vec<(u32, usize)>) {
        let mut text = String::new();
        let mut starts = Vec::new();
        let mut at = 0u32;
        for (k, s) in sentences.iter().enumerate() {
            let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if flat.chars().any(char::is_alphanumeric) {
                starts.push((at, k));
                at += flat.encode_utf16().count() as u32 + 2;
                text.push_str(&flat);
                text.push_str("\n\n");
            }
        }
        (text, starts)
    };
    let (a, starts_a) = build(&fable.sentences_1);
    let (b, starts_b) = build(&fable.sentences_2);
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
    // The sentence of passage `p`: the last one starting at or before it.
    let sentence = |p: u32| -> Option<usize> {
        let passage = report.passages.get(p as usize)?;
        let starts = if passage.source == 0 {
            &starts_a
        } else {
            &starts_b
        };
        let after = starts.partition_point(|&(at, _)| at <= passage.start);
        starts.get(after.checked_sub(1)?).map(|&(_, k)| k)
    };
    let mut pairs = HashSet::new();
    for g in &report.groups {
        if let [x, y] = g.members.as_slice() {
            if let (Some(i), Some(j)) = (sentence(x.passage), sentence(y.passage)) {
                pairs.insert((i, j));
            }
        }
    }
    Ok(pairs)
}

/// A small deterministic generator (xorshift64*), so every run measures the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Generates `count` articles of about 2,000 words: three quarters synthetic
/// sentences of Zipf-distributed words from a 40,000-word vocabulary (unrelated
/// text), one quarter real sentences of the demo story, some reworded by dropping
/// or swapping a word (the shared reporting the pipeline has to find).
fn corpus(count: usize, story: &[String]) -> Vec<Input> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let syllables = [
        "ka", "lo", "mi", "ren", "to", "sa", "vi", "nor", "el", "ba", "qui", "dor", "pe", "zan",
    ];
    let vocab: Vec<String> = (0..40_000)
        .map(|i| {
            let mut w = String::new();
            let mut n = i + 1;
            while n > 0 {
                w.push_str(syllables.get(n % syllables.len()).copied().unwrap_or("a"));
                n /= syllables.len();
            }
            w
        })
        .collect();
    // Zipf by inverse transform over cumulative 1/rank weights.
    let cumulative: Vec<f64> = vocab
        .iter()
        .enumerate()
        .scan(0.0, |acc, (r, _)| {
            *acc += 1.0 / (r as f64 + 1.0);
            Some(*acc)
        })
        .collect();
    let total = cumulative.last().copied().unwrap_or(1.0);
    (0..count)
        .map(|k| {
            let mut text = String::new();
            let mut words = 0;
            while words < 2_000 {
                if rng.below(4) == 0 && !story.is_empty() {
                    let sentence = story
                        .get(rng.below(story.len()))
                        .cloned()
                        .unwrap_or_default();
                    let mut ws: Vec<&str> = sentence.split_whitespace().collect();
                    if ws.len() > 6 && rng.below(2) == 0 {
                        ws.remove(rng.below(ws.len()));
                    }
                    words += ws.len();
                    text.push_str(&ws.join(" "));
                } else {
                    let len = 8 + rng.below(20);
                    for i in 0..len {
                        let x = (rng.next() % 1_000_000) as f64 / 1_000_000.0 * total;
                        let rank = cumulative.partition_point(|&c| c < x);
                        let w = vocab.get(rank).map_or("x", String::as_str);
                        if i == 0 {
                            let mut cs = w.chars();
                            if let Some(c) = cs.next() {
                                text.extend(c.to_uppercase());
                                text.push_str(cs.as_str());
                            }
                        } else {
                            text.push(' ');
                            text.push_str(w);
                        }
                    }
                    text.push('.');
                    words += len;
                }
                text.push(if rng.below(5) == 0 { '\n' } else { ' ' });
                if text.ends_with('\n') {
                    text.push('\n');
                }
            }
            Input::new(format!("article {k}"), text)
        })
        .collect()
}

/// Peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The scale benchmark at the article counts given (default 20, 50, 100, 200, 400).
fn scale(counts: &[String]) -> Result<(), String> {
    let counts: Vec<usize> = if counts.is_empty() {
        vec![20, 50, 100, 200, 400]
    } else {
        counts
            .iter()
            .map(|c| {
                c.parse()
                    .map_err(|_| format!("not a number of articles: {c}"))
            })
            .collect::<Result<_, _>>()?
    };
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/demo/news");
    let mut story: Vec<String> = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&demo)
        .map_err(|e| format!("{}: {e}", demo.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        story.extend(
            text.lines()
                .filter(|l| l.split_whitespace().count() >= 6)
                .map(str::to_string),
        );
    }
    println!(
        "native pipeline on generated articles (see corpus() for what they hold), release build"
    );
    println!(
        "{:>8} {:>9} {:>10} {:>13} {:>8} {:>8} {:>15}",
        "articles", "words", "time ms", "µs per word", "groups", "shared", "peak RSS MiB"
    );
    for count in counts {
        let inputs = corpus(count, &story);
        let words: usize = inputs
            .iter()
            .map(|i| i.text.split_whitespace().count())
            .sum();
        let start = std::time::Instant::now();
        let report = compare(&inputs, &Options::default()).map_err(|e| e.to_string())?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{count:>8} {words:>9} {ms:>10.0} {:>13.2} {:>8} {:>8} {:>15.0}",
            ms * 1000.0 / words as f64,
            report.groups.len(),
            report.shared.len(),
            peak_rss_mib()
        );
    }
    Ok(())
}

/// One witness of a versions set: its units (verse or paragraph number and text) in order.
type Witness = Vec<(usize, String)>;

/// Scores alignment of versions: each witness's units become its paragraphs; the
/// gold pairs are the same unit in two witnesses, the predicted pairs any two
/// members of one group. Returns (true positives, predicted, gold).
fn score_versions(witnesses: &[Witness], mode: Mode) -> Result<(usize, usize, usize), String> {
    let mut inputs = Vec::new();
    let mut units: Vec<Vec<usize>> = Vec::new();
    for (k, w) in witnesses.iter().enumerate() {
        let mut text = String::new();
        let mut ids = Vec::new();
        for (unit, t) in w {
            let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if flat.chars().any(char::is_alphanumeric) {
                text.push_str(&flat);
                text.push_str("\n\n");
                ids.push(*unit);
            }
        }
        inputs.push(Input::new(format!("witness {k}"), text));
        units.push(ids);
    }
    let options = Options {
        granularity: Granularity::Paragraph,
        mode,
        ..Options::default()
    };
    let report = compare(&inputs, &options).map_err(|e| e.to_string())?;
    // Passage p of the report -> (witness, unit).
    let mut first = vec![0usize; report.sources.len()];
    let mut acc = 0;
    for (k, s) in report.sources.iter().enumerate() {
        if let Some(f) = first.get_mut(k) {
            *f = acc;
        }
        acc += s.passage_count as usize;
    }
    let unit_of = |m: &parallax::Member| -> Option<(usize, usize)> {
        let k = m.source as usize;
        let local = (m.passage as usize).checked_sub(*first.get(k)?)?;
        Some((k, *units.get(k)?.get(local)?))
    };
    let mut predicted: HashSet<((usize, usize), (usize, usize))> = HashSet::new();
    for g in &report.groups {
        let members: Vec<(usize, usize)> = g.members.iter().filter_map(unit_of).collect();
        for (i, a) in members.iter().enumerate() {
            for b in members.iter().skip(i + 1) {
                predicted.insert((*a.min(b), *a.max(b)));
            }
        }
    }
    let mut gold: HashSet<((usize, usize), (usize, usize))> = HashSet::new();
    for (a, ua) in units.iter().enumerate() {
        for (b, ub) in units.iter().enumerate().skip(a + 1) {
            for u in ua.iter().filter(|u| ub.contains(u)) {
                gold.insert(((a, *u), (b, *u)));
            }
        }
    }
    let tp = predicted.intersection(&gold).count();
    Ok((tp, predicted.len(), gold.len()))
}

#[derive(Deserialize)]
struct DarwinParagraph {
    paragraph: usize,
    witnesses: Vec<DarwinWitness>,
}

#[derive(Deserialize)]
struct DarwinWitness {
    edition: String,
    text: String,
}

fn versions(data: &str) -> Result<(), String> {
    let paragraphs: Vec<DarwinParagraph> =
        read_jsonl(&format!("{data}/darwin_editions/darwin_paragraphs.jsonl"))?;
    let editions = ["1859", "1860", "1861", "1866", "1869", "1872"];
    let darwin: Vec<Witness> = editions
        .iter()
        .map(|ed| {
            paragraphs
                .iter()
                .flat_map(|p| {
                    p.witnesses
                        .iter()
                        .filter(|w| w.edition == *ed)
                        .map(|w| (p.paragraph, w.text.clone()))
                })
                .collect()
        })
        .collect();

    let verses_path = format!("{data}/bible_versions/verses.tsv");
    let tsv = std::fs::read_to_string(&verses_path)
        .map_err(|e| format!("cannot read {verses_path}: {e}"))?;
    // One comparison per chapter: four witnesses (kjv, asv, web, tyn), units = verse ids.
    let mut chapters: std::collections::BTreeMap<String, Vec<Witness>> = Default::default();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(id), Some(book), Some(chapter)) = (cols.first(), cols.get(1), cols.get(2)) else {
            continue;
        };
        let id: usize = id
            .parse()
            .map_err(|e| format!("{verses_path}: verse id {id}: {e}"))?;
        let witnesses = chapters
            .entry(format!("{book} {chapter}"))
            .or_insert_with(|| vec![Vec::new(); 4]);
        for (k, w) in witnesses.iter_mut().enumerate() {
            if let Some(t) = cols.get(4 + k) {
                w.push((id, (*t).to_string()));
            }
        }
    }

    println!(
        "version alignment, pair P/R/F1 against the grouping (default min_score {})",
        Options::default().min_score
    );
    println!(
        "{:<36} {:>8}  {:>6} {:>6} {:>6}",
        "set", "mode", "P", "R", "F1"
    );
    for mode in [Mode::Topic, Mode::Version, Mode::Auto] {
        let (tp, pred, gold) = score_versions(&darwin, mode)?;
        let (p, r, f) = prf(tp, pred, gold);
        println!(
            "{:<36} {:>8}  {p:>6.3} {r:>6.3} {f:>6.3}",
            "darwin_editions (6 eds, 47 paras)",
            format!("{mode:?}")
        );
    }
    for mode in [Mode::Topic, Mode::Version, Mode::Auto] {
        let (mut tp, mut pred, mut gold) = (0, 0, 0);
        for witnesses in chapters.values() {
            let (t, p, g) = score_versions(witnesses, mode)?;
            tp += t;
            pred += p;
            gold += g;
        }
        let (p, r, f) = prf(tp, pred, gold);
        println!(
            "{:<36} {:>8}  {p:>6.3} {r:>6.3} {f:>6.3}",
            format!("bible_versions ({} chapters x 4)", chapters.len()),
            format!("{mode:?}")
        );
    }
    Ok(())
}

/// Accuracy and positive-class F1 of `score >= threshold` as "paraphrase".
fn classify(items: &[(bool, f32)], threshold: f32) -> (f64, f64) {
    let (mut tp, mut fp, mut fneg, mut correct) = (0usize, 0usize, 0usize, 0usize);
    for &(label, score) in items {
        let said = score >= threshold;
        correct += usize::from(said == label);
        match (said, label) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fneg += 1,
            _ => {}
        }
    }
    let (_, _, f1) = prf(tp, tp + fp, tp + fneg);
    (correct as f64 / items.len().max(1) as f64, f1)
}

fn msrp(path: &str) -> Result<(), String> {
    use parallax::index::{Similarity, TfIdfIndex};
    use parallax::normalize::{words, Normalizer};
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let rows: Vec<(bool, String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some((
                *cols.first()? == "1",
                (*cols.get(3)?).to_string(),
                (*cols.get(4)?).to_string(),
            ))
        })
        .collect();
    let normalizer =
        Normalizer::for_text("The delegations met in Geneva for talks on Monday, officials said.");
    let terms = |s: &str| -> Vec<String> {
        words(s, 0..s.len())
            .iter()
            .map(|t| normalizer.term(&t.norm))
            .collect()
    };
    let passages: Vec<Vec<String>> = rows
        .iter()
        .flat_map(|(_, a, b)| [terms(a), terms(b)])
        .collect();
    let index = TfIdfIndex::new(passages.iter().map(|p| p.iter().map(String::as_str)));
    let items: Vec<(bool, f32)> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, _, _))| (*label, index.score(2 * i, 2 * i + 1)))
        .collect();
    // 10-fold cross-validation: each fold's threshold is the one with the best
    // accuracy on the other nine folds.
    let folds = 10;
    let (mut predictions, mut thresholds) = (Vec::new(), Vec::new());
    for fold in 0..folds {
        let train: Vec<(bool, f32)> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, x)| *x)
            .collect();
        let best = (0..=100)
            .map(|t| t as f32 / 100.0)
            .max_by(|&a, &b| {
                classify(&train, a)
                    .0
                    .total_cmp(&classify(&train, b).0)
                    .then(b.total_cmp(&a))
            })
            .unwrap_or(0.5);
        thresholds.push(best);
        predictions.extend(
            items
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds == fold)
                .map(|(_, &(label, score))| (label, if score >= best { 1.0 } else { 0.0 })),
        );
    }
    let (acc, f1) = classify(&predictions, 0.5);
    println!(
        "MSRP test ({} pairs): cosine of TF-IDF over stems, IDF from all MSRP sentences",
        items.len()
    );
    println!("threshold by 10-fold cross-validation on the test split (the train split is not available here): {thresholds:?}");
    println!("accuracy {:.1}  F1 {:.1}", acc * 100.0, f1 * 100.0);
    println!("reference (data README): majority 66.5/79.9, word-Jaccard floor 73.0/81.3, best lexical-era 75.6/83.0");
    Ok(())
}

const KINDS: [BlockKind; 6] = [
    BlockKind::Body,
    BlockKind::Heading,
    BlockKind::Caption,
    BlockKind::Boilerplate,
    BlockKind::Comment,
    BlockKind::Metadata,
];

fn kind_name(k: BlockKind) -> &'static str {
    match k {
        BlockKind::Body => "body",
        BlockKind::Heading => "heading",
        BlockKind::Caption => "caption",
        BlockKind::Boilerplate => "boilerplate",
        BlockKind::Comment => "comment",
        BlockKind::Metadata => "metadata",
    }
}

/// Removes the gold markers `⟦kind⟧` from `marked`, returning the clean text and
/// each gold region as (start byte in the clean text, kind), in order.
fn strip_markers(marked: &str) -> Result<(String, Vec<(usize, BlockKind)>), String> {
    let mut clean = String::with_capacity(marked.len());
    let mut regions = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('⟦') {
        clean.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + '⟦'.len_utf8()..).unwrap_or("");
        let close = after.find('⟧').ok_or("a marker is not closed")?;
        let name = after.get(..close).unwrap_or("");
        let kind = KINDS
            .iter()
            .copied()
            .find(|k| kind_name(*k) == name)
            .ok_or_else(|| format!("unknown gold kind `{name}`"))?;
        regions.push((clean.len(), kind));
        rest = after.get(close + '⟧'.len_utf8()..).unwrap_or("");
    }
    clean.push_str(rest);
    Ok((clean, regions))
}

/// Each block with text, as (byte where its text starts, bytes of text, kind).
fn block_starts(doc: &Document) -> Vec<(usize, usize, BlockKind)> {
    doc.blocks
        .iter()
        .filter_map(|b| {
            let start = byte_of_utf16(&doc.text, b.start as usize);
            let end = byte_of_utf16(&doc.text, b.end as usize);
            let slice = doc.text.get(start..end)?;
            let lead = slice.len() - slice.trim_start().len();
            let len = slice.trim().len();
            (len > 0).then_some((start + lead, len, b.kind))
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    /// `confusion[gold][predicted]`, in blocks and in bytes of text.
    blocks: [[usize; 6]; 6],
    bytes: [[usize; 6]; 6],
}

impl Tally {
    fn add(&mut self, gold: BlockKind, predicted: BlockKind, bytes: usize) {
        let g = KINDS.iter().position(|k| *k == gold).unwrap_or(0);
        let p = KINDS.iter().position(|k| *k == predicted).unwrap_or(0);
        if let Some(cell) = self.blocks.get_mut(g).and_then(|r| r.get_mut(p)) {
            *cell += 1;
        }
        if let Some(cell) = self.bytes.get_mut(g).and_then(|r| r.get_mut(p)) {
            *cell += bytes;
        }
    }

    /// Body-versus-rest, where "body" is what is compared by default (body and
    /// headings): precision, recall, F1 over a confusion matrix.
    fn body_prf(m: &[[usize; 6]; 6]) -> (f64, f64, f64) {
        let kept = |k: usize| KINDS.get(k).is_some_and(|k| k.compared_by_default());
        let (mut tp, mut predicted, mut gold) = (0, 0, 0);
        for (g, row) in m.iter().enumerate() {
            for (p, &n) in row.iter().enumerate() {
                if kept(p) {
                    predicted += n;
                }
                if kept(g) {
                    gold += n;
                    if kept(p) {
                        tp += n;
                    }
                }
            }
        }
        prf(tp, predicted, gold)
    }

    fn accuracy(m: &[[usize; 6]; 6]) -> f64 {
        let total: usize = m.iter().flatten().sum();
        let right: usize = m
            .iter()
            .enumerate()
            .map(|(i, r)| r.get(i).copied().unwrap_or(0))
            .sum();
        right as f64 / total.max(1) as f64
    }
}

fn ingest_quality(dir: &str, clean_dir: &str) -> Result<(), String> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {dir}: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    let mut all = Tally::default();
    // PARALLAX_EVAL_VERBOSE=1 lists every block classified against its gold label.
    let verbose = std::env::var_os("PARALLAX_EVAL_VERBOSE").is_some();
    println!("Block classification on the gold-marked pages in {dir}");
    println!("(\"body\" = body and headings, what is compared by default)\n");
    println!(
        "{:<58} {:>6} {:>8} {:>7} {:>7}",
        "file", "blocks", "accuracy", "body P", "body R"
    );
    for path in &files {
        let marked = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let html = name.ends_with(".html") || name.ends_with(".htm");
        let format = if name.ends_with(".md") {
            Some(Format::Markdown)
        } else {
            None
        };
        let make = |s: &str| {
            if html {
                Input::html("", s)
            } else {
                Input {
                    format,
                    ..Input::new("", s)
                }
            }
        };
        let (clean, mut regions) = strip_markers(&marked)?;
        let doc = ingest(&make(&clean)).map_err(|e| e.to_string())?;
        if html {
            // Markers sit in the HTML; find where they land in the extracted text by
            // extracting the marked page too, then stripping the markers from that.
            let marked_doc = ingest(&make(&marked)).map_err(|e| e.to_string())?;
            let (text, found) = strip_markers(&marked_doc.text)?;
            if text != doc.text {
                return Err(format!("{name}: the markers change the extracted text"));
            }
            regions = found;
        }
        let mut tally = Tally::default();
        for (start, len, predicted) in block_starts(&doc) {
            let gold = regions
                .iter()
                .rev()
                .find(|(at, _)| *at <= start)
                .map_or(BlockKind::Boilerplate, |(_, k)| *k);
            tally.add(gold, predicted, len);
            all.add(gold, predicted, len);
            if verbose && gold != predicted {
                let text = doc.text.get(start..start + len).unwrap_or("");
                let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let line: String = line.chars().take(90).collect();
                println!(
                    "    gold {:<11} got {:<11} {line}",
                    kind_name(gold),
                    kind_name(predicted)
                );
            }
        }
        let (p, r, _) = Tally::body_prf(&tally.blocks);
        let n: usize = tally.blocks.iter().flatten().sum();
        println!(
            "{:<58} {:>6} {:>8.3} {:>7.3} {:>7.3}",
            name,
            n,
            Tally::accuracy(&tally.blocks),
            p,
            r
        );
    }
    let (p, r, f) = Tally::body_prf(&all.blocks);
    let (cp, cr, cf) = Tally::body_prf(&all.bytes);
    let n: usize = all.blocks.iter().flatten().sum();
    println!("\nAll {} files, {n} blocks:", files.len());
    println!("  body vs rest, per block:      P {p:.3}  R {r:.3}  F1 {f:.3}");
    println!("  body vs rest, per character:  P {cp:.3}  R {cr:.3}  F1 {cf:.3}");
    println!(
        "  six-way accuracy per block:   {:.3}",
        Tally::accuracy(&all.blocks)
    );
    println!("\nConfusion (rows gold, columns predicted, in blocks):");
    print!("{:<12}", "");
    for k in KINDS {
        print!("{:>12}", kind_name(k));
    }
    println!();
    for (g, row) in all.blocks.iter().enumerate() {
        print!("{:<12}", KINDS.get(g).map_or("", |k| kind_name(*k)));
        for n in row {
            print!("{n:>12}");
        }
        println!();
    }
    // Clean text: nothing should be set aside.
    let clean = match clean_dir {
        "" => None,
        dir => std::fs::read_dir(dir).ok(),
    };
    if let Some(entries) = clean {
        let (mut blocks, mut kept, mut bytes, mut kept_bytes, mut texts) = (0, 0, 0, 0, 0);
        for e in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            let doc = ingest(&Input::new("", text)).map_err(|e| e.to_string())?;
            texts += 1;
            for (_, len, kind) in block_starts(&doc) {
                blocks += 1;
                bytes += len;
                if kind.compared_by_default() {
                    kept += 1;
                    kept_bytes += len;
                }
            }
        }
        println!(
            "\nClean text ({texts} clough_stevenson answers and sources, all body): {:.3} of blocks and {:.3} of characters kept",
            kept as f64 / blocks.max(1) as f64,
            kept_bytes as f64 / bytes.max(1) as f64
        );
    }
    Ok(())
}

/// Categories of clough_stevenson answers, from most reuse to none.
const CLOUGH: [&str; 4] = ["cut", "light", "heavy", "non"];

/// One answer's figures against its source.
struct Reuse {
    category: usize,
    file: String,
    /// Share of the answer's words inside shared spans, verbatim or near-verbatim.
    shared: f64,
    /// Share of the answer's words in passages aligned with the source.
    aligned: f64,
    /// Words of the longest shared span.
    longest: u32,
    /// Words of the longest verbatim stretch (inside near-verbatim text, the longest
    /// stretch its word diff leaves equal): a paste keeps long ones, light edits
    /// break them.
    longest_verbatim: usize,
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    match xs.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => xs.get(n / 2).copied().unwrap_or(f64::NAN),
        n => {
            (xs.get(n / 2 - 1).copied().unwrap_or(0.0) + xs.get(n / 2).copied().unwrap_or(0.0))
                / 2.0
        }
    }
}

/// The category the rule gives: almost no shared text is `non`, some is `heavy`;
/// then the longest verbatim stretch (`t.2` is in hundreds of words) tells light
/// edits from a paste.
fn clough_rule(r: &Reuse, t: (f64, f64, f64)) -> usize {
    if r.shared < t.0 {
        3
    } else if r.shared < t.1 {
        2
    } else if (r.longest_verbatim as f64) < t.2 * 100.0 {
        1
    } else {
        0
    }
}

/// The thresholds with the best accuracy on `items` (ties: the smallest).
fn fit_clough(items: &[&Reuse]) -> (f64, f64, f64) {
    let grid: Vec<f64> = (0..=50).map(|i| f64::from(i) / 50.0).collect();
    let mut best = ((0.0, 0.0, 0.0), 0usize);
    for &a in &grid {
        for &b in grid.iter().filter(|&&b| b >= a) {
            for &c in &grid {
                let t = (a, b, c);
                let right = items
                    .iter()
                    .filter(|r| clough_rule(r, t) == r.category)
                    .count();
                if right > best.1 {
                    best = (t, right);
                }
            }
        }
    }
    best.0
}

fn clough(dir: &str) -> Result<(), String> {
    use parallax::normalize::words;
    let labels = std::fs::read_to_string(format!("{dir}/labels.tsv"))
        .map_err(|e| format!("cannot read {dir}/labels.tsv: {e}"))?;
    let read = |f: &str| {
        std::fs::read_to_string(format!("{dir}/texts/{f}"))
            .map_err(|e| format!("cannot read {dir}/texts/{f}: {e}"))
    };
    let options = Options::default();
    let mut items = Vec::new();
    for line in labels.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(category), Some(source)) = (cols.first(), cols.get(2), cols.get(3))
        else {
            continue;
        };
        let Some(category) = CLOUGH.iter().position(|c| c == category) else {
            continue; // the `orig` rows are the sources themselves
        };
        let answer = read(file)?;
        let inputs = [
            Input::new("answer", answer.clone()),
            Input::new("source", read(source)?),
        ];
        let report = compare(&inputs, &options).map_err(|e| format!("{file}: {e}"))?;
        let answer_words = words(&answer, 0..answer.len());
        let spans: Vec<std::ops::Range<usize>> = report
            .shared
            .iter()
            .flat_map(|s| s.spans.iter())
            .filter(|sp| sp.source == 0)
            .map(|sp| {
                byte_of_utf16(&answer, sp.start as usize)..byte_of_utf16(&answer, sp.end as usize)
            })
            .collect();
        let inside = answer_words
            .iter()
            .filter(|w| spans.iter().any(|sp| sp.contains(&w.range.start)))
            .count();
        let text_of = |sp: &parallax::Span| {
            let text = report
                .sources
                .get(sp.source as usize)
                .map_or("", |s| s.text.as_str());
            text.get(byte_of_utf16(text, sp.start as usize)..byte_of_utf16(text, sp.end as usize))
                .unwrap_or_default()
        };
        let longest_verbatim = report
            .shared
            .iter()
            .map(|s| match s.spans.split_first() {
                Some((first, rest)) if s.edits > 0 => {
                    let old = text_of(first);
                    rest.iter()
                        .flat_map(|other| {
                            parallax::word_diff(old, text_of(other), &Default::default()).ops
                        })
                        .filter(|op| op.kind == parallax::DiffKind::Equal)
                        .map(|op| {
                            words(
                                old,
                                byte_of_utf16(old, op.old_start as usize)
                                    ..byte_of_utf16(old, op.old_end as usize),
                            )
                            .len()
                        })
                        .max()
                        .unwrap_or(0)
                }
                _ => s.words as usize,
            })
            .max()
            .unwrap_or(0);
        items.push(Reuse {
            category,
            file: (*file).to_string(),
            shared: inside as f64 / answer_words.len().max(1) as f64,
            aligned: report
                .coverage
                .first()
                .and_then(|row| row.get(1))
                .copied()
                .unwrap_or(0.0),
            longest: report.shared.iter().map(|s| s.words).max().unwrap_or(0),
            longest_verbatim,
        });
    }
    println!(
        "clough_stevenson: {} answers, each compared with its Wikipedia source (default options)\n",
        items.len()
    );
    println!(
        "category  answers  with shared text  median shared  median aligned  median longest span (verbatim stretch)"
    );
    for (c, name) in CLOUGH.iter().enumerate() {
        let of: Vec<&Reuse> = items.iter().filter(|r| r.category == c).collect();
        println!(
            "{name:<8}  {:>7}  {:>16}  {:>13.2}  {:>14.2}  {:>12} words ({})",
            of.len(),
            of.iter().filter(|r| r.longest > 0).count(),
            median(of.iter().map(|r| r.shared).collect()),
            median(of.iter().map(|r| r.aligned).collect()),
            median(of.iter().map(|r| f64::from(r.longest)).collect()),
            median(of.iter().map(|r| r.longest_verbatim as f64).collect()),
        );
    }
    let missed: Vec<&str> = items
        .iter()
        .filter(|r| r.category == 0 && r.longest == 0)
        .map(|r| r.file.as_str())
        .collect();
    println!("cut answers with no shared span found: {missed:?} (the README names g2pE_taskc and g4pD_taskb as copied from outside the excerpt)");

    // Four-way: thresholds fitted on all but one answer, tried on that one.
    let all: Vec<&Reuse> = items.iter().collect();
    let mut confusion = [[0usize; 4]; 4];
    for (i, r) in items.iter().enumerate() {
        let rest: Vec<&Reuse> = all
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, r)| *r)
            .collect();
        let said = clough_rule(r, fit_clough(&rest));
        if let Some(cell) = confusion
            .get_mut(r.category)
            .and_then(|row| row.get_mut(said))
        {
            *cell += 1;
        }
    }
    let right: usize = confusion
        .iter()
        .enumerate()
        .filter_map(|(c, row)| row.get(c))
        .sum();
    let t = fit_clough(&all);
    println!(
        "\nfour-way (non if shared < a, else heavy if shared < b, else light if the longest verbatim stretch < c words, else cut), leave-one-out: accuracy {:.1}% ({right}/{})",
        100.0 * right as f64 / items.len().max(1) as f64,
        items.len()
    );
    println!(
        "thresholds on all answers: a {:.2}, b {:.2}, c {:.0} words",
        t.0,
        t.1,
        t.2 * 100.0
    );
    println!("confusion (rows gold, columns said; cut light heavy non):");
    for (c, row) in confusion.iter().enumerate() {
        println!("  {:<6} {:?}", CLOUGH.get(c).copied().unwrap_or(""), row);
    }
    // Reuse (cut, light, heavy) against none, on one share at a time.
    for (name, share) in [
        ("aligned", (|r: &Reuse| r.aligned) as fn(&Reuse) -> f64),
        ("shared", |r: &Reuse| r.shared),
    ] {
        let binary = |t: f64, r: &Reuse| (share(r) >= t) == (r.category < 3);
        let fit = |rs: &[&Reuse]| {
            (0..=100)
                .map(|i| f64::from(i) / 100.0)
                .max_by_key(|&t| {
                    (
                        rs.iter().filter(|r| binary(t, r)).count(),
                        std::cmp::Reverse((t * 100.0) as i64),
                    )
                })
                .unwrap_or(0.5)
        };
        let loo = items
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                let rest: Vec<&Reuse> = all
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| j != i)
                    .map(|(_, r)| *r)
                    .collect();
                binary(fit(&rest), r)
            })
            .count();
        let t = fit(&all);
        let same = items.iter().filter(|r| binary(t, r)).count();
        println!(
            "reuse vs none on the {name} share: leave-one-out {:.1}%, one threshold ({t:.2}) fitted on all {:.1}%",
            100.0 * loo as f64 / items.len().max(1) as f64,
            100.0 * same as f64 / items.len().max(1) as f64
        );
    }
    println!("reference (data README): word-trigram containment medians cut 0.76, light 0.53, heavy 0.24, non 0.03; reuse vs none 94.7% with one threshold fitted on all");
    Ok(())
}
