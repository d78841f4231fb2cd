"""The facilitator panels' contract, without a browser: what the facilitator types survives
every refresh the room causes (20 participants placing dots, adding cards, notes or preferences,
joining); a save stores it and the panel then shows what is stored; another theme, group,
forum, card or action shows its own values. Plus the shared `Fields` helper on its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import pytest

from kit.model import Phase
from kit.steps.prepare.logic import QUESTIONS, kind_label
from kit.ui.facilitator import FacilitatorApp
from kit.ui.parts import Fields, set_options

URL = "http://192.0.2.10:8866/"
ROOM = 20
SECTORS = ("kommune", "civilsamfund", "flygtning")
Ctx = dict[str, Any]
Values = dict[str, Any]


def now(fac):
    """The facilitator app's panel for the step the workshop is in; with no workshop open,
    whichever step's panel has the tool asked for (the follow-up's before the groups')."""
    if fac.phase_now is not None:
        return fac.panel(fac.phase_now)

    class Any:
        def __getattr__(self, name):
            for step in reversed(("prepare", "timeline", "themes", "voting", "groups",
                                  "follow_up")):
                if hasattr(fac.panel(step), name):
                    return getattr(fac.panel(step), name)
            raise AttributeError(name)

    return Any()


# -- the shared helper ----------------------------------------------------------------------
def test_fields_keep_typing_switch_subjects_and_reload_after_a_save():
    text, box = widgets.Text(), widgets.BoundedIntText(min=1, max=10)
    form = Fields(text=text, box=box)
    assert form.load({"text": "stored", "box": 3}, subject="a") is True
    assert form.values() == {"text": "stored", "box": 3} and form.edited() == set()
    text.value = "typed"
    assert form.load({"text": "stored", "box": 4}, subject="a") is False
    # typing survives; an untouched field follows the store
    assert form.values() == {"text": "typed", "box": 4} and form.edited() == {"text"}
    assert not form.load({"text": "changed elsewhere", "box": 4}, subject="a")
    assert text.value == "typed"
    form.saved()                                         # the facilitator's own save
    form.load({"text": "typed, as stored", "box": 99}, subject="a")
    assert form.values() == {"text": "typed, as stored", "box": 10}   # clamped by the widget
    text.value = "typed for a"
    assert form.load({"text": "b's text", "box": 5}, subject="b")       # another subject
    assert form.values() == {"text": "b's text", "box": 5}
    # a form loaded in parts: each field knows which subject it shows
    text.value = "typed for b"
    form.load({"box": 6}, subject="c")
    form.load({"text": "c's text"}, subject="c")
    assert form.values() == {"text": "c's text", "box": 6}
    form.saved("box")
    box.value = 7
    form.load({"text": "c's text", "box": 6}, subject="c")
    assert box.value == 7                                   # typed after the save: kept


def test_fields_with_fields_that_come_and_go():
    one, two = widgets.Dropdown(options=[("a", 1), ("b", 2)]), widgets.Checkbox()
    form = Fields(one=one)
    form.load({"one": 1})
    one.value = 2
    form.use(one=one, two=two)                 # the same widget keeps its typing
    form.load({"one": 1, "two": True})
    assert form.values() == {"one": 2, "two": True}
    fresh = widgets.Dropdown(options=[("a", 1), ("b", 2)], value=2)
    form.use(one=fresh)                        # a new widget is loaded afresh
    form.load({"one": 1})
    assert fresh.value == 1 and set(form.widgets) == {"one"}


def test_set_options_keeps_the_choice_ipywidgets_would_reset():
    pick = widgets.Dropdown(options=[("A", "a"), ("B", "b")], value="b")
    set_options(pick, [("Á", "a"), ("B́", "b")])            # new labels (another language)
    assert pick.value == "b"
    set_options(pick, [("A", "a"), ("C", "c")], fallback="c")
    assert pick.value == "c"
    many = widgets.SelectMultiple(options=[("A", "a"), ("B", "b")], value=("a", "b"))
    set_options(many, [("B", "b"), ("C", "c")])
    assert many.value == ("b",)
    none = widgets.Dropdown(options=[])
    set_options(none, [("A", "a")])
    assert none.value is None                                # nothing was picked yet


