"""The ground rules' sheets of the exchange format: the tasks, the room's votes on them and
the house rules."""

from __future__ import annotations

from kit.core.model import MAX_DESCRIPTION, Category
from kit.core.sheets import MAX_ID, Column, Sheet, choice, ident
from kit.steps.ground_rules.model import Division, HouseRuleKind

RULE_TASKS = Sheet("rule_tasks", (
    ident(), Column("title"), Column("category", nullable=True, choices=tuple(Category)),
    Column("card_id", nullable=True, max_length=MAX_ID),
    Column("settled", choices=("", *Division), required=False),
), translated=True, optional=True)

RULE_VOTES = Sheet("rule_votes", (
    ident("participant_id"), ident("task_id"), choice("division", Division),
), key=("participant_id", "task_id"), optional=True,
   references=(("participant_id", "participants"), ("task_id", "rule_tasks")))

HOUSE_RULES = Sheet("house_rules", (
    ident(), choice("kind", HouseRuleKind),
    Column("text", max_length=MAX_DESCRIPTION, multiline=True), Column("agreed", "bool"),
), translated=True, optional=True)
