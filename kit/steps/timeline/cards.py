"""The timeline's cards as its analysis reads them: the columns of the `cards` DataFrame,
one card as a plain record (`CardRecord`), the analysis' options and the columns of each kind
of finding. Shared by the single-card findings (`kit.steps.timeline.logic`) and the pairwise
ones (`kit.steps.timeline.pairs`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    import pandas as pd

CARD_COLUMNS = ("id", "title", "owner", "sector", "category", "start_week", "end_week")


@dataclass(frozen=True)
class Options:
    overload_window: int = 2
    """Weeks in which card starts are counted together."""
    overload_threshold: int = 4
    """Starts within one window that count as too much at once."""
    min_gap_weeks: int = 2
    """The shortest run of empty weeks that is reported."""
    early_weeks: tuple[int, int] = (0, 12)
    """The first months after arrival, when every category matters most."""
    duplicate_similarity: float = 0.5
    """Title similarity (0–1) from which two cards are taken to describe the same thing."""



class CardRecord(TypedDict):
    """One card as the findings use it: ids and texts as text, weeks as numbers."""

    id: str
    title: str
    owner: str
    sector: str
    category: str
    start_week: int
    end_week: int


class _OverloadRow(TypedDict):
    key: str
    week: int
    window_end: int
    cards: int
    card_ids: str


class _DuplicateRow(TypedDict):
    key: str
    card_a: str
    card_b: str
    category: str
    similarity: float


class _OverviewRow(TypedDict):
    phase: str
    category: str
    title: str
    owner: str
    sector: str
    start_week: int
    end_week: int


class _SynergyRow(TypedDict):
    key: str
    municipal_card: str
    civil_card: str
    category: str
    overlap_weeks: int


class _GapRow(TypedDict):
    key: str
    kind: str
    category: str
    start_week: int
    end_week: int


OVERLOAD_COLUMNS = ["key", "week", "window_end", "cards", "card_ids"]
GAP_COLUMNS = ["key", "kind", "category", "start_week", "end_week"]
DUPLICATE_COLUMNS = ["key", "card_a", "card_b", "category", "similarity"]
SYNERGY_COLUMNS = ["key", "municipal_card", "civil_card", "category", "overlap_weeks"]


def _frame(rows: Sequence[Mapping[str, object]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def _cell_text(value: object) -> str:
    """A cell as text, as `pandas.read_csv` may give it: ids read as numbers (7, or 7.0 in a
    column with a gap) become "7", an empty cell (NaN, None, NA) becomes ""."""
    import pandas as pd

    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _records(cards: pd.DataFrame) -> list[CardRecord]:
    missing = [c for c in CARD_COLUMNS if c not in cards.columns]
    if missing:
        raise ValueError(f"cards lack columns {missing}")
    columns = [cards[c].tolist() for c in CARD_COLUMNS]  # plain Python values, as to_dict
    return [CardRecord(id=_cell_text(i), title=_cell_text(title), owner=_cell_text(owner),
                       sector=_cell_text(sector), category=_cell_text(category),
                       start_week=int(start), end_week=int(end))
            for i, title, owner, sector, category, start, end in zip(*columns, strict=True)]


def _overlap(a: CardRecord, b: CardRecord) -> int:
    return max(0, min(a["end_week"], b["end_week"]) - max(a["start_week"], b["start_week"]) + 1)


def _weeks(c: CardRecord) -> int:
    """How long a card runs: no pair can overlap longer than its shorter card."""
    return c["end_week"] - c["start_week"] + 1
