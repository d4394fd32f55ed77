//! Which passages of different sources speak of the same thing.
//!
//! Two ways, for two kinds of sources:
//!
//! - [`best_match_pairs`], topic alignment: every passage is paired with its most
//!   similar passage in every other source, in any order, so reordered text is
//!   found. Pairs found from both sides are marked mutual.
//! - [`monotone_pairs`], version alignment (editions, drafts, retellings): an
//!   order-preserving alignment of two sources by dynamic programming over beads,
//!   in the manner of Gale–Church and bertalign: one passage with one, two or three
//!   consecutive passages with one (2–1, 3–1) or one with two or three (1–2, 1–3),
//!   scored on the passages read together; passages may stay unaligned.

use crate::index::Similarity;
use crate::sort::total_order_key;
use std::ops::Range;

/// A pair of aligned passages.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The passage in the earlier source.
    pub a: usize,
    /// The passage in the later source.
    pub b: usize,
    /// Their similarity, 0 to 1.
    pub score: f32,
    /// Whether each is the other's best match.
    pub mutual: bool,
}

/// How many nearest neighbours each passage looks at: enough to find its best
/// match in every other source of a usual comparison (four per source), at least
/// 32, and at most 64 so that a corpus of hundreds of sources stays near-linear
/// (a passage then pairs with the sources of its 64 nearest passages).
pub fn neighbour_limit(sources: usize) -> usize {
    sources.saturating_mul(4).clamp(32, 64)
}

/// Pairs each passage with its best match in every other source and keeps pairs
/// scoring at least `min_score`. `source_of[p]` is the source of passage `p`.
/// Pairs are returned sorted by `(a, b)`, each pair once.
pub fn best_match_pairs(
    source_of: &[usize],
    sim: &(impl Similarity + Sync),
    min_score: f32,
) -> Vec<Pair> {
    let sources = source_of.iter().max().map_or(0, |&s| s + 1);
    let limit = neighbour_limit(sources);
    // best[p] = (source, passage, score) of p's best match in each other source
    // (as u32: with hundreds of sources these lists are the largest thing held).
    // Each passage's list is its own, so cores can share the passages.
    let best: Vec<Vec<(u32, u32, f32)>> =
        crate::parallel::in_ranges(source_of.len(), 1_000, |range| {
            let mut neighbours = Vec::new();
            // seen[s] == p + 1: source s already has its best match for passage p.
            let mut seen = vec![0usize; sources];
            range
                .map(|p| {
                    let mut list = Vec::new();
                    let Some(&source) = source_of.get(p) else {
                        return list;
                    };
                    sim.neighbours(p, limit, &mut neighbours);
                    // Neighbours come best first (ties by passage), so each other
                    // source's first one is its best match.
                    for &(q, score) in &neighbours {
                        let Some(&other) = source_of.get(q) else {
                            continue;
                        };
                        if other == source || score <= 0.0 {
                            continue;
                        }
                        if let Some(mark) = seen.get_mut(other).filter(|m| **m != p + 1) {
                            *mark = p + 1;
                            list.push((other as u32, q as u32, score));
                        }
                    }
                    // By source, for the lookups below.
                    list.sort_unstable_by_key(|&(s, _, _)| s);
                    list
                })
                .collect()
        });
    // Whether q is p's best match in q's source.
    let is_best = |p: usize, q: usize| -> bool {
        let (Some(list), Some(&source_q)) = (best.get(p), source_of.get(q)) else {
            return false;
        };
        list.binary_search_by_key(&(source_q as u32), |&(s, _, _)| s)
            .ok()
            .and_then(|k| list.get(k))
            .is_some_and(|&(_, m, _)| m as usize == q)
    };
    // A pair (a, b), a < b, is kept when b is a's best match in b's source (as a
    // found it) or else a is b's (as b found it). The second kind, gathered by a
    // in a counting pass: chosen_by[a] lists each later passage b whose best match
    // in a's source is a, ascending.
    let mut starts = vec![0usize; source_of.len() + 1];
    for (b, list) in best.iter().enumerate() {
        for &(_, a, score) in list {
            if (a as usize) < b && score >= min_score {
                if let Some(count) = starts.get_mut(a as usize + 1) {
                    *count += 1;
                }
            }
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(start) = starts.get_mut(i) {
            *start += before;
        }
    }
    let mut next = starts.clone();
    let mut chosen_by = vec![(0u32, 0.0f32); starts.last().copied().unwrap_or(0)];
    for (b, list) in best.iter().enumerate() {
        for &(_, a, score) in list {
            if (a as usize) < b && score >= min_score {
                if let Some(at) = next.get_mut(a as usize) {
                    if let Some(slot) = chosen_by.get_mut(*at) {
                        *slot = (b as u32, score);
                    }
                    *at += 1;
                }
            }
        }
    }
    // Each passage's pairs with later ones, ascending by the later one, so the
    // whole list comes out sorted by (a, b); cores share the passages.
    crate::parallel::in_ranges(source_of.len(), 1_000, |range| {
        let mut pairs = Vec::new();
        let mut own = Vec::new();
        for a in range {
            own.clear();
            own.extend(
                best.get(a)
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .filter(|&&(_, b, score)| b as usize > a && score >= min_score)
                    .map(|&(_, b, score)| (b as usize, score)),
            );
            // Already so when passages are numbered source by source.
            own.sort_unstable_by_key(|&(b, _)| b);
            let mut own = own.iter().copied().peekable();
            let theirs = starts
                .get(a)
                .zip(starts.get(a + 1))
                .and_then(|(&from, &to)| chosen_by.get(from..to))
                .unwrap_or(&[]);
            let mut theirs = theirs.iter().map(|&(b, s)| (b as usize, s)).peekable();
            loop {
                // The earlier of the two lists' next passages; on a tie, a's own
                // find.
                let from_own = match (own.peek(), theirs.peek()) {
                    (None, None) => break,
                    (Some(&(b, _)), Some(&(c, _))) => b <= c,
                    (own, _) => own.is_some(),
                };
                let pair = if from_own {
                    let Some((b, score)) = own.next() else { break };
                    // b found a too: mutual, with no need to look.
                    let found_too = theirs.next_if(|&(c, _)| c == b).is_some();
                    Pair {
                        a,
                        b,
                        score,
                        mutual: found_too || is_best(b, a),
                    }
                } else {
                    let Some((b, score)) = theirs.next() else {
                        break;
                    };
                    Pair {
                        a,
                        b,
                        score,
                        mutual: is_best(a, b),
                    }
                };
                pairs.push(pair);
            }
        }
        pairs
    })
}

/// Passages of several sources that speak of the same thing, built from pairs.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Its passages, ascending; at most one per source when built from
    /// non-conflicting pairs, exactly two for a pair kept on its own.
    pub passages: Vec<usize>,
    /// Indexes into the pairs given to [`topic_groups`] of the pairs inside it.
    pub pairs: Vec<usize>,
}

