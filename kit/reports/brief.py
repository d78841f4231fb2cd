"""A one-page brief for management and politicians: who took part, what was agreed, the
working groups, what the collaboration asks of management, and what it is worth to the
municipality in its own terms (offers that reach new arrivals, tasks volunteers take on
under agreed rules, the refugees' own answers).

A collaboration that rests on a few people's goodwill is fragile; the brief is a draft for
the coordinator to adapt and send upwards, so it states facts from the workshop and leaves
the persuasion to them. `kit report` writes it beside the report (`ledelsesnotat.docx` in Danish).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import file_name, t
from kit.reports._docx import to_bytes

if TYPE_CHECKING:
    from kit.core.workshop import Workshop

EARLY_WEEKS = 12
"""Offers that start by this week after arrival count as reaching people early."""


def brief_points(workshop: Workshop, language: str = "da") -> dict[str, list[str]]:
    """The brief's content, section by section (`brief.*` headings), each a list of lines."""
    from kit.steps.ground_rules.model import Division

    L = language
    people = workshop.participants()
    counts = workshop.sector_counts()
    organisations = sorted({p.organisation for p in people if p.organisation})
    groups = workshop.groups()
    names = {p.id: p.name for p in people}
    themes = {th.id: th.label for th in workshop.ideas.themes()}
    rules = workshop.ground_rules.settled()
    cards = [c for c in workshop.timeline.cards() if not c.retired]
    civil = [c for c in cards if c.sector != Sector.KOMMUNE]
    rounds = workshop.needs.rounds()
    gaps = [a for a in workshop.needs.by_area()] if rounds else []

    who = [t("brief.who_counts", L, total=len(people),
             **{s.value: counts[s] for s in Sector})]
    if organisations:
        who.append(t("brief.who_organisations", L, organisations=", ".join(organisations)))

    agreed = [t("brief.agreed_themes", L, themes=", ".join(
        themes.get(g.theme_id, g.name) for g in groups))] if groups else []
    settled = sum(len(v) for v in rules.tasks.values())
    if settled:
        agreed.append(t("brief.agreed_rules", L, tasks=settled,
                        volunteers=len(rules.tasks[Division.FRIVILLIGE]),
                        professional=len(rules.tasks[Division.FAGPERSON]),
                        together=len(rules.tasks[Division.SAMMEN]),
                        outside=len(rules.tasks[Division.UDEN_KOMMUNE])))
    agreed += [t("brief.house_rule", L, rule=r) for r in rules.house_rules]

    group_lines = [t("brief.group", L, name=g.name, members=len(g.members),
                     coordinator=names.get(g.coordinator_id or "",
                                           t("brief.no_coordinator", L)),
                     meeting=g.first_meeting or t("brief.no_meeting", L)) for g in groups]

    asks = [t("brief.ask_mandate", L, groups=len(groups))] if groups else []
    if any(not g.mandate for g in groups):
        asks.append(t("brief.ask_mandate_missing", L, groups=", ".join(
            g.name for g in groups if not g.mandate)))
    if groups:
        asks.append(t("brief.ask_coordinators", L, n=len(groups)))
    if rules.tasks[Division.FAGPERSON] or rules.tasks[Division.SAMMEN]:
        asks.append(t("brief.ask_staff", L, n=len(rules.tasks[Division.FAGPERSON])
                      + len(rules.tasks[Division.SAMMEN])))
    asks.append(t("brief.ask_contact", L))
    gap_names = [t(f"category.{a.category.value}", L) for a in gaps if a.gap]
    if gap_names:
        asks.append(t("brief.ask_gaps", L, areas=", ".join(gap_names)))
    asks.append(t("brief.ask_visit", L))

    value = [t("brief.value_offers", L, offers=len(cards), civil=len(civil),
               early=sum(c.start_week <= EARLY_WEEKS for c in civil))]
    if rules.tasks[Division.FRIVILLIGE] or rules.tasks[Division.UDEN_KOMMUNE]:
        value.append(t("brief.value_volunteers", L,
                       n=len(rules.tasks[Division.FRIVILLIGE])
                       + len(rules.tasks[Division.UDEN_KOMMUNE])))
    if rounds:
        from kit.steps.needs.logic import respondents

        value.append(t("brief.value_needs", L, n=respondents(workshop.needs.answers(
            rounds[-1]))))
        if gap_names:
            value.append(t("brief.value_gaps", L, count=len(gap_names)))
    value.append(t("brief.value_overview", L))
    return {"brief.who": who, "brief.agreed": agreed or [t("doc.none", L)],
            "brief.groups": group_lines or [t("doc.none", L)], "brief.asks": asks,
            "brief.value": value}


def brief_document(workshop: Workshop, language: str = "da") -> bytes:
    """The brief as one Word page (small type, short lines) for the coordinator to adapt."""
    from docx.shared import Cm, Pt

    from kit.reports import _docx as d

    L = language
    state = workshop.state()
    # the kit's document style (A4, proofing language, author, footer), a little tighter
    doc = d.new_document(state, L, t("brief.title", L, title=state.title))
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Cm(1.6)
        section.left_margin = section.right_margin = Cm(2)
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(t("brief.title", L, title=state.title), level=1)
    doc.add_paragraph(t("doc.from", L, title=state.title, municipality=state.municipality,
                        date=d.long_date(state.date, L))).runs[0].italic = True
    for heading, lines in brief_points(workshop, L).items():
        doc.add_heading(t(heading, L), level=2)
        for line in lines:
            doc.add_paragraph(line, style="List Bullet")
    return to_bytes(doc)


def write_brief(workshop: Workshop, directory: str | Path, language: str = "da") -> Path:
    out = Path(directory) / file_name("brief", language, "", "docx")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(brief_document(workshop, language))
    return out
