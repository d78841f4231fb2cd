"""The partnership agreement's period and review date on the facilitator's screen (issue 27,
fields instead of blanks): three dates, saved together and checked by the store (the period
may not end before it starts, nor be reviewed before it starts), and what the agreement
still lacks, said before anyone downloads it. The dates belong to the partnership
(`Partnership.set_agreement`): every forum's agreement prints them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import date, t
from kit.steps.follow_up.logic import AGREEMENT_DATES, agreement_gaps
from kit.ui.parts import Fields, esc, guarded, html_text, set_html_text

if TYPE_CHECKING:
    from kit.core.model import PartnershipState
    from kit.workshop import Workshop


def _day(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class AgreementEditor:
    """The agreement's period (from, to) and next review, with a save button, the error in
    the facilitator's language, and a line saying what is agreed or still missing."""

    def __init__(self, workshop_getter: Callable[[], Workshop],
                 after: Callable[[], None]) -> None:
        self._w = workshop_getter
        self.after = after
        self.language = "da"
        self.title = html_text("", "kit-label")
        self.intro = html_text("", "kit-muted")
        # wide enough for the whole date as the browser writes it (looked at: at 15rem
        # with a fixed label width the year was cut off)
        self.dates = {name: w.DatePicker(layout=w.Layout(width="17rem",
                                                          margin="0 1.25rem 0 0"))
                      for name in AGREEMENT_DATES}
        for name, box in self.dates.items():
            box.add_class(f"kit-agreement-{name}")
            box.style.description_width = "auto"
        self.save = w.Button(button_style="primary", icon="check",
                             layout=w.Layout(width="auto"))
        self.save.add_class("kit-agreement-save")
        self.status = w.HTML()
        self.status.add_class("kit-agreement-status")
        self.message = html_text("", "kit-error")
        self.form = Fields(**self.dates)
        self.root = w.VBox([self.title, self.intro,
                            w.HBox(list(self.dates.values()) + [self.save],
                                   layout=w.Layout(flex_flow="row wrap",
                                                   align_items="center")),
                            self.message, self.status])
        self.root.add_class("kit-agreement-editor")
        self.save.on_click(lambda _: self.submit())

    def submit(self) -> bool:
        """Save the three dates together; a wrong combination changes none of them."""
        values = {name: box.value.isoformat() if box.value else ""
                  for name, box in self.dates.items()}
        ok = guarded(lambda: self._w().partnership.set_agreement(**values), self.message,
                     self.language)
        if ok:
            self.form.saved()
            set_html_text(self.message, t("blanks.agreement_saved", self.language), "kit-ok")
            self.after()
        return ok

    def render(self, language: str) -> None:
        self.language = L = language
        state = self._w().partnership.state()
        set_html_text(self.title, t("blanks.agreement_title", L), "kit-label")
        set_html_text(self.intro, t("blanks.agreement_intro", L), "kit-muted")
        for name, box in self.dates.items():
            box.description = t(f"blanks.edit_{name}", L)
        self.save.description = t("blanks.agreement_save", L)
        self.form.load({name: _day(getattr(state, f"agreement_{name}"))
                        for name in AGREEMENT_DATES}, subject=state.id)
        self.status.value = status_html(state, L)


def status_html(state: PartnershipState, language: str) -> str:
    """What the agreement says of its period, or which of its dates are still missing
    (the same facts `kit report` lists for every agreement)."""
    L = language
    gaps = agreement_gaps(state.agreement_start, state.agreement_end, state.agreement_review)
    if not gaps:
        text = t("blanks.agreement_settled", L,
                 start=date(dt.date.fromisoformat(state.agreement_start), L),
                 end=date(dt.date.fromisoformat(state.agreement_end), L),
                 review=date(dt.date.fromisoformat(state.agreement_review), L))
        return f'<p class="kit-ok">{esc(text)}</p>'
    names = ", ".join(t(f"blanks.gap_{g}", L) for g in gaps)
    return (f'<p class="kit-unmet">{esc(t("blanks.agreement_missing", L, fields=names))}'
            f'</p>')


def links_with_missing(files: list[tuple[str, str, Callable[[], bytes]]],
                       language: str) -> str:
    """Download links for documents (file name, link text, how to make it), then what they
    still lack, as `kit report` lists it: the list a facilitator reads before sending."""
    from kit.reports._missing import collecting
    from kit.steps.follow_up.views import missing_html
    from kit.ui.parts import DOCX, download_link

    links, missing = [], {}
    for name, label, make in files:
        with collecting() as found:
            data = make()
        links.append(download_link(data, name, DOCX, label))
        missing[name] = found
    gaps = {name: facts for name, facts in missing.items() if facts}
    return " · ".join(links) + (missing_html(gaps, language) if gaps else "")
