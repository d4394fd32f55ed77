//! From what people paste or drop to a clean, classified source, with nothing thrown
//! away.
//!
//! Plain text and Markdown are cut into blocks (paragraphs, or lines where the text
//! is not hard-wrapped, see [`crate::segment::paragraphs`]); HTML is first turned into
//! text with its block structure by [`html::extract`]. Every block is then
//! classified by [`classify::classify`] as body, heading, caption, boilerplate,
//! comment or metadata. Nothing is deleted: the blocks tile the text, and only which
//! of them are compared depends on their kind and on the reader's overrides.

pub mod classify;
pub mod html;

use crate::error::{Error, Result};
use crate::model::{Block, BlockKind, Comment, Document, Format, Input};
use crate::normalize::Normalizer;
use crate::offsets::Utf16Map;
use crate::segment;
use classify::RawBlock;
use std::borrow::Cow;
use std::ops::Range;

/// A source after ingest, with byte offsets, for the rest of the pipeline.
pub struct Ingested<'a> {
    /// What the input was.
    pub format: Format,
    /// The text all ranges index: the input text, or the text extracted from HTML.
    pub text: Cow<'a, str>,
    /// The blocks, in order.
    pub blocks: Vec<IngestedBlock>,
    /// The reader comments.
    pub comments: Vec<IngestedComment>,
    /// The headline found in the text.
    pub title: Option<String>,
    /// Without a headline, the start of the first compared block
    /// ([`first_compared_line`]): what to call the source when the reader gave no
    /// title, rather than its first line, which on a pasted page is often a menu.
    pub fallback_title: Option<String>,
    /// The author from a byline.
    pub author: Option<String>,
    /// The date line.
    pub date: Option<String>,
    /// The normalizer of the body's language.
    pub normalizer: Normalizer,
}

/// One classified block, in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestedBlock {
    /// Its text, without surrounding whitespace.
    pub range: Range<usize>,
    /// Its share of the tiling: from its start (0 for the first block) to the next
    /// block's start (the text's end for the last).
    pub tile: Range<usize>,
    /// What it is.
    pub kind: BlockKind,
    /// Whether it is compared.
    pub included: bool,
}

/// One reader comment, in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestedComment {
    /// From its first block's start to its last block's end.
    pub range: Range<usize>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When, as written.
    pub time: Option<String>,
}

/// Reads one input: extracts the text of HTML, cuts it into blocks, classifies them
/// and applies the reader's overrides.
///
/// # Errors
///
/// Fails when the input has both `text` and `html`.
pub fn read(input: &Input) -> Result<Ingested<'_>> {
    let format = match (&input.html, input.format) {
        (Some(_), _) if !input.text.is_empty() => {
            return Err(Error::invalid_input(
                "a source has both `text` and `html`; give one of them.",
            ))
        }
        (Some(_), _) | (None, Some(Format::Html)) => Format::Html,
        (None, Some(f)) => f,
        (None, None) => Format::Text,
    };
    let (text, raw, meta): (Cow<'_, str>, Vec<RawBlock>, Option<html::Extracted>) = match format {
        Format::Html => {
            let source = input.html.as_deref().unwrap_or(&input.text);
            let mut extracted = html::extract(source);
            let raw = extracted
                .blocks
                .iter()
                .map(|b| RawBlock {
                    range: b.range.clone(),
                    hints: b.hints,
                })
                .collect();
            let text = std::mem::take(&mut extracted.text);
            (Cow::Owned(text), raw, Some(extracted))
        }
        Format::Text | Format::Markdown => {
            let raw = segment::paragraphs(&input.text)
                .into_iter()
                .map(|range| RawBlock {
                    range,
                    hints: html::Hints::default(),
                })
                .collect();
            (Cow::Borrowed(input.text.as_str()), raw, None)
        }
    };
    // One language detection per source: the classifier's function words and the
    // stemmer of the compared text come from it.
    let normalizer = Normalizer::for_text(&text);
    let classified = classify::classify(&text, &raw, format == Format::Markdown, &normalizer);
    let mut blocks = tile(&text, &raw, &classified.kinds);
    apply_overrides(&text, &mut blocks, input);
    let comments = classified
        .comments
        .iter()
        .filter_map(|c| {
            let first = blocks.get(c.blocks.start)?;
            let last = blocks.get(c.blocks.end.checked_sub(1)?)?;
            Some(IngestedComment {
                range: first.range.start..last.range.end,
                author: c.author.clone(),
                time: c.time.clone(),
            })
        })
        .collect();
    let (title, author, date) = match meta {
        Some(m) => (
            m.title.or(classified.title),
            m.author.or(classified.author),
            m.date.or(classified.date),
        ),
        None => (classified.title, classified.author, classified.date),
    };
    let fallback_title = match &title {
        None => first_compared_line(&text, &blocks),
        Some(_) => None,
    };
    Ok(Ingested {
        format,
        text,
        blocks,
        comments,
        title,
        fallback_title,
        author,
        date,
        normalizer,
    })
}

