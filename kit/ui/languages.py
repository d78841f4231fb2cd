"""The facilitator's panel for the languages in the room (issue 17): which languages the
joined phones use, each theme's area, and translations of what the facilitator wrote (theme
labels, group names, a group's purpose and first meeting, ground-rule tasks and house rules)
into those languages.

A phone shows a translation when there is one, else the Danish text with the theme's area
pictogram and the area's name in the phone's language; this panel says which texts still
lack a translation, so the facilitator can ask someone in the room to write one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.core.model import Category, Translation
from kit.i18n import t
from kit.ui.areas import area_html
from kit.ui.parts import esc, guarded, html_text, set_html_text, t_html

if TYPE_CHECKING:
    from kit.model import Group, HouseRule, RuleTask, Theme
    from kit.workshop import Workshop


def phone_languages(workshop: Workshop) -> Counter[str]:
    """How many joined phones use each language other than the workshop's own."""
    own = workshop.state().language
    return Counter(p.language for p in workshop.participants() if p.language != own)


def missing(themes: list[Theme], groups: list[Group], translations: list[Translation],
            languages: list[str], tasks: Sequence[RuleTask] = (),
            rules: Sequence[HouseRule] = ()) -> dict[str, int]:
    """Per language: how many theme labels and group names (and the purposes and first
    meetings written), open ground-rule tasks and agreed house rules have no translation
    into it yet."""
    have = {(x.item_id, x.field, x.language) for x in translations}
    wanted = [(th.id, "label") for th in themes] + [(g.id, "label") for g in groups]
    wanted += [(g.id, f) for g in groups for f in ("purpose", "first_meeting") if getattr(g, f)]
    wanted += [(x.id, "label") for x in tasks if not x.settled]
    wanted += [(r.id, "label") for r in rules if r.agreed]
    return {lang: sum((item, field, lang) not in have for item, field in wanted)
            for lang in languages}


def before_step_html(workshop: Workshop, step: str, language: str) -> str:
    """What the phones will lack at `step` (the step about to be opened): per language the
    room's phones use, how many of the texts that step shows have no translation; "" when
    nothing is missing. Said before the step opens, when someone can still write them."""
    counts = phone_languages(workshop)
    if not counts or step not in ("voting", "groups", "ground_rules"):
        return ""
    themes = workshop.ideas.themes() if step == "voting" else []
    groups = workshop.groups() if step == "groups" else []
    rules = workshop.ground_rules
    tasks = rules.tasks() if step == "ground_rules" else []
    agreed = rules.house_rules() if step == "ground_rules" else []
    lacking = missing(themes, groups, workshop.translations(), sorted(counts), tasks, agreed)
    name = t(f"phase.{step}", language)
    return "".join(f'<p class="kit-warning">{t_html("translate.before_step", language, step=name, count=n, language=t("language.name", x))}</p>'  # noqa: E501
                   for x, n in sorted(lacking.items()) if n)


