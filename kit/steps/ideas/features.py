"""The ideas step's note features: each note as weighted tokens (`represent`), TF-IDF
weighted, plus character n-grams of its stems, reduced with LSA (truncated SVD) to unit rows
that `logic` groups and places. Pure functions; numpy and scipy are imported when first used,
so the board's kernel stays light.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kit.core.text import stems
from kit.steps.ideas.lexicon import LEXICON
from kit.steps.ideas.represent import WEIGHTS, corpus_tokens

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

PRIOR_WEIGHT = 1.0
"""How strongly the vocabulary (concepts and areas) counts, relative to the notes' own words;
0 groups by the notes' words alone."""
CHAR_WEIGHT = 0.5
"""Character 3–5-grams of the stems, relative to the word tokens."""
SVD_DIMENSIONS = 60
SEED = 0


@contextmanager
def _one_thread() -> Iterator[None]:
    """Run numpy's BLAS on one thread: the facilitator's machine shares its cores with the
    board's and the phones' kernels, and a thread pool on busy cores is many times slower
    for matrices this small (0.8 s instead of 0.015 s for one QR, measured)."""
    import numpy  # noqa: F401  (loaded first, so the limit reaches its BLAS)
    import scipy.sparse  # noqa: F401

    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - comes with scikit-learn
        yield
        return
    with threadpool_limits(1):
        yield


def area_affinity(texts: Sequence[str]) -> np.ndarray:
    """Rows: notes; columns: areas in `LEXICON` order; values: vocabulary hits."""
    import numpy as np

    areas = list(LEXICON)
    out = np.zeros((len(texts), len(areas)))
    for i, tokens in enumerate(corpus_tokens([str(t) for t in texts])):
        for token, _ in tokens:
            if token.startswith("a:") and token[2:] in areas:
                out[i, areas.index(token[2:])] += 1
    return out


@dataclass
class _Space:
    """Notes as TF-IDF rows over their tokens, with what is needed to explain a match."""

    matrix: csr_matrix
    columns: list[str]
    surface: list[dict[str, str]]
    """Per note: token → the word of the note it came from."""


@lru_cache(maxsize=65536)
def _grams(stemmed: str) -> tuple[str, ...]:
    """Character 3–5-grams of a stem, its edges marked."""
    padded = f"<{stemmed}>"
    return tuple(f"g:{padded[i:i + n]}" for n in (3, 4, 5)
                 for i in range(max(1, len(padded) - n + 1)))


def _space(texts: Sequence[str], prior_weight: float = PRIOR_WEIGHT) -> _Space:
    import numpy as np
    from scipy.sparse import csr_matrix

    weights = dict(WEIGHTS)
    weights["c"] *= prior_weight
    weights["a"] *= prior_weight
    token_lists = corpus_tokens(texts)
    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    surface: list[dict[str, str]] = []
    for r, tokens in enumerate(token_lists):
        surface.append({t: w for t, w in reversed(tokens)})
        ids = [index.setdefault(t, len(index)) for t, _ in tokens if weights.get(t[0], 0)]
        if CHAR_WEIGHT:
            ids += [index.setdefault(g, len(index)) for s in stems(texts[r]) for g in _grams(s)]
        rows += [r] * len(ids)
        cols += ids
    if CHAR_WEIGHT:
        weights["g"] = CHAR_WEIGHT
    n_docs = len(texts)
    m = csr_matrix((np.ones(len(rows)), (np.array(rows, dtype=np.int64),
                                         np.array(cols, dtype=np.int64))),
                   shape=(n_docs, max(1, len(index))))
    m.sum_duplicates()
    m.data = 1.0 + np.log(m.data)  # sublinear term frequency
    columns = list(index)
    df = np.bincount(m.indices, minlength=m.shape[1])
    idf = np.log((1 + n_docs) / (1 + df)) + 1.0
    kind = np.array([weights[c[0]] for c in columns]) if columns else np.ones(1)
    # The character n-grams are many per word; scale them as one block so they count
    # CHAR_WEIGHT as a whole, not per gram.
    m = csr_matrix(m.multiply((idf * kind)[None, :]))
    grams = np.array([c.startswith("g:") for c in columns]) if columns else np.zeros(1, bool)
    if grams.any():
        g = m[:, grams]
        rest = m[:, ~grams]
        gn = np.sqrt(np.asarray(g.multiply(g).sum(axis=1)).ravel()) + 1e-12
        rn = np.sqrt(np.asarray(rest.multiply(rest).sum(axis=1)).ravel()) + 1e-12
        scale_g = CHAR_WEIGHT / gn
        scale_r = 1.0 / rn
        scale = np.where(grams[m.indices], np.repeat(scale_g, np.diff(m.indptr)),
                         np.repeat(scale_r, np.diff(m.indptr)))
        m.data = m.data * scale
    return _Space(_unit_rows(m), columns, surface)


def _unit_rows(m: csr_matrix) -> csr_matrix:
    import numpy as np
    from scipy.sparse import csr_matrix as csr

    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    out = csr(m, copy=True)
    out.data = out.data / np.repeat(norms, np.diff(out.indptr))
    return out


def _lsa(m: csr_matrix, dims: int | None = None) -> np.ndarray:
    """Unit rows of a truncated SVD (randomised, seeded) of `m`."""
    import numpy as np

    n, d = m.shape
    # Few notes carry few independent topics: about one dimension per six notes.
    k = min(dims or max(15, min(SVD_DIMENSIONS, n // 6)), n - 1, d - 1)
    if k < 2:
        dense: np.ndarray = m.toarray()
    else:
        dense = _randomised_svd(m, k)
    norms = np.linalg.norm(dense, axis=1)
    norms[norms == 0] = 1.0
    out: np.ndarray = dense / norms[:, None]
    return out


def _randomised_svd(m: csr_matrix, k: int, power: int = 3) -> np.ndarray:
    """The rows of `m` in its top `k` singular directions (Halko et al.): a few sparse
    products and small QRs, instead of scikit-learn's thread pool on a shared machine."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    q, _ = np.linalg.qr(m @ rng.standard_normal((m.shape[1], k + 10)))
    for _ in range(power):
        # Orthonormalised on the notes' side only: the terms' side is much larger.
        q, _ = np.linalg.qr(m @ np.asarray(m.T @ q))
    # m ≈ q qᵀ m; the singular vectors of qᵀ m from its small Gram matrix.
    small = np.asarray(m.T @ q)
    values, vectors = np.linalg.eigh(small.T @ small)
    top = np.argsort(values)[::-1][:k]
    out: np.ndarray = (q @ vectors[:, top]) * np.sqrt(np.maximum(values[top], 0.0))
    return out


def features(texts: Sequence[str], prior_weight: float = PRIOR_WEIGHT) -> np.ndarray:
    """One unit-length row per note: LSA of its tokens (words, compound parts, concepts,
    areas, character n-grams)."""
    with _one_thread():
        return _lsa(_space([str(t) for t in texts], prior_weight).matrix)