/// Groups pairs into clusters: the strongest pairs first, two clusters merge
/// when a pair joins them, they share no source, and their passages are, on
/// average, at least `min_link` similar to each other (average linkage), so a
/// group reads as one row with at most one passage per source, and a passage is
/// not pulled into a row by a chain of neighbours it shares little with ("Putin
/// builds up troops" ~ "Call with President Putin" ~ "Background Press Call"). A
/// pair that cannot merge stays a group of its own, so no alignment is lost,
/// unless a stronger one already links the same two rows.
/// Clusters come out ordered by their first passage.
pub fn topic_groups(
    pairs: &[Pair],
    source_of: &[usize],
    sim: &impl Similarity,
    min_link: f32,
) -> Vec<Cluster> {
    let n = source_of.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // Each row's sources, ascending, so that whether two rows share one is a few
    // binary searches rather than a comparison of every source with every other
    // (wire copy makes rows of hundreds of sources: 177 million comparisons at
    // 400 generated articles).
    let mut sources: Vec<Vec<usize>> = source_of.iter().map(|&s| vec![s]).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|p| vec![p]).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while let Some(&p) = parent.get(x) {
            if p == x {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(x) {
                *slot = grand;
            }
            x = p;
        }
        x
    }
    /// Moves list `from` onto the end of list `into`, when two rows join.
    fn move_list(lists: &mut [Vec<usize>], from: usize, into: usize) {
        let moved = lists.get_mut(from).map(std::mem::take).unwrap_or_default();
        if let Some(list) = lists.get_mut(into) {
            list.extend(moved);
        }
    }
    /// Two ascending lists as one.
    fn merge_sorted(a: &[usize], b: &[usize]) -> Vec<usize> {
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
        while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
            if x <= y {
                out.push(x);
                a.next();
            } else {
                out.push(y);
                b.next();
            }
        }
        out.extend(a.chain(b));
        out
    }
    /// Whether two ascending lists have an item in common: each item of the
    /// shorter is looked for in the longer.
    fn intersect(a: &[usize], b: &[usize]) -> bool {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short.iter().any(|x| long.binary_search(x).is_ok())
    }
    // The pairs strongest first, then by passages, then as given: one key per
    // pair, in one integer (passage numbers fit in 32 bits, as in the index), so
    // the sort compares keys rather than reading pairs (400 generated articles
    // have 409,081 pairs).
    let mut keys: Vec<u128> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let descending = u128::from(!total_order_key(p.score));
            (descending << 96) | ((p.a as u128) << 64) | ((p.b as u128) << 32) | i as u128
        })
        .collect();
    keys.sort_unstable();
    let order: Vec<usize> = keys.iter().map(|&k| (k as u32) as usize).collect();
    drop(keys);
    let mut alone: Vec<usize> = Vec::new();
    let mut is_alone = vec![false; pairs.len()];
    for &i in &order {
        let Some(pair) = pairs.get(i) else { continue };
        let (ra, rb) = (root(&mut parent, pair.a), root(&mut parent, pair.b));
        if ra == rb {
            continue;
        }
        let sa = sources.get(ra).map_or(&[][..], Vec::as_slice);
        let sb = sources.get(rb).map_or(&[][..], Vec::as_slice);
        let ma = members.get(ra).map_or(&[][..], Vec::as_slice);
        let mb = members.get(rb).map_or(&[][..], Vec::as_slice);
        if intersect(sa, sb) || sim.mean_score(ma, mb) < min_link {
            alone.push(i);
            if let Some(flag) = is_alone.get_mut(i) {
                *flag = true;
            }
            continue;
        }
        if let Some(slot) = parent.get_mut(rb) {
            *slot = ra;
        }
        move_list(&mut members, rb, ra);
        let moved = sources.get_mut(rb).map(std::mem::take).unwrap_or_default();
        if let Some(list) = sources.get_mut(ra) {
            *list = merge_sorted(list, &moved);
        }
    }
    // Members and pairs of each merged cluster, by root.
    let mut by_root: std::collections::BTreeMap<usize, Cluster> = Default::default();
    for (i, pair) in pairs.iter().enumerate() {
        if is_alone.get(i).copied().unwrap_or(false) {
            continue;
        }
        let r = root(&mut parent, pair.a);
        let cluster = by_root.entry(r).or_insert_with(|| Cluster {
            passages: Vec::new(),
            pairs: Vec::new(),
        });
        cluster.pairs.push(i);
        cluster.passages.extend([pair.a, pair.b]);
    }
    // Of the pairs that could not join two rows, the strongest stands for the
    // link between those rows: wire copy of two like sentences, each in many
    // sources, would otherwise repeat it once for every two copies (157,776 of
    // the 158,356 groups of 400 generated articles).
    let mut linked_rows = rustc_hash::FxHashSet::default();
    let alone: Vec<usize> = alone
        .into_iter()
        .filter(|&i| {
            let Some(p) = pairs.get(i) else { return false };
            let (ra, rb) = (root(&mut parent, p.a), root(&mut parent, p.b));
            ra != rb && linked_rows.insert((ra.min(rb), ra.max(rb)))
        })
        .collect();
    let mut clusters: Vec<Cluster> = by_root.into_values().collect();
    clusters.extend(alone.into_iter().filter_map(|i| {
        pairs.get(i).map(|p| Cluster {
            passages: vec![p.a, p.b],
            pairs: vec![i],
        })
    }));
    for c in &mut clusters {
        c.passages.sort_unstable();
        c.passages.dedup();
        c.pairs.sort_unstable();
    }
    crate::sort::sort_by(&mut clusters, |x, y| x.passages.cmp(&y.passages));
    clusters
}

