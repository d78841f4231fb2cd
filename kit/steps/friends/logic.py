"""The friend programme's matching, as pure functions: the waiting list and the volunteers in
(two pandas DataFrames), checked row by row, and the optimal proposed pairs out, each with its
reasons in words. The optimisation itself is in `solver.py`. Pure: no widgets, no SQL.

Rules every proposed pair keeps: the household and the volunteer share a language; they live
in the same municipality (unless `same_municipality=False`); no volunteer gets more
households than their capacity; no household is proposed twice; no excluded (rejected) pair
is proposed. Goals, in this order: as many households matched as possible; then the sum of
the matched households' waiting days as large as possible; then as many shared interests as
possible (a family with children and a volunteer family count as one more).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import pandas as pd

from kit.core.errors import KitError
from kit.i18n import t

WAITING_COLUMNS = ("id", "municipality", "languages", "adults", "children", "interests",
                   "waiting_since")
VOLUNTEER_COLUMNS = ("id", "municipality", "languages", "kind", "capacity", "interests")
PAIR_COLUMNS = ("refugee_id", "volunteer_id", "score", "reasons")
KINDS = ("person", "family")
MAX_PEOPLE = 30        # adults or children in one household: more is a typing error
MAX_CAPACITY = 20      # households one volunteer can befriend at once
MAX_TEXT = 80          # characters of an id, a municipality or one interest
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")   # ISO 639-1 or -3, e.g. ar, da, ti, prs
LANGUAGES = ("da", "en", "uk", "ar")   # the languages reasons can be written in
# control characters and bidi overrides: a name that could flip or hide text on a screen
CONTROL = re.compile("[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class FriendsInputError(KitError):
    """A table handed to the friend programme is not as documented. `table` is one of
    waiting, volunteers, exclude, friendships, and is named in the reader's language."""

    key = "error.friends_not_a_table"

    def message(self, language: str | None = None) -> str:
        params = dict(self.params)
        params["table"] = t(f"friends.table.{params.get('table')}", language)
        if "hint" in params:
            params["hint"] = t(f"friends.hint.{params['hint']}", language)
        from kit.core.errors import shown

        text = t(self.key, language, **{k: shown(v) for k, v in params.items()})
        return text[:1].upper() + text[1:]   # "ventelisten, række 3 …" opens a sentence


class FriendsMissingColumn(FriendsInputError):
    key = "error.friends_missing_column"


class FriendsBadValue(FriendsInputError):
    key = "error.friends_bad_value"


class FriendsDuplicateId(FriendsInputError):
    key = "error.friends_duplicate_id"


class FriendsBadLanguage(FriendsInputError):
    key = "error.friends_bad_language"


class FriendsTooLarge(KitError):
    """Too many households and places in one matching (see `solver.MAX_CELLS`)."""

    key = "error.friends_too_large"


def _frame(value: object, table: str, columns: tuple[str, ...]) -> pd.DataFrame:
    if not isinstance(value, pd.DataFrame):
        raise FriendsInputError(table=table)
    for column in columns:
        if column not in value.columns:
            raise FriendsMissingColumn(table=table, column=column)
    return value.reset_index(drop=True)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA \
        or value is pd.NaT


def _text(value: object, table: str, row: int, column: str, *, empty: bool = False) -> str:
    text = "" if _blank(value) else str(value).strip()
    if (not text and not empty) or len(text) > MAX_TEXT or CONTROL.search(text):
        raise FriendsBadValue(table=table, row=row, column=column, value=str(value)[:MAX_TEXT],
                              hint="text")
    return text


@cache
def _code_set(text: str) -> frozenset[str] | None:
    """Comma-separated language codes as a set, None if one is not a code (cached: the
    same few spellings repeat over thousands of rows)."""
    items = [x.strip().lower() for x in text.split(",")]
    items = [x for x in items if x]
    if not items or not all(LANGUAGE_CODE.match(x) for x in items):
        return None
    return frozenset(items)


def _codes(value: object, table: str, row: int) -> frozenset[str]:
    codes = None if _blank(value) else _code_set(str(value))
    if codes is None:
        raise FriendsBadValue(table=table, row=row, column="languages",
                              value=str(value)[:MAX_TEXT], hint="languages")
    return codes


@cache
def _word_set(text: str) -> frozenset[str] | None:
    """Comma-separated interests as a set of lower-case words, None if one is too long or
    holds control characters (cached as `_code_set`)."""
    items = [x.strip().lower() for x in text.split(",")]
    if any(len(x) > MAX_TEXT or CONTROL.search(x) for x in items):
        return None
    return frozenset(x for x in items if x)


