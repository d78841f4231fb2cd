"""Issue 29 in Chromium: every step of the sample workshop is run from one large button
that is in view without scrolling, and its common path fits the laptop's screen.

For each step, at 1440×900 and 1280×800, in Danish and English: the next action
(`button.kit-next-action`) is inside the viewport as the page opens (the step's guidance
unfolded, as a facilitator first sees it); with the guidance folded once read and every
fold closed (the common path), the page's own scroll height
(`document.scrollingElement.scrollHeight`, what the browser would let the facilitator
scroll) is at most the viewport's height. The heights are printed for the report and the
screenshots saved (`KIT_SCREENS_DIR` to choose the folder)."""

from __future__ import annotations

import json

import pytest
from test_browser_console import CLIPPED_JS, _sample
from test_browser_console_room import IN_VIEW_JS

import kit
from kit.i18n import t

from helpers import until

pytestmark = pytest.mark.browser

LOAD_MS = 60_000
FOLLOW_MS = 20_000
SIZES = ((1440, 900), (1280, 800))
STEPS = tuple(kit.steps.names())

# Voilà's page does not scroll the document: its content scrolls inside a container. The
# scroller is the element (or the document) whose content overflows it with scrolling
# allowed; `bottom` is where the app's content (`.kit-app`) ends as if nothing were
# scrolled, which is the page's scroll height as the facilitator meets it.
MEASURE_JS = """() => {
  const all = [document.scrollingElement, ...document.querySelectorAll('body *')];
  const scrolls = (e) => e === document.scrollingElement ||
    /(auto|scroll|overlay)/.test(getComputedStyle(e).overflowY);
  const scrollers = all.filter(e => scrolls(e) && e.clientHeight > innerHeight / 2);
  let top = 0;
  for (const e of scrollers) top += e.scrollTop;
  const app = document.querySelector('.kit-app').getBoundingClientRect();
  const worst = scrollers.map(e => ({name: e.tagName + (e.id ? '#' + e.id : '') +
      '.' + [...e.classList].join('.'), over: e.scrollHeight - e.clientHeight}))
    .sort((a, b) => b.over - a.over)[0];
  return {bottom: Math.ceil(app.bottom + top), h: innerHeight, scroller: worst,
    guidance: !!document.querySelector('details.kit-guidance[open]'),
    folds: [...document.querySelectorAll('.kit-fold-body')].filter(
      e => e.offsetParent !== null).length};
}"""


def _heading(step, language):
    """The first line of a step's guidance, which the console shows once it is there."""
    return t(f"guidance.{step}", language).split("\n")[0].strip("*")


def _open_at(browser, server, code, size, language):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.set_default_timeout(LOAD_MS)
    page.goto(f"{server['facilitator']}?code={code}")
    page.locator("button.kit-next-action").wait_for()
    if language != "da":
        page.locator(".kit-console-header select").select_option(
            label=t("language.name", language))
        page.wait_for_function("(t) => document.body.innerText.includes(t)",
                               arg=t("facilitator.guidance", language), timeout=FOLLOW_MS)
    return page


def _show_step(page, w, step, language):
    w.set_phase(step)
    page.wait_for_function(
        "([h, s]) => document.body.innerText.includes(h) && [...document.querySelectorAll("
        "'.kit-fold-toggle')].some(b => b.innerText.includes(s))",
        arg=[_heading(step, language), t("console.vote_settings" if step == "voting" else
                                         f"console.{_tools_key(step)}", language)],
        timeout=FOLLOW_MS)
    page.wait_for_timeout(400)  # the panel's last redraw (its counts)


