//! Words for matching: Unicode word boundaries, NFKC normalization, case folding,
//! folding of typographic apostrophes, dashes and spaces, and (for similarity) Snowball stemming chosen by the language
//! detected for each source. Stopwords are not removed: IDF already discounts them,
//! and removing them lowered sentence-alignment F1 on aesop_gnat (0.516 to 0.491). The original text is never changed; each
//! token keeps its byte range.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use unicode_normalization::IsNormalized;
use unicode_segmentation::UnicodeSegmentation;
use whatlang::Lang;

/// A word of a text and its normalized form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte range of the word in the original text.
    pub range: Range<usize>,
    /// Lower-cased, with apostrophes folded to `'`: the text's own word when
    /// folding leaves it as it is (most words), so that it costs no allocation.
    pub norm: Cow<'a, str>,
}

/// The words of `text[range]`, in order. A word is a Unicode word segment with at
/// least one letter or digit; punctuation and spaces are skipped.
pub fn words(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    slice
        .split_word_bound_indices()
        .filter(|(_, w)| is_word(w))
        .map(|(offset, w)| Token {
            range: range.start + offset..range.start + offset + w.len(),
            norm: folded(w),
        })
        .collect()
}

/// Whether a word segment is a word (has a letter or a digit).
pub fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// The canonical form of a piece of text, case kept: Unicode NFKC (so a letter
/// typed with a combining accent equals the precomposed one, and ligatures and
/// fullwidth forms equal their plain letters), with typographic apostrophes and
/// quotes, dashes and spaces folded to `'`, `"`, `-` and a plain space. ASCII text
/// is returned as it is.
pub fn canonical(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    nfkc(text).chars().map(fold_typography).collect()
}

/// [`fold`], borrowing the word when folding leaves it as it is (lower-case
/// ASCII, most words of most texts), so that it costs no allocation.
pub fn folded(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
}

/// The matching form of a word: [`canonical`], then case-folded.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    nfkc(word)
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_typography)
        .collect()
}

/// `text` in Unicode NFKC, borrowed when the quick check finds it already is (most
/// words of most languages: only compatibility characters and combining marks need
/// the full algorithm).
fn nfkc(text: &str) -> Cow<'_, str> {
    if unicode_normalization::is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(full_nfkc(text))
    }
}

/// Unicode NFKC by the `unicode-normalization` crate.
#[cfg(not(target_arch = "wasm32"))]
fn full_nfkc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().collect()
}

/// Unicode NFKC by the JavaScript engine's `String.prototype.normalize`. Every
/// browser has it (ICU's), so the wasm leaves out the crate's decomposition and
/// composition tables: 57 KB of its 448 KB gzipped. Only the quick check's table
/// stays in. The engine and the crate may follow different Unicode versions (the
/// crate is newer than Debian's Chromium); they differ only on characters the
/// older one does not know, and `tests/web.rs` holds the browser's results to the
/// crate's on every character the browser knows.
#[cfg(target_arch = "wasm32")]
fn full_nfkc(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFKC").into()
}

fn fold_typography(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{FF02}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        c => c,
    }
}

/// How one source's words become matching terms: its language's stemmer, and
/// its stopwords (which still count in similarity but are never shown as the
/// reason two passages match). Built once per source with [`Normalizer::for_text`].
pub struct Normalizer {
    lang: Option<Lang>,
    stemmer: Option<Stemmer>,
    stopwords: &'static [&'static str],
    /// The longest stopword's length in bytes: longer words need no search.
    stopword_len: usize,
}

/// Stems already computed, per language, kept by each thread across sources: a
/// news text uses a few thousand distinct words many times over, sources on one
/// story share most of them, and Snowball stemming was a sixth of the whole
/// pipeline's work. A stem depends only on the word and the language, so what is
/// remembered never changes a result. Per thread, so no thread waits on another.
struct StemCache {
    by_lang: Vec<(Lang, FxHashMap<String, String>)>,
    entries: usize,
}

/// Words remembered per thread before the cache starts afresh: about 10 MiB at most.
const STEM_CACHE_WORDS: usize = 100_000;