def _words(value: object, table: str, row: int) -> frozenset[str]:
    words = frozenset() if _blank(value) else _word_set(str(value))
    if words is None:
        raise FriendsBadValue(table=table, row=row, column="interests",
                              value=str(value)[:MAX_TEXT], hint="text")
    return words


def _count(value: object, table: str, row: int, column: str, low: int, high: int) -> int:
    try:
        number = float(str(value).strip()) if not isinstance(value, int | float) else value
        whole = int(number)
        ok = whole == number and low <= whole <= high
    except (TypeError, ValueError, OverflowError):
        ok, whole = False, 0
    if not ok or isinstance(value, bool):
        raise FriendsBadValue(table=table, row=row, column=column, value=str(value)[:MAX_TEXT],
                              hint=column)
    return whole


def _day(value: object, row: int, today: dt.date) -> int:
    """Days waited since `value` (an ISO date, or a date/Timestamp), never in the future."""
    day: dt.date | None = None
    if isinstance(value, pd.Timestamp) and not _blank(value):
        day = value.date()
    elif isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            day = None
    if day is None or day > today:
        raise FriendsBadValue(table="waiting", row=row, column="waiting_since",
                              value=str(value)[:MAX_TEXT], hint="waiting_since")
    return (today - day).days


def _unique(ids: list[str], table: str) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise FriendsDuplicateId(table=table, value=value)
        seen.add(value)


def read_waiting(waiting: object, today: dt.date | None = None) -> pd.DataFrame:
    """The waiting list checked and normalised (sorted by id): `languages` and `interests`
    as frozensets of lower-case codes and words, `days` waited until `today`. Raises a
    `FriendsInputError` naming the table, row, column and value at the first bad cell."""
    frame = _frame(waiting, "waiting", WAITING_COLUMNS)
    today = today or dt.date.today()
    rows = []
    for r, rec in enumerate(zip(*(frame[c].tolist() for c in WAITING_COLUMNS), strict=True), 1):
        ident, place, langs, adults, children, interests, since = rec
        adults_n = _count(adults, "waiting", r, "adults", 0, MAX_PEOPLE)
        children_n = _count(children, "waiting", r, "children", 0, MAX_PEOPLE)
        if adults_n + children_n == 0:
            raise FriendsBadValue(table="waiting", row=r, column="adults", value=str(adults),
                                  hint="adults")
        rows.append((_text(ident, "waiting", r, "id"), _text(place, "waiting", r, "municipality"),
                     _codes(langs, "waiting", r), adults_n, children_n,
                     _words(interests, "waiting", r), _day(since, r, today)))
    out = pd.DataFrame(rows, columns=["id", "municipality", "languages", "adults", "children",
                                      "interests", "days"])
    _unique(out["id"].tolist(), "waiting")
    return out.sort_values("id", kind="stable").reset_index(drop=True)


def read_volunteers(volunteers: object) -> pd.DataFrame:
    """The volunteers checked and normalised (sorted by id), as `read_waiting` does."""
    frame = _frame(volunteers, "volunteers", VOLUNTEER_COLUMNS)
    rows = []
    for r, rec in enumerate(zip(*(frame[c].tolist() for c in VOLUNTEER_COLUMNS), strict=True),
                                  1):
        ident, place, langs, kind, capacity, interests = rec
        kind_text = "" if _blank(kind) else str(kind).strip().lower()
        if kind_text not in KINDS:
            raise FriendsBadValue(table="volunteers", row=r, column="kind",
                                  value=str(kind)[:MAX_TEXT], hint="kind")
        rows.append((_text(ident, "volunteers", r, "id"),
                     _text(place, "volunteers", r, "municipality"),
                     _codes(langs, "volunteers", r), kind_text,
                     _count(capacity, "volunteers", r, "capacity", 1, MAX_CAPACITY),
                     _words(interests, "volunteers", r)))
    out = pd.DataFrame(rows, columns=list(VOLUNTEER_COLUMNS))
    _unique(out["id"].tolist(), "volunteers")
    return out.sort_values("id", kind="stable").reset_index(drop=True)


