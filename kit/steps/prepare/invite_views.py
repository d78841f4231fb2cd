"""Invitations on the facilitator's screen, in the preparation panel: what the invitation
says of the day (purpose, place, hours), the register as a list to tick whom to invite (and
in which language), the invited list's balance live as ticks change, the answers so far with
the balance of those who said yes, and per invitee the text to copy and the letter to
download (all letters at once too). Views take data and call back; the store is
`workshop.invites`, the analysis `kit.steps.prepare.rsvp`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.core.model import LANGUAGES, Sector
from kit.i18n import file_name, t
from kit.steps.prepare.rsvp import InvitedOverview, Reply, Rsvp
from kit.ui.parts import (
    DOCX,
    Fields,
    Rebuilt,
    Rows,
    download_link,
    esc,
    guarded,
    html_text,
    set_html_text,
)

if TYPE_CHECKING:
    from kit.core.model import Finding
    from kit.steps.prepare.logic import RegisterOverview
    from kit.steps.prepare.model import Actor
    from kit.workshop import Workshop

def auto() -> w.Layout:
    """A layout of its own per widget: closing a row closes its widgets' layouts too."""
    return w.Layout(width="auto")


def answer_chip(rsvp: Rsvp | None, language: str) -> str:
    """An invitee's answer as a coloured word; nothing for someone not invited."""
    if rsvp is None:
        return ""
    if rsvp.answer in Reply._value2member_map_:
        reply = Reply(rsvp.answer)
        return f'<span class="kit-rsvp {reply.value}">{esc(t(reply.key, language))}</span>'
    return f'<span class="kit-rsvp none">{esc(t("invite.not_answered", language))}</span>'


def balance_html(title: str, overview: RegisterOverview, language: str,
                 empty: str = "", kinds: bool = True) -> str:
    """One balance check as the register shows it: the counts by sector, then what the
    check finds (or that all is well); without the kinds of actors missing (`kinds`), which
    the invited list's check already names."""
    from kit.reports._blocks import finding_text

    L = language
    if empty:
        lines = [empty]
    else:
        counts = {s.value: overview.by_sector.get(s, 0) for s in Sector}
        left_out = {"register.empty"} | (set() if kinds else {"register.missing_kinds"})
        found: list[Finding] = [f for f in overview.findings if f.key not in left_out]
        lines = [t("register.balance", L, **counts)]
        lines += [finding_text(f, L) for f in found] or [t("register.ok", L)]
    items = "".join(f'<li dir="auto">{esc(x)}</li>' for x in lines)
    return f'<div class="kit-invite-balance"><b>{esc(title)}</b><ul>{items}</ul></div>'


def summary_html(overview: InvitedOverview, language: str) -> str:
    """How many are invited and what they answered: one line of counts."""
    L = language
    parts = [f'<b>{esc(t("invite.count", L, count=len(overview.invited)))}</b>']
    parts += [f'<span class="kit-rsvp {r.value}">{esc(t(r.key, L))} '
              f"{overview.counts.get(r.value, 0)}</span>" for r in Reply]
    parts.append(f'<span class="kit-rsvp none">{esc(t("invite.not_answered", L))} '
                 f'{overview.counts.get("", 0)}</span>')
    return f'<div class="kit-invite-summary">{" ".join(parts)}</div>'


