"""Fields instead of blanks and the former-refugee role (issue 27) in Chromium: the
facilitator fills the agreement's period and a group's first meeting in the console at
1440×900, the store has them, nothing is clipped, and the register offers the role.
Screenshots go to the folder the `shots` fixture prints (`KIT_SCREENS_DIR` to choose)."""

from __future__ import annotations

import pytest
from test_browser_console import CLIPPED_JS, _sample

import kit

pytestmark = pytest.mark.browser

LOAD_MS = 60_000
FOLLOW_MS = 15_000


def _shoot(page, locator, path):
    """The region of `locator` scrolled into view, and the whole page."""
    locator.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))


def test_the_console_edits_the_agreement_period_and_a_first_meeting(browser, server, shots):
    store = kit.open_store(server["url"])
    w = _sample(store)
    w.set_phase("follow_up")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    editor = fac.locator(".kit-agreement-editor").first
    editor.wait_for()
    status = fac.locator(".kit-agreement-status").first
    assert "Aftalen mangler endnu" in status.inner_text()
    _shoot(fac, editor, shots / "console-agreement-empty-1440x900.png")
    # a period that ends before it starts: said plainly, nothing stored
    fac.locator(".kit-agreement-start input").first.fill("2027-01-01")
    fac.locator(".kit-agreement-end input").first.fill("2026-12-31")
    fac.wait_for_timeout(500)
    fac.locator(".kit-agreement-save").first.click()
    fac.wait_for_function("() => document.body.innerText.includes('kan ikke slutte')",
                          timeout=FOLLOW_MS)
    assert w.partnership.state().agreement_start == ""
    _shoot(fac, editor, shots / "console-agreement-error-1440x900.png")
    fac.locator(".kit-agreement-end input").first.fill("2028-12-31")
    fac.locator(".kit-agreement-review input").first.fill("2027-06-15")
    fac.wait_for_timeout(500)
    fac.locator(".kit-agreement-save").first.click()
    fac.wait_for_function("() => document.body.innerText.includes('og evalueres')",
                          timeout=FOLLOW_MS)
    state = w.partnership.state()
    assert (state.agreement_start, state.agreement_end, state.agreement_review) == (
        "2027-01-01", "2028-12-31", "2027-06-15")
    _shoot(fac, editor, shots / "console-agreement-saved-1440x900.png")

    # the group editor: the first meeting's date, time and place
    group = fac.locator(".kit-group-editor").first
    group.locator("select").first.select_option(label="Sproggruppen")
    fac.wait_for_function("() => document.body.innerText.includes("
                          "'Sproggruppen: sted for første møde')", timeout=FOLLOW_MS)
    _shoot(fac, fac.locator(".kit-meeting-place").first,
           shots / "console-first-meeting-missing-1440x900.png")
    fac.locator(".kit-meeting-date input").first.fill("2027-01-19")
    fac.locator(".kit-meeting-time input").first.fill("17")
    fac.locator(".kit-meeting-place input").first.fill("Biblioteket, lokale 2")
    fac.wait_for_timeout(500)
    group.get_by_role("button", name="Gem gruppen").first.click()
    sprog = next(g for g in w.groups() if g.name == "Sproggruppen")
    fac.wait_for_function("() => document.querySelector('.kit-meeting-time input').value "
                          "=== '17:00'", timeout=FOLLOW_MS)
    sprog = w.groups.group(sprog.id)
    assert (sprog.first_meeting_date, sprog.first_meeting_time, sprog.first_meeting_place) \
        == ("2027-01-19", "17:00", "Biblioteket, lokale 2")
    _shoot(fac, fac.locator(".kit-meeting-place").first,
           shots / "console-first-meeting-1440x900.png")
    fac.wait_for_function("() => !document.body.innerText.includes("
                          "'Sproggruppen: sted for første møde')", timeout=FOLLOW_MS)
    measured = fac.evaluate(CLIPPED_JS)
    assert measured["clipped"] == [] and measured["sideways"] <= 1, measured
    fac.close()


def test_the_register_offers_the_former_refugee_role(browser, server, shots):
    store = kit.open_store(server["url"])
    w = _sample(store)
    w.set_phase("prepare")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    tick = fac.locator(".kit-refugee-background").first
    tick.wait_for()
    fac.get_by_placeholder("Navn", exact=True).first.fill("Modtagekorpset")
    fac.get_by_placeholder("Type", exact=True).first.fill("Selvorganiserede frivillige")
    tick.locator("input").first.check()
    fac.wait_for_timeout(500)
    fac.screenshot(path=str(shots / "console-register-before-add-1440x900.png"))
    fac.get_by_role("button", name="Tilføj aktør").first.click()
    fac.wait_for_function("() => document.body.innerText.includes('tidligere flygtninge, "
                          "der er frivillige')", timeout=FOLLOW_MS)
    corps = next(a for a in w.prepare.actors() if a.name == "Modtagekorpset")
    assert corps.refugee_background and corps.sector.value == "civilsamfund"
    _shoot(fac, tick, shots / "console-register-role-1440x900.png")
    # the register from its heading: the findings, the table and the map with the new actor
    fac.wait_for_timeout(1500)
    _shoot(fac, fac.get_by_text("Aktørlisten", exact=True).first,
           shots / "console-register-top-1440x900.png")
    measured = fac.evaluate(CLIPPED_JS)
    assert measured["clipped"] == [] and measured["sideways"] <= 1, measured
    fac.close()


@pytest.mark.parametrize("language", ("da", "uk", "ar"))
def test_a_phone_shows_the_stored_first_meeting(browser, server, shots, language):
    """The participant's group screen at 360×740 names the first meeting as stored, the
    date in digits (phones load no Babel data), in the phone's language; measured with
    the phone tests' thumb checks, at the top and scrolled."""
    from test_browser_phone import shoot, visible_text
    from test_screens import PHONE, WAIT_MS, wait_for_step

    from kit.i18n import t

    store = kit.open_store(server["url"])
    w = _sample(store)
    w.set_phase("groups")
    me = w.join({"da": "Test da", "uk": "Олена Коваленко", "ar": "فاطمة أحمد"}[language]
                + " 2", "flygtning", language=language)
    sprog = next(g for g in w.groups() if g.name == "Sproggruppen")
    w.groups.move_member(me, sprog.id)
    w.groups.set_first_meeting(sprog.id, "2027-01-19", "17:00", "Biblioteket, lokale 2")
    w.groups.confirm_groups()
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server['public']}?code={w.code}&me={me.rejoin_code}&lang={language}")
    wait_for_step(page, "groups", language)
    visible_text(page, t("mygroup.members_title", language))
    when = t("blanks.at_place", language, place="Biblioteket, lokale 2",
             when=t("blanks.at_time", language, time="17:00",
                    date=t("blanks.short_date", language, d=19, m=1, y=2027)))
    visible_text(page, when)
    problems = shoot(page, shots, language, "group-first-meeting")
    page.close()
    assert problems == []
