"""The registry of steps: adding a step is a package and one registry line. A toy step
declared here appears on the phone, the board and in the facilitator app, with no change to
the apps."""

from __future__ import annotations

import ipywidgets as w
import pytest

import kit
import kit.exchange  # noqa: F401  gathers its sheets on import: from the real registry, not
from kit import steps  # from a toy one a test below swaps in
from kit.core.model import Topic
from kit.core.sheets import Column, Sheet, ident
from kit.i18n import catalog
from kit.steps import STEPS, Step
from kit.steps.ideas import topics as ideas_topics
from kit.ui.board import BoardApp
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

URL = "http://localhost:8866/"


class ToyPhone:
    """A phone screen that shows how many ideas the participant has written."""

    def __init__(self, page) -> None:
        self.page = page
        self.root = w.HTML()
        self.refreshed: list[frozenset[Topic]] = []

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.refreshed.append(topics)
        mine = [i for i in self.page.workshop.ideas()
                if i.participant_id == self.page.participant.id]
        self.root.value = f"toy-phone {len(mine)}"


class ToyBoard:
    def __init__(self, page) -> None:
        self.page = page
        self.root = w.HTML()

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.root.value = f"toy-board {len(self.page.workshop.participants())}"


class ToyPanel:
    def __init__(self, app) -> None:
        self.app = app
        self.root = w.HTML()

    def refresh(self, topics: frozenset[Topic] = frozenset()) -> None:
        self.root.value = f"toy-panel {len(self.app.need().participants())}"


def toy_section(workshop, language):
    from kit.reports._blocks import Block

    return [Block("h1", f"toy-report {language}"),
            Block("p", f"toy-report people {len(workshop.participants())}")]


def toy_fill(workshop, people, rng):
    """The toy's rehearsal: each made-up participant changes language (something the toy
    step's room would do), chosen by the rehearsal's own random source."""
    for p in people:
        workshop.set_language(p, rng.choice(["en", "uk"]))
    return len(people)


def toy_workbook(workshop, rows, language):
    from kit.reports._xlsx import Sheet

    return [Sheet(f"toy-sheet {language}", ["people"], [[len(rows["participants"])]])]


class ToyStore:
    """The toy's store: the workshop handle makes one per handle, as `workshop.toy`."""

    def __init__(self, ctx, workshop):
        self.ctx, self.workshop = ctx, workshop

    def people(self):
        return len(self.workshop.participants())


TOY = Step("toy", topics=frozenset({Topic.PARTICIPANTS}),
           phone_topics=frozenset({ideas_topics.IDEAS}),
           phone=lambda: ToyPhone, board=lambda: ToyBoard, facilitator=lambda: ToyPanel,
           report=lambda: toy_section, rehearse=lambda: toy_fill,
           workbook=lambda: toy_workbook, stores=lambda: {"toy": ToyStore})


def test_a_toy_steps_store_is_on_the_workshop_handle(with_toy):
    """A step's store comes from its `stores` hook: the handle names no step to have it."""
    store = kit.open_store("sqlite://")
    w = store.create_workshop("Lager", "Aarhus")
    w.join("Anna", "kommune")
    assert isinstance(w.toy, ToyStore) and w.toy.people() == 1
    assert list(steps.stores())[-1] == "toy" and "toy" not in steps.stores(STEPS)
    again = store.workshop(w.code)          # every handle, not only the one that made it
    assert again.toy.people() == 1 and again.toy.ctx is again.ctx


@pytest.fixture
def with_toy(monkeypatch):
    registry = (*STEPS, TOY)
    monkeypatch.setattr(steps, "STEPS", registry)
    for lang in ("da", "en"):
        for key in ("phase.toy", "phase_hint.toy", "guidance.toy"):
            monkeypatch.setitem(catalog(lang), key, f"{key} ({lang})")
    return registry


def test_a_toy_step_appears_on_phone_board_and_facilitator_app(with_toy):
    store = kit.open_store("sqlite://")
    fac = FacilitatorApp(store, URL, steps=with_toy)
    workshop = fac.create("Legetøj", "Bakkeby")
    assert ("phase.toy (da)", "toy") in fac.phase_picker.options   # the step list comes from it
    phone = ParticipantApp(store, code=workshop.code, steps=with_toy)
    phone.name_input.value, phone.sector_input.value = "Anna", "kommune"
    assert phone.join()
    board = BoardApp(store, workshop.code, URL, steps=with_toy)

    fac.set_phase("toy")
    for page in (phone.live, board.live):
        page.poll()
    assert phone.screen("toy").root in phone.step_area.children
    assert phone.screen("toy").root.value == "toy-phone 0"
    assert board.screen("toy").root in board.step.children
    assert board.screen("toy").root.value == "toy-board 1"
    assert fac.step_tools.children == (fac.panel("toy").root,)
    assert fac.panel("toy").root.value == "toy-panel 1"
    assert "phase.toy (da)" in phone.phase_title.value

    # The toy listens to its own topics: a second participant redraws the board and the
    # panel, not the phone; the phone screen is never redrawn for others' joins.
    calls = len(phone.screen("toy").refreshed)
    workshop.join("Bo", "civilsamfund")
    for page in (phone.live, board.live):
        page.poll()
    fac.refresh()
    assert board.screen("toy").root.value == "toy-board 2"
    assert fac.panel("toy").root.value == "toy-panel 2"
    assert len(phone.screen("toy").refreshed) == calls

    fac.next_step()   # the toy is last: nowhere further to go
    assert workshop.state().phase == "toy"
    fac.previous_step()
    assert workshop.state().phase == "follow_up"


