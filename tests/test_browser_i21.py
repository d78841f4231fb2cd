"""Issue 21 in Chromium: the ground rules and the needs check on a phone (360×740, Danish
and Arabic), the board (1920×1080 and 1280×720) and the facilitator app (1440×900), with the
measures of `test_screens`; the living overview, its poster and the standalone needs page
served without a kernel. Screenshots go to the folder the test prints (`KIT_SCREENS_DIR`)."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from test_screens import (
    BOARD_JS,
    BOARD_SIZES,
    BODY_PX_AT_1080,
    INPUT_PX,
    PHONE,
    PHONE_JS,
    TARGET_PX,
    WAIT_MS,
    outside,
    wait_for_step,
)

import kit
from kit.i18n import t

from helpers import SAMPLE

pytestmark = pytest.mark.browser

STEPS = ("needs", "ground_rules")



@pytest.fixture(scope="module")
def room(server):
    store = kit.open_store(server["url"])
    workshop = kit.import_workshop(SAMPLE, store)
    people = {"da": workshop.join("Test da", "kommune", language="da"),
              "ar": workshop.join("Test ar", "flygtning", language="ar")}
    return workshop, people


def test_board_shows_both_steps_without_scrolling(browser, server, room, shots):
    workshop, _ = room
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.set_default_timeout(WAIT_MS)
    elsewhere = outside(page, server)
    page.goto(f"{server['public']}voila/render/board.ipynb?code={workshop.code}")
    problems, metrics = [], {}
    for step in STEPS:
        workshop.set_phase(step)
        for width, height in BOARD_SIZES:
            page.set_viewport_size({"width": width, "height": height})
            wait_for_step(page, step, "da")
            page.screenshot(path=str(shots / f"board-{step}-{width}x{height}.png"))
            m = page.evaluate(BOARD_JS)
            sizes = sorted(size for size, _ in m["sizes"])
            p10 = sizes[len(sizes) // 10] if sizes else 0
            metrics[f"{step}-{height}"] = {"p10_px": p10, "scroll": m["scroll"],
                                           "smallest": sorted(m["sizes"])[:5]}
            if p10 < BODY_PX_AT_1080 * height / 1080 - 0.5:
                problems.append(f"{step} {height}p: 10 % of the text under {p10} px")
            if m["scroll"] > 2 or m["sideways"] > 2:
                problems.append(f"{step} {height}p: scrolls {m['scroll']} / {m['sideways']}")
    (shots / "board-i21-metrics.json").write_text(json.dumps(metrics, indent=1,
                                                             ensure_ascii=False))
    page.close()
    assert problems == [] and elsewhere == []


@pytest.mark.parametrize("language", ["da", "ar"])
def test_phones_answer_and_vote(browser, server, room, shots, language):
    workshop, people = room
    me = people[language]
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server['public']}?code={workshop.code}&me={me.rejoin_code}&lang={language}")
    problems = []
    for step in STEPS:
        workshop.set_phase(step)
        wait_for_step(page, step, language)
        page.locator(".kit-phone").first.screenshot(path=str(shots / f"phone-{language}-"
                                                                      f"{step}.png"))
        m = page.evaluate(PHONE_JS, [TARGET_PX, INPUT_PX])
        if m["sideways"] > 0 or m["wide"] or m["clipped"] or m["small"] or m["small_text"]:
            problems.append((step, m["sideways"], m["wide"][:3], m["clipped"][:3],
                             m["small"][:3], m["small_text"][:3]))
        if step == "needs":
            before = len({a.response for a in workshop.needs.answers()})
            page.get_by_role("button", name=t("category.bolig", language)).first.click()
            page.get_by_role("button", name=t("needs.send", language)).click()
            page.get_by_text(t("needs.thanks", language)).wait_for()
            page.locator(".kit-phone").first.screenshot(path=str(
                shots / f"phone-{language}-needs-sent.png"))
            assert len({a.response for a in workshop.needs.answers()}) == before + 1
        else:
            open_task = next(x for x in workshop.ground_rules.tasks() if not x.settled)
            page.get_by_text(open_task.title).first.wait_for()
            box = page.locator(".kit-theme-box", has_text=open_task.title).first
            box.locator("button").nth(2).click()
            page.wait_for_timeout(1500)
            assert workshop.ground_rules.votes(me).get(open_task.id) == "sammen"
    page.close()
    assert problems == []


def test_facilitator_panels(browser, server, room, shots):
    workshop, _ = room
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.set_default_timeout(WAIT_MS)
    workshop.set_phase(STEPS[0])
    page.goto(server["facilitator"])
    state = workshop.state()
    label = f"{state.code} – {state.title} ({state.date})"
    page.locator("select", has=page.locator("option", has_text=workshop.code)).select_option(
        label=label)
    page.get_by_role("button", name=re.compile(r"Åbn$")).click()  # the icon joins the name
    for step in STEPS:
        workshop.set_phase(step)
        wait_for_step(page, step, "da")
        page.screenshot(path=str(shots / f"facilitator-{step}-1440x900.png"), full_page=True)
    page.close()


def test_overview_poster_and_needs_page_need_no_kernel(browser, server, room, shots):
    workshop, _ = room
    base = server["public"].rstrip("/")
    with urllib.request.urlopen(f"{base}/overview/{workshop.code}?lang=uk") as r:
        assert r.status == 200 and "Мова" in r.read().decode()
    for language in ("da", "ar"):
        page = browser.new_page(viewport=PHONE)
        page.goto(f"{base}/overview/{workshop.code}?lang={language}")
        page.screenshot(path=str(shots / f"overview-{language}.png"), full_page=True)
        page.goto(f"{base}/needs/{workshop.code}?lang={language}")
        page.screenshot(path=str(shots / f"needs-page-{language}.png"), full_page=True)
        page.close()
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    page.goto(f"{base}/overview/{workshop.code}?poster=1")
    page.screenshot(path=str(shots / "overview-poster.png"), full_page=True)
    page.close()
