"""The local organisation on paper: the actor map and the organisation figure (matplotlib),
and Word documents for any forum — terms of reference, the partnership agreement and the
recurring agenda of the coordination forum.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import t
from kit.reports._docx import field, table_or_none, to_bytes
from kit.steps.follow_up.model import AGREEMENT, ForumKind
from kit.steps.groups.model import TERMS, ActionStatus
from kit.steps.prepare.report import kind_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kit.core import Workshop
    from kit.reports._blocks import Block


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
    fig = Figure(figsize=(max(8, 3.2 * width), 5.5))
    ax = fig.subplots()
    centres: dict[int, list[float]] = {}
    for level, items in rows.items():
        for n, (kind, name, members, coordinator) in enumerate(items):
            x = (n + 0.5) * span / len(items)
            counts = {s: sum(m[1] == s.value for m in members) for s in Sector}
            text = "\n".join([t(ForumKind(kind).key, L), textwrap.shorten(name, 34),
                              *(f"{t(f'sector.{s.value}', L)}: {c}" for s, c in counts.items()),
                              textwrap.shorten(f"{t('group.coordinator', L)}: "
                                               f"{coordinator or '–'}", 34)])
            ax.add_patch(FancyBboxPatch((x - 1.4, level - 0.62), 2.8, 1.24,
                                        boxstyle="round,pad=0.05", facecolor="#f4f6fb",
                                        edgecolor="#2b5fab"))
            ax.text(x, level, text, ha="center", va="center", fontsize=8)
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
    if not member:
        return ""
    found = workshop.follow_up.member_sectors([member])
    return found[member][0] if member in found else ""


def forum_document(workshop: Workshop, forum_id: str, what: str = "terms",
                   language: str = "da") -> bytes:
    """A forum's terms of reference (`what="terms"`) or partnership agreement
    (`what="agreement"`: the terms plus each side's duties, contacts and expectations)."""
    from docx import Document

    L = language
    forum = workshop.follow_up.forum(forum_id)
    state = workshop.state()
    doc = Document()
    title = "doc.agreement_title" if what == "agreement" else "doc.forum_terms_title"
    doc.add_heading(t(title, L, forum=forum.name), level=0)
    doc.add_paragraph(t("doc.from", L, title=state.title, municipality=state.municipality,
                        date=state.date))
    field(doc, t("org.kind", L), t(forum.kind.key, L))
    field(doc, t("group.coordinator", L), _coordinator_name(workshop, forum.coordinator) or
          t("group.no_coordinator", L))
    fields = TERMS + (AGREEMENT if what == "agreement" else ())
    for name in fields:
        label = t(f"terms.{name}", L) if name in TERMS else t(f"agreement.{name}", L)
        doc.add_heading(label, level=1)
        for line in (getattr(forum, name) or t("doc.none", L)).splitlines():
            doc.add_paragraph(line)
    if what == "agreement":
        # the duties and house rules the room settled in the ground rules step
        from kit.steps.ground_rules.report import add_to_agreement

        add_to_agreement(doc, workshop, L)
    doc.add_heading(t("doc.members", L), level=1)
    members = workshop.follow_up.member_sectors(list(forum.members))
    table_or_none(doc, (t("group.name", L), t("doc.sector", L), t("doc.kind", L)),
                  [(name, t(f"sector.{sector}", L), kind_label(kind, L) if kind else "")
                   for name, sector, kind in members.values()], L)
    if what == "agreement":
        doc.add_paragraph()
        for side in ("sector.kommune", "sector.civilsamfund"):
            doc.add_paragraph(f"{t(side, L)}: ______________________   "
                              f"{t('doc.signed', L)}: ________")
    return to_bytes(doc)


def agenda_document(workshop: Workshop, forum_id: str, date: str,
                    language: str = "da") -> bytes:
    """The recurring agenda: round of the table, news from the municipality, status on the
    volunteers' activities, then every working group's open actions, and what comes next."""
    from docx import Document

    L = language
    forum = workshop.follow_up.forum(forum_id)
    doc = Document()
    doc.add_heading(t("doc.agenda_title", L, forum=forum.name, date=date), level=0)
    items = [t("agenda.round", L), t("agenda.news_kommune", L),
             t("agenda.status_volunteers", L), t("agenda.groups", L)]
    for n, item in enumerate(items, start=1):
        doc.add_heading(f"{n}. {item}", level=1)
    groups = workshop.groups()
    open_actions = [x for x in workshop.groups.actions() if x.status is not ActionStatus.DONE]
    for g in groups:
        mine = [x for x in open_actions if x.group_id == g.id]
        doc.add_paragraph(f"{g.name} ({t(f'group_status.{g.status.value}', L)})",
                          style="List Bullet")
        for x in mine:
            due = f", {t('action.due', L).lower()} {x.due}" if x.due else ""
            doc.add_paragraph(f"{x.title} – {x.owner or '?'}{due} "
                              f"({t(f'action_status.{x.status.value}', L)})",
                              style="List Bullet 2")
    if not groups:
        doc.add_paragraph(t("doc.none", L))
    for n, item in enumerate((t("agenda.any_other", L), t("agenda.next_meeting", L)),
                             start=len(items) + 1):
        doc.add_heading(f"{n}. {item}", level=1)
    return to_bytes(doc)


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
        members = workshop.follow_up.member_sectors(list(forum.members)).values()
        issues = check_forum(forum.kind, [m[1] for m in members], [m[2] for m in members])
        out.append(Block("p", f"{t(forum.kind.key, L)}: {forum.name} "
                              f"({t('groups.members', L, n=len(forum.members))})"))
        out += [Block("p", "– " + finding_text(f, L)) for f in issues]
    out.append(Block("figure", png=png_bytes(organisation_figure(workshop, L))))
    return out
