"""Message catalogs: every user-facing string is looked up here by key.

Danish is the default. Facilitator strings exist in Danish and English; participant strings
(keys under `participant.`, `common.`, `phase.`, `sector.`, `error.` …) also in every other
language of `kit.core.model.LANGUAGES`. A missing translation falls back to English, then
Danish, so a screen never shows a key.

A language's catalog is JSON files named `<language>.json`: the shared one beside this module
(the words every page uses) and one in the folder of each step that has words of its own
(`kit/steps/<step>/i18n/<language>.json`), gathered into one mapping on first use; a key may
live in one of them only (`DuplicateKey` otherwise). Most entries are texts; an
entry that shows a count (`{count}`) holds one text per CLDR plural category of its language
(`{"one": "{count} note", "other": "{count} notes"}`), and `t(key, language, count=n)` picks
the form. Three entries describe the language itself: `language.name` (its own name for it),
`language.locale` (the CLDR locale behind it, for numbers and dates), `language.direction`
(`ltr` or `rtl`) and `language.plural` (CLDR's plural rules, see `kit/i18n/plural.py`).
`kit/i18n/glossary.json` holds the one word per concept each language uses.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from kit._step_files import step_files
from kit.i18n import plural

if TYPE_CHECKING:
    import datetime as dt
    from importlib.resources.abc import Traversable

DEFAULT_LANGUAGE = "da"
_FALLBACK = ("en", "da")

Message = str | dict[str, str]
"""A catalog entry: a text, or one text per plural category for entries with a count."""


class DuplicateKey(ValueError):
    """One key in two catalog files of a language: which text a screen shows would depend
    on the order the files are read in, so loading stops instead. (A key twice in one file
    is caught by `tests/test_i18n.py`: checking it here would cost every kernel's first
    page ten times the reading.)"""


def _files(language: str) -> list[tuple[str, Traversable]]:
    """The catalog files of `language`: the shared one beside this module, then each step's
    (`kit/steps/<step>/i18n/<language>.json`), in the order they are read."""
    shared = resources.files(__package__).joinpath(f"{language}.json")
    found = [("kit/i18n", shared)] if shared.is_file() else []
    found += [(f"kit/steps/{step}/i18n", file)
              for step, file in step_files("i18n", f"{language}.json")]
    return found


@cache
def catalog(language: str) -> dict[str, Message]:
    """The flat key → entry mapping of one language, gathered from the shared catalog and
    every step's (empty if the language is unknown). A key in two files raises
    `DuplicateKey`, naming both."""
    messages: dict[str, Message] = {}
    files = _files(language)
    for _, file in files:
        entries: dict[str, Message] = json.loads(file.read_text("utf-8"))
        size = len(messages)
        messages.update(entries)
        if len(messages) != size + len(entries):  # rare: find which files (no cost otherwise)
            _clash(language, files)
    return messages


def _clash(language: str, files: list[tuple[str, Traversable]]) -> None:
    seen: dict[str, str] = {}
    for where, file in files:
        for key in json.loads(file.read_text("utf-8")):
            if key in seen:
                raise DuplicateKey(f"{key!r} in both {seen[key]}/{language}.json and "
                                   f"{where}/{language}.json")
            seen[key] = where


def plural_rules(language: str) -> dict[str, str]:
    """CLDR's plural rules of `language` from its catalog (none: every count is `other`)."""
    rules = catalog(language).get("language.plural")
    return dict(rules) if isinstance(rules, dict) else {}


def _pick(entry: Message, language: str, params: dict[str, object]) -> str:
    if isinstance(entry, str):
        return entry
    count = params.get("count")
    if not isinstance(count, int | float):
        raise TypeError("a message with plural forms needs count=<number>")
    form = plural.category(plural_rules(language), count)
    return entry.get(form, entry["other"])


def t(key: str, language: str | None = None, /, **params: object) -> str:
    """Translate `key` into `language`, filling `{name}` placeholders from `params`; an
    entry with plural forms takes the form `count` calls for in that language."""
    for lang in (language or DEFAULT_LANGUAGE, *_FALLBACK):
        entry = catalog(lang).get(key)
        if entry is not None:
            text = _pick(entry, lang, params)
            return text.format(**params) if params else text
    raise KeyError(f"no message {key!r} in any catalog")


def locale(language: str) -> str:
    """The CLDR locale behind `language` (its catalog's `language.locale`)."""
    value = catalog(language).get("language.locale")
    return value if isinstance(value, str) else language


def is_rtl(language: str) -> bool:
    """Whether `language` is written right to left (its catalog's `language.direction`)."""
    return catalog(language).get("language.direction") == "rtl"


LOCALES = {language: locale(language) for language in ("da", "en", "uk", "ar")}
"""The CLDR locale behind each built-in language; `tests/test_i18n.py` checks each catalog's
number symbols and plural rules against Babel's data for it."""


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number as people read it in `language` (Danish: decimal comma, dot for thousands),
    with exactly `decimals` decimals. The symbols are CLDR's, copied into each catalog
    (`number.decimal`, `number.group`) and checked against Babel by a test: loading Babel's
    locale data in the board's kernel would cost it about 5 MiB for two characters."""
    from decimal import ROUND_HALF_EVEN, Decimal

    # rounded as Babel rounds: the decimal the number reads as, half to even
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    text = f"{exact:,.{decimals}f}"
    symbols: dict[str, str | int | None] = {",": t("number.group", language),
                                            ".": t("number.decimal", language)}
    return text.translate(str.maketrans(symbols))


def date(value: dt.date, language: str, style: str = "long") -> str:
    """A date as people write it in `language` (`long`: "28. november 2026", "28 листопада
    2026 р."), by Babel's CLDR data. For documents and the facilitator app, which load Babel
    anyway; phones show no dates (its locale data would cost their kernels ~10 MiB)."""
    from babel.dates import format_date

    return format_date(value, format=style, locale=locale(language))


def file_name(what: str, language: str, about: str, ext: str) -> str:
    """The one naming scheme of every file the facilitator downloads: what the document is,
    in the facilitator's language (`file.<what>`), then, for a document about one part of
    the workshop, what it is about (a group, a forum and a date) as any file system accepts
    it: "rapport.docx", "kommissorium-Sproggruppen.docx", "terms-of-reference-Sproggruppen.docx"."""
    kept = "".join(c if c.isalnum() or c in "-_" else "-" for c in about.strip())
    while "--" in kept:
        kept = kept.replace("--", "-")
    kept = kept.strip("-")[:60]
    return f"{t(f'file.{what}', language)}{'-' + kept if kept else ''}.{ext}"
