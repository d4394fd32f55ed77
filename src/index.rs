//! Term weights and similarity between passages: TF-IDF vectors and an inverted
//! index that finds each passage's nearest neighbours without comparing every
//! pair, so the cost grows close to linearly with the corpus.

use crate::sort::{from_total_order_key, total_order_key};
use rustc_hash::FxHashMap;

/// A passage's TF-IDF vector: (term id, weight) sorted by term id, unit length.
pub type SparseVec = Vec<(u32, f32)>;

/// Scores pairs of passages. The lexical [`TfIdfIndex`] is one; a sentence-embedding
/// model can be another without touching grouping or rendering.
pub trait Similarity {
    /// How alike passages `a` and `b` are, from 0 to 1.
    fn score(&self, a: usize, b: usize) -> f32;
    /// The passages most similar to `passage`, at most `limit`, with their scores,
    /// best first (ties by passage number), written to `out`. An index may miss
    /// passages that share only very common words with it.
    fn neighbours(&self, passage: usize, limit: usize, out: &mut Vec<(usize, f32)>);
    /// How alike passage `a` is to each passage of `others` on its own, written to
    /// `out` in order (`out` is as long as `others`): for version alignment, which
    /// scores whole rows of a table. By default, [`Similarity::score`] for each; an
    /// index can walk its postings instead.
    fn score_row(&self, a: usize, others: std::ops::Range<usize>, out: &mut [f32]) {
        for (slot, b) in out.iter_mut().zip(others) {
            *slot = self.score(a, b);
        }
    }
    /// The mean of [`Similarity::score`] over every passage of `a` with every
    /// passage of `b` (average linkage, for grouping), summed in that order: `a`'s
    /// first passage with each of `b`, then its second… A model that can score one
    /// passage against many faster should do it, with the same sums.
    fn mean_score(&self, a: &[usize], b: &[usize]) -> f32 {
        let total: f32 = a
            .iter()
            .flat_map(|&x| b.iter().map(move |&y| self.score(x, y)))
            .sum();
        total / (a.len() * b.len()).max(1) as f32
    }
    /// How alike the passages `a` read together are to the passages `b` read
    /// together, from 0 to 1: for version alignment, where one sentence of an
    /// edition may be two of another. Each list holds neighbouring passages of one
    /// source. By default, the mean of the pairwise scores; a model that can read
    /// passages joined (TF-IDF sums their vectors) should say so.
    fn score_joined(&self, a: &[usize], b: &[usize]) -> f32 {
        let n = (a.len() * b.len()).max(1) as f32;
        a.iter()
            .flat_map(|&x| b.iter().map(move |&y| (x, y)))
            .map(|(x, y)| self.score(x, y))
            .sum::<f32>()
            / n
    }
}

/// Terms in more passages than this do not propose candidates (they still count
/// in scores): walking their long postings would make the cost grow with the
/// square of the corpus, and a match resting only on common words is weak anyway.
pub const MAX_CANDIDATE_DF: usize = 256;

/// What [`Similarity::neighbours`] reuses between calls: zero everywhere between
/// calls, and as long as the largest index it has served needs.
#[derive(Clone, Debug, Default)]
struct Scratch {
    /// Partial dot products, by passage.
    acc: Vec<f32>,
    /// The passages with a partial dot product.
    touched: Vec<u32>,
    /// The query passage's weights, by term (zero elsewhere), so an exact score
    /// is one lookup per term of the candidate rather than a merge of two lists.
    query: Vec<f32>,
}

/// TF-IDF vectors of all passages and an inverted index over them.
#[derive(Clone, Debug)]
pub struct TfIdfIndex {
    /// Each passage's (term, weight) pairs, by term.
    vectors: Lists,
    /// Each passage's term ids, in the order of its words.
    sequences: Vec<Vec<u32>>,
    /// For each term, the passages holding it and its weight there, by passage.
    postings: Lists,
}

/// Lists of `(id, weight)` pairs stored end to end in one allocation: the
/// index is four allocations, not one per passage and one per term, and finding
/// a list is one lookup in `starts` rather than a pointer to follow.
#[derive(Clone, Debug, Default)]
struct Lists {
    items: Vec<(u32, f32)>,
    /// Where each list starts in `items`, and after the last one, the end.
    starts: Vec<usize>,
}

impl Lists {
    /// List `i`, if there is one.
    fn get(&self, i: usize) -> Option<&[(u32, f32)]> {
        let (&start, &end) = (self.starts.get(i)?, self.starts.get(i + 1)?);
        self.items.get(start..end)
    }

