"""One working group's editor (facilitator app and the follow-up notebook): coordinator,
terms of reference, invitations, status, follow-up actions, and its Word and Excel files."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.core.model import Participant
from kit.i18n import file_name, t
from kit.steps.groups.model import (
    TERMS,
    Action,
    ActionStatus,
    Group,
    GroupStatus,
)
from kit.ui.parts import (
    Fields,
    Rebuilt,
    esc,
    guarded,
    html_text,
    isolate,
    set_html_text,
    set_options,
)
from kit.ui.undo import UndoToast

if TYPE_CHECKING:

    from kit.workshop import Workshop




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
        # the first meeting as facts (issue 27): a date, a time and a place, printed in
        # the terms of reference instead of a line to fill in
        # looked at: the time's placeholder was cut at 7rem, and the three fields ran into
        # each other's labels (the box's `gap` is not passed on): a margin parts them
        apart = "0 1.25rem 0 0"
        self.meeting_date = w.DatePicker(layout=w.Layout(width="12rem", margin=apart))
        self.meeting_time = w.Text(layout=w.Layout(width="9rem", margin=apart))
        self.meeting_place = w.Text(layout=w.Layout(width="24rem"))
        self.meeting_date.add_class("kit-meeting-date")
        self.meeting_time.add_class("kit-meeting-time")
        self.meeting_place.add_class("kit-meeting-place")
        self.meeting_before = html_text("", "kit-muted")
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
        self.delete_group = w.Button(button_style="danger", icon="trash",
                                     layout=w.Layout(width="auto"))
        # a group's or an action's delete waits beside "Fortryd" before it is stored (issue 29)
        self.toast = UndoToast(after=self._redraw)
        self.delete_group.on_click(lambda _: guarded(self.remove_group, self.message,
                                                     self.language))
        lb = self.labels
        self.body = w.VBox([
            lb["group.name"], self.name, lb["group.coordinator"], self.coordinator,
            *[x for f in TERMS for x in (lb[f"terms.{f}"],
                                          self.terms.get(f, self.meeting_frequency))],
            lb["group.first_meeting"],
            w.HBox([self.meeting_date, self.meeting_time, self.meeting_place],
                   layout=w.Layout(flex_flow="row wrap")),
            self.meeting_before, lb["group.status"], self.status,
            self.save, self.docx, lb["group.invite"], self.lacks, self.invite,
            self.save_invites, lb["doc.actions"], self.actions, self.action_pick,
            self.action_title, self.action_owner, self.action_due, self.action_status,
            w.HBox([self.action_save, self.action_delete]), self.delete_group])
        self.root = w.VBox([self.pick, self.message, self.body, self.toast.root])
        self.root.add_class("kit-group-editor")
        # Three forms, each saved on its own: the group, its invitations, one action.
        self.group_form = Fields(name=self.name, coordinator=self.coordinator, **self.terms,
                                 meeting_frequency=self.meeting_frequency,
                                 meeting_date=self.meeting_date,
                                 meeting_time=self.meeting_time,
                                 meeting_place=self.meeting_place, status=self.status)
        self.invites = Fields(invite=self.invite)
        self.action_form = Fields(title=self.action_title, owner=self.action_owner,
                                  due=self.action_due, status=self.action_status)
        self.pick.observe(lambda _: self._load(), "value")
        self.action_pick.observe(lambda _: self._load_action(), "value")
        self.save.on_click(lambda _: self._act(self.save_group, self.group_form))
        self.save_invites.on_click(lambda _: self._act(lambda: self._w().groups.invite(
            self.pick.value, list(self.invite.value)), self.invites))
        self.action_save.on_click(lambda _: self._act(self.save_action))
        self.action_delete.on_click(lambda _: guarded(self.remove_action, self.message,
                                                      self.language))
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
        # the meeting is checked first: a wrong time or place changes nothing at all
        from kit.steps.groups.meeting import clean_meeting

        clean_meeting(None, self.meeting_time.value, self.meeting_place.value)
        workshop.groups.update_group(g.id, name=self.name.value, status=self.status.value,
                              meeting_frequency=self.meeting_frequency.value, **fields)
        day = self.meeting_date.value
        workshop.groups.set_first_meeting(g.id, day.isoformat() if day else "",
                                          self.meeting_time.value, self.meeting_place.value)
        workshop.groups.set_coordinator(g.id, self.coordinator.value or None)

    def _redraw(self) -> None:
        """After a delete, undo or stored delete: this editor at once (the app redraws only
        what the store changed), then the rest of the console."""
        self.render(self._w().groups(), self._people, self.language)
        self.after()

    def remove_group(self) -> None:
        """Hide the picked group at once; the store deletes it (members, invitations,
        actions) when the toast's time is up, unless "Fortryd" is pressed first."""
        g = self.group
        if g is not None:
            workshop = self._w()
            self.toast.delete(g.id, g.name, lambda: workshop.groups.delete_group(g.id),
                              self.language)

    def remove_action(self) -> None:
        """The picked follow-up action, held back beside "Fortryd" like a group."""
        action = self._actions.get(self.action_pick.value or "")
        if action is not None:
            workshop = self._w()
            self.toast.delete(action.id, action.title,
                              lambda: workshop.groups.delete_action(action.id), self.language)

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
        groups = [g for g in groups if g.id not in self.toast.hidden]
        self._groups, self._people = groups, people
        self.toast.render(L)
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
        self.meeting_date.description = t("blanks.date", L)
        self.meeting_time.placeholder = t("blanks.time_placeholder", L)
        self.meeting_time.description = t("blanks.time", L)
        self.meeting_place.placeholder = t("blanks.place_placeholder", L)
        self.meeting_place.description = t("blanks.place", L)
        for box in (self.meeting_date, self.meeting_time, self.meeting_place):
            box.style.description_width = "auto"
        # the last group deleted: the editor stays for its toast ("Fortryd") until the time is up
        self.root.layout.display = None if groups or self.toast.pending else "none"
        self.body.layout.display = self.pick.layout.display = None if groups else "none"
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
        self.delete_group.description = t("group.delete", L)
        from kit.steps.groups.report import group_document

        actions = [x for x in workshop.groups.actions(g.id) if x.id not in self.toast.hidden]
        state = workshop.state()
        inputs = (L, g, tuple(actions), tuple(self._people), tuple(workshop.prepare.actors()),
                  state.title, state.municipality, state.date)
        from kit.steps.follow_up.agreement import links_with_missing

        # the terms with what they still lack (the first meeting's date, time, place...)
        self.docx.value = self._docx.get(inputs, lambda: links_with_missing(
            [(file_name("terms", L, g.name, "docx"), t("group.docx", L),
              lambda: group_document(workshop, g.id, L))], L))
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
        import datetime as dt

        L = self.language
        # an older workshop's free text, until a date replaces it
        old = g.first_meeting if not g.first_meeting_date else ""
        set_html_text(self.meeting_before, t("blanks.meeting_old", L, text=old) if old else "",
                      "kit-muted")
        set_options(self.status, [(t(f"group_status.{s.value}", L), s.value)
                                  for s in GroupStatus])
        set_options(self.coordinator, [(t("group.no_coordinator", L), "")] + [
            (isolate(p.name) + (f" ({t('groups.volunteer', L)})" if p.volunteer else ""), p.id)
            for p in members], fallback="")
        self.group_form.load({
            "name": g.name, **{f: getattr(g, f) for f in self.terms},
            "meeting_frequency": g.meeting_frequency,
            "meeting_date": (dt.date.fromisoformat(g.first_meeting_date)
                             if g.first_meeting_date else None),
            "meeting_time": g.first_meeting_time, "meeting_place": g.first_meeting_place,
            "status": g.status.value,
            "coordinator": g.coordinator_id if g.coordinator_id in {p.id for p in members}
            else ""}, subject=g.id)

    def _load_invites(self, g: Group, members: list[Participant]) -> None:
        from kit.model import ActorKind
        from kit.steps.groups.logic import missing_kinds, suggest_invites

        L = self.language
        actors = self._w().prepare.actors()
        by_id = {a.id: a for a in actors}
        from kit.organisation import refugee_background

        sectors = [p.sector.value for p in members]
        # a member or invited actor who came as a refugee and volunteers: refugees take part
        background = (any(refugee_background(p.organisation, actors) for p in members) or
                      any(by_id[a].refugee_background for a in g.invited if a in by_id))
        lacking = missing_kinds(sectors, [by_id[a].kind for a in g.invited if a in by_id],
                                background)
        suggested = suggest_invites(sectors, list(g.invited), actors, background)
        kinds = ", ".join(t(ActorKind(k).key, L) for k in lacking)
        text = t("group.lacks", L, kinds=kinds) if lacking else ""
        if suggested:
            text += " " + t("group.suggested", L,
                            names=", ".join(isolate(a.name) for a in suggested[:8]))
        set_html_text(self.lacks, text, "kit-muted")
        # Suggested actors first, so the facilitator sees them without scrolling.
        order = suggested + [a for a in actors if a not in suggested]
        set_options(self.invite, [(f"{isolate(a.name)} ({a.kind})", a.id) for a in order])
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
