"""Ground rules: who does which task (volunteers, a professional, together, or not the
municipality) and the house rules of the collaboration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.model import Topic as T
from kit.steps._step import Step
from kit.steps.ground_rules import topics

if TYPE_CHECKING:
    from sqlalchemy import Table

    from kit.core.sheets import Sheet
    from kit.reports._blocks import Section
    from kit.steps._step import Filler, ScreenClass, StoreClass, WorkbookPart


def _phone() -> ScreenClass:
    from kit.steps.ground_rules.phone import GroundRulesPhone

    return GroundRulesPhone


def _board() -> ScreenClass:
    from kit.steps.ground_rules.screens import GroundRulesBoard

    return GroundRulesBoard


def _facilitator() -> ScreenClass:
    from kit.steps.ground_rules.screens import GroundRulesPanel

    return GroundRulesPanel


def _sheets() -> tuple[Sheet, ...]:
    from kit.steps.ground_rules.sheets import HOUSE_RULES, RULE_TASKS, RULE_VOTES

    return (RULE_TASKS, RULE_VOTES, HOUSE_RULES)


def _report() -> Section:
    from kit.steps.ground_rules.report import section

    return section

def _rehearse() -> Filler:
    from kit.steps.ground_rules.rehearse import fill

    return fill


def _workbook() -> WorkbookPart:
    from kit.steps.ground_rules.workbook import workbook_sheets

    return workbook_sheets


# A vote is the voter's own change (its bump names the owner): other phones do not redraw
# for it, only the board, which counts them.
def _stores() -> dict[str, StoreClass]:
    from kit.steps.ground_rules.store import GroundRulesStore

    return {"ground_rules": GroundRulesStore}


def _tables() -> tuple[Table, ...]:
    from kit.steps.ground_rules.tables import TABLES

    return TABLES


STEP = Step("ground_rules", topics=frozenset({topics.RULES, T.PARTICIPANTS}), phone=_phone,
            phone_topics=frozenset({topics.RULES}), board=_board, facilitator=_facilitator,
            sheets=_sheets, report=_report, rehearse=_rehearse, workbook=_workbook,
            stores=_stores, tables=_tables)

__all__ = ["STEP"]