def read_exclude(exclude: object) -> frozenset[tuple[str, str]]:
    """Pairs never to propose: a DataFrame with `refugee_id` and `volunteer_id`, or any
    iterable of (refugee id, volunteer id) pairs."""
    if exclude is None:
        return frozenset()
    if isinstance(exclude, pd.DataFrame):
        frame = _frame(exclude, "exclude", ("refugee_id", "volunteer_id"))
        pairs: Iterable[Any] = frame[["refugee_id", "volunteer_id"]].itertuples(index=False)
    elif isinstance(exclude, Iterable) and not isinstance(exclude, str | bytes):
        pairs = exclude
    else:
        raise FriendsInputError(table="exclude")
    out = set()
    for r, pair in enumerate(pairs, 1):
        if isinstance(pair, str | bytes) or not isinstance(pair, Iterable) or len(
                items := list(pair)) != 2:
            raise FriendsBadValue(table="exclude", row=r, column="refugee_id",
                                  value=str(pair)[:MAX_TEXT], hint="pair")
        out.add((_text(items[0], "exclude", r, "refugee_id"),
                 _text(items[1], "exclude", r, "volunteer_id")))
    return frozenset(out)


def match(waiting: pd.DataFrame, volunteers: pd.DataFrame, *, same_municipality: bool = True,
          exclude: object = None, language: str = "da",
          today: dt.date | None = None) -> pd.DataFrame:
    """The optimal proposals: one row per pair (`refugee_id`, `volunteer_id`, `score`,
    `reasons`), sorted by `refugee_id`.

    `waiting` has the columns `id`, `municipality`, `languages` (comma-separated codes such
    as ``ar,da``), `adults`, `children`, `interests` (comma-separated), `waiting_since` (ISO
    date); `volunteers` `id`, `municipality`, `languages`, `kind` (``person``/``family``),
    `capacity` (households they can take now, ≥ 1), `interests`. `exclude`: pairs never to
    propose (rejected ones), as `read_exclude` takes them. `score` is the pair's shared
    interests, plus one for a family with children and a volunteer family; `reasons` says in
    `language` (da, en, uk, ar) why the pair was proposed. Waiting days are counted to
    `today` (default: today). Bad input raises a `FriendsInputError` and nothing else happens.
    """
    from kit.steps.friends.solver import pair_score, solve

    if language not in LANGUAGES:
        raise FriendsBadLanguage(table="waiting", value=str(language)[:MAX_TEXT])
    households = read_waiting(waiting, today)
    people = read_volunteers(volunteers)
    excluded = read_exclude(exclude)
    pairs = solve(households, people, excluded, bool(same_municipality))
    h_rows: list[dict[str, Any]] = [{str(k): x for k, x in rec.items()}
                                    for rec in households.to_dict("records")]
    v_rows: list[dict[str, Any]] = [{str(k): x for k, x in rec.items()}
                                    for rec in people.to_dict("records")]
    rows = []
    for i, j in pairs:
        h, v = h_rows[i], v_rows[j]
        score = pair_score(h["interests"], int(h["children"]), v["interests"], v["kind"])
        rows.append((h["id"], v["id"], score, reasons(h, v, language)))
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS)).astype(
        {"refugee_id": str, "volunteer_id": str, "score": "int64", "reasons": str})


@cache
def language_name(code: str, language: str) -> str:
    """A language code's name in `language` (CLDR's, through Babel): ar → arabisk."""
    from babel import Locale

    from kit.i18n import locale

    name = Locale.parse(locale(language)).languages.get(code)
    return str(name) if name else code


@cache
def _listed(items: tuple[str, ...], language: str) -> str:
    """Items as a sentence lists them in `language` ("arabisk og dansk"), by Babel."""
    from babel.lists import format_list

    from kit.i18n import locale

    return str(format_list(list(items), locale=locale(language)))


def reasons(household: Mapping[str, Any], volunteer: Mapping[str, Any],
            language: str = "da") -> str:
    """Why a pair was proposed, in words: the languages they share, where they live, how
    long the household has waited, the interests they share, a family to a family."""
    shared = sorted(household["languages"] & volunteer["languages"])
    parts = [t("friends.reason.languages", language,
               languages=_listed(tuple(language_name(x, language) for x in shared),
                                         language))]
    if household["municipality"] == volunteer["municipality"]:
        parts.append(t("friends.reason.municipality", language,
                       municipality=household["municipality"]))
    else:
        parts.append(t("friends.reason.municipalities", language,
                       household=household["municipality"],
                       volunteer=volunteer["municipality"]))
    parts.append(t("friends.reason.waiting", language, count=int(household["days"])))
    common = sorted(household["interests"] & volunteer["interests"])
    if common:
        parts.append(t("friends.reason.interests", language,
                       interests=_listed(tuple(common), language)))
    if household["children"] > 0 and volunteer["kind"] == "family":
        parts.append(t("friends.reason.family", language))
    return t("friends.reason.separator", language).join(parts)
