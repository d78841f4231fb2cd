"""The ground rules in the store: the tasks to divide (from the timeline's cards or added),
the room's votes on them, the facilitator's settlement, and the house rules."""

from __future__ import annotations

from typing import overload

from kit.core import errors
from kit.core.base import ParticipantRef, _participant_id, bump, new_id
from kit.core.context import StepStore
from kit.core.db import Row, Tx
from kit.core.model import MAX_DESCRIPTION, MAX_TITLE, Category
from kit.core.rows import Table
from kit.core.validate import clean_choice, clean_text
from kit.i18n import t
from kit.steps.ground_rules import topics
from kit.steps.ground_rules.errors import TaskSettled, UnknownHouseRule, UnknownTask
from kit.steps.ground_rules.logic import TaskTally, ground_rules, tally
from kit.steps.ground_rules.model import (
    Division,
    GroundRules,
    HouseRule,
    HouseRuleKind,
    RuleTask,
)

TASKS: Table[RuleTask] = Table("rule_tasks", RuleTask)
HOUSE_RULES: Table[HouseRule] = Table("house_rules", HouseRule)

SUGGESTED = (HouseRuleKind.KONTAKTPUNKT, HouseRuleKind.FORTROLIGHED,
             HouseRuleKind.VIDEREGIVELSE)
"""The house rules every collaboration needs a line on; `draft_house_rules` writes a first
wording of each (`rules.draft.<kind>` in the catalog) for the room to change."""


