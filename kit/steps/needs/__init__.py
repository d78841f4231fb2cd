"""The refugees' own needs: a short anonymous check by area, in the workshop or from a
standalone link, set against the timeline's offers and compared over time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.steps._step import Step
from kit.steps.needs import topics
from kit.steps.timeline import topics as timeline_topics

if TYPE_CHECKING:
    from sqlalchemy import Table

    from kit.core.sheets import Sheet
    from kit.reports._blocks import Section
    from kit.steps._step import Filler, ScreenClass, StoreClass, WorkbookPart


def _phone() -> ScreenClass:
    from kit.steps.needs.phone import NeedsPhone

    return NeedsPhone


def _board() -> ScreenClass:
    from kit.steps.needs.screens import NeedsBoard

    return NeedsBoard


def _facilitator() -> ScreenClass:
    from kit.steps.needs.screens import NeedsPanel

    return NeedsPanel


def _sheets() -> tuple[Sheet, ...]:
    from kit.steps.needs.sheets import NEED_ANSWERS

    return (NEED_ANSWERS,)


def _report() -> Section:
    from kit.steps.needs.report import section

    return section

def _rehearse() -> Filler:
    from kit.steps.needs.rehearse import fill

    return fill


def _workbook() -> WorkbookPart:
    from kit.steps.needs.workbook import workbook_sheets

    return workbook_sheets


# The refugees' own needs, anonymous; also answered from /needs/<CODE> between workshops.
def _stores() -> dict[str, StoreClass]:
    from kit.steps.needs.store import NeedsStore

    return {"needs": NeedsStore}


def _tables() -> tuple[Table, ...]:
    from kit.steps.needs.tables import TABLES

    return TABLES


STEP = Step("needs", topics=frozenset({topics.NEEDS, timeline_topics.CARDS}), phone=_phone,
            board=_board,
            facilitator=_facilitator, sheets=_sheets, report=_report,
            rehearse=_rehearse, workbook=_workbook,
            stores=_stores, tables=_tables)

__all__ = ["STEP"]
