//! Word diffs of two passages, with `similar`, mapped back to UTF-16 offsets.
//!
//! Both texts are cut at Unicode word boundaries; words are compared by a key that
//! honours the case and punctuation options, and runs of spaces compare equal. After
//! the diff, a cleanup pass merges edits separated only by spaces, punctuation or a
//! single short word, so the result reads like an editor's markup, not confetti.

use crate::model::{DiffKind, DiffOp, DiffOptions, WordDiff};
use crate::normalize::{canonical, fold, is_word};
use crate::offsets::Utf16Map;
use similar::{capture_diff_slices, Algorithm};
use unicode_segmentation::UnicodeSegmentation;

/// Diffs `old` against `new` word by word.
pub fn word_diff(old: &str, new: &str, options: &DiffOptions) -> WordDiff {
    let old_tokens = tokens(old, options);
    let new_tokens = tokens(new, options);
    let old_keys: Vec<&str> = old_tokens.iter().map(|t| t.key.as_str()).collect();
    let new_keys: Vec<&str> = new_tokens.iter().map(|t| t.key.as_str()).collect();
    let raw = capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys);

    // `similar`'s patience diff can place the empty side of a deletion or an
    // insertion anywhere (a deletion at new word 14 between edits at word 8):
    // each empty side is put where the other text stands at that point, so
    // edits stay in order when the cleanup below joins them.
    let (mut at_old, mut at_new) = (0, 0);
    let mut edits: Vec<Edit> = raw
        .iter()
        .map(|op| {
            let (tag, mut o, mut n) = op.as_tag_tuple();
            if o.is_empty() {
                o = at_old..at_old;
            }
            if n.is_empty() {
                n = at_new..at_new;
            }
            (at_old, at_new) = (o.end, n.end);
            Edit {
                kind: match tag {
                    similar::DiffTag::Equal => DiffKind::Equal,
                    similar::DiffTag::Delete => DiffKind::Delete,
                    similar::DiffTag::Insert => DiffKind::Insert,
                    similar::DiffTag::Replace => DiffKind::Replace,
                },
                old: o,
                new: n,
            }
        })
        .collect();
    cleanup(&mut edits, &old_tokens, &new_tokens);

    let old_map = Utf16Map::new(old);
    let new_map = Utf16Map::new(new);
    let byte_range = |toks: &[Token], r: &std::ops::Range<usize>, text_len: usize| {
        let start = toks.get(r.start).map_or(text_len, |t| t.start);
        let end = r
            .end
            .checked_sub(1)
            .and_then(|i| toks.get(i))
            .map_or(start, |t| t.end)
            .max(start);
        (start, end)
    };
    let ops = edits
        .iter()
        .map(|e| {
            let (os, oe) = byte_range(&old_tokens, &e.old, old.len());
            let (ns, ne) = byte_range(&new_tokens, &e.new, new.len());
            DiffOp {
                kind: e.kind,
                old_start: old_map.utf16(os) as u32,
                old_end: old_map.utf16(oe) as u32,
                new_start: new_map.utf16(ns) as u32,
                new_end: new_map.utf16(ne) as u32,
            }
        })
        .collect();

    let count_words = |toks: &[Token], r: &std::ops::Range<usize>| {
        toks.get(r.clone())
            .map_or(0, |s| s.iter().filter(|t| t.word).count())
    };
    let same: usize = edits
        .iter()
        .filter(|e| e.kind == DiffKind::Equal)
        .map(|e| count_words(&old_tokens, &e.old))
        .sum();
    let total_old = old_tokens.iter().filter(|t| t.word).count();
    let total_new = new_tokens.iter().filter(|t| t.word).count();
    let denom = total_old.max(total_new);
    let same_per_mille = (same * 1000).checked_div(denom).map_or(1000, |x| x as u32);
    WordDiff {
        ops,
        same_per_mille,
    }
}

struct Token {
    start: usize,
    end: usize,
    key: String,
    word: bool,
}

fn tokens(text: &str, options: &DiffOptions) -> Vec<Token> {
    text.split_word_bound_indices()
        .map(|(start, seg)| {
            let word = is_word(seg);
            let key = if seg.trim().is_empty() {
                " ".to_string()
            } else if word && !options.case_sensitive {
                fold(seg)
            } else if !word && !options.punctuation_sensitive {
                // All punctuation compares equal, so only words show as changes.
                "·".to_string()
            } else {
                canonical(seg)
            };
            Token {
                start,
                end: start + seg.len(),
                key,
                word,
            }
        })
        .collect()
}

