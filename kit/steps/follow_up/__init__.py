"""After the day: the groups' first meetings, the fora of the partnership with their members and
agendas, and the agreements and overviews the coordinator sends on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.model import Topic as T
from kit.steps._step import Step
from kit.steps.follow_up import topics
from kit.steps.groups import topics as groups_topics
from kit.steps.ideas import topics as ideas_topics
from kit.steps.prepare import topics as prepare_topics
from kit.steps.timeline import topics as timeline_topics

if TYPE_CHECKING:
    from sqlalchemy import Table

    from kit.core.sheets import Sheet
    from kit.reports._blocks import Section
    from kit.steps._step import Carrier, DocumentsPart, ScreenClass, StoreClass, WorkbookPart


def _phone() -> ScreenClass:
    from kit.steps.groups.phone import MyGroupPhone

    return MyGroupPhone


def _board() -> ScreenClass:
    from kit.steps.groups.screens import GroupsBoard

    return GroupsBoard


def _facilitator() -> ScreenClass:
    from kit.steps.follow_up.screens import FollowUpPanel

    return FollowUpPanel


def _sheets() -> tuple[Sheet, ...]:
    from kit.steps.follow_up.sheets import FORA, FORUM_MEMBERS

    return (FORA, FORUM_MEMBERS)


def _partnership_sheets() -> tuple[Sheet, ...]:
    from kit.steps.follow_up.sheets import MEETING_SHEETS

    return MEETING_SHEETS


def _report() -> Section:
    from kit.steps.follow_up.report import section

    return section

def _workbook() -> WorkbookPart:
    from kit.steps.follow_up.workbook import workbook_sheets

    return workbook_sheets


# CARDS: the living overview's offers are kept current here after the workshop. A phone
# shows its own group and the board the groups: the groups step's screens.
def _carry() -> Carrier:
    from kit.steps.follow_up.carry import carry

    return carry


def _stores() -> dict[str, StoreClass]:
    from kit.steps.follow_up.store import FollowUpStore

    return {"follow_up": FollowUpStore}


def _documents() -> DocumentsPart:
    from kit.steps.follow_up.report import documents

    return documents


def _tables() -> tuple[Table, ...]:
    from kit.steps.follow_up.tables import TABLES

    return TABLES


STEP = Step("follow_up",
            topics=frozenset({groups_topics.GROUPS, T.PARTICIPANTS, ideas_topics.THEMES,
                              prepare_topics.ACTORS, topics.FORA, timeline_topics.CARDS}),
            phone=_phone, phone_topics=frozenset({ideas_topics.THEMES, groups_topics.GROUPS}),
            board=_board,
            facilitator=_facilitator, sheets=_sheets, report=_report, workbook=_workbook,
            stores=_stores, carry=_carry, documents=_documents,
            partnership_sheets=_partnership_sheets, tables=_tables)

__all__ = ["STEP"]
