"""The partnership's needs rounds in the facilitator app (issue 27): which round is open,
opening one by name and closing it, any round set against any earlier one (the refugees'
own answers, with staff and volunteers counted apart), and every round at a glance.

The rounds are the partnership's: this panel shows the answers of all its workshops and of
its standalone page, whichever workshop the console has open. Only the coordinator may open
or close a round; a facilitator's workshop handle carries that right (`workshop.partnership`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import date, number, t
from kit.steps.needs.logic import RoundNeeds, counts_text, round_name
from kit.ui.parts import esc, guarded, html_text, set_html_text, set_options

if TYPE_CHECKING:
    from kit.workshop import Workshop


def _day(when: float | None, language: str) -> str:
    return "" if not when else date(dt.date.fromtimestamp(when), language)


class RoundsTools:
    """Open and close the partnership's needs rounds, and compare two of them."""

    def __init__(self, workshop_getter: Callable[[], Workshop], after: Callable[[], None]) -> None:
        self._w, self.after = workshop_getter, after
        self.language = "da"
        self.title = w.HTML()
        self.status = html_text("", "kit-muted")
        self.label = w.Text(layout=w.Layout(width="16rem"))
        self.open_button = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.close_button = w.Button(layout=w.Layout(width="auto"))
        self.hint = html_text("", "kit-muted")
        self.message = html_text("", "kit-error")
        self.pick = w.Dropdown(options=[], layout=w.Layout(width="auto"),
                               style={"description_width": "initial"})
        self.against = w.Dropdown(options=[], layout=w.Layout(width="auto"))
        self.against_label = w.HTML()
        self.result = w.HTML()
        self.overview = w.HTML()
        self.open_button.on_click(lambda _: self._act(self._open))
        self.close_button.on_click(lambda _: self._act(
            lambda: self._w().partnership.close_needs_round()))
        # a pick is only a view: redrawn at once, with no store write
        self.pick.observe(lambda _: self._draw_choice(), "value")
        self.against.observe(lambda _: self._draw_choice(), "value")
        controls = w.HBox([self.label, self.open_button, self.close_button],
                          layout=w.Layout(flex_flow="row wrap", align_items="center"))
        chooser = w.HBox([self.pick, self.against_label, self.against],
                         layout=w.Layout(flex_flow="row wrap", align_items="center"))
        self.root = w.VBox([self.title, self.status, controls, self.hint, self.message,
                            self.overview, chooser, self.result])
        self.root.add_class("kit-needs-rounds")
        self._found: list[RoundNeeds] = []
        self._drawing = False

    def _act(self, action: Callable[[], object]) -> None:
        if guarded(action, self.message, self.language):
            self.label.value = ""
            self.after()

    def _open(self) -> None:
        self._w().partnership.open_needs_round(self.label.value)

    def render(self, language: str) -> None:
        self.language = L = language
        partnership = self._w().partnership
        found = partnership.needs_comparison()
        self._found = found
        self.title.value = f"<h3>{esc(t('rounds.title', L))}</h3>"
        current = next((r.round for r in found if r.round.open), None)
        set_html_text(self.status, t("rounds.open_now", L, label=round_name(current.label, L),
                                     date=_day(current.opened_at, L))
                      if current else t("rounds.none_open", L), "kit-muted")
        self.label.placeholder = t("rounds.placeholder", L)
        self.label.description = t("rounds.new_label", L)
        self.label.style.description_width = "initial"
        self.open_button.description = t("rounds.open", L)
        self.close_button.description = t("rounds.close", L)
        self.close_button.layout.display = None if current else "none"
        set_html_text(self.hint, t("rounds.open_hint", L), "kit-muted")
        self.against_label.value = f"<span>{esc(t('rounds.against', L))}</span>"
        self.overview.value = self._overview_html(found, L)
        held = [r.round.label for r in found if r.respondents]
        self._drawing = True
        try:
            names = [(round_name(x, L), x) for x in held]
            self.pick.description = t("rounds.compare", L)
            set_options(self.pick, names, names[-1][1] if names else None)
            self._set_against(L)
        finally:
            self._drawing = False
        self._draw_choice()

    def _set_against(self, language: str) -> None:
        """The rounds before the picked one, the latest first; none to compare with."""
        held = [r.round.label for r in self._found if r.respondents]
        earlier = held[:held.index(self.pick.value)] if self.pick.value in held else []
        options = [(round_name(x, language), x) for x in reversed(earlier)]
        options.append((t("rounds.nothing_before", language), ""))
        set_options(self.against, options, options[0][1])

    def _draw_choice(self) -> None:
        from kit.steps.needs.views import needs_table_html

        if self._drawing:
            return
        L = self.language
        by_label = {r.round.label: r for r in self._found}
        picked = by_label.get(str(self.pick.value or ""))
        if picked is None:
            self.result.value = f"<p>{esc(t('needs.no_answers', L))}</p>"
            return
        self._drawing = True
        try:  # only rounds before the picked one to compare with; a valid choice is kept
            self._set_against(L)
        finally:
            self._drawing = False
        other = by_label.get(str(self.against.value or ""))
        # the change column: the picked round against `other`, any earlier round
        table = needs_table_html(list(picked.areas), list(other.areas) if other else None,
                                 picked.respondents, L, title=counts_text(picked, L),
                                 since=round_name(other.round.label, L) if other else None)
        staff = picked.staff + picked.volunteers
        others = (f'<details><summary>{esc(t("rounds.others", L))} ({number(staff, L)})'
                  f"</summary>" + needs_table_html(list(picked.others), None, staff, L)
                  + "</details>") if staff else ""
        self.result.value = (table + f'<p class="kit-muted">{esc(t("rounds.refugees_only", L))}'
                             f"</p>" + others)

    @staticmethod
    def _overview_html(found: list[RoundNeeds], language: str) -> str:
        """Every round at a glance: when it ran and who answered."""
        L = language
        if not found:
            return ""
        keys = ("rounds.head.round", "rounds.head.opened", "rounds.head.closed",
                "rounds.head.refugees", "rounds.head.staff", "rounds.head.volunteers")
        head = "".join(f"<th>{esc(t(k, L))}</th>" for k in keys)
        rows = "".join(
            f"<tr><td><bdi>{esc(round_name(r.round.label, L))}</bdi></td>"
            f"<td>{esc(_day(r.round.opened_at, L))}</td>"
            f"<td>{esc(t('rounds.still_open', L) if r.round.open else _day(r.round.closed_at, L))}"
            f"</td><td>{number(r.refugees + r.unsaid, L)}</td><td>{number(r.staff, L)}</td>"
            f"<td>{number(r.volunteers, L)}</td></tr>" for r in found)
        return f'<table class="kit-table kit-rounds"><tr>{head}</tr>{rows}</table>'
