"""Preparing the workshop: the register of actors already at work (organisations, departments,
contact people), who is invited, and whether the room's sectors are in balance before the day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kit.core.model import Topic as T
from kit.steps._step import Step
from kit.steps.prepare import topics

if TYPE_CHECKING:
    from sqlalchemy import Table

    from kit.core.rows import Settings
    from kit.core.sheets import Sheet
    from kit.reports._blocks import Section
    from kit.steps._step import Carrier, Routes, ScreenClass, StoreClass, WorkbookPart


def _facilitator() -> ScreenClass:
    from kit.steps.prepare.screens import PreparePanel

    return PreparePanel


def _sheets() -> tuple[Sheet, ...]:
    from kit.steps.prepare.sheets import ACTORS

    return (ACTORS,)


def _report() -> Section:
    from kit.steps.prepare.report import section

    return section

def _workbook() -> WorkbookPart:
    from kit.steps.prepare.workbook import workbook_sheets

    return workbook_sheets


def _carry() -> Carrier:
    from kit.steps.prepare.carry import carry

    return carry


def _stores() -> dict[str, StoreClass]:
    from kit.steps.prepare.invites import InvitesStore
    from kit.steps.prepare.store import PrepareStore

    # `invites` (issue 27): the purpose, invitations and RSVPs
    return {"prepare": PrepareStore, "invites": InvitesStore}


def _settings() -> tuple[Settings[Any], ...]:
    from kit.steps.prepare.invites import DETAILS
    from kit.steps.prepare.store import SETTINGS

    return (SETTINGS, DETAILS)


def _tables() -> tuple[Table, ...]:
    from kit.steps.prepare.tables import TABLES

    return TABLES


def _routes() -> Routes:
    from kit.steps.prepare.rsvp_route import ROUTES

    return ROUTES


STEP = Step("prepare", topics=frozenset({topics.ACTORS, T.PARTICIPANTS}), facilitator=_facilitator,
            sheets=_sheets, report=_report, workbook=_workbook,
            stores=_stores, carry=_carry, settings=_settings, tables=_tables,
            routes=_routes)
"""No phone or board screen: before the day the room is not there yet."""

__all__ = ["STEP"]
