"""How far aesop_gnat's sentence alignment F1 goes with more than the core has.

A Python replica of the core's version mode (TF-IDF cosine over the core's own
terms, then the monotone bead alignment with 1-1, 2-1, 1-2, 3-1 and 1-3 beads,
MERGE_COST 0.3, the merge rule and the parts' floor), scored as
`parallax-eval aesop` scores it. The replica lands within 0.003 of the core.
Then the same alignment with, in turn:

- WordNet synonyms counted as half a match (a soft cosine);
- IDF from all 149 fables instead of the two stories alone (an upper bound:
  it reads the test set, and the product would need a shipped frequency list);
- both;
- all-MiniLM-L6-v2 sentence embeddings alone, and blended with TF-IDF.

Usage: aesop.py FABLES TERMS WORDNET_DIR MODEL_DIR CACHE_DIR
(scripts/ceilings/run.sh supplies them).
"""
import collections
import json
import math
import sys

import numpy as np

import minilm

BEADS = [(1, 1), (2, 1), (1, 2), (3, 1), (1, 3)]
MERGE_COST = 0.3
PART_FLOOR = 0.5


def tfidf_vectors(sentences, idf):
    """Unit TF-IDF vectors as dicts, TF as 1 + ln(count), numbers weighted 1.5."""
    out = []
    for terms in sentences:
        counts = collections.Counter(t for t, _ in terms)
        v = {
            t: (1 + math.log(k)) * idf(t) * (1.5 if any(c.isdigit() for c in t) else 1.0)
            for t, k in counts.items()
        }
        norm = math.sqrt(sum(x * x for x in v.values()))
        out.append({t: x / norm for t, x in v.items()} if norm else {})
    return out


def local_idf(sentences):
    """IDF over the two stories' sentences, as the core computes it."""
    n = len(sentences)
    df = collections.Counter(t for s in sentences for t in {t for t, _ in s})
    return lambda t: math.log((n + 1) / (df[t] + 1)) + 1


def summed(vectors):
    total = collections.Counter()
    for v in vectors:
        for t, x in v.items():
            total[t] += x
    norm = math.sqrt(sum(x * x for x in total.values()))
    return {t: x / norm for t, x in total.items()} if norm else {}


class Lexical:
    """Cosine of TF-IDF vectors; `related(a, b)` adds `beta` per synonym pair."""

    def __init__(self, related=None, beta=0.0):
        self.related, self.beta = related, beta

    def items(self, vectors, _embeddings):
        return vectors

    def join(self, items):
        return summed(items)

    def score(self, a, b):
        if len(a) > len(b):
            a, b = b, a
        s = sum(x * b.get(t, 0.0) for t, x in a.items())
        if self.related is not None:
            for t, x in a.items():
                if t in b:
                    continue
                for u, y in b.items():
                    if u not in a and self.related(t, u):
                        s += self.beta * x * y
        return min(1.0, max(0.0, s))


class Embedded:
    """`weight` of the embedding cosine (rescaled so `floor` is 0) plus the rest TF-IDF."""

    def __init__(self, weight, floor):
        self.weight, self.floor, self.lexical = weight, floor, Lexical()

    def items(self, vectors, embeddings):
        return list(zip(embeddings, vectors))

    def join(self, items):
        e = sum(x[0] for x in items)
        return (e / np.linalg.norm(e), summed([x[1] for x in items]))

    def score(self, a, b):
        e = max(0.0, float(a[0] @ b[0]) - self.floor) / (1.0 - self.floor)
        lexical = self.lexical.score(a[1], b[1]) if self.weight < 1.0 else 0.0
        return self.weight * e + (1.0 - self.weight) * lexical


def beads(sim, one, two, t):
    """The monotone bead alignment, as the core's version mode runs it."""
    n, m = len(one), len(two)
    s = [[sim.score(a, b) for b in two] for a in one]
    val = [[0.0] * (m + 1) for _ in range(n + 1)]
    how = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, step = -1e9, None
            if i > 0 and val[i - 1][j] > best:
                best, step = val[i - 1][j], "skip1"
            if j > 0 and val[i][j - 1] > best:
                best, step = val[i][j - 1], "skip2"
            for a, b in BEADS:
                if i < a or j < b:
                    continue
                parts = [s[r][c] for r in range(i - a, i) for c in range(j - b, j)]
                if (a, b) == (1, 1):
                    score = parts[0]
                    if score < t:
                        continue
                else:
                    if not all(p >= t * PART_FLOOR for p in parts):
                        continue
                    score = sim.score(sim.join(one[i - a : i]), sim.join(two[j - b : j]))
                    if score < t or any(score < p for p in parts):
                        continue
                k = a + b
                total = val[i - a][j - b] + (k - 1) * (score - t) - (k - 2) * MERGE_COST
                if total > best:
                    best, step = total, (a, b)
            val[i][j], how[i][j] = best, step
    pairs, i, j = set(), n, m
    while i > 0 and j > 0:
        step = how[i][j]
        if step == "skip1":
            i -= 1
        elif step == "skip2":
            j -= 1
        else:
            a, b = step
            pairs.update((r, c) for r in range(i - a, i) for c in range(j - b, j))
            i, j = i - a, j - b
    return pairs


