//! Text to paragraphs and sentences, as byte ranges into the original text.
//!
//! Paragraphs are separated by blank lines; inside a block, each line is its own
//! paragraph unless the block looks hard-wrapped (lines of similar length, as in
//! e-mail or Markdown wrapped at a column). Sentences come from Unicode sentence
//! boundaries (UAX #29, via `unicode-segmentation`), then boundaries after
//! abbreviations and initials ("Dr.", "Jan.", "U.S.", "H.W.") are undone.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A sentence, as a byte range, with the paragraph it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range into the text, trimmed of surrounding whitespace.
    pub range: Range<usize>,
    /// Index of its paragraph in [`paragraphs`]'s output.
    pub paragraph: usize,
}

/// The paragraphs of `text`, as trimmed, non-empty byte ranges in order.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let range = trim(text, pos..pos + line.len());
        pos += line.len();
        if range.is_empty() {
            flush_block(text, &mut block, &mut out);
        } else {
            block.push(range);
        }
    }
    flush_block(text, &mut block, &mut out);
    out
}

fn flush_block(text: &str, block: &mut Vec<Range<usize>>, out: &mut Vec<Range<usize>>) {
    if block.is_empty() {
        return;
    }
    if looks_hard_wrapped(text, block) {
        if let (Some(first), Some(last)) = (block.first(), block.last()) {
            out.push(first.start..last.end);
        }
    } else {
        out.append(block);
    }
    block.clear();
}

/// A block is hard-wrapped when it has several lines, every line but the last is
/// long (at least 40 characters) and they differ in length by less than a third, and
/// no line but the last ends a sentence on its own line followed by a short one.
fn looks_hard_wrapped(text: &str, lines: &[Range<usize>]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let lens: Vec<usize> = lines
        .iter()
        .map(|r| text.get(r.clone()).map_or(0, |s| s.chars().count()))
        .collect();
    let body = lens.get(..lens.len() - 1).unwrap_or(&[]);
    let (Some(&min), Some(&max)) = (body.iter().min(), body.iter().max()) else {
        return false;
    };
    let starts_like_list = lines.iter().any(|r| {
        text.get(r.clone())
            .and_then(|s| s.chars().next())
            .is_some_and(|c| matches!(c, '•' | '-' | '*' | '–' | '—' | '·' | '▪'))
    });
    min >= 40 && (max - min) * 3 < max && !starts_like_list
}

/// The sentences of `text`, given its paragraphs.
pub fn sentences(text: &str, paragraphs: &[Range<usize>]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, para) in paragraphs.iter().enumerate() {
        let Some(para_text) = text.get(para.clone()) else {
            continue;
        };
        let mut current: Option<Range<usize>> = None;
        for (offset, piece) in para_text.split_sentence_bound_indices() {
            let range = trim(text, para.start + offset..para.start + offset + piece.len());
            if range.is_empty() {
                continue;
            }
            current = match current {
                Some(prev) if continues_sentence(text, &prev, &range) => {
                    Some(prev.start..range.end)
                }
                Some(prev) => {
                    out.push(Sentence {
                        range: prev,
                        paragraph: index,
                    });
                    Some(range)
                }
                None => Some(range),
            };
        }
        if let Some(range) = current {
            out.push(Sentence {
                range,
                paragraph: index,
            });
        }
    }
    out
}

/// Words after which a full stop rarely ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "gov", "lt", "col", "sgt", "capt", "maj",
    "adm", "cmdr", "amb", "pres", "sec", "st", "jr", "sr", "rev", "hon", "jan", "feb", "mar",
    "apr", "aug", "sept", "sep", "oct", "nov", "dec", "no", "nos", "vs", "etc", "inc", "corp",
    "co", "ltd", "dept", "approx", "fig", "vol", "pp", "ca", "cf", "e.g", "i.e", "al", "г", "гг",
    "им", "т.е", "т.д", "ул", "проф", "др",
];

