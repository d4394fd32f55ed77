"""How far MSRP paraphrase accuracy / F1 goes with more than one lexical score.

Same protocol as `parallax-eval msrp`: the 1,725 test pairs in ten folds (pair
i in fold i % 10); each fold is classified by what was fitted on the other
nine, because the train split is not in ../shared/data. Measured:

- single scores with a fitted threshold: word Jaccard, IDF-weighted cosine;
- a logistic regression over 29 lexical features, fitted in each fold (a
  supervised classifier, which a pair score in the product is not);
- all-MiniLM-L6-v2 cosine with a fitted threshold, alone and averaged with
  word Jaccard.

Usage: msrp.py MSRP_TSV MODEL_DIR CACHE_DIR (scripts/ceilings/run.sh supplies them).
"""
import collections
import math
import re
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

import minilm

STOP = set(
    "the a an and or of to in on at for by with from as is was were be been are it its "
    "that this which who he she they them his her their i you we our not but so if than "
    "there have has had do did does will would can could may said says".split()
)
NEGATIONS = {"not", "n't", "no", "never", "nor"}


def words(s):
    return re.findall(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*", s.lower())


def stem(w):
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def ngrams(tokens, n):
    return collections.Counter(zip(*[tokens[i:] for i in range(n)]))


def clipped_precision(a, b, n):
    """BLEU's clipped n-gram precision of `a` against `b`."""
    mine, theirs = ngrams(a, n), ngrams(b, n)
    total = sum(mine.values())
    return sum(min(c, theirs[g]) for g, c in mine.items()) / total if total else 0.0


def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def char_cosine(a, b, n=4):
    def grams(s):
        s = " ".join(words(s))
        return collections.Counter(s[i : i + n] for i in range(len(s) - n + 1))

    x, y = grams(a), grams(b)
    dot = sum(x[g] * y[g] for g in x)
    return dot / math.sqrt(sum(v * v for v in x.values()) * sum(v * v for v in y.values()))


def features(a_text, b_text, a, b, idf):
    """29 lexical features of one pair; `a`, `b` are stemmed tokens."""
    raw_a, raw_b = words(a_text), words(b_text)
    sa, sb = set(a), set(b)
    f = {}
    f["word jaccard"] = len(set(raw_a) & set(raw_b)) / max(1, len(set(raw_a) | set(raw_b)))
    f["stem jaccard"] = len(sa & sb) / max(1, len(sa | sb))
    f["idf jaccard"] = sum(idf[t] for t in sa & sb) / max(1e-9, sum(idf[t] for t in sa | sb))
    f["idf cosine"] = idf_cosine(a, b, idf)
    for n in (1, 2, 3, 4):
        p, r = clipped_precision(a, b, n), clipped_precision(b, a, n)
        f[f"{n}-gram min"], f[f"{n}-gram max"] = min(p, r), max(p, r)
    f["length difference"] = abs(len(a) - len(b))
    f["length ratio"] = min(len(a), len(b)) / max(len(a), len(b), 1)
    na, nb = {t for t in a if t[0].isdigit()}, {t for t in b if t[0].isdigit()}
    f["same numbers"] = float(na == nb)
    f["numbers differing"] = len(na ^ nb)
    f["lcs"] = lcs(a, b) / max(len(a), len(b), 1)
    f["char 4-gram cosine"] = char_cosine(a_text, b_text)
    ua, ub = sa - sb - STOP, sb - sa - STOP
    wa, wb = sum(idf[t] for t in ua), sum(idf[t] for t in ub)
    f["unmatched idf min"], f["unmatched idf max"] = min(wa, wb), max(wa, wb)
    ca, cb = sa - STOP, sb - STOP
    f["content jaccard"] = len(ca & cb) / max(1, len(ca | cb))
    fa, fb = len(ca - cb) / max(1, len(ca)), len(cb - ca) / max(1, len(cb))
    f["unmatched share a"], f["unmatched share b"] = fa, fb
    f["unmatched share max"], f["unmatched share min"] = max(fa, fb), min(fa, fb)
    f["negation differs"] = float(bool(NEGATIONS & set(raw_a)) != bool(NEGATIONS & set(raw_b)))
    near = sum(1 for w in ca - cb if len(w) >= 5 and any(w[:5] == v[:5] for v in cb - ca))
    f["near matches"] = near
    f["near jaccard"] = (len(ca & cb) + near) / max(1, len(ca | cb) - near)
    f["length"] = len(a) + len(b)
    return f


def idf_cosine(a, b, idf):
    x, y = collections.Counter(a), collections.Counter(b)
    dot = sum(x[t] * y[t] * idf[t] ** 2 for t in x)
    nx = math.sqrt(sum((x[t] * idf[t]) ** 2 for t in x))
    ny = math.sqrt(sum((y[t] * idf[t]) ** 2 for t in y))
    return dot / (nx * ny) if nx and ny else 0.0


def score(labels, predicted):
    accuracy = (predicted == labels).mean()
    tp = (predicted & labels).sum()
    f1 = 2 * tp / (2 * tp + (predicted & ~labels).sum() + (~predicted & labels).sum())
    return f"{accuracy * 100:.1f} / {f1 * 100:.1f}"


def folds(n):
    ids = np.arange(n) % 10
    return [ids == k for k in range(10)]


def by_threshold(labels, values):
    """Each fold classified at the threshold with the best accuracy on the other nine."""
    predicted = np.zeros(len(labels), bool)
    candidates = np.unique(np.round(values, 3))
    for test in folds(len(labels)):
        train_v, train_l = values[~test], labels[~test]
        best = max(candidates, key=lambda t: (((train_v >= t) == train_l).mean(), -t))
        predicted[test] = values[test] >= best
    return score(labels, predicted)


def by_regression(labels, x, c=1.0):
    predicted = np.zeros(len(labels), bool)
    for test in folds(len(labels)):
        scaler = StandardScaler().fit(x[~test])
        model = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(x[~test]), labels[~test])
        predicted[test] = model.predict(scaler.transform(x[test]))
    return score(labels, predicted)