/// Aligns every pair of sources in order with [`monotone_pairs`]. `ranges[s]` is
/// the range of passage numbers of source `s`. Two sources too long for a
/// table of [`MAX_MONOTONE_CELLS`] are aligned in a band around their passages'
/// best matches in order, or around the diagonal when those are few
/// ([`Band::around`]), as wide as that many cells allow.
/// Returns `None` when even a band of [`MIN_BAND`] columns each way is too large.
pub fn version_pairs(
    ranges: &[std::ops::Range<usize>],
    sim: &impl Similarity,
    min_score: f32,
) -> Option<Vec<Pair>> {
    let mut pairs = Vec::new();
    for (s, a) in ranges.iter().enumerate() {
        for b in ranges.iter().skip(s + 1) {
            let band = version_band(a, b, sim, min_score, MAX_MONOTONE_CELLS)?;
            let found = monotone_pairs(
                a.len(),
                b.len(),
                &band,
                |row, cols, out| {
                    sim.score_row(a.start + row, b.start + cols.start..b.start + cols.end, out)
                },
                |rows, cols| {
                    if rows.len() == 1 && cols.len() == 1 {
                        return sim.score(a.start + rows.start, b.start + cols.start);
                    }
                    let rows: Vec<usize> = rows.map(|i| a.start + i).collect();
                    let cols: Vec<usize> = cols.map(|j| b.start + j).collect();
                    sim.score_joined(&rows, &cols)
                },
                min_score,
            );
            pairs.extend(found.into_iter().map(|(i, j, score)| Pair {
                a: a.start + i,
                b: b.start + j,
                score,
                mutual: true,
            }));
        }
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    Some(pairs)
}

/// How much a row's best match in the other version must beat its second to
/// guide a band.
const CLEAR_LEAD: f32 = 0.05;

/// A band follows the rows' best matches only if at least one row in this many
/// has one in the run; else it follows the table's diagonal.
const MIN_GUIDE_SHARE: usize = 10;

/// The fewest columns each way of its path a band keeps.
pub const MIN_BAND: usize = 32;

/// The cells of the table two versions `a` and `b` are aligned in: all of them
/// when there are at most `max_cells`, else a band around the longest ordered
/// run of the rows' best matches, of about that many cells.
fn version_band(
    a: &Range<usize>,
    b: &Range<usize>,
    sim: &impl Similarity,
    min_score: f32,
    max_cells: usize,
) -> Option<Band> {
    let (n, m) = (a.len(), b.len());
    if n.checked_mul(m)? <= max_cells {
        return Some(Band::full(n, m));
    }
    let width = (max_cells / (n + 1) / 2).max(MIN_BAND);
    if (n + 1).checked_mul(2 * width + 1)? > 2 * max_cells {
        return None;
    }
    // Each row's best match in b, when it is clearly its best (a sentence b
    // repeats says nothing of where the path runs), then the longest run of them
    // in order.
    let mut neighbours = Vec::new();
    let mut best: Vec<(usize, usize)> = Vec::new();
    for r in 0..n {
        sim.neighbours(a.start + r, 16, &mut neighbours);
        let mut in_b = neighbours.iter().filter(|(q, _)| b.contains(q));
        match (in_b.next(), in_b.next()) {
            (Some(&(q, first)), second)
                if first >= min_score && second.is_none_or(|&(_, s)| s < first - CLEAR_LEAD) =>
            {
                best.push((r, q - b.start));
            }
            _ => {}
        }
    }
    // A run of few matches may hold one far off the path; the diagonal is then
    // the safer guide (editions drift apart slowly).
    let run = increasing_run(&best);
    let guide = if run.len() * MIN_GUIDE_SHARE >= n {
        run.as_slice()
    } else {
        &[]
    };
    Some(Band::around(guide, n, m, width))
}

/// The longest run of `points` (ascending by their first value) whose second
/// values strictly increase too (patience sorting, with the run read back).
fn increasing_run(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: the point ending the best run of length k + 1 so far; back[p]:
    // the point before point p in its run.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; points.len()];
    for (p, &(_, c)) in points.iter().enumerate() {
        let at = tails.partition_point(|&t| points.get(t).is_some_and(|&(_, tc)| tc < c));
        if let Some(slot) = back.get_mut(p) {
            *slot = at.checked_sub(1).and_then(|k| tails.get(k).copied());
        }
        match tails.get_mut(at) {
            Some(slot) => *slot = p,
            None => tails.push(p),
        }
    }
    let mut run = Vec::new();
    let mut next = tails.last().copied();
    while let Some(p) = next {
        run.extend(points.get(p));
        next = back.get(p).copied().flatten();
    }
    run.reverse();
    run
}

/// Whether the sources look like versions of one text: between every pair of
/// sources with at least three mutual best matches, at least 80% of those matches
/// keep their order (longest increasing run over all of them), and at least one
/// pair of sources has such matches.
pub fn looks_like_versions(pairs: &[Pair], source_of: &[usize]) -> bool {
    // The mutual matches by pair of sources, then in order: one sort rather than
    // a map of lists (tens of thousands of source pairs at 400 sources).
    let mut matches: Vec<(usize, usize, usize, usize)> = pairs
        .iter()
        .filter(|p| p.mutual)
        .filter_map(|p| Some((*source_of.get(p.a)?, *source_of.get(p.b)?, p.a, p.b)))
        .collect();
    matches.sort_unstable();
    let mut judged = 0;
    for list in matches.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        if list.len() < 3 {
            continue;
        }
        judged += 1;
        let in_order = longest_increasing(list.iter().map(|&(_, _, _, b)| b));
        if in_order * 5 < list.len() * 4 {
            return false;
        }
    }
    judged > 0
}