    /// How many lists there are.
    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

thread_local! {
    /// Scratch for [`Similarity::neighbours`], one per thread, so that threads
    /// can share one index.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Drop for TfIdfIndex {
    /// Lets this thread's scratch go with the index that needed it.
    fn drop(&mut self) {
        SCRATCH.with_borrow_mut(|s| *s = Scratch::default());
    }
}

impl TfIdfIndex {
    /// Builds the index from each passage's normalized words.
    pub fn new<'a, P, W>(passages: P) -> TfIdfIndex
    where
        P: IntoIterator<Item = W>,
        W: IntoIterator<Item = &'a str>,
    {
        let mut vocab: FxHashMap<&'a str, u32> = FxHashMap::default();
        // Each passage's (term, count) pairs by term, stored end to end.
        let mut counts: Vec<(u32, u32)> = Vec::new();
        let mut starts = vec![0];
        let mut sequences: Vec<Vec<u32>> = Vec::new();
        let mut sorted = Vec::new();
        for words in passages {
            let sequence: Vec<u32> = words
                .into_iter()
                .map(|word| {
                    let next = vocab.len() as u32;
                    *vocab.entry(word).or_insert(next)
                })
                .collect();
            sorted.clear();
            sorted.extend_from_slice(&sequence);
            sorted.sort_unstable();
            counts.extend(
                sorted
                    .chunk_by(|x, y| x == y)
                    .filter_map(|run| Some((*run.first()?, run.len() as u32))),
            );
            starts.push(counts.len());
            sequences.push(sequence);
        }
        let mut numeric = vec![false; vocab.len()];
        for (word, &id) in &vocab {
            if let Some(slot) = numeric.get_mut(id as usize) {
                *slot = crate::normalize::is_number(word);
            }
        }
        let mut df: Vec<usize> = vec![0; vocab.len()];
        for &(term, _) in &counts {
            if let Some(d) = df.get_mut(term as usize) {
                *d += 1;
            }
        }
        let n_passages = sequences.len();
        let n = n_passages as f32;
        let idf: Vec<f32> = df
            .iter()
            .zip(&numeric)
            .map(|(&d, &is_num)| {
                let idf = ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0;
                if is_num {
                    idf * 1.5
                } else {
                    idf
                }
            })
            .collect();
        // Weights in the place of the counts (the same allocation), then each
        // passage's vector scaled to unit length.
        let mut items: Vec<(u32, f32)> = counts
            .into_iter()
            .map(|(t, c)| {
                let w = (1.0 + (c as f32).ln()) * idf.get(t as usize).copied().unwrap_or(1.0);
                (t, w)
            })
            .collect();
        for ends in starts.windows(2) {
            let [start, end] = *ends else { continue };
            let Some(v) = items.get_mut(start..end) else {
                continue;
            };
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
        }
        let vectors = Lists { items, starts };
        // The postings, filled in passage order into places counted from `df`.
        let mut starts = Vec::with_capacity(df.len() + 1);
        starts.push(0);
        for &d in &df {
            starts.push(starts.last().copied().unwrap_or(0) + d);
        }
        let mut items = vec![(0u32, 0.0f32); vectors.items.len()];
        let mut next = starts.clone();
        for p in 0..vectors.len() {
            for &(term, w) in vectors.get(p).unwrap_or(&[]) {
                if let Some(at) = next.get_mut(term as usize) {
                    if let Some(slot) = items.get_mut(*at) {
                        *slot = (p as u32, w);
                    }
                    *at += 1;
                }
            }
        }
        let postings = Lists { items, starts };
        TfIdfIndex {
            vectors,
            sequences,
            postings,
        }
    }

    /// The term ids of passage `p`, in the order of its words (as given to [`TfIdfIndex::new`]).
    pub fn term_sequence(&self, p: usize) -> &[u32] {
        self.sequences.get(p).map_or(&[], Vec::as_slice)
    }

    /// The terms (ids) passages `a` and `b` share, with what each adds to their
    /// cosine, largest first (ties by id). These are the reasons two passages match.
    pub fn shared_terms(&self, a: usize, b: usize) -> Vec<(u32, f32)> {
        let mut shared: Vec<(u32, f32)> = self.shared_term_weights(a, b).collect();
        crate::sort::sort_by(&mut shared, |x, y| {
            y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0))
        });
        shared
    }

    /// [`TfIdfIndex::shared_terms`] in the order of term ids, unsorted and without
    /// allocating: for callers that sum them.
    pub fn shared_term_weights(&self, a: usize, b: usize) -> impl Iterator<Item = (u32, f32)> + '_ {
        let empty: &[(u32, f32)] = &[];
        let va = self.vectors.get(a).unwrap_or(empty);
        let vb = self.vectors.get(b).unwrap_or(empty);
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while let (Some(&(ta, wa)), Some(&(tb, wb))) = (va.get(i), vb.get(j)) {
                match ta.cmp(&tb) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        i += 1;
                        j += 1;
                        return Some((ta, wa * wb));
                    }
                }
            }
            None
        })
    }

    /// The number of distinct terms: term ids are below it.
    pub fn terms(&self) -> usize {
        self.postings.len()
    }

    /// Number of passages indexed.
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    /// Whether no passage was indexed.
    pub fn is_empty(&self) -> bool {
        self.vectors.len() == 0
    }
}

