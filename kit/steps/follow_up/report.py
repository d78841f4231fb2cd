"""The local organisation on paper: the actor map and the organisation figure (matplotlib),
and Word documents for any forum — terms of reference, the partnership agreement and the
recurring agenda of the coordination forum.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import file_name, t
from kit.model import TERMS, ActionStatus
from kit.organisation import kind_label
from kit.steps.follow_up.model import ForumKind

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from docx.document import Document
    from matplotlib.figure import Figure

    from kit.reports._blocks import Block
    from kit.steps.follow_up.model import ForumAction
    from kit.workshop import Workshop


def organisation_figure(workshop: Workshop, language: str = "da") -> Figure:
    """The fora as boxes (coordination forum on top, network group beside it, working groups
    below), each with its members per sector and its coordinator."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    L = language
    fora = workshop.follow_up.fora()
    people = {p.id: p for p in workshop.participants()}
    boxes = [(f.kind, f.name, list(workshop.follow_up.member_sectors(list(f.members)).values()),
              _coordinator_name(workshop, f.coordinator)) for f in fora]
    boxes += [(ForumKind.ARBEJDSGRUPPE, g.name,
               [(people[m].name, people[m].sector.value, "") for m in g.members if m in people],
               people[g.coordinator_id].name if g.coordinator_id in people else "")
              for g in workshop.groups()]
    levels = {ForumKind.KOORDINERINGSFORUM: 2, ForumKind.NETVAERKSGRUPPE: 2,
              ForumKind.ARBEJDSGRUPPE: 0}
    rows: dict[int, list[tuple[ForumKind, str, list[tuple[str, str, str]], str]]] = {}
    for box in boxes:
        rows.setdefault(levels[box[0]], []).append(box)
    width = max([len(r) for r in rows.values()] + [1])
    span = 3.0 * width  # each box is 2.8 wide in a slot of 3
    from kit.reports._docx import FIGURE_WIDTH_IN

    fig = Figure(figsize=(max(FIGURE_WIDTH_IN, 2.1 * width), 4.2))
    ax = fig.subplots()
    centres: dict[int, list[float]] = {}
    for level, items in rows.items():
        for n, (kind, name, members, coordinator) in enumerate(items):
            x = (n + 0.5) * span / len(items)
            counts = {s: sum(m[1] == s.value for m in members) for s in Sector}
            text = "\n".join([t(ForumKind(kind).key, L), textwrap.shorten(name, 30),
                              *(f"{t(f'sector.{s.value}', L)}: {c}" for s, c in counts.items()),
                              *textwrap.wrap(f"{t('group.coordinator', L)}: "
                                             f"{coordinator or t('doc.missing', L)}", 30)[:2]])
            ax.add_patch(FancyBboxPatch((x - 1.4, level - 0.62), 2.8, 1.24,
                                        boxstyle="round,pad=0.05", facecolor="#f4f6fb",
                                        edgecolor="#2b5fab"))
            ax.text(x, level, text, ha="center", va="center", fontsize=7)
            centres.setdefault(level, []).append(x)
    top = [x for x, box in zip(centres.get(2, []), rows.get(2, []), strict=True)
           if box[0] == ForumKind.KOORDINERINGSFORUM]
    for x in centres.get(0, []):
        for x0 in top:
            ax.plot([x0, x], [1.3, 0.7], color="#999", linewidth=1)
    ax.set_xlim(-0.2, span + 0.2)
    ax.set_ylim(-0.8, 2.8)
    ax.axis("off")
    ax.set_title(t("org.figure_title", L))
    fig.tight_layout()
    return fig


def _coordinator_name(workshop: Workshop, member: str | None) -> str:
    """The coordinator's name ("" for none: documents print a line to fill in)."""
    if not member:
        return ""
    found = workshop.follow_up.member_sectors([member])
    return found[member][0] if member in found else ""


