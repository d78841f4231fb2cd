"""The fora of the local organisation in the store: coordination forum, network group and
working groups with their members, terms and partnership-agreement fields (facilitator
actions, one transaction each)."""

from __future__ import annotations

from typing import Any

from kit.core import errors
from kit.core.base import new_id
from kit.core.context import StepStore
from kit.core.db import Row, Tx
from kit.core.model import MAX_NAME, MAX_TERMS, MAX_TITLE
from kit.core.rows import Table, assignments
from kit.core.validate import clean_choice, clean_text
from kit.errors import NotInGroup
from kit.model import TERMS
from kit.steps.follow_up import topics
from kit.steps.follow_up.errors import UnknownForum, UnknownMember
from kit.steps.follow_up.model import AGREEMENT, Forum, ForumKind

# A forum's members and its coordinator are the rows of `forum_members`: each names a
# participant or an actor of the register by a foreign key (issue 26), and the API speaks of
# them by member key ("participant:<id>" / "actor:<id>", `member_key`).
FORA: Table[Forum] = Table("fora", Forum, not_stored=("members", "coordinator"))

_KINDS = {"participant_id": "participant", "actor_id": "actor"}
"""A member row's reference column → the kind its member key starts with."""


def member_key(row: Row) -> str:
    """A `forum_members` row's member as the API names it: "participant:<id>" or
    "actor:<id>"."""
    for column, kind in _KINDS.items():
        if row[column] is not None:
            return f"{kind}:{row[column]}"
    raise ValueError("a forum member names no one")  # the table's CHECK forbids it


def member_row(key: str) -> dict[str, str | None]:
    """A member key as the reference columns of its `forum_members` row; raises
    `UnknownMember` for a key of no kind."""
    kind, _, ident = str(key).partition(":")
    if kind not in _KINDS.values() or not ident:
        raise UnknownMember()
    return {column: ident if k == kind else None for column, k in _KINDS.items()}


