"""Issue 29 item 3 in Chromium: the ground rules' tasks and house rules on a phone in the
phone's language where the facilitator has them translated (the Danish text with the area's
name where not), and the console's warning, while the step before is on, of what the next
step's phones would lack. Screenshots go to `KIT_SCREENS_DIR` if set."""

from __future__ import annotations

import re

import pytest
from test_screens import INPUT_PX, PHONE, PHONE_JS, TARGET_PX, WAIT_MS, wait_for_step

import kit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def room(server):
    store = kit.open_store(server["url"])
    w = store.create_workshop("Regler på alle sprog", "Bakkeby")
    people = {x: w.join(f"Test {x}", "flygtning", language=x) for x in ("ar", "uk")}
    rules = w.ground_rules
    tasks = [rules.add_task("Følge til indkøb og apotek", "praktisk"),
             rules.add_task("Hjælp med at læse breve fra kommunen", "økonomi")]
    rule = rules.add_house_rule("Vi svarer hinanden inden for to hverdage", agreed=True)
    w.set_translation(tasks[0].id, "ar", "مرافقة للتسوق والصيدلية")
    w.set_translation(rule.id, "ar", "نردّ على بعضنا خلال يومَي عمل")
    w.set_translation(tasks[0].id, "uk", "Супровід у магазин і аптеку")
    return w, people, tasks


def test_the_console_warns_before_the_ground_rules_what_phones_would_lack(browser, server,
                                                                         room, shots):
    w, _, _ = room
    w.set_phase("groups")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(WAIT_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&lang=da&tools=open")
    warning = fac.locator(".kit-warning", has_text="Før")
    warning.first.wait_for()
    texts = [re.sub(r"\s+", " ", x) for x in warning.all_inner_texts()]
    # Arabic lacks one task; Ukrainian the other task and the house rule
    assert any("1 tekst mangler på العربية" in x for x in texts), texts
    assert any("2 tekster mangler på Українська" in x for x in texts), texts
    box = warning.first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900  # seen without scrolling
    fac.screenshot(path=str(shots / "console-before-ground-rules-1440x900.png"))
    fac.close()


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_a_phone_reads_the_ground_rules_in_its_language(browser, server, room, shots,
                                                        language):
    w, people, tasks = room
    w.set_phase("ground_rules")
    me = people[language]
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server['public']}?code={w.code}&me={me.rejoin_code}&lang={language}")
    wait_for_step(page, "ground_rules", language)
    first = {"ar": "مرافقة للتسوق والصيدلية", "uk": "Супровід у магазин і аптеку"}[language]
    page.get_by_text(first).first.wait_for()
    rule = {"ar": "نردّ على بعضنا خلال يومَي عمل",
            "uk": "Vi svarer hinanden inden for to hverdage"}[language]  # uk: untranslated
    page.get_by_text(rule).first.wait_for()
    assert page.get_by_text("Følge til indkøb").count() == 0
    page.screenshot(path=str(shots / f"phone-{language}-rules-translated.png"))
    # the next task is not translated: the Danish title, with the area in the phone's
    # language; a vote moves on to it
    page.locator(".kit-theme-box button.kit-choice").nth(2).click()
    page.get_by_text(tasks[1].title).first.wait_for()
    page.wait_for_function(
        "() => document.querySelectorAll('.kit-theme-box button.kit-chosen').length === 0")
    assert w.ground_rules.votes(me).get(tasks[0].id) == "sammen"
    page.get_by_text(rule).first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"phone-{language}-rules-translated-scrolled.png"))
    m = page.evaluate(PHONE_JS, [TARGET_PX, INPUT_PX])
    assert (m["sideways"], m["wide"], m["clipped"], m["small"]) == (0, [], [], []), m
    page.close()