/// Ingests one input on its own, for a reader who wants to see the cleaned text
/// before comparing: the [`Document`] has UTF-16 offsets, as in the report.
///
/// # Errors
///
/// When the input is larger than [`crate::LIMITS`] allows for all sources together,
/// and as [`read`].
pub fn ingest(input: &Input) -> Result<Document> {
    let max = crate::LIMITS.max_total_bytes;
    if input.len() > max {
        return Err(Error::new(crate::ErrorKind::InputTooLarge {
            len: input.len(),
            max,
        }));
    }
    let x = read(input)?;
    let map = Utf16Map::new(&x.text);
    Ok(Document {
        format: x.format,
        title: x.title.clone(),
        author: x.author.clone(),
        date: x.date.clone(),
        language: x.normalizer.language().map(str::to_string),
        blocks: blocks_utf16(&x.blocks, &map),
        comments: comments_utf16(&x.comments, &map),
        text: x.text.into_owned(),
    })
}

/// The longest title [`title_from_line`] makes, in characters.
const MAX_TITLE_CHARS: usize = 80;

/// A title for a source without a headline: the first line of its first compared
/// body or heading block, never a menu, caption, comment or other furniture (even
/// one the reader chose to compare), made a title by [`title_from_line`].
pub fn first_compared_line(text: &str, blocks: &[IngestedBlock]) -> Option<String> {
    let block = blocks
        .iter()
        .find(|b| b.included && matches!(b.kind, BlockKind::Body | BlockKind::Heading))?;
    let line = text
        .get(block.range.clone())?
        .lines()
        .map(|l| l.trim_start_matches(['#', '>']).trim())
        .find(|l| !l.is_empty())?;
    Some(title_from_line(line))
}

/// `line` as a title, its runs of white space made one space: whole when it fits
/// in 80 characters, else its first sentence when that fits (and is not a
/// mere "Yes."), else its words up to 77 characters and "…". The one rule for
/// every title Parallax makes up from a source's text.
pub fn title_from_line(line: &str) -> String {
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= MAX_TITLE_CHARS {
        return line;
    }
    let whole = 0..line.len();
    let sentence = segment::sentences(&line, std::slice::from_ref(&whole))
        .first()
        .and_then(|s| line.get(s.range.clone()))
        .filter(|s| (12..=MAX_TITLE_CHARS).contains(&s.chars().count()))
        .map(str::to_string);
    if let Some(sentence) = sentence {
        return sentence;
    }
    let room = MAX_TITLE_CHARS - 3;
    let head: String = line.chars().take(room).collect();
    // Cut at the last space when the line goes on mid-word (text without spaces,
    // as in Chinese, is cut where it is).
    let next_is_space = line.chars().nth(room).is_some_and(char::is_whitespace);
    let cut = match head.rfind(' ') {
        Some(at) if !next_is_space && at > room / 2 => head.get(..at).unwrap_or(&head),
        _ => head.as_str(),
    };
    let cut = cut.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-' | '|' | '·' | '•' | '/')
    });
    format!("{cut}…")
}

/// The blocks with UTF-16 offsets.
pub fn blocks_utf16(blocks: &[IngestedBlock], map: &Utf16Map<'_>) -> Vec<Block> {
    blocks
        .iter()
        .map(|b| Block {
            kind: b.kind,
            start: map.utf16(b.tile.start) as u32,
            end: map.utf16(b.tile.end) as u32,
            included: b.included,
        })
        .collect()
}

/// The comments with UTF-16 offsets.
pub fn comments_utf16(comments: &[IngestedComment], map: &Utf16Map<'_>) -> Vec<Comment> {
    comments
        .iter()
        .map(|c| Comment {
            start: map.utf16(c.range.start) as u32,
            end: map.utf16(c.range.end) as u32,
            author: c.author.clone(),
            time: c.time.clone(),
        })
        .collect()
}

/// Blocks that tile the text: each runs from its start to the next one's start.
/// A text with no block (empty, or only spaces) gets one boilerplate block when it
/// is not empty, so that nothing is left uncovered.
fn tile(text: &str, raw: &[RawBlock], kinds: &[BlockKind]) -> Vec<IngestedBlock> {
    if raw.is_empty() {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![IngestedBlock {
                range: 0..0,
                tile: 0..text.len(),
                kind: BlockKind::Boilerplate,
                included: false,
            }]
        };
    }
    raw.iter()
        .enumerate()
        .map(|(i, b)| {
            let start = if i == 0 { 0 } else { b.range.start };
            let end = raw.get(i + 1).map_or(text.len(), |next| next.range.start);
            let kind = kinds.get(i).copied().unwrap_or(BlockKind::Body);
            IngestedBlock {
                range: b.range.clone(),
                tile: start..end,
                kind,
                included: kind.compared_by_default(),
            }
        })
        .collect()
}

