"""The working groups as documents: one Word file of terms of reference per group
(python-docx) and one workbook with every group, member, invited actor and action.

Both read through the workshop facade and return bytes, so the apps can offer them as
downloads and notebooks can write them to disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import file_name, t
from kit.steps.groups.model import TERMS, Group

if TYPE_CHECKING:
    import pandas as pd
    from docx.document import Document

    from kit.reports._blocks import Block
    from kit.workshop import Workshop


def group_document(workshop: Workshop, group_id: str, language: str = "da") -> bytes:
    """The group's terms of reference as a .docx: the five fields, members with their
    coordinator, actors to invite, first meeting and actions (in the kit's document style).
    An empty field prints a line to fill in and is noted as missing."""
    from kit.organisation import kind_label
    from kit.reports import _docx as d
    from kit.reports._missing import fact, missing

    L = language
    group = workshop.groups.group(group_id)
    state = workshop.state()
    people = {p.id: p for p in workshop.participants()}
    actors = {a.id: a for a in workshop.prepare.actors()}
    themes = {th.id: th.label for th in workshop.ideas.themes()}
    heading = t("doc.title", L, group=group.name)
    doc = d.new_document(state, L, heading)
    d.title(doc, heading, t("doc.from", L, title=state.title, municipality=state.municipality,
                            date=d.long_date(state.date, L)))
    d.field(doc, t("doc.theme", L), themes.get(group.theme_id, group.theme_id)
            if group.theme_id else t("carry.continued", L))
    d.field(doc, t("group.status", L), t(f"group_status.{group.status.value}", L))
    coordinator = people.get(group.coordinator_id) if group.coordinator_id else None
    d.field(doc, t("group.coordinator", L), coordinator.name if coordinator else "",
            fact=fact(L, group.name, t("group.coordinator", L)))
    first_meeting_fields(doc, group, L)
    for name in TERMS:
        d.heading(doc, t(f"terms.{name}", L))
        d.lines(doc, getattr(group, name), fact=fact(L, group.name, t(f"terms.{name}", L)))
    d.heading(doc, t("doc.members", L))
    d.table_or_none(doc, [t("group.name", L), t("doc.sector", L), t("doc.organisation", L),
                          t("doc.role", L)],
                    [[p.name, t(f"sector.{p.sector.value}", L), p.organisation,
                      t("role.coordinator" if p.id == group.coordinator_id else "role.member",
                        L)]
                     for p in (people[m] for m in group.members if m in people)], L)
    d.heading(doc, t("doc.invited", L))
    d.table_or_none(doc, [t("group.name", L), t("doc.kind", L), t("doc.sector", L)],
                    [[a.name, kind_label(a.kind, L), t(f"sector.{a.sector.value}", L)]
                     for a in (actors[i] for i in group.invited if i in actors)], L)
    d.heading(doc, t("doc.actions", L))
    d.table_or_none(doc, [t("action.title", L), t("action.owner", L), t("action.due", L),
                          t("action.status", L)],
                    [[x.title,
                      x.owner or missing(L, fact(L, f"»{x.title}«", t("action.owner", L))),
                      d.long_date(x.due, L) or missing(
                          L, fact(L, f"»{x.title}«", t("action.due", L))),
                      t(f"action_status.{x.status.value}", L)]
                     for x in workshop.groups.actions(group.id)], L)
    return d.to_bytes(doc)


def first_meeting_fields(doc: Document, group: Group, language: str) -> None:
    """The first meeting's date, time and place as fields, a line to fill in (noted as
    missing) for each not yet stored; an older workshop's free text as it was written."""
    from kit.i18n import date
    from kit.reports import _docx as d
    from kit.reports._missing import fact

    L = language
    if group.first_meeting and not group.first_meeting_date:
        from kit.steps.groups.meeting import first_meeting_text

        d.field(doc, t("group.first_meeting", L), first_meeting_text(group, L))
        return
    day = group.first_meeting_date
    d.field(doc, t("group.first_meeting", L),
            date(dt.date.fromisoformat(day), L, "full") if day else "",
            fact=fact(L, group.name, t("group.first_meeting", L)))
    d.field(doc, t("blanks.time", L), group.first_meeting_time,
            fact=fact(L, group.name, t("blanks.fact_time", L)))
    d.field(doc, t("blanks.place", L), group.first_meeting_place,
            fact=fact(L, group.name, t("blanks.fact_place", L)))


def groups_frames(workshop: Workshop, language: str = "da") -> dict[str, pd.DataFrame]:
    """Every group, member, invited actor and action as readable tables (sheet → frame)."""
    import pandas as pd

    from kit.organisation import kind_label

    L = language
    people = {p.id: p for p in workshop.participants()}
    actors = {a.id: a for a in workshop.prepare.actors()}
    themes = {th.id: th.label for th in workshop.ideas.themes()}
    groups: list[Group] = workshop.groups()
    names = {g.id: g.name for g in groups}

    def name(pid: str | None) -> str:
        return people[pid].name if pid in people else ""

    def sector(s: Sector) -> str:
        return t(f"sector.{s.value}", L)

    def role(g: Group, pid: str) -> str:
        return t("role.coordinator" if pid == g.coordinator_id else "role.member", L)

    group, person = t("group.pick", L), t("group.name", L)
    sheets = {
        "doc.groups_sheet": (
            [person, t("doc.theme", L), t("group.coordinator", L),
             *(t(f"terms.{f}", L) for f in TERMS), t("group.first_meeting", L),
             t("blanks.time", L), t("blanks.place", L),
             t("group.status", L), t("doc.members", L)],
            [[g.name, _theme(themes, g, L), name(g.coordinator_id),
              *(getattr(g, f) for f in TERMS), g.first_meeting_date or g.first_meeting,
              g.first_meeting_time, g.first_meeting_place,
              t(f"group_status.{g.status.value}", L), len(g.members)] for g in groups]),
        "doc.members_sheet": (
            [group, person, t("doc.sector", L), t("doc.organisation", L), t("doc.role", L)],
            [[g.name, people[m].name, sector(people[m].sector), people[m].organisation,
              role(g, m)] for g in groups for m in g.members if m in people]),
        "doc.invited_sheet": (
            [group, person, t("doc.kind", L), t("doc.sector", L)],
            [[g.name, actors[a].name, kind_label(actors[a].kind, L), sector(actors[a].sector)]
             for g in groups for a in g.invited if a in actors]),
        "doc.actions_sheet": (
            [group, t("action.title", L), t("action.owner", L), t("action.due", L),
             t("action.status", L)],
            [[names.get(x.group_id, ""), x.title, x.owner, x.due or "",
              t(f"action_status.{x.status.value}", L)] for x in workshop.groups.actions()]),
    }
    return {t(key, L): pd.DataFrame(rows, columns=columns)
            for key, (columns, rows) in sheets.items()}


