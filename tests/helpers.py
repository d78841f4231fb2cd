"""Helpers the tests import (a module of its own: two `conftest` modules would collide)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample-data" / "workshop"


def require_or_skip(env_flag: str, reason: str) -> None:
    """Skip, unless CI said this part is required: then fail instead of hiding."""
    if os.environ.get(env_flag) == "1":
        pytest.fail(f"{reason} (required because {env_flag}=1)")
    pytest.skip(reason)


def open_vote(store, title: str, labels=("Bolig", "Sprog"), dots: int = 2):
    """A workshop of `store` in the voting step with the vote open on two candidate themes,
    as a browser test needs it before its phones join."""
    w = store.create_workshop(title, "Aarhus")
    w.set_phase("themes")
    for label in labels:
        w.ideas.select_theme(w.add_theme(label).id)
    w.set_phase("voting")
    w.voting.configure_voting(dots_per_participant=dots)
    w.voting.open_voting()
    return w


def until(condition, timeout: float = 60.0, every: float = 0.1) -> bool:
    """Whether `condition()` came true within `timeout` seconds (asked every `every`): a
    test waits for the store to show what a browser did, never for a fixed time."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(every)


def edited_copy(source, target, sheet: str, edit):
    """A copy of the CSV folder `source` at `target` whose `sheet` went through `edit` (rows
    in, rows out; None deletes the sheet): a hand-edited file, for the import's refusals."""
    import csv
    import shutil

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    path = target / f"{sheet}.csv"
    with path.open(encoding="utf-8") as f:
        rows = edit(list(csv.reader(f)))
    if rows is None:
        path.unlink()
    else:
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return target


def set_cell(row_index: int, column: str, value):
    """An `edited_copy` edit: one cell of a sheet set to `value`."""
    def edit(rows):
        rows[row_index][rows[0].index(column)] = value
        return rows
    return edit
