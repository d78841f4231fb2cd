"""Steps 3–4, ideas and themes: group short Danish notes into themes, name them, and place
late notes into the themes the room already made.

Workshop notes are short and share few words, so plain TF-IDF + k-means finds little
(ARI 0.09 on our held-out notes). Here:

1. each note becomes weighted tokens (`represent`: word stems without the prompts' filler,
   the parts of compound words, the concepts and areas of the integration field's vocabulary
   in `vocabulary.txt`), TF-IDF weighted, plus character n-grams of its stems, which catch
   misspellings and compounds the splitter does not know (`features`);
2. near-identical notes are merged first (`alike`), so ten copies of "tolk" weigh as one idea
   and do not become a theme of their own;
3. the notes are reduced with LSA (truncated SVD), which lets notes that share no word meet
   through words that occur together elsewhere;
4. spherical k-means is run many times (different seeds and numbers of themes) and the runs
   vote: two notes that land together in most runs belong together (evidence accumulation).
   The votes are cut into themes by average linkage; when no number is given, the cut is made
   where the themes are most clearly apart (the longest-lived level of the tree).

`suggest_placement` learns from the facilitator's own grouping: each theme's centre is the
mean of its notes (same features), a late note goes to the nearest centre, or to none when no
centre is near enough. `placements` says why: the words the note shares with its theme.

Everything is seeded: the same notes give the same themes. Pure functions: no widgets, no
database; numpy/scipy/scikit-learn are imported when first used, so the board's kernel stays
light.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kit.core.model import Category
from kit.core.text import stem, stems, words

# Folding lives apart, without numpy (the board folds); `kit.ideas` names it here too.
from kit.steps.ideas.alike import NEAR_IDENTICAL, near_identical
from kit.steps.ideas.features import (
    PRIOR_WEIGHT,
    SEED,
    _lsa,
    _one_thread,
    _Space,
    _space,
    _unit_rows,
    area_affinity,
    features,
)
from kit.steps.ideas.lexicon import LEXICON
from kit.steps.ideas.represent import vocabulary

if TYPE_CHECKING:
    import numpy as np

__all__ = ["NEAR_IDENTICAL", "Placement", "area_affinity", "choose_number", "features",
           "label_themes", "near_identical", "placements", "suggest_placement",
           "suggest_themes"]

RUNS = 30
"""k-means runs that vote on which notes belong together (half as many from `MANY` notes
on, where each run sees enough notes to be steadier, and time counts)."""
MANY = 500
NEIGHBOURS = 5
NEIGHBOUR_WEIGHT = 0.5
"""Each note is pulled towards the mean of its 5 nearest notes, by half its own weight."""
MAX_AUTO_THEMES = 12
MIN_AUTO_THEMES = 3
PLACE_THRESHOLD = 0.12
"""A late note is placed only when its theme's centre is at least this near (cosine)."""


# -- grouping ---------------------------------------------------------------------------

def _smooth(x: np.ndarray, neighbours: int = NEIGHBOURS,
            weight: float = NEIGHBOUR_WEIGHT) -> np.ndarray:
    """Pull each note towards its nearest notes: a note of three words says little alone,
    its neighbours say what it is probably about (a known remedy for short texts)."""
    import numpy as np

    m = min(neighbours, len(x) - 1)
    if m < 1 or weight <= 0:
        return x
    near = x @ x.T
    np.fill_diagonal(near, -np.inf)
    idx = np.argpartition(-near, m - 1, axis=1)[:, :m]
    out = x + weight * x[idx].mean(axis=1)
    out /= np.maximum(np.linalg.norm(out, axis=1), 1e-12)[:, None]
    result: np.ndarray = out
    return result


def _first_seen_order(labels: Iterable[int]) -> list[int]:
    """Renumber so theme 0 is the first note's theme, 1 the next new one, and so on."""
    order: dict[int, int] = {}
    return [order.setdefault(int(x), len(order)) for x in labels]