class LanguagesPanel:
    """Phones' languages, areas and translations, for the workshop `need()` gives."""

    def __init__(self, need: Callable[[], Workshop]) -> None:
        self.need = need
        self.language = "da"
        self.title = html_text("", "kit-phase")
        self.summary = w.HTML()
        self.message = html_text("", "kit-error")
        self.rows = w.VBox()
        self.details = w.Accordion(children=[self.rows])
        self.details.selected_index = None
        self.root = w.VBox([self.title, self.summary, self.details, self.message])
        self.root.add_class("kit-languages")
        self._shape: object = None
        self.areas: dict[str, w.Dropdown] = {}
        self.texts: dict[tuple[str, str, str], w.Text | w.Textarea] = {}

    def render(self, language: str) -> None:
        self.language = L = language
        workshop = self.need()
        counts = phone_languages(workshop)
        languages = sorted(counts, key=lambda x: (-counts[x], x))
        themes = workshop.ideas.themes()
        groups = workshop.groups()
        translations = workshop.translations()
        tasks = [x for x in workshop.ground_rules.tasks() if not x.settled]
        rules = [r for r in workshop.ground_rules.house_rules() if r.agreed]
        set_html_text(self.title, t("translate.title", L), "kit-phase")
        self.details.set_title(0, t("translate.edit", L))
        lacking = missing(themes, groups, translations, languages, tasks, rules)
        phones = ", ".join(t_html("translate.phones_in", L, count=counts[x],
                                  language=t("language.name", x)) for x in languages)
        lines = [f'<p>{phones or esc(t("translate.no_phones", L))}</p>']
        lines += [f'<p class="kit-muted">{t_html("translate.missing", L, count=lacking[x], language=t("language.name", x))}</p>'  # noqa: E501
                  for x in languages if lacking[x]]
        self.summary.value = "".join(lines)
        shape = (L, tuple(languages), tuple((th.id, th.label) for th in themes),
                 tuple((g.id, g.name, bool(g.purpose), bool(g.first_meeting)) for g in groups),
                 tuple((x.id, x.title) for x in tasks), tuple((r.id, r.text) for r in rules))
        if shape != self._shape:
            self._shape = shape
            self._build(themes, groups, languages, tasks, rules)
        for th in themes:
            box = self.areas.get(th.id)
            if box is not None and box.value != th.area:
                box.value = th.area
        have = {(x.item_id, x.field, x.language): x.text for x in translations}
        for key, box in self.texts.items():
            box.value = have.get(key, "")

    def _build(self, themes: list[Theme], groups: list[Group], languages: list[str],
               tasks: Sequence[RuleTask] = (), rules: Sequence[HouseRule] = ()) -> None:
        L = self.language
        area_options = [(t("translate.no_area", L), "")] + [
            (t(f"category.{c.value}", L), c.value) for c in Category]
        rows: list[w.Widget] = []
        self.areas, self.texts = {}, {}
        for th in themes:
            area = w.Dropdown(options=area_options, value=th.area,
                              description=t("translate.area", L),
                              style={"description_width": "initial"})
            area.observe(lambda c, tid=th.id: self._set_area(tid, c["new"]), "value")
            self.areas[th.id] = area
            head = w.HTML(f'<b><bdi>{esc(th.label)}</bdi></b> {area_html(th.area, L)}')
            rows.append(w.VBox([head, area, *self._fields(th.id, ("label",), languages)]))
        for g in groups:
            fields = ("label", *(f for f in ("purpose", "first_meeting") if getattr(g, f)))
            head = w.HTML(f'<b><bdi>{esc(g.name)}</bdi></b>')
            rows.append(w.VBox([head, *self._fields(g.id, fields, languages)]))
        # the ground rules' open tasks and agreed house rules, as phones show them
        for item_id, text in [(x.id, x.title) for x in tasks] + [(r.id, r.text) for r in rules]:
            head = w.HTML(f'<b><bdi>{esc(text)}</bdi></b>')
            rows.append(w.VBox([head, *self._fields(item_id, ("label",), languages)]))
        for row in rows:
            row.add_class("kit-theme-box")
        self.rows.children = rows

    def _fields(self, item_id: str, fields: tuple[str, ...],
                languages: list[str]) -> list[w.Widget]:
        L = self.language
        out: list[w.Widget] = []
        for field in fields:
            for lang in languages:
                kind = w.Text if field == "label" else w.Textarea
                box = kind(description=f'{t(f"translate.field_{field}", L)} · '
                                       f'{t("language.name", lang)}',
                           continuous_update=False, layout=w.Layout(width="100%"),
                           style={"description_width": "14rem"})
                box.observe(lambda c, i=item_id, f=field, x=lang:
                            self._set_text(i, f, x, c["new"]), "value")
                self.texts[(item_id, field, lang)] = box
                out.append(box)
        return out

    def _set_area(self, theme_id: str, area: str) -> None:
        workshop = self.need()
        current = next((th.area for th in workshop.ideas.themes() if th.id == theme_id), None)
        if current is not None and current != area:
            guarded(lambda: workshop.ideas.set_theme_area(theme_id, area), self.message,
                    self.language)

    def _set_text(self, item_id: str, field: str, language: str, text: str) -> None:
        workshop = self.need()
        stored = workshop.translated(language).get((item_id, field), "")
        if text.strip() != stored:
            guarded(lambda: workshop.set_translation(item_id, language, text, field),
                    self.message, self.language)