def main():
    tsv, model_dir, cache_dir = sys.argv[1:4]
    rows = [line.rstrip("\n").split("\t") for line in open(tsv, encoding="utf-8")][1:]
    labels = np.array([r[0] == "1" for r in rows])
    stems = [([stem(w) for w in words(r[3])], [stem(w) for w in words(r[4])]) for r in rows]
    df = collections.Counter(t for pair in stems for s in pair for t in set(s))
    idf = {t: math.log(2 * len(rows) / k) for t, k in df.items()}
    table = [features(r[3], r[4], a, b, idf) for r, (a, b) in zip(rows, stems)]
    names = list(table[0])
    x = np.array([[f[k] for k in names] for f in table])
    print(f"MSRP test, {len(rows)} pairs, 10-fold cross-validation: accuracy / F1")
    print(f"{'word Jaccard, fitted threshold':<58} {by_threshold(labels, x[:, 0])}")
    print(f"{'IDF-weighted cosine, fitted threshold':<58} {by_threshold(labels, x[:, 3])}")
    for c in (0.1, 1.0, 10.0):
        name = f"logistic regression over {len(names)} lexical features, C {c}"
        print(f"{name:<58} {by_regression(labels, x, c)}")
    texts = [t for r in rows for t in (r[3], r[4])]
    e = minilm.embed_all(model_dir, texts, f"{cache_dir}/msrp-minilm.npy")
    cosine = np.einsum("ij,ij->i", e[0::2], e[1::2])
    print(f"{'MiniLM cosine, fitted threshold':<58} {by_threshold(labels, cosine)}")
    blend = 0.5 * cosine + 0.5 * x[:, 0]
    print(f"{'MiniLM cosine and word Jaccard, averaged':<58} {by_threshold(labels, blend)}")
    print("reference (data README): word-Jaccard floor 73.0 / 81.3, best lexical-era 75.6 / 83.0")


if __name__ == "__main__":
    main()
