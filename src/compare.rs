//! The pipeline: inputs and options in, a [`Report`] out.

use crate::align::{best_match_pairs, looks_like_versions, topic_groups, version_pairs, Pair};
use crate::error::{Error, ErrorKind, Result};
use crate::index::TfIdfIndex;
use crate::ingest::{self, Ingested};
use crate::model::{
    BlockKind, Granularity, Group, Input, Member, Mode, Options, Passage, Report, SharedText,
    Source, Span, LIMITS, SCHEMA_VERSION,
};
use crate::normalize::{words, Normalizer, Token};
use crate::offsets::Utf16Map;
use crate::reuse::{group_runs, shared_runs, QuoteMarks};
use crate::segment;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Compares the sources and reports aligned passages and shared text.
///
/// Each input is first read by [`ingest::read`]: only its body and headings are
/// compared (or the blocks the reader chose), and with
/// [`Options::include_comments`] its reader comments become a source of their own.
///
/// # Errors
///
/// Fails with a readable [`Error`] when fewer than two sources have text, when the
/// inputs pass [`LIMITS`], or when an option or an input is invalid.
pub fn compare(inputs: &[Input], options: &Options) -> Result<Report> {
    compare_with_progress(inputs, options, &mut |_| {})
}

/// What [`compare_with_progress`] has done so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The step under way.
    pub stage: Stage,
    /// How many of the step's items are done.
    pub done: usize,
    /// How many items the step has.
    pub total: usize,
}

/// The steps of a comparison, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading each input: its text taken from HTML or Markdown, its blocks classified.
    Reading,
    /// Cutting each source into passages and normalizing their words.
    Segmenting,
    /// Weighting terms and aligning passages across sources.
    Aligning,
    /// Finding shared text and writing the report.
    Reporting,
}

impl Stage {
    /// The stage's name as the JS API gives it: `reading`, `segmenting`, `aligning`, `reporting`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Segmenting => "segmenting",
            Stage::Aligning => "aligning",
            Stage::Reporting => "reporting",
        }
    }
}

