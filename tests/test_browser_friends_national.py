"""The friend programme's national view in Chromium, in the real console at 1440×900: the
friends panel and its national fold opened by their buttons show the gap table, the map of
Denmark and the campaign sentence side by side within the window, nothing clipped, no name
of a volunteer or a household on the page, and the organisation filter changes the counts.
The screenshot goes to `KIT_SCREENS_DIR` if set."""

from __future__ import annotations

import pytest
from test_browser_console import CLIPPED_JS
from test_friends_national import programme

import kit
from kit.i18n import t

pytestmark = pytest.mark.browser

LOAD_MS = 60_000


@pytest.fixture(scope="module")
def workshop(server):
    store = kit.open_store(server["url"])
    p = store.create_partnership("Venskaber i hele landet", "Danmark")
    w = p.create_workshop("Venskabsprogrammet – status", "2026-12-07")
    programme(store.coordinate(p.id).friends)
    return w


def test_the_national_view_fits_the_console_and_filters_by_organisation(
        browser, server, shots, workshop):
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={workshop.code}")
    fac.locator(".kit-friends-fold .kit-fold-toggle").first.click()
    national = fac.locator(".kit-friends-national")
    national.locator(".kit-fold-toggle").click()
    table = national.locator("table.kit-friends-gap")
    table.wait_for()
    national.scroll_into_view_if_needed()
    fac.evaluate("document.querySelector('.kit-friends-national').scrollIntoView()")
    fac.screenshot(path=str(shots / "console-friends-national-1440x900.png"))
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    aarhus = table.locator("tbody tr", has_text="Aarhus").inner_text().split()
    assert aarhus[1:4] == ["2", "1", "1"], aarhus
    assert national.locator("svg circle").count() == 98
    svg, box = national.locator("svg").bounding_box(), table.bounding_box()
    assert svg["x"] + svg["width"] <= box["x"] and box["x"] + box["width"] <= 1440, (svg, box)
    text = national.inner_text()
    assert t("friends.national.counts_only", "da") in text and "tigrinya" in text.lower()
    for name in ("Karen Holm", "Ib Berg", "Sara Nour", "Zainab", "Olena", "example.dk"):
        assert name not in text and name not in national.inner_html(), name
    measured = fac.evaluate(CLIPPED_JS)
    assert measured["clipped"] == [] and measured["sideways"] <= 1, measured
    national.locator("select").select_option(label="Røde Kors")
    fac.wait_for_function(
        """() => [...document.querySelectorAll('.kit-friends-gap tbody tr')].some(
             r => r.innerText.includes('Aarhus') && r.innerText.split(/\\s+/)[2] === '0')""")
    fac.screenshot(path=str(shots / "console-friends-national-roede-kors-1440x900.png"))
    fac.close()
