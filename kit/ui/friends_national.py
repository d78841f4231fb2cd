"""The friend programme's national view in the console (issue 28): per municipality the
households waiting, the places free with volunteers, the active friendships and the longest
wait as a compact table next to the map of Denmark (one mark per municipality sized by the
gap), the campaign target in a sentence, and a filter to one organisation's volunteers.

Folded inside the friends panel, computed only when opened. Counts only, never a name: it
reads the analysts' tables (`FriendsStore.frames`, no names) and the volunteers'
organisations; nothing here writes SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w
import pandas as pd

from kit.i18n import number, t
from kit.ui.console import Fold
from kit.ui.parts import esc, set_html_text

if TYPE_CHECKING:
    from kit.steps.friends.store import FriendsStore

COLUMNS = (("waiting", "friends.gap.waiting"), ("places", "friends.gap.places"),
           ("active", "friends.gap.active"), ("unmatched", "friends.gap.unmatched"),
           ("longest_wait_days", "friends.gap.longest"))
MAP_WIDTH = 470   # the map and the table side by side within 1440 px


def gap_table(gap: pd.DataFrame, language: str) -> str:
    """The municipalities with anyone signed up or a friendship going, as a compact table
    with a total row; the map shows all 98."""
    L = language
    cells = [c for c, _ in COLUMNS]
    shown = gap[(gap[["waiting", "places", "active"]] > 0).any(axis=1)]
    if shown.empty:
        return f'<p class="kit-muted">{esc(t("friends.national.empty", L))}</p>'
    head = "".join(f'<th scope="col">{esc(t(key, L))}</th>' for _, key in COLUMNS)
    rows = "".join(
        f'<tr><th scope="row"><bdi>{esc(place)}</bdi></th>'
        + "".join(f"<td>{number(int(row[c]), L)}</td>" for c in cells) + "</tr>"
        for place, (_, row) in zip(shown["municipality"], shown.iterrows(), strict=True))
    total = {c: int(shown[c].sum()) for c in cells}
    total["longest_wait_days"] = int(shown["longest_wait_days"].max())
    foot = "".join(f"<td>{number(total[c], L)}</td>" for c in cells)
    return (
        '<div class="kit-friends-gap-wrap" style="max-height:26rem;overflow-y:auto">'
        '<table class="kit-friends-gap" style="border-collapse:collapse;font-size:.9rem">'
        f'<thead><tr><th scope="col">{esc(t("friends.gap.municipality", L))}</th>{head}'
        f'</tr></thead><tbody>{rows}</tbody><tfoot><tr><th scope="row">'
        f'{esc(t("friends.national.total", L))}</th>{foot}</tr></tfoot></table></div>')


STYLE = (
    "<style>.kit-friends-gap th,.kit-friends-gap td{padding:.2rem .5rem;"
    "border-bottom:1px solid #ddd;text-align:end;vertical-align:bottom}"
    ".kit-friends-gap th[scope=row],.kit-friends-gap thead th:first-child{text-align:start}"
    ".kit-friends-gap thead th{font-weight:600;font-size:.8rem;max-width:7rem;"
    "position:sticky;top:0;background:#fff}"
    ".kit-friends-gap tfoot th,.kit-friends-gap tfoot td{font-weight:600;"
    "border-top:2px solid #888}"
    ".kit-friends-campaign{font-size:1.05rem;margin:.3rem 0 .6rem}</style>")


class NationalView:
    """The gap per municipality, the map and the campaign, all organisations or one."""

    def __init__(self, friends: Callable[[], FriendsStore]) -> None:
        self.friends = friends
        self.language = "da"
        self.organisation = w.Dropdown(options=[("", "")], value="",
                                       style={"description_width": "initial"},
                                       layout=w.Layout(width="auto"))
        self.organisation.add_class("kit-friends-organisation")
        self.privacy = w.HTML()
        self.campaign = w.HTML()
        self.map = w.HTML(layout=w.Layout(flex="0 0 auto"))
        self.table = w.HTML(layout=w.Layout(flex="1 1 auto", min_width="0"))
        self._quiet = False
        self.fold = Fold([
            w.HBox([self.organisation, self.privacy], layout=w.Layout(align_items="center",
                                                                    flex_flow="row wrap")),
            self.campaign,
            w.HBox([self.map, self.table], layout=w.Layout(align_items="flex-start",
                                                           gap="1.5rem"))])
        self.root = self.fold.root
        self.root.add_class("kit-friends-national")
        self.fold.toggle.observe(lambda c: self.render(self.language) if c["new"] else None,
                                 "value")
        self.organisation.observe(lambda _: None if self._quiet else self._draw(), "value")

    def render(self, language: str) -> None:
        """The fold's label always; the figures when it is open."""
        self.language = language
        self.fold.render(t("friends.national.title", language))
        if self.fold.toggle.value:
            self._draw()

    def _draw(self) -> None:
        L = self.language
        friends = self.friends()
        organisations = {v.id: v.organisation for v in friends.volunteers()}
        chosen = str(self.organisation.value or "")
        names = sorted(set(organisations.values()))
        self._quiet = True   # new options are not a choice of the tovholder's
        try:
            self.organisation.description = t("friends.national.organisation", L)
            self.organisation.options = [(t("friends.national.all", L), ""),
                                         *((n, n) for n in names)]
            self.organisation.value = chosen if chosen in names else ""
        finally:
            self._quiet = False
        from kit.steps.friends.map import map_svg
        from kit.steps.friends.national import national

        found = national(friends.frames(), organisations, self.organisation.value or None,
                         dt.date.today(), L)
        set_html_text(self.privacy, t("friends.national.counts_only", L), "kit-muted")
        set_html_text(self.campaign, found.text, "kit-friends-campaign", "p")
        self.map.value = map_svg(found.gap, L, width=MAP_WIDTH)
        self.table.value = STYLE + gap_table(found.gap, L)
