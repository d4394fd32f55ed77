//! Parallax compares several sources on one story: which passages speak of the same
//! thing, what wording they share or change, and what text one quotes from another.
//!
//! The pipeline, one module a stage:
//!
//! 1. [`mod@ingest`] reads each input (plain text, Markdown or HTML) and classifies its
//!    blocks: body and headings are compared; captions, page furniture, reader
//!    comments and bylines are kept, marked, and left out unless the reader asks;
//! 2. [`segment`] cuts the compared blocks into sentences (the passages);
//! 3. [`normalize`] turns passages into comparable words;
//! 4. [`index`] weighs words (TF-IDF) and finds candidate pairs through an inverted index;
//! 5. [`align`] pairs each passage with its best match in every other source, or
//!    aligns versions of one text in order;
//! 6. [`reuse`] finds runs of verbatim shared text;
//! 7. [`diff`] shows, on demand, what changed word by word between two passages;
//! 8. [`compare()`] runs it all and returns a [`Report`], whose offsets are UTF-16
//!    code units into the texts as given.
//!
//! ```
//! use parallax::{compare, Input, Options};
//!
//! let report = compare(
//!     &[
//!         Input::new("Wire", "Talks open in Geneva on Monday. Officials expect little."),
//!         Input::new("Paper", "Officials expect little. Talks open in Geneva on Monday, aides said."),
//!     ],
//!     &Options::default(),
//! )?;
//! assert_eq!(report.sources.len(), 2);
//! // Each sentence of the wire finds its counterpart, though the order differs.
//! assert_eq!(report.groups.len(), 2);
//! let text = "Officials expect little. Talks open in Geneva on Monday, aides said.";
//! let m = report.groups[0].members[1];
//! assert_eq!(&text[m.start as usize..m.end as usize], "Talks open in Geneva on Monday, aides said.");
//! # Ok::<(), parallax::Error>(())
//! ```

#![warn(missing_docs)]

pub mod align;
pub mod check;
pub mod compare;
pub mod diff;
pub mod error;
pub mod index;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod offsets;
mod parallel;
pub mod reuse;
pub mod segment;
mod sort;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use compare::{compare, compare_with_progress, Progress, Stage};
pub use diff::word_diff;
pub use error::{Error, ErrorKind, Result};
pub use ingest::ingest;
pub use model::{
    Block, BlockKind, BlockOverride, Comment, DiffKind, DiffOp, DiffOptions, Document, Format,
    Granularity, Group, Input, Limits, Member, Mode, Options, Passage, Report, SharedText, Source,
    Span, WordDiff, LIMITS, SCHEMA_VERSION,
};

/// The version of Parallax, as in `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