thread_local! {
    static STEMS: RefCell<StemCache> = const {
        RefCell::new(StemCache { by_lang: Vec::new(), entries: 0 })
    };
}

/// The least confidence (0 to 1) at which a detected language is used.
const MIN_LANGUAGE_CONFIDENCE: f64 = 0.5;

/// Characters of a text read to detect its language; enough for a reliable guess.
const DETECT_SAMPLE_CHARS: usize = 8_000;

impl Normalizer {
    /// Detects the language of `text` (from its first 8,000 characters) and picks
    /// the stemmer for it. Languages without a Snowball stemmer (Ukrainian, CJK, …)
    /// have their words compared case-folded but unstemmed.
    pub fn for_text(text: &str) -> Normalizer {
        let end = text
            .char_indices()
            .nth(DETECT_SAMPLE_CHARS)
            .map_or(text.len(), |(i, _)| i);
        // Below half confidence whatlang's guesses on short texts are mostly wrong
        // (a short English sentence comes out Dutch): no language, no stemmer.
        let lang = whatlang::detect(text.get(..end).unwrap_or(text))
            .filter(|info| info.confidence() >= MIN_LANGUAGE_CONFIDENCE)
            .map(|info| info.lang());
        Normalizer::for_lang(lang)
    }

    /// The normalizer for a known language (or none).
    pub fn for_lang(lang: Option<Lang>) -> Normalizer {
        let algorithm = match lang {
            Some(Lang::Eng) => Some(Algorithm::English),
            Some(Lang::Rus) => Some(Algorithm::Russian),
            Some(Lang::Deu) => Some(Algorithm::German),
            Some(Lang::Fra) => Some(Algorithm::French),
            Some(Lang::Spa) => Some(Algorithm::Spanish),
            Some(Lang::Ita) => Some(Algorithm::Italian),
            Some(Lang::Por) => Some(Algorithm::Portuguese),
            Some(Lang::Nld) => Some(Algorithm::Dutch),
            Some(Lang::Swe) => Some(Algorithm::Swedish),
            Some(Lang::Dan) => Some(Algorithm::Danish),
            Some(Lang::Nob) => Some(Algorithm::Norwegian),
            Some(Lang::Fin) => Some(Algorithm::Finnish),
            Some(Lang::Hun) => Some(Algorithm::Hungarian),
            Some(Lang::Ron) => Some(Algorithm::Romanian),
            Some(Lang::Tur) => Some(Algorithm::Turkish),
            Some(Lang::Ell) => Some(Algorithm::Greek),
            Some(Lang::Ara) => Some(Algorithm::Arabic),
            Some(Lang::Tam) => Some(Algorithm::Tamil),
            _ => None,
        };
        let stopwords = match lang {
            Some(Lang::Eng) => ENGLISH_STOPWORDS,
            Some(Lang::Rus) => RUSSIAN_STOPWORDS,
            Some(Lang::Ukr) => UKRAINIAN_STOPWORDS,
            Some(Lang::Deu) => GERMAN_STOPWORDS,
            Some(Lang::Fra) => FRENCH_STOPWORDS,
            Some(Lang::Spa) => SPANISH_STOPWORDS,
            _ => &[],
        };
        Normalizer {
            lang,
            stemmer: algorithm.map(Stemmer::create),
            stopwords,
            stopword_len: stopwords.iter().map(|w| w.len()).max().unwrap_or(0),
        }
    }