/// Words that usually start a sentence, so a dotted acronym before them (as in
/// "talks with the U.S. The meeting") ends the sentence after all.
const SENTENCE_STARTERS: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "it", "we", "he", "she",
    "they", "i", "but", "and", "so", "if", "when", "while", "there", "as", "for", "our", "his",
    "her", "their", "its", "after", "before", "what", "how", "why", "yes", "no",
];

/// Whether `next` continues the sentence `prev`: `prev` ends in an abbreviation or an
/// initial, or `next` does not begin like a sentence.
fn continues_sentence(text: &str, prev: &Range<usize>, next: &Range<usize>) -> bool {
    let (Some(prev_text), Some(next_text)) = (text.get(prev.clone()), text.get(next.clone()))
    else {
        return false;
    };
    let Some(stem) = prev_text.strip_suffix('.') else {
        return false;
    };
    let last_word = stem
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '\''))
        .next()
        .unwrap_or("");
    let first_next = next_text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if first_next.chars().next().is_some_and(|c| c.is_numeric()) {
        // "Jan. 10", "No. 5", "p. 12".
        return ABBREVIATIONS.contains(&last_word.to_lowercase().as_str());
    }
    let lower = last_word.to_lowercase();
    let is_initial = {
        let mut chars = last_word.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    };
    let is_dotted = last_word.contains('.') && last_word.split('.').all(|p| p.chars().count() <= 2);
    if ABBREVIATIONS.contains(&lower.as_str()) && !is_dotted {
        return true;
    }
    if is_initial || is_dotted {
        return !SENTENCE_STARTERS.contains(&first_next.to_lowercase().as_str());
    }
    false
}

/// `range` without leading and trailing whitespace (empty when all whitespace).
pub fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if end <= start {
        start..start
    } else {
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<&str> {
        sentences(text, &paragraphs(text))
            .into_iter()
            .filter_map(|s| text.get(s.range))
            .collect()
    }

    fn paragraph_texts(text: &str) -> Vec<&str> {
        paragraphs(text)
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect()
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_lines() {
        let cases: &[(&str, &[&str])] = &[
            ("One.\n\nTwo.\n", &["One.", "Two."]),
            ("Title\nDecember 6, 2021\n\nBody.", &["Title", "December 6, 2021", "Body."]),
            ("  \n\n", &[]),
            ("\u{a0}Indented\u{a0}\r\n\r\nNext", &["Indented", "Next"]),
            (
                "This paragraph was wrapped at a column by an e-mail\nprogram so its lines are of a similar length\nand end here.",
                &["This paragraph was wrapped at a column by an e-mail\nprogram so its lines are of a similar length\nand end here."],
            ),
            ("• first item\n• second item", &["• first item", "• second item"]),
        ];
        for (text, want) in cases {
            assert_eq!(&paragraph_texts(text), want, "{text:?}");
        }
    }

    #[test]
    fn sentences_survive_abbreviations_initials_and_numbers() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Dr. Smith met U.S. President Biden on Jan. 10 in Geneva. Talks went on.",
                &[
                    "Dr. Smith met U.S. President Biden on Jan. 10 in Geneva.",
                    "Talks went on.",
                ],
            ),
            (
                "George H.W. Bush spoke. The figure was 3.5 percent.",
                &["George H.W. Bush spoke.", "The figure was 3.5 percent."],
            ),
            (
                "Talks with the U.S. The meeting ended.",
                &["Talks with the U.S.", "The meeting ended."],
            ),
            (
                "He said, “We will respond.” Then he left… Later, more.",
                // An ellipsis alone does not end a sentence (UAX #29 agrees).
                &["He said, “We will respond.”", "Then he left… Later, more."],
            ),
            (
                "Переговоры прошли в Женеве. США и Россия продолжат диалог.",
                &[
                    "Переговоры прошли в Женеве.",
                    "США и Россия продолжат диалог.",
                ],
            ),
            (
                "東京で会談が行われた。両国は対話を続ける。",
                &["東京で会談が行われた。", "両国は対話を続ける。"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&sentence_texts(text), want, "{text:?}");
        }
    }
}