/// Length of the longest strictly increasing subsequence.
fn longest_increasing(values: impl Iterator<Item = usize>) -> usize {
    let points: Vec<(usize, usize)> = values.enumerate().collect();
    increasing_run(&points).len()
}

/// Most cells of a version table filled in full; past it, [`version_pairs`]
/// fills a band of about this many cells.
pub const MAX_MONOTONE_CELLS: usize = 16_000_000;

/// The beads version alignment reads together: `(rows, columns)`. One sentence of
/// an edition may be two or three of another, either way (Gale–Church's 2–1 and 1–2).
const BEADS: [(usize, usize); 5] = [(1, 1), (2, 1), (1, 2), (3, 1), (1, 3)];

/// What each passage added to a bead beyond the second costs, in score: a merge
/// must clearly beat a 1–1 pair and a passage left unaligned. On aesop_gnat
/// (version mode, best threshold) 0.1 gave F1 0.563, 0.2 0.595, 0.3 0.608 and
/// 0.4 0.602; the Bible verses keep 0.967 from 0.3 (0.955 at 0.1) and the
/// Darwin editions 1.000 throughout. (Before merges had to read better than
/// their pairs, 0.05 gave 0.505 and 0.3 0.601.)
const MERGE_COST: f32 = 0.3;

/// A passage joins a merge only if it scores at least this share of `min_score`
/// with the other side on its own: it must say part of the same thing, not just
/// sit next to a passage that does.
const MERGE_PART_FLOOR: f32 = 0.5;

