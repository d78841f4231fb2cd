"""Working groups on screen for the room: preferences and "my group" on the phone, the
groups on the board. The facilitator's tools are in `facilitator.py` (forming the groups) and
`editor.py` (each group's terms, coordinator, invitations, documents and actions).

The phone views import nothing heavy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.core.model import MAX_TITLE, Participant
from kit.i18n import t
from kit.steps.groups.meeting import first_meeting_text
from kit.steps.groups.model import (
    MAX_PREFERENCE,
    Group,
)
from kit.ui.areas import title_html
from kit.ui.parts import (
    Fields,
    esc,
    guarded,
    html_text,
    set_html_text,
    set_options,
    t_html,
)

if TYPE_CHECKING:
    from kit.model import Theme

    pass

NO_PREFERENCE = -1


def preference_options(language: str) -> list[tuple[str, int]]:
    return ([(t("preference.none", language), NO_PREFERENCE)] +
            [(t(f"preference.rank_{r}", language), r) for r in range(1, MAX_PREFERENCE + 1)] +
            [(t("preference.not_this", language), 0)])


# -- the phone ----------------------------------------------------------------------------
class PreferenceView:
    """A participant ranks the group themes (1st, 2nd, 3rd preference, or "not this one") and may
    volunteer as coordinator; `on_save(ranks, volunteer)`."""

    def __init__(self, on_save: Callable[[dict[str, int], bool], None]) -> None:
        self.on_save = on_save
        self.language = "da"
        self.title = html_text("", "kit-phase")
        self.rows = w.VBox()
        self.choices: dict[str, w.Dropdown] = {}
        # A toggle, not a checkbox: a thumb-sized target that shows its state in words.
        self.volunteer = w.ToggleButton(value=False, icon="", layout=w.Layout(width="100%"))
        self.save = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.message = html_text("", "kit-error")
        self.root = w.VBox([self.title, self.rows, self.volunteer, self.save, self.message])
        self.save.on_click(lambda _: self.submit())
        self.volunteer.observe(lambda _: self._volunteer_text(), "value")
        self.form = Fields(volunteer=self.volunteer)
        self._shape: tuple[object, ...] | None = None

    def _volunteer_text(self) -> None:
        """The toggle says its state in words: a tick when on (no icon font needed)."""
        text = t("preference.volunteer", self.language)
        self.volunteer.description = f"✓ {text}" if self.volunteer.value else text

    def ranks(self) -> dict[str, int]:
        return {tid: box.value for tid, box in self.choices.items() if box.value != NO_PREFERENCE}

    def submit(self) -> bool:
        L = self.language
        ok = guarded(lambda: self.on_save(self.ranks(), bool(self.volunteer.value)),
                     self.message, L)
        if ok:
            self.form.saved()
            set_html_text(self.message, t("preference.saved", L), "kit-ok")
        return ok

    def render(self, themes: list[Theme], mine: dict[str, int], volunteer: bool,
               language: str, translated: Mapping[tuple[str, str], str] | None = None) -> None:
        """Draw the choices; a redraw for the same themes and language keeps the widgets,
        and what the participant is picking stays as picked (see `Fields`). Each theme shows
        its area's pictogram and name, and its label translated where the facilitator gave
        a translation into `language` (`translated`: (id, field) → text)."""
        self.language = L = language
        set_html_text(self.title, t("preference.title" if themes else "preference.no_themes", L),
                      "kit-phase")
        self._volunteer_text()
        self.save.description = t("preference.save", L)
        self.save.disabled = not themes
        titles = {th.id: title_html(th.label, th.area, L, translated, th.id) for th in themes}
        shape = (L, tuple(titles.items()))
        if shape != self._shape:  # rows are rebuilt only when the themes or language changed
            self._shape = shape
            options = preference_options(L)
            choices, rows = {}, []
            for th in themes:
                box = self.choices.get(th.id) or w.Dropdown(layout=w.Layout(width="100%"))
                set_options(box, options)
                choices[th.id] = box
                row = w.VBox([w.HTML(f'<div class="kit-label">{titles[th.id]}</div>'), box])
                row.add_class("kit-theme-box")
                rows.append(row)
            self.choices = choices
            self.rows.children = rows
            self.form.use(volunteer=self.volunteer, **choices)
        self.form.load({"volunteer": volunteer,
                        **{tid: mine.get(tid, NO_PREFERENCE) for tid in self.choices}})


def my_group_html(group: Group | None, people: dict[str, Participant], confirmed: bool,
                  language: str, translated: Mapping[tuple[str, str], str] | None = None,
                  theme: Theme | None = None, written_in: str = "da") -> str:
    """What a participant sees once groups are settled: group, its purpose, coordinator,
    first meeting, members; the facilitator's texts translated into `language` where they
    can be (`translated`: (id, field) → text), every piece of user text isolated.

    A group formed from `theme` keeps the theme's label as its name and a purpose the kit
    wrote (in `written_in`, the workshop's language) until someone edits them: while they
    are untouched the phone shows the theme's translated label, and the kit's sentence
    written in the phone's own language."""
    L = language
    given = translated or {}
    mine = {field: text for (item, field), text in given.items()
            if group is not None and item == group.id}
    if not confirmed:
        return f'<p class="kit-muted">{esc(t("mygroup.waiting", L))}</p>'
    if group is None:
        return f'<p>{esc(t("mygroup.none", L))}</p>'
    coordinator = people.get(group.coordinator_id or "")
    name, purpose = mine.get("label") or group.name, mine.get("purpose") or group.purpose
    theme_label = given.get((theme.id, "label")) if theme is not None else None
    if theme is not None and theme_label:
        if "label" not in mine and group.name == theme.label[:MAX_TITLE]:
            name = theme_label
        drafted = t("terms.purpose_draft", written_in, theme=theme.label)
        if "purpose" not in mine and group.purpose.startswith(drafted):
            purpose = (t("terms.purpose_draft", L, theme=theme_label)
                       + group.purpose[len(drafted):])
    lines = [f'<h3 class="kit-mygroup">{t_html("mygroup.title", L, group=name)}</h3>']
    if purpose:
        lines.append(f'<p dir="auto">{esc(purpose)}</p>')
    lines.append(f'<p>{t_html("mygroup.coordinator", L, name=coordinator.name)}</p>'
                 if coordinator else f'<p>{esc(t("mygroup.no_coordinator", L))}</p>')
    if group.first_meeting or group.first_meeting_date:
        # the stored date in digits (phones load no Babel data); an older free text as
        # the facilitator translated it
        when = (first_meeting_text(group, L, phone=True) if group.first_meeting_date else
                mine.get("first_meeting") or group.first_meeting)
        lines.append(f'<p><b>{t_html("mygroup.first_meeting", L, when=when)}</b></p>')
    # one name per chip, each isolated and kept on one line: in a running sentence an
    # Arabic phone broke "Gitte Svendsen" over two lines between Arabic names
    names = "".join(f'<li><bdi>{esc(people[m].name)}</bdi></li>'
                    for m in group.members if m in people)
    lines.append(f'<p class="kit-label">{esc(t("mygroup.members_title", L))}</p>'
                 f'<ul class="kit-members">{names}</ul>')
    return "".join(lines)


# -- the board ----------------------------------------------------------------------------
def groups_board_html(groups: list[Group], people: dict[str, Participant],
                      language: str) -> str:
    """Every group with its members (coordinator first, marked) and first meeting."""
    L = language
    key = (f'<p class="kit-muted">★ = {esc(t("group.coordinator", L))}</p>'
           if any(g.coordinator_id for g in groups) else "")
    out = [f'<h2>{esc(t("board.groups_title", L))}</h2>{key}<div class="kit-groups kit-pages">']
    for g in groups:
        members = sorted((people[m] for m in g.members if m in people),
                         key=lambda p: (p.id != g.coordinator_id, p.name))
        chips = "".join(
            f'<span class="kit-chip {p.sector.value}"><bdi>'
            f'{"★ " if p.id == g.coordinator_id else ""}{esc(p.name)}</bdi></span>'
            for p in members)
        when = first_meeting_text(g, L, phone=True)
        meeting = (f'<p class="kit-muted">{t_html("mygroup.first_meeting", L, when=when)}'
                   f'</p>' if when else "")
        out.append(f'<div class="kit-theme-box kit-group"><h3 dir="auto">{esc(g.name)}</h3>'
                   f'<div class="kit-chips">{chips}</div>{meeting}</div>')
    return "".join(out) + "</div>"
