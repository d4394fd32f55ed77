//! Words for matching: Unicode word boundaries, case folding, and folding of
//! typographic apostrophes and quotes. The original text is never changed; each
//! token keeps its byte range.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A word of a text and its normalized form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the word in the original text.
    pub range: Range<usize>,
    /// Lower-cased, with apostrophes folded to `'`.
    pub norm: String,
}

/// The words of `text[range]`, in order. A word is a Unicode word segment with at
/// least one letter or digit; punctuation and spaces are skipped.
pub fn words(text: &str, range: Range<usize>) -> Vec<Token> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    slice
        .split_word_bound_indices()
        .filter(|(_, w)| is_word(w))
        .map(|(offset, w)| Token {
            range: range.start + offset..range.start + offset + w.len(),
            norm: fold(w),
        })
        .collect()
}

/// Whether a word segment is a word (has a letter or a digit).
pub fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Case-folds `word` and maps typographic apostrophes to `'`.
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => '\'',
            c => c,
        })
        .collect()
}

/// Whether a normalized word is a number (digits with separators), which counts as
/// stronger evidence of a match than an ordinary word.
pub fn is_number(norm: &str) -> bool {
    norm.chars().next().is_some_and(|c| c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_ranges_and_fold() {
        let text = "Russia’s “NATO” demand\u{a0}— 3.5%, Україна!";
        let got: Vec<(&str, String)> = words(text, 0..text.len())
            .into_iter()
            .map(|t| (text.get(t.range).unwrap_or(""), t.norm))
            .collect();
        let want = vec![
            ("Russia’s", "russia's".to_string()),
            ("NATO", "nato".to_string()),
            ("demand", "demand".to_string()),
            ("3.5", "3.5".to_string()),
            ("Україна", "україна".to_string()),
        ];
        assert_eq!(got, want);
    }
}
