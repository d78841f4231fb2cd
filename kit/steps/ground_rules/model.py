"""The ground rules' data: the tasks the room sorts, the four ways a task can be divided,
the house rules, and what a partnership agreement takes over from them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.model import Category


class Division(StrEnum):
    """Who should do a task, as the room sorts it."""

    FRIVILLIGE = "frivillige"
    """Volunteers can do it."""
    FAGPERSON = "fagperson"
    """It takes a professional (paid staff with a duty of confidentiality and a mandate)."""
    SAMMEN = "sammen"
    """Together: a professional holds it, volunteers take part."""
    UDEN_KOMMUNE = "uden_kommune"
    """Civil society's own: the municipality keeps out."""

    @property
    def key(self) -> str:
        return f"rules.division.{self.value}"


class HouseRuleKind(StrEnum):
    """What a house rule is about: the three every collaboration needs, and any other."""

    KONTAKTPUNKT = "kontaktpunkt"
    """One contact point per case, so several volunteers do not each call the caseworker."""
    FORTROLIGHED = "fortrolighed"
    """What is confidential."""
    VIDEREGIVELSE = "videregivelse"
    """What a volunteer passes on, and to whom."""
    ANDET = "andet"

    @property
    def key(self) -> str:
        return f"rules.kind.{self.value}"


@dataclass(frozen=True)
class RuleTask:
    """A task or offer to divide: from a timeline card (`card_id`) or added in the step.
    `settled` is the facilitator's decision: "" while open, else a `Division` value."""

    id: str
    title: str
    category: Category | None = None
    card_id: str | None = None
    settled: str = ""


@dataclass(frozen=True)
class HouseRule:
    """One rule of how the collaboration works day to day; `agreed` once the room said yes."""

    id: str
    kind: HouseRuleKind
    text: str
    agreed: bool = False


@dataclass(frozen=True)
class GroundRules:
    """What the room settled, as a partnership agreement takes it over: the task titles
    per division, and the text of each agreed house rule."""

    tasks: dict[Division, tuple[str, ...]]
    house_rules: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.house_rules and not any(self.tasks.values())