def test_a_toy_step_has_its_section_in_the_report_after_the_others(with_toy, tmp_path):
    from kit.reports.workshop import report_blocks, write_report

    workshop = kit.open_store("sqlite://").create_workshop("Legetøj", "Bakkeby")
    workshop.join("Anna", "kommune")
    texts = [b.text for b in report_blocks(workshop, "da", steps=with_toy)]
    assert texts[-2:] == ["toy-report da", "toy-report people 1"]
    headings = [b.text for b in report_blocks(workshop, "da", steps=STEPS) if b.kind == "h1"]
    assert "toy-report da" not in headings
    # the sections follow the registry's order
    assert headings.index("Modtagelsen på en tidslinje") < headings.index("Prioritering") < (
        headings.index("Arbejdsgrupper"))
    reordered = tuple(s for s in STEPS if s.name != "timeline") + (steps.step("timeline"),)
    moved = [b.text for b in report_blocks(workshop, "da", steps=reordered) if b.kind == "h1"]
    assert moved.index("Modtagelsen på en tidslinje") > moved.index("Arbejdsgrupper")
    assert write_report(workshop, tmp_path, steps=with_toy)[1].stat().st_size > 0


def test_a_phase_outside_the_registry_is_refused():
    store = kit.open_store("sqlite://")
    workshop = store.create_workshop("Ingen", "Bakkeby")
    with pytest.raises(kit.KitError):
        workshop.set_phase("toy")
    assert workshop.state().phase == "prepare"


def test_a_stored_phase_outside_the_registry_is_refused_until_the_facilitator_moves_on():
    """A phase the registry lacks (stored by a kit with a step this one has not) is not
    handed to the apps as a state: reading it says which value is wrong; the list of
    workshops still shows it, and moving to a known step mends it."""
    store = kit.open_store("sqlite://")
    workshop = store.create_workshop("Ukendt", "Bakkeby")
    store.db.write(lambda tx: tx.run("UPDATE workshops SET phase = 'toy' WHERE id = :w",
                                     {"w": workshop.id}))
    with pytest.raises(kit.KitError) as raised:
        workshop.state()
    assert (raised.value.params["field"], raised.value.params["value"]) == ("phase", "toy")
    assert [s.phase for s in store.workshops()] == ["toy"]
    workshop.set_phase("voting")
    assert workshop.state().phase == "voting"


def test_the_registry_covers_the_method_and_the_exchange_format():
    from kit.exchange import SHEETS
    from kit.model import Phase

    assert [s.name for s in STEPS] == [p.value for p in Phase]
    owned = [sheet.name for s in STEPS for sheet in s.sheet_declarations()]
    assert len(owned) == len(set(owned))
    # the core's sheets: the workshop, its participants and the translations of what the
    # facilitator wrote (after every step's, as they point into themes and groups)
    assert {"workshop", "participants", *owned, "translations"} == set(SHEETS)
    assert list(SHEETS) == ["workshop", "participants", *owned, "translations"]  # in order
    for s in STEPS:
        for where in ("phone", "board", "facilitator"):
            loader = getattr(s, where)
            if loader is not None:
                assert callable(loader()), (s.name, where)


TOY_SHEET = Sheet("toys", (ident(), ident("participant_id"), Column("name")),
                  references=(("participant_id", "participants"),))


def test_a_toy_steps_sheet_joins_the_exchange_format():
    """A step's sheets are declared in its package and named by its registry line; the
    exchange format gathers them from the registry."""
    from kit import exchange

    toy = Step("toy", sheets=lambda: (TOY_SHEET,))
    sheets = exchange.declared((*STEPS, toy))
    from kit.core.sheets import LATE_CORE_SHEETS  # the translations, last
    late = exchange.DECLARED[-len(LATE_CORE_SHEETS):]  # (with the steps' translated sheets)
    assert [s.name for s in late] == [s.name for s in LATE_CORE_SHEETS]
    assert sheets[1:] == (*exchange.DECLARED[1:-len(late)], TOY_SHEET, *late)
    assert exchange.declared(STEPS) == exchange.DECLARED
    # the workshop's phase is one of the registry's steps: the toy's too, once it is in
    phase = next(c for c in sheets[0].columns if c.name == "phase")
    assert phase.choices == (*[s.name for s in STEPS], "toy")
    assert "toy" not in next(c for c in exchange.DECLARED[0].columns
                             if c.name == "phase").choices


