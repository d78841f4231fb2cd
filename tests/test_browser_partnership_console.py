"""Issue 27 in Chromium: the console's header says which partnership the workshop is an event
in (its name, its public overview by the public code) and lists its workshops (date, title,
open or closed; this one marked), in one line at 1440×900 and 1280×800 that moves the common
path by no more than that line. Nothing is clipped or scrolls sideways. Screenshots go to the
folder the test prints (`KIT_SCREENS_DIR` to choose it)."""

from __future__ import annotations

import urllib.request

import pytest
from test_browser_console import CLIPPED_JS

import kit
from kit.i18n import t

pytestmark = pytest.mark.browser

LOAD_MS = 60_000
FOLLOW_MS = 20_000
SIZES = ((1440, 900), (1280, 800))

BOX_JS = """(sel) => { const e = document.querySelector(sel); if (!e) return null;
  const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, right: r.right,
  h: r.height, text: e.innerText}; }"""


def _no_clipping(page):
    measured = page.evaluate(CLIPPED_JS)
    assert measured["clipped"] == [] and measured["sideways"] <= 1, measured


@pytest.fixture(scope="module")
def partnership(server):
    store = kit.open_store(server["url"])
    p = store.create_partnership("Sammen i Bakkeby", "Bakkeby Kommune")
    first = p.create_workshop("Sammen om modtagelsen", "2026-11-23")
    first.close()
    second = p.create_workshop("Modtagelsen – et år efter", "2027-11-22")
    return p, first, second


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_header_shows_the_partnership_and_its_workshops(browser, server, shots,
                                                            partnership, size):
    p, first, second = partnership
    fac = browser.new_page(viewport={"width": size[0], "height": size[1]})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={second.code}&tools=open")
    fac.locator(".kit-partnership-strip").wait_for()
    fac.wait_for_timeout(800)  # the last redraw
    tag = f"{size[0]}x{size[1]}"
    fac.screenshot(path=str(shots / f"console-partnership-{tag}.png"))
    box = fac.evaluate(BOX_JS, ".kit-partnership-strip")
    text = box["text"]
    assert "Sammen i Bakkeby" in text and "BKY" not in text.split("·")[0]
    # this workshop is the title line above; the other with its date, title and state
    assert "23.11.2026 Sammen om modtagelsen " + t("partnership_strip.closed", "da") in text
    assert "et år efter" not in text
    # one line of small text, under the title, within the window
    assert box["h"] <= 30 and box["right"] <= size[0], box
    title = fac.evaluate(BOX_JS, ".kit-console-header .kit-phase")
    assert title["bottom"] <= box["top"] + 2 and box["bottom"] <= 110, (title, box)
    _no_clipping(fac)
    # the overview link is the public code's address on the participant server, and answers
    href = fac.locator(".kit-partnership-strip a").get_attribute("href")
    assert href == f"{server['public'].rstrip('/')}/overview/{p.public_code}"
    with urllib.request.urlopen(href, timeout=60) as r:
        assert r.status == 200
    assert first.code not in text and second.code not in box["text"].split("↗")[0]
    fac.close()


def test_a_workshop_of_its_own_says_it_is_the_partnerships_first(browser, server, shots):
    store = kit.open_store(server["url"])
    w = store.create_workshop("Velkomst i Vestby", "Vestby Kommune", "2026-09-01")
    fac = browser.new_page(viewport={"width": 1280, "height": 800})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    fac.locator(".kit-partnership-strip").wait_for()
    fac.wait_for_timeout(800)
    fac.screenshot(path=str(shots / "console-partnership-own-1280x800.png"))
    box = fac.evaluate(BOX_JS, ".kit-partnership-strip")
    assert "Velkomst i Vestby" in box["text"] and t("partnership_strip.only", "da") in box["text"]
    assert box["h"] <= 30, box
    fac.close()


def test_a_long_partnership_counts_its_earlier_workshops(browser, server, shots):
    store = kit.open_store(server["url"])
    p = store.create_partnership("Netværket for modtagelse i Østbyen", "Østby Kommune")
    made = [p.create_workshop(f"Årsmøde {year}", f"{year}-03-01") for year in range(2021, 2027)]
    made[-2].close()
    made[0].close()
    fac = browser.new_page(viewport={"width": 1280, "height": 800})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={made[-1].code}&tools=open")
    fac.locator(".kit-partnership-strip").wait_for()
    fac.wait_for_timeout(800)
    fac.screenshot(path=str(shots / "console-partnership-six-1280x800.png"))
    box = fac.evaluate(BOX_JS, ".kit-partnership-strip")
    assert t("partnership_strip.earlier", "da", n=3) in box["text"]
    assert "01.03.2024 Årsmøde 2024 åben" in box["text"]
    assert "01.03.2025 Årsmøde 2025 afsluttet" in box["text"]
    assert "Årsmøde 2023" not in box["text"] and "Årsmøde 2026" not in box["text"]
    # a long name may take a second line; the common path stays in view
    assert box["h"] <= 50, box
    rail = fac.evaluate(BOX_JS, ".kit-step-rail")
    assert rail["bottom"] <= 800, rail
    more = fac.locator(".kit-pws-more").get_attribute("title")
    assert "Årsmøde 2021" in more and "Årsmøde 2023" in more and "2024" not in more
    _no_clipping(fac)
    # English, when the facilitator picks it
    fac.locator(".kit-console-header select").select_option(label=t("language.name", "en"))
    fac.wait_for_function("() => document.querySelector('.kit-partnership-strip')"
                          ".innerText.includes('Partnership')", timeout=FOLLOW_MS)
    fac.wait_for_timeout(500)
    fac.screenshot(path=str(shots / "console-partnership-six-en-1280x800.png"))
    _no_clipping(fac)
    fac.close()
