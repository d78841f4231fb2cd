"""Around the workshop, in the store: the actor register, the answers to the co-creation
check, and the fora of the local organisation with their members (all facilitator actions,
one transaction each). What the register and the fora mean is `kit.organisation` (pure).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .. import errors
from .._validate import clean_choice, clean_sector, clean_text
from ..model import (
    AGREEMENT,
    MAX_NAME,
    MAX_TERMS,
    MAX_TITLE,
    TERMS,
    Actor,
    Forum,
    ForumKind,
)
from ._base import new_id
from ._db import Row, Tx

if TYPE_CHECKING:
    from ._db import Database

FORUM_FIELDS: dict[str, int] = {"name": MAX_TITLE, **dict.fromkeys(TERMS, MAX_TERMS),
                                "meeting_frequency": MAX_NAME,
                                **dict.fromkeys(AGREEMENT, MAX_TERMS)}
"""Text fields of a forum with their longest allowed length."""
MEMBER_KINDS = ("participant", "actor")


def clean_actor(name: object, kind: object, sector: object, contact: object = "",
                notes: object = "") -> dict[str, Any]:
    return {"name": clean_text(name, field="name", max_length=MAX_TITLE),
            "kind": clean_text(kind, field="kind", max_length=MAX_NAME),
            "sector": clean_sector(sector),
            "contact": clean_text(contact, field="contact", max_length=MAX_TITLE,
                                  required=False),
            "notes": clean_text(notes, field="notes", max_length=MAX_TERMS, required=False,
                                multiline=True)}


def _forum(row: Row, members: tuple[str, ...]) -> Forum:
    return Forum(id=row["id"], kind=ForumKind(row["kind"]), name=row["name"],
                 coordinator=row["coordinator"], members=members,
                 **{f: row[f] for f in (*TERMS, *AGREEMENT)})


class OrganisationMixin:
    """The register, the check and the fora part of `Workshop`."""

    id: str
    code: str
    _db: Database

    # -- the actor register -------------------------------------------------------------
    def actors(self) -> list[Actor]:
        rows = self._db.read("SELECT * FROM actors WHERE workshop_id = :w ORDER BY name, id",
                             {"w": self.id})
        return [Actor(r["id"], r["name"], r["kind"], clean_sector(r["sector"]), r["contact"],
                      r["notes"]) for r in rows]

    def add_actor(self, name: str, kind: str, sector: str, contact: str = "",
                  notes: str = "") -> Actor:
        """Add someone to the actor register (facilitator)."""
        clean_actor(name, kind, sector, contact, notes)  # a single bad field, said plainly
        return self.add_actors([{"name": name, "kind": kind, "sector": sector,
                                 "contact": contact, "notes": notes}])[0]

    def add_actors(self, rows: list[dict[str, Any]]) -> list[Actor]:
        """Add many actors at once (an import): all of them, or none with the row named."""
        clean = []
        for n, row in enumerate(rows, start=1):
            try:
                clean.append(clean_actor(row.get("name"), row.get("kind"), row.get("sector"),
                                         row.get("contact") or "", row.get("notes") or ""))
            except errors.KitError as exc:
                raise errors.BadRow(row=n, problem=exc.message()) from None
        actors = [Actor(new_id("a"), **c) for c in clean]

        def work(tx: Tx) -> list[Actor]:
            tx.many("INSERT INTO actors (workshop_id, id, name, kind, sector, contact, notes) "
                    "VALUES (:w, :id, :name, :kind, :sector, :contact, :notes)",
                    [{"w": self.id, "id": a.id, "name": a.name, "kind": a.kind,
                      "sector": a.sector.value, "contact": a.contact, "notes": a.notes}
                     for a in actors])
            return actors

        return self._as_facilitator(work, "actors")

    def update_actor(self, actor_id: str, **fields: str) -> None:
        current = next((a for a in self.actors() if a.id == actor_id), None)
        if current is None:
            raise errors.UnknownActor()
        merged = {"name": current.name, "kind": current.kind, "sector": current.sector,
                  "contact": current.contact, "notes": current.notes, **fields}
        clean = clean_actor(**merged)
        clean["sector"] = clean["sector"].value
        self._facilitate("UPDATE actors SET name = :name, kind = :kind, sector = :sector, "
                       "contact = :contact, notes = :notes WHERE workshop_id = :w AND id = :a",
                       {**clean, "a": actor_id}, "actors")

    def delete_actor(self, actor_id: str) -> None:
        """Remove an actor from the register, its invitations and forum seats with it."""
        def work(tx: Tx) -> None:
            q = {"w": self.id, "a": str(actor_id), "m": f"actor:{actor_id}"}
            if tx.one("SELECT 1 AS x FROM actors WHERE workshop_id = :w AND id = :a",
                      q) is None:
                raise errors.UnknownActor()
            tx.run("DELETE FROM invitations WHERE workshop_id = :w AND actor_id = :a", q)
            tx.run("DELETE FROM forum_members WHERE workshop_id = :w AND member = :m", q)
            tx.run("UPDATE fora SET coordinator = NULL WHERE workshop_id = :w AND "
                   "coordinator = :m", q)
            tx.run("DELETE FROM actors WHERE workshop_id = :w AND id = :a", q)

        self._as_facilitator(work, "actors", "groups", "fora")

    # -- the co-creation check ----------------------------------------------------------
    def check_answers(self) -> dict[str, str]:
        rows = self._db.read("SELECT check_answers FROM workshops WHERE id = :w",
                             {"w": self.id})
        if not rows:
            raise errors.UnknownWorkshop(code=self.code)
        try:
            return dict(json.loads(rows[0]["check_answers"] or "{}"))
        except (ValueError, TypeError):
            return {}

    def set_check_answers(self, answers: dict[str, str]) -> None:
        """Store the answers to the co-creation check ({question: yes/no/unsure})."""
        from ..organisation import QUESTIONS, Answer

        clean = {}
        for key, value in answers.items():
            if key not in QUESTIONS:
                raise errors.InvalidValue(field="question", value=str(key)[:40])
            if value:
                clean[key] = clean_choice(value, Answer, field=key).value
        self._facilitate("UPDATE workshops SET check_answers = :a WHERE id = :w",
                       {"a": json.dumps(clean, sort_keys=True)}, "workshop")

    # -- fora ---------------------------------------------------------------------------
    def fora(self) -> list[Forum]:
        q = {"w": self.id}
        members: dict[str, list[str]] = {}
        for r in self._db.read("SELECT forum_id, member FROM forum_members WHERE "
                               "workshop_id = :w ORDER BY member", q):
            members.setdefault(r["forum_id"], []).append(r["member"])
        order = {k.value: n for n, k in enumerate(ForumKind)}
        rows = self._db.read("SELECT * FROM fora WHERE workshop_id = :w", q)
        rows.sort(key=lambda r: (order.get(r["kind"], 9), r["name"], r["id"]))
        return [_forum(r, tuple(members.get(r["id"], ()))) for r in rows]

    def forum(self, forum_id: str) -> Forum:
        for f in self.fora():
            if f.id == forum_id:
                return f
        raise errors.UnknownForum()

    def add_forum(self, kind: ForumKind | str, name: str, **fields: str) -> Forum:
        kind = clean_choice(kind, ForumKind, field="kind")
        clean = self._forum_fields({"name": name, **fields})
        forum = Forum(new_id("f"), kind, **clean)

        def work(tx: Tx) -> Forum:
            columns = ["id", "kind", *clean]
            tx.run(f"INSERT INTO fora (workshop_id, {', '.join(columns)}) VALUES "
                   f"(:w, {', '.join(':' + c for c in columns)})",
                   {"w": self.id, "id": forum.id, "kind": kind.value, **clean})
            return forum

        return self._as_facilitator(work, "fora")

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
                sets = ", ".join(f"{k} = :{k}" for k in clean)
                tx.run(f"UPDATE fora SET {sets} WHERE workshop_id = :w AND id = :f",
                       {**clean, "w": self.id, "f": str(forum_id)})

        self._forum_write(work)

    def set_forum_members(self, forum_id: str, members: list[str],
                          coordinator: str | None = None) -> None:
        """The forum's members ("participant:<id>" / "actor:<id>") and its coordinator, who
        must be one of them."""
        members = list(dict.fromkeys(str(m) for m in members))
        if coordinator and coordinator not in members:
            raise errors.NotInGroup()

        def work(tx: Tx) -> None:
            self._forum_row(tx, forum_id)
            q = {"w": self.id, "f": str(forum_id)}
            known = {f"participant:{r['id']}" for r in tx.rows(
                "SELECT id FROM participants WHERE workshop_id = :w", q)}
            known |= {f"actor:{r['id']}" for r in tx.rows(
                "SELECT id FROM actors WHERE workshop_id = :w", q)}
            if set(members) - known:
                raise errors.UnknownMember()
            tx.run("DELETE FROM forum_members WHERE workshop_id = :w AND forum_id = :f", q)
            tx.many("INSERT INTO forum_members (workshop_id, forum_id, member) VALUES "
                    "(:w, :f, :m)", [{**q, "m": m} for m in members])
            tx.run("UPDATE fora SET coordinator = :c WHERE workshop_id = :w AND id = :f",
                   {**q, "c": coordinator or None})

        self._forum_write(work)

    def delete_forum(self, forum_id: str) -> None:
        def work(tx: Tx) -> None:
            self._forum_row(tx, forum_id)
            q = {"w": self.id, "f": str(forum_id)}
            tx.run("DELETE FROM forum_members WHERE workshop_id = :w AND forum_id = :f", q)
            tx.run("DELETE FROM fora WHERE workshop_id = :w AND id = :f", q)

        self._forum_write(work)

    def member_sectors(self, members: list[str]) -> dict[str, tuple[str, str, str]]:
        """{member key: (name, sector, actor kind or "")} for showing and checking fora."""
        out = {f"participant:{p.id}": (p.name, p.sector.value, "")
               for p in self.participants()}
        out.update({f"actor:{a.id}": (a.name, a.sector.value, a.kind) for a in self.actors()})
        return {m: out[m] for m in members if m in out}

    def _forum_row(self, tx: Tx, forum_id: str) -> Row:
        return self._row(tx, "fora", forum_id, errors.UnknownForum)

    def _forum_write(self, work: Any) -> None:
        self._as_facilitator(work, "fora")
