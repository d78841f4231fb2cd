"""The vote on screen: dots on the phone, the count and results on the board, and the
facilitator's controls (rules, open/close/reveal, the discussion of the guiding questions,
chosen themes).

Nothing here imports pandas: the phone only shows dots, and the results on the board (and
in the facilitator app) are counted by `tally_rows` in pure Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

import ipywidgets as w

from kit.core.model import WorkshopState
from kit.i18n import number, t
from kit.ui.areas import title_html
from kit.ui.parts import (
    Fields,
    Rows,
    esc,
    guarded,
    html_text,
    set_html_text,
    set_options,
)

if TYPE_CHECKING:
    from kit.model import Theme
    from kit.workshop import Workshop

RANKINGS: tuple[tuple[Literal["none", "sector"], str], ...] = (("none", "vote.raw"),
                                                                ("sector", "vote.balanced"))
"""The two rankings on the board, side by side: the weighting and its heading."""

DISCUSSION = ("needs", "use_each_other", "team")
"""The fields of a theme's discussion, one per guiding question (`vote.<field>` in the
catalog asks it)."""


class VoteView:
    """A participant's dots: + and − per candidate theme, and what is left of the budget."""

    def __init__(self, on_vote: Callable[[str, int], None]) -> None:
        self.on_vote = on_vote
        self.language = "da"
        self.left = html_text("", "kit-big")
        self.message = html_text("", "kit-error")
        self.rows = w.VBox()
        self.themes: Rows[str, _DotRow] = Rows(self.rows, lambda key: _DotRow(self, key))
        self.root = w.VBox([self.left, self.rows, self.message])

    def render(self, state: WorkshopState, candidates: list[Theme], mine: dict[str, int],
               language: str, translated: Mapping[tuple[str, str], str] | None = None,
               room_voted: bool = False) -> None:
        """`translated`: the facilitator's translations into `language` ((id, field) → text);
        each theme shows its area's pictogram and name, and its label translated if it can.
        `room_voted`: someone in the room has voted, so a closed vote is over, not yet to come."""
        self.language = L = language
        used = sum(mine.values())
        if not state.voting_open:
            # a phone that gave no dots to a vote now closed is told it is over (it said
            # "opens shortly" once the room had voted: seen in the state walk)
            key = ("vote.closed" if used or state.revealed else
                   "vote.over" if room_voted else "vote.waiting")
            set_html_text(self.left, t(key, L), "kit-phase")
            set_html_text(self.message, "", "kit-error")  # no advice for a vote that is over
            self.themes.show((), L)
            return
        budget = state.dots_per_participant
        cap = state.max_dots_per_theme
        set_html_text(self.left, t("vote.left", L, left=budget - used, budget=budget,
                                   count=budget), "kit-big")
        self.themes.show(((th.id, (title_html(th.label, th.area, L, translated, th.id),
                                   mine.get(th.id, 0), used < budget and
                                   (cap is None or mine.get(th.id, 0) < cap)))
                          for th in candidates), L)

    def vote(self, theme_id: str, change: int) -> None:
        """A tap on + or −; what went wrong is said under the theme that was tapped."""
        for key, other in self.themes.rows.items():
            if key != theme_id:
                set_html_text(other.message, "", "kit-error")
        row = self.themes.rows.get(theme_id)
        guarded(lambda: self.on_vote(theme_id, change),
                row.message if row is not None else self.message, self.language)


class _DotRow:
    """One candidate theme on the phone: its label, the participant's dots on it, + and −;
    + is disabled when no dot is left (or the theme's cap is reached), − when none is here."""

    def __init__(self, view: VoteView, theme_id: str) -> None:
        self.label = html_text("", "kit-phase")
        self.dots = html_text("", "kit-muted")
        self.add = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.remove = w.Button(layout=w.Layout(width="auto"))
        self.message = html_text("", "kit-error")
        self.add.on_click(lambda _: view.vote(theme_id, 1))
        self.remove.on_click(lambda _: view.vote(theme_id, -1))
        self.root = w.VBox([self.label, self.dots, w.HBox([self.add, self.remove]),
                            self.message])
        self.root.add_class("kit-theme-box")

    def update(self, data: tuple[str, int, bool], language: str) -> None:
        title, dots, can_add = data
        self.label.value = f'<div class="kit-theme-label">{title}</div>'  # built of escaped parts
        set_html_text(self.dots,
                      "●" * dots + "  " + t("vote.mine", language, dots=dots, count=dots),
                      "kit-muted")
        self.add.description = t("vote.add", language)
        self.remove.description = t("vote.remove", language)
        self.add.disabled = not can_add
        self.remove.disabled = dots == 0