/// [`compare`], telling `progress` as each input is read and segmented and as each
/// later step begins, so a page can show how far a long comparison has come.
/// Natively, where the machine's cores read inputs at once, it is told as the
/// calling thread takes each input it reads, with how many are done: counts may
/// repeat and skip, but never go back.
///
/// # Errors
///
/// As [`compare`].
pub fn compare_with_progress(
    inputs: &[Input],
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report> {
    check(inputs, options)?;
    let mut tell = |stage, done, total| progress(Progress { stage, done, total });
    let docs = crate::parallel::map_items(inputs, ingest::read, |i| {
        tell(Stage::Reading, i, inputs.len())
    })
    .into_iter()
    .collect::<Result<Vec<Ingested<'_>>>>()?;
    let units = units(&docs, options.include_comments);
    let mut prepared: Vec<Prepared<'_>> = crate::parallel::map_items(
        &units,
        |unit| prepare(unit, options.granularity),
        |i| tell(Stage::Segmenting, i, units.len()),
    );
    tell(Stage::Aligning, 0, 1);
    let text_of = |s: usize| units.get(s).map_or("", |u| u.doc.text.as_ref());

    // The terms are needed only to build the index, which keeps them as ids: taken
    // out of `prepared` and dropped after (tens of MiB over hundreds of sources).
    let terms: Vec<Terms> = prepared
        .iter_mut()
        .map(|p| std::mem::take(&mut p.terms))
        .collect();
    let index = TfIdfIndex::new(terms.iter().zip(&prepared).flat_map(|(terms, p)| {
        let mut next = 0;
        p.passage_words.iter().map(move |words| {
            let first = next;
            next += words.len();
            (first..next).map(|i| terms.get(i))
        })
    }));
    drop(terms);
    // Passages of all sources, numbered in one sequence.
    let mut source_of = Vec::new();
    let mut passage_tokens: Vec<&[Token]> = Vec::new();
    for (s, p) in prepared.iter().enumerate() {
        for tokens in &p.passage_words {
            source_of.push(s);
            passage_tokens.push(tokens);
        }
    }
    let min_score = options.min_score as f32;
    let topic = || best_match_pairs(&source_of, &index, min_score);
    let ranges = source_ranges(&source_of, prepared.len());
    let (mode, pairs) = match options.mode {
        Mode::Topic => (Mode::Topic, topic()),
        Mode::Version => match version_pairs(&ranges, &index, min_score) {
            Some(pairs) => (Mode::Version, pairs),
            None => (Mode::Topic, topic()),
        },
        Mode::Auto => {
            let pairs = topic();
            match looks_like_versions(&pairs, &source_of)
                .then(|| version_pairs(&ranges, &index, min_score))
            {
                Some(Some(version)) => (Mode::Version, version),
                _ => (Mode::Topic, pairs),
            }
        }
    };

    tell(Stage::Reporting, 0, 1);
    // Everything below converts to the report's UTF-16 offsets.
    let maps: Vec<Utf16Map<'_>> = units
        .iter()
        .map(|u| Utf16Map::new(u.doc.text.as_ref()))
        .collect();
    let u16 = |s: usize, byte: usize| maps.get(s).map_or(0, |m| m.utf16(byte)) as u32;

    let mut passages = Vec::with_capacity(source_of.len());
    for (s, p) in prepared.iter().enumerate() {
        for (range, &paragraph) in p.passages.iter().zip(&p.passage_paragraph) {
            passages.push(Passage {
                id: passages.len() as u32,
                source: s as u32,
                start: u16(s, range.start),
                end: u16(s, range.end),
                paragraph: paragraph as u32,
            });
        }
    }
    let member = |p: usize| -> Option<Member> {
        passages.get(p).map(|x| Member {
            source: x.source,
            passage: x.id,
            start: x.start,
            end: x.end,
        })
    };
    let words_of = |p: usize| passage_tokens.get(p).copied().unwrap_or(&[]);
    let evidence_of = |p: usize| -> Evidence<'_> {
        let source = source_of.get(p).copied().unwrap_or(0);
        Evidence {
            tokens: words_of(p),
            terms: index.term_sequence(p),
            text: text_of(source),
            normalizer: prepared.get(source).map(|x| x.normalizer),
        }
    };
    // Groups and shared text need only what is above, read-only: natively they
    // are found at once, on two cores.
    let (groups, shared) = crate::parallel::both(
        || {
            groups_of(
                &pairs,
                &source_of,
                &index,
                // Versions keep their order, which already keeps a row from chaining; a
                // verse retold in four translations should stay one row.
                if mode == Mode::Version {
                    0.0
                } else {
                    min_score * LINK_FACTOR
                },
                &member,
                &evidence_of,
            )
        },
        || {
            // Shared verbatim runs over each source's whole word sequence.
            let mut vocab: FxHashMap<&str, u32> = FxHashMap::default();
            let word_ids: Vec<Vec<u32>> = prepared
                .iter()
                .map(|p| {
                    p.all_words()
                        .map(|t| {
                            let next = vocab.len() as u32;
                            *vocab.entry(t.norm.as_ref()).or_insert(next)
                        })
                        .collect()
                })
                .collect();
            let runs = shared_runs(&word_ids, options.min_shared_words as usize);
            shared_texts(&text_of, &prepared, &word_ids, &runs, &u16)
        },
    );

    // Which other sources each passage is aligned with.
    let mut aligned_with: Vec<Vec<usize>> = vec![Vec::new(); source_of.len()];
    for pair in &pairs {
        for (p, q) in [(pair.a, pair.b), (pair.b, pair.a)] {
            if let (Some(list), Some(&other)) = (aligned_with.get_mut(p), source_of.get(q)) {
                if !list.contains(&other) {
                    list.push(other);
                }
            }
        }
    }
    let coverage = coverage_matrix(&ranges, &aligned_with, |p| words_of(p).len());
    let sources = units
        .iter()
        .zip(&prepared)
        .enumerate()
        .map(|(s, (unit, p))| {
            let map = maps.get(s);
            let doc = unit.doc;
            Source {
                id: match unit.parent {
                    Some(parent) => format!("S{}c", parent + 1),
                    None => format!("S{}", s + 1),
                },
                title: match unit.parent {
                    Some(parent) => format!(
                        "Comments on {}",
                        inputs
                            .get(parent)
                            .zip(docs.get(parent))
                            .map_or(String::new(), |(i, d)| title_of(i, d, parent))
                    ),
                    None => inputs.get(s).map_or(String::new(), |i| title_of(i, doc, s)),
                },
                parent: unit.parent.map(|p| p as u32),
                format: doc.format,
                text: doc.text.to_string(),
                text_len: map.map_or(0, Utf16Map::len_utf16) as u32,
                guessed_title: doc.title.clone(),
                author: given(unit.parent, inputs.get(s), |i| &i.author)
                    .or_else(|| doc.author.clone()),
                date: given(unit.parent, inputs.get(s), |i| &i.date).or_else(|| doc.date.clone()),
                url: given(unit.parent, inputs.get(s), |i| &i.url),
                language: doc.normalizer.language().map(str::to_string),
                blocks: map.map_or(Vec::new(), |m| {
                    let mut blocks = ingest::blocks_utf16(&doc.blocks, m);
                    for (b, &chosen) in blocks.iter_mut().zip(&unit.chosen) {
                        b.included = chosen;
                    }
                    blocks
                }),
                comments: map.map_or(Vec::new(), |m| ingest::comments_utf16(&doc.comments, m)),
                word_count: p.all_words().count() as u32,
                passage_count: p.passages.len() as u32,
                unique: ranges
                    .get(s)
                    .cloned()
                    .unwrap_or_default()
                    .filter(|&q| aligned_with.get(q).is_some_and(Vec::is_empty))
                    .map(|q| q as u32)
                    .collect(),
            }
        })
        .collect();

    Ok(Report {
        schema: SCHEMA_VERSION,
        version: crate::VERSION.to_string(),
        options: options.clone(),
        mode,
        sources,
        passages,
        groups,
        shared,
        coverage,
    })
}

