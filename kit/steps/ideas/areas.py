"""Which area of the integration field a theme belongs to, guessed from its words.

The area is the theme's shared, wordless vocabulary (issue 17): phones and board show its
pictogram and its name in the viewer's language beside the theme's (Danish) label. The guess
reads the same lexicon the suggestion leans on (`kit.steps.ideas.lexicon`); the facilitator
can change it (`IdeasStore.set_theme_area`). Pure: no widgets, no SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kit.core.text import words
from kit.steps.ideas.lexicon import LEXICON


def guess_area(texts: Iterable[str]) -> str:
    """The area whose vocabulary the texts hit most (ties: the lexicon's order), or "" when
    they hit none."""
    hits: Counter[str] = Counter()
    for text in texts:
        for word in words(text):
            for area, stems in LEXICON.items():
                if any(word.startswith(k) or (len(k) >= 4 and k in word) for k in stems):
                    hits[area] += 1
    if not hits:
        return ""
    best = max(hits.values())
    return next(area for area in LEXICON if hits[area] == best)