    /// The detected language as an ISO 639-3 code ("eng", "rus"), if any.
    pub fn language(&self) -> Option<&'static str> {
        self.lang.map(|l| l.code())
    }

    /// The length in bytes of this language's longest stopword.
    pub fn stopword_len(&self) -> usize {
        self.stopword_len
    }

    /// Whether a folded word is a function word of the source's language ("the",
    /// "и"); languages without a list have none.
    pub fn is_stopword(&self, folded: &str) -> bool {
        folded.len() <= self.stopword_len && self.stopwords.binary_search(&folded).is_ok()
    }

    /// The matching term for a folded word: its stem (numbers stay as they are).
    pub fn term(&self, folded: &str) -> String {
        let mut out = String::new();
        self.push_term(folded, &mut out);
        out
    }

    /// [`Normalizer::term`], appended to `out`: no allocation for a word seen before.
    pub fn push_term(&self, folded: &str, out: &mut String) {
        let folded = folded.strip_suffix("'s").unwrap_or(folded);
        match &self.stemmer {
            Some(stemmer) if !is_number(folded) => {
                let Some(lang) = self.lang else {
                    out.push_str(&stemmer.stem(folded));
                    return;
                };
                STEMS.with_borrow_mut(|cache| {
                    if cache.entries >= STEM_CACHE_WORDS {
                        cache.by_lang.clear();
                        cache.entries = 0;
                    }
                    let at = match cache.by_lang.iter().position(|(l, _)| *l == lang) {
                        Some(at) => at,
                        None => {
                            cache.by_lang.push((lang, FxHashMap::default()));
                            cache.by_lang.len() - 1
                        }
                    };
                    let Some((_, stems)) = cache.by_lang.get_mut(at) else {
                        out.push_str(&stemmer.stem(folded));
                        return;
                    };
                    if let Some(stem) = stems.get(folded) {
                        out.push_str(stem);
                        return;
                    }
                    let stem = stemmer.stem(folded).into_owned();
                    out.push_str(&stem);
                    stems.insert(folded.to_string(), stem);
                    cache.entries += 1;
                })
            }
            _ => out.push_str(folded),
        }
    }
}

/// Function words of English, sorted by bytes for binary search.
const ENGLISH_STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "for",
    "from", "had", "has", "have", "he", "her", "here", "his", "how", "i", "if", "in", "into", "is",
    "it", "it's", "its", "me", "more", "my", "no", "not", "of", "on", "or", "our", "out", "over",
    "said", "says", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "too", "up", "upon", "us", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "will", "with", "would", "you", "your",
];

/// Function words of German, sorted by bytes for binary search.
const GERMAN_STOPWORDS: &[&str] = &[
    "aber", "alle", "als", "also", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "da",
    "damit", "dann", "das", "dass", "dem", "den", "denn", "der", "des", "die", "dies", "diese",
    "dieser", "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer", "er", "es",
    "für", "hat", "hatte", "ich", "ihr", "im", "in", "ist", "ja", "kann", "kein", "man", "mehr",
    "mit", "nach", "nicht", "noch", "nun", "nur", "ob", "oder", "ohne", "sein", "sich", "sie",
    "sind", "so", "um", "und", "uns", "unter", "vom", "von", "vor", "war", "waren", "was", "wenn",
    "werden", "wie", "wir", "wird", "zu", "zum", "zur", "über",
];

/// Function words of French, sorted by bytes for binary search.
const FRENCH_STOPWORDS: &[&str] = &[
    "au", "aussi", "aux", "avec", "ce", "ces", "cette", "comme", "dans", "de", "des", "du", "elle",
    "en", "est", "et", "il", "ils", "je", "la", "le", "les", "leur", "lui", "mais", "me", "même",
    "ne", "nous", "on", "ont", "ou", "où", "par", "pas", "plus", "pour", "qu", "que", "qui", "sa",
    "se", "ses", "si", "son", "sont", "sur", "ta", "te", "tout", "très", "un", "une", "vous", "y",
    "à", "été",
];

/// Function words of Spanish, sorted by bytes for binary search.
const SPANISH_STOPWORDS: &[&str] = &[
    "a", "al", "algo", "como", "con", "cual", "cuando", "de", "del", "desde", "donde", "el",
    "ella", "ellos", "en", "entre", "era", "es", "esta", "este", "esto", "ha", "han", "hasta",
    "la", "las", "le", "les", "lo", "los", "me", "mi", "muy", "más", "no", "nos", "o", "para",
    "pero", "por", "que", "qué", "se", "ser", "si", "sin", "sobre", "son", "su", "sus", "también",
    "te", "tiene", "todo", "un", "una", "uno", "y", "ya",
];

