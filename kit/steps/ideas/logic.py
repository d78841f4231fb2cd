"""Steps 3–4, ideas and themes: group short Danish notes into themes and name them.

Workshop notes are short and share few words, so plain TF-IDF + k-means finds little. Here each
note is described three ways and the descriptions are joined:

1. its Danish word stems (snowball stemmer, stop words removed), TF-IDF weighted;
2. character 3–5-grams of those stems, which catch compounds ("møbelindsamling" ~ "møbler");
3. its affinity to the areas of the integration field (`kit._lexicon`, the same areas as the
   timeline): a prior that pulls "tolk" and "sprogcafé" together, while notes no list knows
   are still grouped by their own words, so new themes can emerge.

Stems and n-grams are reduced with LSA (truncated SVD) and grouped with k-means; when no
number of themes is given, the silhouette score picks one. Everything is seeded: the same
notes give the same themes. Pure functions: no widgets, no database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from kit.core.model import Category
from kit.core.text import stems, words

# Folding lives apart, without numpy (the board folds); `kit.ideas` names it here too.
from kit.steps.ideas.alike import NEAR_IDENTICAL, near_identical  # noqa: F401
from kit.steps.ideas.lexicon import LEXICON

PRIOR_WEIGHT = 1.0
"""How strongly the areas' vocabulary pulls notes together, relative to their own words."""
CHAR_WEIGHT = 0.7
SVD_DIMENSIONS = 50
MAX_AUTO_THEMES = 12
SEED = 0


def area_affinity(texts: Sequence[str]) -> np.ndarray:
    """Rows: notes; columns: areas in `LEXICON` order; values: vocabulary hits."""
    areas = list(LEXICON)
    out = np.zeros((len(texts), len(areas)))
    for i, text in enumerate(texts):
        for word in words(text):
            for j, area in enumerate(areas):
                if any(word.startswith(k) or (len(k) >= 4 and k in word) for k in LEXICON[area]):
                    out[i, j] += 1
    return out


def features(texts: Sequence[str], prior_weight: float = PRIOR_WEIGHT) -> np.ndarray:
    """One unit-length row per note: LSA of stems and n-grams, joined with the area prior."""
    from scipy.sparse import hstack
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    stemmed = [" ".join(stems(t)) or "_" for t in texts]
    word_tfidf = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True).fit_transform(stemmed)
    char_tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                 min_df=2 if len(texts) > 100 else 1).fit_transform(stemmed)
    joined = hstack([word_tfidf, char_tfidf * CHAR_WEIGHT]).tocsr()
    dims = min(SVD_DIMENSIONS, joined.shape[1] - 1, len(texts) - 1)
    dense: np.ndarray = (TruncatedSVD(dims, random_state=SEED).fit_transform(joined)
                         if dims >= 2 else joined.toarray())
    dense = normalize(dense)
    if prior_weight:
        dense = normalize(np.hstack([dense, prior_weight * normalize(area_affinity(texts))]))
    return dense


def _first_seen_order(labels: Iterable[int]) -> list[int]:
    """Renumber so theme 0 is the first note's theme, 1 the next new one, and so on."""
    order: dict[int, int] = {}
    return [order.setdefault(int(x), len(order)) for x in labels]


def _kmeans(x: np.ndarray, k: int, n_init: int = 10) -> np.ndarray:
    from sklearn.cluster import KMeans

    labels: np.ndarray = KMeans(k, n_init=n_init, random_state=SEED).fit_predict(x)
    return labels


def choose_number(x: np.ndarray, most: int = MAX_AUTO_THEMES) -> int:
    """The number of themes with the best silhouette (cosine), from 2 to `most`."""
    from sklearn.metrics import silhouette_score

    n = len(x)
    candidates = range(2, max(2, min(most, n // 3)) + 1)
    best, best_k = -2.0, 2
    for k in candidates:
        labels = _kmeans(x, k, n_init=3)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(x, labels, metric="cosine",
                                 sample_size=min(n, 1000), random_state=SEED)
        if score > best + 1e-9:
            best, best_k = score, k
    return best_k


def suggest_themes(texts: Sequence[str], n_themes: int | None = None,
                   prior_weight: float = PRIOR_WEIGHT) -> list[int]:
    """A theme number per note (0, 1, …, in order of first appearance); deterministic."""
    texts = [str(t) for t in texts]
    if len(texts) <= 2:
        return list(range(len(texts))) if n_themes != 1 else [0] * len(texts)
    x = features(texts, prior_weight)
    k = choose_number(x) if n_themes is None else max(1, min(int(n_themes), len(texts)))
    if k == 1:
        return [0] * len(texts)
    return _first_seen_order(_kmeans(x, k))


def label_themes(texts: Sequence[str], labels: Sequence[int]) -> dict[int, str]:
    """A short Danish name per theme: its area when most notes share one, then the words
    that set the theme apart from the others (by class-based TF-IDF)."""
    from kit.i18n import t

    texts = [str(x) for x in texts]
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    stem_lists = [stems(x) for x in texts]
    surface: dict[str, Counter[str]] = {}
    for text in texts:
        for word in words(text):
            surface.setdefault(_stem(word), Counter())[word] += 1
    counts = {g: Counter(s for i in idx for s in set(stem_lists[i])) for g, idx in groups.items()}
    in_groups = Counter(s for c in counts.values() for s in c)
    affinity = area_affinity(texts)
    areas = list(LEXICON)
    names = {}
    for g, idx in groups.items():
        scored = sorted(counts[g].items(),
                        key=lambda kv: (-kv[1] * np.log(1 + len(groups) / in_groups[kv[0]]),
                                        kv[0]))
        top = [surface[s].most_common(1)[0][0] for s, n in scored[:2] if n > 0 and s in surface]
        area_hits = affinity[idx].sum(axis=0)
        hits_ideas = (affinity[idx] > 0).sum(axis=0)
        name = ""
        if area_hits.any() and hits_ideas.max() >= max(1, len(idx) / 2):
            name = t(f"category.{Category(areas[int(area_hits.argmax())]).value}", "da")
        words_part = ", ".join(top)
        title = f"{name}: {words_part}" if name and words_part else (name or words_part)
        names[g] = (title[:1].upper() + title[1:])[:60] or f"Tema {g + 1}"
    return names


def _stem(word: str) -> str:
    return stems(word)[0] if stems(word) else word