/// Cosine of two unit-length sparse vectors.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while let (Some(&(ta, wa)), Some(&(tb, wb))) = (a.get(i), b.get(j)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += wa * wb;
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

impl TfIdfIndex {
    /// The unit-length sum of the vectors of `passages`: their text read as one.
    fn joined(&self, passages: &[usize]) -> SparseVec {
        let mut v: SparseVec = passages
            .iter()
            .filter_map(|&p| self.vectors.get(p))
            .flatten()
            .copied()
            .collect();
        v.sort_unstable_by_key(|&(t, _)| t);
        v.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 += next.1;
            }
            same
        });
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v
    }
}

impl Similarity for TfIdfIndex {
    fn score(&self, a: usize, b: usize) -> f32 {
        match (self.vectors.get(a), self.vectors.get(b)) {
            (Some(va), Some(vb)) => cosine(va, vb),
            _ => 0.0,
        }
    }

    /// The same sums as [`cosine`], in the same order (by term id), walking only
    /// the postings of `a`'s terms that fall in `others`.
    fn score_row(&self, a: usize, others: std::ops::Range<usize>, out: &mut [f32]) {
        out.fill(0.0);
        let Some(vector) = self.vectors.get(a) else {
            return;
        };
        for &(term, wa) in vector {
            let Some(list) = self.postings.get(term as usize) else {
                continue;
            };
            let from = list.partition_point(|&(p, _)| (p as usize) < others.start);
            for &(p, wb) in list.get(from..).unwrap_or(&[]) {
                match out.get_mut((p as usize).wrapping_sub(others.start)) {
                    Some(slot) if (p as usize) < others.end => *slot += wa * wb,
                    _ => break,
                }
            }
        }
        out.iter_mut().for_each(|s| *s = s.clamp(0.0, 1.0));
    }

    /// Each passage of `a` is spread into a table by term, so that its score with
    /// each of `b` is a lookup per term of that passage rather than a walk of both
    /// lists: the same products, added in the same order, as `cosine` makes.
    fn mean_score(&self, a: &[usize], b: &[usize]) -> f32 {
        SCRATCH.with_borrow_mut(|scratch| {
            if scratch.query.len() < self.postings.len() {
                scratch.query.resize(self.postings.len(), 0.0);
            }
            // From -0.0, as `Iterator::sum` starts.
            let mut total = -0.0f32;
            for x in a {
                let spread = Spread::new(&mut scratch.query, self.vectors.get(*x).unwrap_or(&[]));
                for y in b {
                    total += self.vectors.get(*y).map_or(0.0, |vy| spread.cosine(vy));
                }
            }
            total / (a.len() * b.len()).max(1) as f32
        })
    }

    fn score_joined(&self, a: &[usize], b: &[usize]) -> f32 {
        match (a, b) {
            ([x], [y]) => self.score(*x, *y),
            _ => cosine(&self.joined(a), &self.joined(b)),
        }
    }

    fn neighbours(&self, passage: usize, limit: usize, out: &mut Vec<(usize, f32)>) {
        out.clear();
        let Some(vector) = self.vectors.get(passage) else {
            return;
        };
        SCRATCH.with_borrow_mut(|scratch| {
            if scratch.acc.len() < self.vectors.len() {
                scratch.acc.resize(self.vectors.len(), 0.0);
            }
            if scratch.query.len() < self.postings.len() {
                scratch.query.resize(self.postings.len(), 0.0);
            }
            self.neighbours_with(scratch, vector, passage, limit, out);
        });
    }
}

