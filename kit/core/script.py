"""Which writing system a text is in, and which way it runs: enough to tell a note written in
Arabic or Ukrainian from one in Danish (issue 17), without a language model.

`script` names the script most of a text's letters are in; `foreign` says whether a note is in
another script than the workshop's Latin one (the theme suggestion sets those aside as "notes
in other languages" for the facilitator to place, and the board marks them); `direction`
is the direction of the first strongly directional character, as HTML's `dir="auto"` decides
it (Word documents use it for each paragraph). Pure: standard library only.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("latin", ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F), (0x1E00, 0x1EFF))),
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                (0xFE70, 0xFEFF))),
    ("cyrillic", ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0xA640, 0xA69F))),
    ("ethiopic", ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F))),
    ("hebrew", ((0x0590, 0x05FF),)),
    ("greek", ((0x0370, 0x03FF),)),
)
"""Unicode blocks of the scripts refugees in Denmark most often write (Arabic also for Farsi,
Dari, Pashto, Kurdish Sorani; Cyrillic for Ukrainian and Russian; Ethiopic for Tigrinya)."""

LANGUAGE_OF_SCRIPT = {"arabic": "ar", "cyrillic": "uk"}
"""The participant language a script most likely is, where the kit speaks one."""


def _script_of(char: str) -> str | None:
    code = ord(char)
    for name, ranges in SCRIPTS:
        if any(low <= code <= high for low, high in ranges):
            return name
    return "other" if char.isalpha() else None


def script(text: str) -> str:
    """The script most of the letters are in (`latin`, `arabic`, `cyrillic`, `ethiopic`,
    …, `other`); "" for a text without letters."""
    counts = Counter(s for s in map(_script_of, text) if s is not None)
    return counts.most_common(1)[0][0] if counts else ""


def foreign(text: str, home: str = "latin") -> bool:
    """Whether a text is mostly written in another script than `home`."""
    found = script(text)
    return found not in ("", home)


def direction(text: str) -> str:
    """`rtl` or `ltr` by the first strongly directional character (as `dir="auto"`), ""
    when there is none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return ""
