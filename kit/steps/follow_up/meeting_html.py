"""How a forum's meetings read on the facilitator's screen: the meeting's day, time and
place in words, an action with its owner and due date (late ones marked), someone who came,
who keeps coming, and the rows with a button for one action or person. HTML from user text
is escaped and keeps its own direction (`user`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from kit.i18n import date as local_date
from kit.i18n import t
from kit.ui.parts import esc

if TYPE_CHECKING:
    from kit.steps.follow_up.model import Attendee, ForumAction, Meeting, Turnover


def user(text: object) -> str:
    """What someone typed, as HTML: escaped, in its own direction (an Arabic name among
    Danish words)."""
    return f"<bdi>{esc(text)}</bdi>"


def when_text(meeting: Meeting, language: str) -> str:
    """"Wednesday 3 February 2027 · 17:00–19:00 · Biblioteket", with "not agreed" where a
    time or the place is not set."""
    L = language
    day = local_date(dt.date.fromisoformat(meeting.date), L, "full")
    hours = "–".join(x for x in (meeting.start_time, meeting.end_time) if x)
    return " · ".join((day, hours or t("meeting.not_agreed", L),
                       meeting.place or t("meeting.not_agreed", L)))


def action_html(action: ForumAction, dates: dict[str, str], today: str, language: str) -> str:
    """One open action: what, who, by when (late in red) and which meeting agreed it."""
    from kit.steps.follow_up.meeting_logic import overdue

    L = language
    due = (esc(local_date(dt.date.fromisoformat(action.due), L, "medium")) if action.due
           else esc(t("meeting.no_due", L)))
    if overdue(action, today):
        due = f'<span class="kit-error">{due} – {esc(t("agenda.overdue", L))}</span>'
    source = dates.get(action.meeting_id, "")
    origin = (esc(t("meeting.from_meeting", L, date=local_date(
        dt.date.fromisoformat(source), L, "medium")))) if source else ""
    owner = user(action.owner) if action.owner else esc(t("meeting.no_owner", L))
    return (f'<div class="kit-meeting-action"><b>{user(action.text)}</b><br>'
            f'<span class="kit-muted">{owner} · {due}'
            f'{" · " + origin if origin else ""}</span></div>')


class ActionRow:
    """An open action with its "done" button (which acts on the row's action)."""

    def __init__(self, key: str, on_done: Callable[[str], None]) -> None:
        self.text = w.HTML(layout=w.Layout(flex="1 1 auto"))
        self.done = w.Button(icon="check", layout=w.Layout(width="auto"))
        self.done.on_click(lambda _: on_done(key))
        self.root = w.HBox([self.text, self.done], layout=w.Layout(align_items="center"))
        self.root.add_class("kit-meeting-action-row")

    def update(self, data: Any, language: str) -> None:
        self.text.value = str(data)
        self.done.description = t("meeting.done", language)


class PersonRow:
    """Someone who came, with a button to take them off the list again."""

    def __init__(self, key: str, on_remove: Callable[[str], None]) -> None:
        self.text = w.HTML(layout=w.Layout(flex="1 1 auto"))
        self.remove = w.Button(icon="times", layout=w.Layout(width="auto"))
        self.remove.on_click(lambda _: on_remove(key))
        self.root = w.HBox([self.text, self.remove], layout=w.Layout(align_items="center"))

    def update(self, data: Any, language: str) -> None:
        self.text.value = str(data)
        self.remove.description = t("meeting.remove", language)


def person_html(a: Attendee, language: str) -> str:
    role = f" · {user(a.role)}" if a.role else ""
    org = f" ({user(a.organisation)})" if a.organisation else ""
    return (f'<span class="kit-sector-{esc(a.sector.value)}">{user(a.name)}{org}</span>'
            f' <span class="kit-muted">{esc(t(f"sector.{a.sector.value}", language))}'
            f'{role}</span>')


def turnover_html(turnover: Turnover, language: str) -> str:
    """Who keeps coming, in words: attendance per meeting, regulars, once, stopped."""
    from babel.numbers import format_percent

    from kit.i18n import locale

    L = language
    if not turnover.held:
        return f'<p class="kit-muted">{esc(t("meeting.turnover_none", L))}</p>'
    lines = [t("meeting.turnover_counts", L, held=turnover.held,
               counts=" · ".join(str(n) for n in turnover.attendance))]
    for key, names in (("meeting.regulars", turnover.regulars), ("meeting.once", turnover.once),
                       ("meeting.stopped", turnover.stopped)):
        if names:
            lines.append(t(key, L, names=", ".join(names)))
    if turnover.returning is not None:
        lines.append(t("meeting.returning", L, percent=format_percent(
            turnover.returning, locale=locale(L))))
    stopped = t("meeting.stopped", L, names="")
    return "<ul>" + "".join(
        f'<li{" class=kit-error" if x.startswith(stopped) and turnover.stopped else ""}>'
        f"{esc(x)}</li>" for x in lines) + "</ul>"
