//! Shared text: runs of at least `k` identical words found in two sources, and
//! the near-verbatim text around them.
//!
//! Every `k`-word shingle is hashed; shingles found in more than one source seed
//! matches; seeds on the same diagonal are chained, checked word by word and
//! extended as far as the words agree. Then each run is extended by local
//! alignment across small edits (a word changed, dropped or added) as long as
//! [`ANCHOR`] words agree again after [`MAX_GAP`] words at most on each side, so a
//! quote with a word changed is one near-verbatim run, not two pieces or none.

use rustc_hash::{FxHashMap, FxHashSet};

/// A run of words shared by two sources, as word-index ranges.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SharedRun {
    /// The earlier source.
    pub source_a: usize,
    /// First word in source A.
    pub start_a: usize,
    /// The later source.
    pub source_b: usize,
    /// First word in source B.
    pub start_b: usize,
    /// Number of words in source A.
    pub len: usize,
    /// Number of words in source B: `len` unless the run bridges edits.
    pub len_b: usize,
    /// Words changed, dropped or added inside the run (each gap counts its longer
    /// side): 0 for verbatim text.
    pub edits: usize,
}

/// Most words either source may have between two agreeing stretches of a
/// near-verbatim run: one word changed, dropped or added. On clough_stevenson,
/// gaps of up to 2 or 3 words chained heavy rewrites into long runs (four-way
/// separation by leave-one-out 65%, reuse against none 89.5%); one word gives 72.6%
/// and 93.7%, against 71.6% and 93.7% with verbatim runs alone.
pub const MAX_GAP: usize = 1;

/// How many words must agree again after a gap for a run to go on across it.
pub const ANCHOR: usize = 3;

/// Shingles found in more places than this are seeded from each source's first
/// place only; found in more sources than this, they are page furniture or
/// formulas ("senior administration official"), not reuse worth seeding from.
const MAX_SHINGLE_OCCURRENCES: usize = 32;