class FollowUpStore(StepStore):
    """The fora of the local organisation, in the store (`workshop.follow_up`)."""

    # -- fora ---------------------------------------------------------------------------
    def fora(self) -> list[Forum]:
        q = {"w": self.id}
        members: dict[str, list[str]] = {}
        coordinators: dict[str, str] = {}
        for r in self._db.read("SELECT forum_id, participant_id, actor_id, coordinator FROM "
                               "forum_members WHERE workshop_id = :w", q):
            key = member_key(r)
            members.setdefault(r["forum_id"], []).append(key)
            if r["coordinator"]:
                coordinators[r["forum_id"]] = key
        order = {k.value: n for n, k in enumerate(ForumKind)}
        rows = self._db.read("SELECT * FROM fora WHERE workshop_id = :w", q)
        rows.sort(key=lambda r: (order.get(r["kind"], 9), r["name"], r["id"]))
        return [FORA.load(r, members=tuple(sorted(members.get(r["id"], ()))),
                          coordinator=coordinators.get(r["id"])) for r in rows]

    def forum(self, forum_id: str) -> Forum:
        for f in self.fora():
            if f.id == forum_id:
                return f
        raise UnknownForum()

    def add_forum(self, kind: ForumKind | str, name: str, members: list[str] | None = None,
                  coordinator: str | None = None, **fields: str) -> Forum:
        """A new forum, with its members and coordinator in the same write: no window ever
        sees it without the members it was saved with, and a refused member list stores
        no forum at all."""
        kind = clean_choice(kind, ForumKind, field="kind")
        clean = self._forum_fields({"name": name, **fields})
        picked = list(dict.fromkeys(str(m) for m in members or ()))
        if coordinator and coordinator not in picked:
            raise NotInGroup()
        forum = Forum(new_id("f"), kind, coordinator=coordinator or None,
                      members=tuple(sorted(picked)), **clean)

        def work(tx: Tx) -> Forum:
            tx.run(FORA.insert(), FORA.values(forum, self.id))
            self._write_members(tx, forum.id, picked, coordinator)
            return forum

        return self.ctx.as_facilitator(work, topics.FORA)

    def _forum_fields(self, fields: dict[str, Any]) -> dict[str, str]:
        unknown = set(fields) - set(FORUM_FIELDS)
        if unknown:
            raise errors.InvalidValue(field="field", value=sorted(unknown)[0][:20])
        return {k: clean_text(v, field=k, max_length=FORUM_FIELDS[k], required=k == "name",
                              multiline=k not in ("name", "meeting_frequency"))
                for k, v in fields.items()}

    def update_forum(self, forum_id: str, kind: ForumKind | str | None = None,
                     **fields: str) -> None:
        clean: dict[str, Any] = self._forum_fields(fields)
        if kind is not None:
            clean["kind"] = clean_choice(kind, ForumKind, field="kind").value

        def work(tx: Tx) -> None:
            self._forum_row(tx, forum_id)
            if clean:
                tx.run(f"UPDATE fora SET {assignments(clean)} WHERE workshop_id = :w AND id = :f",
                       {**clean, "w": self.id, "f": str(forum_id)})

        self._forum_write(work)

    def set_forum_members(self, forum_id: str, members: list[str],
                          coordinator: str | None = None) -> None:
        """The forum's members ("participant:<id>" / "actor:<id>") and its coordinator, who
        must be one of them."""
        members = list(dict.fromkeys(str(m) for m in members))
        if coordinator and coordinator not in members:
            raise NotInGroup()

        def work(tx: Tx) -> None:
            self._forum_row(tx, forum_id)
            self._write_members(tx, forum_id, members, coordinator)

        self._forum_write(work)

    def _write_members(self, tx: Tx, forum_id: str, members: list[str],
                       coordinator: str | None) -> None:
        q = {"w": self.id, "f": str(forum_id)}
        refs = [member_row(m) for m in members]
        # checked here, not left to the foreign keys, so a wrong one is said plainly
        known = {r["id"] for r in tx.rows(
            "SELECT id FROM participants WHERE workshop_id = :w", q)}
        actors = self.workshop.prepare.actor_ids(tx)
        if any(r["participant_id"] not in known if r["participant_id"] is not None
               else r["actor_id"] not in actors for r in refs):
            raise UnknownMember()
        tx.run("DELETE FROM forum_members WHERE workshop_id = :w AND forum_id = :f", q)
        tx.many("INSERT INTO forum_members (workshop_id, forum_id, participant_id, actor_id, "
                "coordinator) VALUES (:w, :f, :participant_id, :actor_id, :c)",
                [{**q, **r, "c": m == coordinator} for m, r in zip(members, refs, strict=True)])

    def delete_forum(self, forum_id: str) -> None:
        def work(tx: Tx) -> None:
            self._forum_row(tx, forum_id)
            # its members go with it (a foreign key, ON DELETE CASCADE)
            tx.run("DELETE FROM fora WHERE workshop_id = :w AND id = :f",
                   {"w": self.id, "f": str(forum_id)})

        self._forum_write(work)

    def member_sectors(self, members: list[str]) -> dict[str, tuple[str, str, str]]:
        """{member key: (name, sector, actor kind or "")} for showing and checking fora."""
        out = {f"participant:{p.id}": (p.name, p.sector.value, "")
               for p in self.workshop.participants()}
        out.update({f"actor:{a.id}": (a.name, a.sector.value, a.kind)
                    for a in self.workshop.prepare.actors()})
        return {m: out[m] for m in members if m in out}

    def voices(self, members: list[str]) -> list[str]:
        """The member keys the forum checks count: one actor per organisation, its branches
        adding no voice (`kit.organisation.one_voice`)."""
        from kit.organisation import one_voice

        return one_voice(members, self.workshop.prepare.actors())

    def refugee_background(self, members: list[str]) -> set[str]:
        """The member keys of those who came as refugees and volunteer: actors of the
        register marked so, and participants from such an actor's organisation
        (`kit.organisation.refugee_background`). The checks count them in civil society
        (their sector) and as refugees taking part."""
        from kit.organisation import refugee_background

        actors = self.workshop.prepare.actors()
        out = {f"actor:{a.id}" for a in actors if a.refugee_background}
        out |= {f"participant:{p.id}" for p in self.workshop.participants()
                if refugee_background(p.organisation, actors)}
        return {m for m in members if m in out}

    def _forum_row(self, tx: Tx, forum_id: str) -> Row:
        return self.ctx.row(tx, "fora", forum_id, UnknownForum)

    def _forum_write(self, work: Any) -> None:
        self.ctx.as_facilitator(work, topics.FORA)


FORUM_FIELDS: dict[str, int] = {"name": MAX_TITLE, **dict.fromkeys(TERMS, MAX_TERMS),
                                "meeting_frequency": MAX_NAME,
                                **dict.fromkeys(AGREEMENT, MAX_TERMS)}
"""Text fields of a forum with their longest allowed length."""


MEMBER_KINDS = ("participant", "actor")

