"""The store of all workshops: open it (`open_store`), create, find, import and purge
workshops; each found workshop is a `kit.workshop.Workshop` handle.

`Store` holds the database (SQLite by default, PostgreSQL by URL). A facilitator's handle
carries the workshop's key; a participant's does not.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kit import steps
from kit.carry import carry_over, previous_workshop
from kit.core import errors
from kit.core.base import (
    CODE_ALPHABET,
    CODE_LENGTH,
    PUBLIC_CODE_LENGTH,
    _clean_date,
    bump,
    new_code,
    new_id,
    normalise_code,
    same_secret,
)
from kit.core.db import Database, Row, Tx
from kit.core.model import (
    MAX_NAME,
    MAX_TITLE,
    PartnershipState,
    PartnershipStatus,
    Status,
    Topic,
    WorkshopState,
)
from kit.core.rows import insert
from kit.core.validate import clean_language, clean_text
from kit.partnership import PARTNERSHIPS, Partnership, new_coordinator_key
from kit.workshop import WORKSHOPS, Workshop, _unique_rejoin, read_states  # the handles

if TYPE_CHECKING:
    from kit.core.sheets import PartnershipRows, Rows, Sheet


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

    # -- partnerships -----------------------------------------------------------------
    def create_partnership(self, name: str, municipality: str) -> Partnership:
        """A new partnership (a municipality's local collaboration) with a fresh public
        code; the handle carries its coordinator key."""
        name = clean_text(name, field="name", max_length=MAX_NAME)
        municipality = clean_text(municipality, field="municipality", max_length=MAX_NAME)
        key = new_coordinator_key()
        state = PartnershipState(id=new_id("s"), name=name, municipality=municipality,
                                 public_code="")
        self.db.write(lambda tx: self._insert_partnership(tx, state, key))
        return Partnership(self, state.id, key)

    def _insert_partnership(self, tx: Tx, state: PartnershipState, key: str) -> str:
        """Insert the `partnerships` row of `state`; returns its public code: its own if it
        is a well-formed one no other partnership here holds (a file's, so printed posters
        work on a new server), else a fresh one."""
        public = normalise_code(state.public_code)
        while (len(public) != PUBLIC_CODE_LENGTH or set(public) - set(CODE_ALPHABET)
               or tx.one("SELECT 1 AS x FROM partnerships WHERE public_code = :p",
                         {"p": public}) is not None):
            public = new_code(PUBLIC_CODE_LENGTH)
        tx.run(PARTNERSHIPS.insert("coordinator_key"),
               {**PARTNERSHIPS.values(state, coordinator_key=key), "public_code": public,
                "created_at": state.created_at or time.time()})
        return public

    def partnership(self, partnership_id: str, key: str | None = None) -> Partnership:
        """A handle by id; pass the coordinator key to be allowed to change it."""
        rows = self.db.read("SELECT id, coordinator_key FROM partnerships WHERE id = :p",
                            {"p": str(partnership_id or "")[:80]})
        if not rows:
            raise errors.UnknownPartnership()
        if key is not None and not same_secret(key, rows[0]["coordinator_key"]):
            raise errors.CoordinatorOnly()
        return Partnership(self, rows[0]["id"], key)

    def coordinate(self, partnership_id: str) -> Partnership:
        """The coordinator's handle, for code on the machine that owns the store."""
        rows = self.db.read("SELECT coordinator_key FROM partnerships WHERE id = :p",
                            {"p": str(partnership_id or "")[:80]})
        if not rows:
            raise errors.UnknownPartnership()
        return Partnership(self, str(partnership_id), rows[0]["coordinator_key"])

    def partnerships(self) -> list[PartnershipState]:
        rows = self.db.read("SELECT * FROM partnerships ORDER BY created_at DESC")
        return [PARTNERSHIPS.load(r) for r in rows]

    def public_partnership(self, public_code: str) -> Partnership:
        """The partnership behind a public page (`kit.pages`): found by its public code only
        (never by a join code or an id), and only while it is not archived; UnknownWorkshop
        for anything else, the same for every kind of wrong, so a guesser learns nothing."""
        value = normalise_code(str(public_code or ""))
        rows = self.db.read(
            "SELECT id FROM partnerships WHERE public_code = :c AND status = :s",
            {"c": value, "s": PartnershipStatus.ACTIVE.value}) \
            if len(value) == PUBLIC_CODE_LENGTH else []
        if not rows:
            raise errors.UnknownWorkshop(code=value[:20])
        return Partnership(self, rows[0]["id"], None)

    # -- workshops --------------------------------------------------------------------
    def create_workshop(self, title: str, municipality: str, date: str | None = None,
                        language: str = "da") -> Workshop:
        """A new open workshop with a fresh join code, in a new partnership of its own
        (named as the workshop); the handle carries the facilitator key. A workshop in an
        existing partnership: `partnership.create_workshop`."""
        title = clean_text(title, field="title", max_length=MAX_TITLE)
        partnership = self.create_partnership(title, municipality)
        return self._create_workshop(partnership.id, title, municipality, date, language)

    def _create_workshop(self, partnership_id: str, title: str, municipality: str,
                         date: str | None, language: str, carry: bool = False) -> Workshop:
        """A new open workshop in the partnership; with `carry`, it starts with what the
        partnership's workshop before it leaves (`kit.carry`), in the same transaction."""
        title = clean_text(title, field="title", max_length=MAX_TITLE)
        municipality = clean_text(municipality, field="municipality", max_length=MAX_NAME)
        date = _clean_date(date)
        language = clean_language(language)
        workshop_id, key = new_id("w"), secrets.token_urlsafe(16)

        # The code is drawn as the row goes in; the settings start at the model's defaults.
        state = WorkshopState(id=workshop_id, code="", title=title, municipality=municipality,
                              date=date, language=language, phase=_first_step(),
                              status=Status.OPEN, revision=0, partnership_id=partnership_id)

        def work(tx: Tx) -> str:
            code = self._insert_workshop(tx, state, key)
            topics: tuple[Topic, ...] = ()
            source = previous_workshop(tx, workshop_id) if carry else None
            if source is not None:
                topics = carry_over(tx, source, workshop_id)
            bump(tx, workshop_id, Topic.WORKSHOP, *topics)
            return code

        code = self.db.write(work)
        return Workshop(self, workshop_id, code, key)

    def _insert_workshop(self, tx: Tx, state: WorkshopState, key: str,
                         created_at: float | None = None) -> str:
        """Insert the `workshops` row of `state` under a join code no open workshop holds:
        its own code if it is one, else fresh ones; returns the code used.

        The unique index on open workshops' codes decides (ON CONFLICT ... DO NOTHING), not
        an earlier look: a code another store took a moment ago, in another process, is not
        an error but a reason to draw the next one."""
        sql = WORKSHOPS.insert("facilitator_key", "created_at")
        params = WORKSHOPS.values(state, facilitator_key=key,
                                  created_at=created_at or time.time())
        code: str | None = state.code
        while True:
            if code is None or len(code) != CODE_LENGTH:
                code = new_code()
            if tx.one(sql + " ON CONFLICT (code) WHERE status = 'open' DO NOTHING RETURNING id",
                      {**params, "code": code}) is not None:
                return code
            code = None

    def _find(self, code_or_id: str) -> Row:
        # (a lone surrogate, which no database takes, becomes `?`: just a wrong id)
        value = str(code_or_id or "").strip().encode("utf-8", "replace").decode("utf-8")
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
        if key is not None and not same_secret(key, row["facilitator_key"]):
            raise errors.FacilitatorOnly()
        return Workshop(self, row["id"], row["code"], key)

    def public_workshop(self, code: str) -> Workshop:
        """A participant's or the board's handle: found by join code only, never by id (ids
        come from whoever wrote an import file, e.g. `w-bakkeby-2026`), and only while the
        workshop is open (WorkshopClosed otherwise, so its pages can say so and no more)."""
        value = normalise_code(str(code or ""))
        rows = self.db.read(
            "SELECT id, code, status FROM workshops WHERE code = :c "
            "ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, created_at DESC",
            {"c": value}) if len(value) == CODE_LENGTH else []
        if not rows:
            raise errors.UnknownWorkshop(code=str(code or "")[:20])
        if rows[0]["status"] != Status.OPEN:
            raise errors.WorkshopClosed(code=rows[0]["code"])
        return Workshop(self, rows[0]["id"], rows[0]["code"], None)

    def public_page_workshop(self, public_code: str) -> Workshop:
        """The workshop a public page (`kit.pages`) shows: the latest of the partnership
        whose public code this is, open or closed (closing a workshop ends the day, not the
        partnership), while the partnership is not archived; UnknownWorkshop for anything
        else, the same for every kind of wrong."""
        latest = self.public_partnership(public_code).latest()
        if latest is None:
            raise errors.UnknownWorkshop(code=normalise_code(str(public_code or ""))[:20])
        return latest

    def facilitate(self, code_or_id: str) -> Workshop:
        """The facilitator's handle, for code on the machine that owns the store."""
        row = self._find(code_or_id)
        return Workshop(self, row["id"], row["code"], row["facilitator_key"])

    def workshops(self) -> list[WorkshopState]:
        return read_states(self.db, "ORDER BY w.created_at DESC", {})

    def held_before(self, days: int) -> list[WorkshopState]:
        """The workshops held more than `days` days ago (what `purge_older_than` deletes)."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise errors.InvalidValue(field="days", value=str(days)[:20])
        cutoff = dt.date.today() - dt.timedelta(days=days)
        return [s for s in self.workshops() if _as_date(s.date) < cutoff]

    def purge_older_than(self, days: int) -> list[str]:
        """Delete every workshop held more than `days` days ago; returns their ids."""
        old = [s.id for s in self.held_before(days)]
        for workshop_id in old:
            self.purge(workshop_id)
        return old

    def purge(self, code_or_id: str) -> str:
        """Delete a workshop and everything in it; returns its id. A partnership left
        without workshops goes with it (everything it held besides: `purge_partnership`)."""
        workshop_id: str = self._find(code_or_id)["id"]

        def work(tx: Tx) -> None:
            row = tx.one("SELECT partnership_id FROM workshops WHERE id = :w",
                         {"w": workshop_id})
            _delete_workshop(tx, workshop_id)
            if row is not None and tx.one(
                    "SELECT 1 AS x FROM workshops WHERE partnership_id = :p",
                    {"p": row["partnership_id"]}) is None:
                _delete_partnership(tx, row["partnership_id"])

        self.db.write(work)
        self.db.scrub()  # no trace of the rows in the database's files either
        return workshop_id

    def purge_partnership(self, partnership_id: str) -> str:
        """Delete a partnership, every workshop in it and everything they held."""
        partnership = self.partnership(partnership_id)

        def work(tx: Tx) -> None:
            for row in tx.rows("SELECT id FROM workshops WHERE partnership_id = :p",
                               {"p": partnership.id}):
                _delete_workshop(tx, row["id"])
            _delete_partnership(tx, partnership.id)

        self.db.write(work)
        self.db.scrub()
        return partnership.id

    # -- exchange ---------------------------------------------------------------------
    def import_rows(self, rows: Rows, partnership: Partnership | None = None) -> Workshop:
        """Create a workshop from validated exchange rows, in one transaction: in
        `partnership`, else in a new partnership of its own that takes the file's public
        code (unless another partnership here holds it)."""
        head = rows["workshop"][0]
        if self.db.read("SELECT 1 AS x FROM workshops WHERE id = :w", {"w": head["id"]}):
            raise errors.WorkshopExists(id=head["id"])
        own = PartnershipState(id=partnership.id if partnership else new_id("s"),
                               name=head["title"], municipality=head["municipality"],
                               public_code=str(head.get("public_code") or ""))

        def work(tx: Tx) -> tuple[str, str]:
            if partnership is None:
                self._insert_partnership(tx, own, new_coordinator_key())
            return self._import_into(tx, own.id, (rows,), {})[0]

        code, key = self.db.write(work)
        return Workshop(self, head["id"], code, key)

    def import_partnership(self, rows: PartnershipRows) -> Partnership:
        """Create a whole partnership from validated rows (`kit.exchange_partnership`), in
        one transaction: its row (its public code kept unless another partnership here holds
        it; a new coordinator key), the tables it owns and every workshop in it. Refused
        (nothing written) if the partnership or one of its workshops is already here."""
        head = rows.partnership
        status = PartnershipStatus(head["status"])
        state = PartnershipState(
            id=head["id"], name=head["name"], municipality=head["municipality"],
            public_code=str(head["public_code"] or ""), status=status,
            archived_at=time.time() if status == PartnershipStatus.ARCHIVED else None,
            agreement_start=head["agreement_start"], agreement_end=head["agreement_end"],
            agreement_review=head["agreement_review"])
        key = new_coordinator_key()

        def work(tx: Tx) -> None:
            if tx.one("SELECT 1 AS x FROM partnerships WHERE id = :p", {"p": state.id}):
                raise errors.PartnershipExists(id=state.id)
            self._insert_partnership(tx, state, key)
            self._import_into(tx, state.id, rows.workshops, rows.owned)

        self.db.write(work)
        return Partnership(self, state.id, key)

    def _import_into(self, tx: Tx, partnership_id: str, workshops: Sequence[Rows],
                     owned: Rows) -> list[tuple[str, str]]:
        """Insert workshops' rows and a partnership's own tables' rows into the partnership
        `partnership_id`; returns each workshop's (join code, facilitator key).

        The tables are filled parents first (as their declarations order them, so a row's
        foreign keys find their rows); each sheet's rows go into its table under the sheet's
        columns, and the columns a file does not carry are filled as the table declares them
        (`kit.core.schema`, loaded only here and for a purge): `created_at` in the order of
        the file, `rejoin_code` fresh (a secret is never exported), every other one by its
        default."""
        from kit.core.schema import metadata
        from kit.core.sheets import WORKSHOP
        from kit.exchange import DECLARED
        from kit.exchange_partnership import PARTNERSHIP_SHEETS

        steps.tables()   # the steps' own tables join the declarations (and their order)

        heads = [rows[WORKSHOP.name][0] for rows in workshops]
        for head in heads:
            if tx.one("SELECT 1 AS x FROM workshops WHERE id = :w", {"w": head["id"]}):
                raise errors.WorkshopExists(id=head["id"])
        of_workshop = {s.table_name: s for s in DECLARED if s.name != WORKSHOP.name}
        of_partnership = {s.table_name: s for s in PARTNERSHIP_SHEETS}
        used: set[str] = set()
        fill: dict[str, Callable[[int], object]] = {
            "created_at": lambda n: time.time() + n * 1e-6,
            "rejoin_code": lambda n: _unique_rejoin(used)}

        def put(sheet: Sheet, found: list[dict[str, Any]], owner: str, owner_id: str) -> None:
            if not found:
                return
            names = [c.name for c in sheet.columns]
            filled = [c.name for c in metadata.tables[sheet.table_name].columns
                      if c.name in fill and c.name not in names]
            tx.many(insert(sheet.table_name, [owner, *names, *filled]),
                    [{**row, owner: owner_id, **{c: fill[c](n) for c in filled}}
                     for n, row in enumerate(found)])

        codes: list[tuple[str, str]] = []
        for table in metadata.sorted_tables:
            if table.name == WORKSHOP.table_name:
                for n, head in enumerate(heads):
                    key = secrets.token_urlsafe(16)
                    state = WorkshopState(
                        id=head["id"], code=str(head["code"] or ""), title=head["title"],
                        municipality=head["municipality"], date=head["date"],
                        language=head["language"], phase=head["phase"],
                        status=Status(head["status"]), revision=0,
                        partnership_id=partnership_id)
                    codes.append((self._insert_workshop(
                        tx, state, key, created_at=time.time() + n * 1e-6), key))
                    # the steps' settings the sheet carries (the check's answers, the reason
                    # for the choice of themes, the day's purpose, place and hours; older
                    # files lack some): into the steps' tables (issue 26), the rest at their
                    # defaults
                    for settings in steps.settings():
                        values = {c: head[c] for c in settings.columns
                                  if head.get(c) not in (None, "")}
                        if values:
                            tx.run(settings.upsert(*values), {"w": head["id"], **values})
            elif table.name in of_workshop:
                sheet = of_workshop[table.name]
                for head, rows in zip(heads, workshops, strict=True):
                    put(sheet, rows[sheet.name], "workshop_id", head["id"])
            elif table.name in of_partnership:
                sheet = of_partnership[table.name]
                put(sheet, owned.get(sheet.name, []), "partnership_id", partnership_id)
        for head in heads:
            bump(tx, head["id"], *Topic.declared())
        return codes


def _delete_workshop(tx: Tx, workshop_id: str) -> None:
    # The tables come from their declarations (SQLAlchemy, so loaded only here), the steps'
    # own with them.
    from kit.core.schema import workshop_tables

    steps.tables()
    for table in workshop_tables():
        tx.run(f"DELETE FROM {table} WHERE workshop_id = :w", {"w": workshop_id})
    tx.run("DELETE FROM workshops WHERE id = :w", {"w": workshop_id})


def _delete_partnership(tx: Tx, partnership_id: str) -> None:
    from kit.core.schema import partnership_tables

    steps.tables()
    for table in partnership_tables():
        tx.run(f"DELETE FROM {table} WHERE partnership_id = :p", {"p": partnership_id})
    tx.run("DELETE FROM partnerships WHERE id = :p", {"p": partnership_id})


def _first_step() -> str:

    return steps.first()


def _as_date(value: str) -> dt.date:
    """A stored date as a date; one that is none (written before imports checked dates)
    counts as today's, so no cutoff removes it by accident."""
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return dt.date.today()


def open_store(url: str | None = None) -> Store:
    """Open (and if needed create or upgrade) the store at `url`.

    `None` means the `KIT_DATABASE_URL` environment variable, else the default SQLite file
    (`$KIT_HOME/kit.sqlite`, else `~/.local/share/workshop-kit/kit.sqlite`); `sqlite://` is a
    private in-memory store.
    """
    from kit.core.db import resolve_url

    db = Database(resolve_url(url))
    db.ensure_schema(steps.branches())
    return Store(db)
