//! Byte offsets (Rust's) to UTF-16 code units (JavaScript's), converted once, here.

/// Converts byte offsets of one text to UTF-16 code-unit offsets.
///
/// ASCII-only texts need no table. Otherwise the table keeps one checkpoint per
/// 64 bytes, so memory stays small even for long texts.
#[derive(Clone, Debug)]
pub struct Utf16Map<'a> {
    text: &'a str,
    /// UTF-16 offset at each checkpoint byte (the char boundary at or before `i * STEP`).
    checkpoints: Vec<(usize, usize)>,
}

const STEP: usize = 64;

impl<'a> Utf16Map<'a> {
    /// Builds the map for `text`.
    pub fn new(text: &'a str) -> Utf16Map<'a> {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let mut utf16 = 0usize;
            let mut next = 0usize;
            for (byte, ch) in text.char_indices() {
                if byte >= next {
                    checkpoints.push((byte, utf16));
                    next = (byte / STEP + 1) * STEP;
                }
                utf16 += ch.len_utf16();
            }
            checkpoints.push((text.len(), utf16));
        }
        Utf16Map { text, checkpoints }
    }

    /// The UTF-16 offset of byte offset `byte`. A byte offset inside a character is
    /// rounded down to that character's start; one past the end is clamped to the end.
    pub fn utf16(&self, byte: usize) -> usize {
        let byte = floor_char_boundary(self.text, byte.min(self.text.len()));
        if self.checkpoints.is_empty() {
            return byte;
        }
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        let (base_byte, base_utf16) = match i.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(&cp) => cp,
            None => (0, 0),
        };
        let tail = self.text.get(base_byte..byte).unwrap_or("");
        base_utf16 + tail.chars().map(char::len_utf16).sum::<usize>()
    }

    /// The length of the whole text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.utf16(self.text.len())
    }
}

/// The largest char boundary of `text` at or before `byte`.
pub fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// Converts a UTF-16 offset into `text` to a byte offset, rounding down inside a
/// surrogate pair; offsets past the end give the text's length.
pub fn byte_of_utf16(text: &str, utf16: usize) -> usize {
    let mut units = 0usize;
    for (byte, ch) in text.char_indices() {
        if units + ch.len_utf16() > utf16 {
            return byte;
        }
        units += ch.len_utf16();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_emoji_and_combining_marks() {
        // "Привет" is 6 UTF-16 units / 12 bytes, "👍🏽" 4 units / 8 bytes, "é" (e + U+0301) 2 / 3.
        let text = "Привет 👍🏽 e\u{301}!";
        let map = Utf16Map::new(text);
        let cases = [
            (0, 0),
            (12, 6),
            (13, 7),
            (21, 11),
            (22, 12),
            (25, 14),
            (26, 15),
        ];
        for (byte, want) in cases {
            assert_eq!(map.utf16(byte), want, "byte {byte}");
        }
        assert_eq!(map.len_utf16(), text.encode_utf16().count());
        // Inside a multi-byte character: rounds down to its start.
        assert_eq!(map.utf16(1), 0);
    }

    #[test]
    fn ascii_is_identity() {
        let map = Utf16Map::new("plain text");
        assert_eq!((map.utf16(5), map.len_utf16()), (5, 10));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn agrees_with_encode_utf16(text in "\\PC{0,300}") {
            let map = Utf16Map::new(&text);
            for (byte, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                let want = text.get(..byte).map(|s| s.encode_utf16().count());
                proptest::prop_assert_eq!(Some(map.utf16(byte)), want);
                proptest::prop_assert_eq!(byte_of_utf16(&text, map.utf16(byte)), byte);
            }
        }
    }
}
