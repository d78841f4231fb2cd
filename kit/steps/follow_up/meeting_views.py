"""A forum's meetings in the facilitator app's follow-up (issue 27), as the coordinator uses
them between meetings: the next meeting with its agenda (the standing items, the actions
still open from earlier meetings, what was added) and its Word document; gentle warnings
(no one leads the forum, nobody from the municipality in a coordination forum, a weekday
meeting in working hours); the open actions with owner and due date, each marked done with
one tap; who keeps coming; and, for the meeting just held, who came, the minutes, the
decisions and the actions agreed. Everything is read and written through
`workshop.partnership.fora` (`kit.steps.follow_up.meeting_store`); the agenda, turnover and
warnings are `kit.steps.follow_up.meeting_logic`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from kit.i18n import file_name, t
from kit.steps.follow_up.meeting_html import (
    ActionRow,
    PersonRow,
    action_html,
    person_html,
    turnover_html,
    user,
    when_text,
)
from kit.ui.parts import (
    DOCX,
    Fields,
    Rows,
    download_link,
    esc,
    guarded,
    html_text,
    sector_options,
    set_html_text,
    set_options,
)
from kit.ui.undo import UndoToast

if TYPE_CHECKING:
    from kit.steps.follow_up.meeting_store import ForumMeetings
    from kit.steps.follow_up.model import Forum, ForumAction, Meeting
    from kit.workshop import Workshop

NARROW = w.Layout(width="7rem")


def _row(children: list[w.Widget], css: str = "kit-meeting-row", align: str = "") -> w.HBox:
    """Widgets side by side that wrap on a narrow screen; the gaps are the stylesheet's
    (`css`: a row of fields, bottoms aligned, or the page's columns, tops aligned)."""
    align = align or ("flex-start" if css == "kit-meeting-cols" else "flex-end")
    box = w.HBox(children, layout=w.Layout(align_items=align, flex_flow="row wrap"))
    box.add_class(css)
    return box


class ForumMeetingsTools:
    """The forum meeting screen of the follow-up panel."""

    def __init__(self, workshop_getter: Callable[[], Workshop], after: Callable[[], None],
                 today: Callable[[], dt.date] = dt.date.today,
                 hidden: Callable[[], Collection[str]] = frozenset) -> None:
        self._w = workshop_getter
        self.after = after
        self.hidden = hidden  # fora whose delete waits beside "Fortryd": not offered here
        self.today = today
        self.language = "da"
        self.title = html_text("", "kit-phase")
        self.pick = w.Dropdown(options=[], layout=w.Layout(width="28rem"))
        self.pick.add_class("kit-meeting-forum")
        self.empty = html_text("", "kit-muted")
        self.warnings = w.HTML()
        self.warnings.add_class("kit-meeting-warnings")
        # the next meeting, its agenda and documents
        self.next_head = w.HTML()
        self.next = w.HTML()
        self.next.add_class("kit-meeting-next")
        self.agenda_button = w.Button(icon="file", layout=w.Layout(width="auto"))
        self.agenda_link = w.HTML()
        # planning
        self.plan_head = w.HTML()
        self.date = w.DatePicker(value=None, layout=w.Layout(width="11rem"))
        self.start = w.Text(placeholder="17:00", layout=NARROW)
        self.end = w.Text(placeholder="19:00", layout=NARROW)
        self.place = w.Text(layout=w.Layout(width="100%"))
        self.added = w.Textarea(layout=w.Layout(width="100%", height="3.6rem"))
        self.plan_labels = {k: w.Label() for k in ("date", "start", "end", "place", "added")}
        self.plan_button = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.change_button = w.Button(layout=w.Layout(width="auto"))
        self.plan_form = Fields(date=self.date, start=self.start, end=self.end,
                                place=self.place, added=self.added)
        # the open actions and who keeps coming
        self.open_head = w.HTML()
        self.open_box = w.VBox()
        self.open_rows: Rows[str, ActionRow] = Rows(
            self.open_box, lambda key: ActionRow(key, self._done), html_text("", "kit-muted"))
        self.turnover_head = w.HTML()
        self.turnover = w.HTML()
        # what happened at a meeting
        self.record_head = w.HTML()
        self.meeting = w.Dropdown(options=[], layout=w.Layout(width="36rem"))
        self.meeting.add_class("kit-meeting-pick")
        self.came_head = w.HTML()
        self.members_hint = html_text("", "kit-muted")
        self.members = w.VBox()
        self.members.add_class("kit-meeting-members")
        self._ticks: dict[str, w.Checkbox] = {}
        self.people_box = w.VBox()
        self.people: Rows[str, PersonRow] = Rows(
            self.people_box, lambda key: PersonRow(key, self._remove_person))
        self.guest_name = w.Text(layout=w.Layout(width="12rem"))
        self.guest_org = w.Text(layout=w.Layout(width="12rem"))
        self.guest_sector = w.Dropdown(options=[], layout=w.Layout(width="11rem"))
        self.guest_role = w.Text(layout=w.Layout(width="12rem"))
        self.guest_add = w.Button(layout=w.Layout(width="auto"))
        self.minutes_head = w.HTML()
        self.minutes = w.Textarea(layout=w.Layout(width="100%", height="7rem"))
        self.minutes.add_class("kit-meeting-minutes")
        self.minutes_save = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.minutes_form = Fields(minutes=self.minutes)
        self.decisions_head = w.HTML()
        self.decisions = w.HTML()
        self.decision_text = w.Text(layout=w.Layout(width="100%"))
        self.decision_add = w.Button(layout=w.Layout(width="auto"))
        self.actions_head = w.HTML()
        self.actions = w.HTML()
        self.action_text = w.Text(layout=w.Layout(width="20rem"))
        self.action_owner = w.Text(layout=w.Layout(width="12rem"))
        self.action_due = w.DatePicker(value=None, layout=w.Layout(width="14rem"))
        self.action_add = w.Button(layout=w.Layout(width="auto"))
        self.minutes_button = w.Button(icon="file", layout=w.Layout(width="auto"))
        self.minutes_link = w.HTML()
        self.message = html_text("", "kit-error")

        self.plan_box = w.VBox([
            self.plan_head,
            _row([w.VBox([self.plan_labels["date"], self.date]),
                  w.VBox([self.plan_labels["start"], self.start]),
                  w.VBox([self.plan_labels["end"], self.end])]),
            self.plan_labels["place"], self.place, self.plan_labels["added"], self.added,
            _row([self.plan_button, self.change_button])])
        self.plan_box.add_class("kit-meeting-plan")
        left = w.VBox([self.next_head, self.next, _row([self.agenda_button, self.agenda_link]),
                       self.plan_box], layout=w.Layout(flex="3 1 30rem", min_width="0"))
        right = w.VBox([self.open_head, self.open_box, self.turnover_head, self.turnover],
                       layout=w.Layout(flex="2 1 22rem", min_width="0"))
        right.add_class("kit-meeting-side")
        self.guests = _row([self.guest_name, self.guest_org, self.guest_sector,
                            self.guest_role, self.guest_add])
        self.record = w.VBox([
            _row([self.record_head, self.meeting], align="center"),
            _row([
                w.VBox([self.came_head, self.members_hint, self.members, self.people_box,
                        self.guests], layout=w.Layout(flex="1 1 26rem", min_width="0")),
                w.VBox([self.minutes_head, self.minutes, self.minutes_save],
                       layout=w.Layout(flex="1 1 26rem", min_width="0"))],
                css="kit-meeting-cols"),
            _row([
                w.VBox([self.decisions_head, self.decisions, self.decision_text,
                        self.decision_add], layout=w.Layout(flex="1 1 26rem", min_width="0")),
                w.VBox([self.actions_head, self.actions,
                        _row([self.action_text, self.action_owner, self.action_due]),
                        self.action_add],
                       layout=w.Layout(flex="1 1 26rem", min_width="0"))],
                css="kit-meeting-cols"),
            _row([self.minutes_button, self.minutes_link])])
        self.record.add_class("kit-meeting-record")
        self.body = w.VBox([
            self.warnings,
            _row([left, right], css="kit-meeting-cols"),
            self.record])
        self.root = w.VBox([
            _row([self.title, self.pick], css="kit-meeting-cols", align="center"),
            self.empty, self.message, self.body])
        self.root.add_class("kit-meetings")
        # a guest taken off the list waits beside "Fortryd" before it is stored (issue 29)
        self.toast = UndoToast(after=lambda: self._redraw(self.after))
        self.root.children = (*self.root.children, self.toast.root)

        self.pick.observe(lambda _: self._shown(), "value")
        self.meeting.observe(lambda _: self._shown(), "value")
        self.plan_button.on_click(lambda _: self._act(self.plan))
        self.change_button.on_click(lambda _: self._act(self.change))
        self.guest_add.on_click(lambda _: self._act(self.add_guest))
        self.minutes_save.on_click(lambda _: self._act(self.save_minutes))
        self.decision_add.on_click(lambda _: self._act(self.add_decision))
        self.action_add.on_click(lambda _: self._act(self.add_action))
        self.agenda_button.on_click(lambda _: guarded(self.make_agenda, self.message,
                                                      self.language))
        self.minutes_button.on_click(lambda _: guarded(self.make_minutes, self.message,
                                                       self.language))
        self._fora: list[Forum] = []
        self._upcoming: Meeting | None = None
        self._members: dict[str, tuple[str, str, str]] = {}
        self._minutes_of: str | None = None
        self._loading = False

    # -- reading --------------------------------------------------------------------------
    @property
    def fora(self) -> ForumMeetings:
        return self._w().partnership.fora

    @property
    def forum(self) -> Forum | None:
        return next((f for f in self._fora if f.id == self.pick.value), None)

    def _act(self, action: Callable[[], object]) -> None:
        if guarded(action, self.message, self.language):
            self.after()

    # -- actions --------------------------------------------------------------------------
    def _when(self) -> dict[str, str]:
        return {"start_time": self.start.value, "end_time": self.end.value,
                "place": self.place.value, "agenda": self.added.value}

    def plan(self) -> None:
        forum = self.forum
        if forum is None:
            return
        if self.date.value is None:
            from kit.core.errors import InvalidValue

            raise InvalidValue(field="date", value="")
        self.fora.plan_meeting(forum.id, self.date.value, **self._when())
        self.plan_form.saved()
        self.agenda_link.value = ""

    def change(self) -> None:
        if self._upcoming is None:
            return
        self.fora.update_meeting(self._upcoming.id, self.date.value or self._upcoming.date,
                                 **self._when())
        self.plan_form.saved()
        self.agenda_link.value = ""

    def _done(self, action_id: str) -> None:
        self._act(lambda: self.fora.set_action_done(action_id))

    def _remove_person(self, attendee_id: str) -> None:
        fora = self.fora
        name = next((a.name for a in fora.attendance(str(self.meeting.value))
                     if a.id == attendee_id), "") if self.meeting.value else ""
        self.toast.delete(attendee_id, name, lambda: fora.remove_attendee(attendee_id),
                          self.language)

    def _tick(self, member: str, name: str, organisation: str, sector: str,
              change: dict[str, Any]) -> None:
        """A member ticked as come (or not): added to or taken off the meeting's list."""
        if self._loading or not self.meeting.value:
            return
        meeting_id = str(self.meeting.value)

        def act() -> None:
            if change["new"]:
                self.fora.add_attendee(meeting_id, name, sector, organisation)
            else:
                for a in self.fora.attendance(meeting_id):
                    if (a.name, a.organisation) == (name, organisation):
                        self.fora.remove_attendee(a.id)

        self._act(act)

    def add_guest(self) -> None:
        if not self.meeting.value:
            return
        self.fora.add_attendee(str(self.meeting.value), self.guest_name.value,
                               self.guest_sector.value, self.guest_org.value,
                               self.guest_role.value)
        self.guest_name.value = self.guest_org.value = self.guest_role.value = ""

    def save_minutes(self) -> None:
        if self.meeting.value:
            self.fora.set_minutes(str(self.meeting.value), self.minutes.value)
            self.minutes_form.saved()

    def add_decision(self) -> None:
        if self.meeting.value:
            self.fora.add_decision(str(self.meeting.value), self.decision_text.value)
            self.decision_text.value = ""

    def add_action(self) -> None:
        if self.meeting.value:
            self.fora.add_action(str(self.meeting.value), self.action_text.value,
                                 self.action_owner.value, self.action_due.value or "")
            self.action_text.value = self.action_owner.value = ""
            self.action_due.value = None

    def make_agenda(self) -> None:
        from kit.steps.follow_up.report import agenda_document

        forum, meeting = self.forum, self._upcoming
        if forum is None or meeting is None:
            return
        self.agenda_link.value = download_link(
            agenda_document(self._w(), forum.id, meeting.date, self.language,
                            meeting_id=meeting.id),
            file_name("agenda", self.language, f"{forum.name}-{meeting.date}", "docx"), DOCX,
            t("meeting.agenda_docx", self.language))

    def make_minutes(self) -> None:
        from kit.steps.follow_up.meeting_report import minutes_document

        forum = self.forum
        if forum is None or not self.meeting.value:
            return
        meeting = self.fora.meeting(str(self.meeting.value))
        self.minutes_link.value = download_link(
            minutes_document(self._w(), meeting.id, self.language),
            file_name("minutes", self.language, f"{forum.name}-{meeting.date}", "docx"),
            DOCX, t("meeting.minutes_docx", self.language))

    # -- showing --------------------------------------------------------------------------
    def _redraw(self, after: Callable[[], None]) -> None:
        """After a delete, undo or stored delete: these tools at once (the app redraws only
        what the store changed), then the rest of the console."""
        self.render(self.language)
        after()

    def render(self, language: str) -> None:
        self.language = L = language
        hidden = self.hidden()
        self._fora = [f for f in self._w().follow_up.fora() if f.id not in hidden]
        set_html_text(self.title, t("meeting.title", L), "kit-phase")
        self.pick.description = t("meeting.forum", L)
        self.meeting.description = t("meeting.pick", L)
        for key, label in self.plan_labels.items():
            label.value = t(f"meeting.{key}", L)
        self.change_button.description = t("meeting.change_save", L)
        self.agenda_button.description = t("meeting.agenda_docx", L)
        self.minutes_button.description = t("meeting.minutes_docx", L)
        self.guest_add.description = t("meeting.add_guest", L)
        self.minutes_save.description = t("meeting.minutes_save", L)
        self.decision_add.description = t("meeting.decision_add", L)
        self.action_add.description = t("meeting.action_add", L)
        for box, key in ((self.guest_name, "meeting.name"), (self.guest_org,
                         "meeting.organisation"), (self.guest_role, "meeting.role"),
                         (self.action_text, "meeting.action_text"),
                         (self.action_owner, "meeting.action_owner"),
                         (self.decision_text, "meeting.decision_text")):
            box.placeholder = t(key, L)
        self.action_due.description = t("meeting.action_due", L)
        set_options(self.guest_sector, sector_options(L), fallback="civilsamfund")
        for widget, key, tag in (
                (self.open_head, "meeting.open", "h4"),
                (self.turnover_head, "meeting.turnover", "h4"),
                (self.record_head, "meeting.record", "h3"), (self.came_head, "meeting.came", "h4"),
                (self.minutes_head, "meeting.minutes", "h4"),
                (self.decisions_head, "meeting.decisions", "h4"),
                (self.actions_head, "meeting.actions", "h4")):
            set_html_text(widget, t(key, L), "kit-meeting-head", tag)
        set_html_text(self.members_hint, t("meeting.members_hint", L), "kit-muted")
        set_html_text(self.empty, t("meeting.no_fora", L) if not self._fora else "",
                      "kit-muted")
        self.body.layout.display = None if self._fora else "none"
        self.pick.layout.display = None if self._fora else "none"
        set_options(self.pick, [(f.name, f.id) for f in self._fora],
                    fallback=self._fora[0].id if self._fora else None)
        self._shown()

    def _shown(self) -> None:
        """Show the picked forum: everything below reads the store afresh."""
        forum, L = self.forum, self.language
        if forum is None or self._loading:
            return
        from kit.reports._blocks import finding_text
        from kit.steps.follow_up import meeting_logic as logic

        fora, today = self.fora, self.today().isoformat()
        meetings = fora.meetings(forum.id)
        actions = fora.actions(forum.id)
        sectors = self._w().follow_up.member_sectors(list(forum.members))
        kinds = [s[1] for s in sectors.values()]
        upcoming = self._upcoming = logic.upcoming(meetings, today)
        found = logic.forum_warnings(forum, kinds)
        if upcoming is not None:
            found += logic.meeting_warnings(upcoming, kinds)
        self.warnings.value = (
            f'<div class="kit-unmet"><b>{esc(t("meeting.warnings", L))}</b><ul>' + "".join(
                f"<li>{esc(finding_text(f, L))}</li>" for f in found) + "</ul></div>"
            if found else "")
        dates = {m.id: m.date for m in meetings}
        set_html_text(self.next_head, t("meeting.next", L), "kit-meeting-head", "h4")
        if upcoming is None:
            self.next.value = f'<p class="kit-muted">{esc(t("meeting.none_planned", L))}</p>'
        else:
            self.next.value = self._agenda_html(upcoming, meetings, actions, dates, today)
        self.agenda_button.layout.display = None if upcoming else "none"
        subject = upcoming.id if upcoming else forum.id
        self.plan_form.load({
            "date": dt.date.fromisoformat(upcoming.date) if upcoming else None,
            "start": upcoming.start_time if upcoming else "",
            "end": upcoming.end_time if upcoming else "",
            "place": upcoming.place if upcoming else "",
            "added": upcoming.agenda if upcoming else ""}, subject)
        # with a meeting coming up, changing it is what is usually wanted; planning one more
        # (from the same time and place) stays a button away
        self.change_button.layout.display = None if upcoming else "none"
        self.change_button.button_style = "primary" if upcoming else ""
        self.plan_button.button_style = "" if upcoming else "primary"
        self.plan_button.description = t("meeting.plan" if upcoming else "meeting.plan_save", L)
        set_html_text(self.plan_head, t("meeting.change" if upcoming else "meeting.plan", L),
                      "kit-meeting-head", "h4")
        self.open_rows.show([(a.id, action_html(a, dates, today, L))
                             for a in logic.open_actions(actions, meetings)], L)
        if self.open_rows.empty is not None:
            set_html_text(self.open_rows.empty, t("meeting.open_none", L), "kit-muted")
        self.turnover.value = turnover_html(logic.turnover(
            meetings, fora.attendance(forum_id=forum.id)), L)
        self._show_record(forum, meetings, sectors)

    def _agenda_html(self, meeting: Meeting, meetings: list[Meeting],
                     actions: list[ForumAction], dates: dict[str, str], today: str) -> str:
        from kit.steps.follow_up import meeting_logic as logic

        L = self.language
        items = []
        for item in logic.agenda(meeting, meetings, actions):
            text = esc(t(item.key, L)) if item.key else user(item.text)
            if item.key == "meeting.agenda_actions":
                text += ("".join(action_html(a, dates, today, L) for a in item.actions)
                         or f'<div class="kit-muted">{esc(t("meeting.agenda_no_actions", L))}'
                            "</div>")
            items.append(f"<li>{text}</li>")
        return (f'<div class="kit-meeting-when">{esc(when_text(meeting, L))}</div>'
                f'<b>{esc(t("meeting.agenda", L))}</b><ol>{"".join(items)}</ol>')

    def _show_record(self, forum: Forum, meetings: list[Meeting],
                     sectors: dict[str, tuple[str, str, str]]) -> None:
        """The meeting picked (by default the last one held, else the next), with who came,
        the minutes, decisions and actions."""
        from kit.steps.follow_up import meeting_logic as logic

        L, today = self.language, self.today().isoformat()
        self._loading = True
        try:
            default = logic.latest_held(meetings, today) or (meetings[0] if meetings else None)
            set_options(self.meeting, [(when_text(m, L), m.id) for m in reversed(meetings)],
                        fallback=default.id if default else None)
        finally:
            self._loading = False
        self.record.layout.display = None if meetings else "none"
        if not self.meeting.value:
            return
        meeting_id = str(self.meeting.value)
        meeting = next(m for m in meetings if m.id == meeting_id)
        fora = self.fora
        came = [a for a in fora.attendance(meeting_id) if a.id not in self.toast.hidden]
        organisation = {f"participant:{p.id}": p.organisation
                        for p in self._w().participants()}
        members = [(key, name, organisation.get(key, "") if key.startswith("participant:")
                    else name if key.startswith("actor:") else "", sector)
                   for key, (name, sector, _) in sectors.items()]
        self._loading = True
        try:
            ticks = []
            for key, name, org, _ in members:
                box = self._ticks.get(key)
                if box is None:
                    box = self._ticks[key] = w.Checkbox(indent=False,
                                                        layout=w.Layout(width="auto"))
                    box.observe(lambda change, k=key: self._tick_member(k, change), "value")
                box.description = f"{name} ({org})" if org and org != name else name
                box.value = any((a.name, a.organisation) == (name, org) for a in came)
                ticks.append(box)
            self.members.children = tuple(ticks)
            self._members = {key: (name, org, sector) for key, name, org, sector in members}
        finally:
            self._loading = False
        listed = {(n, o) for _, n, o, _ in members}
        guests = [a for a in came if (a.name, a.organisation) not in listed]
        self.toast.render(L)
        self.people.show([(a.id, person_html(a, L)) for a in guests], L)
        self.members_hint.layout.display = None if members else "none"
        set_html_text(self.came_head, t("meeting.came", L) + " · " + t(
            "meeting.came_count", L, n=len(came)), "kit-meeting-head", "h4")
        self.minutes_form.load({"minutes": meeting.minutes}, meeting_id)
        decisions = fora.decisions(meeting_id)
        self.decisions.value = ("<ul>" + "".join(f"<li>{user(d.text)}</li>"
                                                 for d in decisions) + "</ul>" if decisions
                                else f'<p class="kit-muted">{esc(t("meeting.no_decisions", L))}'
                                     "</p>")
        agreed = fora.actions(meeting_id=meeting_id)
        self.actions.value = "".join(
            action_html(a, {}, today, L).replace(
                'class="kit-meeting-action"', 'class="kit-meeting-action kit-meeting-done"'
                if a.done else 'class="kit-meeting-action"').replace("<b>", "<b>✓ " if a.done
                                                                     else "<b>", 1)
            for a in agreed) or f'<p class="kit-muted">{esc(t("meeting.no_decisions", L))}</p>'
        if self.minutes_link.value and meeting_id != self._minutes_of:
            self.minutes_link.value = ""
        self._minutes_of = meeting_id

    def _tick_member(self, key: str, change: dict[str, Any]) -> None:
        name, org, sector = self._members.get(key, ("", "", ""))
        if name:
            self._tick(key, name, org, sector, change)
