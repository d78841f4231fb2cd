"""Danish short-text tools shared by the steps: normalising, stemming, similarity.

Workshop texts are short and full of compounds ("møbelindsamling", "sprogcafé"), so word
stems alone miss most matches; character n-grams within words catch the compounds. Pure
Python on purpose: fast enough for thousands of cards, and nothing heavy to import (the
board's kernel uses it and stays light). `alike_pairs` finds the pairs that reach a similarity
without comparing every pair with every other.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import snowballstemmer

# Common Danish function words, plus workshop filler that says nothing about the topic.
STOP_WORDS = frozenset("""
ad af alle alt anden andet andre at bare begge blev blive bliver da de dem den denne der deres
det dette dig din dine disse dog du efter eller en end er et for fordi fra få går har hans har
havde have hende hendes her hos hun hvad hvem hver hvilke hvis hvor hvordan hvornår i igen ikke
ind jeg jer jeres kan kom kommer kun kunne lidt man mange med meget men mere mig min mine mit
mod måske ned noget nogle nu når og også om op os over på sammen selv sig sin sine sit skal
skulle som store stor så sådan thi til ud under var vi vil ville vor vores være været
fx mv osv ting flere nye ny godt gode god mere ved hver hvert første får blive bliver
""".split())

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# PyStemmer's C stemmer when it is installed (a dependency), else the pure-Python one: the same
# Snowball algorithm, the same stems (checked on the seeds' 2,226 words), a tenth the memory.
_stemmer = snowballstemmer.stemmer("danish")


def normalise(text: str) -> str:
    """NFC, lower case, and no format characters (Cf: zero-width and bidi marks), which
    would otherwise split a word in two for the similarity."""
    text = "".join(c for c in str(text) if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", text).lower()


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(normalise(text)) if w not in STOP_WORDS and len(w) > 1]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    stemmed: str = _stemmer.stemWord(word)  # snowballstemmer is untyped
    return stemmed


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def char_grams(text: str, n: int = 3) -> Counter[str]:
    """Character n-grams inside words (with word edges marked), over the stemmed words."""
    grams: Counter[str] = Counter()
    for w in stems(text):
        padded = f"<{w}>"
        grams.update(padded[i:i + n] for i in range(max(1, len(padded) - n + 1)))
    return grams


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    return dot / (math.sqrt(sum(v * v for v in a.values())) *
                  math.sqrt(sum(v * v for v in b.values())))


@lru_cache(maxsize=16384)
def _profile(text: str) -> tuple[frozenset[str], Counter[str], float]:
    grams = char_grams(text)
    return frozenset(stems(text)), grams, math.sqrt(sum(v * v for v in grams.values()))


def similarity(a: str, b: str) -> float:
    """0…1: how alike two short Danish texts are (stem overlap and shared n-grams)."""
    sa, ga, na = _profile(a)
    sb, gb, nb = _profile(b)
    jaccard = len(sa & sb) / len(sa | sb) if sa and sb else 0.0
    if not na or not nb:
        return round(jaccard, 3)
    small, large = (ga, gb) if len(ga) < len(gb) else (gb, ga)
    dot = sum(v * large.get(k, 0) for k, v in small.items())
    return round(max(jaccard, dot / (na * nb)), 3)


ROUNDING = 0.001
"""`similarity` is rounded to 3 decimals: a pair just below a threshold may round up to it."""


def alike_pairs(texts: Sequence[str], threshold: float) -> Iterator[tuple[int, int]]:
    """Every pair (i, j), i < j, of `texts` whose `similarity` can reach `threshold`, and few
    others; by j, then i. The caller still computes `similarity` for each pair it keeps.

    Prefix filtering (Bayardo, Ma and Srikant, "Scaling up all pairs similarity search",
    WWW 2007): features are ranked rarest first; a text is indexed only under its rarest
    features, as many as it takes for the rest to be unable to reach the threshold alone
    (cosine: the rest's norm is below `threshold` × the whole norm; stem Jaccard: fewer than
    `threshold` × the stems are left). Two texts that reach the threshold share a feature
    among both their indexed ones, so only texts found in a shared posting list are paired.
    Rare grams have short posting lists: sub-quadratic on real titles and notes."""
    t = threshold - ROUNDING
    n = len(texts)
    if t <= 0:  # everything may be alike: no index can help
        for j in range(n):
            for i in range(j):
                yield i, j
        return
    profiles = [_profile(x) for x in texts]
    gram_count: Counter[str] = Counter()
    stem_count: Counter[str] = Counter()
    for stem_set, grams, _ in profiles:
        gram_count.update(grams.keys())
        stem_count.update(stem_set)
    # One total order, rarest first (ties by the text of the feature), shared by all texts.
    gram_rank = {g: r for r, g in enumerate(sorted(gram_count, key=lambda g: (gram_count[g], g)))}
    stem_rank = {s: r for r, s in enumerate(sorted(stem_count, key=lambda s: (stem_count[s], s)))}
    by_gram: dict[str, list[int]] = {}
    by_stem: dict[str, list[int]] = {}
    for j, (stem_set, grams, norm) in enumerate(profiles):
        found: set[int] = set()
        if norm:
            ranked = sorted(grams, key=gram_rank.__getitem__)
            limit = (t * norm) ** 2
            cut, rest = len(ranked), 0.0
            while cut and rest + grams[ranked[cut - 1]] ** 2 < limit:
                cut -= 1
                rest += grams[ranked[cut]] ** 2
            for g in ranked[:cut]:
                postings = by_gram.setdefault(g, [])
                found.update(postings)
                postings.append(j)
        if stem_set:
            ranked = sorted(stem_set, key=stem_rank.__getitem__)
            for s in ranked[:len(ranked) - math.ceil(t * len(ranked)) + 1]:
                postings = by_stem.setdefault(s, [])
                found.update(postings)
                postings.append(j)
        for i in sorted(found):
            yield i, j


def alike_scores_sparse(texts: Sequence[str], threshold: float,
                        allowed: Callable[[int, int], Any] | None = None,
                        ) -> Iterator[tuple[int, int, float]]:
    """Every pair (i, j), i < j, of `texts` with `similarity` at least `threshold`, and that
    similarity: by i, then j. Computed for all pairs at once with sparse matrix products
    (numpy and scipy, imported here: for callers that have them loaded anyway, such as an
    analysis of DataFrames). Both parts of `similarity` come out bit for bit the same: the
    n-gram dot product is a product of integer counts, divided as `similarity` divides.

    `allowed(start, stop)`, if given, is a boolean array (rows start…stop−1 × all texts) of
    the pairs the caller may keep at all (e.g. cards that overlap in time)."""
    import numpy as np
    from scipy import sparse

    n = len(texts)
    profiles = [_profile(x) for x in texts]
    gram_ids: dict[str, int] = {}
    stem_ids: dict[str, int] = {}
    g_rows, g_cols, g_vals, s_rows, s_cols = [], [], [], [], []
    for r, (stem_set, grams, _) in enumerate(profiles):
        for g, count in grams.items():
            g_rows.append(r)
            g_cols.append(gram_ids.setdefault(g, len(gram_ids)))
            g_vals.append(count)
        for s in stem_set:
            s_rows.append(r)
            s_cols.append(stem_ids.setdefault(s, len(stem_ids)))
    counts = sparse.csr_matrix((np.array(g_vals, dtype=np.int64), (g_rows, g_cols)),
                               shape=(n, len(gram_ids)))
    has = sparse.csr_matrix((np.ones(len(s_rows), dtype=np.int64), (s_rows, s_cols)),
                            shape=(n, len(stem_ids)))
    norms = np.array([norm for _, _, norm in profiles], dtype=np.float64)
    sizes = np.array([len(stem_set) for stem_set, _, _ in profiles], dtype=np.int64)
    counts_t, has_t = counts.T.tocsc(), has.T.tocsc()
    step = max(1, 2_000_000 // max(n, 1))  # rows per block: a few MB per block, any n
    for start in range(0, n, step):
        stop = min(n, start + step)
        dot = (counts[start:stop] @ counts_t).toarray().astype(np.float64)
        scale = norms[start:stop, None] * norms[None, :]
        cosine = np.divide(dot, scale, out=np.zeros_like(dot), where=scale > 0)
        shared = (has[start:stop] @ has_t).toarray()
        union = sizes[start:stop, None] + sizes[None, :] - shared
        both = (sizes[start:stop, None] > 0) & (sizes[None, :] > 0)
        jaccard = np.divide(shared, union, out=np.zeros(shared.shape), where=both)
        best = np.maximum(cosine, jaccard)
        # `similarity` rounds to 3 decimals (as Python rounds, done below): keep what may.
        hit = best >= threshold - ROUNDING
        hit &= np.arange(n)[None, :] > np.arange(start, stop)[:, None]
        if allowed is not None:
            hit &= allowed(start, stop)
        for i, j in zip(*np.nonzero(hit), strict=True):
            score = round(float(best[i, j]), 3)
            if score >= threshold:
                yield int(i) + start, int(j), score