def _kmeans(x: np.ndarray, k: int, seed: int = SEED, rounds: int = 30) -> np.ndarray:
    """Spherical k-means (cosine) with k-means++ seeding: one run, seeded."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = len(x)
    centres = np.empty((k, x.shape[1]), dtype=x.dtype)
    centres[0] = x[rng.integers(n)]
    nearest = 1.0 - x @ centres[0]
    for c in range(1, k):
        weights = np.maximum(nearest, 0.0) ** 2
        total = weights.sum()
        pick = rng.choice(n, p=weights / total) if total > 0 else rng.integers(n)
        centres[c] = x[pick]
        nearest = np.minimum(nearest, 1.0 - x @ centres[c])
    labels = np.full(n, -1)
    for _ in range(rounds):
        new = np.argmax(x @ centres.T, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        onehot = np.zeros((n, k), dtype=x.dtype)
        onehot[np.arange(n), labels] = 1.0
        sums = onehot.T @ x
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0
        if empty.any():  # an emptied group restarts on the note its centre fits worst
            worst = np.argsort(np.max(x @ centres.T, axis=1))[:int(empty.sum())]
            sums[empty] = x[worst]
            norms[empty] = 1.0
        centres = sums / norms[:, None]
    return labels


def _votes(x: np.ndarray, ks: Sequence[int]) -> np.ndarray:
    """How often (0–1) each pair of notes fell in the same group over k-means runs with
    the given numbers of groups (evidence accumulation)."""
    import numpy as np

    n = len(x)
    x = x.astype(np.float32)
    together = np.zeros((n, n), dtype=np.uint8)
    for run, k in enumerate(ks):
        labels = _kmeans(x, int(k), seed=SEED + run)
        together += labels[:, None] == labels[None, :]
    out: np.ndarray = together.astype(np.float32) / len(ks)
    return out


def _tree(together: np.ndarray) -> np.ndarray:
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - together.astype(np.float64)
    np.fill_diagonal(distance, 0.0)
    tree: np.ndarray = linkage(squareform(distance, checks=False), method="average")
    return tree


def _cut(tree: np.ndarray, k: int) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster

    labels: np.ndarray = fcluster(tree, k, criterion="maxclust")
    return labels


def _longest_lived(tree: np.ndarray, low: int, high: int) -> int:
    """The number of groups whose level of the tree lasts longest (Fred & Jain)."""
    heights = tree[:, 2]
    n = len(heights) + 1
    best, best_k = -1.0, low
    for k in range(low, min(high, n - 1) + 1):
        # k groups exist between the merge that leaves k and the one that leaves k-1.
        life = heights[n - k] - heights[n - k - 1]
        if life > best + 1e-9:
            best, best_k = life, k
    return best_k


def choose_number(x: np.ndarray, most: int = MAX_AUTO_THEMES) -> int:
    """The number of themes the k-means runs agree on most clearly, from 2 to `most`."""
    import numpy as np

    n = len(x)
    high = max(2, min(most, n // 3))
    low = min(MIN_AUTO_THEMES, high)
    ks = np.linspace(low, high + 4, RUNS).round().astype(int)
    ks = np.minimum(ks, n - 1)
    return _longest_lived(_tree(_votes(x, list(ks))), low, high)


def _merge_alike(space: _Space, threshold: float = NEAR_IDENTICAL) -> tuple[list[int], list[int]]:
    """Near-identical notes as one: (the first note of each set, each note's set). Alike
    means the cosine of their own words (stems and character n-grams, not the vocabulary)
    is at least `threshold`; one sparse product, where `alike` compares text pairs."""
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    own = np.array([c[0] in "wg" for c in space.columns])
    words_only = _unit_rows(space.matrix[:, own]) if own.any() else space.matrix
    close = words_only @ words_only.T
    close.data = (close.data >= threshold - 1e-9).astype(np.int8)
    close.eliminate_zeros()
    _, sets = connected_components(close, directed=False)
    firsts: dict[int, int] = {}
    for i, g in enumerate(sets):
        firsts.setdefault(int(g), i)
    order = sorted(firsts.values())
    where = {int(sets[f]): j for j, f in enumerate(order)}
    return order, [where[int(g)] for g in sets]


def suggest_themes(texts: Sequence[str], n_themes: int | None = None,
                   prior_weight: float = PRIOR_WEIGHT) -> list[int]:
    """A theme number per note (0, 1, …, in order of first appearance); deterministic."""
    texts = [str(t) for t in texts]
    if len(texts) <= 2:
        return list(range(len(texts))) if n_themes != 1 else [0] * len(texts)
    if n_themes is not None and int(n_themes) <= 1:
        return [0] * len(texts)
    with _one_thread():
        return _suggest(texts, n_themes, prior_weight)


def _suggest(texts: list[str], n_themes: int | None, prior_weight: float) -> list[int]:
    import numpy as np

    space = _space(texts, prior_weight)
    firsts, member = _merge_alike(space)
    n = len(firsts)
    if n_themes is not None and int(n_themes) >= n:  # no more distinct notes than themes
        return _first_seen_order(member)
    if n_themes is None and n <= MIN_AUTO_THEMES:
        return _first_seen_order(member)
    x = _smooth(_lsa(space.matrix[firsts]))
    runs = RUNS if n < MANY else RUNS // 2
    if n_themes is None:
        high = max(2, min(MAX_AUTO_THEMES, n // 3))
        low = min(MIN_AUTO_THEMES, high)
        # Runs with more groups than will be kept: what stays together in fine splits
        # belongs together; the tree's longest-lived level then says how many themes.
        ks = [int(v) for v in np.minimum(np.linspace(low, high + 4, runs).round(), n - 1)]
        tree = _tree(_votes(x, ks))
        k = _longest_lived(tree, low, high)
    else:
        k = int(n_themes)
        spread = [k + d for d in (-1, 0, 0, 1, 2)]
        ks = [min(max(2, spread[r % len(spread)]), n - 1) for r in range(runs)]
        tree = _tree(_votes(x, ks))
    labels = _cut(tree, k)
    return _first_seen_order(int(labels[m]) for m in member)


# -- naming -----------------------------------------------------------------------------

def label_themes(texts: Sequence[str], labels: Sequence[int]) -> dict[int, str]:
    """A short Danish name per theme: its area when most notes share one, then the words
    that set the theme apart from the others (by class-based TF-IDF)."""
    import numpy as np

    from kit.i18n import t

    texts = [str(x) for x in texts]
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    stem_lists = [stems(x) for x in texts]
    surface: dict[str, Counter[str]] = {}
    for text in texts:
        for word in words(text):
            surface.setdefault(stem(word), Counter())[word] += 1
    filler = {stem(w) for w, (area, _) in vocabulary().terms.items() if area == "-"}
    counts = {g: Counter(s for i in idx for s in set(stem_lists[i]) if s not in filler)
              for g, idx in groups.items()}
    in_groups = Counter(s for c in counts.values() for s in c)
    affinity = area_affinity(texts)
    areas = list(LEXICON)
    categories = {c.value for c in Category}
    names = {}
    for g, idx in groups.items():
        scored = sorted(counts[g].items(),
                        key=lambda kv: (-kv[1] * np.log(1 + len(groups) / in_groups[kv[0]]),
                                        kv[0]))
        top = [surface[s].most_common(1)[0][0] for s, n in scored[:2] if n > 0 and s in surface]
        area_hits = affinity[idx].sum(axis=0)
        hits_ideas = (affinity[idx] > 0).sum(axis=0)
        name = ""
        best = areas[int(area_hits.argmax())] if area_hits.any() else ""
        if best in categories and hits_ideas.max() >= max(1, len(idx) / 2):
            name = t(f"category.{Category(best).value}", "da")
        words_part = ", ".join(top)
        title = f"{name}: {words_part}" if name and words_part else (name or words_part)
        names[g] = (title[:1].upper() + title[1:])[:60] or f"Tema {g + 1}"
    return names


# -- placing late notes -----------------------------------------------------------------

@dataclass(frozen=True)
class Placement:
    """Where a late note fits: `theme` (a label of `themes`, or None when none fits well),
    how well (`score`, cosine 0–1 to the theme's centre) and why (`words`: the note's words
    that tie it to the theme, most telling first)."""

    theme: str | None
    score: float
    words: tuple[str, ...] = ()


def placements(texts: Sequence[str], themes: Mapping[str, Sequence[str]],
               threshold: float = PLACE_THRESHOLD) -> list[Placement]:
    """`suggest_placement` with the score and the words that explain each suggestion."""

    texts = [str(t) for t in texts]
    labels = [str(k) for k, v in themes.items() if len(v)]
    if not texts:
        return []
    if not labels:
        return [Placement(None, 0.0) for _ in texts]
    with _one_thread():
        return _placements(texts, themes, labels, threshold)


def _placements(texts: list[str], themes: Mapping[str, Sequence[str]], labels: list[str],
                threshold: float) -> list[Placement]:
    import numpy as np

    grouped = [str(t) for k in labels for t in themes[k]]
    owner = np.array([j for j, k in enumerate(labels) for _ in themes[k]])
    space = _space(grouped + texts)
    m = space.matrix
    sparse_known, sparse_new = m[:len(grouped)], m[len(grouped):]
    # Sparse centres explain; LSA centres (fitted on all notes, late ones too) generalise.
    dense = _lsa(m)
    dense_known, dense_new = dense[:len(grouped)], dense[len(grouped):]
    centres = np.zeros((len(labels), dense.shape[1]))
    np.add.at(centres, owner, dense_known)
    centres /= np.maximum(np.linalg.norm(centres, axis=1), 1e-12)[:, None]
    onehot = np.zeros((len(labels), len(grouped)))
    onehot[owner, np.arange(len(grouped))] = 1.0
    sparse_centres = np.asarray((sparse_known.T @ onehot.T).T)
    sparse_centres /= np.maximum(np.linalg.norm(sparse_centres, axis=1), 1e-12)[:, None]
    raw = sparse_new @ sparse_centres.T
    sims = 0.5 * (dense_new @ centres.T) + 0.5 * np.asarray(raw)
    # The words that explain: the note's own tokens that weigh most in its theme's centre
    # (character n-grams left out: "ørn" explains nothing).
    own = np.array([not c.startswith("g:") for c in space.columns])
    indptr, indices, data = sparse_new.indptr, sparse_new.indices, sparse_new.data
    out = []
    for i in range(len(texts)):
        j = int(np.argmax(sims[i]))
        score = float(sims[i, j])
        if score < threshold:
            out.append(Placement(None, round(max(score, 0.0), 3)))
            continue
        cols = indices[indptr[i]:indptr[i + 1]]
        shares = data[indptr[i]:indptr[i + 1]] * sparse_centres[j, cols]
        surface = space.surface[len(grouped) + i]
        contrib: dict[str, float] = {}
        for col, share in zip(cols, shares, strict=True):
            if share > 0 and own[col]:
                token = space.columns[col]
                word = surface.get(token, token[2:])
                contrib[word] = contrib.get(word, 0.0) + float(share)
        why = tuple(w for w, _ in sorted(contrib.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        out.append(Placement(labels[j], round(score, 3), why))
    return out


def suggest_placement(texts: Sequence[str], themes: Mapping[str, Sequence[str]],
                      threshold: float = PLACE_THRESHOLD) -> list[str | None]:
    """Per late note, the theme (a key of `themes`, which maps a label to the notes already
    in it) it fits best, or None when nothing fits well. Learns from the facilitator's own
    grouping: the more notes are grouped, the better it gets."""
    return [p.theme for p in placements(texts, themes, threshold)]