class InviteRow:
    """One actor of the register: ticked when invited, the language written to, the
    answer, and a button that shows their text and letter."""

    def __init__(self, actor_id: str, on_invite: Callable[[str, bool, str], None],
                 on_show: Callable[[str], None]) -> None:
        self.invited = w.Checkbox(value=False, indent=False, layout=auto())
        self.who = w.HTML(layout=w.Layout(flex="1 1 auto"))
        self.language = w.Dropdown(options=[(x, x) for x in LANGUAGES], value="da",
                                   layout=w.Layout(width="9.5rem"))
        self.answer = w.HTML(layout=w.Layout(width="9rem"))
        self.show = w.Button(layout=auto(), icon="envelope")
        self.root = w.HBox([self.invited, self.who, self.language, self.answer, self.show])
        self.root.add_class("kit-invite-row")
        self._loading = False
        self.invited.observe(lambda c: self._changed(on_invite, actor_id), "value")
        self.language.observe(lambda c: self._changed(on_invite, actor_id, only_invited=True),
                              "value")
        self.show.on_click(lambda _: on_show(actor_id))

    def _changed(self, on_invite: Callable[[str, bool, str], None], actor_id: str,
                 only_invited: bool = False) -> None:
        if self._loading or (only_invited and not self.invited.value):
            return
        on_invite(actor_id, bool(self.invited.value), str(self.language.value))

    def update(self, data: object, language: str) -> None:
        actor: Actor
        rsvp: Rsvp | None
        actor, rsvp = data  # type: ignore[misc]  # (actor, its invitation or None)
        L = language
        self._loading = True  # what the store says is not the facilitator's change
        try:
            self.invited.value = rsvp is not None
            self.language.options = [(t("language.name", x), x) for x in LANGUAGES]
            if rsvp is not None:
                self.language.value = rsvp.language
        finally:
            self._loading = False
        self.invited.description = ""
        sector = actor.sector.value
        contact = f' <span class="kit-muted">{esc(actor.contact)}</span>' if actor.contact else ""
        self.who.value = (f'<span class="kit-chip {sector}">{esc(t(f"sector.{sector}", L))}'
                          f'</span> <b dir="auto">{esc(actor.name)}</b>{contact}')
        self.answer.value = answer_chip(rsvp, L)
        self.show.description = t("invite.letter", L)
        self.show.disabled = rsvp is None


