"""Ideas and themes: notes written on phones in answer to the step's questions, then gathered
into themes (with suggested groupings and placement of late notes) that the room votes on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.steps._step import Step
from kit.steps.ideas import topics

if TYPE_CHECKING:
    from sqlalchemy import Table

    from kit.core.sheets import Sheet
    from kit.reports._blocks import Section
    from kit.steps._step import Filler, ScreenClass, StoreClass, WorkbookPart


def _phone() -> ScreenClass:
    from kit.steps.ideas.phone import IdeasPhone

    return IdeasPhone


def _board() -> ScreenClass:
    from kit.steps.ideas.screens import IdeasBoard

    return IdeasBoard


def _facilitator() -> ScreenClass:
    from kit.steps.ideas.screens import IdeasPanel

    return IdeasPanel


def _sheets() -> tuple[Sheet, ...]:
    from kit.steps.ideas.sheets import IDEAS

    return (IDEAS,)


def _themes_board() -> ScreenClass:
    from kit.steps.ideas.screens import ThemesBoard

    return ThemesBoard


def _themes_facilitator() -> ScreenClass:
    from kit.steps.ideas.screens import ThemesPanel

    return ThemesPanel


def _themes_sheets() -> tuple[Sheet, ...]:
    from kit.steps.ideas.sheets import THEMES

    return (THEMES,)


def _themes_report() -> Section:
    from kit.steps.ideas.report import section

    return section

def _rehearse() -> Filler:
    from kit.steps.ideas.rehearse import fill

    return fill


def _workbook() -> WorkbookPart:
    from kit.steps.ideas.workbook import idea_sheets

    return idea_sheets


def _themes_workbook() -> WorkbookPart:
    from kit.steps.ideas.workbook import theme_sheets

    return theme_sheets


def _stores() -> dict[str, StoreClass]:
    from kit.steps.ideas.store import IdeasStore

    return {"ideas": IdeasStore}


def _tables() -> tuple[Table, ...]:
    from kit.steps.ideas.tables import TABLES

    return TABLES


STEP = Step("ideas", topics=frozenset({topics.IDEAS}), phone=_phone,
            phone_topics=frozenset({topics.IDEAS}),
            board=_board, facilitator=_facilitator, sheets=_sheets,
            rehearse=_rehearse, workbook=_workbook,
            stores=_stores, tables=_tables)
"""Writing notes. No report section of its own: the notes are reported with their themes."""

THEMES_STEP = Step("themes", topics=frozenset({topics.IDEAS, topics.THEMES}), board=_themes_board,
                   facilitator=_themes_facilitator, sheets=_themes_sheets,
                   report=_themes_report, workbook=_themes_workbook)
"""Gathering the notes into themes: the facilitator's work, watched on the board (phones
wait for the vote)."""

__all__ = ["STEP", "THEMES_STEP"]