/// The reader's calls: the block holding each override's UTF-16 offset is (not)
/// compared, whatever its kind.
fn apply_overrides(text: &str, blocks: &mut [IngestedBlock], input: &Input) {
    if input.overrides.is_empty() {
        return;
    }
    let map = Utf16Map::new(text);
    for o in &input.overrides {
        let at = o.at as usize;
        if let Some(b) = blocks
            .iter_mut()
            .find(|b| map.utf16(b.tile.start) <= at && at < map.utf16(b.tile.end))
        {
            b.included = o.include;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockOverride;

    #[test]
    fn blocks_tile_the_text_and_overrides_apply() {
        let text = "  Home | World | Politics | Sport\n\nThe talks began on Monday in Geneva, and officials from both delegations said they were frank, long and useful, if not decisive.\n\nSubscribe to our newsletter\n";
        let mut input = Input::new("t", text);
        let doc = ingest(&input).map(|d| d.blocks);
        let kinds: Vec<(BlockKind, u32, u32, bool)> = doc
            .unwrap_or_default()
            .iter()
            .map(|b| (b.kind, b.start, b.end, b.included))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Boilerplate, 0, 35, false),
                (BlockKind::Body, 35, 165, true),
                (BlockKind::Boilerplate, 165, 193, false)
            ]
        );
        input.overrides = vec![
            BlockOverride {
                at: 171,
                include: true,
            },
            BlockOverride {
                at: 40,
                include: false,
            },
        ];
        let included: Vec<bool> = ingest(&input)
            .map(|d| d.blocks.iter().map(|b| b.included).collect())
            .unwrap_or_default();
        assert_eq!(included, [false, false, true]);
    }

    #[test]
    fn without_a_headline_the_title_is_the_first_compared_line() {
        let long = "Negotiators from Kyiv and Budapest will meet for three days at the Caf\u{e9} Central in Vienna, officials said on Monday.";
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "the menu is passed over",
                "Home | World | Politics | Sport\nTalks on the Danube dam open in Vienna on Monday, officials said.\nKeep reading\n",
                Some("Talks on the Danube dam open in Vienna on Monday, officials said."),
            ),
            (
                "a long line gives its first sentence when it fits",
                "Skip to content\nTalks open in Vienna. Negotiators from Kyiv and Budapest will meet for three days at the Caf\u{e9} Central.",
                Some("Talks open in Vienna."),
            ),
            (
                "else it is cut at a word",
                long,
                Some("Negotiators from Kyiv and Budapest will meet for three days at the Caf\u{e9}\u{2026}"),
            ),
            (
                "a hard-wrapped paragraph gives its first line",
                "The two governments have argued over the dam\u{a0}water levels\nfor a decade, and the last round of talks collapsed in March.\n",
                Some("The two governments have argued over the dam water levels"),
            ),
            ("nothing compared, no title", "Subscribe to our newsletter", None),
        ];
        for (why, text, want) in cases {
            let input = Input::new("", *text);
            let x = read(&input);
            let got = x
                .as_ref()
                .map(|x| (x.fallback_title.as_deref(), x.title.as_deref()));
            assert_eq!(got.ok(), Some((*want, None)), "{why}");
        }
        // The cleaned view reports only the headline the text states.
        let pasted = "Home | World | Politics | Sport\nTalks on the Danube dam open in Vienna on Monday, officials said.";
        assert_eq!(ingest(&Input::new("", pasted)).map(|d| d.title), Ok(None));
    }

    #[test]
    fn html_and_text_together_is_an_error_and_empty_text_has_no_blocks() {
        let both = Input {
            html: Some("<p>x</p>".into()),
            ..Input::new("t", "x")
        };
        assert_eq!(
            ingest(&both).map(|_| ()),
            Err(Error::invalid_input(
                "a source has both `text` and `html`; give one of them."
            ))
        );
        let empty = ingest(&Input::new("t", "")).map(|d| d.blocks.len());
        assert_eq!(empty, Ok(0));
        let blank = ingest(&Input::new("t", " \n ")).map(|d| d.blocks);
        assert_eq!(
            blank,
            Ok(vec![Block {
                kind: BlockKind::Boilerplate,
                start: 0,
                end: 3,
                included: false
            }])
        );
    }
}