/// How similar, on average, the passages of two groups must be to each other (as a
/// share of `min_score`) for a pair between them to join them into one row, in
/// topic mode. At 1 the average must itself pass the threshold an aligned pair
/// must pass: the demo's "Putin builds up troops on the border" then stops being
/// pulled into the row of the White House call headlines through "Call with
/// President Putin"; at 0.5 it still was.
const LINK_FACTOR: f32 = 1.0;

/// Clusters the aligned pairs into groups (rows across sources) with their score,
/// mutuality and reasons.
fn groups_of<'a>(
    pairs: &[Pair],
    source_of: &[usize],
    index: &TfIdfIndex,
    min_link: f32,
    member: &impl Fn(usize) -> Option<Member>,
    evidence_of: &impl Fn(usize) -> Evidence<'a>,
) -> Vec<Group> {
    // Where each term is in the reasons being gathered for a group (u32::MAX: not
    // there), kept from group to group.
    let mut slot_of = vec![u32::MAX; index.terms()];
    let mut groups: Vec<Group> = topic_groups(pairs, source_of, index, min_link)
        .into_iter()
        .filter_map(|cluster| {
            let inside: Vec<&Pair> = cluster.pairs.iter().filter_map(|&i| pairs.get(i)).collect();
            let score = inside.iter().map(|p| p.score).sum::<f32>() / inside.len().max(1) as f32;
            Some(Group {
                id: 0,
                score: round4(score),
                mutual: inside.iter().all(|p| p.mutual),
                members: cluster
                    .passages
                    .iter()
                    .map(|&p| member(p))
                    .collect::<Option<Vec<_>>>()?,
                reasons: reasons(index, &inside, evidence_of, &mut slot_of),
            })
        })
        .collect();
    groups
        .iter_mut()
        .enumerate()
        .for_each(|(i, g)| g.id = i as u32);
    groups
}

