"""Message catalogs: every user-facing string is looked up here by key.

Danish is the default. Facilitator strings exist in Danish and English; participant strings
(keys under `participant.`, `common.`, `phase.`, `sector.`, `error.`) also in Ukrainian and
Arabic. A missing translation falls back to English, then Danish, so a screen never shows a key.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

DEFAULT_LANGUAGE = "da"
_FALLBACK = ("en", "da")


@cache
def catalog(language: str) -> dict[str, str]:
    """The flat key → text mapping of one language (empty if the language is unknown)."""
    try:
        raw = resources.files(__package__).joinpath(f"{language}.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    messages: dict[str, str] = json.loads(raw)
    return messages


def t(key: str, language: str | None = None, /, **params: object) -> str:
    """Translate `key` into `language`, filling `{name}` placeholders from `params`."""
    for lang in (language or DEFAULT_LANGUAGE, *_FALLBACK):
        text = catalog(lang).get(key)
        if text is not None:
            return text.format(**params) if params else text
    raise KeyError(f"no message {key!r} in any catalog")


LOCALES = {"da": "da_DK", "en": "en_GB", "uk": "uk_UA", "ar": "ar"}
"""The CLDR locale behind each language; `tests/test_i18n.py` checks each catalog's number
symbols against Babel's data for it."""


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
