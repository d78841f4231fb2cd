"""The workshop's steps, in the order a workshop walks through them: the one registry.

Each step is a package here (`kit.steps.timeline`, ...) holding its pure logic, its data,
its store operations, its screens for the phone, the board and the facilitator app, and its
report parts. The participant, board and facilitator apps show whatever the registry says
for the current step; adding a step is adding a package and one line below.
"""

from __future__ import annotations

from kit.core.model import Topic as T
from kit.steps._step import Step, load

STEPS: tuple[Step, ...] = (
    Step("prepare", topics=frozenset({T.ACTORS, T.PARTICIPANTS}),
         facilitator="kit.steps.prepare.screens:PreparePanel",
         sheets=("kit.steps.prepare.sheets:ACTORS",),
         report="kit.steps.prepare.report:section"),
    Step("timeline", topics=frozenset({T.CARDS, T.FINDINGS}),
         phone="kit.steps.timeline.phone:TimelinePhone", phone_topics=frozenset({T.CARDS}),
         board="kit.steps.timeline.screens:TimelineBoard",
         facilitator="kit.steps.timeline.screens:TimelinePanel",
         sheets=("kit.steps.timeline.sheets:CARDS",),
         report="kit.steps.timeline.report:section"),
    # The refugees' own needs, anonymous; also answered from /needs/<CODE> between workshops.
    Step("needs", topics=frozenset({T.NEEDS, T.CARDS}), phone="kit.steps.needs.phone:NeedsPhone",
         board="kit.steps.needs.screens:NeedsBoard",
         facilitator="kit.steps.needs.screens:NeedsPanel",
         sheets=("kit.steps.needs.sheets:NEED_ANSWERS",),
         report="kit.steps.needs.report:section"),
    Step("ideas", topics=frozenset({T.IDEAS}), phone="kit.steps.ideas.phone:IdeasPhone",
         phone_topics=frozenset({T.IDEAS}),
         board="kit.steps.ideas.screens:IdeasBoard",
         facilitator="kit.steps.ideas.screens:IdeasPanel",
         sheets=("kit.steps.ideas.sheets:IDEAS",)),
    Step("themes", topics=frozenset({T.IDEAS, T.THEMES}),
         board="kit.steps.ideas.screens:ThemesBoard",
         facilitator="kit.steps.ideas.screens:ThemesPanel",
         sheets=("kit.steps.ideas.sheets:THEMES",),
         report="kit.steps.ideas.report:section"),
    Step("voting", topics=frozenset({T.VOTES, T.THEMES, T.PARTICIPANTS}),
         # Not on votes: a phone shows only its own dots (bench/load.py: board lag p95
         # 10.6 s when 150 phones redrew for every dot).
         phone="kit.steps.voting.phone:VotingPhone", phone_topics=frozenset({T.THEMES}),
         board="kit.steps.voting.screens:VotingBoard",
         facilitator="kit.steps.voting.screens:VotingPanel",
         sheets=("kit.steps.voting.sheets:VOTES",),
         report="kit.steps.voting.report:section"),
    Step("groups", topics=frozenset({T.PREFERENCES, T.GROUPS, T.PARTICIPANTS, T.THEMES}),
         phone="kit.steps.groups.phone:GroupsPhone",
         phone_topics=frozenset({T.THEMES, T.GROUPS}), board="kit.steps.groups.screens:GroupsBoard",
         facilitator="kit.steps.groups.screens:GroupsPanel",
         # the follow-up actions too: the groups' store and editor keep them
         sheets=("kit.steps.groups.sheets:PREFERENCES", "kit.steps.groups.sheets:GROUPS",
                 "kit.steps.groups.sheets:MEMBERSHIPS", "kit.steps.groups.sheets:ACTIONS",
                 "kit.steps.groups.sheets:INVITATIONS"),
         report="kit.steps.groups.report:section"),
    # Who does which task, and the house rules: what the partnership agreement takes over.
    Step("ground_rules", topics=frozenset({T.RULES, T.PARTICIPANTS}),
         # a vote is the voter's own change (its bump names the owner): other phones do not
         # redraw for it, only the board, which counts them
         phone="kit.steps.ground_rules.phone:GroundRulesPhone",
         phone_topics=frozenset({T.RULES}),
         board="kit.steps.ground_rules.screens:GroundRulesBoard",
         facilitator="kit.steps.ground_rules.screens:GroundRulesPanel",
         sheets=("kit.steps.ground_rules.sheets:RULE_TASKS",
                 "kit.steps.ground_rules.sheets:RULE_VOTES",
                 "kit.steps.ground_rules.sheets:HOUSE_RULES"),
         report="kit.steps.ground_rules.report:section"),
    Step("follow_up",
         # CARDS: the living overview's offers are kept current here after the workshop
         topics=frozenset({T.GROUPS, T.PARTICIPANTS, T.THEMES, T.ACTORS, T.FORA, T.CARDS}),
         phone="kit.steps.groups.phone:MyGroupPhone",
         phone_topics=frozenset({T.THEMES, T.GROUPS}), board="kit.steps.groups.screens:GroupsBoard",
         facilitator="kit.steps.follow_up.screens:FollowUpPanel",
         sheets=("kit.steps.follow_up.sheets:FORA", "kit.steps.follow_up.sheets:FORUM_MEMBERS"),
         report="kit.steps.follow_up.report:section"),
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


__all__ = ["STEPS", "Step", "load", "names", "registry", "step"]