# -- every facilitator panel ----------------------------------------------------------------
@dataclass
class Panel:
    """One form of one facilitator panel, and how the room and the store meet it."""

    name: str
    phase: Phase
    form: Callable[[FacilitatorApp], Fields]
    setup: Callable[[FacilitatorApp, Any, Ctx], None]
    typed: Callable[[Ctx], Values]
    act: Callable[[Any, Ctx, int], None]        # participant number i does something
    save: Callable[[FacilitatorApp], None]
    stored: Callable[[Any, Ctx], Values]        # the saved subject, as its widgets show it
    shown: Callable[[Any, Ctx, Values], Values]  # what the panel shows after the save
    pick: Callable[[FacilitatorApp, Ctx, int], None] | None = None
    other: Callable[[Any, Ctx], Values] | None = None   # subject 1, as its widgets show it
    kept: frozenset[str] = frozenset()   # typed fields a form for new things keeps for the next


def join_room(fac, w, ctx):
    ctx["people"] = [w.join(f"Deltager {i}", SECTORS[i % 3]) for i in range(ROOM)]


def late_arrival(w, ctx, i):
    w.join(f"Sen deltager {i}", SECTORS[i % 3])


def with_themes(fac, w, ctx):
    join_room(fac, w, ctx)
    ctx["themes"] = themes = [w.add_theme(label) for label in ("Bolig", "Sprog", "Job")]
    for th in themes:
        w.ideas.select_theme(th.id)


def voting_room(fac, w, ctx):
    with_themes(fac, w, ctx)
    w.voting.set_discussion(ctx["themes"][1].id, "Sprogcafé", "Frivillige", "Lærere")
    w.voting.configure_voting(ROOM, None, True)
    w.voting.open_voting()


def dot(w, ctx, i):
    w.vote(ctx["people"][i], ctx["themes"][i % 3].id, 1)


def groups_room(fac, w, ctx):
    with_themes(fac, w, ctx)
    w.voting.choose_themes([th.id for th in ctx["themes"][:2]])
    w.prepare.add_actor("Jobcenter", "forvaltning", "kommune")
    w.prepare.add_actor("Moskéen", "trossamfund", "civilsamfund")
    fac.set_phase(Phase.GROUPS)
    first, second = ctx["themes"][0].id, ctx["themes"][1].id
    for i, p in enumerate(ctx["people"]):
        w.groups.set_preferences(p, {first: 1 + i % 2, second: 2 - i % 2})
    w.groups.configure_groups(2, 15)
    w.groups.form_groups()
    ctx["groups"] = groups = w.groups()
    w.groups.update_group(groups[1].id, purpose="Gruppe to")
    w.groups.set_first_meeting(groups[1].id, "2027-02-01", "16:30", "Rådhuset")
    w.groups.invite(groups[1].id, [w.prepare.actors()[0].id])
    ctx["action"] = w.groups.add_action(groups[0].id, "Booke lokale", "Bo", "2027-01-15", "doing")


def preference(w, ctx, i):
    first, second = ctx["themes"][0].id, ctx["themes"][1].id
    w.groups.set_preferences(ctx["people"][i], {first: 2, second: 1}, volunteer=i == 3)


def pick_group(fac, ctx, n):
    now(fac).group_tools.editor.pick.value = ctx["groups"][n].id


def group_values(g) -> Values:
    return {"name": g.name, "purpose": g.purpose, "tasks": g.tasks, "mandate": g.mandate,
            "composition": g.composition, "meeting_frequency": g.meeting_frequency,
            "meeting_date": (dt.date.fromisoformat(g.first_meeting_date)
                             if g.first_meeting_date else None),
            "meeting_time": g.first_meeting_time, "meeting_place": g.first_meeting_place,
            "status": g.status.value,
            "coordinator": g.coordinator_id or ""}


def forum_room(fac, w, ctx):
    join_room(fac, w, ctx)
    a = w.prepare.add_actor("Moskéen", "trossamfund", "civilsamfund")
    ctx["fora"] = [
        w.follow_up.add_forum("koordineringsforum", "Styregruppe", purpose="Styre",
                              response_time="1 uge"),
        w.follow_up.add_forum("arbejdsgruppe", "Jobgruppe", purpose="Job", influence="Meget")]
    w.follow_up.set_forum_members(ctx["fora"][1].id, [f"actor:{a.id}"], None)
    ctx["members"] = (f"participant:{ctx['people'][0].id}", f"actor:{a.id}")


