/** What a source is written in. */
export type Format = "text" | "markdown" | "html";
/** What part of a page a block is. */
export type BlockKind = "body" | "heading" | "caption" | "boilerplate" | "comment" | "metadata";
/** How large the compared passages are. */
export type Granularity = "sentence" | "paragraph";
/** How passages are aligned: in any order (topic), in order (version), or the core's choice. */
export type Mode = "auto" | "topic" | "version";
/** The kind of a word-diff edit. */
export type DiffKind = "equal" | "delete" | "insert" | "replace";

/** A reader's decision about one block: compare it or not, whatever its kind. */
export interface BlockOverride {
    /** A UTF-16 offset inside the block. */
    at: number;
    /** Whether the block's text is compared. */
    include: boolean;
}

/** One source to compare: `text` (plain or Markdown) or `html`, with what the reader knows of it. */
export interface Input {
    title?: string;
    text?: string;
    html?: string;
    format?: Format;
    overrides?: BlockOverride[];
    /** Replaces the author found in a byline. */
    author?: string;
    /** Replaces the date found in the text. */
    date?: string;
    /** Where the source was read; carried to the report, never fetched. */
    url?: string;
}

/** What a comparison does; every field has a default. */
export interface Options {
    /** Default "sentence". */
    granularity?: Granularity;
    /** Default "auto". */
    mode?: Mode;
    /** The least similarity (0 to 1) for two passages to be aligned; default 0.3. */
    min_score?: number;
    /** The fewest words (2 to 200) of a shared verbatim run; default 6. */
    min_shared_words?: number;
    /** Compare each source's reader comments as a source of their own; default false. */
    include_comments?: boolean;
}

/** How a word diff compares words; both default to true. */
export interface DiffOptions {
    case_sensitive?: boolean;
    punctuation_sensitive?: boolean;
}

/** A block of a source's text. Offsets are UTF-16 code units; blocks tile the text. */
export interface Block {
    kind: BlockKind;
    start: number;
    end: number;
    /** Whether its text is compared. */
    included: boolean;
}

/** One reader comment. */
export interface Comment {
    start: number;
    end: number;
    author: string | null;
    time: string | null;
}

/** One source on its own, after ingest (`ingest()`). */
export interface Document {
    format: Format;
    /** The text every offset indexes (for HTML, the text taken from it). */
    text: string;
    title: string | null;
    author: string | null;
    date: string | null;
    /** ISO 639-3, when detected. */
    language: string | null;
    blocks: Block[];
    comments: Comment[];
}

/** One source as the report sees it. */
export interface Source {
    /** "S1", "S2", …; "S2c" for the comments of S2. */
    id: string;
    title: string;
    /** For a comments source, the source it belongs to. */
    parent: number | null;
    format: Format;
    /** The text every offset of this source indexes. */
    text: string;
    /** Length of `text` in UTF-16 code units. */
    text_len: number;
    guessed_title: string | null;
    author: string | null;
    date: string | null;
    /** Present when the input gave one. */
    url?: string;
    language: string | null;
    blocks: Block[];
    comments: Comment[];
    word_count: number;
    passage_count: number;
    /** Passages (indexes into `Report.passages`) no other source aligns with. */
    unique: number[];
}

/** A stretch of one source's text, in UTF-16 code units. */
export interface Span {
    source: number;
    start: number;
    end: number;
}

/** A passage (sentence or paragraph) of one source. */
export interface Passage {
    id: number;
    source: number;
    start: number;
    end: number;
    /** Index into its source's `blocks`. */
    paragraph: number;
}

/** One passage in a group. */
export interface Member {
    source: number;
    /** Index into `Report.passages`. */
    passage: number;
    start: number;
    end: number;
}

/** Passages of different sources that speak of the same thing. */
export interface Group {
    id: number;
    /** 0 to 1. */
    score: number;
    /** Whether every pair in it is each other's best match. */
    mutual: boolean;
    /** At most one per source, in source order. */
    members: Member[];
    /** The shared words that weigh most in the match, at most five. */
    reasons: string[];
}

/** A run of text two or more sources share word for word, or nearly. */
export interface SharedText {
    id: number;
    /** Words in its first place (a near-verbatim place may have a few more or fewer). */
    words: number;
    /** Words changed, dropped or added between places: 0 for word-for-word text, more for near-verbatim. */
    edits: number;
    /** Whether some occurrence stands inside quotation marks. */
    quoted: boolean;
    spans: Span[];
}

/** The result of `compare()`. */
export interface Report {
    /** The report format's version (2). */
    schema: number;
    version: string;
    /** The options used, defaults filled in. */
    options: Required<Options>;
    /** The mode used: "topic" or "version" (never "auto"). */
    mode: Mode;
    sources: Source[];
    passages: Passage[];
    groups: Group[];
    shared: SharedText[];
    /** `coverage[a][b]`: the share of a's words in passages aligned with b. */
    coverage: number[][];
}

/** One edit of a word diff; offsets are UTF-16 code units into the two texts. */
export interface DiffOp {
    kind: DiffKind;
    old_start: number;
    old_end: number;
    new_start: number;
    new_end: number;
}

/** A word diff of two passages. */
export interface WordDiff {
    ops: DiffOp[];
    /** Words left unchanged, per mille. */
    same_per_mille: number;
}

/** A step of `compare()`, as its progress callback is told it. */
export type Stage = "reading" | "segmenting" | "aligning" | "reporting";
