"""Checks on everything a person types, shared by the store and the import.

Pure functions that return the cleaned value or raise a translated `KitError`, so a bad input
is refused before any transaction begins.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import TypeVar

from kit.core import errors
from kit.core.model import LANGUAGES, MAX_NAME, Sector

# Control characters break Excel files and terminals; none belongs in a name or a note.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

E = TypeVar("E", bound=StrEnum)


# The zero-width non-joiner and joiner are spelling, not tricks: Persian writes
# می‌خواهم with a ZWNJ, and emoji sequences (👩‍👧) hold together with a ZWJ.
JOINERS = frozenset("\u200c\u200d")
# Half of a UTF-16 pair on its own: no text can be stored or sent with one.
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_format_chars(text: str) -> bool:
    r"""Unicode format characters (category Cf) other than the joiners: bidi overrides,
    zero-width spaces, soft hyphens. Invisible, they make `Anna\u202egnp.exe` read as
    `Annaexe.png`."""
    return any(unicodedata.category(c) == "Cf" and c not in JOINERS for c in text)


def strip_format_chars(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf" or c in JOINERS)


def clean_text(value: object, *, field: str, max_length: int, required: bool = True,
               multiline: bool = False, refuse_format: bool = False) -> str:
    """Strip, normalise and bound a piece of user text. Format characters (Cf) are removed,
    or, with `refuse_format` (names), refused."""
    if value is None:
        value = ""
    if not isinstance(value, str) or _SURROGATE.search(value):
        raise errors.InvalidText(field=field, max_length=max_length)
    if has_format_chars(value):
        if refuse_format:
            raise errors.InvalidText(field=field, max_length=max_length)
        value = strip_format_chars(value)
    # joiners join letters: at the ends they join nothing (and alone they show nothing)
    text = unicodedata.normalize("NFC", value).strip().strip("".join(JOINERS)).strip()
    if not multiline:
        text = " ".join(text.split())
    if _CONTROL.search(text) or (required and not text) or len(text) > max_length:
        raise errors.InvalidText(field=field, max_length=max_length)
    return text


def clean_name(value: object) -> str:
    try:
        return clean_text(value, field="name", max_length=MAX_NAME, refuse_format=True)
    except errors.InvalidText:
        raise errors.InvalidName(max_length=MAX_NAME) from None


def clean_sector(value: object) -> Sector:
    try:
        return Sector(str(value).strip().lower())
    except ValueError:
        raise errors.InvalidSector(value=str(value)[:40]) from None


def clean_choice(value: object, kind: type[E], *, field: str) -> E:
    try:
        return kind(str(value))
    except ValueError:
        raise errors.InvalidValue(field=field, value=str(value)[:40]) from None


def clean_language(value: object) -> str:
    if value not in LANGUAGES:
        raise errors.InvalidValue(field="language", value=str(value)[:40])
    return str(value)
