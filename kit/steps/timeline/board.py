"""The reception timeline drawn for the projector: weeks across, one lane per category or sector.

`timeline_html` is a pure function of the cards (and optional highlights), so it is tested
without a browser; every card title is escaped. Municipal cards are filled, civil-society
cards outlined and dashed, refugees' own cards dotted, so the two sides read apart at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence

from kit.core.model import FIRST_WEEK, LAST_WEEK, Category, Sector
from kit.i18n import t
from kit.steps.timeline.changes import Changes
from kit.steps.timeline.model import Card
from kit.ui.parts import esc, isolate

WEEKS = list(range(FIRST_WEEK, LAST_WEEK + 1))
TICKS = {-8, -4, 0, 4, 8, 12, 16, 20, 26}

CSS = """
.kit-tl { display: grid; gap: 2px 0; font-size: 0.72rem; width: 100%; overflow-x: auto;
  grid-template-columns: 9rem repeat(%d, minmax(1.3rem, 1fr)); align-items: center; }
.kit-tl-lane { font-weight: 600; align-self: stretch; padding: 2px 0.4rem 0 0;
  overflow-wrap: anywhere; line-height: 1.15; border-top: 1px solid #bbb; }
.kit-tl-band { align-self: stretch; border-top: 1px solid #bbb; }
.kit-tl-band.kit-tl-odd { background: #f4f4f0; }
.kit-tl-tick { text-align: left; color: #555; border-left: 1px solid #ccc; padding-left: 2px; }
.kit-tl-arrival { border-left: 3px solid #333; font-weight: 700; color: #000; }
.kit-tl-card { border-radius: 4px; padding: 1px 4px; overflow: hidden; white-space: nowrap;
  text-overflow: ellipsis; line-height: 1.3; margin: 0 1px; }
.kit-tl-card.kommune { background: #0072b2; color: #fff; }
.kit-tl-card.civilsamfund { background: #fff; color: #00583f; border: 2px dashed #009e73; }
.kit-tl-card.flygtning { background: #fcecc8; color: #5c3b00; border: 2px dotted #b07800; }
.kit-tl-over { background: rgba(220, 40, 40, 0.12); align-self: stretch; }
.kit-tl-mark-duplicate { outline: 3px solid #d62828; outline-offset: 1px; }
.kit-tl-mark-synergy { box-shadow: 0 0 0 3px #f4a300; }
.kit-tl-card[data-beside] { overflow: visible; position: relative; }
.kit-tl-card.kit-tl-carried { position: relative; padding-left: 8px; }
.kit-tl-carried::before { content: ""; position: absolute; left: 0; top: 0; bottom: 0;
  width: 5px; background: #1b1b1b; border-radius: 3px 0 0 3px; }
.kit-tl-outside { position: absolute; left: calc(100% + 0.25em); top: 0; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; color: #222; font-weight: 600; }
""".replace("%d", str(len(WEEKS)))


def _col(week: int) -> int:
    return week - FIRST_WEEK + 2  # column 1 holds the lane names


CHARS_PER_WEEK = 3
"""About how many characters of a title a week's column holds on the board (a week is ~1/35
of the wall's width); a longer title on a short bar is written beside the bar instead."""


def _beside(card: Card, free_until: int) -> float:
    """How wide (in % of the bar) a short bar's title may run to its right, up to the week
    before the next card in its row; 0 when it fits in the bar or there is no room."""
    weeks = card.end_week - card.start_week + 1
    room = free_until - card.end_week
    if len(card.title) <= weeks * CHARS_PER_WEEK or room < 2:
        return 0.0
    return 100.0 * room / weeks


def _stack(cards: list[Card]) -> list[list[Card]]:
    """Greedy interval packing: the fewest rows in which no two cards overlap."""
    rows: list[list[Card]] = []
    for card in sorted(cards, key=lambda c: (c.start_week, c.end_week, c.title)):
        for row in rows:
            if row[-1].end_week < card.start_week:
                row.append(card)
                break
        else:
            rows.append([card])
    return rows


def timeline_html(cards: list[Card], language: str, lanes: str = "category",
                  marks: dict[str, str] | None = None,
                  overload: Sequence[tuple[int, int]] = ()) -> str:
    """The whole timeline as one HTML grid; `marks` maps card id → 'duplicate'/'synergy'."""
    marks = marks or {}
    keys = ([c.value for c in Category] if lanes == "category" else [s.value for s in Sector])
    label = "category" if lanes == "category" else "sector"
    rows = sum(len(_stack([c for c in cards if getattr(c, label).value == key]) or [[]])
               for key in keys)
    parts = [f"<style>{CSS}</style>", f'<div class="kit-tl" style="--kit-tl-rows:{rows + 1}">',
             f'<div class="kit-tl-lane" style="grid-row:1">{esc(t("timeline.week", language))}'
             "</div>"]
    ticks = sorted(TICKS)
    for week, following in zip(ticks, [*ticks[1:], LAST_WEEK + 1], strict=True):
        cls = "kit-tl-tick kit-tl-arrival" if week == 0 else "kit-tl-tick"
        text = t("timeline.arrival", language) if week == 0 else str(week)
        # a tick's label runs up to the next tick ("Ankomst" needs the four weeks it has);
        # the last one stays inside the grid's last column
        parts.append(f'<div class="{cls}" style="grid-row:1;grid-column:{_col(week)}/span '
                     f'{following - week}">{esc(text)}</div>')
    row = 2
    lane_rows = []
    for n, key in enumerate(keys):
        mine = [c for c in cards if getattr(c, label).value == key]
        stacked = _stack(mine) or [[]]
        lane_rows.append((key, row, len(stacked)))
        # A band behind the lane's rows carries its separator (and every other lane's shade),
        # so the line sits where the lane starts, above its first card, not through it.
        odd = " kit-tl-odd" if n % 2 else ""
        parts.append(f'<div class="kit-tl-band{odd}" style="grid-row:{row}/span '
                     f'{len(stacked)};grid-column:2/-1"></div>')
        parts.append(f'<div class="kit-tl-lane{odd}" style="grid-row:{row}/span {len(stacked)}">'
                     f"{esc(t(f'{label}.{key}', language))}</div>")
        for offset, cards_in_row in enumerate(stacked):
            for n_card, c in enumerate(cards_in_row):
                mark = marks.get(c.id)
                cls = f"kit-tl-card {c.sector.value}" + (f" kit-tl-mark-{mark}" if mark else "")
                after = cards_in_row[n_card + 1:]
                beside = _beside(c, after[0].start_week - 1 if after else LAST_WEEK)
                # a short bar's title is written beside it, in the free weeks to its right,
                # rather than cut to "Ind…" inside it (the &nbsp; keeps the bar a line high)
                shown = (f'<span class="kit-tl-outside" style="width:{beside:.0f}%">'
                         f"<bdi>{esc(c.title)}</bdi></span>&nbsp;" if beside else
                         f"<bdi>{esc(c.title)}</bdi>")
                # carried over from the workshop before: a dark edge on the bar's start,
                # which costs the title no room (the line above explains it: "fra sidst")
                if c.carried:
                    cls += " kit-tl-carried"
                parts.append(
                    f'<div class="{cls}"{" data-beside" if beside else ""} '
                    f'data-card="{esc(c.id)}" title="{esc(isolate(c.title))} – '
                    f'{esc(isolate(c.owner))}" dir="auto" '
                    f'style="grid-row:{row + offset};grid-column:'
                    f'{_col(c.start_week)}/{_col(c.end_week) + 1}">{shown}</div>')
        row += len(stacked)
    for start, end in overload:
        parts.append(f'<div class="kit-tl-over" style="grid-row:2/{row};grid-column:'
                     f'{_col(start)}/{_col(end) + 1}"></div>')
    parts.append("</div>")
    return "".join(parts)


SINCE_SHOWN = ("offers_new", "offers_carried", "offers_ended", "actors_new",
               "groups_continued", "groups_ended")
"""The counts the board shows of what changed since last time (`Changes` fields)."""


def since_html(changes: Changes | None, language: str) -> str:
    """One compact line of what changed since the partnership's workshop before ("" for
    its first): counts only, the names are in the report."""
    if changes is None:
        return ""
    # the carried offers' count wears the mark their bars wear: the line is its legend
    items = " ".join(f'<span data-since="{name}">'
                    f'{KEY if name == "offers_carried" else ""}'
                    f'{esc(t(f"carry.{name}", language))}: '
                    f"{len(getattr(changes, name))}</span>" for name in SINCE_SHOWN)
    return (f"<style>{SINCE_CSS}</style>"
            f'<p class="kit-tl-since"><b>{esc(t("carry.heading", language))}</b> '
            f"{items}</p>")


KEY = '<span class="kit-tl-from"></span>'
SINCE_CSS = """
.kit-tl-since { margin: 0; font-size: 0.92em; line-height: 1.25; }
.kit-tl-since b { margin-right: 0.3em; }
.kit-tl-since span[data-since] { white-space: nowrap; margin-right: 0.6em; }
.kit-tl-from { display: inline-block; position: relative; width: 1.1em; height: 0.9em;
  margin-right: 0.3em; vertical-align: -0.05em; border: 1px solid #777; border-radius: 3px;
  background: #fff; }
.kit-tl-from::before { content: ""; position: absolute; left: 0; top: 0; bottom: 0;
  width: 5px; background: #1b1b1b; border-radius: 3px 0 0 3px; }
"""
