"""The needs check and the ground rules used from a phone in Chromium (Danish and Arabic),
and the living overview, its poster and the standalone needs page served without a kernel.
Their screens are measured with every other step's in `test_screens` (board, phones) and
`test_browser_console` (facilitator app). Screenshots go to `KIT_SCREENS_DIR` if set."""

from __future__ import annotations

import urllib.request

import pytest
from test_screens import INPUT_PX, PHONE, PHONE_JS, TARGET_PX, WAIT_MS, wait_for_step

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


@pytest.mark.parametrize("language", ["da", "ar"])
def test_phones_answer_and_vote(browser, server, room, shots, language):
    workshop, people = room
    me = people[language]
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server['public']}?code={workshop.code}&me={me.rejoin_code}&lang={language}")
    for step in STEPS:  # (test_screens measures these screens with the others)
        workshop.set_phase(step)
        wait_for_step(page, step, language)
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
        m = page.evaluate(PHONE_JS, [TARGET_PX, INPUT_PX])
        assert (m["sideways"], m["wide"], m["clipped"], m["small"], m["small_text"]) == (
            0, [], [], [], []), m
        page.close()
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    page.goto(f"{base}/overview/{workshop.code}?poster=1")
    page.screenshot(path=str(shots / "overview-poster.png"), full_page=True)
    page.close()
