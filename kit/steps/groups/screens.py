"""Working groups on the board (how many have given preferences and the chosen themes; the groups
once confirmed) and in the facilitator app (sizes, forming, moving, confirming, terms)."""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Topic
from kit.i18n import t
from kit.steps._step import BoardHost, FacilitatorHost
from kit.steps.groups.facilitator import GroupTools
from kit.steps.groups.model import groups_stand
from kit.steps.groups.views import groups_board_html
from kit.ui.areas import title_html
from kit.ui.next_action import Moment, StepConsole, closed_or, onward
from kit.ui.parts import html_text, set_html_text


class GroupsBoard:
    def __init__(self, page: BoardHost) -> None:
        self.page = page
        self.vote_status = html_text("", "kit-big")
        self.groups = w.HTML()
        self.root = w.VBox([self.vote_status, self.groups])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, L = self.page.workshop, self.page.language
        people = workshop.participants()
        if not groups_stand(workshop.state()):
            set_html_text(self.vote_status, t("groups.preference_givers", L,
                                              n=workshop.groups.preference_givers(),
                                              m=len(people)), "kit-big")
            self.groups.value = '<div class="kit-theme-grid kit-pages">' + "".join(
                f'<div class="kit-theme-box"><h3>{title_html(th.label, th.area, L)}</h3></div>'
                for th in workshop.groups.group_themes()) + "</div>"
            return
        set_html_text(self.vote_status, "", "kit-big")
        self.groups.value = groups_board_html(workshop.groups(), {p.id: p for p in people}, L)


class GroupsPanel:
    def __init__(self, app: FacilitatorHost) -> None:
        self.app = app
        self.group_tools = GroupTools(app.need, after=app.refresh)
        # form → confirm → on to the ground rules; sizes, moves and descriptions folded
        self.console = StepConsole(app, [self.group_tools.root], "console.groups_tools")
        self.root = self.console.root

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.group_tools.render(self.app.need().state(), self.app.language)
        self.show_next()

    def show_next(self) -> None:
        workshop, L = self.app.need(), self.app.language
        state = workshop.state()
        groups = workshop.groups()
        counts = t("console.groups_counts", L, givers=workshop.groups.preference_givers(),
                   people=len(workshop.participants()), groups=len(groups))
        if state.groups_confirmed:
            self.console.show(onward(self.app, "groups", counts,
                                     t("console.groups_hint_onward", L), state))
            return
        if groups:
            def confirm() -> str:
                self.app.need().groups.confirm_groups(True)
                return t("console.groups_confirmed", L)

            self.console.show(closed_or(state, Moment(
                t("console.groups_confirm", L), counts, t("console.groups_hint_confirm", L),
                confirm), L))
            return
        themes = bool(workshop.groups.group_themes())

        def form() -> str:
            self.group_tools.form_groups()
            self.console.fold.toggle.value = True  # the proposal is to be looked over
            return t("console.groups_formed", L)

        self.console.show(closed_or(state, Moment(
            t("console.groups_form", L), counts,
            t("console.groups_hint_form" if themes else "console.groups_hint_themes", L),
            form, enabled=themes), L))
