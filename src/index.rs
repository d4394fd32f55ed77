//! Term weights and similarity between passages: TF-IDF vectors and an inverted
//! index that finds candidates without comparing every pair.

use std::collections::HashMap;

/// A passage's TF-IDF vector: (term id, weight) sorted by term id, unit length.
pub type SparseVec = Vec<(u32, f32)>;

/// Scores pairs of passages. The lexical [`TfIdfIndex`] is one; a sentence-embedding
/// model can be another without touching grouping or rendering.
pub trait Similarity {
    /// How alike passages `a` and `b` are, from 0 to 1.
    fn score(&self, a: usize, b: usize) -> f32;
    /// Passages likely to be similar to `passage` (a superset of those scoring above
    /// zero is fine; order does not matter).
    fn candidates(&self, passage: usize, out: &mut Vec<usize>);
}

/// TF-IDF vectors of all passages and an inverted index over them.
#[derive(Clone, Debug)]
pub struct TfIdfIndex {
    vectors: Vec<SparseVec>,
    /// The term of each term id.
    terms: Vec<String>,
    postings: Vec<Vec<u32>>,
    /// Terms found in more passages than this are not used to find candidates
    /// (they still count in scores).
    max_candidate_df: usize,
}

impl TfIdfIndex {
    /// Builds the index from each passage's normalized words.
    pub fn new<'a, P, W>(passages: P) -> TfIdfIndex
    where
        P: IntoIterator<Item = W>,
        W: IntoIterator<Item = &'a str>,
    {
        let mut vocab: HashMap<&'a str, u32> = HashMap::new();
        let mut counts: Vec<Vec<(u32, u32)>> = Vec::new();
        for words in passages {
            let mut tf: HashMap<u32, u32> = HashMap::new();
            for word in words {
                let next = vocab.len() as u32;
                let id = *vocab.entry(word).or_insert(next);
                *tf.entry(id).or_insert(0) += 1;
            }
            let mut tf: Vec<(u32, u32)> = tf.into_iter().collect();
            tf.sort_unstable();
            counts.push(tf);
        }
        let mut terms = vec![String::new(); vocab.len()];
        for (word, &id) in &vocab {
            if let Some(slot) = terms.get_mut(id as usize) {
                *slot = (*word).to_string();
            }
        }
        let mut numeric = vec![false; vocab.len()];
        for (word, &id) in &vocab {
            if let Some(slot) = numeric.get_mut(id as usize) {
                *slot = crate::normalize::is_number(word);
            }
        }
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
        for (p, tf) in counts.iter().enumerate() {
            for &(term, _) in tf {
                if let Some(list) = postings.get_mut(term as usize) {
                    list.push(p as u32);
                }
            }
        }
        let n_passages = counts.len();
        let n = n_passages as f32;
        let idf: Vec<f32> = postings
            .iter()
            .zip(&numeric)
            .map(|(list, &is_num)| {
                let idf = ((n + 1.0) / (list.len() as f32 + 1.0)).ln() + 1.0;
                if is_num {
                    idf * 1.5
                } else {
                    idf
                }
            })
            .collect();
        let vectors = counts
            .into_iter()
            .map(|tf| {
                let mut v: SparseVec = tf
                    .into_iter()
                    .map(|(t, c)| {
                        let w =
                            (1.0 + (c as f32).ln()) * idf.get(t as usize).copied().unwrap_or(1.0);
                        (t, w)
                    })
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                v
            })
            .collect();
        let max_candidate_df = (n_passages / 20).max(64);
        TfIdfIndex {
            vectors,
            terms,
            postings,
            max_candidate_df,
        }
    }

    /// The terms passages `a` and `b` share, with what each adds to their cosine,
    /// largest first (ties by term). These are the reasons two passages match.
    pub fn shared_terms(&self, a: usize, b: usize) -> Vec<(&str, f32)> {
        let (Some(va), Some(vb)) = (self.vectors.get(a), self.vectors.get(b)) else {
            return Vec::new();
        };
        let mut shared: Vec<(&str, f32)> = Vec::new();
        let (mut i, mut j) = (0, 0);
        while let (Some(&(ta, wa)), Some(&(tb, wb))) = (va.get(i), vb.get(j)) {
            match ta.cmp(&tb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if let Some(term) = self.terms.get(ta as usize) {
                        shared.push((term.as_str(), wa * wb));
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        shared
    }

    /// Number of passages indexed.
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    /// Whether no passage was indexed.
    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }
}

/// Cosine of two unit-length sparse vectors.
pub fn cosine(a: &SparseVec, b: &SparseVec) -> f32 {
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

impl Similarity for TfIdfIndex {
    fn score(&self, a: usize, b: usize) -> f32 {
        match (self.vectors.get(a), self.vectors.get(b)) {
            (Some(va), Some(vb)) => cosine(va, vb),
            _ => 0.0,
        }
    }

    fn candidates(&self, passage: usize, out: &mut Vec<usize>) {
        out.clear();
        let Some(vector) = self.vectors.get(passage) else {
            return;
        };
        for &(term, _) in vector {
            let Some(list) = self.postings.get(term as usize) else {
                continue;
            };
            if list.len() <= self.max_candidate_df {
                out.extend(list.iter().map(|&p| p as usize).filter(|&p| p != passage));
            }
        }
        out.sort_unstable();
        out.dedup();
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
        let mut c = Vec::new();
        idx.candidates(0, &mut c);
        assert_eq!(c, vec![1]);
    }

    #[test]
    fn shared_terms_rank_rare_words_first() {
        let idx = index(&[
            "talks in geneva",
            "talks in geneva today",
            "talks in paris",
            "talks in rome",
        ]);
        let terms: Vec<&str> = idx.shared_terms(0, 1).into_iter().map(|(t, _)| t).collect();
        assert_eq!(terms, vec!["geneva", "in", "talks"]);
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
