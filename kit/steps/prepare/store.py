"""Around the workshop, in the store: the actor register, the answers to the co-creation
check, and the fora of the local organisation with their members (all facilitator actions,
one transaction each). What the register and the fora mean is `kit.organisation` (pure).
"""

from __future__ import annotations

import json
from typing import Any

from kit.core import errors
from kit.core.base import _plain, new_id
from kit.core.context import StepStore
from kit.core.db import Tx
from kit.core.model import MAX_NAME, MAX_TERMS, MAX_TITLE, Sector, Topic
from kit.core.rows import Settings, Table, assignments
from kit.core.validate import clean_choice, clean_sector, clean_text
from kit.steps.follow_up import topics as follow_up_topics
from kit.steps.groups import topics as groups_topics
from kit.steps.prepare import topics
from kit.steps.prepare.errors import (
    BranchCycle,
    BranchHasBranches,
    BranchOfItself,
    BranchTooDeep,
    UnknownActor,
)
from kit.steps.prepare.model import Actor, PrepareSettings, kind_key

ACTORS: Table[Actor] = Table("actors", Actor)
SETTINGS: Settings[PrepareSettings] = Settings("prepare_settings", PrepareSettings)


def clean_actor(name: object, kind: object, sector: object, contact: object = "",
                remarks: object = "", listed: object = False,
                refugee_background: object = False,
                parent_id: object = None) -> dict[str, Any]:
    if refugee_background is True and clean_sector(sector) is not Sector.CIVILSAMFUND:
        # the reception corps volunteers: civil society, and refugees taking part
        raise errors.RefugeeVolunteerSector()
    return {"name": clean_text(name, field="name", max_length=MAX_TITLE),
            "kind": kind_key(clean_text(kind, field="kind", max_length=MAX_NAME)),
            "sector": clean_sector(sector),
            "contact": clean_text(contact, field="contact", max_length=MAX_TITLE,
                                  required=False),
            "remarks": clean_text(remarks, field="remarks", max_length=MAX_TERMS,
                                  required=False, multiline=True),
            # only a plain yes lists an actor publicly: anything else keeps it off
            "listed": listed is True,
            # likewise a plain yes: a role is never guessed from a stray value
            "refugee_background": refugee_background is True,
            # which actor it is a branch of is checked against the register (`_check_branch`)
            "parent_id": (clean_text(parent_id, field="parent_id", max_length=MAX_NAME)
                          if parent_id else None)}


def branch_problem(actor_id: str, parent_id: str | None,
                   parents: dict[str, str | None], names: dict[str, str]) -> None:
    """Raise why `actor_id` cannot be a branch of `parent_id`, given the register's actors
    (`parents`: id → the organisation it is a branch of; `names`: id → name): one level deep,
    no actor its own branch, no two actors each other's."""
    if parent_id is None:
        return
    if parent_id == actor_id:
        raise BranchOfItself()
    if parent_id not in parents:
        raise UnknownActor()
    name, other = names.get(actor_id, ""), names[parent_id]
    if parents[parent_id] == actor_id:
        raise BranchCycle(name=other, other=name)
    if parents[parent_id] is not None:
        raise BranchTooDeep(name=other)
    if any(p == actor_id for a, p in parents.items() if a != actor_id):
        raise BranchHasBranches(name=name)


