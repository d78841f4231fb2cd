"""The workshop facade: every read and write the apps, notebooks and CLI make.

`Store` holds the database; `Workshop` is a live handle on one workshop. Participant actions
need only the handle; facilitator actions need the handle to carry the workshop's facilitator
key. Each write is one transaction that also bumps the workshop's revision and records which
topics changed, which is how the other kernels learn what to refresh.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .. import errors
from .._validate import clean_choice, clean_language, clean_name, clean_sector, clean_text
from ..model import (
    FIRST_WEEK,
    LAST_WEEK,
    MAX_DESCRIPTION,
    MAX_IDEA,
    MAX_LABEL,
    MAX_NAME,
    MAX_ORGANISATION,
    MAX_TITLE,
    Card,
    Category,
    Change,
    Idea,
    Participant,
    Phase,
    Prompt,
    Sector,
    Status,
    Theme,
    Verdict,
    WorkshopState,
)
from ._base import (
    CODE_LENGTH,
    REJOIN_LENGTH,
    ParticipantRef,
    _clean_date,
    _participant_id,
    _plain,
    bump,
    new_code,
    new_id,
    normalise_code,
)
from ._db import Database, Row, Tx
from ._groups import GroupsMixin
from ._organisation import OrganisationMixin

if TYPE_CHECKING:
    import pandas as pd

    from ..exchange import Rows

T = TypeVar("T")
UNDO_DEPTH = 30

WORKSHOP_TABLES = ("participants", "actors", "cards", "ideas", "themes", "votes", "preferences",
                   "groups", "memberships", "actions", "invitations", "fora", "forum_members",
                   "findings", "undo", "changes")
"""Every table whose rows belong to one workshop (purge empties them all)."""


def _state(row: Row) -> WorkshopState:
    return WorkshopState(
        id=row["id"], code=row["code"], title=row["title"], municipality=row["municipality"],
        date=row["date"], language=row["language"], phase=Phase(row["phase"]),
        status=Status(row["status"]), revision=row["revision"],
        timer_ends_at=row["timer_ends_at"], review_open=bool(row["review_open"]),
        dots_per_participant=row["dots_per_participant"],
        max_dots_per_theme=row["max_dots_per_theme"],
        results_hidden=bool(row["results_hidden"]), voting_open=bool(row["voting_open"]),
        revealed=bool(row["revealed"]), group_min_size=row["group_min_size"],
        group_max_size=row["group_max_size"], groups_confirmed=bool(row["groups_confirmed"]),
    )


def _participant(row: Row) -> Participant:
    return Participant(id=row["id"], name=row["name"], sector=Sector(row["sector"]),
                       organisation=row["organisation"], language=row["language"],
                       rejoin_code=row["rejoin_code"], volunteer=bool(row["volunteer"]))


class Store:
    """All workshops in one database. Open it with `kit.open_store()`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def url(self) -> str:
        return self.db.url

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- workshops --------------------------------------------------------------------
    def create_workshop(self, title: str, municipality: str, date: str | None = None,
                        language: str = "da") -> Workshop:
        """A new open workshop with a fresh join code; the handle carries the facilitator key."""
        title = clean_text(title, field="title", max_length=MAX_TITLE)
        municipality = clean_text(municipality, field="municipality", max_length=MAX_NAME)
        date = _clean_date(date)
        language = clean_language(language)
        workshop_id, key = new_id("w"), secrets.token_urlsafe(16)

        def work(tx: Tx) -> str:
            code = self._free_code(tx)
            tx.run("INSERT INTO workshops (id, code, title, municipality, date, language, phase, "
                   "status, facilitator_key, revision, timer_ends_at, created_at) VALUES (:id, "
                   ":code, :title, :m, :date, :lang, :phase, 'open', :key, 0, NULL, :now)",
                   {"id": workshop_id, "code": code, "title": title, "m": municipality,
                    "date": date, "lang": language, "phase": Phase.PREPARE.value, "key": key,
                    "now": time.time()})
            bump(tx, workshop_id, "workshop")
            return code

        code = self.db.write(work)
        return Workshop(self, workshop_id, code, key)

    def _free_code(self, tx: Tx) -> str:
        while True:
            code = new_code()
            if tx.one("SELECT 1 AS x FROM workshops WHERE code = :c AND status = 'open'",
                      {"c": code}) is None:
                return code

    def _find(self, code_or_id: str) -> Row:
        value = str(code_or_id or "").strip()
        rows = self.db.read("SELECT id, code, facilitator_key FROM workshops WHERE id = :v",
                            {"v": value})
        if not rows:
            code = normalise_code(value)
            rows = self.db.read(
                "SELECT id, code, facilitator_key, status FROM workshops WHERE code = :c "
                "ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, created_at DESC",
                {"c": code}) if len(code) == CODE_LENGTH else []
        if not rows:
            raise errors.UnknownWorkshop(code=value[:20])
        return rows[0]

    def workshop(self, code_or_id: str, key: str | None = None) -> Workshop:
        """A handle by join code or id; pass the facilitator key to be allowed to facilitate."""
        row = self._find(code_or_id)
        if key is not None and not secrets.compare_digest(str(key), row["facilitator_key"]):
            raise errors.FacilitatorOnly()
        return Workshop(self, row["id"], row["code"], key)

    def facilitate(self, code_or_id: str) -> Workshop:
        """The facilitator's handle, for code on the machine that owns the store."""
        row = self._find(code_or_id)
        return Workshop(self, row["id"], row["code"], row["facilitator_key"])

    def workshops(self) -> list[WorkshopState]:
        rows = self.db.read("SELECT * FROM workshops ORDER BY created_at DESC")
        return [_state(r) for r in rows]

    def purge_older_than(self, days: int) -> list[str]:
        """Delete every workshop held more than `days` days ago; returns their ids."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise errors.InvalidValue(field="days", value=str(days)[:20])
        cutoff = (dt.date.today() - dt.timedelta(days=days)).isoformat()
        old = [s.id for s in self.workshops() if s.date < cutoff]
        for workshop_id in old:
            self.purge(workshop_id)
        return old

    def purge(self, code_or_id: str) -> str:
        """Delete a workshop and everything in it; returns its id."""
        workshop_id = self._find(code_or_id)["id"]

        def work(tx: Tx) -> None:
            for table in WORKSHOP_TABLES:
                tx.run(f"DELETE FROM {table} WHERE workshop_id = :w", {"w": workshop_id})
            tx.run("DELETE FROM workshops WHERE id = :w", {"w": workshop_id})

        self.db.write(work)
        return workshop_id

    # -- exchange ---------------------------------------------------------------------
    def import_rows(self, rows: Rows) -> Workshop:
        """Create a workshop from validated exchange rows, in one transaction."""
        from ..exchange import SHEETS

        head = rows["workshop"][0]
        key = secrets.token_urlsafe(16)
        if self.db.read("SELECT 1 AS x FROM workshops WHERE id = :w", {"w": head["id"]}):
            raise errors.WorkshopExists(id=head["id"])

        def work(tx: Tx) -> str:
            code = head["code"] if len(head["code"]) == CODE_LENGTH and tx.one(
                "SELECT 1 AS x FROM workshops WHERE code = :c AND status = 'open'",
                {"c": head["code"]}) is None else self._free_code(tx)
            tx.run("INSERT INTO workshops (id, code, title, municipality, date, language, phase, "
                   "status, facilitator_key, revision, timer_ends_at, created_at, check_answers)"
                   " VALUES (:id, :code, :title, :municipality, :date, :language, :phase, "
                   ":status, :key, 0, NULL, :now, :check)",
                   {**head, "code": code, "key": key, "now": time.time(),
                    "check": head.get("check_answers") or ""})
            used: set[str] = set()
            for sheet, columns in SHEETS.items():
                if sheet == "workshop" or not rows[sheet]:
                    continue
                names = [c.name for c in columns]
                extra: dict[str, Any] = {"workshop_id": head["id"]}
                if sheet == "participants":
                    names += ["rejoin_code", "created_at"]
                if sheet == "ideas":
                    names += ["created_at"]
                batch = []
                for n, row in enumerate(rows[sheet]):
                    item = {**row, **extra}
                    if sheet == "participants":
                        item["rejoin_code"] = _unique_rejoin(used)
                        item["created_at"] = time.time() + n * 1e-6
                    if sheet == "ideas":
                        item["created_at"] = time.time() + n * 1e-6
                    batch.append(item)
                cols = ", ".join(["workshop_id", *names])
                vals = ", ".join(f":{c}" for c in ["workshop_id", *names])
                tx.many(f"INSERT INTO {sheet} ({cols}) VALUES ({vals})", batch)
            bump(tx, head["id"], "workshop", *[s for s in SHEETS if s != "workshop"])
            return code

        code = self.db.write(work)
        return Workshop(self, head["id"], code, key)


def _unique_rejoin(used: set[str]) -> str:
    while True:
        code = new_code(REJOIN_LENGTH)
        if code not in used:
            used.add(code)
            return code


def _card(row: Row) -> Card:
    return Card(id=row["id"], title=row["title"], owner=row["owner"],
                sector=Sector(row["sector"]), category=Category(row["category"]),
                start_week=row["start_week"], end_week=row["end_week"],
                description=row["description"], participant_id=row["participant_id"])


def clean_card(title: object, owner: object, sector: object, category: object,
               start_week: object, end_week: object, description: object = "") -> dict:
    """A card's fields, checked; raises before anything is written."""
    weeks = []
    for name, value in (("start_week", start_week), ("end_week", end_week)):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise errors.InvalidValue(field=name, value=str(value)[:20])
        try:
            week = int(value)
        except ValueError:
            raise errors.InvalidValue(field=name, value=str(value)[:20]) from None
        if not FIRST_WEEK <= week <= LAST_WEEK:
            raise errors.InvalidWeeks(first=FIRST_WEEK, last=LAST_WEEK)
        weeks.append(week)
    if weeks[0] > weeks[1]:
        raise errors.InvalidWeeks(first=FIRST_WEEK, last=LAST_WEEK)
    return {"title": clean_text(title, field="title", max_length=MAX_TITLE),
            "owner": clean_text(owner, field="owner", max_length=MAX_TITLE),
            "sector": clean_sector(sector),
            "category": clean_choice(category, Category, field="category"),
            "start_week": weeks[0], "end_week": weeks[1],
            "description": clean_text(description, field="description",
                                      max_length=MAX_DESCRIPTION, required=False,
                                      multiline=True)}