def discussion_items(theme: Theme, language: str) -> str:
    """A theme's answers to the guiding questions as list items (the empty ones left out)."""
    return "".join(f"<li><b>{esc(t(f'vote.{g}', language))}</b> "
                   f"<span dir=\"auto\">{esc(getattr(theme, g))}</span></li>"
                   for g in DISCUSSION if getattr(theme, g))


def discussion_html(candidates: list[Theme], language: str) -> str:
    """The discussion (the room's answers to the three guiding questions), per candidate
    theme."""
    out = []
    for th in candidates:
        items = discussion_items(th, language)  # no empty list under a theme not yet discussed
        out.append(f'<div class="kit-theme-box"><h3>{title_html(th.label, th.area, language)}'
                   f'</h3>{f"<ul>{items}</ul>" if items else ""}</div>')
    return '<div class="kit-discussion kit-pages">' + "".join(out) + "</div>"


def results_html(workshop: Workshop, language: str) -> str:
    """Raw and sector-balanced rankings side by side, with bars and dots per sector. Every
    candidate theme is listed, one without dots too (at the bottom, with 0); scores are in
    the viewer's number format (the balanced one with one decimal)."""
    from kit.steps.voting.logic import SECTORS

    themes = workshop.ideas.themes()
    labels = {th.id: title_html(th.label, th.area, language) for th in themes}
    ranked = workshop.voting.rankings()
    parts = []
    for weighting, title in RANKINGS:
        result = ranked[weighting]
        top = max((r["score"] for r in result), default=0)
        decimals = 1 if weighting == "sector" else 0
        rows = []
        for r in result:
            width = int(100 * r["score"] / top) if top else 0
            per_sector = " · ".join(f"{esc(t(f'sector.{s}', language))} {r[s]}"
                                    for s in SECTORS)
            rows.append(
                f'<tr><td>{r["rank"]}.</td><td>'
                f'{labels.get(r["theme_id"]) or esc(r["theme_id"])}</td>'
                f'<td class="kit-bar-cell"><div class="kit-bar" style="width:{width}%"></div>'
                f'<span class="kit-score">{esc(number(r["score"], language, decimals))}'
                f'</span></td><td class="kit-muted">{per_sector}</td></tr>')
        parts.append(f'<div class="kit-results"><h3>{esc(t(title, language))}</h3>'
                     f'<table class="kit-table">{"".join(rows)}</table></div>')
    return '<div class="kit-results-pair">' + "".join(parts) + "</div>"


