"""A table's rows as one model dataclass: the row → model mapper and the INSERT and UPDATE
statements, derived from the dataclass's fields instead of written out by hand per store.

The store runs on plain DB-API (SQLAlchemy is too heavy for a participant's kernel, see
`kit.core.db`), so the declarations in `kit.core.schema` are not loaded here; a model's
fields name its columns, and `tests/test_tables.py` checks that they, the table
declarations and the exchange sheets agree.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

M = TypeVar("M", bound="DataclassInstance")


def insert(table: str, columns: Iterable[str]) -> str:
    """An INSERT of these columns into `table`, each value passed by its column's name."""
    names = list(columns)
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"


def assignments(columns: Iterable[str]) -> str:
    """`a = :a, b = :b` for an UPDATE of these columns (their values passed by name)."""
    return ", ".join(f"{c} = :{c}" for c in columns)


def plain(value: object) -> object:
    """An enum member as its value, for the database drivers; anything else as it is."""
    return value.value if isinstance(value, Enum) else value


class Table(Generic[M]):
    """The table `name` whose rows are `model`s: each field of the model is a column of the
    same name, except the fields in `not_stored` (gathered from other tables, such as a
    group's members). A table of one workshop (`owned`) also has `workshop_id`; a table of
    one partnership (issue 27) says so with `owner="partnership_id"`."""

    def __init__(self, name: str, model: type[M], *, not_stored: tuple[str, ...] = (),
                 owned: bool = True, owner: str = "workshop_id") -> None:
        names = [f.name for f in dataclasses.fields(model)]
        unknown = set(not_stored) - set(names)
        if unknown:
            raise TypeError(f"{model.__name__} has no field {sorted(unknown)[0]}")
        self.name = name
        self.model = model
        self.not_stored = not_stored
        self.owned = owned
        self.owner = owner
        self.columns: tuple[str, ...] = tuple(n for n in names if n not in not_stored)
        self._convert: dict[str, Callable[[Any], Any]] | None = None

    def __repr__(self) -> str:
        return f"<Table {self.name}: {self.model.__name__}>"

    # -- rows → models --------------------------------------------------------------------
    def load(self, row: Mapping[str, Any], **not_stored: Any) -> M:
        """The model of one row (a bool from SQLite's 0/1, an enum from its value); the
        fields not stored come as keywords, or take their defaults."""
        if self._convert is None:
            # The annotations are strings (`from __future__ import annotations`): resolved
            # once, at the first row, so that importing a model costs nothing.
            hints = typing.get_type_hints(self.model)
            self._convert = {c: _converter(hints[c]) for c in self.columns}
        values = {c: convert(row[c]) for c, convert in self._convert.items()}
        return self.model(**values, **not_stored)

    # -- models → statements --------------------------------------------------------------
    def insert(self, *extra: str) -> str:
        """An INSERT of the model's columns and the `extra` ones it leaves out (`created_at`,
        a secret), each value passed by its column's name; the owner's id (`workshop_id`
        or `partnership_id`) first for an owned table."""
        owner = (self.owner,) if self.owned else ()
        return insert(self.name, (*owner, *self.columns, *extra))

    def values(self, item: M, workshop_id: str | None = None, **extra: Any) -> dict[str, Any]:
        """The parameters of `insert()` for `item`: its stored fields as plain values, with
        the owner's id (`workshop_id` is the workshop's or the partnership's) and the `extra`
        columns."""
        out: dict[str, Any] = {c: plain(getattr(item, c)) for c in self.columns}
        if self.owned:
            out[self.owner] = workshop_id
        out.update(extra)
        return out


class Settings(Table[M]):
    """A step's settings of one workshop (issue 26): a table of one row per workshop, keyed
    by the workshop's id, that the step owns. The row is made at the first change (`upsert`);
    until then the model's defaults stand, so a new step needs no row for every workshop
    there is, and a workshop needs no row of every step."""

    def __init__(self, name: str, model: type[M]) -> None:
        super().__init__(name, model)
        self.defaults: M = model()   # every field of a settings model has its default
        found = ", ".join(f"s.{c}" for c in self.columns)
        # the workshop's row decides whether there is such a workshop; the settings' row,
        # whether anything was set yet
        self.select = (f"SELECT w.id AS workshop_found, s.workshop_id AS settings_made, {found} "
                       f"FROM workshops w LEFT JOIN {name} s ON s.workshop_id = w.id "
                       "WHERE w.id = :w")

    def of(self, row: Mapping[str, Any]) -> M:
        """The settings in a row of `select` (the defaults where none was made)."""
        return self.defaults if row["settings_made"] is None else self.load(row)

    def upsert(self, *columns: str) -> str:
        """Write these columns of a workshop's row (`:w` its id, each value by its column's
        name), making the row first if there is none (its other columns at their defaults)."""
        unknown = set(columns) - set(self.columns)
        if not columns or unknown:
            raise TypeError(f"{self.name} has no column {sorted(unknown)[:1]}")
        return (f"INSERT INTO {self.name} ({self.owner}, {', '.join(columns)}) VALUES "
                f"(:w, {', '.join(':' + c for c in columns)}) ON CONFLICT ({self.owner}) "
                f"DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in columns)}")


def _converter(hint: Any) -> Callable[[Any], Any]:
    """How a column's value becomes the field's: `bool`, an enum (from its value), an
    optional one of those (None stays None), an enum or plain text (`Category | str`: a value
    the enum knows, else the text as it is); anything else as it is."""
    if hint is bool:
        return bool
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        enums = [a for a in members if isinstance(a, type) and issubclass(a, Enum)]
        if enums and str in members:
            kind = enums[0]
            return lambda v: kind(v) if v in kind._value2member_map_ else v
        if len(members) == 1:
            inner = _converter(members[0])
            return lambda v: None if v is None else inner(v)
    return _same


def _same(value: Any) -> Any:
    return value