def _members_table(workshop: Workshop, members: list[str], language: str) -> list[list[str]]:
    """Name, sector, organisation and kind (a participant, or the kind of actor) per member."""
    L = language
    found = workshop.follow_up.member_sectors(members)
    organisation = {f"participant:{p.id}": p.organisation for p in workshop.participants()}
    return [[name, t(f"sector.{sector}", L), organisation.get(key, ""),
             kind_label(kind, L) if kind else t("org.participant", L).capitalize()]
            for key, (name, sector, kind) in found.items()]


def parties(workshop: Workshop, forum_id: str) -> list[str]:
    """The parties to a forum's partnership agreement: the municipality, then each
    organisation from outside it that takes part — an actor in the forum, or the
    organisation of a participant in it (the person's name when none is given)."""
    forum = workshop.follow_up.forum(forum_id)
    state = workshop.state()
    people = {f"participant:{p.id}": p for p in workshop.participants()}
    found = workshop.follow_up.member_sectors(list(forum.members))
    out = [state.municipality]
    for key, (name, sector, _) in found.items():
        if sector == Sector.KOMMUNE.value:
            continue
        party = people[key].organisation or name if key in people else name
        if party not in out:
            out.append(party)
    return out


CLAUSES = ("character", "period", "termination", "data", "children", "insurance", "economy")
"""The agreement's standing clauses (catalog `agreement.clause.<name>` and its heading
`agreement.head.<name>`), written for this kit; fill-in lines where the parties decide."""


def forum_document(workshop: Workshop, forum_id: str, what: str = "terms",
                   language: str = "da") -> bytes:
    """A forum's terms of reference (`what="terms"`) or partnership agreement
    (`what="agreement"`): named parties, purpose and terms, each side's responsibilities and
    contact person, expectations, period and review, termination, that it is a declaration of
    intent, data protection and confidentiality, child-protection certificates, insurance,
    economy, and a signature block per party. Empty fields print as lines to fill in and
    are noted as missing; the standing clauses leave no blanks (what the parties still
    decide, they are asked to agree)."""
    from kit.reports import _docx as d
    from kit.reports._missing import fact

    L = language
    forum = workshop.follow_up.forum(forum_id)
    state = workshop.state()
    agreement = what == "agreement"
    heading = t("doc.agreement_title" if agreement else "doc.forum_terms_title", L,
                forum=forum.name)
    doc = d.new_document(state, L, heading)
    d.title(doc, heading, t("doc.from", L, title=state.title, municipality=state.municipality,
                            date=d.long_date(state.date, L)))
    d.field(doc, t("org.kind", L), t(forum.kind.key, L))
    d.field(doc, t("group.coordinator", L), _coordinator_name(workshop, forum.coordinator),
            fact=fact(L, forum.name, t("group.coordinator", L)))
    n = 0

    def gap(what: str) -> str:
        return fact(L, forum.name, t(what, L))

    def head(text: str) -> None:
        nonlocal n
        n += 1
        d.heading(doc, f"{n}. {text}" if agreement else text)

    if agreement:
        head(t("agreement.head.parties", L))
        d.paragraph(doc, t("agreement.clause.parties", L, forum=forum.name))
        for party in parties(workshop, forum_id):
            d.paragraph(doc, party, style="List Bullet")
    for name in TERMS:
        head(t(f"terms.{name}", L))
        d.lines(doc, getattr(forum, name), fact=gap(f"terms.{name}"))
    if agreement:
        head(t("agreement.head.duties", L))
        for name in ("duties_kommune", "duties_civilsamfund"):
            d.heading(doc, t(f"agreement.{name}", L), 2)
            d.lines(doc, getattr(forum, name), fact=gap(f"agreement.{name}"))
        if not workshop.ground_rules.settled().empty:
            # who holds which task and the house rules, as the room settled them
            from kit.steps.ground_rules.report import add_to_agreement

            head(t("rules.agreement", L))
            add_to_agreement(doc, workshop, L, heading=False)
        head(t("agreement.head.contacts", L))
        for name in ("contact_kommune", "contact_civilsamfund"):
            d.field(doc, t(f"agreement.{name}", L), getattr(forum, name),
                    fact=gap(f"agreement.{name}"))
        if len(parties(workshop, forum_id)) > 2:
            # one field holds civil society's contact; several associations each name theirs
            d.paragraph(doc, t("agreement.contact_each", L))
        head(t("agreement.head.expectations", L))
        for name in ("response_time", "contact_how", "influence"):
            d.heading(doc, t(f"agreement.{name}", L), 2)
            d.lines(doc, getattr(forum, name), fact=gap(f"agreement.{name}"))
        for clause in CLAUSES:
            head(t(f"agreement.head.{clause}", L))
            if clause == "period":
                agreement_period(doc, workshop, forum.name, L)
                continue
            for line in t(f"agreement.clause.{clause}", L).splitlines():
                d.paragraph(doc, line)
    head(t("doc.members", L))
    d.table_or_none(doc, (t("group.name", L), t("doc.sector", L), t("doc.organisation", L),
                          t("doc.kind", L)),
                    _members_table(workshop, list(forum.members), L), L)
    if agreement:
        head(t("agreement.head.signatures", L))
        d.paragraph(doc, t("agreement.clause.signatures", L))
        for party in parties(workshop, forum_id):
            d.signature_block(doc, party, [t(f"agreement.sign.{x}", L)
                                           for x in ("name", "title", "date", "signature")])
    return d.to_bytes(doc)


