"""The workshop's steps, in the order a workshop walks through them: the one registry.

Each step is a package here (`kit.steps.timeline`, ...) holding its pure logic, its data,
its store operations, its screens for the phone, the board and the facilitator app, and its
report parts, and exporting one declaration of them all, `STEP` (`kit.steps._step.Step`,
typed: mypy checks every part it names). The participant, board and facilitator apps show
whatever the registry says for the current step; adding a step is adding a package and one
line below.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kit.steps import follow_up, ground_rules, groups, ideas, needs, prepare, timeline, voting
from kit.steps._step import Routes, Step, StoreClass

if TYPE_CHECKING:
    from sqlalchemy import Table

    from kit.core.db import Branch
    from kit.core.rows import Settings

STEPS: tuple[Step, ...] = (
    prepare.STEP,
    timeline.STEP,
    needs.STEP,
    ideas.STEP,
    ideas.THEMES_STEP,
    voting.STEP,
    groups.STEP,
    ground_rules.STEP,
    follow_up.STEP,
)


def registry(steps: tuple[Step, ...] | None = None) -> tuple[Step, ...]:
    """`steps` if given, else the registry as it is now (looked up when called, not when a
    caller was defined, so a test that swaps the registry reaches every app and the report)."""
    return STEPS if steps is None else steps


def step(name: str, steps: tuple[Step, ...] | None = None) -> Step | None:
    """The step called `name` (a workshop's phase), or None for one this kit does not know."""
    return next((s for s in registry(steps) if s.name == name), None)


def comes_after(phase: str, other: str, steps: tuple[Step, ...] | None = None) -> bool:
    """Whether a workshop reaches the step `phase` after the step `other` (False for a name
    the registry does not know)."""
    order = names(steps)
    return phase in order and other in order and order.index(phase) > order.index(other)


def first(steps: tuple[Step, ...] | None = None) -> str:
    """The step a new workshop starts in."""
    return registry(steps)[0].name


Phase = StrEnum("Phase", [(s.name.upper(), s.name) for s in STEPS])  # type: ignore[misc]
"""The registry's step names as an enum, for scripts and notebooks (`Phase.VOTING`); the kit
itself names a step by its string."""


def stores(steps: tuple[Step, ...] | None = None) -> dict[str, StoreClass]:
    """Every step's stores in the registry's order, by the attribute the workshop handle gives
    each (`workshop.prepare`, `workshop.invites`, `workshop.timeline`, ...): what
    `kit.workshop.Workshop` builds, so a new step's store is its package's `stores` hook."""
    out: dict[str, StoreClass] = {}
    for each in registry(steps):
        out.update({} if each.stores is None else each.stores())
    return out


def settings(steps: tuple[Step, ...] | None = None) -> tuple[Settings[Any], ...]:
    """Every step's settings tables (one row per workshop each) in the registry's order."""
    return tuple(table for each in registry(steps) if each.settings is not None
                 for table in each.settings())


def tables(steps: tuple[Step, ...] | None = None) -> tuple[Table, ...]:
    """Every step's own tables (declared in its folder), in the registry's order: loading
    them declares them on `kit.core.schema.metadata`, where a purge and an import look."""
    return tuple(table for each in registry(steps) if each.tables is not None
                 for table in each.tables())


def routes(steps: tuple[Step, ...] | None = None) -> Routes:
    """Every step's plain pages (no kernel) in the registry's order: what the participant
    server answers besides the kit's own (`kit._voila_app`)."""
    return tuple(route for each in registry(steps) if each.routes is not None
                 for route in each.routes())


def branches(steps: tuple[Step, ...] | None = None) -> tuple[Branch, ...]:
    """Every step's own Alembic branch, in the registry's order: what opening a store
    brings to its head besides the core's."""
    return tuple(each.migrations for each in registry(steps) if each.migrations is not None)


def names(steps: tuple[Step, ...] | None = None) -> list[str]:
    return [s.name for s in registry(steps)]


__all__ = ["STEPS", "Phase", "Step", "branches", "comes_after", "first", "names", "registry",
           "routes", "settings", "step", "stores", "tables"]