class InviteTools:
    """The invitations' part of the preparation panel."""

    def __init__(self, workshop_getter: Callable[[], Workshop], after: Callable[[], None],
                 public_url: str = "") -> None:
        self._w, self.after, self.public_url = workshop_getter, after, public_url
        self.language = "da"
        self.title = html_text("", "kit-phase")
        self.intro = html_text("", "kit-muted")
        self.purpose_label = html_text("", "kit-label")
        self.purpose = w.Textarea(rows=3, layout=w.Layout(width="100%"))
        self.place = w.Text(layout=w.Layout(flex="2 1 auto"),
                            style={"description_width": "initial"})
        self.hours = w.Text(layout=w.Layout(flex="1 1 auto"),
                            style={"description_width": "initial"})
        self.save = w.Button(button_style="primary", layout=auto())
        self.details = Fields(purpose=self.purpose, place=self.place, hours=self.hours)
        self.warning = w.HTML()
        self.summary = w.HTML()
        self.balance = w.HTML(layout=w.Layout(flex="1 1 0"))
        self.yes_balance = w.HTML(layout=w.Layout(flex="1 1 0"))
        self.list = w.VBox()
        self.list.add_class("kit-invite-list")
        self.rows: Rows[str, InviteRow] = Rows(self.list, lambda key: InviteRow(
            key, self.set_invited, self.show), empty=html_text("", "kit-muted"))
        self.chosen: str | None = None
        self.heading = w.HTML()
        self.text = w.Textarea(rows=15, layout=w.Layout(width="100%"))
        self.letter = w.HTML()
        self.person = w.VBox([self.heading, self.text, self.letter])
        self.person.add_class("kit-invite-person")
        self.all = w.Button(layout=auto(), icon="download")
        self.all_link = w.HTML()
        self.message = html_text("", "kit-error")
        self._letter = Rebuilt()  # a redraw for an answer elsewhere rebuilds no letter
        self.root = w.VBox([
            self.title, self.intro, self.purpose_label, self.purpose,
            w.HBox([self.place, self.hours, self.save]), self.warning, self.message,
            self.summary, w.HBox([self.balance, self.yes_balance]), self.list,
            self.person, w.HBox([self.all, self.all_link])])
        self.root.add_class("kit-invite")
        self.save.on_click(lambda _: self._act(self.save_details))
        self.all.on_click(lambda _: self._act(self.make_all))

    def _act(self, action: Callable[[], object]) -> bool:
        ok = guarded(action, self.message, self.language)
        if ok:
            self.after()
        return ok

    # -- the facilitator's actions --------------------------------------------------------
    def save_details(self) -> None:
        v = self.details.values()
        self._w().invites.set_details(v["purpose"], v["place"], v["hours"])
        self.details.saved()

    def set_invited(self, actor_id: str, invited: bool, language: str) -> None:
        """A tick (or a new language) invites; taking the tick away withdraws."""
        def act() -> None:
            if invited:
                self._w().invites.invite(actor_id, language)
                self.chosen = actor_id
            else:
                self._w().invites.uninvite(actor_id)
        self._act(act)

    def show(self, actor_id: str) -> None:
        self.chosen = actor_id
        self.after()

    def make_all(self) -> None:
        from kit.steps.prepare.letter import letters_zip

        L = self.language
        data = letters_zip(self._w(), self.public_url, L)
        self.all_link.value = download_link(data, file_name("invitations", L, "", "zip"),
                                            "application/zip", t("invite.letters", L))

    # -- drawing ----------------------------------------------------------------------------
    def render(self, workshop: Workshop, actors: list[Actor], language: str) -> None:
        from kit.steps.prepare.rsvp import invited_overview

        self.language = L = language
        set_html_text(self.title, t("invite.title", L), "kit-phase")
        set_html_text(self.intro, t("invite.intro", L), "kit-muted")
        details = workshop.invites.details()
        self.details.load({"purpose": details.purpose, "place": details.place,
                           "hours": details.hours})
        for box, key in ((self.purpose, "invite.purpose_hint"), (self.place, "invite.place_hint"),
                         (self.hours, "invite.hours_hint")):
            box.placeholder = t(key, L)
        # labelled, so a filled field still says what it holds
        self.place.description, self.hours.description = t("field.place", L), t("field.hours", L)
        set_html_text(self.purpose_label, t("terms.purpose", L), "kit-label")
        self.save.description = t("invite.save", L)
        self.warning.value = ("" if details.purpose else
                              f'<div class="kit-error">{esc(t("invite.no_purpose", L))}</div>')
        rsvps = workshop.invites.rsvps()
        overview = invited_overview(actors, rsvps)
        self.summary.value = summary_html(overview, L)
        self.balance.value = balance_html(t("invite.balance_invited", L), overview.balance, L)
        yes = overview.counts.get(Reply.YES.value, 0)
        self.yes_balance.value = balance_html(t("invite.balance_yes", L), overview.yes_balance,
                                              L, "" if yes else t("invite.nobody_yes", L),
                                              kinds=False)
        by_actor = {r.actor_id: r for r in rsvps}
        empty = self.rows.empty
        if isinstance(empty, w.HTML):
            set_html_text(empty, t("invite.empty", L), "kit-muted")
        self.rows.show(((a.id, (a, by_actor.get(a.id))) for a in actors), L)
        self.all.description = t("invite.letters", L)
        self.all.disabled = not rsvps
        self._person(workshop, actors, by_actor)

    def _person(self, workshop: Workshop, actors: list[Actor],
                by_actor: dict[str, Rsvp]) -> None:
        """The chosen invitee's text to copy and letter to download."""
        from kit.steps.prepare.letter import invitation_letter, invitation_text, rsvp_link

        L = self.language
        actor = next((a for a in actors if a.id == self.chosen), None)
        rsvp = by_actor.get(self.chosen or "")
        if actor is None or rsvp is None:
            self.person.layout.display = "none"
            return
        self.person.layout.display = None
        link = rsvp_link(self.public_url, rsvp.token)
        self.heading.value = (f'<b>{esc(t("invite.text", L))}</b><div class="kit-muted">'
                              f'{esc(t("invite.text_hint", L, name=actor.name))}</div>')
        state, details = workshop.state(), workshop.invites.details()
        self.text.value = invitation_text(state, details, rsvp, link)
        facts = (state.title, state.date, state.municipality, details, actor, rsvp.token,
                 rsvp.language, L)
        self.letter.value = str(self._letter.get(facts, lambda: download_link(
            invitation_letter(workshop, actor, rsvp, self.public_url),
            file_name("invitation", L, actor.name, "docx"), DOCX,
            f"{t('invite.letter', L)}: {actor.name}")))


__all__ = ["InviteRow", "InviteTools", "answer_chip", "balance_html", "summary_html"]