def forum_values(forum) -> Values:
    from kit.steps.follow_up.views import FIELDS

    return {**{f: getattr(forum, f) for f in FIELDS}, "kind": forum.kind.value,
            "members": tuple(forum.members), "coordinator": forum.coordinator or ""}


def card_values(card) -> Values:
    return {"title": card.title, "owner": card.owner, "sector": card.sector.value,
            "category": card.category.value, "weeks": (card.start_week, card.end_week),
            "description": card.description}


def a_card(w, ctx, i):
    w.timeline.add_card(ctx["people"][i], title=f"Tilbud {i}", owner="Forening",
                        sector=SECTORS[i % 3], category="sprog", start_week=i % 5,
                        end_week=5 + i % 5)


def cards_room(fac, w, ctx):
    join_room(fac, w, ctx)
    ctx["cards"] = [w.timeline.add_card(None, title=title, owner=owner, sector="kommune",
                               category="bolig", start_week=start, end_week=start + 2,
                               description=f"{title} beskrevet")
                    for title, owner, start in (("Bolig", "Kommunen", 0),
                                                ("Møbler", "Røde Kors", 3))]


def edit_card(fac, ctx, n):
    now(fac).card_editor.edit(ctx["cards"][n])


BULK = ("Boligtildeling\tIntegration\tkommune\tbolig\t-8\t-2\n"
        "Sprogcafé;Lektiecaféen;civilsamfund;sprog;2;26")
TYPED_CARD = {"title": "Lektiehjælp", "owner": "Biblioteket", "sector": "civilsamfund",
              "category": "arbejde", "weeks": (2, 12), "description": "Hver tirsdag"}


def saved_card(w, title):
    return card_values(next(c for c in w.timeline.cards() if c.title == title))