/// Turns runs of shared words into report items: one per text, with every place
/// it occurs as a UTF-16 span (`u16` converts a byte offset of a source), and
/// whether it stands inside quotation marks somewhere.
fn shared_texts<'t>(
    text_of: &impl Fn(usize) -> &'t str,
    prepared: &[Prepared<'_>],
    docs: &[Vec<u32>],
    runs: &[crate::reuse::SharedRun],
    u16: &impl Fn(usize, usize) -> u32,
) -> Vec<SharedText> {
    // Each source's words in one list, so a run's span is two lookups.
    let flat_words: Vec<Vec<&Token>> = prepared.iter().map(|p| p.all_words().collect()).collect();
    // Each source's quotation marks, found when a run there is first asked about.
    let marks: Vec<std::cell::OnceCell<QuoteMarks<'t>>> = prepared
        .iter()
        .map(|_| std::cell::OnceCell::new())
        .collect();
    let is_quoted = |s: usize, r: &Range<usize>| {
        marks.get(s).is_some_and(|m| {
            m.get_or_init(|| QuoteMarks::new(text_of(s)))
                .is_quoted(r.start, r.end)
        })
    };
    group_runs(docs, runs)
        .iter()
        .enumerate()
        .map(|(id, g)| {
            let places: Vec<(usize, Range<usize>)> = g
                .occurrences
                .iter()
                .filter_map(|&(s, start, len)| {
                    let words = flat_words.get(s)?;
                    Some((
                        s,
                        words.get(start)?.range.start
                            ..words.get(start + len.checked_sub(1)?)?.range.end,
                    ))
                })
                .collect();
            SharedText {
                id: id as u32,
                words: g.occurrences.first().map_or(0, |o| o.2) as u32,
                edits: g.edits as u32,
                quoted: places.iter().any(|(s, r)| is_quoted(*s, r)),
                spans: places
                    .iter()
                    .map(|(s, r)| Span {
                        source: *s as u32,
                        start: u16(*s, r.start),
                        end: u16(*s, r.end),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// One passage's words, term ids and text, to name the reasons it matches.
struct Evidence<'a> {
    tokens: &'a [Token<'a>],
    terms: &'a [u32],
    text: &'a str,
    normalizer: Option<&'a Normalizer>,
}

/// A shared term's summed weight, folded form and form as written.
type Reason<'a> = (f32, &'a str, &'a str);

/// Up to five shared words that weigh most in the similarity of a group's pairs
/// (summed over its pairs), as the text writes them, leaving out function words.
/// `slot_of` has a place for every term of the index, all `u32::MAX`, and is left
/// so.
fn reasons<'a>(
    index: &TfIdfIndex,
    pairs: &[&Pair],
    evidence_of: &impl Fn(usize) -> Evidence<'a>,
    slot_of: &mut [u32],
) -> Vec<String> {
    // Each term once, where `slot_of` says: its summed weight, folded and written
    // forms; a function word is remembered as one (None) so it is looked up once
    // per group. A table by term rather than a hash map: a row of wire copy in
    // hundreds of sources has tens of thousands of pairs.
    let mut found: Vec<(u32, Option<Reason<'_>>)> = Vec::new();
    for pair in pairs {
        let evidence = evidence_of(pair.a);
        // Each term once per pair, so their order does not matter here.
        for (term, w) in index.shared_term_weights(pair.a, pair.b) {
            let Some(slot) = slot_of.get_mut(term as usize) else {
                continue;
            };
            if let Some(entry) = found.get_mut(*slot as usize) {
                if let Some(weight) = &mut entry.1 {
                    weight.0 += w;
                }
                continue;
            }
            let Some(token) = evidence
                .terms
                .iter()
                .position(|&t| t == term)
                .and_then(|i| evidence.tokens.get(i))
            else {
                continue;
            };
            let stop = evidence
                .normalizer
                .is_some_and(|n| n.is_stopword(&token.norm));
            let written = evidence.text.get(token.range.clone()).unwrap_or_default();
            *slot = found.len() as u32;
            found.push((term, (!stop).then_some((w, token.norm.as_ref(), written))));
        }
    }
    for &(term, _) in &found {
        if let Some(slot) = slot_of.get_mut(term as usize) {
            *slot = u32::MAX;
        }
    }
    let mut weights: Vec<(u32, Reason<'_>)> = found
        .into_iter()
        .filter_map(|(term, entry)| Some((term, entry?)))
        .collect();
    crate::sort::sort_by(&mut weights, |(ta, x), (tb, y)| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.cmp(y.1))
            .then(ta.cmp(tb))
    });
    weights
        .into_iter()
        .take(5)
        .map(|(_, (_, _, written))| written.to_string())
        .collect()
}

/// `coverage[a][b]`: share of source `a`'s words in passages aligned with source `b`.
/// One pass over the passages and their aligned sources.
fn coverage_matrix(
    ranges: &[Range<usize>],
    aligned_with: &[Vec<usize>],
    words: impl Fn(usize) -> usize,
) -> Vec<Vec<f64>> {
    let n = ranges.len();
    ranges
        .iter()
        .enumerate()
        .map(|(a, range)| {
            let mut covered = vec![0usize; n];
            let mut total = 0usize;
            for p in range.clone() {
                let w = words(p);
                total += w;
                for &b in aligned_with.get(p).map_or(&[][..], Vec::as_slice) {
                    if let Some(c) = covered.get_mut(b) {
                        *c += w;
                    }
                }
            }
            covered
                .iter()
                .enumerate()
                .map(|(b, &c)| match (a == b, total) {
                    (true, _) => 1.0,
                    (false, 0) => 0.0,
                    (false, t) => round4(c as f32 / t as f32),
                })
                .collect()
        })
        .collect()
}

/// The range of passage numbers of each source, given each passage's source
/// (passages are numbered source by source).
fn source_ranges(source_of: &[usize], sources: usize) -> Vec<Range<usize>> {
    (0..sources)
        .map(|s| {
            let start = source_of.partition_point(|&x| x < s);
            let end = source_of.partition_point(|&x| x <= s);
            start..end
        })
        .collect()
}

fn check(inputs: &[Input], options: &Options) -> Result<()> {
    if !(0.0..=1.0).contains(&options.min_score) {
        return Err(Error::new(ErrorKind::InvalidOption {
            name: "min_score",
            expected: "a number from 0 to 1",
        }));
    }
    if !(2..=200).contains(&options.min_shared_words) {
        return Err(Error::new(ErrorKind::InvalidOption {
            name: "min_shared_words",
            expected: "a whole number from 2 to 200",
        }));
    }
    if inputs.len() > LIMITS.max_sources {
        return Err(Error::new(ErrorKind::TooManySources {
            given: inputs.len(),
            max: LIMITS.max_sources,
        }));
    }
    let len: usize = inputs.iter().map(Input::len).sum();
    if len > LIMITS.max_total_bytes {
        return Err(Error::new(ErrorKind::InputTooLarge {
            len,
            max: LIMITS.max_total_bytes,
        }));
    }
    let usable = inputs
        .iter()
        .filter(|i| {
            i.text.chars().any(char::is_alphanumeric)
                || i.html
                    .as_deref()
                    .is_some_and(|h| h.chars().any(char::is_alphanumeric))
        })
        .count();
    if usable < 2 {
        return Err(Error::new(ErrorKind::TooFewSources {
            given: inputs.len(),
            usable,
        }));
    }
    Ok(())
}

/// What is compared of one ingested input: its own chosen blocks, or (with
/// `include_comments`) its reader comments as a source of their own.
struct Unit<'a> {
    doc: &'a Ingested<'a>,
    /// The source whose comments these are.
    parent: Option<usize>,
    /// Per block of `doc`, whether this unit compares it.
    chosen: Vec<bool>,
}

/// The sources to compare: every input, then the comments of each input that has
/// any (when asked), in input order.
fn units<'a>(docs: &'a [Ingested<'a>], include_comments: bool) -> Vec<Unit<'a>> {
    let mut units: Vec<Unit<'a>> = docs
        .iter()
        .map(|doc| Unit {
            doc,
            parent: None,
            chosen: doc.blocks.iter().map(|b| b.included).collect(),
        })
        .collect();
    if include_comments {
        for (s, doc) in docs.iter().enumerate() {
            let chosen: Vec<bool> = doc
                .blocks
                .iter()
                .map(|b| b.kind == BlockKind::Comment && !b.included)
                .collect();
            if chosen.iter().any(|&c| c) {
                units.push(Unit {
                    doc,
                    parent: Some(s),
                    chosen,
                });
            }
        }
    }
    units
}

/// One source cut into passages and words.
struct Prepared<'a> {
    passages: Vec<Range<usize>>,
    /// The block each passage is in.
    passage_paragraph: Vec<usize>,
    passage_words: Vec<Vec<Token<'a>>>,
    /// The matching term (stem) of each word, in order.
    terms: Terms,
    normalizer: &'a Normalizer,
}

/// Terms stored end to end in one string: one allocation for a source's terms
/// rather than one for each of its words.
#[derive(Default)]
struct Terms {
    text: String,
    /// Where each term ends in `text`.
    ends: Vec<usize>,
}

impl Terms {
    /// Term `i` ("" past the end).
    fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }
}

impl<'a> Prepared<'a> {
    fn all_words(&self) -> impl Iterator<Item = &Token<'a>> {
        self.passage_words.iter().flatten()
    }
}