/// A shingle's key: its word ids mixed into 64 bits (FNV-style, then the
/// SplitMix64 finaliser). Not a cryptographic hash: a collision only proposes a
/// seed that the word-by-word check then refuses.
fn shingle_key(window: &[u32]) -> u64 {
    let mut h = window.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &id| {
        (h ^ u64::from(id)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Finds runs of at least `k` words that two sources share. `docs[s]` holds source
/// `s`'s words as ids (equal words, equal ids). Runs are maximal and sorted.
pub fn shared_runs(docs: &[Vec<u32>], k: usize) -> Vec<SharedRun> {
    let k = k.max(1);
    // Every shingle's key and place, sorted so that the places of one shingle
    // stand together (by source, then position): one flat list, where a map
    // would hold a small list for each of the corpus's hundreds of thousands of
    // shingles.
    let mut shingles: Vec<(u64, u32, u32)> =
        Vec::with_capacity(docs.iter().map(|w| w.len().saturating_sub(k - 1)).sum());
    for (s, words) in docs.iter().enumerate() {
        for (pos, window) in words.windows(k).enumerate() {
            shingles.push((shingle_key(window), s as u32, pos as u32));
        }
    }
    shingles.sort_unstable();
    // The places each shingle seeds from: all of them, or when a source repeats
    // the shingle many times, each source's first; none when it is everywhere.
    let seed_places = |same: &[(u64, u32, u32)], places: &mut Vec<(u32, u32)>| {
        places.clear();
        if same.len() < 2 {
            return;
        }
        places.extend(same.iter().map(|&(_, s, pos)| (s, pos)));
        if places.len() > MAX_SHINGLE_OCCURRENCES {
            // Text a source repeats many times (a refrain, a pasted document
            // repeated) still counts as shared with another source: keep each
            // source's first place only, and skip it only if many sources have it.
            places.dedup_by_key(|&mut (s, _)| s);
        }
        if places.len() < 2 || places.len() > MAX_SHINGLE_OCCURRENCES {
            places.clear();
        }
    };
    let mut places: Vec<(u32, u32)> = Vec::new();
    // seeded[s][pos]: the shingle at word `pos` of source `s` seeds.
    let mut seeded: Vec<Vec<bool>> = docs.iter().map(|w| vec![false; w.len()]).collect();
    for same in shingles.chunk_by(|x, y| x.0 == y.0) {
        seed_places(same, &mut places);
        for &(s, pos) in &places {
            if let Some(flag) = seeded
                .get_mut(s as usize)
                .and_then(|f| f.get_mut(pos as usize))
            {
                *flag = true;
            }
        }
    }
    let is_seeded = |s: u32, pos: u32| {
        seeded
            .get(s as usize)
            .and_then(|f| f.get(pos as usize))
            .copied()
            .unwrap_or(false)
    };
    // A seed whose words one step back are a seed too lies inside a run that
    // seed already finds (runs are extended to their full length below): only
    // the first seed of each stretch is kept. Shared passages are wire copy
    // repeated in tens of sources, so this keeps a small share of the seeds.
    let follows = |(sa, pa): (u32, u32), (sb, pb): (u32, u32)| {
        pa > 0
            && pb > 0
            && is_seeded(sa, pa - 1)
            && is_seeded(sb, pb - 1)
            && match (docs.get(sa as usize), docs.get(sb as usize)) {
                (Some(a), Some(b)) => {
                    let (pa, pb) = (pa as usize - 1, pb as usize - 1);
                    a.get(pa..pa + k)
                        .is_some_and(|x| b.get(pb..pb + k) == Some(x))
                }
                _ => false,
            }
    };
    // Seeds: (source a, source b, diagonal, position in a, position in b).
    let mut seeds: Vec<(u32, u32, i64, u32, u32)> = Vec::new();
    for same in shingles.chunk_by(|x, y| x.0 == y.0) {
        seed_places(same, &mut places);
        for (i, &(sa, pa)) in places.iter().enumerate() {
            for &(sb, pb) in places.iter().skip(i + 1) {
                if sa != sb {
                    let ((sa, pa), (sb, pb)) = if sa < sb {
                        ((sa, pa), (sb, pb))
                    } else {
                        ((sb, pb), (sa, pa))
                    };
                    if !follows((sa, pa), (sb, pb)) {
                        seeds.push((sa, sb, i64::from(pb) - i64::from(pa), pa, pb));
                    }
                }
            }
        }
    }
    seeds.sort_unstable();
    let mut seen: FxHashSet<(usize, usize, usize, usize, usize, usize)> = FxHashSet::default();
    let mut runs = Vec::new();
    let mut i = 0;
    while let Some(&(sa, sb, diag, pa, pb)) = seeds.get(i) {
        // Chain seeds on the same diagonal whose shingles overlap or touch.
        let mut end_a = pa as usize + k;
        let mut j = i + 1;
        while let Some(&(sa2, sb2, diag2, pa2, _)) = seeds.get(j) {
            if sa2 != sa || sb2 != sb || diag2 != diag || pa2 as usize > end_a {
                break;
            }
            end_a = end_a.max(pa2 as usize + k);
            j += 1;
        }
        i = j;
        let (Some(a), Some(b)) = (docs.get(sa as usize), docs.get(sb as usize)) else {
            continue;
        };
        if let Some((ra, rb, n)) =
            verified_run(a, b, pa as usize, pb as usize, end_a - pa as usize, k)
        {
            let near = near_verbatim(a, b, ra, rb, n);
            let key = (
                sa as usize,
                sb as usize,
                near.start_a,
                near.start_b,
                near.len,
                near.len_b,
            );
            if seen.insert(key) {
                runs.push(SharedRun {
                    source_a: sa as usize,
                    source_b: sb as usize,
                    ..near
                });
            }
        }
    }
    crate::sort::sort_by(&mut runs, Ord::cmp);
    runs
}

/// Checks a chained candidate word by word (hashes can collide), keeps its longest
/// agreeing stretch, and extends that both ways. Returns (start a, start b, len).
fn verified_run(
    a: &[u32],
    b: &[u32],
    pa: usize,
    pb: usize,
    len: usize,
    k: usize,
) -> Option<(usize, usize, usize)> {
    // Longest stretch of agreement inside the candidate.
    let (mut best_start, mut best_len, mut cur_start, mut cur_len) = (0, 0, 0, 0);
    for off in 0..len {
        if a.get(pa + off).is_some() && a.get(pa + off) == b.get(pb + off) {
            if cur_len == 0 {
                cur_start = off;
            }
            cur_len += 1;
            if cur_len > best_len {
                (best_start, best_len) = (cur_start, cur_len);
            }
        } else {
            cur_len = 0;
        }
    }
    if best_len < k {
        return None;
    }
    let (mut sa, mut sb, mut n) = (pa + best_start, pb + best_start, best_len);
    while sa > 0 && sb > 0 && a.get(sa - 1).is_some() && a.get(sa - 1) == b.get(sb - 1) {
        sa -= 1;
        sb -= 1;
        n += 1;
    }
    while a.get(sa + n).is_some() && a.get(sa + n) == b.get(sb + n) {
        n += 1;
    }
    Some((sa, sb, n))
}

/// Extends the verbatim run of `n` words at `a[sa..]`, `b[sb..]` both ways across
/// small edits: past its end, a gap of up to [`MAX_GAP`] words on each side is
/// bridged when [`ANCHOR`] words agree after it (the smallest such gap first), and
/// the agreement is then followed as far as it goes; the same before its start.
/// Edits never outnumber a third of the words that agree.
fn near_verbatim(a: &[u32], b: &[u32], sa: usize, sb: usize, n: usize) -> SharedRun {
    let same = |i: usize, j: usize, len: usize| match (a.get(i..i + len), b.get(j..j + len)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    };
    // The gaps (words skipped in a, in b), smallest first.
    let mut gaps: Vec<(usize, usize)> = (0..=MAX_GAP)
        .flat_map(|x| (0..=MAX_GAP).map(move |y| (x, y)))
        .filter(|&g| g != (0, 0))
        .collect();
    gaps.sort_by_key(|&(x, y)| (x.max(y), x + y, x));
    let (mut matched, mut edits) = (n, 0);
    // Forward from the end.
    let (mut ea, mut eb) = (sa + n, sb + n);
    while let Some(&(x, y)) = gaps.iter().find(|&&(x, y)| same(ea + x, eb + y, ANCHOR)) {
        if (edits + x.max(y)) * 3 > matched + ANCHOR {
            break;
        }
        edits += x.max(y);
        (ea, eb) = (ea + x, eb + y);
        while same(ea, eb, 1) {
            (ea, eb, matched) = (ea + 1, eb + 1, matched + 1);
        }
    }
    // Backward from the start: the agreeing stretch ends where the gap begins.
    let (mut ba, mut bb) = (sa, sb);
    while let Some(&(x, y)) = gaps.iter().find(|&&(x, y)| {
        ba >= x + ANCHOR && bb >= y + ANCHOR && same(ba - x - ANCHOR, bb - y - ANCHOR, ANCHOR)
    }) {
        if (edits + x.max(y)) * 3 > matched + ANCHOR {
            break;
        }
        edits += x.max(y);
        (ba, bb) = (ba - x, bb - y);
        while ba > 0 && bb > 0 && same(ba - 1, bb - 1, 1) {
            (ba, bb, matched) = (ba - 1, bb - 1, matched + 1);
        }
    }
    SharedRun {
        source_a: 0,
        start_a: ba,
        source_b: 0,
        start_b: bb,
        len: ea - ba,
        len_b: eb - bb,
        edits,
    }
}

/// One shared text and every place it occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedGroup {
    /// Where it occurs, sorted: `(source, first word, number of words)`; a source
    /// may hold it more than once.
    pub occurrences: Vec<(usize, usize, usize)>,
    /// The most edits between its first words and any place: 0 when every place
    /// has the very same words.
    pub edits: usize,
}

/// Merges pairwise runs that are the same text into one group per text, so a
/// quote carried by five sources is one item with five places, not ten pairs.
/// Runs are the same text when their words in their first source are; a
/// near-verbatim place joins the group of the words it was matched against.
/// Groups are ordered by their first occurrence.
pub fn group_runs(docs: &[Vec<u32>], runs: &[SharedRun]) -> Vec<SharedGroup> {
    let mut by_text: FxHashMap<&[u32], usize> = FxHashMap::default();
    let mut groups: Vec<SharedGroup> = Vec::new();
    for run in runs {
        let Some(words) = docs
            .get(run.source_a)
            .and_then(|d| d.get(run.start_a..run.start_a + run.len))
        else {
            continue;
        };
        let at = *by_text.entry(words).or_insert_with(|| {
            groups.push(SharedGroup {
                occurrences: Vec::new(),
                edits: 0,
            });
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(at) {
            group.occurrences.push((run.source_a, run.start_a, run.len));
            group
                .occurrences
                .push((run.source_b, run.start_b, run.len_b));
            group.edits = group.edits.max(run.edits);
        }
    }
    for g in &mut groups {
        g.occurrences.sort_unstable();
        g.occurrences.dedup();
    }
    crate::sort::sort_by(&mut groups, |x, y| x.occurrences.cmp(&y.occurrences));
    groups
}

/// How far (in bytes) [`is_quoted`] reads around a run for its quotation marks: a
/// paragraph of pasted text without blank lines can be a whole article, and a
/// mark further off says little of this run.
const QUOTE_REACH: usize = 4_096;

/// Whether `text[start..end]` sits inside quotation marks within its paragraph:
/// more opening than closing marks before it (typographic “ ” « » „ ‘ ’ counted
/// as pairs, straight " by parity), and a closing mark after it. Only
/// 4,096 bytes each side are read. For many runs of one text, build its
/// [`QuoteMarks`] once.
pub fn is_quoted(text: &str, start: usize, end: usize) -> bool {
    QuoteMarks::new(text).is_quoted(start, end)
}

/// What a quotation mark can do: open, close, or either (the straight `"`).
/// `“` is told apart from the other opening marks because it also closes (German
/// „…“).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// `“`
    OpenDouble,
    /// `«`, `„`, `‘`
    Open,
    /// `”`, `»`, `’`
    Close,
    /// `"`
    Straight,
}

/// A text's quotation marks and paragraph breaks, found in one pass, so that
/// [`QuoteMarks::is_quoted`] costs a few binary searches rather than a reading
/// of the text around each run: a source can share tens of thousands of runs
/// (at 400 generated articles, reading around each was 60 ms of 190 in shared
/// text).
#[derive(Clone, Debug)]
pub struct QuoteMarks<'a> {
    text: &'a str,
    /// Each mark's byte offset and kind, ascending.
    marks: Vec<(usize, Mark)>,
    /// Opening, closing and straight marks before each mark of `marks` (and
    /// after the last one): counts in a range are two lookups.
    counts: Vec<[u32; 3]>,
    /// Byte offsets of `"\n\n"`, ascending, overlapping ones included.
    breaks: Vec<usize>,
}

impl<'a> QuoteMarks<'a> {
    /// Finds the marks and paragraph breaks of `text`.
    pub fn new(text: &'a str) -> QuoteMarks<'a> {
        let bytes = text.as_bytes();
        let mut marks = Vec::new();
        let mut breaks = Vec::new();
        // Every mark but " starts with byte 0xC2 or 0xE2: other characters are
        // passed over without decoding them.
        for (i, &b) in bytes.iter().enumerate() {
            let mark = match b {
                b'"' => Some(Mark::Straight),
                b'\n' if bytes.get(i + 1) == Some(&b'\n') => {
                    breaks.push(i);
                    None
                }
                0xC2 | 0xE2 => match text.get(i..).and_then(|rest| rest.chars().next()) {
                    Some('“') => Some(Mark::OpenDouble),
                    Some('«' | '„' | '‘') => Some(Mark::Open),
                    Some('”' | '»' | '’') => Some(Mark::Close),
                    _ => None,
                },
                _ => None,
            };
            if let Some(mark) = mark {
                marks.push((i, mark));
            }
        }
        let mut counts = Vec::with_capacity(marks.len() + 1);
        let mut count = [0u32; 3];
        counts.push(count);
        for &(_, mark) in &marks {
            let slot = match mark {
                Mark::OpenDouble | Mark::Open => 0,
                Mark::Close => 1,
                Mark::Straight => 2,
            };
            if let Some(c) = count.get_mut(slot) {
                *c += 1;
            }
            counts.push(count);
        }
        QuoteMarks {
            text,
            marks,
            counts,
            breaks,
        }
    }

    /// [`is_quoted`] for `text[start..end]` of this text.
    pub fn is_quoted(&self, start: usize, end: usize) -> bool {
        let text = self.text;
        // (Past the end is no boundary either.)
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return false;
        }
        let from = crate::offsets::floor_char_boundary(text, start.saturating_sub(QUOTE_REACH));
        let mut to = end.saturating_add(QUOTE_REACH).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        // Within the paragraph: after the last break that ends before the run,
        // before the first that starts after it.
        let last_break = self
            .breaks
            .partition_point(|&b| b + 2 <= start)
            .checked_sub(1)
            .and_then(|k| self.breaks.get(k))
            .filter(|&&b| b >= from);
        let from = last_break.map_or(from, |b| b + 2);
        let next_break = self.breaks.get(self.breaks.partition_point(|&b| b < end));
        let to = next_break.filter(|&&b| b + 2 <= to).map_or(to, |&b| b);
        let at = |byte: usize| self.marks.partition_point(|&(m, _)| m < byte);
        let (first, last) = (at(from), at(start));
        let (Some(before), Some(upto)) = (self.counts.get(first), self.counts.get(last)) else {
            return false;
        };
        let ([o1, c1, s1], [o0, c0, s0]) = (*upto, *before);
        let (opens, closes, straight) = (o1 - o0, c1 - c0, s1 - s0);
        let inside = opens > closes || straight % 2 == 1;
        inside
            && self
                .marks
                .get(at(end)..at(to))
                .is_some_and(|after| after.iter().any(|&(_, m)| m != Mark::Open))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The reading [`QuoteMarks`] replaces, kept to check it gives the same answers.
    fn is_quoted_by_reading(text: &str, start: usize, end: usize) -> bool {
        let mut from = start.saturating_sub(QUOTE_REACH);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = end.saturating_add(QUOTE_REACH).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let (Some(before), Some(after)) = (text.get(from..start), text.get(end..to)) else {
            return false;
        };
        // Within the paragraph.
        let before = before
            .rfind("\n\n")
            .and_then(|i| before.get(i + 2..))
            .unwrap_or(before);
        let after = after
            .find("\n\n")
            .and_then(|i| after.get(..i))
            .unwrap_or(after);
        let (mut opens, mut closes, mut straight) = (0usize, 0usize, 0usize);
        // Every mark but " starts with byte 0xC2 or 0xE2: other characters are
        // passed over without decoding them.
        for (i, b) in before.bytes().enumerate() {
            match b {
                b'"' => straight += 1,
                0xC2 | 0xE2 => match before.get(i..).and_then(|rest| rest.chars().next()) {
                    Some('“' | '«' | '„' | '‘') => opens += 1,
                    Some('”' | '»' | '’') => closes += 1,
                    _ => {}
                },
                _ => {}
            }
        }
        let inside = opens > closes || straight % 2 == 1;
        inside
            && after
                .chars()
                .any(|c| matches!(c, '”' | '»' | '"' | '’' | '“'))
    }

    #[test]
    fn quote_marks_answer_as_reading_the_text_does() {
        // Texts of words, marks of every kind, line and paragraph breaks, Cyrillic
        // and long runs past the reach, drawn from a seeded generator.
        let pieces = [
            "talks ",
            "“",
            "”",
            "«",
            "»",
            "„",
            "‘",
            "’",
            "\"",
            "\n",
            "\n\n",
            "\n\n\n",
            "переговоры ",
            "👍🏽",
            "e\u{301} ",
            "— ",
            "said. ",
        ];
        let long = "x".repeat(QUOTE_REACH / 2);
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        let mut quoted = [0, 0];
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..next(60) {
                if next(12) == 0 {
                    text.push_str(&long);
                } else {
                    text.push_str(pieces[next(pieces.len())]);
                }
            }
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&b| text.is_char_boundary(b))
                .collect();
            let marks = QuoteMarks::new(&text);
            for _ in 0..40 {
                let (x, y) = (bounds[next(bounds.len())], bounds[next(bounds.len())]);
                let (start, end) = (x.min(y), x.max(y));
                let want = is_quoted_by_reading(&text, start, end);
                assert_eq!(marks.is_quoted(start, end), want, "{text:?} {start}..{end}");
                quoted[usize::from(want)] += 1;
            }
        }
        assert!(quoted[0] > 1_000 && quoted[1] > 1_000, "{quoted:?}");
    }

    #[test]
    fn quotation_marks_are_read_within_the_paragraph_and_near_the_run() {
        let at = |text: &str, run: &str| {
            let start = text.find(run).unwrap_or(0);
            is_quoted(text, start, start + run.len())
        };
        assert!(at(
            "He said “talks will resume” today.",
            "talks will resume"
        ));
        assert!(at(
            "He said \"talks will resume\" today.",
            "talks will resume"
        ));
        assert!(!at("He said talks will resume today.", "talks will resume"));
        // A paragraph break closes what was open.
        assert!(!at(
            "He said “no.\n\nTalks will resume” today.",
            "Talks will resume"
        ));
        // Cyrillic all around: the reach cuts inside a character and steps back.
        let pad = "ж".repeat(QUOTE_REACH);
        let text = format!("{pad}«переговоры продолжатся» {pad}");
        assert!(at(&text, "переговоры продолжатся"));
        // A mark opened further back than the reach is not seen.
        let far = format!(
            "“{} talks will resume” today.",
            "x".repeat(QUOTE_REACH + 10)
        );
        assert!(!at(&far, "talks will resume"));
    }

    fn ids(text: &str, vocab: &mut HashMap<String, u32>) -> Vec<u32> {
        text.split_whitespace()
            .map(|w| {
                let n = vocab.len() as u32;
                *vocab.entry(w.to_string()).or_insert(n)
            })
            .collect()
    }

    #[test]
    fn finds_the_shared_quote_wherever_it_sits() {
        let mut v = HashMap::new();
        let docs = vec![
            ids(
                "he said nothing about ukraine without ukraine is the principle today",
                &mut v,
            ),
            ids(
                "officials repeated that nothing about ukraine without ukraine is the principle",
                &mut v,
            ),
            ids("a third text with no overlap at all here", &mut v),
        ];
        let got = shared_runs(&docs, 4);
        assert_eq!(
            got,
            vec![SharedRun {
                source_a: 0,
                start_a: 2,
                source_b: 1,
                start_b: 3,
                len: 8,
                len_b: 8,
                edits: 0
            }]
        );
    }

    #[test]
    fn runs_of_the_same_text_become_one_group_with_every_place() {
        let mut v = HashMap::new();
        let docs = vec![
            ids("x nothing about ukraine without ukraine y", &mut v),
            ids("nothing about ukraine without ukraine z", &mut v),
            ids("q r nothing about ukraine without ukraine", &mut v),
        ];
        let runs = shared_runs(&docs, 4);
        assert_eq!(runs.len(), 3);
        assert_eq!(
            group_runs(&docs, &runs),
            vec![SharedGroup {
                occurrences: vec![(0, 1, 5), (1, 0, 5), (2, 2, 5)],
                edits: 0
            }]
        );
    }

    #[test]
    fn quotes_are_told_from_prose() {
        let cases = [
            (
                "He said “a fair price for water” today.",
                "a fair price",
                true,
            ),
            (
                "He said \"a fair price for water\" today.",
                "a fair price",
                true,
            ),
            ("A fair price for water, he said.", "fair price", false),
            (
                "“Done,” she said. A fair price for water.",
                "fair price",
                false,
            ),
            ("«Дамба раздора», говорят критики.", "Дамба", true),
        ];
        for (text, part, want) in cases {
            let start = text.find(part).unwrap_or(0);
            assert_eq!(is_quoted(text, start, start + part.len()), want, "{text}");
        }
    }

    #[test]
    fn text_repeated_in_one_source_is_still_shared_with_another() {
        let mut v = HashMap::new();
        let refrain = "the talks will open in geneva on monday";
        let many = vec![refrain; 50].join(" and ");
        let docs = vec![ids(&many, &mut v), ids(&format!("x {refrain} y"), &mut v)];
        let runs = shared_runs(&docs, 5);
        assert_eq!(
            runs.first()
                .map(|r| (r.source_a, r.start_a, r.source_b, r.start_b, r.len)),
            Some((0, 0, 1, 1, 8))
        );
    }

    #[test]
    fn a_quote_with_a_word_changed_is_one_near_verbatim_run() {
        let mut v = HashMap::new();
        let docs = vec![
            ids(
                "he said we will not accept any deal that leaves ukraine and its people out of the room today",
                &mut v,
            ),
            // "any" became "a" and "of" was dropped: one edit each side of the seven
            // agreeing words the run is seeded from.
            ids(
                "officials said we will not accept a deal that leaves ukraine and its people out the room today",
                &mut v,
            ),
        ];
        let got = shared_runs(&docs, 6);
        assert_eq!(
            got,
            vec![SharedRun {
                source_a: 0,
                start_a: 1,
                source_b: 1,
                start_b: 1,
                len: 18,
                len_b: 17,
                edits: 2
            }]
        );
        let groups = group_runs(&docs, &got);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups.iter().map(|g| g.edits).collect::<Vec<_>>(), vec![2]);
        // Unrelated words after a quote are not pulled in: three words must agree.
        let docs = vec![
            ids(
                "x we will not accept any deal now said the minister of state",
                &mut v,
            ),
            ids(
                "y we will not accept any deal ever according to the report of the",
                &mut v,
            ),
        ];
        let got = shared_runs(&docs, 6);
        assert_eq!(
            got.iter()
                .map(|r| (r.len, r.len_b, r.edits))
                .collect::<Vec<_>>(),
            vec![(6, 6, 0)]
        );
        // Two words for one is a rewording, not a slip: the run stops there.
        let docs = vec![
            ids(
                "we will not accept any deal that leaves ukraine out of the room today",
                &mut v,
            ),
            ids(
                "we will not accept any deal that leaves ukraine outside the room today",
                &mut v,
            ),
        ];
        let got = shared_runs(&docs, 6);
        assert_eq!(
            got.iter()
                .map(|r| (r.len, r.len_b, r.edits))
                .collect::<Vec<_>>(),
            vec![(9, 9, 0)]
        );
    }

    #[test]
    fn short_agreements_are_not_runs() {
        let mut v = HashMap::new();
        let docs = vec![ids("a b c x y", &mut v), ids("a b c z w", &mut v)];
        assert_eq!(shared_runs(&docs, 4), vec![]);
        assert_eq!(shared_runs(&docs, 3).len(), 1);
    }
}