/// The columns each row of a version table may use: row `i` (0 to `n`) the
/// columns `lo[i]..=hi[i]`, both never decreasing, from (0, 0) to (n, m).
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    /// Every column in every row: the whole `n` by `m` table.
    pub fn full(n: usize, m: usize) -> Band {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }

    /// Columns within `width` of a path through `anchors` (row, column) pairs of
    /// passages, both ascending, from the table's first corner to its last (the
    /// diagonal, without anchors): where most of two long versions' pairs lie, as
    /// bertalign searches around its first pass.
    pub fn around(anchors: &[(usize, usize)], n: usize, m: usize, width: usize) -> Band {
        // The path's corners, in table cells: (0, 0), the anchors, (n, m).
        let mut corners = vec![(0, 0)];
        corners.extend(anchors.iter().map(|&(r, c)| (r + 1, c + 1)));
        corners.push((n, m));
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        let mut k = 0;
        for i in 0..=n {
            while corners.get(k + 1).is_some_and(|&(ci, _)| ci < i) {
                k += 1;
            }
            let (i0, j0) = corners.get(k).copied().unwrap_or((0, 0));
            let (i1, j1) = corners.get(k + 1).copied().unwrap_or((n, m));
            let centre = if i1 > i0 {
                j0 + (j1.saturating_sub(j0)) * (i - i0) / (i1 - i0)
            } else {
                j1
            };
            let centre = centre.min(m);
            lo.push(centre.saturating_sub(width));
            hi.push((centre + width).min(m));
        }
        // Never decreasing, and reaching both corners.
        for i in 1..=n {
            let (Some(&lo_prev), Some(&hi_prev)) = (lo.get(i - 1), hi.get(i - 1)) else {
                continue;
            };
            if let Some(x) = lo.get_mut(i) {
                *x = (*x).max(lo_prev);
            }
            if let Some(x) = hi.get_mut(i) {
                *x = (*x).max(hi_prev);
            }
        }
        if let Some(x) = lo.first_mut() {
            *x = 0;
        }
        if let Some(x) = hi.last_mut() {
            *x = m;
        }
        Band { lo, hi }
    }

    /// How many cells the band holds.
    pub fn cells(&self) -> usize {
        self.lo
            .iter()
            .zip(&self.hi)
            .map(|(&lo, &hi)| hi + 1 - lo.min(hi + 1))
            .sum()
    }

    /// Row `i`'s columns.
    fn columns(&self, i: usize) -> std::ops::RangeInclusive<usize> {
        let lo = self.lo.get(i).copied().unwrap_or(1);
        let hi = self.hi.get(i).copied().unwrap_or(0);
        lo..=hi
    }
}

