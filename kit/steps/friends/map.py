"""The national view of the friend programme: Denmark's 98 municipalities (from
`municipalities.txt`, approximate town-hall coordinates) drawn as a self-contained SVG with
one circle per municipality whose area grows with the gap, and the same figures as a table
with headers in the reader's language. Nothing is fetched from outside: the SVG carries its
own styles and no links. Pure: no widgets, no SQL.
"""

from __future__ import annotations

import csv
import io
import math
from functools import cache
from importlib import resources
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from kit.i18n import is_rtl, number, t
from kit.steps.friends.gap import GAP_COLUMNS
from kit.steps.friends.logic import _listed

LON, LAT = (8.0, 15.25), (54.5, 57.8)   # a frame around Denmark, Bornholm included
ASPECT = math.cos(math.radians(56.0))   # a degree of longitude is this much of one of latitude
R_MIN, R_MAX = 2.5, 30.0                # a municipality with no gap is a dot


@cache
def _rows() -> tuple[tuple[str, str, str, float, float, str], ...]:
    text = resources.files(__package__).joinpath("municipalities.txt").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple((r["code"], r["name"], r["region"], float(r["lat"]), float(r["lon"]),
                  r["seat"]) for r in csv.DictReader(io.StringIO("\n".join(lines))))


def municipalities() -> pd.DataFrame:
    """The 98 municipalities: `code` (the official three digits), `name`, `region`, `lat`,
    `lon` (approximate town hall, WGS84) and `seat` (the town the coordinates are of)."""
    return pd.DataFrame(list(_rows()), columns=["code", "name", "region", "lat", "lon", "seat"])


def _where(name: str) -> tuple[float, float] | None:
    key = name.strip().casefold()
    for code, known, _, lat, lon, _ in _rows():
        if key in (known.casefold(), code):
            return lat, lon
    return None


def map_table(gap: pd.DataFrame, language: str = "da") -> pd.DataFrame:
    """The gap as a table for people: the columns of `gap()` under headers in `language`."""
    frame = gap.loc[:, list(GAP_COLUMNS)]
    return frame.rename(columns={
        "municipality": t("friends.gap.municipality", language),
        "waiting": t("friends.gap.waiting", language),
        "places": t("friends.gap.places", language),
        "active": t("friends.gap.active", language),
        "longest_wait_days": t("friends.gap.longest", language),
        "matched": t("friends.gap.matched", language),
        "unmatched": t("friends.gap.unmatched", language),
        "places_left": t("friends.gap.places_left", language)}).reset_index(drop=True)


def radius(value: int, largest: int) -> float:
    """A mark's radius: its area grows in proportion to the gap above a dot's."""
    if largest <= 0 or value <= 0:
        return R_MIN
    return R_MIN + (R_MAX - R_MIN) * math.sqrt(value / largest)


def map_svg(gap: pd.DataFrame, language: str = "da", width: int = 760) -> str:
    """Denmark as an SVG: one circle per municipality of `gap` whose place is known, its
    area by the `unmatched` households, its tooltip the name and the counts; the title and
    a legend in `language`. Municipalities not in `municipalities()` are in the table only."""
    scale = width / ((LON[1] - LON[0]) * ASPECT)
    top = 84
    height = int(top + (LAT[1] - LAT[0]) * scale + 20)
    largest = int(gap["unmatched"].max()) if len(gap) else 0
    marks = []
    for place, waiting, unmatched in zip(gap["municipality"], gap["waiting"], gap["unmatched"],
                                         strict=True):
        at = _where(str(place))
        if at is None:
            continue
        lat, lon = at
        x = (lon - LON[0]) * ASPECT * scale
        y = top + (LAT[1] - lat) * scale
        r = radius(int(unmatched), largest)
        label = t("friends.map.mark", language, municipality=str(place), waiting=int(waiting),
                  gap=int(unmatched))
        marks.append((r, f'<circle class="kit-friends-mark" cx="{x:.1f}" cy="{y:.1f}" '
                         f'r="{r:.2f}" data-municipality={quoteattr(str(place))} '
                         f'data-gap="{int(unmatched)}"><title>{escape(label)}</title></circle>'))
    marks.sort(key=lambda mark: -mark[0])  # small marks on top of large ones
    rtl = is_rtl(language)
    # in right-to-left text "start" is the right-hand end: the lines start at the right edge
    x_text = width - 12 if rtl else 12
    direction = ' direction="rtl"' if rtl else ""
    title = escape(t("friends.map.title", language))
    legend = escape(t("friends.map.legend", language))
    worst = gap[gap["unmatched"] > 0].head(5)
    largest_line = escape(t("friends.map.largest", language, municipalities=_listed(tuple(
        f"{place} ({number(int(n), language)})"
        for place, n in zip(worst["municipality"], worst["unmatched"], strict=True)),
        language))) if len(worst) else ""
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label={quoteattr(title)} '
        f'xml:lang="{escape(language)}">',
        "<style>.kit-friends-mark{fill:#c0392b;fill-opacity:.55;stroke:#7b241c;"
        "stroke-width:1}.kit-friends-text{font:16px sans-serif;fill:#222}"
        ".kit-friends-small{font:12px sans-serif;fill:#555}</style>",
        f'<rect width="{width}" height="{height}" fill="#eef4f8"/>',
        f'<text class="kit-friends-text" x="{x_text}" y="26" text-anchor="start"'
        f'{direction}>{title}</text>',
        f'<text class="kit-friends-small" x="{x_text}" y="46" text-anchor="start"'
        f'{direction}>{legend}</text>',
        f'<text class="kit-friends-small" x="{x_text}" y="62" text-anchor="start"'
        f'{direction}>{largest_line}</text>',
        *(svg for _, svg in marks),
        "</svg>"])
