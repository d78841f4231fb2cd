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
    from kit.model import Group
    from kit.workshop import Workshop

EARLY_WEEKS = 12
"""Offers that start by this week after arrival count as reaching people early."""


LISTED = 5
"""A list in the brief names at most this many; longer ones are counted ("69 organisations,
among them ..."), so the brief stays one page for 15 to 150 participants."""
GROUP_LINES = 6
"""Up to this many working groups get a line each; more are summed up in one line."""


def summarised(names: list[str], language: str, key: str = "brief.among",
               limit: int = LISTED) -> str:
    """The names as a list, or, when there are more than `limit`, how many and the first
    `LISTED` ("69 organisationer, bl.a. A, B, C, D og E")."""
    if len(names) <= limit:
        return _joined(names, language)
    return t(key, language, count=len(names), names=_joined(names[:LISTED], language))


def _joined(names: list[str], language: str) -> str:
    from babel.lists import format_list

    from kit.i18n import LOCALES

    return str(format_list(names, locale=LOCALES.get(language, language))) if names else ""


def brief_points(workshop: Workshop, language: str = "da") -> dict[str, list[str]]:
    """The brief's content, section by section (`brief.*` headings), each a list of lines.
    A missing fact is written the one way (`doc.missing`) and noted."""
    from kit.groups import first_meeting_text
    from kit.model import Division
    from kit.reports._docx import mid_sentence
    from kit.reports._missing import fact, missing
    from kit.steps.voting.report import tallies

    L = language
    people = workshop.participants()
    counts = workshop.sector_counts()
    per_organisation: dict[str, int] = {}
    for p in people:
        if p.organisation:
            per_organisation[p.organisation] = per_organisation.get(p.organisation, 0) + 1
    # the organisations most people came from first, so "among them" names the big ones
    organisations = sorted(per_organisation, key=lambda o: (-per_organisation[o], o))
    groups = workshop.groups()
    names = {p.id: p.name for p in people}
    all_themes = workshop.ideas.themes()
    themes = {th.id: th.label for th in all_themes}
    rules = workshop.ground_rules.settled()
    cards = [c for c in workshop.timeline.cards() if not c.retired]
    civil = [c for c in cards if c.sector != Sector.KOMMUNE]
    rounds = workshop.needs.rounds()
    gaps = [a for a in workshop.needs.by_area()] if rounds else []

    who = [t("brief.who_counts", L, total=len(people),
             **{s.value: counts[s] for s in Sector})]
    if organisations:
        who.append(t("brief.who_organisations", L,
                     organisations=summarised(organisations, L, "brief.organisations_among")))

    agreed = [t("brief.agreed_themes", L, themes=summarised(
        [themes.get(g.theme_id or "", g.name) for g in groups], L, limit=8))] if groups else []
    raw, _ = tallies(workshop)
    if len(raw) and groups:
        top = raw.to_dict("records")[0]
        chosen = {th.id for th in all_themes if th.chosen}
        if chosen and top["theme_id"] not in chosen:
            # the first thing a manager asks: why the room's favourite is not taken on
            reason = workshop.voting.choice_reason() or missing(L, t("report.sum.why", L))
            agreed.append(t("brief.top_dropped", L, theme=themes.get(top["theme_id"], ""),
                            count=int(top["score"]), reason=reason.rstrip(". ")))
    settled = sum(len(v) for v in rules.tasks.values())
    if settled:
        # "and the municipality stays out of 0" said nothing: that clause only when it does
        agreed.append(t("brief.agreed_rules" if rules.tasks[Division.UDEN_KOMMUNE] else
                        "brief.agreed_rules_inside", L, tasks=settled,
                        volunteers=len(rules.tasks[Division.FRIVILLIGE]),
                        professional=len(rules.tasks[Division.FAGPERSON]),
                        together=len(rules.tasks[Division.SAMMEN]),
                        outside=len(rules.tasks[Division.UDEN_KOMMUNE])))
    agreed += [t("brief.house_rule", L, rule=r) for r in rules.house_rules]

    def coordinator(g: Group) -> str:
        return names.get(g.coordinator_id or "") or missing(
            L, fact(L, g.name, t("group.coordinator", L)))

    def meeting(g: Group) -> str:
        return mid_sentence(first_meeting_text(g, L), L) or missing(
            L, fact(L, g.name, t("group.first_meeting", L)))

    if len(groups) <= GROUP_LINES:
        group_lines = [t("brief.group", L, name=g.name, members=len(g.members),
                         coordinator=coordinator(g), meeting=meeting(g)) for g in groups]
    else:
        without = [g.name for g in groups if not names.get(g.coordinator_id or "")]
        unmet = [g.name for g in groups if not first_meeting_text(g, L)]
        group_lines = [t("brief.groups_summary", L, count=len(groups),
                         members=sum(len(g.members) for g in groups),
                         coordinators=len(groups) - len(without),
                         meetings=len(groups) - len(unmet))]
        for g in groups:  # each missing fact noted, the lines naming them summed up
            coordinator(g), meeting(g)
        if without:
            group_lines.append(t("brief.groups_without_coordinator", L,
                                 groups=summarised(without, L, "brief.groups_among")))
        if unmet:
            group_lines.append(t("brief.groups_without_meeting", L,
                                 groups=summarised(unmet, L, "brief.groups_among")))

    asks = [t("brief.ask_mandate", L, count=len(groups))] if groups else []
    unmandated = [g.name for g in groups if not g.mandate]
    if unmandated:
        asks.append(t("brief.ask_mandate_missing", L, count=len(unmandated), groups=summarised(
            unmandated, L, "brief.groups_among")))
    if groups:
        asks.append(t("brief.ask_coordinators", L, count=len(groups)))
    if rules.tasks[Division.FAGPERSON] or rules.tasks[Division.SAMMEN]:
        asks.append(t("brief.ask_staff", L, count=len(rules.tasks[Division.FAGPERSON])
                      + len(rules.tasks[Division.SAMMEN])))
    asks.append(t("brief.ask_contact", L))
    gap_names = [t(f"category.{a.category.value}", L) for a in gaps if a.gap]
    if gap_names:
        asks.append(t("brief.ask_gaps", L, count=len(gap_names),
                      areas=_joined(gap_names, L)))
    asks.append(t("brief.ask_visit", L))

    early = sum(c.start_week <= EARLY_WEEKS for c in civil)
    value = [t("brief.value_offers_all_early" if civil and early == len(civil)
               else "brief.value_offers", L, offers=len(cards), civil=len(civil), early=early)]
    if rules.tasks[Division.FRIVILLIGE] or rules.tasks[Division.UDEN_KOMMUNE]:
        value.append(t("brief.value_volunteers", L,
                       count=len(rules.tasks[Division.FRIVILLIGE])
                       + len(rules.tasks[Division.UDEN_KOMMUNE])))
    if rounds:
        # the latest round's respondents across the partnership (issue 27: rounds are its)
        held = [r for r in workshop.needs.comparison() if r.respondents]
        value.append(t("brief.value_needs", L, n=held[-1].respondents))
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
