"""A walk through every state of every screen (issue 29, item 6), in one server and five
pages: the board, and one phone each in Danish, English, Ukrainian and Arabic, following one
workshop with long content (150 participants, 60 notes, 26 ground-rule tasks, three groups).

The workshop goes through every step of the registry and the states a room meets in them
(the timer running and on the board's focus view, the vote open / closed / revealed and in
the focus views, groups formed and confirmed, the workshop closed and reopened, and at last a
rehearsal copy); in each state the board is measured at 1920×1080 and 1280×720 and every
phone at 360×740 at the top and scrolled 560 px:
- board: nothing off the screen or under the pager's badge, no text cut in its box, no
  scrolling, the p10 text size ≥ the back row's floor (24 px at 1080p, scaled at 720p);
  the revealed vote's dots per sector on one line; Arabic free texts right to left;
- phones: nothing wider than the screen, no clipped text box, targets ≥ 44 px, input text
  ≥ 16 px, toggles with a right aria-pressed, the header on screen after scrolling, the
  countdown's digits visible while the timer runs, an Arabic member list in order with each
  name isolated;
- every page: no JavaScript error (uncaught or logged to the console) all through.

The walk's own measures (with the revealed vote's p10 text size) are written beside the
screenshots in `walk-metrics.json`; screenshots are taken only when `KIT_SCREENS_DIR` names a
folder for them (the `shots` fixture's convention; `KIT_SCREENSHOTS=1` takes them into a
temporary folder), as the walk should stay quick in the suite.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from test_browser_phone import COUNTDOWN_JS, MEMBERS_JS, SCROLL_JS, SCROLL_PX, thumb_problems
from test_screens import BOARD_JS, BOARD_SIZES, BODY_PX_AT_1080, PHONE, WAIT_MS
from test_screens_board import MEASURE_JS, VOTE_JS, problems_of, settle

import kit
from kit.i18n import t
from kit.steps.rehearse import fill, scratch_copy

from helpers import SAMPLE

pytestmark = pytest.mark.browser

LANGUAGES = ("da", "en", "uk", "ar")
NAMES = {"da": "Mette Sørensen", "en": "Jane Walker", "uk": "Олена Коваленко",
         "ar": "فاطمة أحمد"}
PEOPLE, NOTES, TASKS = 150, 60, 26
SHOOT = bool(os.environ.get("KIT_SCREENS_DIR") or os.environ.get("KIT_SCREENSHOTS"))

# "Is this text in that part of the page": the readiness of most states.
HAS = ("([sel, s]) => { const e = document.querySelector(sel); "
       "return !!e && e.innerText.includes(s); }")
JS = str | tuple[str, object]


@dataclass(frozen=True)
class State:
    """One state of the walk: what the facilitator does, and how the board and a phone in
    language L show that they have caught up with it."""
    name: str
    step: str
    act: Callable[[], object]
    board: JS | None = None                       # beyond the step's class on the board
    phone: Callable[[str], JS] | None = None      # beyond the step's name on the phone
    named: bool = True                            # the phone names the step (not closed)


def board_has(text: str) -> JS:
    return HAS, [".kit-board", text]


def phone_has(key: str) -> Callable[[str], JS]:
    return lambda L: (HAS, [".kit-phone", t(key, L)])


@pytest.fixture(scope="module")
def room(server):
    """The sample workshop grown to a long day: 150 participants (the four phones among
    them), 60 notes, 26 ground-rule tasks; the four phones and two more in the first group."""
    store = kit.open_store(server["url"])
    workshop = kit.import_workshop(SAMPLE, store)
    phones = {L: workshop.join(NAMES[L], "flygtning" if L in ("uk", "ar") else "kommune",
                               language=L) for L in LANGUAGES}
    others = [workshop.join("سارة محمد", "flygtning", language="ar"),
              workshop.join("Anna Hansen", "civilsamfund")]
    sectors = ("kommune", "civilsamfund", "flygtning")
    for n in range(PEOPLE - len(workshop.participants())):
        workshop.join(f"Deltager {n:03d} med et ret langt navn", sectors[n % 3])
    workshop.set_phase("ideas")
    people = workshop.participants()
    for n in range(NOTES - len(workshop.ideas())):
        workshop.add_idea(people[n], f"Note {n}: flere sprogvenner og en fast kontakt i de "
                          "første uger, også om aftenen og i weekenden", "behov")
    for n in range(TASKS - len(workshop.ground_rules.tasks())):
        workshop.ground_rules.add_task(f"Opgave {n + 1}: hjælp til at finde en læge", "sundhed")
    group = workshop.groups()[0]
    for person in (*phones.values(), *others):
        workshop.groups.move_member(person, group.id)
    assert len(workshop.participants()) == PEOPLE and len(workshop.ideas()) == NOTES
    assert len(workshop.ground_rules.tasks()) == TASKS
    return store, workshop, phones


def states(workshop) -> list[State]:
    w = workshop
    theme = w.ideas.themes()[0]

    def vote_open():
        w.set_board_focus("")
        w.set_phase("voting")
        w.voting.reveal(False)
        w.voting.open_voting()

    def groups(confirmed: bool):
        def act():
            w.set_board_focus("")
            w.groups.confirm_groups(confirmed)
            w.set_phase("groups")
        return act

    stage = "(s) => (document.querySelector('.kit-stage')?.innerText || '').includes(s)"
    digits = ("() => /\\d\\d:\\d\\d/.test(document.querySelector("
              "'.kit-phone .kit-countdown-time')?.textContent || '')")
    unfocused = "() => !document.querySelector('.kit-board.kit-focused')"
    closed = "participant.closed"
    steps = [State(step, step, lambda s=step: (w.set_board_focus(""), w.set_phase(s)),
                   unfocused) for step in kit.steps.names()]
    at = {s.name: n for n, s in enumerate(steps)}
    extra = {
        "timeline": [
            State("timeline-timer", "timeline", lambda: w.start_timer(600),
                  ("() => /\\d\\d:\\d\\d/.test(document.querySelector("
                   "'.kit-board .kit-countdown-time')?.textContent || '')"),
                  lambda L: digits),
            State("timeline-focus-timer", "timeline", lambda: w.set_board_focus("timer"),
                  ("() => /\\d\\d:\\d\\d/.test(document.querySelector("
                   "'.kit-board.kit-focused .kit-focus-timer .kit-countdown-time')"
                   "?.textContent || '')"), lambda L: digits)],
        "voting": [
            State("voting-closed", "voting", w.voting.close_voting,
                  (stage, t("vote.state_closed", "da")), phone_has("vote.over")),
            State("voting-revealed", "voting", w.voting.reveal,
                  "() => document.querySelectorAll('.kit-vote-row[data-page]').length > 0",
                  phone_has("vote.closed")),
            State("voting-focus-results", "voting", lambda: w.set_board_focus("results"),
                  "() => !!document.querySelector('.kit-focus .kit-vote-row[data-page]')"),
            State("voting-focus-theme", "voting",
                  lambda: w.set_board_focus(f"theme:{theme.id}"),
                  "() => !!document.querySelector('.kit-focus .kit-wall > [data-page]')")],
        "groups": [
            State("groups-confirmed", "groups", groups(True), None,
                  lambda L: "() => !!document.querySelector('.kit-phone .kit-members li')")],
        "follow_up": [
            State("closed", "follow_up", w.close, board_has(t(closed, "da")),
                  phone_has(closed), named=False),
            State("reopened", "follow_up", w.reopen,
                  f"() => !document.querySelector('.kit-board').innerText.includes("
                  f"{json.dumps(t(closed, 'da'))})",
                  lambda L: (f"() => !document.querySelector('.kit-phone').innerText"
                             f".includes({json.dumps(t(closed, L))})"))],
    }
    # the vote's first state is "open", the groups' first "formed" (not yet confirmed)
    steps[at["voting"]] = State("voting-open", "voting", vote_open,
                                (stage, t("vote.state_open", "da")), phone_has("vote.add"))
    steps[at["groups"]] = State("groups-formed", "groups", groups(False),
                                None, lambda L: "() => !document.querySelector("
                                "'.kit-phone .kit-members li')")
    walk: list[State] = []
    for s in steps:
        walk += [s, *extra.get(s.step, [])]
    return walk


def wait(page, js: JS | None) -> None:
    if js is None:
        return
    fn, arg = (js, None) if isinstance(js, str) else js
    page.wait_for_function(fn, arg=arg, timeout=WAIT_MS)


def wait_for_step(page, step: str, language: str, where: str) -> None:
    """The page shows `step`: its name on screen (the board's rail and the phone's header
    name it) and its class on the app."""
    page.wait_for_function(HAS, arg=[where, t(f"phase.{step}", language)], timeout=WAIT_MS)
    page.locator(f"{where}.kit-step-{step}, {where} .kit-step-{step}").first.wait_for(
        state="attached", timeout=WAIT_MS)


def watch(page, errors: list[str], who: str) -> None:
    page.set_default_timeout(WAIT_MS)
    page.on("pageerror", lambda e: errors.append(f"{who}: {e}"))
    page.on("console", lambda m: errors.append(f"{who}: console {m.text}")
            if m.type == "error" else None)


def measure_board(page, state: str, shots, metrics: dict) -> list[str]:
    problems: list[str] = []
    for width, height in BOARD_SIZES:
        settle(page, width, height)
        where = f"{state} {width}x{height}"
        if SHOOT:
            page.screenshot(path=str(shots / f"walk-board-{state}-{width}x{height}.png"))
        m = {**page.evaluate(MEASURE_JS), **page.evaluate(BOARD_JS)}
        m.pop("sizes")
        metrics[f"board {where}"] = m
        problems += problems_of(m, where, BODY_PX_AT_1080 * height / 1080)
        if state in ("voting-revealed", "voting-focus-results"):
            for col in page.evaluate(VOTE_JS):
                if col["most_lines"] > 1.5:
                    problems.append(f"{where}: the dots per sector wrap to "
                                    f"{col['most_lines']:.1f} lines")
                if col["shown"] < 3:
                    problems.append(f"{where}: only {col['shown']} rows on a page")
    return problems


def measure_phone(page, L: str, state: str, shots, metrics: dict,
                  timer: bool) -> list[str]:
    box = "document.getElementById('rendered_cells')"
    page.evaluate(f"{box}.scrollTop = 0")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    problems = thumb_problems(page, f"{L} {state} top")
    if SHOOT:
        page.screenshot(path=str(shots / f"walk-phone-{L}-{state}-top.png"))
    counts = [page.evaluate(COUNTDOWN_JS)] if timer else []
    where = page.evaluate(SCROLL_JS, SCROLL_PX)
    metrics[f"phone {L} {state}"] = where
    if SHOOT and where["scrolled"] > 0:
        page.screenshot(path=str(shots / f"walk-phone-{L}-{state}-scrolled.png"))
    if where["scrolled"] > 0:
        problems += thumb_problems(page, f"{L} {state} scrolled")
    if timer:
        counts.append(page.evaluate(COUNTDOWN_JS))
    if where["head_top"] < -1 or where["head_bottom"] > PHONE["height"]:
        problems.append(f"{L} {state}: after {where['scrolled']} px the header is at "
                        f"{where['head_top']:.0f}–{where['head_bottom']:.0f}")
    for c in counts:
        if not (c and re.search(r"\d\d:\d\d", c["digits"]) and c["fits"] and c["in_view"]):
            problems.append(f"{L} {state}: the countdown's digits are not all seen: {c}")
    page.evaluate(f"{box}.scrollTop = 0")
    return problems


def test_every_state_of_every_screen_in_four_languages(browser, server, room, shots):
    store, workshop, phones = room
    started = time.monotonic()
    errors: list[str] = []
    board = browser.new_page(viewport={"width": 1920, "height": 1080})
    watch(board, errors, "board")
    board.goto(f"{server['public']}voila/render/board.ipynb?code={workshop.code}")
    pages = {}
    for L, me in phones.items():
        pages[L] = browser.new_page(viewport=PHONE)
        watch(pages[L], errors, L)
        pages[L].goto(f"{server['public']}?code={workshop.code}&me={me.rejoin_code}&lang={L}")
    problems: list[str] = []
    metrics: dict = {}
    walked: list[str] = []
    for state in states(workshop):
        state.act()
        wait_for_step(board, state.step, "da", ".kit-board")
        wait(board, state.board)
        for L, page in pages.items():
            if state.named:
                wait_for_step(page, state.step, L, ".kit-phone")
            wait(page, state.phone(L) if state.phone else None)
        walked.append(state.name)
        problems += measure_board(board, state.name, shots, metrics)
        if not state.name.startswith("timeline-"):   # no timer: no countdown takes room
            shown = board.evaluate("() => [...document.querySelectorAll('.kit-board "
                                   ".kit-countdown')].filter(c => getComputedStyle(c)"
                                   ".display !== 'none').length")
            if shown:
                problems.append(f"{state.name}: {shown} countdown(s) shown with no timer")
        if state.name == "needs":   # an Arabic free text runs right to left on the board
            voices = board.evaluate("() => [...document.querySelectorAll('.kit-voice')]"
                                    ".filter(v => /[\\u0600-\\u06FF]/.test(v.textContent))"
                                    ".map(v => getComputedStyle(v).direction)")
            if not voices or set(voices) != {"rtl"}:
                problems.append(f"needs: Arabic texts on the board run {voices}")
        if state.name in ("closed", "reopened"):   # a closed workshop invites nobody in
            way_in = board.evaluate("() => ['.kit-qr', '.kit-join-at', '.kit-code'].filter("
                                    "s => document.querySelector('.kit-board ' + s)"
                                    "?.offsetHeight).length")
            if way_in != (0 if state.name == "closed" else 3):
                problems.append(f"{state.name}: the board shows {way_in} of its 3 ways in")
        for L, page in pages.items():
            problems += measure_phone(page, L, state.name, shots, metrics,
                                      timer=state.name.startswith("timeline-"))
        if state.name == "groups-confirmed":   # an Arabic member list: each name isolated
            members = pages["ar"].evaluate(MEMBERS_JS)
            bare = pages["ar"].evaluate("() => [...document.querySelectorAll("
                                        "'.kit-phone .kit-members li')]"
                                        ".filter(li => !li.querySelector('bdi')).length")
            if not (members["rtl"] and members["count"] >= 6 and members["broken"] == 0
                    and members["out_of_order"] == 0 and bare == 0):
                problems.append(f"ar groups: members {members}, {bare} without <bdi>")
            group = workshop.groups.my_group(phones["ar"])
            assert group is not None
            for L in ("en", "uk", "ar"):   # the group's name and purpose in the phone's language
                said = workshop.translated(L)
                text = pages[L].locator(".kit-phone").first.inner_text()
                for field, danish in (("label", group.name), ("purpose", group.purpose)):
                    if said.get((group.id, field)) not in text or danish in text:
                        problems.append(f"{L} groups: the group's {field} is not in {L}")

    # -- rehearsal: a scratch copy filled by 20 made-up participants, on the board and
    # on the Danish and Arabic phones (joined to the copy)
    workshop.set_phase("voting")
    workshop.voting.open_voting()
    copy = scratch_copy(store, workshop)
    fill(copy)
    board.goto(f"{server['public']}voila/render/board.ipynb?code={copy.code}")
    wait_for_step(board, "voting", "da", ".kit-board")
    wait(board, board_has(copy.state().title))
    problems += measure_board(board, "rehearsal", shots, metrics)
    for L in ("da", "ar"):
        me = copy.join(NAMES[L], "flygtning", language=L)
        pages[L].goto(f"{server['public']}?code={copy.code}&me={me.rejoin_code}&lang={L}")
        wait_for_step(pages[L], "voting", L, ".kit-phone")
        wait(pages[L], phone_has("vote.add")(L))
        problems += measure_phone(pages[L], L, "rehearsal", shots, metrics, timer=False)
    walked.append("rehearsal")
    store.purge(copy.code)

    took = time.monotonic() - started
    p10 = {size: metrics[f"board voting-revealed {size}"]["p10"]
           for size in ("1920x1080", "1280x720")}
    metrics["walk"] = {"states": walked, "seconds": round(took, 1), "revealed_p10": p10}
    (shots / "walk-metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False))
    print(f"\nstate walk: {len(walked)} states in {took:.0f} s; revealed vote p10 text "
          f"{p10['1920x1080']:.1f} px at 1920x1080, {p10['1280x720']:.1f} px at 1280x720")
    for page in (board, *pages.values()):
        page.close()
    print("\n".join(["problems:", *problems, "errors:", *errors]))
    assert len(walked) == len(kit.steps.names()) + 10
    assert problems == []
    assert errors == []
    assert p10["1920x1080"] >= BODY_PX_AT_1080 and p10["1280x720"] >= BODY_PX_AT_1080 * 720 / 1080
