"""One voice per organisation (issue 27) in Chromium: the facilitator makes an actor a
branch of an organisation in the console at 1440×900; the register shows the branches
indented under it with their contact people, the balance counts the organisation once, and
nothing is clipped. Screenshots go to the folder the `shots` fixture prints."""

from __future__ import annotations

import pytest
from test_browser_blanks import _sample, _shoot
from test_browser_console import CLIPPED_JS

import kit

from helpers import until

pytestmark = pytest.mark.browser

LOAD_MS = 60_000
FOLLOW_MS = 15_000


def test_the_console_groups_branches_under_their_organisation(browser, server, shots):
    store = kit.open_store(server["url"])
    w = _sample(store)
    w.set_phase("prepare")
    org = w.prepare.add_actor("Røde Kors Assens", "social forening", "civilsamfund",
                              contact="Eva Holm, 20 30 40 50")
    for town, contact in (("Glamsbjerg", "Ole Berg"), ("Haarby", "Mia Dahl"),
                          ("Tommerup", "")):
        w.prepare.add_actors([{"name": f"Røde Kors {town}", "kind": "social forening",
                               "sector": "civilsamfund", "contact": contact,
                               "parent_id": org.id}])
    aarup = w.prepare.add_actor("Røde Kors Aarup", "social forening", "civilsamfund",
                                contact="Lars Ravn")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    parent = fac.locator(".kit-branch-of select").first
    parent.wait_for()
    # pick Aarup and make it a branch of Røde Kors Assens
    pick = fac.locator("select", has=fac.locator("option", has_text="↳ Røde Kors Haarby")).first
    pick.select_option(label="Røde Kors Aarup")
    # the kernel has taken the pick when "Afdeling af" no longer offers Aarup itself (and
    # shows its own organisation): only then is the organisation chosen, or the reset,
    # arriving late, would undo the choice
    fac.wait_for_function("() => ![...document.querySelector('.kit-branch-of select')"
                          ".options].some(o => o.text === 'Røde Kors Aarup')",
                          timeout=LOAD_MS)
    fac.wait_for_function("() => document.querySelector('.kit-branch-of select')"
                          ".selectedIndex === 0", timeout=LOAD_MS)
    def saved() -> bool:
        return next(a for a in w.prepare.actors() if a.id == aarup.id).parent_id == org.id

    # choose the organisation and save; on a loaded machine one more redraw from the pick
    # may still arrive after the choice and reset it (a person is never that quick), so the
    # choice is made again until the store has it, at most three times
    for _ in range(3):
        parent.select_option(label="Røde Kors Assens")
        fac.locator(".kit-branch-save").first.click()
        if until(saved, timeout=LOAD_MS / 3000):
            break
    assert saved()
    fac.wait_for_function("() => document.body.innerText.includes('4 afdelinger')",
                          timeout=LOAD_MS)
    table = fac.locator(".kit-register").first
    text = table.inner_text()
    assert text.index("Røde Kors Assens") < text.index("Røde Kors Aarup") < text.index(
        "Røde Kors Tommerup")
    assert fac.locator(".kit-register tr.kit-branch").count() == 4
    body = fac.locator("body").inner_text()
    assert "en organisation tæller som én stemme" in body
    _shoot(fac, table, shots / "console-register-branches-1440x900.png")
    # the row where a branch is chosen
    fac.locator(".kit-branch-of").first.scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "console-register-branch-of-1440x900.png"))
    measured = fac.evaluate(CLIPPED_JS)
    assert measured["clipped"] == [] and measured["sideways"] <= 1, measured
    fac.close()