class GroundRulesStore(StepStore):
    """Tasks, votes and house rules of the ground rules, in the store (`workshop.ground_rules`)."""

    # -- tasks ----------------------------------------------------------------------------
    def tasks(self) -> list[RuleTask]:
        rows = self._db.read("SELECT * FROM rule_tasks WHERE workshop_id = :w", {"w": self.id})
        order = {c.value: n for n, c in enumerate(Category)}
        rows.sort(key=lambda r: (order.get(r["category"] or "", len(order)), r["title"], r["id"]))
        return [TASKS.load(r) for r in rows]

    def add_task(self, title: str, category: Category | str | None = None) -> RuleTask:
        """A task to divide that is not on the timeline (facilitator)."""
        task = RuleTask(new_id("r"), clean_text(title, field="title", max_length=MAX_TITLE),
                        None if category in (None, "") else
                        clean_choice(category, Category, field="category"))
        def work(tx: Tx) -> RuleTask:
            tx.run(TASKS.insert(), TASKS.values(task, self.id))
            return task

        return self.ctx.as_facilitator(work, topics.RULES)

    def import_cards(self) -> list[RuleTask]:
        """A task for each current card of the timeline that has none yet (facilitator);
        returns the new ones. Run again after cards were added: nothing is doubled."""
        def work(tx: Tx) -> list[RuleTask]:
            have = {r["card_id"] for r in tx.rows(
                "SELECT card_id FROM rule_tasks WHERE workshop_id = :w", {"w": self.id})}
            cards = sorted((c for c in self.workshop.timeline.cards(tx) if not c.retired),
                           key=lambda c: (c.start_week, c.id))
            made = [RuleTask(new_id("r"), c.title, Category(c.category), c.id)
                    for c in cards if c.id not in have]
            tx.many(TASKS.insert(), [TASKS.values(task, self.id) for task in made])
            return made

        return self.ctx.as_facilitator(work, topics.RULES)

    def delete_task(self, task_id: str) -> None:
        def work(tx: Tx) -> None:
            self.ctx.row(tx, "rule_tasks", task_id, UnknownTask)
            q = {"w": self.id, "t": str(task_id)}
            tx.run("DELETE FROM rule_votes WHERE workshop_id = :w AND task_id = :t", q)
            tx.run("DELETE FROM rule_tasks WHERE workshop_id = :w AND id = :t", q)

        self.ctx.as_facilitator(work, topics.RULES)

    def settle(self, task_id: str, division: Division | str | None) -> None:
        """The facilitator's decision on a task after the room's vote; None reopens it."""
        value = "" if division in (None, "") else clean_choice(division, Division,
                                                               field="division").value

        def work(tx: Tx) -> None:
            self.ctx.row(tx, "rule_tasks", task_id, UnknownTask)
            tx.run("UPDATE rule_tasks SET settled = :s WHERE workshop_id = :w AND id = :t",
                   {"s": value, "w": self.id, "t": str(task_id)})

        self.ctx.as_facilitator(work, topics.RULES)

    # -- the room's votes -----------------------------------------------------------------
    def vote(self, participant: ParticipantRef, task_id: str,
             division: Division | str | None) -> None:
        """A participant's view of who should do a task (None takes it back); one per task,
        a new one replaces the last. Only while the step is open and the task unsettled."""
        pid = _participant_id(participant)
        value = None if division in (None, "") else clean_choice(division, Division,
                                                                 field="division").value

        def work(tx: Tx) -> None:
            self.ctx.step_check(tx, "ground_rules")
            if tx.one("SELECT id FROM participants WHERE workshop_id = :w AND id = :p",
                      {"w": self.id, "p": pid}) is None:
                raise errors.UnknownParticipant()
            task = self.ctx.row(tx, "rule_tasks", task_id, UnknownTask)
            if task["settled"]:
                raise TaskSettled()
            q = {"w": self.id, "p": pid, "t": str(task_id), "d": value}
            tx.run("DELETE FROM rule_votes WHERE workshop_id = :w AND participant_id = :p AND "
                   "task_id = :t", q)
            if value is not None:
                tx.run("INSERT INTO rule_votes (workshop_id, participant_id, task_id, division) "
                       "VALUES (:w, :p, :t, :d)", q)
            bump(tx, self.id, topics.RULES, owner=pid)

        self._db.write(work)

    @overload
    def votes(self, participant: None = None) -> list[Row]: ...
    @overload
    def votes(self, participant: ParticipantRef) -> dict[str, str]: ...

    def votes(self, participant: ParticipantRef | None = None) -> dict[str, str] | list[Row]:
        """One participant's division per task; without one, every vote row."""
        if participant is None:
            return self._db.read("SELECT participant_id, task_id, division FROM rule_votes "
                                 "WHERE workshop_id = :w ORDER BY participant_id, task_id",
                                 {"w": self.id})
        rows = self._db.read("SELECT task_id, division FROM rule_votes WHERE workshop_id = :w "
                             "AND participant_id = :p",
                             {"w": self.id, "p": _participant_id(participant)})
        return {r["task_id"]: r["division"] for r in rows}

    def tally(self, tasks: list[RuleTask] | None = None) -> dict[str, TaskTally]:
        """The room's votes per task (see `kit.steps.ground_rules.logic.tally`)."""
        return tally(self.tasks() if tasks is None else tasks,
                     ((r["task_id"], r["division"]) for r in self.votes()))

    # -- house rules ----------------------------------------------------------------------
    def house_rules(self) -> list[HouseRule]:
        rows = self._db.read("SELECT * FROM house_rules WHERE workshop_id = :w", {"w": self.id})
        order = {k.value: n for n, k in enumerate(HouseRuleKind)}
        rows.sort(key=lambda r: (order.get(r["kind"], len(order)), r["id"]))
        return [HOUSE_RULES.load(r) for r in rows]

    def add_house_rule(self, text: str, kind: HouseRuleKind | str = HouseRuleKind.ANDET,
                       agreed: bool = False) -> HouseRule:
        rule = HouseRule(new_id("h"), clean_choice(kind, HouseRuleKind, field="kind"),
                         _rule_text(text), bool(agreed))
        def work(tx: Tx) -> HouseRule:
            tx.run(HOUSE_RULES.insert(), HOUSE_RULES.values(rule, self.id))
            return rule

        return self.ctx.as_facilitator(work, topics.RULES)

    def draft_house_rules(self, language: str = "da") -> list[HouseRule]:
        """A first wording of each rule every collaboration needs (one contact point per
        case, confidentiality, what a volunteer passes on and to whom) that the workshop has
        no rule of yet, for the room to change and agree on."""
        def work(tx: Tx) -> list[HouseRule]:
            have = {r["kind"] for r in tx.rows("SELECT kind FROM house_rules WHERE "
                                               "workshop_id = :w", {"w": self.id})}
            made = [HouseRule(new_id("h"), kind, t(f"rules.draft.{kind.value}", language))
                    for kind in SUGGESTED if kind.value not in have]
            tx.many(HOUSE_RULES.insert(), [HOUSE_RULES.values(r, self.id) for r in made])
            return made

        return self.ctx.as_facilitator(work, topics.RULES)

    def update_house_rule(self, rule_id: str, text: str | None = None,
                          agreed: bool | None = None) -> None:
        clean = None if text is None else _rule_text(text)

        def work(tx: Tx) -> None:
            row = self.ctx.row(tx, "house_rules", rule_id, UnknownHouseRule)
            tx.run("UPDATE house_rules SET text = :x, agreed = :a WHERE workshop_id = :w AND "
                   "id = :i", {"x": row["text"] if clean is None else clean,
                               "a": bool(row["agreed"]) if agreed is None else bool(agreed),
                               "w": self.id, "i": str(rule_id)})

        self.ctx.as_facilitator(work, topics.RULES)

    def delete_house_rule(self, rule_id: str) -> None:
        def work(tx: Tx) -> None:
            self.ctx.row(tx, "house_rules", rule_id, UnknownHouseRule)
            tx.run("DELETE FROM house_rules WHERE workshop_id = :w AND id = :i",
                   {"w": self.id, "i": str(rule_id)})

        self.ctx.as_facilitator(work, topics.RULES)

    # -- the result -----------------------------------------------------------------------
    def settled(self) -> GroundRules:
        """What the room settled: the tasks per division and the agreed house rules, as the
        partnership agreement and the report take them over."""
        return ground_rules(self.tasks(), self.house_rules())


def _rule_text(text: object) -> str:
    return clean_text(text, field="text", max_length=MAX_DESCRIPTION, multiline=True)
