"""A forum meeting's minutes as a Word document: when and where, who came (name,
organisation, sector and role), the minutes, the decisions and the actions agreed with owner
and due date. The agenda is `kit.steps.follow_up.report.agenda_document`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t

if TYPE_CHECKING:
    from kit.workshop import Workshop


def minutes_document(workshop: Workshop, meeting_id: str, language: str = "da") -> bytes:
    """The minutes of one meeting; what is not written down yet is a line to fill in (and
    noted as missing)."""
    from kit.reports import _docx as d
    from kit.reports._missing import fact

    L = language
    fora = workshop.partnership.fora
    meeting = fora.meeting(meeting_id)
    forum = workshop.follow_up.forum(meeting.forum_id)
    when = d.long_date(meeting.date, L)
    heading = t("meeting.minutes_title", L, forum=forum.name, date=when)
    doc = d.new_document(workshop.state(), L, heading)
    d.title(doc, heading)

    def gap(what: str) -> str:
        return fact(L, forum.name, t(what, L))

    d.field(doc, t("agenda.date", L), when)
    d.field(doc, t("agenda.time", L), "–".join(
        x for x in (meeting.start_time, meeting.end_time) if x), fact=gap("agenda.time"))
    d.field(doc, t("agenda.place", L), meeting.place, fact=gap("agenda.place"))
    d.heading(doc, t("meeting.came", L))
    d.table_or_none(doc, (t("meeting.name", L), t("meeting.organisation", L),
                          t("doc.sector", L), t("field.meeting_role", L)),
                    [[a.name, a.organisation, t(f"sector.{a.sector.value}", L), a.role]
                     for a in fora.attendance(meeting.id)], L)
    d.heading(doc, t("meeting.minutes", L))
    d.lines(doc, meeting.minutes, fact=gap("meeting.minutes"))
    d.heading(doc, t("meeting.decisions", L))
    decisions = fora.decisions(meeting.id)
    for decision in decisions:
        d.paragraph(doc, decision.text, style="List Bullet")
    if not decisions:
        d.paragraph(doc, t("meeting.no_decisions", L))
    d.heading(doc, t("meeting.actions", L))
    d.table_or_none(doc, (t("meeting.action_text", L), t("meeting.action_owner", L),
                          t("meeting.action_due", L), t("meeting.done", L)),
                    [[a.text, a.owner or t("meeting.no_owner", L),
                      d.long_date(a.due, L) or t("meeting.no_due", L),
                      "✓" if a.done else ""] for a in fora.actions(meeting_id=meeting.id)], L)
    return d.to_bytes(doc)