def evaluate(fables, terms, embeddings, sim, t, idf_of=local_idf):
    tp = fp = fn = 0
    for fable, sentences, emb in zip(fables, terms, embeddings):
        n = len(fable["sentences_1"])
        items = sim.items(tfidf_vectors(sentences, idf_of(sentences)), emb)
        predicted = beads(sim, items[:n], items[n:], t)
        gold = {(i, j) for i, j in fable["manual"] if j >= 0}
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), 2 * tp / max(1, 2 * tp + fp + fn)


def wordnet_synonyms(wordnet_dir, stopwords):
    """Stems (Snowball English, as the core's) mapped to their WordNet 3.0 synsets."""
    import snowballstemmer

    stem = snowballstemmer.stemmer("english").stemWord
    synsets = collections.defaultdict(set)
    for pos in ("noun", "verb", "adj", "adv"):
        for line in open(f"{wordnet_dir}/data.{pos}", encoding="latin-1"):
            if line.startswith("  "):
                continue
            fields = line.split()
            count = int(fields[3], 16)
            for k in range(count):
                word = fields[4 + 2 * k].lower()
                if "_" not in word:
                    synsets[stem(word)].add(fields[2] + fields[0])
    for s in stopwords:
        synsets.pop(s, None)
    cache = {}

    def related(a, b):
        key = (a, b) if a < b else (b, a)
        if key not in cache:
            cache[key] = bool(synsets.get(a, set()) & synsets.get(b, set()))
        return cache[key]

    return related


def main():
    fables_path, terms_path, wordnet_dir, model_dir, cache_dir = sys.argv[1:6]
    fables = [json.loads(l) for l in open(fables_path, encoding="utf-8")]
    terms = [json.loads(l) for l in open(terms_path, encoding="utf-8")]
    assert len(fables) == len(terms), "terms and fables differ in number"
    stopwords = {t for s in terms for sentence in s for t, stop in sentence if stop}

    everything = [sentence for s in terms for sentence in s]
    corpus_idf = local_idf(everything)

    texts = [x for f in fables for x in f["sentences_1"] + f["sentences_2"]]
    flat = minilm.embed_all(model_dir, texts, f"{cache_dir}/aesop-minilm.npy")
    embeddings, at = [], 0
    for f in fables:
        k = len(f["sentences_1"]) + len(f["sentences_2"])
        embeddings.append(list(flat[at : at + k]))
        at += k

    synonyms = wordnet_synonyms(wordnet_dir, stopwords)
    rows = [
        ("core replica: TF-IDF, IDF from the two stories", Lexical(), local_idf, [0.05, 0.1]),
        ("+ WordNet synonyms at half a match", Lexical(synonyms, 0.5), local_idf, [0.05, 0.1]),
        ("IDF from all 149 fables (reads the test set)", Lexical(), lambda _s: corpus_idf, [0.05, 0.1]),
        ("both", Lexical(synonyms, 0.5), lambda _s: corpus_idf, [0.05, 0.1]),
        ("MiniLM cosine alone", Embedded(1.0, 0.0), local_idf, [0.3, 0.4, 0.5]),
    ]
    for weight in (0.3, 0.5):
        for floor in (0.2, 0.3):
            rows.append(
                (f"MiniLM {weight:.0%} (0 at cosine {floor}) + TF-IDF", Embedded(weight, floor), local_idf, [0.08, 0.12, 0.16])
            )
    print(f"aesop_gnat, {len(fables)} fable pairs, micro P / R / F1 over gold pairs")
    for name, sim, idf_of, thresholds in rows:
        cells = []
        for t in thresholds:
            p, r, f = evaluate(fables, terms, embeddings, sim, t, idf_of)
            cells.append(f"t {t}: {p:.3f} / {r:.3f} / {f:.3f}")
        print(f"{name:<48} " + "   ".join(cells), flush=True)


if __name__ == "__main__":
    main()
