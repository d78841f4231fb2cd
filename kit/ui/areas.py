"""The nine areas of the integration field as pictograms: a vocabulary without words.

A theme's label is written in Danish by the facilitator; its area (`Theme.area`, one of
`kit.model.Category`) is not. Phones and board show the area's pictogram and its name in the
viewer's language beside the label, so an Arabic- or Ukrainian-speaking participant knows what
a theme is about before anyone has translated it (issue 17). The pictograms are our own simple
line drawings, inline SVG (nothing fetched from anywhere), each with a text alternative.
Texts the facilitator wrote are shown translated where a translation exists
(`Workshop.set_translation`), else as written; every piece of user text is isolated
(`<bdi>`) so that Arabic and Latin runs keep their order on any page.
"""

from __future__ import annotations

from collections.abc import Mapping

from kit.core.script import LANGUAGE_OF_SCRIPT, script
from kit.i18n import catalog, t
from kit.ui._common import esc

_STROKE = ('fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" '
           'stroke-linejoin="round"')

PICTOGRAMS: dict[str, str] = {
    # housing: a house with a door
    "bolig": '<path d="M3 11.5 12 4l9 7.5M5.5 10v10h13V10M10 20v-5h4v5"/>',
    # language: a speech bubble with two lines of text
    "sprog": '<path d="M4 5h16v10h-9l-4.5 4v-4H4z"/><path d="M8 9h8M8 12h5"/>',
    # work and education: a briefcase
    "arbejde": '<rect x="3" y="8" width="18" height="12" rx="1.5"/>'
               '<path d="M9 8V5.5h6V8M3 13h18"/>',
    # health: a cross
    "sundhed": '<path d="M9.5 4h5v5.5H20v5h-5.5V20h-5v-5.5H4v-5h5.5z"/>',
    # children and family: an adult and a child
    "familie": '<circle cx="8" cy="6" r="2.5"/><path d="M4 20v-6a4 4 0 0 1 8 0v6"/>'
               '<circle cx="17" cy="10.5" r="2"/><path d="M14 20v-3.5a3 3 0 0 1 6 0V20"/>',
    # network and leisure: three people linked
    "netværk": '<circle cx="12" cy="5" r="2.2"/><circle cx="5" cy="18" r="2.2"/>'
               '<circle cx="19" cy="18" r="2.2"/>'
               '<path d="M10.8 7 6.2 16M13.2 7l4.6 9M7.2 18h9.6"/>',
    # practical matters and institutions: a public building with columns
    "praktisk": '<path d="M3 9.5 12 4l9 5.5zM5.5 10v8M9.8 10v8M14.2 10v8M18.5 10v8M3 20h18"/>',
    # money: a coin with a currency stroke
    "økonomi": '<circle cx="12" cy="12" r="8"/><path d="M14.5 9a2.5 2 0 0 0-5 .5c0 3 5 1.5 5 4.5a2.5 2 0 0 1-5 .5M12 6.5v11"/>',  # noqa: E501
    # information and coordination: an "i" in a circle
    "koordinering": '<circle cx="12" cy="12" r="8.5"/><path d="M12 11v6M12 7.5v.2"/>',
}
"""One 24×24 line drawing per area (`kit.model.Category` value)."""


def language_mark(text: str, language: str) -> tuple[str, str]:
    """For a note in another script than Latin (issue 17): the attribute that names its
    language for the browser (fonts, screen readers) and a small mark for the board saying
    which language it likely is, in that language's own name where the kit speaks it
    ("العربية", "Українська"), else the script's name in the viewer's language. Two empty
    strings for a note in Latin letters."""
    found = script(text)
    if found in ("", "latin"):
        return "", ""
    code = LANGUAGE_OF_SCRIPT.get(found, "")
    name = t("language.name", code) if code else t(f"script.{found}", language) \
        if f"script.{found}" in catalog(language) else t("script.other", language)
    attribute = f' lang="{code}"' if code else ""
    return attribute, f'<span class="kit-lang"{attribute}><bdi>{esc(name)}</bdi></span>'


def area_name(area: str, language: str) -> str:
    """The area's name in `language` ("" for no area)."""
    return t(f"category.{area}", language) if area in PICTOGRAMS else ""


def pictogram(area: str, language: str, size: int = 24) -> str:
    """The area's pictogram as inline SVG, named in `language` for screen readers."""
    if area not in PICTOGRAMS:
        return ""
    name = esc(area_name(area, language))
    return (f'<svg class="kit-pictogram" role="img" aria-label="{name}" width="{size}" '
            f'height="{size}" viewBox="0 0 24 24" {_STROKE}><title>{name}</title>'
            f'{PICTOGRAMS[area]}</svg>')


def area_html(area: str, language: str) -> str:
    """Pictogram and name of an area, as one chip ("" for no area)."""
    if area not in PICTOGRAMS:
        return ""
    return (f'<span class="kit-area kit-area-{esc(area)}">{pictogram(area, language)}'
            f'<bdi>{esc(area_name(area, language))}</bdi></span>')


def title_html(label: str, area: str, language: str,
               translated: Mapping[tuple[str, str], str] | None = None,
               item_id: str = "") -> str:
    """A theme (or its group) as a viewer sees it: the area chip, then the label in the
    viewer's language where the facilitator gave one (`translated`: (item id, field) →
    text), else as written; the label isolated in `<bdi>`."""
    shown = (translated or {}).get((item_id, "label")) or label
    return (f'{area_html(area, language)}'
            f'<bdi class="kit-title-text">{esc(shown)}</bdi>')
