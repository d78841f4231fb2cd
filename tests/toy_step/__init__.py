"""A toy step, as a new contributor writes one: this folder plus one registry line.

The tests (`tests/test_step_folder.py`) copy this folder into a temporary directory on
`sys.path` and add `STEP` to the registry; nothing else in the kit is touched. It has
every part a step can have that a workshop's room sees: phone, board and console screens,
its own table and that table's migration, an exchange sheet, a report section, a sheet in
the report's workbook, a rehearsal filler and a store."""

from __future__ import annotations

from pathlib import Path

from kit.core.db import Branch
from kit.core.model import Topic
from kit.steps._step import Step


def _phone():
    from toy_step.screens import ToyPhone

    return ToyPhone


def _board():
    from toy_step.screens import ToyBoard

    return ToyBoard


def _facilitator():
    from toy_step.screens import ToyPanel

    return ToyPanel


def _tables():
    from toy_step.tables import TOYS

    return (TOYS,)


def _sheets():
    from toy_step.sheets import TOYS

    return (TOYS,)


def _report():
    from toy_step.report import section

    return section


def _workbook():
    from toy_step.report import workbook_sheets

    return workbook_sheets


def _documents():
    from toy_step.report import documents

    return documents


def _rehearse():
    from toy_step.report import fill

    return fill


def _stores():
    from toy_step.store import ToyStore

    return {"toy": ToyStore}


STEP = Step("toy", topics=frozenset({Topic.PARTICIPANTS}),
            phone_topics=frozenset({Topic.PARTICIPANTS}),
            phone=_phone, board=_board, facilitator=_facilitator, tables=_tables,
            migrations=Branch(Path(__file__).parent / "migrations", "toy_0001"),
            sheets=_sheets, report=_report, workbook=_workbook, rehearse=_rehearse,
            stores=_stores, documents=_documents)
