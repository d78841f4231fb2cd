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

from kit.core.areas import PICTOGRAMS as PICTOGRAMS
from kit.core.areas import area_html as area_html
from kit.core.areas import area_name as area_name
from kit.core.areas import pictogram as pictogram
from kit.core.script import LANGUAGE_OF_SCRIPT, script
from kit.i18n import catalog, t
from kit.ui.parts import esc


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


def title_html(label: str, area: str, language: str,
               translated: Mapping[tuple[str, str], str] | None = None,
               item_id: str = "") -> str:
    """A theme (or its group) as a viewer sees it: the area chip, then the label in the
    viewer's language where the facilitator gave one (`translated`: (item id, field) →
    text), else as written; the label isolated in `<bdi>`."""
    shown = (translated or {}).get((item_id, "label")) or label
    return (f'{area_html(area, language)}'
            f'<bdi class="kit-title-text">{esc(shown)}</bdi>')
