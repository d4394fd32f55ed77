//! The inputs, the options and the report: the data that crosses into JS and the CLI.
//!
//! Every offset in the report is in UTF-16 code units into the input text exactly as
//! given, so JavaScript can call `text.slice(start, end)` with it.

use serde::{Deserialize, Serialize};

/// The version of the report's shape. It changes whenever a field changes meaning or
/// is removed; adding a field does not change it.
pub const SCHEMA_VERSION: u32 = 1;

/// One source to compare: a title and its text. Other fields an embedder sends
/// along (`url`, `author`, …) are ignored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Input {
    /// A name to show for the source (a headline, an outlet, a file name).
    #[serde(default)]
    pub title: String,
    /// The text itself, exactly as pasted or read.
    pub text: String,
}

impl Input {
    /// An input with the given title and text.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Input {
        Input {
            title: title.into(),
            text: text.into(),
        }
    }
}

/// How large the compared passages are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// Sentences (the default): fine-grained pairs, short diffs.
    #[default]
    Sentence,
    /// Paragraphs: fewer, broader pairs.
    Paragraph,
}

/// How passages are aligned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Let the core choose: version mode when the sources' best matches keep
    /// their order (editions, drafts, retellings), else topic mode.
    #[default]
    Auto,
    /// Order-free: each passage pairs with its best match in every other source,
    /// wherever it is (articles on one story).
    Topic,
    /// Order-preserving: sources are versions of one text and are aligned in order,
    /// with 2–1 merges and unaligned passages allowed.
    Version,
}

/// What the comparison does. Every field has a default, so `{}` is a valid value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Passage size.
    pub granularity: Granularity,
    /// Topic or version alignment, or let the core choose.
    pub mode: Mode,
    /// The least similarity (0 to 1, cosine of TF-IDF weights) for two passages to be
    /// reported as aligned.
    pub min_score: f64,
    /// The fewest words a run of shared verbatim text must have to be reported.
    pub min_shared_words: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            granularity: Granularity::Sentence,
            mode: Mode::Auto,
            min_score: 0.3,
            min_shared_words: 6,
        }
    }
}

/// How a word diff compares words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiffOptions {
    /// Whether "Russia" and "russia" differ.
    pub case_sensitive: bool,
    /// Whether a change of punctuation alone shows as a change.
    pub punctuation_sensitive: bool,
}

impl Default for DiffOptions {
    fn default() -> DiffOptions {
        DiffOptions {
            case_sensitive: true,
            punctuation_sensitive: true,
        }
    }
}

/// The result of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`] of this report.
    pub schema: u32,
    /// The version of Parallax that made it.
    pub version: String,
    /// The options it was made with, defaults filled in.
    pub options: Options,
    /// The alignment mode used: `topic` or `version` (never `auto`).
    pub mode: Mode,
    /// The sources, in input order. Other parts refer to them by index.
    pub sources: Vec<Source>,
    /// Every passage of every source, by source, then in reading order.
    pub passages: Vec<Passage>,
    /// Aligned passages: each group holds passages of different sources (at most
    /// one per source) that say much the same thing, so it reads as one row across
    /// the sources. A passage may be in more than one group when it matches two
    /// passages of one other source. Ordered by their members.
    pub groups: Vec<Group>,
    /// Runs of verbatim text shared between sources.
    pub shared: Vec<SharedText>,
    /// `coverage[a][b]`: the share (0 to 1, rounded to 4 places) of source `a`'s
    /// words that lie in passages aligned with a passage of source `b`; 1 on the
    /// diagonal, 0 for a source without words.
    pub coverage: Vec<Vec<f64>>,
}

/// One source as the report sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// A short label: `S1`, `S2`, … in input order.
    pub id: String,
    /// The title given, or the text's first line when none was given.
    pub title: String,
    /// Length of the text in UTF-16 code units.
    pub text_len: u32,
    /// Number of words.
    pub word_count: u32,
    /// Number of passages at the chosen granularity.
    pub passage_count: u32,
    /// The passages (indexes into [`Report::passages`]) aligned with no passage of
    /// any other source: what this source alone says.
    pub unique: Vec<u32>,
}

/// A stretch of one source's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Index into [`Report::sources`].
    pub source: u32,
    /// Start, in UTF-16 code units into the source's text.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
}

/// A passage (sentence or paragraph) of one source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Index into [`Report::passages`].
    pub id: u32,
    /// Index into [`Report::sources`].
    pub source: u32,
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// Which paragraph of its source it is in (0-based).
    pub paragraph: u32,
}

/// Passages of different sources that speak of the same thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Index into [`Report::groups`].
    pub id: u32,
    /// Similarity of the members, from 0 to 1 (the mean over the aligned pairs
    /// inside the group, rounded to 4 places).
    pub score: f64,
    /// Whether, for every aligned pair inside the group, each passage is the
    /// other's best match in its source. In version mode every pair belongs to one
    /// order-preserving alignment, so it is `true`.
    pub mutual: bool,
    /// The aligned passages, in source order, at most one per source.
    pub members: Vec<Member>,
    /// Why they match: the words they share that weigh most in their similarity
    /// (rare words, names and numbers first), at most five, as the first member
    /// writes them.
    pub reasons: Vec<String>,
}

/// One passage in a [`Group`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Index into [`Report::sources`].
    pub source: u32,
    /// Index into [`Report::passages`].
    pub passage: u32,
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
}

/// A run of text that two or more sources share word for word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedText {
    /// Index into [`Report::shared`].
    pub id: u32,
    /// How many words the run has.
    pub words: u32,
    /// Whether some occurrence stands inside quotation marks: a quote the sources
    /// repeat, rather than prose one copied from another.
    pub quoted: bool,
    /// Every place it occurs, in source order (a source may hold it twice).
    pub spans: Vec<Span>,
}

/// A word-level diff of two passages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordDiff {
    /// The edits, in order; together they cover both texts.
    pub ops: Vec<DiffOp>,
    /// Share of the words left unchanged, in per mille (0 to 1000).
    pub same_per_mille: u32,
}

/// One edit of a [`WordDiff`]. Offsets are UTF-16 code units into the two texts given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffOp {
    /// What happened to the text.
    pub kind: DiffKind,
    /// Start in the old (left) text.
    pub old_start: u32,
    /// End (exclusive) in the old text.
    pub old_end: u32,
    /// Start in the new (right) text.
    pub new_start: u32,
    /// End (exclusive) in the new text.
    pub new_end: u32,
}

/// The kind of a [`DiffOp`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// The same in both.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
    /// Old text replaced by new text.
    Replace,
}

/// Limits on what one comparison accepts; past them it fails with a clear error
/// rather than freezing the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most sources in one comparison.
    pub max_sources: usize,
    /// Most UTF-8 bytes of text in all sources together.
    pub max_total_bytes: usize,
}

/// The limits applied by [`crate::compare`].
pub const LIMITS: Limits = Limits {
    max_sources: 500,
    max_total_bytes: 32 * 1024 * 1024,
};