def groups_workbook(workshop: Workshop, language: str = "da") -> bytes:
    """`groups_frames` as one .xlsx workbook, a sheet per table, made to be opened: text
    stays text, header bold and frozen with a filter, fitted widths, due dates as dates."""
    from kit.reports._xlsx import frame_sheet, workbook

    dates = [t("action.due", language), t("group.first_meeting", language)]
    state = workshop.state()
    return workbook((frame_sheet(sheet, frame, dates=dates)
                     for sheet, frame in groups_frames(workshop, language).items()),
                    state.municipality, state.title)


def write_group_documents(workshop: Workshop, directory: str | Path,
                          language: str = "da") -> list[Path]:
    """Write every group's terms of reference (.docx) and the workbook of all groups into
    `directory`; returns the files written."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for g in workshop.groups():
        path = out / file_name("terms", language, g.name, "docx")
        path.write_bytes(group_document(workshop, g.id, language))
        written.append(path)
    path = out / file_name("groups", language, "", "xlsx")
    path.write_bytes(groups_workbook(workshop, language))
    return [*written, path]


def section(workshop: Workshop, language: str) -> list[Block]:
    """The report's part on working groups: each group with its theme, coordinator, status,
    terms of reference and members, then every action."""
    from kit.reports._blocks import Block
    from kit.reports._docx import long_date
    from kit.reports._missing import fact, missing
    from kit.steps.groups.meeting import first_meeting_text

    L = language
    people = {p.id: p for p in workshop.participants()}
    themes = {th.id: th.label for th in workshop.ideas.themes()}
    groups = workshop.groups()
    out = [Block("h1", t("report.groups", L))]
    for g in groups:
        def gap(what: str, g: Group = g) -> str:
            return missing(L, fact(L, g.name, what))

        coordinator = (people[g.coordinator_id].name if g.coordinator_id in people else
                       gap(t("group.coordinator", L)))
        out.append(Block("h2", g.name))
        out.append(Block("fields", rows=(
            (t("doc.theme", L), _theme(themes, g, L)),
            (t("group.coordinator", L), coordinator),
            (t("group.status", L), t(f"group_status.{g.status.value}", L)),
            *((t(f"terms.{f}", L), getattr(g, f) or gap(t(f"terms.{f}", L))) for f in TERMS),
            (t("group.first_meeting", L), first_meeting_text(g, L) or
             gap(t("group.first_meeting", L))))))
        out.append(Block("table", text=t("doc.members", L),
                         header=(t("group.name", L), t("doc.sector", L),
                                 t("doc.organisation", L), t("doc.role", L)),
                         rows=tuple((p.name, t(f"sector.{p.sector.value}", L), p.organisation,
                                     t("role.coordinator" if p.id == g.coordinator_id
                                       else "role.member", L))
                                    for p in (people[m] for m in g.members if m in people))))
    actions = workshop.groups.actions()
    group_names = {g.id: g.name for g in groups}
    out.append(Block("h1", t("doc.actions", L)))
    out.append(Block("table", header=(t("group.pick", L), t("action.title", L),
                                      t("action.owner", L), t("action.due", L),
                                      t("action.status", L)),
                     rows=tuple((group_names.get(x.group_id, ""), x.title,
                                 x.owner or missing(L, fact(L, f"»{x.title}«",
                                                            t("action.owner", L))),
                                 long_date(x.due, L) or missing(
                                     L, fact(L, f"»{x.title}«", t("action.due", L))),
                                 t(f"action_status.{x.status.value}", L)) for x in actions))
               if actions else Block("p", t("doc.none", L)))
    return out


def _theme(themes: dict[str, str], group: Group, language: str) -> str:
    """The group's theme, or that it continues from the workshop before (where its theme
    was; `kit.carry`)."""
    if group.theme_id is None:
        return t("carry.continued", language)
    return themes.get(group.theme_id, "")


def documents(workshop: Workshop, language: str, agenda_date: str = "",
              ) -> list[tuple[str, Callable[[], bytes]]]:
    """The groups' files to send: each group's terms of reference, and the groups workbook
    (the `documents` hook; `agenda_date` concerns the fora only)."""
    L = language
    out: list[tuple[str, Callable[[], bytes]]] = [
        (file_name("terms", L, g.name, "docx"), partial(group_document, workshop, g.id, L))
        for g in workshop.groups()]
    out.append((file_name("groups", L, "", "xlsx"), partial(groups_workbook, workshop, L)))
    return out
