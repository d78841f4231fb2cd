"""Working groups on a phone: preferences for the themes until the groups are confirmed, then
the participant's own group (also in the follow-up step)."""

from __future__ import annotations

import ipywidgets as w

from kit.core.model import Topic
from kit.steps._step import PhoneHost
from kit.steps.groups.model import groups_stand
from kit.steps.groups.views import PreferenceView, my_group_html


class GroupsPhone:
    asks_preferences = True
    """Whether this screen asks for preferences before the groups are confirmed."""

    def __init__(self, page: PhoneHost) -> None:
        self.page = page
        self.preference_view = PreferenceView(on_save=self._save)
        self.my_group = w.HTML()
        self.root = w.VBox([self.preference_view.root, self.my_group])

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        workshop, me = self.page.workshop, self.page.participant
        if workshop is None or me is None:
            return
        state = workshop.state()
        people = {p.id: p for p in workshop.participants()}
        me = people.get(me.id, me)
        asking = (self.asks_preferences and not state.groups_confirmed
                  and state.phase == "groups")
        self.preference_view.root.layout.display = None if asking else "none"
        if asking:
            self.preference_view.render(workshop.groups.group_themes(),
                                        workshop.groups.preferences(me), me.volunteer,
                                        self.page.language,
                                        workshop.translated(self.page.language))
            self.my_group.value = my_group_html(None, people, False, self.page.language)
            return
        group = workshop.groups.my_group(me)
        theme = None if group is None else next(
            (th for th in workshop.ideas.themes() if th.id == group.theme_id), None)
        self.my_group.value = my_group_html(group, people, groups_stand(state),
                                            self.page.language,
                                            workshop.translated(self.page.language),
                                            theme=theme, written_in=state.language)

    def _save(self, ranks: dict[str, int], volunteer: bool) -> None:
        workshop, me = self.page.workshop, self.page.participant
        assert workshop is not None and me is not None  # the view shows only after joining
        workshop.groups.set_preferences(me, ranks, volunteer)


class MyGroupPhone(GroupsPhone):
    """After the workshop: only the participant's own group."""

    asks_preferences = False