class Workshop(GroupsMixin, OrganisationMixin):
    """A live handle on one workshop in a store; cheap to create, safe to keep."""

    def __init__(self, store: Store, workshop_id: str, code: str, key: str | None) -> None:
        self.store = store
        self.id = workshop_id
        self.code = code
        self.facilitator_key = key

    def __repr__(self) -> str:
        return f"<Workshop {self.code} id={self.id}>"

    @property
    def _db(self) -> Database:
        return self.store.db

    # -- reading ----------------------------------------------------------------------
    def state(self) -> WorkshopState:
        rows = self._db.read("SELECT * FROM workshops WHERE id = :w", {"w": self.id})
        if not rows:
            raise errors.UnknownWorkshop(code=self.code)
        return _state(rows[0])

    def revision(self) -> int:
        rows = self._db.read("SELECT revision FROM workshops WHERE id = :w", {"w": self.id})
        if not rows:
            raise errors.UnknownWorkshop(code=self.code)
        return rows[0]["revision"]

    def changes_since(self, revision: int) -> Change:
        """The current revision and the topics written after `revision`."""
        current = self.revision()
        if current == revision:
            return Change(current, frozenset())
        rows = self._db.read("SELECT DISTINCT topic FROM changes WHERE workshop_id = :w AND "
                             "revision > :r", {"w": self.id, "r": revision})
        return Change(current, frozenset(r["topic"] for r in rows))

    def participants(self) -> list[Participant]:
        rows = self._db.read("SELECT * FROM participants WHERE workshop_id = :w ORDER BY "
                             "created_at, id", {"w": self.id})
        return [_participant(r) for r in rows]

    def sector_counts(self) -> dict[Sector, int]:
        rows = self._db.read("SELECT sector, COUNT(*) AS n FROM participants WHERE "
                             "workshop_id = :w GROUP BY sector", {"w": self.id})
        counts = {s: 0 for s in Sector}
        counts.update({Sector(r["sector"]): r["n"] for r in rows})
        return counts

    def participant(self, participant_id: str) -> Participant:
        rows = self._db.read("SELECT * FROM participants WHERE workshop_id = :w AND id = :p",
                             {"w": self.id, "p": str(participant_id)})
        if not rows:
            raise errors.UnknownParticipant()
        return _participant(rows[0])

    def rejoin(self, rejoin_code: str) -> Participant:
        """The participant whose personal code this is (typed, linked or remembered)."""
        code = normalise_code(rejoin_code)
        rows = self._db.read("SELECT * FROM participants WHERE workshop_id = :w AND "
                             "rejoin_code = :c", {"w": self.id, "c": code}) if code else []
        if not rows:
            raise errors.UnknownParticipant()
        return _participant(rows[0])

    def ideas(self) -> list[Idea]:
        rows = self._db.read("SELECT * FROM ideas WHERE workshop_id = :w ORDER BY created_at, id",
                             {"w": self.id})
        return [Idea(r["id"], r["participant_id"], Prompt(r["prompt"]), r["text"], r["theme_id"])
                for r in rows]

    def themes(self) -> list[Theme]:
        rows = self._db.read("SELECT * FROM themes WHERE workshop_id = :w ORDER BY label, id",
                             {"w": self.id})
        return [Theme(r["id"], r["label"], bool(r["selected"]), r["needs"], r["use_each_other"],
                      r["team"], bool(r["chosen"])) for r in rows]

    # -- participant actions ----------------------------------------------------------
    def _open_check(self, tx: Tx) -> Row:
        row = tx.one("SELECT status, language, phase FROM workshops WHERE id = :w",
                     {"w": self.id})
        if row is None:
            raise errors.UnknownWorkshop(code=self.code)
        if row["status"] != Status.OPEN:
            raise errors.WorkshopClosed(code=self.code)
        return row

    def join(self, name: str, sector: Sector | str, organisation: str = "",
             language: str | None = None) -> Participant:
        """Add a participant; only name, sector and an optional organisation are asked."""
        name = clean_name(name)
        sector = clean_sector(sector)
        organisation = clean_text(organisation, field="organisation",
                                  max_length=MAX_ORGANISATION, required=False)
        if language is not None:
            language = clean_language(language)

        def work(tx: Tx) -> Participant:
            head = self._open_check(tx)
            used = {r["rejoin_code"] for r in tx.rows(
                "SELECT rejoin_code FROM participants WHERE workshop_id = :w", {"w": self.id})}
            p = Participant(new_id("p"), name, sector, organisation,
                            language or head["language"], _unique_rejoin(used))
            tx.run("INSERT INTO participants (workshop_id, id, name, sector, organisation, "
                   "language, rejoin_code, created_at) VALUES (:w, :id, :name, :sector, :org, "
                   ":lang, :rejoin, :now)",
                   {"w": self.id, "id": p.id, "name": p.name, "sector": p.sector.value,
                    "org": p.organisation, "lang": p.language, "rejoin": p.rejoin_code,
                    "now": time.time()})
            bump(tx, self.id, "participants")
            return p

        return self._db.write(work)

    def set_language(self, participant: ParticipantRef, language: str) -> None:
        """Remember the language a participant picked, so a reload keeps it."""
        language = clean_language(language)
        self._db.write(lambda tx: tx.run(
            "UPDATE participants SET language = :l WHERE workshop_id = :w AND id = :p",
            {"l": language, "w": self.id, "p": _participant_id(participant)}))

    def add_idea(self, participant: ParticipantRef, text: str,
                 prompt: Prompt | str = Prompt.UDFORDRING) -> Idea:
        """A participant's note; only while the ideas step is open."""
        text = clean_text(text, field="text", max_length=MAX_IDEA)
        prompt = clean_choice(prompt, Prompt, field="prompt")
        pid = _participant_id(participant)

        def work(tx: Tx) -> Idea:
            self._step_check(tx, Phase.IDEAS)
            if tx.one("SELECT 1 AS x FROM participants WHERE workshop_id = :w AND id = :p",
                      {"w": self.id, "p": pid}) is None:
                raise errors.UnknownParticipant()
            idea = Idea(new_id("i"), pid, prompt, text)
            tx.run("INSERT INTO ideas (workshop_id, id, participant_id, prompt, text, theme_id, "
                   "created_at) VALUES (:w, :id, :p, :prompt, :text, NULL, :now)",
                   {"w": self.id, "id": idea.id, "p": pid, "prompt": prompt.value,
                    "text": text, "now": time.time()})
            bump(tx, self.id, "ideas")
            return idea

        return self._db.write(work)

    def _step_check(self, tx: Tx, phase: Phase) -> None:
        head = self._open_check(tx)
        if head["phase"] != phase.value:
            raise errors.StepClosed()

    def update_idea(self, idea_id: str, participant: ParticipantRef | None,
                    text: str | None = None, prompt: Prompt | str | None = None) -> Idea:
        """Change a note: its author while the step is open, or the facilitator (None)."""
        pid = None if participant is None else _participant_id(participant)
        new_text = None if text is None else clean_text(text, field="text", max_length=MAX_IDEA)
        new_prompt = None if prompt is None else clean_choice(prompt, Prompt, field="prompt")

        def work(tx: Tx) -> Idea:
            row = self._own(tx, "ideas", idea_id, pid, errors.UnknownIdea, Phase.IDEAS)
            row["text"] = new_text if new_text is not None else row["text"]
            row["prompt"] = new_prompt.value if new_prompt is not None else row["prompt"]
            tx.run("UPDATE ideas SET text = :text, prompt = :prompt WHERE workshop_id = :w AND "
                   "id = :id", {"w": self.id, "id": row["id"], "text": row["text"],
                                 "prompt": row["prompt"]})
            bump(tx, self.id, "ideas")
            return Idea(row["id"], row["participant_id"], Prompt(row["prompt"]), row["text"],
                        row["theme_id"])

        return self._db.write(work)

    def delete_idea(self, idea_id: str, participant: ParticipantRef | None) -> None:
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> None:
            row = self._own(tx, "ideas", idea_id, pid, errors.UnknownIdea, Phase.IDEAS)
            tx.run("DELETE FROM ideas WHERE workshop_id = :w AND id = :id",
                   {"w": self.id, "id": row["id"]})
            bump(tx, self.id, "ideas")

        self._db.write(work)

    def _own(self, tx: Tx, table: str, item_id: str, pid: str | None,
             unknown: type[errors.KitError], step: Phase | None = None) -> Row:
        """The row a participant (or, with `pid` None, the facilitator) may change."""
        if pid is not None and step is not None:
            self._step_check(tx, step)
        else:
            self._open_check(tx)
        row = tx.one(f"SELECT * FROM {table} WHERE workshop_id = :w AND id = :i",
                     {"w": self.id, "i": str(item_id)})
        if row is None:
            raise unknown()
        if pid is None:
            self._facilitator_check(tx)
        elif row["participant_id"] != pid:
            raise errors.NotYours()
        return row

    # -- the theme board (facilitator) --------------------------------------------------
    def _board(self, work: Callable[[Tx], T], *topics: str) -> T:
        """A theme-board change: facilitator only, one transaction, undoable."""
        def run(tx: Tx) -> T:
            self._snapshot(tx)
            return work(tx)

        return self._as_facilitator(run, "themes", *topics)

    def _snapshot(self, tx: Tx) -> None:
        themes = tx.rows("SELECT id, label, selected FROM themes WHERE workshop_id = :w "
                         "ORDER BY id", {"w": self.id})
        placed = tx.rows("SELECT id, theme_id FROM ideas WHERE workshop_id = :w",
                         {"w": self.id})
        snapshot = json.dumps({"themes": [[r["id"], r["label"], bool(r["selected"])]
                                          for r in themes],
                               "ideas": {r["id"]: r["theme_id"] for r in placed}})
        row = tx.one("SELECT MAX(seq) AS seq FROM undo WHERE workshop_id = :w", {"w": self.id})
        seq = (row["seq"] or 0) + 1 if row else 1
        tx.run("INSERT INTO undo (workshop_id, seq, snapshot) VALUES (:w, :s, :snap)",
               {"w": self.id, "s": seq, "snap": snapshot})
        tx.run("DELETE FROM undo WHERE workshop_id = :w AND seq <= :old",
               {"w": self.id, "old": seq - UNDO_DEPTH})

    def _theme_row(self, tx: Tx, theme_id: str) -> Row:
        return self._row(tx, "themes", theme_id, errors.UnknownTheme)

    def _drop_theme(self, tx: Tx, theme_id: str) -> None:
        if tx.one("SELECT 1 AS x FROM votes WHERE workshop_id = :w AND theme_id = :t UNION "
                  "SELECT 1 AS x FROM preferences WHERE workshop_id = :w AND theme_id = :t UNION "
                  "SELECT 1 AS x FROM groups WHERE workshop_id = :w AND theme_id = :t",
                  {"w": self.id, "t": theme_id}):
            raise errors.ThemeInUse()
        tx.run("UPDATE ideas SET theme_id = NULL WHERE workshop_id = :w AND theme_id = :t",
               {"w": self.id, "t": theme_id})
        tx.run("DELETE FROM themes WHERE workshop_id = :w AND id = :t",
               {"w": self.id, "t": theme_id})

    def _insert_theme(self, tx: Tx, label: str, selected: bool = False,
                      theme_id: str | None = None) -> Theme:
        theme = Theme(theme_id or new_id("t"), label, selected)
        tx.run("INSERT INTO themes (workshop_id, id, label, selected) VALUES (:w, :id, :label, "
               ":sel)", {"w": self.id, "id": theme.id, "label": label, "sel": selected})
        return theme

    def add_theme(self, label: str) -> Theme:
        label = clean_text(label, field="label", max_length=MAX_LABEL)
        return self._board(lambda tx: self._insert_theme(tx, label))

    def rename_theme(self, theme_id: str, label: str) -> None:
        label = clean_text(label, field="label", max_length=MAX_LABEL)

        def work(tx: Tx) -> None:
            self._theme_row(tx, theme_id)
            tx.run("UPDATE themes SET label = :l WHERE workshop_id = :w AND id = :t",
                   {"w": self.id, "t": theme_id, "l": label})

        self._board(work)

    def select_theme(self, theme_id: str, selected: bool = True) -> None:
        """Mark a theme as a candidate for the vote (or take the mark away)."""
        def work(tx: Tx) -> None:
            self._theme_row(tx, theme_id)
            tx.run("UPDATE themes SET selected = :s WHERE workshop_id = :w AND id = :t",
                   {"w": self.id, "t": theme_id, "s": bool(selected)})

        self._board(work)

    def delete_theme(self, theme_id: str) -> None:
        """Delete an empty theme (move or merge its notes first)."""
        def work(tx: Tx) -> None:
            self._theme_row(tx, theme_id)
            if tx.one("SELECT 1 AS x FROM ideas WHERE workshop_id = :w AND theme_id = :t",
                      {"w": self.id, "t": theme_id}):
                raise errors.ThemeNotEmpty()
            self._drop_theme(tx, theme_id)

        self._board(work)

    def assign_idea(self, idea_id: str, theme_id: str | None) -> None:
        """Move a note into a theme, or out of all themes with `None`."""
        def work(tx: Tx) -> None:
            if theme_id is not None:
                self._theme_row(tx, theme_id)
            if tx.one("SELECT 1 AS x FROM ideas WHERE workshop_id = :w AND id = :i",
                      {"w": self.id, "i": str(idea_id)}) is None:
                raise errors.UnknownIdea()
            tx.run("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                   {"w": self.id, "i": str(idea_id), "t": theme_id})

        self._board(work, "ideas")

    def merge_themes(self, into_id: str, from_id: str) -> None:
        """All notes of `from_id` go to `into_id`; `from_id` disappears."""
        def work(tx: Tx) -> None:
            if into_id == from_id:
                raise errors.InvalidValue(field="theme", value=str(from_id)[:20])
            self._theme_row(tx, into_id)
            self._theme_row(tx, from_id)
            tx.run("UPDATE ideas SET theme_id = :into WHERE workshop_id = :w AND "
                   "theme_id = :from", {"w": self.id, "into": into_id, "from": from_id})
            self._drop_theme(tx, from_id)

        self._board(work, "ideas")

    def split_theme(self, theme_id: str, idea_ids: list[str], label: str) -> Theme:
        """A new theme `label` holding these notes of `theme_id`."""
        label = clean_text(label, field="label", max_length=MAX_LABEL)

        def work(tx: Tx) -> Theme:
            self._theme_row(tx, theme_id)
            inside = {r["id"] for r in tx.rows("SELECT id FROM ideas WHERE workshop_id = :w AND "
                                               "theme_id = :t", {"w": self.id, "t": theme_id})}
            chosen = [str(i) for i in idea_ids]
            if not chosen or not set(chosen) <= inside:
                raise errors.UnknownIdea()
            theme = self._insert_theme(tx, label)
            tx.many("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                    [{"w": self.id, "t": theme.id, "i": i} for i in chosen])
            return theme

        return self._board(work, "ideas")

    def apply_themes(self, groups: list[tuple[str, list[str]]]) -> list[Theme]:
        """Replace the board with these (label, note ids) groups, e.g. a suggestion."""
        cleaned = [(clean_text(label, field="label", max_length=MAX_LABEL), [str(i) for i in ids])
                   for label, ids in groups]

        def work(tx: Tx) -> list[Theme]:
            for row in tx.rows("SELECT id FROM themes WHERE workshop_id = :w", {"w": self.id}):
                self._drop_theme(tx, row["id"])
            made = []
            for label, ids in cleaned:
                theme = self._insert_theme(tx, label)
                tx.many("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                        [{"w": self.id, "t": theme.id, "i": i} for i in ids])
                made.append(theme)
            return made

        return self._board(work, "ideas")

    def undo(self) -> None:
        """Put the theme board back as it was before its last change."""
        def work(tx: Tx) -> None:
            row = tx.one("SELECT seq, snapshot FROM undo WHERE workshop_id = :w ORDER BY seq "
                         "DESC LIMIT 1", {"w": self.id})
            if row is None:
                raise errors.NothingToUndo()
            snap = json.loads(row["snapshot"])
            keep = {t[0] for t in snap["themes"]}
            for r in tx.rows("SELECT id FROM themes WHERE workshop_id = :w", {"w": self.id}):
                if r["id"] not in keep:
                    self._drop_theme(tx, r["id"])
            for theme_id, label, selected in snap["themes"]:
                if tx.one("SELECT 1 AS x FROM themes WHERE workshop_id = :w AND id = :t",
                          {"w": self.id, "t": theme_id}):
                    tx.run("UPDATE themes SET label = :l, selected = :s WHERE workshop_id = :w "
                           "AND id = :t", {"w": self.id, "t": theme_id, "l": label,
                                           "s": selected})
                else:
                    self._insert_theme(tx, label, selected, theme_id)
            current = {r["id"] for r in tx.rows("SELECT id FROM ideas WHERE workshop_id = :w",
                                                 {"w": self.id})}
            tx.many("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                    [{"w": self.id, "t": t, "i": i} for i, t in snap["ideas"].items()
                     if i in current])
            tx.run("DELETE FROM undo WHERE workshop_id = :w AND seq = :s",
                   {"w": self.id, "s": row["seq"]})

        self._as_facilitator(work, "themes", "ideas")

    # -- cards on the timeline -----------------------------------------------------------
    def cards(self) -> list[Card]:
        rows = self._db.read("SELECT * FROM cards WHERE workshop_id = :w ORDER BY start_week, "
                             "end_week, id", {"w": self.id})
        return [_card(r) for r in rows]

    def card(self, card_id: str) -> Card:
        rows = self._db.read("SELECT * FROM cards WHERE workshop_id = :w AND id = :c",
                             {"w": self.id, "c": str(card_id)})
        if not rows:
            raise errors.UnknownCard()
        return _card(rows[0])

    def add_card(self, participant: ParticipantRef | None, title: str, owner: str,
                 category: Category | str, start_week: int, end_week: int,
                 sector: Sector | str | None = None, description: str = "") -> Card:
        """A participant's card (sector defaults to theirs); `None` is the facilitator's."""
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> Card:
            self._open_check(tx)
            if pid is None:
                self._facilitator_check(tx)
                card_sector = sector
            else:
                row = tx.one("SELECT sector FROM participants WHERE workshop_id = :w AND "
                             "id = :p", {"w": self.id, "p": pid})
                if row is None:
                    raise errors.UnknownParticipant()
                card_sector = sector or row["sector"]
            fields = clean_card(title, owner, card_sector, category, start_week, end_week,
                                description)
            card = Card(id=new_id("c"), participant_id=pid, **fields)
            self._insert_card(tx, card)
            bump(tx, self.id, "cards")
            return card

        return self._db.write(work)

    def _insert_card(self, tx: Tx, card: Card) -> None:
        tx.run("INSERT INTO cards (workshop_id, id, title, owner, sector, category, start_week, "
               "end_week, description, participant_id) VALUES (:w, :id, :title, :owner, "
               ":sector, :category, :start_week, :end_week, :description, :participant_id)",
               {"w": self.id, **_plain(card.__dict__)})

    def add_cards(self, cards: list[dict]) -> list[Card]:
        """The facilitator's bulk entry: all cards or, if one is wrong, none."""
        checked = []
        for n, c in enumerate(cards, start=1):
            try:
                checked.append(clean_card(c.get("title"), c.get("owner"), c.get("sector"),
                                          c.get("category"), c.get("start_week"),
                                          c.get("end_week"), c.get("description", "")))
            except errors.KitError as exc:
                raise errors.BadRow(row=n, problem=exc.message()) from None

        def work(tx: Tx) -> list[Card]:
            self._open_check(tx)
            self._facilitator_check(tx)
            made = [Card(id=new_id("c"), **fields) for fields in checked]
            for card in made:
                self._insert_card(tx, card)
            bump(tx, self.id, "cards")
            return made

        return self._db.write(work)

    def update_card(self, card_id: str, participant: ParticipantRef | None = None,
                    **fields: object) -> Card:
        """Change a card: a participant only their own, the facilitator (None) any."""
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> Card:
            row = self._own(tx, "cards", card_id, pid, errors.UnknownCard)
            merged = {k: fields.get(k, row[k]) for k in ("title", "owner", "sector", "category",
                                                          "start_week", "end_week",
                                                          "description")}
            clean = clean_card(**merged)
            tx.run("UPDATE cards SET title = :title, owner = :owner, sector = :sector, "
                   "category = :category, start_week = :start_week, end_week = :end_week, "
                   "description = :description WHERE workshop_id = :w AND id = :c",
                   {**_plain(clean), "w": self.id, "c": row["id"]})
            bump(tx, self.id, "cards")
            return Card(id=row["id"], participant_id=row["participant_id"], **clean)

        return self._db.write(work)

    def delete_card(self, card_id: str, participant: ParticipantRef | None = None) -> None:
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> None:
            row = self._own(tx, "cards", card_id, pid, errors.UnknownCard)
            tx.run("DELETE FROM cards WHERE workshop_id = :w AND id = :c",
                   {"w": self.id, "c": row["id"]})
            bump(tx, self.id, "cards")

        self._db.write(work)

    def verdicts(self) -> dict[str, Verdict]:
        """The facilitator's verdict on each analysis finding that has one."""
        rows = self._db.read("SELECT key, status FROM findings WHERE workshop_id = :w",
                             {"w": self.id})
        return {r["key"]: Verdict(r["status"]) for r in rows}

    def set_verdict(self, key: str, verdict: Verdict | str) -> None:
        verdict = clean_choice(verdict, Verdict, field="status")
        key = clean_text(key, field="key", max_length=200)

        def work(tx: Tx) -> None:
            tx.run("DELETE FROM findings WHERE workshop_id = :w AND key = :k",
                   {"w": self.id, "k": key})
            if verdict is not Verdict.OPEN:
                tx.run("INSERT INTO findings (workshop_id, key, status) VALUES (:w, :k, :s)",
                       {"w": self.id, "k": key, "s": verdict.value})

        self._as_facilitator(work, "findings")

    # -- voting ---------------------------------------------------------------------------
    def configure_voting(self, dots_per_participant: int = 3,
                         max_dots_per_theme: int | None = None, hidden: bool = True) -> None:
        """The rules of the vote (facilitator); they apply from the next dot on."""
        for name, value in (("dots_per_participant", dots_per_participant),
                            ("max_dots_per_theme", max_dots_per_theme)):
            if value is None and name == "max_dots_per_theme":
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 50:
                raise errors.InvalidValue(field=name, value=str(value)[:20])
        self._facilitate("UPDATE workshops SET dots_per_participant = :d, "
                         "max_dots_per_theme = :m, results_hidden = :h WHERE id = :w",
                         {"d": dots_per_participant, "m": max_dots_per_theme,
                          "h": bool(hidden)}, "workshop", "votes")

    def open_voting(self) -> None:
        self._facilitate("UPDATE workshops SET voting_open = :t, revealed = :f WHERE id = :w",
                         {"t": True, "f": False}, "workshop", "votes")

    def close_voting(self) -> None:
        self._facilitate("UPDATE workshops SET voting_open = :f WHERE id = :w", {"f": False},
                         "workshop", "votes")

    def reveal(self, revealed: bool = True) -> None:
        """Show the results on the board (hidden ones stay hidden until this)."""
        self._facilitate("UPDATE workshops SET revealed = :r WHERE id = :w",
                         {"r": bool(revealed)}, "workshop", "votes")

    def vote(self, participant: ParticipantRef, theme_id: str, dots: int = 1) -> int:
        """Place dots; returns the participant's dots left. The budget and the per-theme cap
        are checked inside the transaction that writes, under a lock on the participant, so
        two tabs, fast taps or two kernels can never pass them."""
        return self._dots(participant, theme_id, dots)

    def unvote(self, participant: ParticipantRef, theme_id: str, dots: int = 1) -> int:
        """Take dots back; returns the participant's dots left."""
        return self._dots(participant, theme_id, -dots)

    def _dots(self, participant: ParticipantRef, theme_id: str, change: int) -> int:
        pid = _participant_id(participant)
        if isinstance(change, bool) or not isinstance(change, int) or change == 0:
            raise errors.InvalidValue(field="dots", value=str(change)[:20])

        def work(tx: Tx) -> int:
            head = tx.one("SELECT status, voting_open, dots_per_participant, max_dots_per_theme "
                          "FROM workshops WHERE id = :w", {"w": self.id})
            if head is None:
                raise errors.UnknownWorkshop(code=self.code)
            if head["status"] != Status.OPEN or not head["voting_open"]:
                raise errors.VotingClosed()
            lock = "" if self._db.is_sqlite else " FOR UPDATE"
            if tx.one("SELECT id FROM participants WHERE workshop_id = :w AND id = :p" + lock,
                      {"w": self.id, "p": pid}) is None:
                raise errors.UnknownParticipant()
            theme = tx.one("SELECT selected FROM themes WHERE workshop_id = :w AND id = :t",
                           {"w": self.id, "t": str(theme_id)})
            if theme is None or not theme["selected"]:
                raise errors.NotACandidate()
            mine = {r["theme_id"]: r["dots"] for r in tx.rows(
                "SELECT theme_id, dots FROM votes WHERE workshop_id = :w AND "
                "participant_id = :p", {"w": self.id, "p": pid})}
            here = mine.get(str(theme_id), 0) + change
            used = sum(mine.values()) + change
            budget, cap = head["dots_per_participant"], head["max_dots_per_theme"]
            if here < 0:
                raise errors.NoDotsThere()
            if change > 0 and used > budget:
                raise errors.OverBudget(budget=budget)
            if change > 0 and cap is not None and here > cap:
                raise errors.OverThemeCap(cap=cap)
            tx.run("DELETE FROM votes WHERE workshop_id = :w AND participant_id = :p AND "
                   "theme_id = :t", {"w": self.id, "p": pid, "t": str(theme_id)})
            if here:
                tx.run("INSERT INTO votes (workshop_id, participant_id, theme_id, dots) VALUES "
                       "(:w, :p, :t, :d)", {"w": self.id, "p": pid, "t": str(theme_id),
                                            "d": here})
            bump(tx, self.id, "votes")
            return budget - used

        return self._db.write(work)

    def votes(self, participant: ParticipantRef | None = None) -> dict[str, int] | list[Row]:
        """One participant's dots per theme; without a participant, every vote row."""
        if participant is None:
            return self._db.read("SELECT participant_id, theme_id, dots FROM votes WHERE "
                                 "workshop_id = :w ORDER BY participant_id, theme_id",
                                 {"w": self.id})
        rows = self._db.read("SELECT theme_id, dots FROM votes WHERE workshop_id = :w AND "
                             "participant_id = :p", {"w": self.id,
                                                     "p": _participant_id(participant)})
        return {r["theme_id"]: r["dots"] for r in rows}

    def voters(self) -> int:
        rows = self._db.read("SELECT COUNT(DISTINCT participant_id) AS n FROM votes WHERE "
                             "workshop_id = :w", {"w": self.id})
        return rows[0]["n"]

    def set_theme_notes(self, theme_id: str, needs: str = "", use_each_other: str = "",
                        team: str = "") -> None:
        """The room's notes on the guiding questions for one theme (facilitator or scribe)."""
        clean = {k: clean_text(v, field=k, max_length=MAX_DESCRIPTION, required=False,
                               multiline=True)
                 for k, v in (("needs", needs), ("use_each_other", use_each_other),
                              ("team", team))}

        def work(tx: Tx) -> None:
            self._theme_row(tx, theme_id)
            tx.run("UPDATE themes SET needs = :needs, use_each_other = :use_each_other, "
                   "team = :team WHERE workshop_id = :w AND id = :t",
                   {**clean, "w": self.id, "t": theme_id})

        self._as_facilitator(work, "themes")

    def choose_themes(self, theme_ids: list[str]) -> None:
        """The themes that go on to working groups (all others are un-chosen)."""
        def work(tx: Tx) -> None:
            for theme_id in theme_ids:
                self._theme_row(tx, theme_id)
            tx.run("UPDATE themes SET chosen = :f WHERE workshop_id = :w",
                   {"w": self.id, "f": False})
            tx.many("UPDATE themes SET chosen = :t WHERE workshop_id = :w AND id = :i",
                    [{"w": self.id, "t": True, "i": str(i)} for i in theme_ids])

        self._as_facilitator(work, "themes")

    # -- facilitator actions ----------------------------------------------------------
    def _facilitator_check(self, tx: Tx) -> None:
        row = tx.one("SELECT facilitator_key FROM workshops WHERE id = :w", {"w": self.id})
        if row is None:
            raise errors.UnknownWorkshop(code=self.code)
        if self.facilitator_key is None or not secrets.compare_digest(
                str(self.facilitator_key), row["facilitator_key"]):
            raise errors.FacilitatorOnly()

    def _facilitate(self, sql: str, params: dict[str, Any], *topics: str) -> None:
        self._as_facilitator(lambda tx: tx.run(sql, {"w": self.id, **params}), *topics)

    def _as_facilitator(self, work: Callable[[Tx], T], *topics: str) -> T:
        """A facilitator's change: the key checked, `work` and the revision bump in one
        transaction."""
        def run(tx: Tx) -> T:
            self._facilitator_check(tx)
            result = work(tx)
            bump(tx, self.id, *topics)
            return result

        return self._db.write(run)

    def _row(self, tx: Tx, table: str, item_id: str, missing: type[errors.KitError]) -> Row:
        """One row of this workshop's `table`, or `missing` raised."""
        row = tx.one(f"SELECT * FROM {table} WHERE workshop_id = :w AND id = :i",
                     {"w": self.id, "i": str(item_id)})
        if row is None:
            raise missing()
        return row

    def set_phase(self, phase: Phase | str) -> None:
        phase = clean_choice(phase, Phase, field="phase")
        # A timer belongs to the step it was started in.
        self._facilitate("UPDATE workshops SET phase = :p, timer_ends_at = NULL WHERE id = :w",
                         {"p": phase.value}, "workshop")

    def start_timer(self, seconds: int) -> None:
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not 0 < seconds <= 3 * 3600:
            raise errors.InvalidValue(field="seconds", value=str(seconds)[:20])
        self._facilitate("UPDATE workshops SET timer_ends_at = :t WHERE id = :w",
                         {"t": time.time() + seconds}, "workshop")

    def set_review_open(self, review_open: bool) -> None:
        """Show (or hide) the analysis findings on the board."""
        self._facilitate("UPDATE workshops SET review_open = :r WHERE id = :w",
                         {"r": bool(review_open)}, "workshop")

    def stop_timer(self) -> None:
        self._facilitate("UPDATE workshops SET timer_ends_at = NULL WHERE id = :w", {},
                         "workshop")

    def close(self) -> None:
        """Close the workshop: no more joins or input; its join code becomes free again."""
        self._facilitate("UPDATE workshops SET status = 'closed' WHERE id = :w", {}, "workshop")

    def update(self, title: str | None = None, municipality: str | None = None,
               date: str | None = None, language: str | None = None) -> None:
        s = self.state()
        self._facilitate(
            "UPDATE workshops SET title = :t, municipality = :m, date = :d, language = :l "
            "WHERE id = :w",
            {"t": clean_text(title if title is not None else s.title, field="title",
                             max_length=MAX_TITLE),
             "m": clean_text(municipality if municipality is not None else s.municipality,
                             field="municipality", max_length=MAX_NAME),
             "d": _clean_date(date if date is not None else s.date),
             "l": clean_language(language if language is not None else s.language)},
            "workshop")


    # -- export -----------------------------------------------------------------------
    def rows(self) -> Rows:
        """Everything in the workshop, as exchange-format rows (see `kit.exchange`)."""
        from ..exchange import SHEETS

        out: Rows = {}
        for sheet, columns in SHEETS.items():
            names = [c.name for c in columns]
            if sheet == "workshop":
                found = self._db.read("SELECT * FROM workshops WHERE id = :w", {"w": self.id})
            else:
                found = self._db.read(f"SELECT * FROM {sheet} WHERE workshop_id = :w",
                                      {"w": self.id})
            bools = {c.name for c in columns if c.kind == "bool"}
            out[sheet] = [{n: (bool(r[n]) if n in bools else r[n]) for n in names}
                          for r in found]
        return out

    def frames(self) -> dict[str, pd.DataFrame]:
        """One pandas DataFrame per exchange table, keyed by table name."""
        import pandas as pd

        from ..exchange import SHEETS, sort_rows

        rows = self.rows()
        return {sheet: pd.DataFrame(sort_rows(sheet, rows[sheet]),
                                    columns=[c.name for c in columns])
                for sheet, columns in SHEETS.items()}

