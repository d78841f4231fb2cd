"""The friend programme in the facilitator console (issue 28): the partnership's waiting list
and free places in one line, the links to the two sign-up forms, the optimal proposals with
their reasons to accept, reject or give another volunteer, and the check-ins due this week.

It reads and writes through the partnership's store (`workshop.partnership.friends`, the
facilitator's handle carries the tovholder's key); nothing here writes SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.core.errors import KitError
from kit.i18n import t
from kit.ui.friends_national import NationalView
from kit.ui.parts import DOCX, XLSX, download_link, esc, guarded, html_text, set_html_text

if TYPE_CHECKING:
    from kit.steps.friends.model import CheckIn, Friendship, Household, Volunteer
    from kit.steps.friends.store import FriendsStore
    from kit.workshop import Workshop


class FriendsPanel:
    """The partnership's friend programme, for the workshop `need()` gives."""

    def __init__(self, need: Callable[[], Workshop], public_url: str) -> None:
        self.need = need
        self.public_url = public_url.rstrip("/")
        self.language = "da"
        self.summary = w.HTML()
        self.links = w.HTML()
        self.message = html_text("", "kit-error")
        self.propose_button = w.Button(button_style="primary", icon="link",
                                       layout=w.Layout(width="auto"))
        self.propose_button.add_class("kit-friends-propose")
        self.proposals = w.VBox([])
        self.proposals_title = html_text("", "kit-friends-heading", "h3")
        self.due_title = html_text("", "kit-friends-heading", "h3")
        self.due = w.VBox([])
        self.introduced_title = html_text("", "kit-friends-heading", "h3")
        self.introduced = w.VBox([])
        self.workbooks = w.HTML()
        self.national = NationalView(self._friends)
        self.root = w.VBox([self.summary, self.national.root, self.links,
                            self.propose_button, self.message, self.proposals_title,
                            self.proposals, self.introduced_title, self.introduced,
                            self.due_title, self.due, self.workbooks])
        self.root.add_class("kit-friends")
        self.propose_button.on_click(lambda _: self._do(lambda f: f.propose(
            language=self.language)))

    def _friends(self) -> FriendsStore:
        return self.need().partnership.friends

    def _do(self, action: Callable[[FriendsStore], object]) -> None:
        friends = self._friends()
        if guarded(lambda: action(friends), self.message, self.language):
            self.render(self.language)

    def render(self, language: str) -> None:
        self.language = L = language
        friends = self._friends()
        code = self.need().public_code
        waiting = friends.waiting()
        volunteers = friends.volunteers()
        pairs = friends.friendships()
        busy: dict[str, int] = {}
        for f in pairs:
            if f.status.value in ("introduced", "active"):
                busy[f.volunteer_id] = busy.get(f.volunteer_id, 0) + 1
        free = sum(max(v.capacity - busy.get(v.id, 0), 0) for v in volunteers)
        active = sum(1 for f in pairs if f.status.value == "active")
        set_html_text(self.summary, t("friends.console.summary", L, waiting=len(waiting),
                                      places=free, active=active))
        forms = "".join(
            f'<li><a href="{esc(self.public_url)}/friends/{esc(code)}/{kind}" '
            f'target="_blank" rel="noopener">{esc(t(f"friends.form.{kind}_title", L))}</a> '
            f'<span class="kit-muted">{esc(self.public_url)}/friends/{esc(code)}/{kind}'
            "</span></li>" for kind in ("volunteer", "household"))
        self.links.value = (f"<p>{esc(t('friends.console.forms', L))}</p>"
                            f'<ul class="kit-friends-links">{forms}</ul>')
        self.propose_button.description = t("friends.console.propose", L)
        homes = {h.id: h for h in friends.households()}
        people = {v.id: v for v in volunteers}
        proposed = [f for f in pairs if f.status.value == "proposed"]
        set_html_text(self.proposals_title, t("friends.console.proposals", L,
                                              number=len(proposed)), "kit-friends-heading", "h3")
        self.proposals.children = [self._row(f, homes, people, busy, proposed)
                                   for f in proposed] or [
            html_text(t("friends.console.no_proposals", L), "kit-muted")]
        set_html_text(self.introduced_title, t("friends.console.introduced", L),
                      "kit-friends-heading", "h3")
        self.introduced.children = [self._met(f, homes, people) for f in pairs
                                    if f.status.value == "introduced"] or [
            html_text(t("friends.console.none_introduced", L), "kit-muted")]
        self._workbooks(friends, homes, people)
        self.national.render(L)
        set_html_text(self.due_title, t("friends.console.due", L), "kit-friends-heading", "h3")
        by_id = {f.id: f for f in pairs}
        self.due.children = [self._checkin(c, by_id[c.friendship_id], homes, people)
                             for c in friends.due_checkins(dt.date.today())] or [
            html_text(t("friends.console.none_due", L), "kit-muted")]

    def _checkin(self, c: CheckIn, pair: Friendship, homes: dict[str, Household],
                 people: dict[str, Volunteer]) -> w.Widget:
        """A check-in due: who, and the short form for both sides' answers."""
        from kit.steps.friends.model import MAX_ANSWER, Going

        L = self.language
        who, home = people.get(pair.volunteer_id), homes.get(pair.refugee_id)
        head = w.HTML(f"<b>{esc(t('friends.console.checkin', L, month=c.month, due=c.due))}"
                      f"</b>: <bdi>{esc(who.name if who else '–')}</bdi> · "
                      f"<bdi>{esc(home.contact if home else '–')}</bdi>")
        goings = [(t(f"friends.going.{g.value}", L), g.value) for g in Going]
        sides = []
        for side in ("household", "volunteer"):
            going = w.Dropdown(options=goings, value=Going.WELL.value,
                               description=t(f"friends.console.{side}_going", L),
                               style={"description_width": "initial"},
                               layout=w.Layout(width="auto"))
            words = w.Text(placeholder=t("friends.console.words", L),
                           layout=w.Layout(width="18rem"))
            words.add_class(f"kit-friends-{side}-words")
            sides.append((going, words))
        save = w.Button(description=t("friends.console.save_checkin", L), icon="check",
                        button_style="primary", layout=w.Layout(width="auto"))
        (hg, hw), (vg, vw) = sides

        def record(friends: FriendsStore) -> object:
            return friends.record_checkin(
                c.friendship_id, c.month, household_going=str(hg.value),
                volunteer_going=str(vg.value), household_words=str(hw.value)[:MAX_ANSWER * 2],
                volunteer_words=str(vw.value)[:MAX_ANSWER * 2])

        save.on_click(lambda _: self._do(record))
        row = w.VBox([head, w.HBox([hg, hw, vg, vw, save],
                                   layout=w.Layout(flex_flow="row wrap",
                                                   align_items="center"))])
        row.add_class("kit-theme-box")
        row.add_class("kit-friends-checkin")
        return row

    def _met(self, pair: Friendship, homes: dict[str, Household],
             people: dict[str, Volunteer]) -> w.Widget:
        """An accepted pair: its introduction letter to download, and "they have met"."""
        from kit.steps.friends.documents import introduction_letter

        L = self.language
        who, home = people.get(pair.volunteer_id), homes.get(pair.refugee_id)
        try:
            letter = download_link(introduction_letter(self._friends(), pair.id),
                                   f"{t('friends.letter.file', L)}-{pair.id}.docx", DOCX,
                                   t("friends.console.letter", L))
        except KitError:   # one side's data purged since: the row stays, without a letter
            letter = ""
        head = w.HTML(f"<bdi>{esc(who.name if who else '–')}</bdi> ↔ "
                      f"<bdi>{esc(home.contact if home else '–')}</bdi> · {letter}")
        met = w.Button(description=t("friends.console.met", L), icon="handshake-o",
                       layout=w.Layout(width="auto"))
        met.on_click(lambda _: self._do(lambda f: f.set_status(pair.id, "active")))
        row = w.HBox([head, met], layout=w.Layout(align_items="center",
                                                  flex_flow="row wrap"))
        row.add_class("kit-friends-introduced")
        return row

    def _workbooks(self, friends: FriendsStore, homes: dict[str, Household],
                   people: dict[str, Volunteer]) -> None:
        """This month's status workbook of each municipality with sign-ups."""
        from kit.steps.friends.documents import status_workbook

        L = self.language
        month = dt.date.today().isoformat()[:7]
        places = sorted({h.municipality for h in homes.values()}
                        | {v.municipality for v in people.values()})
        links = " · ".join(download_link(
            status_workbook(friends, place, month, L),
            f"{t('friends.xl.file', L)}-{place}-{month}.xlsx", XLSX, place)
            for place in places)
        self.workbooks.value = (f"<p>{esc(t('friends.console.workbooks', L))} {links}</p>"
                                if links else "")

    def _row(self, pair: Friendship, homes: dict[str, Household],
             people: dict[str, Volunteer], busy: dict[str, int],
             proposed: list[Friendship]) -> w.Widget:
        L = self.language
        home, who = homes.get(pair.refugee_id), people.get(pair.volunteer_id)
        head = w.HTML(
            f"<b>{esc(t('friends.console.pair', L, household=pair.refugee_id, municipality=pair.municipality, since=home.waiting_since if home else ''))}</b>"  # noqa: E501
            f" ↔ <b><bdi>{esc(who.name if who else pair.volunteer_id)}</bdi></b>"
            f' <span class="kit-muted">(<bdi>{esc(who.organisation if who else "")}</bdi>)'
            f'</span><br><span class="kit-muted">{esc(pair.reasons)}</span>')
        accept = w.Button(description=t("friends.console.accept", L), button_style="success",
                          icon="check", layout=w.Layout(width="auto"))
        reject = w.Button(description=t("friends.console.reject", L), icon="times",
                          layout=w.Layout(width="auto"))
        taken = {f.volunteer_id: 0 for f in proposed}
        for f in proposed:
            taken[f.volunteer_id] += 1
        others = [(f"{v.name} ({v.organisation})", v.id) for v in people.values()
                  if v.id != pair.volunteer_id and v.municipality == pair.municipality
                  and v.capacity - busy.get(v.id, 0) - taken.get(v.id, 0) > 0]
        other = w.Dropdown(options=[(t("friends.console.other", L), ""), *others],
                           value="", layout=w.Layout(width="18rem"))
        swap = w.Button(description=t("friends.console.swap", L), icon="exchange",
                        layout=w.Layout(width="auto"), disabled=not others)
        accept.on_click(lambda _: self._do(lambda f: f.accept(pair.id)))
        reject.on_click(lambda _: self._do(lambda f: f.reject(pair.id)))
        swap.on_click(lambda _: self._do(lambda f: f.swap(pair.id, str(other.value),
                                                          self.language))
                      if other.value else None)
        row = w.VBox([head, w.HBox([accept, reject, other, swap],
                                   layout=w.Layout(flex_flow="row wrap"))])
        row.add_class("kit-theme-box")
        row.add_class("kit-friends-pair")
        return row