class VotingTools:
    """The facilitator's vote panel: three forms (rules, one theme's discussion, the chosen
    themes), each kept as typed until saved, whatever the room does meanwhile."""

    def __init__(self, workshop_getter: Callable[[], Workshop],
                 after: Callable[[], None]) -> None:
        self._w = workshop_getter
        self.after = after
        self.language = "da"
        self.dots = w.BoundedIntText(value=3, min=1, max=50, style={"description_width": "initial"})
        self.cap = w.BoundedIntText(value=0, min=0, max=50, style={"description_width": "initial"})
        self.hidden = w.Checkbox(value=True)
        self.save = w.Button()
        self.open = w.Button(button_style="success")
        self.close = w.Button(button_style="warning")
        self.reveal = w.Button(button_style="info")
        self.message = html_text("", "kit-error")
        self.state_line = html_text("", "kit-state")
        self.theme = w.Dropdown(options=[], style={"description_width": "initial"},
                                layout=w.Layout(width="32rem"))
        self.discussion = {g: w.Textarea(layout=w.Layout(width="100%", height="3.5rem"))
                           for g in DISCUSSION}
        self.discussion_labels = {g: w.Label() for g in DISCUSSION}
        self.save_discussion = w.Button()
        self.results = w.HTML()
        self.choose = w.SelectMultiple(options=[], layout=w.Layout(width="28rem"))
        self.choose_button = w.Button(button_style="primary")
        # why the choice departs from the vote, saved with the choice (issue 30)
        self.reason = w.Textarea(layout=w.Layout(width="28rem", height="3.5rem"))
        self.chosen = html_text("", "kit-muted")
        self.settings = Fields(dots=self.dots, cap=self.cap, hidden=self.hidden)
        self.discussion_fields = Fields(**self.discussion)
        self.choice = Fields(choose=self.choose, reason=self.reason)
        self.root = w.VBox([
            w.HBox([self.dots, self.cap, self.hidden, self.save]),
            w.HBox([self.open, self.close, self.reveal]), self.state_line, self.message,
            self.theme,
            *[x for g in DISCUSSION for x in (self.discussion_labels[g], self.discussion[g])],
            self.save_discussion, self.results, self.choose, self.reason, self.choose_button,
            self.chosen])
        act = self._act
        self.save.on_click(lambda _: act(lambda: self._w().voting.configure_voting(
            int(self.dots.value), int(self.cap.value) or None, bool(self.hidden.value)),
            self.settings))
        self.open.on_click(lambda _: act(lambda: self._w().voting.open_voting()))
        self.close.on_click(lambda _: act(lambda: self._w().voting.close_voting()))
        self.reveal.on_click(lambda _: act(lambda: self._w().voting.reveal()))
        self.save_discussion.on_click(lambda _: act(lambda: self._w().voting.set_discussion(
            self.theme.value, *(self.discussion[g].value for g in DISCUSSION)),
            self.discussion_fields))
        self.choose_button.on_click(lambda _: act(lambda: self._w().voting.choose_themes(
            list(self.choose.value), str(self.reason.value)), self.choice))
        self.theme.observe(lambda _: self._load_discussion(), "value")
        self._themes: list[Theme] = []
        self._rendering = False

    def _act(self, action: Callable[[], object], saved: Fields | None = None) -> None:
        if guarded(action, self.message, self.language):
            if saved is not None:
                saved.saved()
            self.after()

    def _load_discussion(self) -> None:
        if self._rendering:  # the picker's options are being replaced; its value comes back
            return
        th = next((x for x in self._themes if x.id == self.theme.value), None)
        self.discussion_fields.load({g: getattr(th, g) if th else "" for g in DISCUSSION},
                                    subject=self.theme.value)

    def render(self, state: WorkshopState, themes: list[Theme], language: str) -> None:
        self.language = L = language
        self._themes = themes
        candidates = [th for th in themes if th.selected]
        self.dots.description = t("vote.dots_setting", L)
        self.cap.description = t("vote.cap_setting", L)
        self.hidden.description = t("vote.hidden_setting", L)
        self.settings.load({"dots": state.dots_per_participant,
                            "cap": state.max_dots_per_theme or 0,
                            "hidden": state.results_hidden})
        for button, key in ((self.save, "vote.save_settings"), (self.open, "vote.open"),
                            (self.close, "vote.close"), (self.reveal, "vote.reveal"),
                            (self.save_discussion, "vote.save_discussion"),
                            (self.choose_button, "vote.choose")):
            button.description = t(key, L)
        self.open.disabled = state.voting_open
        self.close.disabled = not state.voting_open
        workshop = self._w()
        # open or closed in words too (a disabled button alone did not say which), and how
        # many have voted, as the board shows it
        set_html_text(self.state_line, " · ".join((
            t("vote.state_open" if state.voting_open else "vote.state_closed", L),
            t("vote.voted", L, voters=workshop.voting.voters(),
              participants=len(workshop.participants())))), "kit-state")
        self.theme.description = t("vote.discussion_for", L)
        self._rendering = True
        try:
            # the first theme when none is picked yet: an empty picker looked like nothing
            # to write notes on
            set_options(self.theme, [(th.label, th.id) for th in candidates],
                        fallback=candidates[0].id if candidates else None)
        finally:
            self._rendering = False
        for g in DISCUSSION:
            self.discussion_labels[g].value = t(f"vote.{g}", L)
        self._load_discussion()
        self.results.value = (results_html(workshop, L) if candidates else
                              f"<p>{esc(t('vote.no_candidates', L))}</p>")
        set_options(self.choose, [(th.label, th.id) for th in candidates])
        self.reason.placeholder = t("vote.choice_reason", L)
        self.choice.load({"choose": tuple(th.id for th in candidates if th.chosen),
                          "reason": workshop.voting.choice_reason()})
        chosen = ", ".join(th.label for th in themes if th.chosen)
        set_html_text(self.chosen, t("vote.chosen", L, themes=chosen) if chosen else "",
                      "kit-muted")
