"""The console's partnership line (issue 27): under the workshop's title, which partnership
the workshop is an event in, the link to its public overview (by its public code, which
opens nothing else), and its workshops, each with its date, title and whether it is open.

One line of small text, so the common path of every step stays where it was on a laptop:
the partnership's other workshops (this one is the title line above it), the latest `SHOWN`
as chips, the rest counted and named in the count's tooltip. Markup from snapshots
(`strip_html`), read through the workshop's handle (`workshop_strip_html`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kit.core.model import PartnershipState, PartnershipStatus, Status, WorkshopState
from kit.i18n import date, t
from kit.pages import grouped
from kit.ui.parts import esc

if TYPE_CHECKING:
    from kit.workshop import Workshop

SHOWN = 2
"""How many of the partnership's other workshops get a chip; the rest are counted."""


def _when(value: str, language: str) -> str:
    try:
        return date(dt.date.fromisoformat(value), language, style="short")
    except ValueError:
        return value


def _chip(state: WorkshopState, language: str) -> str:
    """One workshop: its date, title and whether it is open."""
    kind = "closed" if state.status != Status.OPEN else "open"
    return (f'<span role="listitem" class="kit-pws kit-pws-{kind}">'
            f'<bdi>{esc(_when(state.date, language))}</bdi> <b><bdi>{esc(state.title)}</bdi></b>'
            f' <span class="kit-pws-state">{esc(t(f"partnership_strip.{kind}", language))}'
            f'</span></span>')


def strip_html(partnership: PartnershipState, workshops: Sequence[WorkshopState],
               current: str, public_url: str, language: str) -> str:
    """The partnership line: its name, its public overview's link, its other workshops (the
    earliest first, as `Partnership.workshops()` gives them)."""
    L = language
    parts = [f'<span class="kit-pws-label">{esc(t("partnership_strip.label", L))}</span> '
             f'<b><bdi>{esc(partnership.name)}</bdi></b>']
    if partnership.status == PartnershipStatus.ARCHIVED:
        parts.append(f'<span class="kit-pws-archived">'
                     f'{esc(t("partnership_strip.archived", L))}</span>')
    else:
        url = f"{public_url.rstrip('/')}/overview/{partnership.public_code}"
        shown_code = grouped(partnership.public_code)
        parts.append(f'{esc(t("partnership_strip.overview", L))} <a target="_blank" '
                     f'rel="noopener" href="{esc(url)}"><bdi>{esc(shown_code)}</bdi> ↗</a>')
    # this workshop is the line above (title, date, state): the others, the latest of them
    # as chips, the rest counted and named in the count's tooltip
    others = [s for s in workshops if s.id != current]
    shown, rest = others[-SHOWN:], others[:-SHOWN]
    chips = "".join(_chip(s, L) for s in shown)
    if rest:
        names = "; ".join(f"{_when(s.date, L)} {s.title}" for s in rest)
        chips = (f'<span role="listitem" class="kit-pws-more" title="{esc(names)}">'
                 f'{esc(t("partnership_strip.earlier", L, n=len(rest)))}</span>' + chips)
    if not others:
        chips = f'<span class="kit-pws-more">{esc(t("partnership_strip.only", L))}</span>'
    # the chips say what they are (a date, a title, open or closed); their list is named
    # for screen readers only, which keeps the line to one on a 1280 px laptop
    parts.append(f'<span class="kit-pws-list" role="list" aria-label='
                 f'"{esc(t("partnership_strip.workshops", L))}">{chips}</span>')
    return f'<div class="kit-partnership-strip">{" · ".join(parts)}</div>'


def workshop_strip_html(workshop: Workshop, public_url: str, language: str) -> str:
    """The partnership line of the console showing `workshop`."""
    partnership = workshop.partnership
    return strip_html(partnership.state(), partnership.workshops(), workshop.id, public_url,
                      language)