/// Aligns passages `0..n` of one source with passages `0..m` of another, keeping
/// their order, by dynamic programming over beads: a passage with a passage (1–1),
/// two or three consecutive passages with one (2–1, 3–1) or one with two or three
/// (1–2, 1–3), or a passage left unaligned. `row(r, out)` writes how alike row
/// `r` is to each column on its own; `score(rows, columns)` says how alike the
/// passages of each range are read together. A bead of `k` passages scoring
/// `s` earns `(k - 1) * (s - min_score) - (k - 2) * MERGE_COST`, so it counts as
/// its pairs; the alignment earning most wins. A bead of more than two passages
/// is formed only if they read together at least as alike as each of its pairs
/// alone: a passage that lowers the match ("The light will not guide ships."
/// beside "It will shine each Saturday", against "The light will shine each
/// Saturday") is not part of it, whatever the bead would earn. Returns
/// `(i, j, score)` ascending, each pair of a bead with the bead's score. Only the
/// cells of `band` are filled ([`Band::full`] for the whole table);
/// `row(r, columns, out)` is asked only for the columns the band may need.
pub fn monotone_pairs(
    n: usize,
    m: usize,
    band: &Band,
    mut row: impl FnMut(usize, Range<usize>, &mut [f32]),
    score: impl Fn(Range<usize>, Range<usize>) -> f32,
    min_score: f32,
) -> Vec<(usize, usize, f32)> {
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let width = m + 1;
    // value[i % 4][j]: the most the rows before i and the columns before j earn;
    // only the band's cells of each row are current.
    let mut value = vec![vec![0.0f32; width]; 4];
    // single[r % 4][c]: how alike row r and column c are on their own, for the
    // last four rows (current in the columns of scored[r % 4]); each pair is
    // scored once, though beads look at it up to eleven times.
    let mut single = vec![vec![0.0f32; m]; 4];
    let mut scored = vec![0..0; 4];
    // How each cell (i, j) of the band, 1-based, was reached: 0 a row left out, 1
    // a column left out, 2 + b bead BEADS[b] ending there. Row 0 and column 0 only
    // leave out. Row i's cells start at start[i].
    let mut start = Vec::with_capacity(n + 2);
    let mut total = 0;
    for i in 0..=n {
        start.push(total);
        total += band.columns(i).count();
    }
    let mut step = vec![0u8; total];
    let at_step = |i: usize, j: usize| {
        let columns = band.columns(i);
        columns
            .contains(&j)
            .then(|| start.get(i).map(|s| s + j - columns.start()))
            .flatten()
    };
    let floor = min_score * MERGE_PART_FLOOR;
    for i in 0..=n {
        if let Some(r) = i.checked_sub(1) {
            // Row r ends beads in row i and begins them up to row i + 2, over up
            // to three columns.
            let from = band.columns(i).start().saturating_sub(3);
            let to = (*band.columns((i + 2).min(n)).end()).min(m);
            if let (Some(scores), Some(range)) = (single.get_mut(r % 4), scored.get_mut(r % 4)) {
                *range = from..to.max(from);
                if let Some(out) = scores.get_mut(range.clone()) {
                    row(r, range.clone(), out);
                }
            }
        }
        let one = |r: usize, c: usize| {
            let known = scored.get(r % 4).is_some_and(|range| range.contains(&c));
            single
                .get(r % 4)
                .and_then(|row| row.get(c))
                .filter(|_| known)
                .copied()
                .unwrap_or(0.0)
        };
        // The bead ending at (i, j), if it may be formed: its score.
        let bead = |b: (usize, usize), i: usize, j: usize| -> Option<f32> {
            let (rows, cols) = (i - b.0..i, j - b.1..j);
            if b == (1, 1) {
                return Some(one(i - 1, j - 1)).filter(|&s| s >= min_score);
            }
            let parts = || {
                rows.clone()
                    .flat_map(|r| cols.clone().map(move |c| one(r, c)))
            };
            let parts_fit = parts().all(|s| s >= floor);
            parts_fit
                .then(|| score(rows.clone(), cols.clone()))
                .filter(|&s| s >= min_score && parts().all(|p| s >= p))
        };
        for j in band.columns(i) {
            if i == 0 && j == 0 {
                continue;
            }
            let at = |i: usize, j: usize| {
                value
                    .get(i % 4)
                    .and_then(|row| row.get(j))
                    .filter(|_| band.columns(i).contains(&j))
                    .copied()
                    .unwrap_or(f32::NEG_INFINITY)
            };
            let (mut best, mut how) = if i > 0 {
                (at(i - 1, j), 0u8)
            } else {
                (f32::NEG_INFINITY, 0)
            };
            if j > 0 && at(i, j - 1) > best {
                (best, how) = (at(i, j - 1), 1);
            }
            for (b, &shape) in BEADS.iter().enumerate() {
                if i < shape.0 || j < shape.1 {
                    continue;
                }
                if let Some(s) = bead(shape, i, j) {
                    let k = (shape.0 + shape.1) as f32;
                    let total = at(i - shape.0, j - shape.1) + (k - 1.0) * (s - min_score)
                        - (k - 2.0) * MERGE_COST;
                    if total > best {
                        (best, how) = (total, 2 + b as u8);
                    }
                }
            }
            if let Some(cell) = value.get_mut(i % 4).and_then(|row| row.get_mut(j)) {
                *cell = best;
            }
            if let Some(cell) = at_step(i, j).and_then(|k| step.get_mut(k)) {
                *cell = how;
            }
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        match at_step(i, j)
            .and_then(|k| step.get(k))
            .copied()
            .unwrap_or(0)
        {
            0 => i -= 1,
            1 => j -= 1,
            code => {
                let (k, l) = BEADS.get(usize::from(code - 2)).copied().unwrap_or((1, 1));
                let s = score(i - k..i, j - l..j);
                for r in (i - k..i).rev() {
                    for c in (j - l..j).rev() {
                        pairs.push((r, c, s));
                    }
                }
                (i, j) = (i - k, j - l);
            }
        }
    }
    pairs.reverse();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::TfIdfIndex;

    #[test]
    fn reordered_passages_pair_with_their_counterparts() {
        let passages = [
            // source 0
            "biden and putin spoke by video",
            "talks in geneva begin monday",
            // source 1, the same content in the other order, reworded a little
            "the geneva talks begin on monday",
            "putin and biden spoke in a video call",
            "an unrelated remark about weather",
        ];
        let source_of = [0, 0, 1, 1, 1];
        let idx = TfIdfIndex::new(passages.iter().map(|p| p.split(' ')));
        let got: Vec<(usize, usize, bool)> = best_match_pairs(&source_of, &idx, 0.2)
            .into_iter()
            .map(|p| (p.a, p.b, p.mutual))
            .collect();
        assert_eq!(got, vec![(0, 3, true), (1, 2, true)]);
    }

    #[test]
    fn pairs_are_each_passages_best_match_in_every_other_source() {
        // 48 passages of 4 sources from a small vocabulary, so that matches are
        // often one-sided and scores close.
        let words = [
            "talks", "geneva", "monday", "troops", "border", "call", "nato",
        ];
        let mut seed = 7u64;
        let passages: Vec<Vec<&str>> = (0..48)
            .map(|_| {
                (0..4)
                    .filter_map(|_| {
                        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                        words.get((seed >> 33) as usize % words.len()).copied()
                    })
                    .collect()
            })
            .collect();
        let source_of: Vec<usize> = (0..48).map(|p| p / 12).collect();
        let idx = TfIdfIndex::new(passages.iter().map(|p| p.iter().copied()));
        // Each passage's best match in each other source, by score then passage.
        let best = |p: usize, source: usize| -> Option<(usize, f32)> {
            (0..48)
                .filter(|&q| source_of[q] == source)
                .map(|q| (q, idx.score(p, q)))
                .filter(|&(_, s)| s > 0.0)
                .min_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)))
        };
        let min_score = 0.3;
        let mut want = Vec::new();
        for a in 0..48 {
            for b in a + 1..48 {
                let (sa, sb) = (source_of[a], source_of[b]);
                if sa == sb {
                    continue;
                }
                let a_finds_b = best(a, sb).filter(|&(q, s)| q == b && s >= min_score);
                let b_finds_a = best(b, sa).filter(|&(q, s)| q == a && s >= min_score);
                if let Some((_, score)) = a_finds_b.or(b_finds_a) {
                    let mutual = best(a, sb).is_some_and(|(q, _)| q == b)
                        && best(b, sa).is_some_and(|(q, _)| q == a);
                    want.push((a, b, score, mutual));
                }
            }
        }
        let got: Vec<(usize, usize, f32, bool)> = best_match_pairs(&source_of, &idx, min_score)
            .into_iter()
            .map(|p| (p.a, p.b, p.score, p.mutual))
            .collect();
        assert!(want.iter().any(|p| !p.3) && want.iter().any(|p| p.3));
        assert_eq!(got, want);
    }

    #[test]
    fn pairs_cluster_into_rows_with_one_passage_per_source() {
        let pair = |a, b, score| Pair {
            a,
            b,
            score,
            mutual: true,
        };
        // Sources: 0 = passages 0,1; 1 = passages 2,3; 2 = passage 4.
        let source_of = [0, 0, 1, 1, 2];
        let pairs = [
            pair(0, 2, 0.9), // S0 and S1 say the same...
            pair(2, 4, 0.8), // ...and so does S2: one row of three.
            pair(1, 3, 0.7), // another row of two
            pair(0, 3, 0.4), // 0 is already in a row with passage 2 of S1: kept alone
            pair(1, 2, 0.3), // links the same two rows again, more weakly: dropped
        ];
        let sim = Table(&pairs);
        let got: Vec<(Vec<usize>, Vec<usize>)> = topic_groups(&pairs, &source_of, &sim, 0.15)
            .into_iter()
            .map(|c| (c.passages, c.pairs))
            .collect();
        assert_eq!(
            got,
            vec![
                (vec![0, 2, 4], vec![0, 1]),
                (vec![0, 3], vec![3]),
                (vec![1, 3], vec![2])
            ]
        );
    }

    /// Similarity read off a list of pairs; 0 for any other two passages.
    struct Table<'a>(&'a [Pair]);

    impl Similarity for Table<'_> {
        fn score(&self, a: usize, b: usize) -> f32 {
            let (a, b) = (a.min(b), a.max(b));
            self.0
                .iter()
                .find(|p| (p.a, p.b) == (a, b))
                .map_or(0.0, |p| p.score)
        }
        fn neighbours(&self, _: usize, _: usize, _: &mut Vec<(usize, f32)>) {}
    }

    #[test]
    fn a_chain_of_weak_links_does_not_make_one_row() {
        let pair = |a, b, score| Pair {
            a,
            b,
            score,
            mutual: true,
        };
        // One passage in each of four sources. 0 and 1 are the same headline, 2
        // shares a name with it, and 3 shares another word with 2 only.
        let source_of = [0, 1, 2, 3];
        let pairs = [
            pair(0, 1, 0.9),
            pair(1, 2, 0.5),
            pair(0, 2, 0.45),
            pair(2, 3, 0.35),
        ];
        let sim = Table(&pairs);
        let rows: Vec<Vec<usize>> = topic_groups(&pairs, &source_of, &sim, 0.15)
            .into_iter()
            .map(|c| c.passages)
            .collect();
        // 2 joins 0 and 1 (0.475 on average), but 3 is 0.35 like 2 and like nothing
        // else in that row (0.0875 on average): it stays a pair with 2.
        assert_eq!(rows, vec![vec![0, 1, 2], vec![2, 3]]);
    }

    #[test]
    fn versions_are_told_from_reordered_articles() {
        let pair = |a, b| Pair {
            a,
            b,
            score: 0.9,
            mutual: true,
        };
        // Source 0 has passages 0..4, source 1 has 4..8.
        let source_of = [0, 0, 0, 0, 1, 1, 1, 1];
        let in_order = [pair(0, 4), pair(1, 5), pair(2, 6), pair(3, 7)];
        let shuffled = [pair(0, 7), pair(1, 4), pair(2, 6), pair(3, 5)];
        assert!(looks_like_versions(&in_order, &source_of));
        assert!(!looks_like_versions(&shuffled, &source_of));
        assert!(!looks_like_versions(&in_order[..2], &source_of));
        assert_eq!(longest_increasing([3, 1, 2, 5, 4].into_iter()), 3);
    }

    #[test]
    fn monotone_keeps_order_and_gaps_and_refuses_crossings() {
        // Row 2 has no counterpart; row 3 matches column 2 well and column 1 a
        // little; a crossing pair (row 4 with column 0) is refused for order.
        let table = [
            [0.9, 0.1, 0.0],
            [0.05, 0.4, 0.0],
            [0.0, 0.05, 0.0],
            [0.0, 0.3, 0.8],
            [0.6, 0.0, 0.1],
        ];
        let score = |i: Range<usize>, j: Range<usize>| match (i.len(), j.len()) {
            (1, 1) => table[i.start][j.start],
            _ => 0.0, // no merge reads better than its parts here
        };
        let row =
            |r: usize, cols: Range<usize>, out: &mut [f32]| out.copy_from_slice(&table[r][cols]);
        let got: Vec<(usize, usize)> = monotone_pairs(5, 3, &Band::full(5, 3), row, score, 0.2)
            .into_iter()
            .map(|(i, j, _)| (i, j))
            .collect();
        assert_eq!(got, vec![(0, 0), (1, 1), (3, 2)]);
        assert_eq!(
            monotone_pairs(0, 3, &Band::full(0, 3), row, score, 0.2),
            vec![]
        );
    }

    #[test]
    fn a_passage_that_dilutes_a_match_is_not_merged_into_it() {
        // Two rows and one column: `alone` is how alike each row is to the
        // column, `together` how alike the two rows are read together.
        let pairs = |alone: [f32; 2], together: f32| -> Vec<(usize, usize)> {
            let score = |i: Range<usize>, _: Range<usize>| match i.len() {
                1 => alone[i.start],
                _ => together,
            };
            let row = |r: usize, _: Range<usize>, out: &mut [f32]| out.fill(alone[r]);
            monotone_pairs(2, 1, &Band::full(2, 1), row, score, 0.3)
                .into_iter()
                .map(|(i, j, _)| (i, j))
                .collect()
        };
        // Row 0 shares a word with the column and no more: read with row 1 it
        // lowers the match (0.8 against 0.9), so it stays out, although the
        // merge would earn more (2 x (0.8 - 0.3) - 0.3 = 0.7 against 0.6).
        assert_eq!(pairs([0.25, 0.9], 0.8), vec![(1, 0)]);
        // Each row tells part of it: together they read better than either.
        assert_eq!(pairs([0.6, 0.7], 0.95), vec![(0, 0), (1, 0)]);
    }

    #[test]
    fn long_versions_align_in_a_band_as_in_the_whole_table() {
        // Two editions of 400 sentences: the second drops every tenth sentence,
        // adds one of its own every 25th, and rewords one word in three.
        let first: Vec<String> = (0..400)
            .map(|k| format!("w{k} x{k} y{} the of", k % 7))
            .collect();
        let mut second: Vec<String> = Vec::new();
        for k in 0..400 {
            if k % 25 == 0 {
                second.push(format!("new{k} added z{k} the"));
            }
            if k % 10 != 3 {
                let tail = if k % 3 == 0 { "reworded" } else { "the of" };
                second.push(format!("w{k} x{k} y{} {tail}", k % 7));
            }
        }
        let all: Vec<&String> = first.iter().chain(&second).collect();
        let idx = TfIdfIndex::new(all.iter().map(|p| p.split(' ')));
        let (a, b) = (0..first.len(), first.len()..all.len());
        let full = version_band(&a, &b, &idx, 0.3, usize::MAX);
        assert_eq!(full, Some(Band::full(a.len(), b.len())));
        // Too many cells for a table of 20,000: a band, far narrower than the table.
        let band = version_band(&a, &b, &idx, 0.3, 20_000).unwrap_or_else(|| Band::full(0, 0));
        assert!(band.cells() < 30_000, "{} cells", band.cells());
        assert!(band.lo.windows(2).all(|w| w[0] <= w[1]));
        assert!(band.hi.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(
            (band.lo.first(), band.hi.last()),
            (Some(&0), Some(&b.len()))
        );
        let align = |band: &Band| {
            monotone_pairs(
                a.len(),
                b.len(),
                band,
                |r, cols, out| idx.score_row(r, b.start + cols.start..b.start + cols.end, out),
                |rows, cols| {
                    let rows: Vec<usize> = rows.collect();
                    let cols: Vec<usize> = cols.map(|j| b.start + j).collect();
                    idx.score_joined(&rows, &cols)
                },
                0.3,
            )
        };
        let whole = align(&Band::full(a.len(), b.len()));
        assert_eq!(whole.len(), 360, "every kept sentence with its counterpart");
        assert_eq!(align(&band), whole);
    }

    #[test]
    fn the_longest_run_in_order_is_read_back() {
        let points = [(0, 5), (1, 1), (2, 2), (3, 9), (4, 3), (5, 4), (6, 0)];
        assert_eq!(
            increasing_run(&points),
            vec![(1, 1), (2, 2), (4, 3), (5, 4)]
        );
        assert_eq!(increasing_run(&[]), vec![]);
    }

    #[test]
    fn one_sentence_told_as_two_merges_either_way() {
        // Source 0 tells in two sentences what source 1 tells in one, then the
        // reverse; a sentence about the weather has no counterpart.
        let passages = [
            "the fox saw ripe grapes hanging high on the vine",
            "he jumped and jumped but could not reach them",
            "the weather was warm that autumn",
            "sour grapes said the fox walking away",
            // source 1
            "a fox saw grapes high on a vine and jumped but could not reach them",
            "walking away the fox said the grapes were sour",
            "he pretended he did not want them",
        ];
        let idx = TfIdfIndex::new(passages.iter().map(|p| p.split(' ')));
        let got: Vec<(usize, usize)> = version_pairs(&[0..4, 4..7], &idx, 0.2)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.a, p.b))
            .collect();
        // 2-1: passages 0 and 1 with 4; 1-2 is not forced: 3 with 5, and 6 (not
        // "sour grapes") stays out unless it reads as part of the same thing.
        assert_eq!(&got[..2], &[(0, 4), (1, 4)]);
        assert!(got.contains(&(3, 5)));
        assert!(!got.iter().any(|&(a, _)| a == 2));
        // The reverse direction: one passage of the first source, two of the second.
        let swapped: Vec<&str> = passages[4..5]
            .iter()
            .chain(&passages[..2])
            .copied()
            .collect();
        let idx = TfIdfIndex::new(swapped.iter().map(|p| p.split(' ')));
        let got: Vec<(usize, usize)> = version_pairs(&[0..1, 1..3], &idx, 0.2)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.a, p.b))
            .collect();
        assert_eq!(got, vec![(0, 1), (0, 2)]);
    }
}
