"""Working groups on screen: preferences and "my group" on the phone, the groups on the board,
and the facilitator's tools (sizes, proposal with preference statistics and sector mix, moves with
their cost, confirmation; per group the coordinator, terms of reference, invitations, Word
and Excel downloads; follow-up actions and status).

The phone views import nothing heavy; the facilitator's tools load pandas and SciPy through
`kit.groups` only when the facilitator uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from kit.core.model import Participant, Sector, WorkshopState
from kit.i18n import t
from kit.steps.groups.model import (
    MAX_PREFERENCE,
    TERMS,
    Action,
    ActionStatus,
    Group,
    GroupStatus,
)
from kit.steps.ideas.model import Theme
from kit.ui._common import (
    XLSX,
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

    from kit.core import Workshop

NO_PREFERENCE = -1
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
        self.form = Fields(volunteer=self.volunteer)
        self._shape: tuple[object, ...] | None = None

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
               language: str) -> None:
        """Draw the choices; a redraw for the same themes and language keeps the widgets,
        and what the participant is picking stays as picked (see `Fields`)."""
        self.language = L = language
        set_html_text(self.title, t("preference.title" if themes else "preference.no_themes", L),
                      "kit-phase")
        self.volunteer.description = t("preference.volunteer", L)
        self.save.description = t("preference.save", L)
        self.save.disabled = not themes
        shape = (L, tuple((th.id, th.label) for th in themes))
        if shape != self._shape:  # rows are rebuilt only when the themes or language changed
            self._shape = shape
            options = preference_options(L)
            choices, rows = {}, []
            for th in themes:
                box = self.choices.get(th.id) or w.Dropdown(layout=w.Layout(width="100%"))
                set_options(box, options)
                choices[th.id] = box
                row = w.VBox([html_text(th.label, "kit-label"), box])
                row.add_class("kit-theme-box")
                rows.append(row)
            self.choices = choices
            self.rows.children = rows
            self.form.use(volunteer=self.volunteer, **choices)
        self.form.load({"volunteer": volunteer,
                        **{tid: mine.get(tid, NO_PREFERENCE) for tid in self.choices}})


def my_group_html(group: Group | None, people: dict[str, Participant], confirmed: bool,
                  language: str) -> str:
    """What a participant sees once groups are settled: group, coordinator, first meeting."""
    L = language
    if not confirmed:
        return f'<p class="kit-muted">{esc(t("mygroup.waiting", L))}</p>'
    if group is None:
        return f'<p>{esc(t("mygroup.none", L))}</p>'
    coordinator = people.get(group.coordinator_id or "")
    lines = [f'<h3 class="kit-mygroup">{esc(t("mygroup.title", L, group=group.name))}</h3>',
             f'<p>{esc(t("mygroup.coordinator", L, name=coordinator.name) if coordinator else t("mygroup.no_coordinator", L))}</p>']  # noqa: E501
    if group.first_meeting:
        lines.append(f'<p><b>{esc(t("mygroup.first_meeting", L, when=group.first_meeting))}'
                     f'</b></p>')
    names = ", ".join(people[m].name for m in group.members if m in people)
    lines.append(f'<p class="kit-muted">{esc(t("mygroup.members", L, names=names))}</p>')
    return "".join(lines)


# -- the board ----------------------------------------------------------------------------
def groups_board_html(groups: list[Group], people: dict[str, Participant],
                      language: str) -> str:
    """Every group with its members (coordinator first, marked) and first meeting."""
    L = language
    out = [f'<h2>{esc(t("board.groups_title", L))}</h2><div class="kit-groups kit-pages">']
    for g in groups:
        members = sorted((people[m] for m in g.members if m in people),
                         key=lambda p: (p.id != g.coordinator_id, p.name))
        chips = "".join(
            f'<span class="kit-chip {p.sector.value}"><bdi>'
            f'{"★ " if p.id == g.coordinator_id else ""}{esc(p.name)}</bdi></span>'
            for p in members)
        meeting = (f'<p class="kit-muted">{esc(t("mygroup.first_meeting", L, when=g.first_meeting))}'  # noqa: E501
                   f'</p>' if g.first_meeting else "")
        out.append(f'<div class="kit-theme-box kit-group"><h3 dir="auto">{esc(g.name)}</h3>'
                   f'<div class="kit-chips">{chips}</div>{meeting}</div>')
    return "".join(out) + "</div>"


# -- the facilitator ----------------------------------------------------------------------
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
             f'<p class="kit-muted">{esc(t("groups.confirmed" if state.groups_confirmed else "groups.unconfirmed", L))}</p>',  # noqa: E501
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
            rows.append(f'<li class="{p.sector.value}">{star}{esc(p.name)} – {esc(got)}'
                        f'{esc(extra)}</li>')
        parts.append(f'<div class="kit-theme-box kit-group"><h3>{esc(g.name)}</h3>'
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
    names = {g.theme_id: g.name for g in workshop.groups()}
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
            w.HBox([self.form, self.confirm, self.reopen]), self.message, self.search_message,
            self.proposal,
            w.HBox([self.move_person, self.move_to, self.move]), self.move_effect, self.xlsx,
            self.editor.root])
        act = self._act
        self.save_sizes.on_click(lambda _: act(lambda: self._w().groups.configure_groups(
            int(self.min_size.value), int(self.max_size.value)), self.sizes))
        self.form.on_click(lambda _: act(self.form_groups, self.sizes))
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
        if target is None:
            return
        effect = move_effect(people, preferences, membership, self.move_person.value,
                             target.theme_id, state.group_min_size, state.group_max_size,
                             themes=themes)

        def preference(rank: int | None) -> str:
            return (t(f"preference.rank_{rank}", L) if rank and 1 <= rank <= MAX_PREFERENCE
                    else t("groups.unranked", L))

        names = {g.theme_id: g.name for g in groups.values()}
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
                groups_workbook(workshop, L), "arbejdsgrupper.xlsx", XLSX, t("groups.xlsx", L)))
        else:
            self.xlsx.value = ""
        self.editor.render(groups, people, L)


class GroupEditor:
    """One group at a time: coordinator, terms of reference, first meeting, status, actors to
    invite (with what the group lacks), its Word document, and follow-up actions."""

    def __init__(self, workshop_getter: Callable[[], Workshop],
                 after: Callable[[], None]) -> None:
        self._w = workshop_getter
        self.after = after
        self.language = "da"
        wide = w.Layout(width="100%")
        self.pick = w.Dropdown(options=[], layout=w.Layout(width="24rem"))
        self.name = w.Text(layout=wide)
        self.coordinator = w.Dropdown(options=[], layout=w.Layout(width="24rem"))
        self.terms = {f: w.Textarea(layout=w.Layout(width="100%", height="4.5rem"))
                      for f in TERMS if f != "meeting_frequency"}
        self.meeting_frequency = w.Text(layout=wide)
        self.first_meeting = w.Text(layout=wide)
        self.status = w.Dropdown(options=[])
        self.labels = {k: w.Label() for k in ("group.name", "group.coordinator",
                                              *(f"terms.{f}" for f in TERMS),
                                              "group.first_meeting", "group.status",
                                              "group.invite", "doc.actions")}
        self.save = w.Button(button_style="primary")
        self.lacks = html_text("", "kit-muted")
        self.invite = w.SelectMultiple(options=[], layout=w.Layout(width="100%", height="8rem"))
        self.save_invites = w.Button()
        self.docx = w.HTML()
        self.message = html_text("", "kit-error")
        self.action_pick = w.Dropdown(options=[], layout=w.Layout(width="24rem"))
        self.action_title = w.Text(layout=wide)
        self.action_owner = w.Text()
        self.action_due = w.DatePicker()
        self.action_status = w.Dropdown(options=[])
        self.action_save = w.Button(button_style="primary")
        self.action_delete = w.Button(button_style="danger")
        self.actions = w.HTML()
        lb = self.labels
        self.body = w.VBox([
            lb["group.name"], self.name, lb["group.coordinator"], self.coordinator,
            *[x for f in TERMS for x in (lb[f"terms.{f}"],
                                          self.terms.get(f, self.meeting_frequency))],
            lb["group.first_meeting"], self.first_meeting, lb["group.status"], self.status,
            self.save, self.docx, lb["group.invite"], self.lacks, self.invite,
            self.save_invites, lb["doc.actions"], self.actions, self.action_pick,
            self.action_title, self.action_owner, self.action_due, self.action_status,
            w.HBox([self.action_save, self.action_delete])])
        self.root = w.VBox([self.pick, self.message, self.body])
        self.root.add_class("kit-group-editor")
        # Three forms, each saved on its own: the group, its invitations, one action.
        self.group_form = Fields(name=self.name, coordinator=self.coordinator, **self.terms,
                                 meeting_frequency=self.meeting_frequency,
                                 first_meeting=self.first_meeting, status=self.status)
        self.invites = Fields(invite=self.invite)
        self.action_form = Fields(title=self.action_title, owner=self.action_owner,
                                  due=self.action_due, status=self.action_status)
        self.pick.observe(lambda _: self._load(), "value")
        self.action_pick.observe(lambda _: self._load_action(), "value")
        self.save.on_click(lambda _: self._act(self.save_group, self.group_form))
        self.save_invites.on_click(lambda _: self._act(lambda: self._w().groups.invite(
            self.pick.value, list(self.invite.value)), self.invites))
        self.action_save.on_click(lambda _: self._act(self.save_action))
        self.action_delete.on_click(lambda _: self._act(lambda: self._w().groups.delete_action(
            self.action_pick.value)) if self.action_pick.value else None)
        self._groups: list[Group] = []
        self._people: list[Participant] = []
        self._actions: dict[str, Action] = {}
        self._loading = False
        self._docx = Rebuilt()

    def _act(self, action: Callable[[], object], saved: Fields | None = None) -> None:
        if guarded(action, self.message, self.language):
            if saved is not None:
                saved.saved()
            set_html_text(self.message, t("group.saved", self.language), "kit-ok")
            self.after()

    @property
    def group(self) -> Group | None:
        return next((g for g in self._groups if g.id == self.pick.value), None)

    def save_group(self) -> None:
        g = self.group
        if g is None:
            return
        workshop = self._w()
        fields = {f: box.value for f, box in self.terms.items()}
        workshop.groups.update_group(g.id, name=self.name.value, status=self.status.value,
                              meeting_frequency=self.meeting_frequency.value,
                              first_meeting=self.first_meeting.value, **fields)
        workshop.groups.set_coordinator(g.id, self.coordinator.value or None)

    def save_action(self) -> None:
        g = self.group
        if g is None:
            return
        due = self.action_due.value.isoformat() if self.action_due.value else ""
        if self.action_pick.value:
            self._w().groups.update_action(self.action_pick.value, title=self.action_title.value,
                                    owner=self.action_owner.value, due=due,
                                    status=self.action_status.value)
        else:
            self._w().groups.add_action(g.id, self.action_title.value, self.action_owner.value,
                                 due or None, self.action_status.value)
        self.action_form.saved()
        self._actions = {x.id: x for x in self._w().groups.actions(g.id)}
        self._load_action()  # the stored action, or an empty form for the next one

    def render(self, groups: list[Group], people: list[Participant], language: str) -> None:
        self.language = L = language
        self._groups, self._people = groups, people
        for key, label in self.labels.items():
            label.value = t(key, L)
        self.save.description = t("group.save", L)
        self.save_invites.description = t("group.invite_save", L)
        self.action_save.description = t("action.save", L)
        self.action_delete.description = t("action.delete", L)
        self.action_title.placeholder = t("action.title", L)
        self.action_owner.placeholder = t("action.owner", L)
        self.action_owner.description = t("action.owner", L)
        self.action_due.description = t("action.due", L)
        self.action_status.description = t("action.status", L)
        self.first_meeting.placeholder = t("group.first_meeting_placeholder", L)
        self.root.layout.display = None if groups else "none"
        self._loading = True
        try:
            self.pick.description = t("group.pick", L)
            set_options(self.pick, [(g.name, g.id) for g in groups],
                        fallback=groups[0].id if groups else None)
        finally:
            self._loading = False
        self._load()

    def _load(self) -> None:
        """Show the picked group; its forms keep what is being typed (see `Fields`)."""
        if self._loading:
            return
        g, L = self.group, self.language
        if g is None:
            return
        workshop = self._w()
        people = {p.id: p for p in self._people}
        members = sorted((people[m] for m in g.members if m in people),
                         key=lambda p: (not p.volunteer, p.name))
        self._load_fields(g, members)
        self._load_invites(g, members)
        from kit.steps.groups.report import group_document, safe_filename

        actions = workshop.groups.actions(g.id)
        state = workshop.state()
        inputs = (L, g, tuple(actions), tuple(self._people), tuple(workshop.prepare.actors()),
                  state.title, state.municipality, state.date)
        self.docx.value = self._docx.get(inputs, lambda: download_link(
            group_document(workshop, g.id, L), f"kommissorium-{safe_filename(g.name)}.docx",
            DOCX, t("group.docx", L)))
        self.actions.value = ("<ul>" + "".join(
            f'<li>{esc(x.title)} – {esc(x.owner)} – {esc(x.due or "")} – '
            f'{esc(t(f"action_status.{x.status.value}", L))}</li>' for x in actions) + "</ul>"
            if actions else f'<p class="kit-muted">{esc(t("action.none", L))}</p>')
        self._actions = {x.id: x for x in actions}
        self._loading = True
        try:
            set_options(self.action_status, [(t(f"action_status.{s.value}", L), s.value)
                                             for s in ActionStatus])
            set_options(self.action_pick, [(t("action.new", L), "")] + [
                (x.title, x.id) for x in actions], fallback="")
        finally:
            self._loading = False
        self._load_action()

    def _load_fields(self, g: Group, members: list[Participant]) -> None:
        L = self.language
        set_options(self.status, [(t(f"group_status.{s.value}", L), s.value)
                                  for s in GroupStatus])
        set_options(self.coordinator, [(t("group.no_coordinator", L), "")] + [
            (p.name + (f" ({t('groups.volunteer', L)})" if p.volunteer else ""), p.id)
            for p in members], fallback="")
        self.group_form.load({
            "name": g.name, **{f: getattr(g, f) for f in self.terms},
            "meeting_frequency": g.meeting_frequency, "first_meeting": g.first_meeting,
            "status": g.status.value,
            "coordinator": g.coordinator_id if g.coordinator_id in {p.id for p in members}
            else ""}, subject=g.id)

    def _load_invites(self, g: Group, members: list[Participant]) -> None:
        from kit.steps.groups.logic import missing_kinds, suggest_invites
        from kit.steps.prepare.model import ActorKind

        L = self.language
        actors = self._w().prepare.actors()
        by_id = {a.id: a for a in actors}
        sectors = [p.sector.value for p in members]
        lacking = missing_kinds(sectors, [by_id[a].kind for a in g.invited if a in by_id])
        suggested = suggest_invites(sectors, list(g.invited), actors)
        kinds = ", ".join(t(ActorKind(k).key, L) for k in lacking)
        text = t("group.lacks", L, kinds=kinds) if lacking else ""
        if suggested:
            text += " " + t("group.suggested", L, names=", ".join(a.name for a in suggested[:8]))
        set_html_text(self.lacks, text, "kit-muted")
        # Suggested actors first, so the facilitator sees them without scrolling.
        order = suggested + [a for a in actors if a not in suggested]
        set_options(self.invite, [(f"{a.name} ({a.kind})", a.id) for a in order])
        self.invites.load({"invite": tuple(a for a in g.invited if a in by_id)}, subject=g.id)

    def _load_action(self) -> None:
        """The picked action, or an empty form for a new one, as `Fields` allows."""
        import datetime as dt

        if self._loading:
            return
        x = self._actions.get(self.action_pick.value)
        self.action_form.load({
            "title": x.title if x else "", "owner": x.owner if x else "",
            "due": dt.date.fromisoformat(x.due) if x and x.due else None,
            "status": (x.status if x else ActionStatus.OPEN).value},
            subject=(self.pick.value, self.action_pick.value))
