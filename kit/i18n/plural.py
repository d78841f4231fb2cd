"""CLDR plural rules, evaluated without Babel: which plural form a count takes in a language.

Each catalog carries its language's rules under `language.plural` (CLDR's rule strings, e.g.
Ukrainian `{"one": "v = 0 and i % 10 = 1 and i % 100 != 11", ...}`, as Babel prints them),
and `tests/test_i18n.py` checks every catalog's rules against Babel's CLDR data. Babel itself
is not imported here: `babel.plural` pulls in `babel.core` and its locale-data loader, about
2 MiB in every phone's kernel, for a handful of integer comparisons. The grammar below is
CLDR's plural-rule syntax (UTS #35, "Language Plural Rules") without the sample annotations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories in CLDR's order; `other` is implied by every rule set."""

_TOKEN = re.compile(r"\s*(\.\.|!=|=|%|,|[a-z]+|\d+(?:\.\d+)?)")
Operands = dict[str, Decimal]
Test = Callable[[Operands], bool]


def operands(count: int | float | Decimal | str) -> Operands:
    """CLDR's operands of a number: n (absolute value), i (integer digits), v and w
    (visible fraction digits, with and without trailing zeros), f and t (those digits as
    an integer), c and e (compact exponent, always 0 here)."""
    text = str(abs(Decimal(str(count))))
    whole, _, fraction = text.partition(".")
    trimmed = fraction.rstrip("0")
    return {"n": Decimal(text), "i": Decimal(whole), "v": Decimal(len(fraction)),
            "w": Decimal(len(trimmed)), "f": Decimal(fraction or 0), "t": Decimal(trimmed or 0),
            "c": Decimal(0), "e": Decimal(0)}


def _parse(rule: str) -> Test:
    """Compile one condition (`or` of `and`s of relations) into a test on the operands."""
    tokens: list[str] = _TOKEN.findall(rule.split("@")[0])
    pos = 0

    def take(expected: str | None = None) -> str:
        nonlocal pos
        if pos >= len(tokens) or (expected is not None and tokens[pos] != expected):
            raise ValueError(f"bad plural rule {rule!r} at token {pos}")
        pos += 1
        return tokens[pos - 1]

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def relation() -> Test:
        operand = take()
        modulus = Decimal(take()) if peek() in ("mod", "%") and take() else None
        word = take()
        negate = word in ("!=", "not") or (word == "is" and peek() == "not")
        if word == "not" or (word == "is" and peek() == "not"):
            word = take()  # "not in", "not within", "is not"
        integer_only = word != "within"
        ranges: list[tuple[Decimal, Decimal]] = []
        while True:
            low = Decimal(take())
            high = Decimal(take()) if peek() == ".." and take() else low
            ranges.append((low, high))
            if peek() != ",":
                break
            take(",")

        def test(ops: Operands) -> bool:
            value = ops[operand] % modulus if modulus is not None else ops[operand]
            inside = any(low <= value <= high for low, high in ranges) and (
                not integer_only or value == value.to_integral_value())
            return inside != negate

        return test

    def conjunction() -> Test:
        parts = [relation()]
        while peek() == "and":
            take("and")
            parts.append(relation())
        return lambda ops: all(part(ops) for part in parts)

    alternatives = [conjunction()]
    while peek() == "or":
        take("or")
        alternatives.append(conjunction())
    if peek() is not None:
        raise ValueError(f"bad plural rule {rule!r}: unexpected {peek()!r}")
    return lambda ops: any(alternative(ops) for alternative in alternatives)


@cache
def _compiled(rules: tuple[tuple[str, str], ...]) -> tuple[tuple[str, Test], ...]:
    return tuple((category, _parse(rule)) for category, rule in rules)


def category(rules: Mapping[str, str], count: int | float | Decimal | str) -> str:
    """The CLDR plural category (`one`, `few`, … or `other`) `count` takes under `rules`.
    Categories are tried in CLDR's order, as Babel does."""
    ordered = tuple(sorted(((c, r) for c, r in rules.items() if c != "other"),
                           key=lambda item: CATEGORIES.index(item[0])))
    ops = operands(count)
    for name, test in _compiled(ordered):
        if test(ops):
            return name
    return "other"


def categories(rules: Mapping[str, str]) -> frozenset[str]:
    """Every category a language distinguishes (its rules' plus `other`)."""
    return frozenset(rules) | {"other"}