/// Function words of Russian, sorted by bytes for binary search.
const RUSSIAN_STOPWORDS: &[&str] = &[
    "а",
    "без",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "во",
    "вот",
    "все",
    "всё",
    "вы",
    "да",
    "для",
    "до",
    "его",
    "ее",
    "если",
    "есть",
    "её",
    "же",
    "за",
    "и",
    "из",
    "или",
    "им",
    "их",
    "к",
    "как",
    "ко",
    "когда",
    "ли",
    "мы",
    "на",
    "над",
    "не",
    "него",
    "нет",
    "ни",
    "но",
    "о",
    "об",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "по",
    "под",
    "при",
    "с",
    "со",
    "так",
    "также",
    "то",
    "тоже",
    "только",
    "у",
    "уже",
    "что",
    "чтобы",
    "это",
    "этот",
    "я",
];

/// Function words of Ukrainian, sorted by bytes for binary search.
const UKRAINIAN_STOPWORDS: &[&str] = &[
    "а",
    "або",
    "але",
    "без",
    "би",
    "був",
    "була",
    "були",
    "було",
    "бути",
    "в",
    "ви",
    "вона",
    "вони",
    "воно",
    "все",
    "від",
    "він",
    "де",
    "для",
    "до",
    "же",
    "з",
    "за",
    "зі",
    "й",
    "коли",
    "крім",
    "ми",
    "на",
    "над",
    "не",
    "ні",
    "о",
    "об",
    "по",
    "при",
    "під",
    "так",
    "також",
    "те",
    "то",
    "тому",
    "у",
    "це",
    "цей",
    "що",
    "щоб",
    "я",
    "є",
    "і",
    "із",
    "їх",
];

/// Whether a normalized word is a number (digits with separators), which counts as
/// stronger evidence of a match than an ordinary word.
pub fn is_number(norm: &str) -> bool {
    norm.chars().next().is_some_and(|c| c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopword_lists_are_sorted_for_binary_search() {
        for list in [
            ENGLISH_STOPWORDS,
            RUSSIAN_STOPWORDS,
            UKRAINIAN_STOPWORDS,
            GERMAN_STOPWORDS,
            FRENCH_STOPWORDS,
            SPANISH_STOPWORDS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        let en = Normalizer::for_lang(Some(Lang::Eng));
        assert_eq!(
            (en.is_stopword("the"), en.is_stopword("geneva")),
            (true, false)
        );
    }

    #[test]
    fn terms_are_stems_in_the_detected_language() {
        let en = Normalizer::for_text(
            "The delegations were meeting in Geneva for talks about the treaties.",
        );
        let ru = Normalizer::for_text(
            "Делегации встретились в Женеве для переговоров о договорах и безопасности.",
        );
        assert_eq!((en.language(), ru.language()), (Some("eng"), Some("rus")));
        let terms = |n: &Normalizer, words: &[&str]| -> Vec<String> {
            words.iter().map(|w| n.term(w)).collect()
        };
        assert_eq!(
            terms(&en, &["the", "meetings", "meeting", "russia's", "2022"]),
            vec!["the", "meet", "meet", "russia", "2022"]
        );
        assert_eq!(
            terms(&ru, &["переговоров", "переговоры"]),
            vec!["переговор", "переговор"]
        );
        let uk = Normalizer::for_text(
            "Делегації зустрілися в Женеві, щоб обговорити питання безпеки в Європі.",
        );
        assert_eq!(
            (uk.language(), uk.term("делегації")),
            (Some("ukr"), "делегації".to_string())
        );
    }

    #[test]
    fn words_keep_ranges_and_fold() {
        let text = "Russia’s “NATO” demand\u{a0}— 3.5%, Україна!";
        let got: Vec<(&str, String)> = words(text, 0..text.len())
            .into_iter()
            .map(|t| (text.get(t.range).unwrap_or(""), t.norm.into_owned()))
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

    #[test]
    fn folding_equates_what_readers_see_as_the_same() {
        let cases = [
            ("Cafe\u{301}", "café"),
            ("Café", "café"),
            ("ﬁnal", "final"),
            ("ＮＡＴＯ", "nato"),
            ("Russia’s", "russia's"),
            ("Й", "й"),
            ("ДАЛЬШЕ", "дальше"),
        ];
        for (word, want) in cases {
            assert_eq!(fold(word), want, "{word:?}");
        }
        assert_eq!(canonical("«Да»\u{a0}— 10\u{202f}000"), "\"Да\" - 10 000");
    }
}
