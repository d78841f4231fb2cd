"""Forming working groups in the facilitator app: sizes, the proposal with its preference
statistics and sector mix, what each rule left unmet and why, moves with their cost, and
confirmation. pandas and SciPy load through `kit.groups` only when the facilitator uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from kit.core.model import Sector, WorkshopState
from kit.i18n import file_name, t
from kit.steps.groups.model import MAX_PREFERENCE, groups_stand
from kit.ui.parts import (
    XLSX,
    Confirm,
    Fields,
    Rebuilt,
    download_link,
    esc,
    guarded,
    html_text,
    set_html_text,
    set_options,
)

if TYPE_CHECKING:
    import pandas as pd

    from kit.workshop import Workshop


from kit.steps.groups.editor import GroupEditor


def _status_key(state: WorkshopState) -> str:
    """What participants see of the groups now, for the facilitator's status line."""
    if state.groups_confirmed:
        return "groups.confirmed"
    return "groups.standing" if groups_stand(state) else "groups.unconfirmed"


def proposal_html(workshop: Workshop, state: WorkshopState, language: str) -> str:
    """The stored groups against the preferences and rules: statistics, mix and what is unmet."""
    from kit.steps.groups.logic import preference_stats, sector_mix

    L = language
    groups = workshop.groups()
    if not groups:
        return f'<p class="kit-muted">{esc(t("groups.none_yet", L))}</p>'
    people = {p.id: p for p in workshop.participants()}
    result = workshop.groups.proposal()
    frame = result.frame
    stats = preference_stats(frame)
    stats.setdefault("refused", 0)
    mix_of = sector_mix(frame).to_dict("index")  # {theme_id: {sector: members}}
    ranks = dict(zip(frame["participant_id"], frame["rank"], strict=True))
    refused = dict(zip(frame["participant_id"], frame["refused"], strict=True))
    parts = [f'<p class="kit-phase">{esc(t("groups.stats", L, **stats))}</p>',
             f'<p class="kit-muted">{esc(t(_status_key(state), L))}</p>',
             '<div class="kit-groups">']
    for g in groups:
        counts = mix_of.get(g.theme_id, {})
        mix_text = " · ".join(f"{t(f'sector.{s.value}', L)} {int(counts.get(s.value, 0))}"
                              for s in Sector)
        rows = []
        for pid in g.members:
            p = people.get(pid)
            if p is None:
                continue
            rank = ranks.get(pid)
            got = (t("groups.refused", L) if refused.get(pid) else
                   t(f"preference.rank_{int(rank)}", L) if rank == rank and rank is not None
                   and 1 <= rank <= MAX_PREFERENCE else t("groups.unranked", L))
            extra = f' ({t("groups.volunteer", L)})' if p.volunteer else ""
            star = "★ " if pid == g.coordinator_id else ""
            rows.append(f'<li class="{p.sector.value}">{star}<bdi>{esc(p.name)}</bdi> – {esc(got)}'
                        f'{esc(extra)}</li>')
        parts.append(f'<div class="kit-theme-box kit-group"><h3 dir="auto">{esc(g.name)}</h3>'
                     f'<p class="kit-muted">{esc(t("groups.members", L, n=len(g.members)))}'
                     f' · {esc(mix_text)}</p><ul>{"".join(rows)}</ul></div>')
    parts.append("</div>")
    parts.append(unmet_html(result.unmet, workshop, state, language))
    return "".join(parts)


def unmet_text(row: Mapping[str, Any], names: dict[str, str], people: dict[str, str],
               n_people: int, n_groups: int, state: WorkshopState, language: str) -> str:
    """One unmet constraint in plain words, from its code and ids (never from `detail`)."""
    person = people.get(str(row.get("participant_id") or ""), "")
    return t(f"unmet.{row['constraint']}", language, group=names.get(row["theme_id"], ""),
             people=n_people, groups=n_groups, min=state.group_min_size,
             max=state.group_max_size, person=person)


