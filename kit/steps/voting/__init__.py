"""Prioritising: dot voting on the themes, opened, closed and revealed by the facilitator, with
totals per theme and per sector (never a named person's dots)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kit.core.model import Topic as T
from kit.steps._step import Step
from kit.steps.ideas import topics as ideas_topics
from kit.steps.voting import topics

if TYPE_CHECKING:
    from sqlalchemy import Table

    from kit.core.rows import Settings
    from kit.core.sheets import Sheet
    from kit.reports._blocks import Section
    from kit.steps._step import Filler, ScreenClass, StoreClass, SummaryPart, WorkbookPart


def _phone() -> ScreenClass:
    from kit.steps.voting.phone import VotingPhone

    return VotingPhone


def _board() -> ScreenClass:
    from kit.steps.voting.screens import VotingBoard

    return VotingBoard


def _facilitator() -> ScreenClass:
    from kit.steps.voting.screens import VotingPanel

    return VotingPanel


def _sheets() -> tuple[Sheet, ...]:
    from kit.steps.voting.sheets import VOTES

    return (VOTES,)


def _report() -> Section:
    from kit.steps.voting.report import section

    return section

def _rehearse() -> Filler:
    from kit.steps.voting.rehearse import fill

    return fill


def _workbook() -> WorkbookPart:
    from kit.steps.voting.workbook import workbook_sheets

    return workbook_sheets


# Not on votes: a phone shows only its own dots (bench/load.py: board lag p95 10.6 s when
# 150 phones redrew for every dot).
def _summary() -> SummaryPart:
    from kit.steps.voting.summary import summary

    return summary


def _stores() -> dict[str, StoreClass]:
    from kit.steps.voting.store import VotingStore

    return {"voting": VotingStore}


def _settings() -> tuple[Settings[Any], ...]:
    from kit.steps.voting.store import SETTINGS

    return (SETTINGS,)


def _tables() -> tuple[Table, ...]:
    from kit.steps.voting.tables import TABLES

    return TABLES


STEP = Step("voting", topics=frozenset({topics.VOTES, ideas_topics.THEMES, T.PARTICIPANTS}),
            phone=_phone,
            phone_topics=frozenset({ideas_topics.THEMES}), board=_board, facilitator=_facilitator,
            sheets=_sheets, report=_report, rehearse=_rehearse, workbook=_workbook,
            stores=_stores, summary=_summary, settings=_settings, tables=_tables)

__all__ = ["STEP"]