def agreement_period(doc: Document, workshop: Workshop, forum: str, language: str) -> None:
    """The agreement's period and review date, as the partnership stores them
    (`Partnership.set_agreement`): each a field, a line to fill in (noted as missing) while
    not agreed; then the clause that says what the dates mean, or, while the period is
    open, that the parties agree it at their first meeting."""
    from kit.reports import _docx as d
    from kit.reports._missing import fact

    L = language
    state = workshop.partnership.state()
    dates = {"start": state.agreement_start, "end": state.agreement_end,
             "review": state.agreement_review}
    for name, value in dates.items():
        d.field(doc, t(f"blanks.agreement_{name}", L), d.long_date(value, L),
                fact=fact(L, forum, t(f"blanks.gap_{name}", L)))
        # the three dates on one page (looked at: a page break split them after the first)
        doc.paragraphs[-1].paragraph_format.keep_with_next = name != "review"
    settled = all(dates.values())
    for line in t("blanks.clause_period" if settled else "agreement.clause.period",
                  L).splitlines():
        d.paragraph(doc, line)


def agenda_document(workshop: Workshop, forum_id: str, date: str, language: str = "da",
                    time: str = "", place: str = "", meeting_id: str | None = None) -> bytes:
    """The forum's agenda for a meeting: its date, time and place (from the planned meeting:
    `meeting_id`, else the one planned on `date`, else with no `date` the forum's next one;
    without one "not agreed yet", noted as missing), approval of the agenda and of the last
    minutes, the follow-up of every action still open from the forum's earlier meetings
    (owner and due date, those past it marked), the standing items, every working group's
    open actions, what was added for this meeting, any other business and the next meeting
    (when it is planned)."""
    import datetime as dt

    from kit.reports import _docx as d
    from kit.reports._missing import fact, missing
    from kit.steps.follow_up import meeting_logic as logic
    from kit.steps.follow_up.model import Meeting

    L = language
    forum = workshop.follow_up.forum(forum_id)
    fora = workshop.partnership.fora
    meetings = fora.meetings(forum_id)
    today = dt.date.today().isoformat()
    meeting = (fora.meeting(meeting_id) if meeting_id else
               next((m for m in meetings if m.date == date), None) if date else
               logic.upcoming(meetings, today))
    if meeting is not None:
        date, place = meeting.date, meeting.place
        time = "–".join(x for x in (meeting.start_time, meeting.end_time) if x)
    state = workshop.state()
    when = d.long_date(date, L)
    heading = (t("doc.agenda_title", L, forum=forum.name, date=when) if when else
               t("doc.agenda_title_undated", L, forum=forum.name))
    doc = d.new_document(state, L, heading)
    d.title(doc, heading)

    def gap(what: str, thing: str = forum.name) -> str:
        return missing(L, fact(L, thing, t(what, L)))

    d.field(doc, t("agenda.date", L), when or gap("agenda.date"))
    d.field(doc, t("agenda.time", L), time or gap("agenda.time"))
    d.field(doc, t("agenda.place", L), place or gap("agenda.place"))
    d.field(doc, t("agenda.chair", L), _coordinator_name(workshop, forum.coordinator)
            or gap("agenda.chair"))
    d.field(doc, t("agenda.minutes_by", L), gap("agenda.minutes_by"))
    # without a planned meeting the agenda still follows up every open action
    this = meeting or Meeting("", forum_id, date or "9999-12-31")
    items = logic.agenda(this, [*meetings, *([] if meeting else [this])],
                         fora.actions(forum_id))
    dates = {m.id: m.date for m in meetings}
    for n, item in enumerate(items, start=1):
        d.heading(doc, f"{n}. {t(item.key, L) if item.key else item.text}")
        if item.key == "meeting.agenda_actions":
            _forum_actions(doc, item.actions, dates, date or today, L)
        elif item.key == "agenda.groups":
            _group_actions(doc, workshop, date, L, gap)
        elif item.key == "agenda.next_meeting":
            ids = [m.id for m in meetings]   # in order: the one planned after this
            at = ids.index(meeting.id) + 1 if meeting else len(ids)
            after = meetings[at] if at < len(meetings) else None
            d.field(doc, t("agenda.date", L), d.long_date(after.date, L) if after else
                    gap("agenda.date", t("agenda.next_meeting", L)))
            d.field(doc, t("agenda.place", L), after.place if after and after.place else
                    gap("agenda.place", t("agenda.next_meeting", L)))
    return d.to_bytes(doc)


