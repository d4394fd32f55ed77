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

/// Shingles seen more often than this across all sources are page furniture or
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
    for places in shingles.values() {
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
    fn short_agreements_are_not_runs() {
        let mut v = HashMap::new();
        let docs = vec![ids("a b c x y", &mut v), ids("a b c z w", &mut v)];
        assert_eq!(shared_runs(&docs, 4), vec![]);
        assert_eq!(shared_runs(&docs, 3).len(), 1);
    }
}
