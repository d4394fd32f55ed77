//! The inputs, the options and the report: the data that crosses into JS and the CLI.
//!
//! Every offset in the report is in UTF-16 code units into the input text exactly as
//! given, so JavaScript can call `text.slice(start, end)` with it.

use serde::{Deserialize, Serialize};

/// The version of the report's shape. It changes whenever a field changes meaning or
/// is removed; adding a field does not change it.
pub const SCHEMA_VERSION: u32 = 2;

/// One source to compare: a title and its text (plain or Markdown) or its HTML,
/// with what the reader knows about it (author, date, address). Other fields an
/// embedder sends along are ignored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Input {
    /// A name to show for the source (a headline, an outlet, a file name).
    #[serde(default)]
    pub title: String,
    /// The text itself, exactly as pasted or read (plain text or Markdown).
    #[serde(default)]
    pub text: String,
    /// An HTML page or fragment, instead of `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// What `text` is; HTML is implied by `html`. Unset: plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// The reader's own calls on which blocks to compare, overriding the classifier.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<BlockOverride>,
    /// The author, as the reader gives it; when set (and not blank) it replaces
    /// the one found in a byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The date, as the reader gives it; when set (and not blank) it replaces the
    /// one found in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the source was read (a web address, a file name): carried to the
    /// report as given, never fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Input {
    /// An input with the given title and plain text.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Input {
        Input {
            title: title.into(),
            text: text.into(),
            ..Input::default()
        }
    }

    /// An input with the given title and HTML.
    pub fn html(title: impl Into<String>, html: impl Into<String>) -> Input {
        Input {
            title: title.into(),
            html: Some(html.into()),
            ..Input::default()
        }
    }

    /// Bytes of text or HTML this input holds.
    pub fn len(&self) -> usize {
        self.text.len() + self.html.as_ref().map_or(0, String::len)
    }

    /// Whether it holds no text and no HTML at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The kind of a source's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text, as copied from a page or a document.
    #[default]
    Text,
    /// Markdown: `#` headings, `[links](…)`, `![images](…)` are recognised.
    Markdown,
    /// HTML: the text is extracted from it, keeping its block structure.
    Html,
}

/// A reader's decision about one block: compare it or not, whatever its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockOverride {
    /// A UTF-16 offset inside the block (its `start` will do).
    pub at: u32,
    /// Whether the block's text is compared.
    pub include: bool,
}

/// What part of a page a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The article's own text.
    Body,
    /// The headline or a section heading.
    Heading,
    /// A photo caption or credit.
    Caption,
    /// Page furniture: navigation, share and follow buttons, newsletter and donation
    /// appeals, teasers for other stories, cookie notices, image file names, footers.
    Boilerplate,
    /// Reader comments and their thread's furniture.
    Comment,
    /// Byline, date line and the like.
    Metadata,
}

impl BlockKind {
    /// Whether blocks of this kind are compared unless the reader says otherwise.
    pub fn compared_by_default(self) -> bool {
        matches!(self, BlockKind::Body | BlockKind::Heading)
    }
}

/// A block of a source's text (a paragraph, a heading, a line of page furniture).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Start, in UTF-16 code units. Blocks tile the text: the first starts at 0,
    /// each ends where the next starts, the last at the text's end.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units; the whitespace after a block is its own.
    pub end: u32,
    /// Whether its text is compared: by default body and headings, unless a
    /// [`BlockOverride`] says otherwise.
    pub included: bool,
}

/// One reader comment: a run of comment blocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// Who wrote it, when the page says.
    pub author: Option<String>,
    /// When, as the page writes it.
    pub time: Option<String>,
}

/// A source after ingest: its text, cut into classified blocks, with what the text
/// says about itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// What the input was.
    pub format: Format,
    /// The text every offset indexes: the input text as given, or for HTML the text
    /// extracted from it (blocks separated by blank lines).
    pub text: String,
    /// The headline, as the text states it.
    pub title: Option<String>,
    /// The author, from a byline.
    pub author: Option<String>,
    /// The date, as written.
    pub date: Option<String>,
    /// The language of the body (ISO 639-3, such as `eng` or `rus`), when detected.
    pub language: Option<String>,
    /// The blocks, in order, tiling [`Document::text`].
    pub blocks: Vec<Block>,
    /// The reader comments, in order.
    pub comments: Vec<Comment>,
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
    /// with 2–1 and 1–2 merges (up to three passages with one) and unaligned
    /// passages allowed.
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
    /// Whether reader comments are compared too, each source's as a source of their
    /// own (with [`Source::parent`] set), so a comment quoting the article is found.
    pub include_comments: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            granularity: Granularity::Sentence,
            mode: Mode::Auto,
            min_score: 0.3,
            min_shared_words: 6,
            include_comments: false,
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
    /// The title given, else the headline found in the text, else its first line.
    pub title: String,
    /// The source whose reader comments this source is (with
    /// [`Options::include_comments`]); its offsets index that source's text.
    pub parent: Option<u32>,
    /// What the input was.
    pub format: Format,
    /// The text every offset of this source indexes: the input text as given, or
    /// the text extracted from the HTML.
    pub text: String,
    /// Length of the text in UTF-16 code units.
    pub text_len: u32,
    /// The headline found in the text, if any.
    pub guessed_title: Option<String>,
    /// The author the reader gave, else the one named in a byline, if any.
    pub author: Option<String>,
    /// The date the reader gave, else the one the text states, as written.
    pub date: Option<String>,
    /// Where the source was read, as the input gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The body's language (ISO 639-3), when detected.
    pub language: Option<String>,
    /// The text's blocks, classified, tiling the text.
    pub blocks: Vec<Block>,
    /// Reader comments found in the text.
    pub comments: Vec<Comment>,
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
    /// Which block of its source it is in (an index into [`Source::blocks`]).
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
    /// How many words the run has (in its first place: a near-verbatim place may
    /// have a few more or fewer).
    pub words: u32,
    /// Words changed, dropped or added between its first place and the place that
    /// differs most: 0 when every place has the very same words. More for
    /// near-verbatim text: runs of identical words joined across small edits (up to
    /// three words on either side, with three words agreeing after each).
    pub edits: u32,
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

/// The limits applied by [`crate::compare()`].
pub const LIMITS: Limits = Limits {
    max_sources: 500,
    max_total_bytes: 32 * 1024 * 1024,
};
