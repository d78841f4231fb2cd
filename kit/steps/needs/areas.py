"""How an area (`kit.model.Category`) is shown to someone who may not read Danish: its name
from the catalogs and, beside it, its pictogram.

Kept apart from the widgets so the standalone needs page and the living overview, which are
plain HTML served without a kernel, show areas exactly as the phone does.
"""

from __future__ import annotations

from kit.core.model import Category
from kit.i18n import t


def area_name(category: Category | str, language: str) -> str:
    return t(f"category.{Category(category).value}", language)


def pictogram(category: Category | str) -> str:
    """The area's pictogram as inline SVG markup, or "" while there is none.

    The one place a pictogram goes: issue 17 adds an SVG per area; until then every caller
    shows the name alone. Whatever this returns is our own markup, never user text."""
    return ""


def area_html(category: Category | str, language: str) -> str:
    """The pictogram (if any) and the name, escaped, for the HTML pages."""
    from html import escape

    return f"{pictogram(category)}<span>{escape(area_name(category, language))}</span>"