# Each step's parts, and the ones it leaves out on purpose: a new hook, or a step that drops
# or gains a part, must be decided here.
# The one-page summary has lines of the timeline, the vote and the groups only; only the
# follow-up's fora meet between workshops (theirs are a partnership's sheets). Only the RSVP
# page is one step's plain page (`routes`); the needs form and the living overview on the
# public code are the partnership's pages (`kit.pages`), across steps.
LEFT_OUT = {
    # before the day: no room to show anything to, nobody to rehearse with
    "prepare": {"phone", "board", "rehearse", "partnership_sheets", "summary", "documents"},
    "timeline": {"routes", "partnership_sheets"},
    # a next workshop starts its own needs check, notes, themes, vote and ground rules
    "needs": {"routes", "carry", "partnership_sheets", "summary", "documents", "settings"},
    # the notes are reported (and summed up) with their themes
    "ideas": {"routes", "report", "carry", "partnership_sheets", "summary", "documents",
              "settings"},
    # the facilitator gathers; phones wait for the vote, so a rehearsal has nothing to add
    # (its themes are in the ideas step's store)
    "themes": {"routes", "phone", "rehearse", "stores", "carry", "partnership_sheets", "summary",
               "documents", "settings", "tables"},
    # the vote's and the ground rules' results are in the report, not files of their own
    "voting": {"routes", "carry", "partnership_sheets", "documents"},
    "groups": {"routes", "partnership_sheets"},
    "ground_rules": {"routes", "carry", "partnership_sheets", "summary", "documents", "settings"},
    # after the day: the room has gone home
    "follow_up": {"routes", "rehearse", "summary", "settings"},
}


# Every step's tables are declared in its folder (`tables.py`); the core's migrations made
# them, before steps had branches of their own (`Step.migrations`, shown by
# `tests/test_step_folder.py`), so none of the kit's steps has a branch.


def test_every_step_leaves_out_only_the_parts_it_means_to():
    from kit.steps._step import HOOKS

    assert [s.name for s in STEPS] == list(LEFT_OUT)
    for each in STEPS:
        assert each.empty_hooks() == LEFT_OUT[each.name], each.name
        assert each.migrations is None
        assert set(HOOKS) >= each.empty_hooks()
        # what a step does name loads, and is what the contract says
        for hook in set(HOOKS) - each.empty_hooks():
            loaded = getattr(each, hook)()
            if hook in ("sheets", "partnership_sheets"):
                assert loaded and all(isinstance(s, Sheet) for s in loaded)
            elif hook in ("settings", "tables"):
                assert loaded and all(hasattr(t, "columns") for t in loaded)
            elif hook == "routes":
                assert loaded and all(isinstance(name, str) and isinstance(page, type)
                                      for name, page in loaded)
            elif hook == "stores":
                assert loaded and all(isinstance(k, str) and isinstance(v, type)
                                      for k, v in loaded.items())
            else:
                assert callable(loaded)


def test_the_registry_names_each_step_by_its_package_declaration():
    """No "module:Class" strings: every part is a loader mypy checks (the packages export
    one `STEP` each; the ideas package also the themes step)."""
    from kit.steps import ideas, needs

    assert STEPS[2] is needs.STEP and ideas.THEMES_STEP in STEPS
    for each in STEPS:
        for hook in ("phone", "board", "facilitator", "sheets", "report", "workbook",
                     "rehearse", "stores", "carry", "partnership_sheets", "summary",
                     "documents", "routes", "settings", "tables"):
            assert not isinstance(getattr(each, hook), str)


def test_a_toy_step_is_rehearsed_by_its_own_filler(with_toy):
    from kit.steps.rehearse import PEOPLE, fill

    store = kit.open_store("sqlite://")
    w = store.create_workshop("Øvelse", "Aarhus")
    w.set_phase("toy")
    assert fill(w) == PEOPLE
    assert {p.language for p in w.participants()} <= {"en", "uk"}
    assert len(w.participants()) == PEOPLE


def test_a_toy_steps_sheet_is_in_the_report_workbook_after_the_others(with_toy):
    from kit.reports._workbook import report_sheets

    store = kit.open_store("sqlite://")
    w = store.create_workshop("Arbejdsbog", "Aarhus")
    w.join("Anna", "kommune")
    sheets = report_sheets(w, "en", steps=with_toy)
    assert sheets[-1].name == "toy-sheet en" and list(sheets[-1].rows) == [[1]]
    names = [s.name for s in sheets]
    # every step of the registry that has a workbook part adds its sheets, in order
    assert names.index("Actors") < names.index("Needs check") < names.index("Themes") < (
        names.index("Division of tasks")) < names.index("Fora") < names.index("toy-sheet en")
