"""The needs check on screen: the phone's form (three questions, areas to tap, a few words
if one likes), the board's needs per area beside the timeline's offers, and the
facilitator's reading of the free texts before any reaches the board.

Nothing here imports pandas; the figures come from `logic` in pure Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.core.areas import area_name, pictogram
from kit.core.model import Category
from kit.i18n import number, t
from kit.steps.needs.errors import NeedsWhoMissing
from kit.steps.needs.logic import AreaNeed, change, counts_text, round_name
from kit.steps.needs.model import MAX_NEED_TEXT, NeedAnswer, Question, Respondent
from kit.ui.parts import Counter, Rows, esc, guarded, html_text, set_html_text
from kit.ui.undo import UndoToast, gist

if TYPE_CHECKING:
    from kit.workshop import Workshop


# -- phone -------------------------------------------------------------------------------
class NeedsForm:
    """The anonymous form: who is answering (a refugee, staff or a volunteer: asked first,
    so the refugees' own answers are counted apart), per question the nine areas as toggles
    and a short text; after sending, thanks and a button that clears the form for the next
    person (a shared tablet at the language school)."""

    def __init__(self, on_send: Callable[[dict[str, list[str]], dict[str, str], str], None]
                 ) -> None:
        self.on_send = on_send
        self.language = "da"
        self.intro = html_text("", "kit-phase")
        self.anonymous = html_text("", "kit-muted")
        self.who_title = w.HTML()
        # one of three, as radio buttons: choosing one lets go of the others
        self.who = {k: w.ToggleButton(layout=w.Layout(width="auto")) for k in Respondent
                    if k != Respondent.UNSAID}
        for kind, box in self.who.items():
            box.observe(lambda change, kind=kind: self._chose(kind, change["new"]), "value")
        self.titles = {q: w.HTML() for q in Question}
        self.picks = {q: {c: w.ToggleButton(layout=w.Layout(width="auto")) for c in Category}
                      for q in Question}
        self.texts = {q: w.Textarea(layout=w.Layout(width="100%", height="4rem"))
                      for q in Question}
        self.counters = {q: Counter(MAX_NEED_TEXT) for q in Question}
        self.send = w.Button(button_style="primary")
        self.again = w.Button()
        self.message = html_text("", "kit-error")
        self.thanks = html_text("", "kit-big")
        self.send.on_click(lambda _: self._send())
        self.again.on_click(lambda _: self.clear())
        who = w.VBox([self.who_title, w.Box(list(self.who.values()),
                                            layout=w.Layout(flex_flow="row wrap"))])
        who.add_class("kit-theme-box")
        questions = [who]
        for q in Question:
            box = w.VBox([self.titles[q], w.Box(list(self.picks[q].values()),
                                                layout=w.Layout(flex_flow="row wrap")),
                          self.texts[q], self.counters[q]])
            box.add_class("kit-theme-box")
            questions.append(box)
        self.form = w.VBox([self.intro, self.anonymous, *questions, self.send, self.message])
        self.done = w.VBox([self.thanks, self.again])
        self.root = w.VBox([self.form])

    def render(self, language: str) -> None:
        self.language = L = language
        set_html_text(self.intro, t("needs.intro", L), "kit-phase")
        set_html_text(self.anonymous, t("needs.anonymous", L), "kit-muted")
        set_html_text(self.who_title, t("rounds.who", L), "kit-theme-label")
        for kind, box in self.who.items():
            box.description = box.tooltip = t(kind.key, L)
        for q in Question:
            set_html_text(self.titles[q], t(q.key, L), "kit-theme-label")
            self.texts[q].placeholder = t("needs.text_placeholder", L)
            for c, box in self.picks[q].items():
                box.description = area_name(c, L)
                box.tooltip = area_name(c, L)
        self.send.description = t("needs.send", L)
        self.again.description = t("needs.again", L)
        set_html_text(self.thanks, t("needs.thanks", L), "kit-big")

    def values(self) -> tuple[dict[str, list[str]], dict[str, str]]:
        picks = {q.value: [c.value for c, box in self.picks[q].items() if box.value]
                 for q in Question}
        return picks, {q.value: self.texts[q].value for q in Question}

    def _chose(self, kind: Respondent, chosen: bool) -> None:
        if chosen:
            for other, box in self.who.items():
                if other != kind and box.value:
                    box.value = False

    def respondent(self) -> str:
        """Who is answering, as chosen ("" while none is)."""
        return next((k.value for k, box in self.who.items() if box.value), "")

    def _send(self) -> None:
        picks, texts = self.values()
        who = self.respondent()

        def send() -> None:
            if not who:
                raise NeedsWhoMissing()
            self.on_send(picks, texts, who)

        if guarded(send, self.message, self.language):
            self.root.children = (self.done,)

    def clear(self) -> None:
        for box in self.who.values():
            box.value = False
        for q in Question:
            self.texts[q].value = ""
            for box in self.picks[q].values():
                box.value = False
        self.root.children = (self.form,)


# -- board -------------------------------------------------------------------------------
def needs_table_html(areas: list[AreaNeed], before: list[AreaNeed] | None, respondents: int,
                     language: str, title: str | None = None,
                     since: str | None = None) -> str:
    """Per area: the share naming it hardest or missing (a bar), what helps, the offers on
    the timeline, the change since the round before, and a gap flag. `title`: a heading
    above the table (else how many answered, large, for the board); `since`: the name of the
    round the change is measured from, when it is not simply the one before."""
    L = language
    moved = change(before, areas) if before else {}
    # the change since the round before: a column only when there was one
    keys = ("needs.area", "needs.need", "needs.helps", "needs.offers",
            *(("needs.change",) if before else ()))
    names = [t("rounds.since", L, round=since) if k == "needs.change" and since else t(k, L)
             for k in keys]
    head = "".join(f"<th>{esc(n)}</th>" for n in names)
    rows = []
    for a in sorted(areas, key=lambda x: -x.need):
        pct = round(100 * a.need)
        delta = moved.get(a.category)
        shift = "" if delta is None else ("+" if delta > 0 else "") + number(100 * delta, L) + " %"
        flag = f' <span class="kit-gap">{esc(t("needs.gap_short", L))}</span>' if a.gap else ""
        rows.append(f"<tr><td>{pictogram(a.category, L)}{esc(area_name(a.category, L))}{flag}</td>"
                    # the bar's length in em (the whole bar 6em), so the share stays beside it
                    f'<td class="kit-bar-cell"><span class="kit-bar" '
                    f'style="width:{6 * a.need:.2f}em"></span> '
                    f'<span class="kit-score">{esc(number(pct, L))} %</span></td>'
                    f"<td>{a.helps}</td><td>{a.offers}</td>"
                    + (f"<td>{esc(shift)}</td>" if before else "") + "</tr>")
    gaps = (f'<p class="kit-muted"><span class="kit-gap">{esc(t("needs.gap_short", L))}</span> '
            f'{esc(t("needs.gap", L))}</p>') if any(a.gap for a in areas) else ""
    top = (f"<h4>{esc(title)}</h4>" if title else
           f'<div class="kit-big">{esc(t("needs.respondents", L, n=respondents))}</div>')
    return (top
            + f'<table class="kit-table kit-needs">{"<tr>" + head + "</tr>"}{"".join(rows)}</table>'
            + gaps)


def voices_html(texts: list[NeedAnswer], language: str) -> str:
    """The free texts the facilitator has read (never the others), as a wall of notes."""
    if not texts:
        return ""
    # the question in the board's direction, each text in its own (an Arabic answer under
    # a Danish question was laid out left to right when the note took the question's)
    items = "".join(f'<div class="kit-idea"><div class="kit-muted">'
                    f'{esc(t(a.question.key, language))}</div>'
                    f'<div class="kit-voice" dir="auto">{esc(a.text)}</div></div>'
                    for a in texts)
    return (f'<h3>{esc(t("needs.voices", language))}</h3>'
            f'<div class="kit-needs-voices kit-pages">{items}</div>')


def board_html(workshop: Workshop, language: str) -> str:
    store = workshop.needs
    held = [r for r in store.comparison() if r.respondents]
    if not held:
        return f'<p class="kit-big">{esc(t("needs.no_answers", language))}</p>'
    latest = held[-1]
    before = list(held[-2].areas) if len(held) > 1 else None
    # two columns, the paged texts last in theirs, so the board's pager measures them alone
    return ('<div class="kit-needs-board"><div>' + needs_table_html(
        list(latest.areas), before, latest.respondents, language)
        + f'<p class="kit-muted">{esc(counts_text(latest, language))}</p>'
        + "</div><div>" + voices_html([a for a in store.texts(seen=True)
                                       if a.round == latest.round.label], language)
        + "</div></div>")


# -- facilitator -------------------------------------------------------------------------
class NeedsTools:
    """The facilitator's needs check: the standalone link (with its QR code) for asking
    outside the workshop, the results per round, and every free text to read before it may
    reach the board (show it, or delete it when it names someone or does not belong)."""

    def __init__(self, workshop_getter: Callable[[], Workshop], after: Callable[[], None],
                 public_url: str = "") -> None:
        self._w, self.after, self.public_url = workshop_getter, after, public_url
        self.language = "da"
        from kit.steps.needs.rounds_view import RoundsTools  # it draws with needs_table_html

        self.link = w.HTML()
        self.rounds = RoundsTools(workshop_getter, after)
        self.results = self.rounds.root
        self.message = html_text("", "kit-error")
        self.unseen_title = w.HTML()
        self.text_box = w.VBox()
        self.texts: Rows[str, _TextRow] = Rows(self.text_box, lambda key: _TextRow(self, key))
        # a deleted answer waits beside "Fortryd" before it is stored (issue 29)
        self.toast = UndoToast(after=lambda: self._redraw(after))
        self.root = w.VBox([self.link, self.results, self.unseen_title, self.message,
                            self.text_box, self.toast.root])

    def act(self, action: Callable[[Workshop], object]) -> None:
        if guarded(lambda: action(self._w()), self.message, self.language):
            self.after()

    def remove(self, answer_id: str, text: str) -> None:
        """Hide a free text at once; the store deletes it when the toast's time is up."""
        workshop = self._w()
        self.toast.delete(answer_id, gist(text),
                          lambda: workshop.needs.delete_answer(answer_id), self.language)

    def _redraw(self, after: Callable[[], None]) -> None:
        """After a delete, undo or stored delete: these tools at once (the app redraws only
        what the store changed), then the rest of the console."""
        self.render(self.language)
        after()

    def render(self, language: str) -> None:
        self.language = L = language
        workshop = self._w()
        # the public code, never the join code: this link is handed out beyond the room
        url = f"{self.public_url.rstrip('/')}/needs/{workshop.public_code}"
        self.link.value = (f'<p>{esc(t("needs.link", L))} <a href="{esc(url)}" target="_blank">'
                           f'{esc(url)}</a><br><span class="kit-muted">'
                           f'{esc(t("pages.public_hint", L))}</span></p>')
        self.rounds.render(L)
        self.unseen_title.value = f"<h3>{esc(t('needs.unseen', L))}</h3>"
        self.toast.render(L)
        self.texts.show(((a.id, a) for a in workshop.needs.texts()
                         if a.id not in self.toast.hidden), L)


class _TextRow:
    def __init__(self, tools: NeedsTools, answer_id: str) -> None:
        self.text = w.HTML()
        self.show = w.Button(button_style="success", layout=w.Layout(width="auto"))
        self.delete = w.Button(button_style="danger", layout=w.Layout(width="auto"))
        self.seen = False
        self.show.on_click(lambda _: tools.act(
            lambda w_: w_.needs.mark_seen(answer_id, not self.seen)))
        self.said = ""
        self.delete.on_click(lambda _: tools.remove(answer_id, self.said))
        self.root = w.VBox([self.text, w.HBox([self.show, self.delete])])
        self.root.add_class("kit-theme-box")

    def update(self, answer: NeedAnswer, language: str) -> None:
        self.seen, self.said = answer.seen, answer.text
        when = round_name(answer.round, language)
        self.text.value = (f'<span class="kit-muted">{esc(when)} · '
                           f"{esc(t(answer.question.key, language))}</span><br>"
                           f'<span dir="auto">{esc(answer.text)}</span>')
        self.show.description = t("needs.hide" if answer.seen else "needs.show", language)
        self.delete.description = t("rules.delete", language)
