"""What a document is missing, written one way and counted while it is written.

A fact the document needs but does not have is written `doc.missing` ("ikke aftalt
endnu"), the one way every document writes a missing value; a document to be completed by
hand (terms of reference, the partnership agreement) prints a line to write on instead,
but only for a fact the store can hold (its field is empty). Facts the store cannot hold
(an agenda's time and place) are never lines: they read "ikke aftalt endnu".

Either way the fact is noted, when a `collecting()` block is open, so `kit report` and the
console can say per document what is missing before anyone sends it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from kit.i18n import t

_found: ContextVar[list[str] | None] = ContextVar("kit_missing", default=None)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """Note every missing fact written inside the block (in order, each once)."""
    found: list[str] = []
    token = _found.set(found)
    try:
        yield found
    finally:
        _found.reset(token)


def record(fact: str) -> None:
    """Record a missing fact (described in the document's language) for the open block."""
    found = _found.get()
    if found is not None and fact not in found:
        found.append(fact)


def missing(language: str, fact: str) -> str:
    """The one way a missing value is written, the fact noted."""
    record(fact)
    return t("doc.missing", language)


def fact(language: str, thing: str, what: str) -> str:
    """A missing fact's description: what it belongs to and which fact ("Boliggruppen:
    tovholder")."""
    return t("missing.fact", language, thing=thing, what=what.lower() if what[:1].isupper()
             and not what[1:2].isupper() else what)


__all__ = ["collecting", "fact", "missing", "record"]
