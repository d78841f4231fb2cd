"""The working groups' lines in the report's one-page summary
(`kit.reports.workshop.summary_blocks`): the groups with their coordinators and first meetings,
then the next steps (open actions and first meetings) with their dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._blocks import Block

if TYPE_CHECKING:
    from kit.workshop import Workshop


def summary(workshop: Workshop, language: str) -> list[Block]:
    from kit.reports._docx import long_date, mid_sentence
    from kit.reports._missing import fact, missing
    from kit.steps.groups.meeting import first_meeting_text
    from kit.steps.groups.model import ActionStatus

    L = language
    out: list[Block] = []
    themes = workshop.ideas.themes()
    groups = workshop.groups()
    people = {p.id: p.name for p in workshop.participants()}
    labels = {th.id: th.label for th in themes}
    if groups:
        out.append(Block("table", text=t("report.groups", L),
                         header=(t("group.pick", L), t("doc.theme", L),
                                 t("group.coordinator", L), t("doc.members", L),
                                 t("group.first_meeting", L)),
                         rows=tuple((g.name, labels.get(g.theme_id, "") if g.theme_id
                                     else t("carry.continued", L),
                                     people.get(g.coordinator_id or "") or missing(
                                         L, fact(L, g.name, t("group.coordinator", L))),
                                     str(len(g.members)),
                                     first_meeting_text(g, L) or missing(
                                         L, fact(L, g.name, t("group.first_meeting", L))))
                                    for g in groups)))
    names = {g.id: g.name for g in groups}
    actions = [x for x in workshop.groups.actions() if x.status is not ActionStatus.DONE]
    actions.sort(key=lambda x: (x.due or "9999", x.title))
    steps = [Block("bullet", t("report.sum.action" if x.due else "report.sum.action_undated",
                               L, when=long_date(x.due, L) or missing(
                                   L, fact(L, f"»{x.title}«", t("action.due", L))),
                               what=x.title, who=x.owner or missing(
                                   L, fact(L, f"»{x.title}«", t("action.owner", L))),
                               group=names.get(x.group_id, ""))) for x in actions]
    steps += [Block("bullet", t("report.sum.first_meeting", L, group=g.name,
                                when=mid_sentence(first_meeting_text(g, L), L)))
              for g in groups if first_meeting_text(g, L)]
    if steps:
        out += [Block("h2", t("report.sum.next", L)), *steps]
    return out
