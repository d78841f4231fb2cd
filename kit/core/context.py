"""What a step's store works in: one workshop's database, id, join code and facilitator key,
with the checks and the facilitator transaction every step shares.

`kit.workshop.Workshop` builds one `Context` and hands it, with itself, to each step's store
(the `store.py` of the step's package); a store reads another step's data through that handle, never
through another store's private methods.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from kit.core import errors
from kit.core.base import bump, same_secret
from kit.core.db import Database, Row, Tx
from kit.core.model import Status, Topic
from kit.core.rows import M, Settings

if TYPE_CHECKING:
    from kit.workshop import Workshop

T = TypeVar("T")


class Context:
    """One workshop in one database, as the stores see it."""

    def __init__(self, db: Database, workshop_id: str, code: str, key: str | None) -> None:
        self.db = db
        self.id = workshop_id
        self.code = code
        self.facilitator_key = key

    def __repr__(self) -> str:
        return f"<Context {self.code} id={self.id}>"

    # -- checks inside a transaction ------------------------------------------------------
    def open_check(self, tx: Tx) -> Row:
        """The workshop's status, language and phase; raises unless it is open."""
        row = tx.one("SELECT status, language, phase FROM workshops WHERE id = :w",
                     {"w": self.id})
        if row is None:
            raise errors.UnknownWorkshop(code=self.code)
        if row["status"] != Status.OPEN:
            raise errors.WorkshopClosed(code=self.code)
        return row

    def step_check(self, tx: Tx, phase: str) -> None:
        """Raises unless the workshop is open and in the step called `phase`."""
        head = self.open_check(tx)
        if head["phase"] != phase:
            raise errors.StepClosed()

    def facilitator_check(self, tx: Tx) -> None:
        """Raises unless this handle carries the workshop's facilitator key."""
        row = tx.one("SELECT facilitator_key FROM workshops WHERE id = :w", {"w": self.id})
        if row is None:
            raise errors.UnknownWorkshop(code=self.code)
        if self.facilitator_key is None or not same_secret(
                self.facilitator_key, row["facilitator_key"]):
            raise errors.FacilitatorOnly()

    def row(self, tx: Tx, table: str, item_id: str, missing: type[errors.KitError]) -> Row:
        """One row of this workshop's `table`, or `missing` raised."""
        row = tx.one(f"SELECT * FROM {table} WHERE workshop_id = :w AND id = :i",
                     {"w": self.id, "i": str(item_id)})
        if row is None:
            raise missing()
        return row

    def own(self, tx: Tx, table: str, item_id: str, pid: str | None,
            unknown: type[errors.KitError], step: str | None = None) -> Row:
        """The row a participant (or, with `pid` None, the facilitator) may change."""
        if pid is not None and step is not None:
            self.step_check(tx, step)
        else:
            self.open_check(tx)
        row = self.row(tx, table, item_id, unknown)
        if pid is None:
            self.facilitator_check(tx)
        elif row["participant_id"] != pid:
            raise errors.NotYours()
        return row

    # -- a step's settings (one row per workshop, `kit.core.rows.Settings`) ----------------
    def settings(self, table: Settings[M], tx: Tx | None = None) -> M:
        """This workshop's settings in `table` (its defaults until first written), read in
        `tx` when given; UnknownWorkshop when there is no such workshop."""
        params = {"w": self.id}
        rows = tx.rows(table.select, params) if tx is not None else self.db.read(
            table.select, params)
        if not rows:
            raise errors.UnknownWorkshop(code=self.code)
        return table.of(rows[0])

    def set_settings(self, table: Settings[Any], values: dict[str, Any],
                     *topics: Topic) -> None:
        """A facilitator's change of some of this workshop's settings in `table`."""
        self.facilitate(table.upsert(*values), values, *topics)

    # -- facilitator writes ---------------------------------------------------------------
    def as_facilitator(self, work: Callable[[Tx], T], *topics: Topic) -> T:
        """A facilitator's change: the key checked, `work` and the revision bump in one
        transaction."""
        def run(tx: Tx) -> T:
            self.facilitator_check(tx)
            result = work(tx)
            bump(tx, self.id, *topics)
            return result

        return self.db.write(run)

    def facilitate(self, sql: str, params: dict[str, Any], *topics: Topic) -> None:
        """One facilitator statement (`:w` is this workshop's id) and the revision bump."""
        self.as_facilitator(lambda tx: tx.run(sql, {"w": self.id, **params}), *topics)

    def require_facilitator(self) -> None:
        """Raises unless this handle carries the facilitator key (before a long read)."""
        self.db.write(self.facilitator_check)


class StepStore:
    """Base of a step's store: the context, and the workshop handle it belongs to (for
    reading other steps' data through their public methods)."""

    def __init__(self, ctx: Context, workshop: Workshop) -> None:
        self.ctx = ctx
        self.workshop = workshop

    @property
    def id(self) -> str:
        return self.ctx.id

    @property
    def code(self) -> str:
        return self.ctx.code

    @property
    def _db(self) -> Database:
        return self.ctx.db

    def _rows(self, tx: Tx | None, sql: str, params: dict[str, Any]) -> list[Row]:
        """Rows read inside `tx` when given, else by a read of their own: a step's read
        that another step's write makes inside its transaction (issue 26: a step reads
        another's data through that step's store, never its tables) sees what it writes."""
        return tx.rows(sql, params) if tx is not None else self._db.read(sql, params)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.ctx.code} id={self.ctx.id}>"
