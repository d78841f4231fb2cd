"""The workshop's steps, in the order a workshop walks through them: the one registry.

Each step is a package here (`kit.steps.timeline`, ...) holding its pure logic, its data,
its store operations, its screens for the phone, the board and the facilitator app, and its
report parts, and exporting one declaration of them all, `STEP` (`kit.steps._step.Step`,
typed: mypy checks every part it names). The participant, board and facilitator apps show
whatever the registry says for the current step; adding a step is adding a package and one
line below.
"""

from __future__ import annotations

from kit.steps import follow_up, ground_rules, groups, ideas, needs, prepare, timeline, voting
from kit.steps._step import Step

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


def names(steps: tuple[Step, ...] | None = None) -> list[str]:
    return [s.name for s in registry(steps)]


__all__ = ["STEPS", "Step", "names", "registry", "step"]