impl TfIdfIndex {
    /// [`Similarity::neighbours`] of `passage`, whose vector is `vector`, with this
    /// thread's scratch.
    fn neighbours_with(
        &self,
        scratch: &mut Scratch,
        vector: &[(u32, f32)],
        passage: usize,
        limit: usize,
        out: &mut Vec<(usize, f32)>,
    ) {
        let Scratch {
            acc,
            touched,
            query,
        } = scratch;
        // Partial dot products over the postings of the rarer terms.
        let walk = |list: &[(u32, f32)], w: f32, acc: &mut Vec<f32>, touched: &mut Vec<u32>| {
            for &(q, wq) in list {
                if q as usize == passage {
                    continue;
                }
                if let Some(slot) = acc.get_mut(q as usize) {
                    if *slot == 0.0 {
                        touched.push(q);
                    }
                    *slot += w * wq;
                }
            }
        };
        for &(term, w) in vector {
            if let Some(list) = self
                .postings
                .get(term as usize)
                .filter(|l| l.len() <= MAX_CANDIDATE_DF)
            {
                walk(list, w, acc, touched);
            }
        }
        // Found nothing through rare terms (text repeated hundreds of times): fall
        // back to the rarest common term, walking at most 4 x MAX_CANDIDATE_DF of
        // its postings so the cost stays bounded.
        if touched.is_empty() {
            let common = vector
                .iter()
                .filter_map(|&(t, w)| {
                    self.postings
                        .get(t as usize)
                        .filter(|l| l.len() > MAX_CANDIDATE_DF)
                        .map(|l| (l, w))
                })
                .min_by_key(|(l, _)| l.len());
            if let Some((list, w)) = common {
                walk(
                    list.get(..4 * MAX_CANDIDATE_DF).unwrap_or(list),
                    w,
                    acc,
                    touched,
                );
            }
        }
        // The best by partial score get an exact score. Scores go into integer
        // keys, best first and ties by passage, so selection and sorting compare
        // integers (comparing pairs by `total_cmp` here was 12% of the work at
        // 100 articles). Passages are distinct, so no two keys are equal: the
        // unstable selection and sort give the one answer.
        let key = |score: f32, q: u32| u64::from(!total_order_key(score)) << 32 | u64::from(q);
        let passage_of = |key: u64| (key & u64::from(u32::MAX)) as u32;
        let mut partial: Vec<u64> = touched
            .iter()
            .map(|&q| key(acc.get_mut(q as usize).map_or(0.0, std::mem::take), q))
            .collect();
        touched.clear();
        let keep = limit.saturating_add(limit / 2);
        if partial.len() > keep {
            partial.select_nth_unstable(keep);
            partial.truncate(keep);
        }
        // Exact scores: the same sums, in the same order, as `cosine` makes.
        let spread = Spread::new(query, vector);
        let mut exact: Vec<u64> = partial
            .into_iter()
            .map(|k| {
                let q = passage_of(k);
                let score = self
                    .vectors
                    .get(q as usize)
                    .map_or(0.0, |v| spread.cosine(v));
                key(score, q)
            })
            .collect();
        drop(spread);
        exact.sort_unstable();
        out.extend(exact.iter().take(limit).map(|&k| {
            let score = from_total_order_key(!((k >> 32) as u32));
            (passage_of(k) as usize, score)
        }));
    }
}

/// One passage's weights spread into a table by term (zero elsewhere), so that its
/// cosine with another passage is a lookup per term of the other rather than a
/// walk of both lists: the same products, added in the same order, as [`cosine`]
/// makes. The table is zero again when this is dropped.
struct Spread<'t> {
    table: &'t mut [f32],
    vector: &'t [(u32, f32)],
}

impl<'t> Spread<'t> {
    fn new(table: &'t mut [f32], vector: &'t [(u32, f32)]) -> Spread<'t> {
        for &(term, w) in vector {
            if let Some(slot) = table.get_mut(term as usize) {
                *slot = w;
            }
        }
        Spread { table, vector }
    }

    /// [`cosine`] of the spread passage and `other`.
    fn cosine(&self, other: &[(u32, f32)]) -> f32 {
        let dot: f32 = other
            .iter()
            .filter_map(|&(t, w)| self.table.get(t as usize).map(|&spread| spread * w))
            .sum();
        dot.clamp(0.0, 1.0)
    }
}

