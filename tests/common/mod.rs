//! Shared by the native and the browser tests: seeded cases for the determinism
//! check, and a canonical JSON form of reports that reads the same whether the
//! report came from serde_json or from `JSON.stringify` in a browser.
// Each test crate uses a part of this module; in test code an out-of-range index
// is a failed test, which is what we want.
#![allow(dead_code, clippy::indexing_slicing)]

use parallax::{Format, Granularity, Input, Mode, Options};

/// SplitMix64: a tiny seeded generator, identical on every target, so native and
/// wasm tests build the very same cases.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Sentences several sources could carry, in several scripts, with the marks that
/// make offsets hard (emoji with skin tones and ZWJ, combining marks, NBSP).
const SENTENCES: &[&str] = &[
    "Talks between Russia and the United States opened in Geneva on Monday.",
    "The delegations met for seven hours, officials said.",
    "Moscow demanded that NATO halt its expansion to the east.",
    "Washington called the demand a non-starter 👍🏽 but agreed to keep talking.",
    "Переговоры в Женеве продлились почти восемь часов.",
    "Україна не бере участі в переговорах, заявив міністр.",
    "Die Gespräche sollen am Mittwoch in Brüssel weitergehen.",
    "Le président a parlé d'une « désescalade » nécessaire.",
    "東京でも会合が開かれた。",
    "Cafe\u{301} owners near the lake\u{a0}said trade had fallen by 3.5% since January.",
    "“We will not negotiate over the heads of our allies,” Dr. Sherman said.",
    "The U.S. delegation was led by Deputy Secretary Wendy Sherman.",
    "Family 👨‍👩‍👧 photos were shared online after the meeting.",
    "Both sides said they would report back to their capitals.",
    "Troop numbers near the border rose to about 100,000.",
];

/// Furniture a pasted page brings with it.
const FURNITURE: &[&str] = &[
    "Home | World | Politics",
    "Subscribe to our newsletter",
    "REUTERS/Jane Doe",
    "By Anna Petrova",
    "Keep reading",
    "21 comments",
    "Mark T.\nJanuary 10, 2022 at 15:55\nI agree with the article.\nReply",
];

/// Words to reword a sentence with.
const WORDS: &[&str] = &[
    "reportedly",
    "on Tuesday",
    "in Vienna",
    "officials",
    "сказал",
    "також",
    "😀",
    "é",
];

/// One sentence, sometimes reworded: a word added, one dropped, or the case changed.
fn sentence(rng: &mut Rng) -> String {
    let s = *rng.pick(SENTENCES);
    match rng.below(4) {
        0 => {
            let mut words: Vec<&str> = s.split(' ').collect();
            let at = rng.below(words.len() + 1);
            words.insert(at, *rng.pick(WORDS));
            words.join(" ")
        }
        1 => {
            let mut words: Vec<&str> = s.split(' ').collect();
            if words.len() > 3 {
                words.remove(rng.below(words.len()));
            }
            words.join(" ")
        }
        2 => s.to_lowercase(),
        _ => s.to_string(),
    }
}

/// A source's text: paragraphs of sentences, with furniture among them.
fn text(rng: &mut Rng) -> String {
    let mut paragraphs = Vec::new();
    for _ in 0..1 + rng.below(8) {
        if rng.below(5) == 0 {
            paragraphs.push(rng.pick(FURNITURE).to_string());
        } else {
            let n = 1 + rng.below(4);
            paragraphs.push((0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" "));
        }
    }
    paragraphs.join(if rng.below(3) == 0 { "\n" } else { "\n\n" })
}

/// The same text as HTML, with markup the extractor treats specially.
fn html(text: &str) -> String {
    let body: String = text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    format!(
        "<html><head><title>T</title><script>var a='<p>no</p>';</script></head>\
         <body><nav><a href=\"/\">Home</a></nav><article>{body}</article>\
         <footer>© 2022</footer></body></html>"
    )
}

/// `count` cases of two to five sources each, in text, Markdown and HTML, with
/// varied options; the same on every target for the same seed.
pub fn determinism_cases(seed: u64, count: usize) -> Vec<(Vec<Input>, Options)> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let sources = 2 + rng.below(4);
            let inputs = (0..sources)
                .map(|i| {
                    let t = text(&mut rng);
                    let title = format!("source {i}");
                    match rng.below(4) {
                        0 => Input::html(title, html(&t)),
                        1 => Input {
                            format: Some(Format::Markdown),
                            ..Input::new(title, t)
                        },
                        _ => Input::new(title, t),
                    }
                })
                .collect();
            let options = Options {
                granularity: if rng.below(3) == 0 {
                    Granularity::Paragraph
                } else {
                    Granularity::Sentence
                },
                mode: *rng.pick(&[Mode::Auto, Mode::Topic, Mode::Version]),
                min_score: 0.1 + rng.below(5) as f64 * 0.1,
                min_shared_words: 3 + rng.below(5) as u32,
                include_comments: rng.below(2) == 0,
            };
            (inputs, options)
        })
        .collect()
}

/// JSON does not tell `1` from `1.0`, but `serde_json::Value` does (JavaScript writes
/// the former, serde_json the latter), so every number becomes an `f64` first.
pub fn numbers_as_f64(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Number(n), Value::Number),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, numbers_as_f64(v)))
                .collect(),
        ),
        other => other,
    }
}

/// FNV-1a, 64 bits: a digest of a report's canonical JSON.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// The digest of a report given as a JSON value: numbers as f64, object keys
/// sorted (serde_json's map), no spaces.
pub fn report_digest(report: serde_json::Value) -> String {
    let canonical = serde_json::to_string(&numbers_as_f64(report)).expect("JSON writes");
    format!("{:016x}", fnv1a(canonical.as_bytes()))
}

/// The seed of the determinism cases.
pub const DETERMINISM_SEED: u64 = 0x5EED_2026;
/// How many cases the determinism check runs.
pub const DETERMINISM_CASES: usize = 40;