def _forum_actions(doc: Document, actions: Sequence[ForumAction], dates: dict[str, str],
                   today: str, language: str) -> None:
    """The forum's open actions as a table: what, who, by when (past it marked), and the
    meeting that agreed it; a line when there are none."""
    from kit.reports import _docx as d
    from kit.steps.follow_up import meeting_logic as logic

    L = language
    if not actions:
        d.paragraph(doc, t("meeting.agenda_no_actions", L))
        return
    d.grid(doc, [t("meeting.action_text", L), t("meeting.action_owner", L),
                 t("meeting.action_due", L), t("meeting.agreed_at", L)],
           [[a.text, a.owner or t("meeting.no_owner", L),
             (d.long_date(a.due, L) + (f" – {t('agenda.overdue', L)}"
                                       if logic.overdue(a, today) else "")) if a.due
             else t("meeting.no_due", L),
             d.long_date(dates.get(a.meeting_id, ""), L)] for a in actions])


def _group_actions(doc: Document, workshop: Workshop, date: str, language: str,
                   gap: Callable[[str, str], str]) -> None:
    """Every working group's open actions, those past their due date marked."""
    from kit.reports import _docx as d

    L = language
    groups = workshop.groups()
    names = {g.id: g.name for g in groups}
    open_actions = [x for x in workshop.groups.actions() if x.status is not ActionStatus.DONE]
    rows = []
    for x in sorted(open_actions, key=lambda x: (names.get(x.group_id, ""), x.due or "9999")):
        late = bool(x.due and date and x.due < date)
        status = t(f"action_status.{x.status.value}", L)
        rows.append([names.get(x.group_id, ""), x.title,
                     x.owner or gap("action.owner", f"»{x.title}«"),
                     d.long_date(x.due, L) or gap("action.due", f"»{x.title}«"),
                     f"{status} – {t('agenda.overdue', L)}" if late else status])
    if rows:
        d.grid(doc, [t("group.pick", L), t("action.title", L), t("action.owner", L),
                     t("action.due", L), t("action.status", L)], rows)
    quiet = [g.name for g in groups if not any(x.group_id == g.id for x in open_actions)]
    if quiet:
        d.paragraph(doc, t("agenda.no_open", L, groups=", ".join(quiet)))
    if not groups:
        doc.add_paragraph(t("doc.none", L))


