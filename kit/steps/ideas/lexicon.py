"""Danish vocabulary of the integration field, one list of terms per area.

The terms are data, in `vocabulary.txt` (documented there: areas, concepts of synonyms and
inflections, filler); this module only offers them as `LEXICON` (area → terms, in file order),
the areas of `kit.model.Category` first. It is a prior for grouping ideas, not a classifier:
an idea that hits no list is grouped by its own words alone.
"""

from __future__ import annotations

from kit.steps.ideas.represent import vocabulary

LEXICON: dict[str, tuple[str, ...]] = {area: tuple(terms)
                                       for area, terms in vocabulary().areas.items()}