PANELS = [
    Panel("register", Phase.PREPARE, lambda fac: now(fac).register.draft, lambda fac, w, ctx: None,
          lambda ctx: {"name": "Moskéen", "kind": "Trossamfund", "sector": "flygtning",
                       "contact": "imam@example.org", "remarks": "Fredagsbøn"},
          late_arrival, lambda fac: now(fac).register.add.click(),
          lambda w, ctx: next({"name": a.name, "kind": kind_label(a.kind, "da"),
                               "sector": a.sector.value,
                               "contact": a.contact, "remarks": a.remarks}
                              for a in w.prepare.actors() if a.name == "Moskéen"),
          # the next actor's form: its own words cleared, kind and sector kept
          lambda w, ctx, typed: {**typed, "name": "", "contact": "", "remarks": ""}),
    Panel("check", Phase.PREPARE, lambda fac: now(fac).check.form, lambda fac, w, ctx: None,
          lambda ctx: {q: ("yes", "no", "unsure")[n % 3] for n, q in enumerate(QUESTIONS)},
          late_arrival, lambda fac: now(fac).check.save.click(),
          lambda w, ctx: dict(w.prepare.check_answers()), lambda w, ctx, typed: typed),
    Panel("bulk cards", Phase.TIMELINE, lambda fac: now(fac).review.form, join_room,
          lambda ctx: {"bulk": BULK},
          a_card, lambda fac: now(fac).review.bulk_button.click(),
          lambda w, ctx: {"bulk": BULK} if {"Boligtildeling", "Sprogcafé"} <= {
              c.title for c in w.timeline.cards()} else {},
          lambda w, ctx, typed: {"bulk": ""}),
    Panel("new card", Phase.TIMELINE, lambda fac: now(fac).card_editor.form, join_room,
          lambda ctx: TYPED_CARD, a_card, lambda fac: now(fac).card_editor.save.click(),
          lambda w, ctx: saved_card(w, "Lektiehjælp"),
          # the next card starts empty, with the same owner, sector, category and weeks
          lambda w, ctx, typed: {**typed, "title": "", "description": ""},
          kept=frozenset({"owner", "sector", "category", "weeks"})),
    Panel("card being edited", Phase.TIMELINE, lambda fac: now(fac).card_editor.form, cards_room,
          lambda ctx: TYPED_CARD, a_card, lambda fac: now(fac).card_editor.save.click(),
          lambda w, ctx: card_values(w.timeline.card(ctx["cards"][0].id)),
          lambda w, ctx, typed: {"title": "", "owner": "", "sector": "kommune",
                                 "category": "koordinering", "weeks": (0, 4),
                                 "description": ""},
          edit_card, lambda w, ctx: card_values(w.timeline.card(ctx["cards"][1].id))),
    Panel("new theme", Phase.THEMES, lambda fac: now(fac).themes.form, join_room,
          lambda ctx: {"new_label": "Fællesskab", "count": 4},
          late_arrival,
          lambda fac: now(fac).themes.new.click(),
          lambda w, ctx: {"new_label": next(th.label for th in w.ideas.themes()
                                            if th.label == "Fællesskab"), "count": 4},
          lambda w, ctx, typed: {"new_label": "", "count": 4}),
    Panel("voting rules", Phase.VOTING, lambda fac: now(fac).voting.settings, voting_room,
          lambda ctx: {"dots": 4, "cap": 2, "hidden": False}, dot,
          lambda fac: now(fac).voting.save.click(),
          lambda w, ctx: {"dots": w.state().dots_per_participant,
                          "cap": w.state().max_dots_per_theme,
                          "hidden": w.state().results_hidden},
          lambda w, ctx, typed: typed),
    Panel("guiding questions", Phase.VOTING, lambda fac: now(fac).voting.discussion_fields,
          voting_room,
          lambda ctx: {"needs": "Møbler", "use_each_other": "Naboer", "team": "Kommunen"},
          dot, lambda fac: now(fac).voting.save_discussion.click(),
          lambda w, ctx: {g: getattr(next(th for th in w.ideas.themes()
                                          if th.id == ctx["themes"][0].id), g)
                          for g in ("needs", "use_each_other", "team")},
          lambda w, ctx, typed: typed,
          lambda fac, ctx, n: setattr(now(fac).voting.theme, "value", ctx["themes"][n].id),
          lambda w, ctx: {"needs": "Sprogcafé", "use_each_other": "Frivillige",
                          "team": "Lærere"}),
    Panel("chosen themes", Phase.VOTING, lambda fac: now(fac).voting.choice, voting_room,
          lambda ctx: {"choose": (ctx["themes"][0].id, ctx["themes"][2].id)}, dot,
          lambda fac: now(fac).voting.choose_button.click(),
          lambda w, ctx: {"choose": tuple(th.id for th in w.ideas.themes() if th.chosen)},
          lambda w, ctx, typed: typed),
    Panel("group sizes", Phase.GROUPS, lambda fac: now(fac).group_tools.sizes, groups_room,
          lambda ctx: {"min_size": 4, "max_size": 12}, preference,
          lambda fac: now(fac).group_tools.save_sizes.click(),
          lambda w, ctx: {"min_size": w.state().group_min_size,
                          "max_size": w.state().group_max_size},
          lambda w, ctx, typed: typed),
    Panel("group", Phase.GROUPS, lambda fac: now(fac).group_tools.editor.group_form, groups_room,
          lambda ctx: {"name": "Boliggruppen", "purpose": "Boliger til alle",
                       "tasks": "Finde lejligheder", "mandate": "Indstille",
                       "composition": "Seks", "meeting_frequency": "Hver måned",
                       "meeting_date": dt.date(2027, 1, 19), "meeting_time": "17:00",
                       "meeting_place": "Biblioteket", "status": "running",
                       "coordinator": ctx["groups"][0].members[0]},
          preference, lambda fac: now(fac).group_tools.editor.save.click(),
          lambda w, ctx: group_values(w.groups.group(ctx["groups"][0].id)),
          lambda w, ctx, typed: typed, pick_group,
          lambda w, ctx: group_values(w.groups.group(ctx["groups"][1].id))),
    Panel("invitations", Phase.GROUPS, lambda fac: now(fac).group_tools.editor.invites, groups_room,
          lambda ctx: {"invite": tuple(sorted(ctx["actor_ids"]))}, preference,
          lambda fac: now(fac).group_tools.editor.save_invites.click(),
          lambda w, ctx: {"invite": tuple(sorted(w.groups.group(ctx["groups"][0].id).invited))},
          lambda w, ctx, typed: {"invite": tuple(w.groups.group(ctx["groups"][0].id).invited)},
          pick_group,
          lambda w, ctx: {"invite": tuple(w.groups.group(ctx["groups"][1].id).invited)}),
    Panel("follow-up action", Phase.GROUPS, lambda fac: now(fac).group_tools.editor.action_form,
          groups_room,
          lambda ctx: {"title": "Skrive invitation", "owner": "Anna",
                       "due": dt.date(2027, 2, 1), "status": "open"},
          preference, lambda fac: now(fac).group_tools.editor.action_save.click(),
          lambda w, ctx: next({"title": x.title, "owner": x.owner,
                               "due": dt.date.fromisoformat(x.due), "status": x.status.value}
                              for x in w.groups.actions() if x.title == "Skrive invitation"),
          # an empty form for the next action
          lambda w, ctx, typed: {"title": "", "owner": "", "due": None, "status": "open"},
          lambda fac, ctx, n: setattr(now(fac).group_tools.editor.action_pick, "value",
                                      "" if n == 0 else ctx["action"].id),
          lambda w, ctx: {"title": "Booke lokale", "owner": "Bo",
                          "due": dt.date(2027, 1, 15), "status": "doing"}),
    Panel("forum", Phase.FOLLOW_UP, lambda fac: now(fac).organisation.form, forum_room,
          lambda ctx: {"name": "Styregruppen", "purpose": "Styre sammen",
                       "response_time": "To dage", "influence": "Dagsordenen",
                       "kind": "netværksgruppe", "members": tuple(sorted(ctx["members"])),
                       "coordinator": ctx["members"][0]},
          late_arrival, lambda fac: now(fac).organisation.save.click(),
          lambda w, ctx: {**forum_values(w.follow_up.forum(ctx["fora"][0].id)),
                          "members": tuple(sorted(w.follow_up.forum(ctx["fora"][0].id).members))},
          lambda w, ctx, typed: forum_values(w.follow_up.forum(ctx["fora"][0].id)),
          lambda fac, ctx, n: setattr(now(fac).organisation.pick, "value", ctx["fora"][n].id),
          lambda w, ctx: forum_values(w.follow_up.forum(ctx["fora"][1].id))),
]