def _tools_key(step):
    return {"prepare": "prepare_tools", "timeline": "timeline_tools", "needs": "needs_tools",
            "ideas": "ideas_tools", "themes": "themes_tools", "groups": "groups_tools",
            "ground_rules": "rules_tools", "follow_up": "follow_tools"}[step]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_step_fits_with_its_next_action_in_view(browser, server, shots, size,
                                                      language):
    store = kit.open_store(server["url"])
    w = _sample(store)
    if w.state().status.value != "open":
        w.reopen()
    w.set_phase("prepare")
    page = _open_at(browser, server, w.code, size, language)
    tag = f"{size[0]}x{size[1]}-{language}"
    measured, too_tall, out_of_view = {}, {}, {}
    for step in STEPS:
        _show_step(page, w, step, language)
        # as first seen: the guidance open, the next action in view all the same
        first = page.evaluate(MEASURE_JS)
        box = page.evaluate(IN_VIEW_JS, "button.kit-next-action")
        if not (0 <= box["top"] and box["bottom"] <= box["h"] and box["right"] <= box["w"]) \
                or first["scroller"]["over"] > 0 and box["bottom"] > box["h"]:
            out_of_view[step] = box
        assert box["text"], step  # it says what it does
        if box["disabled"]:  # a disabled button says why beside it
            assert page.locator(".kit-next-hint").first.inner_text().strip(), step
        page.screenshot(path=str(shots / f"console-step-{step}-{tag}-guidance.png"))
        # the common path: the guidance folded once read, every fold closed
        if first["guidance"]:
            page.locator("details.kit-guidance > summary").click()
            page.wait_for_function("() => !document.querySelector('details.kit-guidance"
                                   "[open]')", timeout=FOLLOW_MS)
        common = page.evaluate(MEASURE_JS)
        assert common["folds"] == 0, (step, common)  # nothing folded away is open
        measured[step] = {"first": first["bottom"], "common": common["bottom"]}
        # nothing to scroll: the content ends within the viewport, and no scroller has more
        if common["bottom"] > common["h"] or common["scroller"]["over"] > 1:
            too_tall[step] = common
        clipped = page.evaluate(CLIPPED_JS)
        assert clipped["clipped"] == [] and clipped["sideways"] <= 1, (step, clipped)
        page.screenshot(path=str(shots / f"console-step-{step}-{tag}.png"))
    page.close()
    print(f"\nscroll heights {tag} (viewport {size[1]}):", json.dumps(measured))
    (shots / f"heights-{tag}.json").write_text(json.dumps(measured, indent=1))
    assert out_of_view == {}
    assert too_tall == {}


def test_videre_moves_the_workshop_on_and_the_tools_unfold(browser, server, shots):
    """"Videre til …" really changes the step (phones and board follow) and the console
    shows the next step's action; the folded tools open with their toggle."""
    store = kit.open_store(server["url"])
    w = store.create_workshop("Videre", "Aarhus")
    for n in range(3):
        w.join(f"Deltager {n}", "kommune")
    w.set_phase("ideas")
    page = _open_at(browser, server, w.code, (1280, 800), "da")
    _show_step(page, w, "ideas", "da")
    button = page.locator("button.kit-next-action")
    assert button.inner_text().strip() == "Videre til temaer"
    assert "0 noter skrevet · 3 deltagere er med" in page.locator(".kit-next-counts").first.\
        inner_text()
    # the notes are folded; their toggle opens them
    toggle = page.locator(".kit-fold-toggle", has_text=t("console.ideas_tools", "da"))
    toggle.click()
    page.locator(".kit-fold-body", has_text=t("ideas.moderate_hint", "da")).wait_for()
    button.click()
    # the store moves on (the step's name is on the rail all along: not a sign of it)
    assert until(lambda: w.state().phase == "themes", timeout=FOLLOW_MS / 1000)
    # ... and the console with it: the themes step's next action stands in the ideas step's
    # (what the press said went with the ideas step's panel; the new step is the answer).
    # No themes and no notes: the button waits and says why
    page.wait_for_function("() => document.querySelector('button.kit-next-action')"
                           ".innerText.includes('Foreslå temaer')", timeout=FOLLOW_MS)
    assert page.locator("button.kit-next-action").is_disabled()
    assert t("console.themes_hint_none", "da") in page.locator(".kit-next-hint").first.\
        inner_text()
    page.screenshot(path=str(shots / "console-themes-nothing-to-suggest.png"))
    page.close()
