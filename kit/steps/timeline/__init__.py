"""Mapping the reception: cards for what the municipality and civil society already do, placed
on the refugees' timeline by area, with the gaps and overlaps the board points out; the offers
that stay current afterwards as the living overview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kit.steps._step import Step
from kit.steps.groups import topics as groups_topics
from kit.steps.prepare import topics as prepare_topics
from kit.steps.timeline import topics

if TYPE_CHECKING:
    from sqlalchemy import Table

    from kit.core.rows import Settings
    from kit.core.sheets import Sheet
    from kit.reports._blocks import Section
    from kit.steps._step import (
        Carrier,
        DocumentsPart,
        Filler,
        ScreenClass,
        StoreClass,
        SummaryPart,
        WorkbookPart,
    )


def _phone() -> ScreenClass:
    from kit.steps.timeline.phone import TimelinePhone

    return TimelinePhone


def _board() -> ScreenClass:
    from kit.steps.timeline.screens import TimelineBoard

    return TimelineBoard


def _facilitator() -> ScreenClass:
    from kit.steps.timeline.screens import TimelinePanel

    return TimelinePanel


def _sheets() -> tuple[Sheet, ...]:
    from kit.steps.timeline.sheets import CARDS

    return (CARDS,)


def _report() -> Section:
    from kit.steps.timeline.report import section

    return section

def _rehearse() -> Filler:
    from kit.steps.timeline.rehearse import fill

    return fill


def _workbook() -> WorkbookPart:
    from kit.steps.timeline.workbook import workbook_sheets

    return workbook_sheets


# actors and groups too: the board counts what changed since the workshop before (issue 27)
def _summary() -> SummaryPart:
    from kit.steps.timeline.summary import summary

    return summary


def _carry() -> Carrier:
    from kit.steps.timeline.carry import carry

    return carry


def _stores() -> dict[str, StoreClass]:
    from kit.steps.timeline.store import TimelineStore

    return {"timeline": TimelineStore}


def _settings() -> tuple[Settings[Any], ...]:
    from kit.steps.timeline.store import SETTINGS

    return (SETTINGS,)


def _documents() -> DocumentsPart:
    from kit.steps.timeline.report import documents

    return documents


def _tables() -> tuple[Table, ...]:
    from kit.steps.timeline.tables import TABLES

    return TABLES


STEP = Step("timeline", topics=frozenset({topics.CARDS, topics.FINDINGS, prepare_topics.ACTORS,
                                          groups_topics.GROUPS}),
            phone=_phone,
            phone_topics=frozenset({topics.CARDS}), board=_board, facilitator=_facilitator,
            sheets=_sheets, report=_report, rehearse=_rehearse, workbook=_workbook,
            stores=_stores, summary=_summary, documents=_documents, carry=_carry,
            settings=_settings, tables=_tables)

__all__ = ["STEP"]
