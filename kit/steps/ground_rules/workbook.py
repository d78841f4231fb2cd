"""The ground rules' sheets of the report's workbook: how the room divided each task
(counted, never who), and the house rules agreed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def workbook_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    from kit.steps.ground_rules.model import Division

    L = language
    store = workshop.ground_rules
    tasks = store.tasks()
    tallies = store.tally(tasks)
    return [Sheet(t("xl.rule_tasks", L),
                  [t("rules.task", L), t("rules.settled", L), *(t(d.key, L) for d in Division)],
                  [[x.title, t(Division(x.settled).key, L) if x.settled else t("rules.open", L),
                    *(tallies[x.id].counts[d] for d in Division)] for x in tasks]),
            Sheet(t("xl.house_rules", L), [t("xl.kind", L), t("rules.house_rules", L)],
                  [[t(r.kind.key, L), r.text] for r in store.house_rules() if r.agreed])]