def section(workshop: Workshop, language: str) -> list[Block]:
    """The report's part on the local organisation: each forum with what its make-up lacks,
    and the organisation figure (nothing when there are neither fora nor groups)."""
    from kit.reports._blocks import Block, finding_text, png_bytes
    from kit.steps.follow_up.logic import check_forum

    L = language
    fora = workshop.follow_up.fora()
    if not fora and not workshop.groups():
        return []
    out = [Block("h1", t("report.organisation", L))]
    for forum in fora:
        voices = workshop.follow_up.voices(list(forum.members))  # one per organisation
        members = workshop.follow_up.member_sectors(voices).values()
        issues = check_forum(forum.kind, [m[1] for m in members], [m[2] for m in members],
                             len(workshop.follow_up.refugee_background(voices)))
        out.append(Block("p", f"{t(forum.kind.key, L)}: {forum.name} "
                              f"({t('groups.members', L, n=len(forum.members))})"))
        out += [Block("p", "– " + finding_text(f, L)) for f in issues]
        out += _meetings_blocks(workshop, forum.id, L)
    out.append(Block("figure", text=t("org.figure_title", L),
                     alt=t("org.figure_alt", L, fora=len(fora), groups=len(workshop.groups())),
                     png=png_bytes(organisation_figure(workshop, L))))
    return out


def _meetings_blocks(workshop: Workshop, forum_id: str, language: str) -> list[Block]:
    """A forum's meetings in the report, as totals (no one is named): how many were held and
    how many came to each, the open actions, the next meeting, and the organisations that
    stopped coming (nothing for a forum that has not met)."""
    import datetime as dt

    from kit.reports import _docx as d
    from kit.reports._blocks import Block
    from kit.steps.follow_up import meeting_logic as logic

    L = language
    fora = workshop.partnership.fora
    meetings = fora.meetings(forum_id)
    if not meetings:
        return []
    turnover = fora.turnover(forum_id)
    coming = logic.upcoming(meetings, dt.date.today().isoformat())
    out = [Block("p", "– " + t("meeting.report_line", L, held=turnover.held,
                               counts=" · ".join(str(n) for n in turnover.attendance) or "–",
                               open=len(fora.actions(forum_id, open_only=True)),
                               next=d.long_date(coming.date, L) if coming else
                               t("doc.missing", L)))]
    if turnover.stopped:
        out.append(Block("p", "– " + t("meeting.stopped", L, names=", ".join(turnover.stopped))))
    return out


def documents(workshop: Workshop, language: str, agenda_date: str = "",
              ) -> list[tuple[str, Callable[[], bytes]]]:
    """Each forum's files to send (the `documents` hook): its terms of reference, its
    partnership agreement and its next agenda, dated `agenda_date` (see `agenda_document`)."""
    L = language
    out: list[tuple[str, Callable[[], bytes]]] = []
    for f in workshop.follow_up.fora():
        out += [(file_name(what, L, f.name, "docx"),
                 partial(forum_document, workshop, f.id, what, L))
                for what in ("terms", "agreement")]
        out.append((file_name("agenda", L, f.name, "docx"),
                    partial(agenda_document, workshop, f.id, agenda_date, L)))
    return out