def refresh(fac: FacilitatorApp) -> None:
    """What the app does when the room writes: poll, and draw the step's panels again
    (drawn here too in case a topic, such as someone joining, does not redraw them)."""
    fac.refresh()
    fac.render_step_tools()


def shown(form: Fields, names) -> Values:
    return {n: form[n].value for n in names}


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
def test_typing_survives_the_room_and_a_save_shows_what_is_stored(store, panel):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Paneler", "Aarhus")
    ctx: Ctx = {}
    panel.setup(fac, w, ctx)
    ctx["actor_ids"] = [a.id for a in w.prepare.actors()]
    fac.set_phase(panel.phase)
    form = panel.form(fac)
    if panel.pick:
        panel.pick(fac, ctx, 0)
    typed = panel.typed(ctx)
    for name, value in typed.items():
        form[name].value = value
    assert shown(form, typed) == typed
    for i in range(ROOM):
        panel.act(w, ctx, i)
        refresh(fac)
        assert shown(form, typed) == typed, f"after participant {i}"
    panel.save(fac)
    stored = panel.stored(w, ctx)
    assert {name: stored.get(name) for name in typed} == typed
    refresh(fac)
    after = panel.shown(w, ctx, typed)
    assert shown(form, after) == after
    assert form.edited() == panel.kept
    if panel.pick and panel.other:
        panel.pick(fac, ctx, 1)
        other = panel.other(w, ctx)
        assert shown(form, other) == other


def test_every_form_of_every_facilitator_panel_is_walked(store):
    """The test above types into every form the facilitator's panels have: a new panel or
    form must join it."""
    fac = FacilitatorApp(store, URL)
    p = {n: fac.panel(n) for n in ("prepare", "timeline", "themes", "voting", "follow_up")}
    panels = [p["prepare"].register, p["prepare"].check, p["timeline"].review,
              p["timeline"].card_editor, p["themes"].themes, p["voting"].voting,
              p["follow_up"].group_tools, p["follow_up"].group_tools.editor,
              p["follow_up"].organisation, fac.report]
    forms = {id(v) for p in panels for v in vars(p).values() if isinstance(v, Fields)}
    assert forms == {id(p.form(fac)) for p in PANELS}
