"""The nine areas of the integration field (`kit.model.Category`) as a vocabulary without
words: each area's pictogram (our own simple line drawings, inline SVG, nothing fetched) with
its name in the viewer's language as text alternative.

Pure markup, no widgets: the phone and board screens (`kit.ui.areas`) and the plain pages the
participant server answers without a kernel (`kit.pages`: the living overview, the standalone
needs check) show an area the same way.
"""

from __future__ import annotations

from html import escape as esc

from kit.i18n import t

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