struct Edit {
    kind: DiffKind,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// Merges change–equal–change into one replacement when the equal part is only
/// spaces and punctuation, or is no longer than the edits on either side of it
/// (the rule of diff-match-patch's semantic cleanup, counted in letters).
fn cleanup(edits: &mut Vec<Edit>, old_tokens: &[Token], new_tokens: &[Token]) {
    let letters = |toks: &[Token], r: &std::ops::Range<usize>| -> usize {
        toks.get(r.clone()).map_or(0, |s| {
            s.iter()
                .filter(|t| t.key != " ")
                .map(|t| t.key.chars().count())
                .sum()
        })
    };
    let size = |e: &Edit| letters(old_tokens, &e.old).max(letters(new_tokens, &e.new));
    let trivial = |before: &Edit, equal: &Edit, after: &Edit| -> bool {
        let Some(toks) = old_tokens.get(equal.old.clone()) else {
            return false;
        };
        if !toks.iter().any(|t| t.word) {
            return true;
        }
        let len = letters(old_tokens, &equal.old);
        len <= size(before) && len <= size(after)
    };
    let mut i = 1;
    while i + 1 < edits.len() {
        let merge = matches!(
            (edits.get(i - 1), edits.get(i), edits.get(i + 1)),
            (Some(a), Some(m), Some(b))
                if a.kind != DiffKind::Equal && m.kind == DiffKind::Equal && b.kind != DiffKind::Equal && trivial(a, m, b)
        );
        if merge {
            let (Some(first), Some(last)) = (edits.get(i - 1), edits.get(i + 1)) else {
                break;
            };
            let merged = Edit {
                kind: DiffKind::Replace,
                old: first.old.start..last.old.end,
                new: first.new.start..last.new.end,
            };
            edits.splice(i - 1..i + 2, [merged]);
            i = i.saturating_sub(1).max(1);
        } else {
            i += 1;
        }
    }
    for e in edits.iter_mut() {
        if e.kind == DiffKind::Replace && e.old.is_empty() {
            e.kind = DiffKind::Insert;
        } else if e.kind == DiffKind::Replace && e.new.is_empty() {
            e.kind = DiffKind::Delete;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a diff as `[-old-]{+new+}` markup to compare whole results.
    fn markup(old: &str, new: &str, options: &DiffOptions) -> String {
        let d = word_diff(old, new, options);
        let o16: Vec<u16> = old.encode_utf16().collect();
        let n16: Vec<u16> = new.encode_utf16().collect();
        let s = |v: &[u16], a: u32, b: u32| {
            String::from_utf16_lossy(v.get(a as usize..b as usize).unwrap_or(&[]))
        };
        d.ops
            .iter()
            .map(|op| match op.kind {
                DiffKind::Equal => s(&o16, op.old_start, op.old_end),
                DiffKind::Delete => format!("[-{}-]", s(&o16, op.old_start, op.old_end)),
                DiffKind::Insert => format!("{{+{}+}}", s(&n16, op.new_start, op.new_end)),
                DiffKind::Replace => format!(
                    "[-{}-]{{+{}+}}",
                    s(&o16, op.old_start, op.old_end),
                    s(&n16, op.new_start, op.new_end)
                ),
            })
            .collect()
    }

    #[test]
    fn diffs_read_like_markup() {
        let d = DiffOptions::default();
        let cases = [
            (
                "The talks begin Monday.",
                "The talks begin Monday.",
                "The talks begin Monday.",
            ),
            (
                "The talks begin Monday.",
                "The talks start Monday.",
                "The talks [-begin-]{+start+} Monday.",
            ),
            (
                "Russia massed troops.",
                "Russia massed 100,000 troops.",
                "Russia massed {+100,000 +}troops.",
            ),
            (
                "Biden spoke with Putin by video on Tuesday.",
                "Biden and Putin held a video call Tuesday.",
                "Biden [-spoke with Putin by-]{+and Putin held a+} video [-on-]{+call+} Tuesday.",
            ),
            (
                "Привет, мир 👍",
                "Привет, Київ 👍",
                "Привет, [-мир-]{+Київ+} 👍",
            ),
        ];
        for (old, new, want) in cases {
            assert_eq!(markup(old, new, &d), want, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn case_and_punctuation_options() {
        let insensitive = DiffOptions {
            case_sensitive: false,
            punctuation_sensitive: false,
        };
        assert_eq!(
            markup("NATO said: no.", "Nato said; no!", &insensitive),
            "NATO said: no."
        );
        assert_eq!(
            markup("NATO said no.", "Nato said no.", &DiffOptions::default()),
            "[-NATO-]{+Nato+} said no."
        );
    }

    #[test]
    fn deletions_stay_in_order_when_joined() {
        // Patience placed the empty new side of "👍🏽", "in" and "Geneva" after
        // words that come later; joined into one replacement, that ran backwards.
        let old = "Talks ![x](a.png) 👍🏽 in Geneva Mark T.\nJanuary 10\n 東京 in";
        let new = "![x](a.png) \n\n Mark T.\nJanuary 10\n Mark T.\nJanuary 10\n © 2022";
        for punctuation_sensitive in [false, true] {
            let options = DiffOptions {
                case_sensitive: false,
                punctuation_sensitive,
            };
            let d = word_diff(old, new, &options);
            assert_eq!(crate::check::diff(old, new, &d), Ok(()), "{:?}", d.ops);
        }
    }

    #[test]
    fn same_share_counts_words() {
        assert_eq!(
            word_diff("a b c d", "a b c e", &DiffOptions::default()).same_per_mille,
            750
        );
        assert_eq!(
            word_diff("", "", &DiffOptions::default()).same_per_mille,
            1000
        );
    }
}
