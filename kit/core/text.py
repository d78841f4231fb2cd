"""Danish short-text tools shared by the steps: normalising, stemming, similarity.

Workshop texts are short and full of compounds ("møbelindsamling", "sprogcafé"), so word
stems alone miss most matches; character n-grams within words catch the compounds. Pure
Python on purpose: fast enough for thousands of cards, and nothing heavy to import.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

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
_stemmer = snowballstemmer.stemmer("danish")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", str(text)).lower()


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
