"""Working groups: the chosen themes become groups, participants give their wishes, an optimal
assignment forms the groups, each with a coordinator, terms of reference and follow-up actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kit.core.model import Topic as T
from kit.steps._step import Step
from kit.steps.groups import topics
from kit.steps.ideas import topics as ideas_topics

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
    from kit.steps.groups.phone import GroupsPhone

    return GroupsPhone


def _board() -> ScreenClass:
    from kit.steps.groups.screens import GroupsBoard

    return GroupsBoard


def _facilitator() -> ScreenClass:
    from kit.steps.groups.screens import GroupsPanel

    return GroupsPanel


def _sheets() -> tuple[Sheet, ...]:
    from kit.steps.groups.sheets import ACTIONS, GROUPS, INVITATIONS, MEMBERSHIPS, PREFERENCES

    return (PREFERENCES, GROUPS, MEMBERSHIPS, ACTIONS, INVITATIONS)


def _report() -> Section:
    from kit.steps.groups.report import section

    return section

def _rehearse() -> Filler:
    from kit.steps.groups.rehearse import fill

    return fill


def _workbook() -> WorkbookPart:
    from kit.steps.groups.workbook import workbook_sheets

    return workbook_sheets


def _summary() -> SummaryPart:
    from kit.steps.groups.summary import summary

    return summary


def _carry() -> Carrier:
    from kit.steps.groups.carry import carry

    return carry


# The follow-up actions too: the groups' store and editor keep them.
def _stores() -> dict[str, StoreClass]:
    from kit.steps.groups.store import GroupsStore

    return {"groups": GroupsStore}


def _settings() -> tuple[Settings[Any], ...]:
    from kit.steps.groups.store import SETTINGS

    return (SETTINGS,)


def _documents() -> DocumentsPart:
    from kit.steps.groups.report import documents

    return documents


def _tables() -> tuple[Table, ...]:
    from kit.steps.groups.tables import TABLES

    return TABLES


STEP = Step("groups", topics=frozenset({topics.PREFERENCES, topics.GROUPS, T.PARTICIPANTS,
                                        ideas_topics.THEMES}),
            phone=_phone, phone_topics=frozenset({ideas_topics.THEMES, topics.GROUPS}),
            board=_board,
            facilitator=_facilitator, sheets=_sheets, report=_report,
            rehearse=_rehearse, workbook=_workbook,
            stores=_stores, summary=_summary, documents=_documents, carry=_carry,
            settings=_settings, tables=_tables)

__all__ = ["STEP"]
