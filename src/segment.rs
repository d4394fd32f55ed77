//! Text to paragraphs and sentences, as byte ranges into the original text.
//!
//! Paragraphs are separated by blank lines; inside a block, each line is its own
//! paragraph, except that lines wrapped at a column (as in e-mail, Markdown or text
//! copied from a PDF) continue onto the next line. Sentences come from Unicode sentence
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
    let lens: Vec<usize> = block
        .iter()
        .map(|r| text.get(r.clone()).map_or(0, |s| s.chars().count()))
        .collect();
    let full = full_lines(text, block, &lens);
    let mut current: Option<Range<usize>> = None;
    for (i, line) in block.iter().enumerate() {
        let continues = i
            .checked_sub(1)
            .and_then(|p| block.get(p))
            .is_some_and(|prev| !ends_sentence(text, prev) || starts_lowercase(text, line));
        let joins = i > 0
            && full.get(i - 1).copied().unwrap_or(false)
            && continues
            && !starts_list_item(text, line);
        current = match current {
            Some(c) if joins => Some(c.start..line.end),
            Some(c) => {
                out.push(c);
                Some(line.clone())
            }
            None => Some(line.clone()),
        };
    }
    out.extend(current);
    block.clear();
}

/// Which lines of a block are wrapped at a column, so the next line continues
/// them: the block must look hard-wrapped (a column of at most 160 characters that
/// at least a third of its lines, and two or more, come within 15% of), and a wrapped
/// line is one that reaches the column (at least 40 characters).
fn full_lines(text: &str, lines: &[Range<usize>], lens: &[usize]) -> Vec<bool> {
    let width = lens.iter().copied().max().unwrap_or(0);
    let full: Vec<bool> = lens
        .iter()
        .map(|&len| len >= 40 && len * 100 >= width * 85)
        .collect();
    let count = full.iter().filter(|&&f| f).count();
    let wrapped = width <= 160 && count >= 2 && count * 3 >= lines.len();
    if !wrapped || lines.iter().all(|l| starts_list_item(text, l)) {
        return vec![false; lines.len()];
    }
    full
}

fn ends_sentence(text: &str, line: &Range<usize>) -> bool {
    text.get(line.clone())
        .map(|s| s.trim_end_matches(['"', '”', '’', ')']))
        .is_some_and(|s| s.ends_with(['.', '!', '?', ':', '…']))
}

fn starts_lowercase(text: &str, line: &Range<usize>) -> bool {
    text.get(line.clone())
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_lowercase)
}

/// Whether a line starts with a bullet or a dash, as list items do.
fn starts_list_item(text: &str, line: &Range<usize>) -> bool {
    text.get(line.clone())
        .and_then(|s| s.chars().next())
        .is_some_and(|c| matches!(c, '•' | '-' | '*' | '–' | '—' | '·' | '▪'))
}

/// The sentences of `text`, given its paragraphs. Besides sentence ends, an
/// inline bullet ("… • a ceasefire • new talks") starts a sentence of its own.
pub fn sentences(text: &str, paragraphs: &[Range<usize>]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for s in unsplit_sentences(text, paragraphs) {
        let mut start = s.range.start;
        let slice = text.get(s.range.clone()).unwrap_or("");
        for (offset, c) in slice.char_indices() {
            let at = s.range.start + offset;
            let after_space = || {
                slice
                    .get(..offset)
                    .is_some_and(|before| before.ends_with(char::is_whitespace))
            };
            if matches!(c, '•' | '▪' | '◦') && after_space() && at > start {
                let piece = trim(text, start..at);
                if !piece.is_empty() {
                    out.push(Sentence {
                        range: piece,
                        paragraph: s.paragraph,
                    });
                }
                start = at;
            }
        }
        let piece = trim(text, start..s.range.end);
        if !piece.is_empty() {
            out.push(Sentence {
                range: piece,
                paragraph: s.paragraph,
            });
        }
    }
    out
}

fn unsplit_sentences(text: &str, paragraphs: &[Range<usize>]) -> Vec<Sentence> {
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
    // "“Will they agree?” she asked.": a quoted question or exclamation followed
    // by a lower-case word goes on.
    let closed = prev_text.trim_end_matches(['"', '”', '’', '\'', '»', ')']);
    let next_lower = next_text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    if closed.len() < prev_text.len() && closed.ends_with(['?', '!']) && next_lower {
        return true;
    }
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
    // "U.S.", "H.W.": letters between dots ("1.75." is a number ending a sentence).
    let is_dotted = last_word.contains('.')
        && last_word
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
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
            (
                "Russian Troop Movements\nIn mid-October 2021, social media and news outlets began\nreporting movement by Russian military forces on or near\nthe border.\nA Heading\nMany analysts characterize the buildup as significant and\nas falling outside normal rotations.",
                &[
                    "Russian Troop Movements",
                    "In mid-October 2021, social media and news outlets began\nreporting movement by Russian military forces on or near\nthe border.",
                    "A Heading",
                    "Many analysts characterize the buildup as significant and\nas falling outside normal rotations.",
                ],
            ),
            (
                "A short paragraph on its own line, of some length here.\nAnother paragraph on its own line, much longer than the first one, as pasted pages have them, running on and on past any column a mail program would wrap at.\nA third.",
                &[
                    "A short paragraph on its own line, of some length here.",
                    "Another paragraph on its own line, much longer than the first one, as pasted pages have them, running on and on past any column a mail program would wrap at.",
                    "A third.",
                ],
            ),
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
            (
                "Key dates:\n  • January 10: talks in Geneva\n  • January 12: NATO-Russia Council",
                &[
                    "Key dates:",
                    "• January 10: talks in Geneva",
                    "• January 12: NATO-Russia Council",
                ],
            ),
            (
                "The plan has three parts • a ceasefire • a border monitor • new talks",
                &[
                    "The plan has three parts",
                    "• a ceasefire",
                    "• a border monitor",
                    "• new talks",
                ],
            ),
            (
                "He paused... Then he spoke. \"Will they agree?\" she asked. \"No!\" He left.",
                &[
                    "He paused...",
                    "Then he spoke.",
                    "\"Will they agree?\" she asked.",
                    "\"No!\"",
                    "He left.",
                ],
            ),
            (
                "Talks Resume in Vienna\nThe talks resumed on Monday.",
                &["Talks Resume in Vienna", "The talks resumed on Monday."],
            ),
            (
                "Growth was 2.5 percent in Q3, up from 1.75. Prices rose 0.3%.",
                &[
                    "Growth was 2.5 percent in Q3, up from 1.75.",
                    "Prices rose 0.3%.",
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&sentence_texts(text), want, "{text:?}");
        }
    }
}