def unmet_html(unmet: pd.DataFrame, workshop: Workshop, state: WorkshopState,
               language: str) -> str:
    from kit.steps.groups.logic import UNMET_COLUMNS

    L = language
    if unmet.empty:
        return f'<p class="kit-ok">{esc(t("groups.all_met", L))}</p>'
    names = {g.theme_id: g.name for g in workshop.groups() if g.theme_id is not None}
    names.update({th.id: th.label for th in workshop.ideas.themes() if th.id not in names})
    people = {p.id: p.name for p in workshop.participants()}
    rows = (dict(zip(UNMET_COLUMNS, r, strict=True))
            for r in unmet[UNMET_COLUMNS].itertuples(index=False, name=None))
    items = "".join(
        f'<li>{esc(unmet_text(r, names, people, len(people), len(names), state, L))}</li>'
        for r in rows)
    return (f'<div class="kit-unmet"><b>{esc(t("groups.unmet_title", L))}</b>'
            f'<ul>{items}</ul></div>')


class GroupTools:
    """The facilitator's panel for forming groups and describing each one."""

    def __init__(self, workshop_getter: Callable[[], Workshop],
                 after: Callable[[], None]) -> None:
        self._w = workshop_getter
        self.after = after
        self.language = "da"
        style = {"description_width": "initial"}
        self.preference_givers = html_text("", "kit-big")
        self.group_themes = html_text("", "kit-muted")
        self.min_size = w.BoundedIntText(value=3, min=1, max=500, style=style,
                                         layout=w.Layout(width="14rem"))
        self.max_size = w.BoundedIntText(value=8, min=1, max=500, style=style,
                                         layout=w.Layout(width="14rem"))
        self.save_sizes = w.Button()
        self.form = w.Button(button_style="primary", icon="users")
        # Forming again replaces every hand-made move: asked first once groups exist.
        self.forming = Confirm(self.form, lambda: self._act(self.form_groups, self.sizes),
                               when=lambda: bool(self._w().groups()))
        self.confirm = w.Button(button_style="success", icon="check")
        self.reopen = w.Button(button_style="warning", layout=w.Layout(width="auto"))
        self.message = html_text("", "kit-error")
        self.search_message = html_text("", "kit-muted")
        self.proposal = w.HTML()
        self.xlsx = w.HTML()
        self.move_person = w.Dropdown(options=[], style=style, layout=w.Layout(width="20rem"))
        self.move_to = w.Dropdown(options=[], style=style, layout=w.Layout(width="20rem"))
        self.move = w.Button()
        self.move_effect = w.HTML()
        self.editor = GroupEditor(workshop_getter, after)
        self.sizes = Fields(min_size=self.min_size, max_size=self.max_size)
        self.root = w.VBox([
            self.preference_givers, self.group_themes,
            w.HBox([self.min_size, self.max_size, self.save_sizes]),
            w.HBox([self.form, self.confirm, self.reopen]), self.forming.ask, self.message,
            self.search_message,
            self.proposal,
            w.HBox([self.move_person, self.move_to, self.move]), self.move_effect, self.xlsx,
            self.editor.root])
        act = self._act
        self.save_sizes.on_click(lambda _: act(lambda: self._w().groups.configure_groups(
            int(self.min_size.value), int(self.max_size.value)), self.sizes))
        self.confirm.on_click(lambda _: act(lambda: self._w().groups.confirm_groups(True)))
        self.reopen.on_click(lambda _: act(lambda: self._w().groups.confirm_groups(False)))
        self.move.on_click(lambda _: act(lambda: self._w().groups.move_member(
            self.move_person.value, self.move_to.value)))
        for box in (self.move_person, self.move_to):
            box.observe(lambda _: self.show_move_effect(), "value")
        self._rendering = False
        self._xlsx = Rebuilt()

    def _act(self, action: Callable[[], object], saved: Fields | None = None) -> None:
        if guarded(action, self.message, self.language):
            if saved is not None:
                saved.saved()
            self.after()

    def form_groups(self) -> None:
        workshop = self._w()
        # Sizes typed but not saved are what the facilitator means.
        workshop.groups.configure_groups(int(self.min_size.value), int(self.max_size.value))
        set_html_text(self.search_message, "", "kit-muted")
        found = workshop.groups.form_groups()
        # e.g. the search stopped at its time limit: the facilitator hears it with the groups
        set_html_text(self.search_message, " ".join(t(f.key, self.language, **f.params)
                                                 for f in found.findings), "kit-muted")

    def show_move_effect(self) -> None:
        """What the picked move would cost, before anyone presses "move"."""
        if self._rendering or not self.move_person.value or not self.move_to.value:
            self.move_effect.value = ""
            return
        from kit.steps.groups.logic import move_effect

        L = self.language
        workshop = self._w()
        state = workshop.state()
        people, preferences, membership, themes = workshop.groups.grouping_inputs()
        groups = {g.id: g for g in workshop.groups()}
        target = groups.get(self.move_to.value)
        if target is None or target.theme_id is None:
            return  # a group carried over is manned by hand, outside the preferences
        effect = move_effect(people, preferences, membership, self.move_person.value,
                             target.theme_id, state.group_min_size, state.group_max_size,
                             themes=themes)

        def preference(rank: int | None) -> str:
            return (t(f"preference.rank_{rank}", L) if rank and 1 <= rank <= MAX_PREFERENCE
                    else t("groups.unranked", L))

        names = {g.theme_id: g.name for g in groups.values() if g.theme_id is not None}
        who = {p.id: p.name for p in workshop.participants()}
        lines = [t("groups.move_effect", L, before=preference(effect.rank_from),
                   after=preference(effect.rank_to), change=f"{effect.rank_change:+d}")]
        for key, rows in (("groups.breaks", effect.added), ("groups.mends", effect.mended)):
            for r in rows:
                lines.append(t(key, L, what=unmet_text(r, names, who, len(who), len(names),
                                                       state, L)))
        self.move_effect.value = "".join(f'<p class="kit-muted">{esc(x)}</p>' for x in lines)

    def render(self, state: WorkshopState, language: str) -> None:
        self.language = L = language
        workshop = self._w()
        people = workshop.participants()
        themes = workshop.groups.group_themes()
        set_html_text(self.preference_givers, t("groups.preference_givers", L,
                                                n=workshop.groups.preference_givers(),
                                                m=len(people)), "kit-big")
        set_html_text(self.group_themes, t("groups.themes", L, themes=", ".join(
            th.label for th in themes)) if themes else t("error.no_group_themes", L),
            "kit-muted")
        self.min_size.description = t("groups.min_size", L)
        self.max_size.description = t("groups.max_size", L)
        self.sizes.load({"min_size": state.group_min_size, "max_size": state.group_max_size})
        for button, key in ((self.save_sizes, "groups.save_sizes"), (self.form, "groups.form"),
                            (self.confirm, "groups.confirm"), (self.reopen, "groups.reopen"),
                            (self.move, "groups.move")):
            button.description = t(key, L)
        self.forming.render(t("groups.form_question", L), t("groups.form_yes", L), L)
        self.confirm.disabled = state.groups_confirmed
        self.reopen.disabled = not state.groups_confirmed
        self.proposal.value = proposal_html(workshop, state, L)
        groups = workshop.groups()
        self._rendering = True
        try:
            set_options(self.move_person, [(p.name, p.id) for p in people])
            set_options(self.move_to, [(g.name, g.id) for g in groups])
            self.move_person.description = t("groups.move_person", L)
            self.move_to.description = t("groups.move_to", L)
        finally:
            self._rendering = False
        self.show_move_effect()
        if groups:
            from kit.reports import groups_workbook

            inputs = (L, tuple(groups), tuple(workshop.groups.actions()), tuple(people),
                      tuple(workshop.prepare.actors()))
            self.xlsx.value = self._xlsx.get(inputs, lambda: download_link(
                groups_workbook(workshop, L), file_name("groups", L, "", "xlsx"),
                XLSX, t("groups.xlsx", L)))
        else:
            self.xlsx.value = ""
        self.editor.render(groups, people, L)