/// Cuts the chosen blocks of a unit into passages (whole blocks, or their
/// sentences) and words.
fn prepare<'a>(unit: &Unit<'a>, granularity: Granularity) -> Prepared<'a> {
    let text: &str = unit.doc.text.as_ref();
    let (block_of, paragraphs): (Vec<usize>, Vec<Range<usize>>) = unit
        .doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| unit.chosen.get(*i).copied().unwrap_or(false) && !b.range.is_empty())
        .map(|(i, b)| (i, b.range.clone()))
        .unzip();
    let (passages, passage_paragraph): (Vec<Range<usize>>, Vec<usize>) = match granularity {
        Granularity::Paragraph => paragraphs
            .iter()
            .cloned()
            .zip(block_of.iter().copied())
            .unzip(),
        Granularity::Sentence => segment::sentences(text, &paragraphs)
            .into_iter()
            .map(|s| (s.range, block_of.get(s.paragraph).copied().unwrap_or(0)))
            .unzip(),
    };
    let passage_words: Vec<Vec<Token<'a>>> =
        passages.iter().map(|r| words(text, r.clone())).collect();
    let normalizer = &unit.doc.normalizer;
    let mut terms = Terms::default();
    for token in passage_words.iter().flatten() {
        normalizer.push_term(&token.norm, &mut terms.text);
        terms.ends.push(terms.text.len());
    }
    Prepared {
        passages,
        passage_paragraph,
        passage_words,
        terms,
        normalizer,
    }
}

