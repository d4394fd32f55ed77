//! Which passages of different sources speak of the same thing.
//!
//! For now: every passage is paired with its most similar passage in every other
//! source (order-free, so reordered text is found), and pairs above a threshold
//! are kept. Pairs found from both sides are marked mutual.

use crate::index::Similarity;

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

/// Pairs each passage with its best match in every other source and keeps pairs
/// scoring at least `min_score`. `source_of[p]` is the source of passage `p`.
/// Pairs are returned sorted by `(a, b)`, each pair once.
pub fn best_match_pairs(source_of: &[usize], sim: &impl Similarity, min_score: f32) -> Vec<Pair> {
    // best[p] = (source, passage, score) of p's best match in each other source.
    let mut best: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); source_of.len()];
    let mut candidates = Vec::new();
    for (p, slot) in best.iter_mut().enumerate() {
        let Some(&source) = source_of.get(p) else {
            continue;
        };
        sim.candidates(p, &mut candidates);
        for &q in &candidates {
            let Some(&other) = source_of.get(q) else {
                continue;
            };
            if other == source {
                continue;
            }
            let score = sim.score(p, q);
            if score <= 0.0 {
                continue;
            }
            match slot.iter_mut().find(|(s, _, _)| *s == other) {
                Some(entry) if score > entry.2 => *entry = (other, q, score),
                Some(_) => {}
                None => slot.push((other, q, score)),
            }
        }
    }
    let is_best = |p: usize, q: usize| -> bool {
        let source_q = source_of.get(q).copied();
        best.get(p)
            .is_some_and(|list| list.iter().any(|&(s, m, _)| Some(s) == source_q && m == q))
    };
    let mut pairs: Vec<Pair> = Vec::new();
    for (p, list) in best.iter().enumerate() {
        for &(_, q, score) in list {
            if score < min_score {
                continue;
            }
            let (a, b) = if p < q { (p, q) } else { (q, p) };
            pairs.push(Pair {
                a,
                b,
                score,
                mutual: is_best(q, p),
            });
        }
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    pairs.dedup_by(|x, y| x.a == y.a && x.b == y.b);
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
}