class PrepareStore(StepStore):
    """The actor register and the co-creation check, in the store (`workshop.prepare`)."""

    # -- the actor register -------------------------------------------------------------
    def actors(self) -> list[Actor]:
        rows = self._db.read("SELECT * FROM actors WHERE workshop_id = :w ORDER BY name, id",
                             {"w": self.id})
        return [ACTORS.load(r) for r in rows]

    def add_actor(self, name: str, kind: str, sector: str, contact: str = "",
                  remarks: str = "", listed: bool = False,
                  refugee_background: bool = False) -> Actor:
        """Add someone to the actor register (facilitator); `listed`: it agreed to be named
        with its contact on the public overview; `refugee_background`: people who came as
        refugees and now volunteer (counted as civil society and as refugees taking part)."""
        # a single bad field, said plainly (not as a row of an import)
        clean_actor(name, kind, sector, contact, remarks, listed, refugee_background)
        return self.add_actors([{"name": name, "kind": kind, "sector": sector,
                                 "contact": contact, "remarks": remarks,
                                 "listed": listed,
                                 "refugee_background": refugee_background}])[0]

    def add_actors(self, rows: list[dict[str, Any]]) -> list[Actor]:
        """Add many actors at once (an import): all of them, or none with the row named."""
        clean = []
        for n, row in enumerate(rows, start=1):
            try:
                clean.append(clean_actor(row.get("name"), row.get("kind"), row.get("sector"),
                                         row.get("contact") or "", row.get("remarks") or "",
                                         row.get("listed") is True,
                                         row.get("refugee_background") is True,
                                         row.get("parent_id") or None))
            except errors.KitError as exc:
                raise errors.BadRow(row=n, problem=exc) from None
        actors = [Actor(new_id("a"), **c) for c in clean]

        def work(tx: Tx) -> list[Actor]:
            # a new actor may be a branch of one already in the register (never of another
            # new one: its id is made here)
            parents, names = self._branches(tx)
            for n, a in enumerate(actors, start=1):
                try:
                    branch_problem(a.id, a.parent_id, parents, names)
                except errors.KitError as exc:
                    raise errors.BadRow(row=n, problem=exc) from None
            tx.many(ACTORS.insert(), [ACTORS.values(a, self.id) for a in actors])
            return actors

        return self.ctx.as_facilitator(work, topics.ACTORS)

    def update_actor(self, actor_id: str, **fields: str | bool | None) -> None:
        """Change an actor's fields (`parent_id`: the organisation it is a branch of, or
        None for an organisation of its own)."""
        current = next((a for a in self.actors() if a.id == actor_id), None)
        if current is None:
            raise UnknownActor()
        kept = {c: getattr(current, c) for c in ACTORS.columns if c != "id"}
        clean = _plain(clean_actor(**{**kept, **fields}))
        parent = str(clean["parent_id"]) if clean["parent_id"] else None

        def work(tx: Tx) -> None:
            parents, names = self._branches(tx)
            if actor_id not in parents:
                raise UnknownActor()
            branch_problem(actor_id, parent, parents, names)
            tx.run(f"UPDATE actors SET {assignments(clean)} WHERE workshop_id = :w AND "
                   "id = :a", {**clean, "w": self.id, "a": actor_id})

        self.ctx.as_facilitator(work, topics.ACTORS)

    def set_branch_of(self, actor_id: str, parent_id: str | None) -> None:
        """Make an actor a branch of another (an organisation of the same register), or an
        organisation of its own again (None): the checks count an organisation with its
        branches as one voice."""
        self.update_actor(actor_id, parent_id=parent_id or None)

    def _branches(self, tx: Tx) -> tuple[dict[str, str | None], dict[str, str]]:
        rows = tx.rows("SELECT id, name, parent_id FROM actors WHERE workshop_id = :w",
                      {"w": self.id})
        return ({r["id"]: r["parent_id"] for r in rows}, {r["id"]: r["name"] for r in rows})

    def actor_ids(self, tx: Tx | None = None) -> set[str]:
        """The ids of the register's actors, read in `tx` when given (for another step's
        check inside its own transaction: a group's invitations, a forum's members)."""
        sql, q = "SELECT id FROM actors WHERE workshop_id = :w", {"w": self.id}
        return {r["id"] for r in (tx.rows(sql, q) if tx is not None else self._db.read(sql, q))}

    def delete_actor(self, actor_id: str) -> None:
        """Remove an actor from the register, its invitations (to groups and to the workshop)
        and forum seats with it: the other steps' rows go by their foreign keys to `actors`
        (ON DELETE CASCADE: a group's invitations, a forum's member and coordinator)."""
        def work(tx: Tx) -> None:
            q = {"w": self.id, "a": str(actor_id)}
            if tx.one("SELECT 1 AS x FROM actors WHERE workshop_id = :w AND id = :a",
                      q) is None:
                raise UnknownActor()
            tx.run("DELETE FROM rsvps WHERE workshop_id = :w AND actor_id = :a", q)  # issue 27
            # its branches stay in the register, each an organisation of its own
            tx.run("UPDATE actors SET parent_id = NULL WHERE workshop_id = :w AND "
                   "parent_id = :a", q)
            tx.run("DELETE FROM actors WHERE workshop_id = :w AND id = :a", q)

        self.ctx.as_facilitator(work, topics.ACTORS, groups_topics.GROUPS, follow_up_topics.FORA)

    # -- the co-creation check ----------------------------------------------------------
    def check_answers(self) -> dict[str, str]:
        stored = self.ctx.settings(SETTINGS).check_answers
        try:
            return dict(json.loads(stored or "{}"))
        except (ValueError, TypeError):
            return {}

    def set_check_answers(self, answers: dict[str, str]) -> None:
        """Store the answers to the co-creation check ({question: yes/no/unsure})."""
        from kit.steps.prepare.logic import QUESTIONS, Answer

        clean = {}
        for key, value in answers.items():
            if key not in QUESTIONS:
                raise errors.InvalidValue(field="question", value=str(key)[:40])
            if value:
                clean[key] = clean_choice(value, Answer, field=key).value
        self.ctx.set_settings(SETTINGS, {"check_answers": json.dumps(clean, sort_keys=True)},
                              Topic.WORKSHOP)