/// What the reader gave for a source (not for a comments source, whose fields are
/// its commenters'), when it is not blank.
fn given(
    parent: Option<usize>,
    input: Option<&Input>,
    field: impl Fn(&Input) -> &Option<String>,
) -> Option<String> {
    let value = field(input.filter(|_| parent.is_none())?)
        .as_deref()?
        .trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The given title, else the headline found in the text, else the first line of
/// its first compared block, else the text's first non-empty line (shortened),
/// else "Source N".
fn title_of(input: &Input, doc: &Ingested<'_>, index: usize) -> String {
    let given = input.title.trim();
    if !given.is_empty() {
        return given.to_string();
    }
    let found = [&doc.title, &doc.fallback_title];
    if let Some(title) = found.into_iter().flatten().find(|t| !t.is_empty()) {
        return title.clone();
    }
    match doc.text.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(line) => ingest::title_from_line(line),
        None => format!("Source {}", index + 1),
    }
}

fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_inputs_give_errors_not_reports() {
        let one = vec![Input::new("a", "Some text here.")];
        let blank = vec![
            Input::new("a", "Some text."),
            Input::new("b", " \n\t\u{a0} "),
        ];
        let cases: Vec<(Vec<Input>, Options, ErrorKind)> = vec![
            (
                vec![],
                Options::default(),
                ErrorKind::TooFewSources {
                    given: 0,
                    usable: 0,
                },
            ),
            (
                one,
                Options::default(),
                ErrorKind::TooFewSources {
                    given: 1,
                    usable: 1,
                },
            ),
            (
                blank,
                Options::default(),
                ErrorKind::TooFewSources {
                    given: 2,
                    usable: 1,
                },
            ),
            (
                vec![Input::new("a", "x"), Input::new("b", "y")],
                Options {
                    min_score: 1.5,
                    ..Options::default()
                },
                ErrorKind::InvalidOption {
                    name: "min_score",
                    expected: "a number from 0 to 1",
                },
            ),
        ];
        for (inputs, options, want) in cases {
            assert_eq!(
                compare(&inputs, &options).map(|_| ()),
                Err(Error::new(want))
            );
        }
    }

    /// Issue 3: page furniture is not compared, and with `include_comments` a
    /// reader comment that quotes the article is found as shared text.
    #[test]
    fn only_the_article_is_compared_and_comments_can_join() {
        let page = "Home | World | Politics | Sport\n\
            Talks Open in Geneva\n\
            Delegations met in Geneva on Monday for talks that officials described as frank and businesslike, though nobody expected a breakthrough soon.\n\
            The deputy secretary said the next round of talks would follow within weeks in Brussels and Vienna.\n\
            Subscribe to our newsletter and never miss a story from Geneva\n\
            2 comments for “Talks Open in Geneva”\n\
            Mark T.\n\
            January 10, 2022 at 15:55\n\
            She said the next round of talks would follow within weeks in Brussels and Vienna. We will see.\n\
            Reply\n";
        let wire = "Officials described the Geneva talks as frank and businesslike. The next round of talks would follow within weeks in Brussels and Vienna, the deputy secretary said.";
        let inputs = [Input::new("Page", page), Input::new("Wire", wire)];
        let report = compare(&inputs, &Options::default()).expect("compares");
        let compared: Vec<&str> = report
            .passages
            .iter()
            .filter(|p| p.source == 0)
            .map(|p| page.get(p.start as usize..p.end as usize).unwrap_or(""))
            .collect();
        assert_eq!(
            compared,
            [
                "Talks Open in Geneva",
                "Delegations met in Geneva on Monday for talks that officials described as frank and businesslike, though nobody expected a breakthrough soon.",
                "The deputy secretary said the next round of talks would follow within weeks in Brussels and Vienna."
            ]
        );
        assert_eq!(report.sources.len(), 2);
        assert_eq!(report.sources[0].title, "Page");

        let with_comments = Options {
            include_comments: true,
            ..Options::default()
        };
        let report = compare(&inputs, &with_comments).expect("compares");
        let ids: Vec<(&str, Option<u32>, &str)> = report
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.parent, s.title.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("S1", None, "Page"),
                ("S2", None, "Wire"),
                ("S1c", Some(0), "Comments on Page")
            ]
        );
        // The comment's quote of the article is shared text between S1 and S1c.
        let quote = "the next round of talks would follow within weeks in Brussels and Vienna";
        let found = report.shared.iter().any(|x| {
            let places: Vec<(u32, &str)> = x
                .spans
                .iter()
                .map(|sp| {
                    let at = |u: u32| crate::offsets::byte_of_utf16(page, u as usize);
                    (sp.source, page.get(at(sp.start)..at(sp.end)).unwrap_or(""))
                })
                .collect();
            places.iter().any(|(s, t)| *s == 0 && t.contains(quote))
                && places.iter().any(|(s, t)| *s == 2 && t.contains(quote))
        });
        assert!(found, "{:?}", report.shared);
        assert_eq!(report.sources[2].comments.len(), 1);
        assert_eq!(
            report.sources[2].comments[0].author.as_deref(),
            Some("Mark T.")
        );
    }

    #[test]
    fn titles_fall_back_to_the_first_line() {
        let cases = [
            (Input::new("  Given  ", "text"), "Given"),
            (Input::new("", "\n\n  First line\nsecond"), "First line"),
            (Input::new("", "   "), "Source 3"),
            // Only furniture: the raw first line, cut by the rule the fallback
            // title from a compared line follows.
            (
                Input::new(
                    "",
                    "Home | World | Politics | Business | Opinion | Sign in | Subscribe | Newsletters | Podcasts",
                ),
                "Home | World | Politics | Business | Opinion | Sign in | Subscribe…",
            ),
        ];
        for (input, want) in cases {
            let doc = ingest::read(&input).ok();
            assert_eq!(doc.map(|d| title_of(&input, &d, 2)).as_deref(), Some(want));
        }
    }

    #[test]
    fn the_readers_author_date_and_url_win_and_blank_ones_do_not() {
        let byline = "Talks resume\n\nBy Ann Lee\n\nTalks on security resumed in Geneva on Monday.";
        let inputs = [
            Input {
                author: Some("  Bo Chen ".into()),
                date: Some("2022-01-10".into()),
                url: Some("https://example.org/a".into()),
                ..Input::new("a", byline)
            },
            Input {
                author: Some("   ".into()),
                ..Input::new("b", byline)
            },
        ];
        let report = compare(&inputs, &Options::default()).ok();
        let field = |s: usize, f: fn(&crate::Source) -> Option<&str>| {
            report.as_ref().and_then(|r| r.sources.get(s)).and_then(f)
        };
        assert_eq!(field(0, |s| s.author.as_deref()), Some("Bo Chen"));
        assert_eq!(field(0, |s| s.date.as_deref()), Some("2022-01-10"));
        assert_eq!(
            field(0, |s| s.url.as_deref()),
            Some("https://example.org/a")
        );
        // Blank: what the byline says stands; no address given, none reported.
        assert_eq!(field(1, |s| s.author.as_deref()), Some("Ann Lee"));
        assert_eq!(field(1, |s| s.url.as_deref()), None);
    }

    #[test]
    fn progress_is_told_in_order_and_the_report_is_the_same() {
        let inputs = [
            Input::new("a", "Talks opened in Geneva. Envoys met."),
            Input::html("b", "<p>Talks opened in Geneva on Monday.</p>"),
            Input::new("c", ""),
        ];
        let mut seen = Vec::new();
        let with = compare_with_progress(&inputs, &Options::default(), &mut |p| {
            seen.push((p.stage.name(), p.done, p.total));
        });
        assert_eq!(with.ok(), compare(&inputs, &Options::default()).ok());
        // Reading then segmenting, each told from 0 done and never going back
        // (items are told one by one on one thread, as in WebAssembly, else as
        // the calling thread takes them), then aligning and reporting.
        let told = |stage| -> Vec<(usize, usize)> {
            seen.iter()
                .filter(|s| s.0 == stage)
                .map(|&(_, done, total)| (done, total))
                .collect()
        };
        for stage in ["reading", "segmenting"] {
            let told = told(stage);
            assert_eq!(told.first(), Some(&(0, 3)), "{stage}: {seen:?}");
            assert!(told.iter().all(|&(done, total)| done <= 3 && total == 3));
            assert!(
                told.windows(2).all(|w| w[0].0 <= w[1].0),
                "{stage}: {seen:?}"
            );
        }
        let mut stages: Vec<&str> = seen.iter().map(|s| s.0).collect();
        stages.dedup();
        assert_eq!(stages, ["reading", "segmenting", "aligning", "reporting"]);
        assert_eq!(seen.last(), Some(&("reporting", 0, 1)));
    }
}