impl Drop for Spread<'_> {
    fn drop(&mut self) {
        for &(term, _) in self.vector {
            if let Some(slot) = self.table.get_mut(term as usize) {
                *slot = 0.0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(passages: &[&str]) -> TfIdfIndex {
        TfIdfIndex::new(passages.iter().map(|p| p.split(' ')))
    }

    #[test]
    fn identical_passages_score_one_and_disjoint_zero() {
        let idx = index(&["nato russia talks", "nato russia talks", "weather is fine"]);
        assert!((idx.score(0, 1) - 1.0).abs() < 1e-5);
        assert_eq!(idx.score(0, 2), 0.0);
        let mut near = Vec::new();
        idx.neighbours(0, 10, &mut near);
        assert_eq!(near.len(), 1);
        assert_eq!(near.first().map(|n| n.0), Some(1));
    }

    /// Five passages sharing some words, none, or one word twice.
    fn five_about_geneva() -> TfIdfIndex {
        index(&[
            "the talks in geneva open on monday",
            "talks open in geneva",
            "the weather in geneva is fine",
            "nothing in common here",
            "monday talks the talks",
        ])
    }

    #[test]
    fn a_row_of_scores_is_each_score_exactly() {
        let idx = five_about_geneva();
        for a in 0..5 {
            for others in [0..5, 1..4, 2..3, 3..3] {
                let mut row = vec![-1.0; others.len()];
                idx.score_row(a, others.clone(), &mut row);
                let each: Vec<f32> = others.map(|b| idx.score(a, b)).collect();
                assert_eq!(row, each, "passage {a}");
            }
        }
    }

    #[test]
    fn a_mean_score_is_the_mean_of_the_scores_exactly() {
        let idx = five_about_geneva();
        let lists: [&[usize]; 5] = [&[0], &[1, 2], &[4, 0, 3], &[], &[2, 9]];
        for a in lists {
            for b in lists {
                let each: f32 = a
                    .iter()
                    .flat_map(|&x| b.iter().map(move |&y| (x, y)))
                    .map(|(x, y)| idx.score(x, y))
                    .sum::<f32>()
                    / (a.len() * b.len()).max(1) as f32;
                assert_eq!(
                    idx.mean_score(a, b).to_bits(),
                    each.to_bits(),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn shared_terms_rank_rare_words_first() {
        let idx = index(&[
            "talks in geneva",
            "talks in geneva today",
            "talks in paris",
            "talks in rome",
        ]);
        // Term ids follow first appearance: talks 0, in 1, geneva 2.
        assert_eq!(idx.term_sequence(0), &[0, 1, 2]);
        let terms: Vec<u32> = idx.shared_terms(0, 1).into_iter().map(|(t, _)| t).collect();
        assert_eq!(terms, vec![2, 0, 1]); // "talks" and "in" weigh the same: by id
    }

    #[test]
    fn neighbours_are_every_passage_sharing_a_term_ranked_by_exact_score() {
        // Forty passages of six words from a vocabulary of twenty, drawn by a
        // fixed linear congruential generator, then ten of them again: a copy
        // scores exactly as its original does, so rankings have ties.
        let mut state = 7u32;
        let mut draw = || {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) % 20
        };
        let mut texts: Vec<String> = (0..40)
            .map(|_| {
                (0..6)
                    .map(|_| format!("w{}", draw()))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        texts.extend_from_within(..10);
        let idx = TfIdfIndex::new(texts.iter().map(|t| t.split(' ')));
        let mut near = Vec::new();
        let mut ties = 0;
        for p in 0..texts.len() {
            idx.neighbours(p, 64, &mut near);
            ties += near.windows(2).filter(|w| w[0].1 == w[1].1).count();
            let terms: Vec<&str> = texts[p].split(' ').collect();
            let mut want: Vec<(usize, f32)> = (0..texts.len())
                .filter(|&q| q != p && texts[q].split(' ').any(|w| terms.contains(&w)))
                .map(|q| (q, idx.score(p, q)))
                .collect();
            want.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            assert_eq!(near, want, "passage {p}");
        }
        assert!(ties > 0, "no tie tested the order by passage");
    }

    #[test]
    fn passages_of_only_common_words_still_find_neighbours() {
        // 300 copies of one sentence: every term is past the candidate cap.
        let mut passages = vec!["talks open in geneva"; 300];
        passages.push("the talks open in geneva today");
        let idx = index(&passages);
        let mut near = Vec::new();
        idx.neighbours(300, 5, &mut near);
        // Found: five of the copies (ties by passage number), all scoring alike.
        let got: Vec<usize> = near.iter().map(|&(q, _)| q).collect();
        assert_eq!(got, vec![0, 1, 2, 3, 4]);
        assert!(near
            .iter()
            .all(|&(_, score)| score > 0.0 && score == near[0].1));
    }

    #[test]
    fn rare_shared_terms_weigh_more_than_common_ones() {
        let idx = index(&[
            "the talks in geneva",
            "the talks in brussels",
            "the meeting in geneva",
            "the day in the city",
        ]);
        // 0 and 2 share the rarer "geneva"; 0 and 1 share the commoner "talks".
        assert!(idx.score(0, 2) > 0.0 && idx.score(0, 1) > 0.0);
        assert!(idx.score(0, 3) < idx.score(0, 1));
    }
}
