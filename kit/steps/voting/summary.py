"""The vote's lines in the report's one-page summary (`kit.reports.workshop.summary_blocks`):
the candidates ranked raw and sector-balanced, the chosen themes, and why the choice differs
from the vote where it does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._blocks import Block

if TYPE_CHECKING:
    from kit.workshop import Workshop


def summary(workshop: Workshop, language: str) -> list[Block]:
    from kit.reports._missing import missing
    from kit.steps.voting.report import tallies

    L = language
    out: list[Block] = []
    themes = workshop.ideas.themes()
    raw, balanced = tallies(workshop)
    rank = {r["theme_id"]: int(r["rank"]) for r in raw.to_dict("records")}
    fair = {r["theme_id"]: int(r["rank"]) for r in balanced.to_dict("records")}
    chosen = [th for th in themes if th.chosen]
    if rank:
        shown = sorted((th for th in themes if th.id in rank or th.chosen),
                       key=lambda th: rank.get(th.id, 999))
        out.append(Block("table", text=t("report.sum.themes", L),
                         header=(t("doc.theme", L), t("report.sum.rank_raw", L),
                                 t("report.sum.rank_fair", L), t("report.chosen", L)),
                         rows=tuple((th.label, f"{rank[th.id]}." if th.id in rank else
                                     t("report.sum.no_dots", L),
                                     f"{fair[th.id]}." if th.id in fair else
                                     t("report.sum.no_dots", L),
                                     t("xl.yes" if th.chosen else "xl.no", L))
                                    for th in shown)))
        top = {th.id for th in sorted(themes, key=lambda th: rank.get(th.id, 999))
               [:len(chosen)]} if chosen else set()
        passed = [th for th in themes if th.id in top and not th.chosen]
        lifted = [th for th in chosen if th.id not in top]
        for th in passed:
            out.append(Block("p", t("report.sum.passed", L, theme=th.label, rank=rank[th.id])))
        for th in lifted:
            out.append(Block("p", t("report.sum.lifted", L, theme=th.label, rank=rank[th.id])
                             if th.id in rank else
                             t("report.sum.lifted_no_dots", L, theme=th.label)))
        if passed or lifted:
            reason = workshop.voting.choice_reason().rstrip() or missing(
                L, t("report.sum.why", L))
            end = "" if reason[-1:] in ".!?" else "."
            out.append(Block("p", f"{t('report.sum.why', L)}: {reason}{end}"))
        elif chosen:
            out.append(Block("p", t("report.sum.as_voted", L)))
    elif chosen:
        out.append(Block("p", t("report.sum.chosen", L,
                                themes=", ".join(th.label for th in chosen))))
    return out
