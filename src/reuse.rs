//! Shared verbatim text: runs of at least `k` identical words found in two sources.
//!
//! Every `k`-word shingle is hashed; shingles found in more than one source seed
//! matches; seeds on the same diagonal are chained, checked word by word and
//! extended as far as the words agree.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

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
    /// Number of words.
    pub len: usize,
}

/// Shingles found in more places than this are seeded from each source's first
/// place only; found in more sources than this, they are page furniture or
/// formulas ("senior administration official"), not reuse worth seeding from.
const MAX_SHINGLE_OCCURRENCES: usize = 32;

/// Finds runs of at least `k` words that two sources share. `docs[s]` holds source
/// `s`'s words as ids (equal words, equal ids). Runs are maximal and sorted.
pub fn shared_runs(docs: &[Vec<u32>], k: usize) -> Vec<SharedRun> {
    let k = k.max(1);
    let mut shingles: HashMap<u64, Vec<(u32, u32)>> = HashMap::new();
    for (s, words) in docs.iter().enumerate() {
        for (pos, window) in words.windows(k).enumerate() {
            let mut h = DefaultHasher::new();
            window.hash(&mut h);
            shingles
                .entry(h.finish())
                .or_default()
                .push((s as u32, pos as u32));
        }
    }
    // Seeds: (source a, source b, diagonal, position in a, position in b).
    let mut seeds: Vec<(u32, u32, i64, u32, u32)> = Vec::new();
    for places in shingles.values_mut() {
        if places.len() > MAX_SHINGLE_OCCURRENCES {
            // Text a source repeats many times (a refrain, a pasted document
            // repeated) still counts as shared with another source: keep each
            // source's first place only, and skip it only if many sources have it.
            places.sort_unstable();
            places.dedup_by_key(|&mut (s, _)| s);
        }
        if places.len() < 2 || places.len() > MAX_SHINGLE_OCCURRENCES {
            continue;
        }
        for (i, &(sa, pa)) in places.iter().enumerate() {
            for &(sb, pb) in places.iter().skip(i + 1) {
                if sa != sb {
                    let ((sa, pa), (sb, pb)) = if sa < sb {
                        ((sa, pa), (sb, pb))
                    } else {
                        ((sb, pb), (sa, pa))
                    };
                    seeds.push((sa, sb, i64::from(pb) - i64::from(pa), pa, pb));
                }
            }
        }
    }
    seeds.sort_unstable();
    let mut seen: HashSet<(usize, usize, usize, usize)> = HashSet::new();
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
        if let Some(run) = verified_run(a, b, pa as usize, pb as usize, end_a - pa as usize, k) {
            let key = (sa as usize, sb as usize, run.0, run.1);
            if seen.insert(key) {
                runs.push(SharedRun {
                    source_a: sa as usize,
                    start_a: run.0,
                    source_b: sb as usize,
                    start_b: run.1,
                    len: run.2,
                });
            }
        }
    }
    runs.sort();
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

/// One shared text and every place it occurs: `(source, first word)` pairs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedGroup {
    /// Number of words.
    pub len: usize,
    /// Where it occurs, sorted; a source may hold it more than once.
    pub occurrences: Vec<(usize, usize)>,
}

/// Merges pairwise runs that are the same words into one group per text, so a
/// quote carried by five sources is one item with five places, not ten pairs.
/// Groups are ordered by their first occurrence.
pub fn group_runs(docs: &[Vec<u32>], runs: &[SharedRun]) -> Vec<SharedGroup> {
    let mut by_text: HashMap<&[u32], usize> = HashMap::new();
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
                len: run.len,
                occurrences: Vec::new(),
            });
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(at) {
            group.occurrences.push((run.source_a, run.start_a));
            group.occurrences.push((run.source_b, run.start_b));
        }
    }
    for g in &mut groups {
        g.occurrences.sort_unstable();
        g.occurrences.dedup();
    }
    groups.sort_by(|x, y| x.occurrences.cmp(&y.occurrences).then(x.len.cmp(&y.len)));
    groups
}

/// Whether `text[start..end]` sits inside quotation marks within its paragraph:
/// more opening than closing marks before it (typographic “ ” « » „ ‘ ’ counted
/// as pairs, straight " by parity), and a closing mark after it.
pub fn is_quoted(text: &str, start: usize, end: usize) -> bool {
    let para_start = text
        .get(..start)
        .and_then(|b| b.rfind("\n\n"))
        .map_or(0, |i| i + 2);
    let para_end = text
        .get(end..)
        .and_then(|a| a.find("\n\n"))
        .map_or(text.len(), |i| end + i);
    let (Some(before), Some(after)) = (text.get(para_start..start), text.get(end..para_end)) else {
        return false;
    };
    let opens = before
        .chars()
        .filter(|c| matches!(c, '“' | '«' | '„' | '‘'))
        .count();
    let closes = before
        .chars()
        .filter(|c| matches!(c, '”' | '»' | '’'))
        .count();
    let straight = before.chars().filter(|&c| c == '"').count();
    let inside = opens > closes || straight % 2 == 1;
    inside
        && after
            .chars()
            .any(|c| matches!(c, '”' | '»' | '"' | '’' | '“'))
}

#[cfg(test)]
mod tests {
    use super::*;

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
                len: 8
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
                len: 5,
                occurrences: vec![(0, 1), (1, 0), (2, 2)]
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
    fn short_agreements_are_not_runs() {
        let mut v = HashMap::new();
        let docs = vec![ids("a b c x y", &mut v), ids("a b c z w", &mut v)];
        assert_eq!(shared_runs(&docs, 4), vec![]);
        assert_eq!(shared_runs(&docs, 3).len(), 1);
    }
}
