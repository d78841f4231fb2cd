"""Issue 27, items 2 and 3 in Chromium: after the workshop day is closed the standalone
needs form still answers under the partnership's public code, asks who is answering (in
da, uk and ar, right to left in Arabic, thumb-sized choices) and the answer is counted in the
partnership's open round; an archived partnership's page says so and takes nothing. The
console (1440×900) words the close dialog as what stops and what goes on, opens a round and
sets two rounds side by side, and archives the partnership only after asking.
Screenshots go to `KIT_SCREENS_DIR` if set."""

from __future__ import annotations

import time

import pytest
from test_browser_needs_and_rules import fill_needs, measure
from test_screens import PHONE, WAIT_MS

import kit
from kit.i18n import t

pytestmark = pytest.mark.browser

CONSOLE = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def partnership(server):
    """A partnership whose first workshop is over: one round answered on the day, the next
    round open."""
    store = kit.open_store(server["url"])
    p = store.create_partnership("Velkomst i Bakkeby", "Bakkeby")
    day = p.create_workshop("Workshop 2026", "2026-11-20")
    anna = day.join("Anna", "kommune")
    day.set_phase("timeline")
    day.timeline.add_card(anna, "Sprogcafé", "Røde Kors", "sprog", 0, 26)
    day.set_phase("needs")
    p.open_needs_round("efterår 2026")
    for who, areas in (("flygtning", ["bolig", "sprog"]), ("flygtning", ["bolig"]),
                       ("medarbejder", ["arbejde"]), ("frivillig", ["sprog"])):
        day.needs.answer({"sværest": areas}, respondent=who, standalone=True)
    day.close()
    p.open_needs_round("forår 2027")
    for who, areas in (("flygtning", ["sprog"]), ("frivillig", ["bolig"])):
        day.needs.answer({"sværest": areas}, respondent=who, standalone=True)
    return p


def _wait(check) -> None:
    deadline = time.monotonic() + WAIT_MS / 1000
    while not check():
        assert time.monotonic() < deadline
        time.sleep(0.1)


@pytest.mark.parametrize(("language", "who"), [("da", "flygtning"), ("uk", "frivillig"),
                                               ("ar", "medarbejder")])
def test_the_form_of_a_closed_workshop_asks_who_and_counts_in_the_round(
        browser, server, partnership, shots, language, who):
    p = partnership
    base = server["public"].rstrip("/")
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{base}/needs/{p.public_code}?lang={language}")
    legend = page.get_by_text(t("rounds.who", language))
    assert legend.is_visible()
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else None)
    measure(page, shots, f"rounds-needs-form-{language}")
    for kind in ("flygtning", "medarbejder", "frivillig"):  # a whole label is the target
        box = page.locator(f'label:has(input[name="hvem"][value="{kind}"])').bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    # sent without saying who: told so in the page's language, the ticks kept
    page.locator("form.needs fieldset.question").first.locator(
        'input[value="bolig"]').check()
    page.get_by_role("button", name=t("needs.send", language)).click()
    page.get_by_text(t("error.needs_who_missing", language)).wait_for()
    assert page.locator('input[name="svaerest"][value="bolig"]').is_checked()
    page.locator('input[name="svaerest"][value="bolig"]').uncheck()
    before = {r.round.label: r for r in p.needs_comparison()}["forår 2027"]
    fill_needs(page, language, who)
    page.get_by_role("button", name=t("needs.send", language)).click()
    page.get_by_text(t("needs.thanks", language)).wait_for()
    after = {r.round.label: r for r in p.needs_comparison()}
    spring = after["forår 2027"]
    kind = {"flygtning": "refugees", "medarbejder": "staff", "frivillig": "volunteers"}[who]
    assert getattr(spring, kind) == getattr(before, kind) + 1
    assert spring.respondents == before.respondents + 1
    assert after["efterår 2026"].respondents == 4  # the round before is left as it was
    page.close()


def test_an_archived_partnerships_pages_say_so_and_take_nothing(browser, server, partnership,
                                                                shots):
    p = partnership
    base = server["public"].rstrip("/")
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{base}/needs/{p.public_code}?lang=uk")
    fill_needs(page, "uk", "flygtning")
    count = sum(r.respondents for r in p.needs_comparison())
    p.archive()
    try:
        # a form opened before the archiving is sent afterwards: refused, nothing stored
        page.get_by_role("button", name=t("needs.send", "uk")).click()
        page.get_by_text(t("rounds.archived_title", "uk")).wait_for()
        assert page.locator("form").count() == 0
        assert sum(r.respondents for r in p.needs_comparison()) == count
        for language in ("da", "uk", "ar"):
            for what in ("needs", "overview"):
                page.goto(f"{base}/{what}/{p.public_code}?lang={language}")
                assert page.get_by_text(t("error.partnership_archived", language)).is_visible()
                assert page.locator("form").count() == 0
            measure(page, shots, f"rounds-archived-{language}")
    finally:
        p.unarchive()
    page.goto(f"{base}/needs/{p.public_code}?lang=da")
    assert page.locator("form.needs").count() == 1
    page.close()


def test_the_console_closes_the_day_opens_rounds_and_archives_after_asking(
        browser, server, partnership, shots):
    p = partnership
    day2 = p.create_workshop("Workshop 2027", "2027-11-20")
    day2.set_phase("needs")
    fac = browser.new_page(viewport=CONSOLE)
    fac.set_default_timeout(WAIT_MS)
    fac.goto(f"{server['facilitator']}?code={day2.code}&tools=open")
    fac.get_by_text(t("rounds.title", "da")).wait_for()
    assert fac.get_by_text(t("rounds.open_now", "da", label="forår 2027", date="")[:20]
                           ).first.is_visible()
    fac.get_by_text(t("rounds.title", "da")).scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "rounds-console-panel-1440x900.png"))
    # a new round from the console: the open one closes
    fac.get_by_placeholder(t("rounds.placeholder", "da")).fill("vinter 2028")
    fac.get_by_role("button", name=t("rounds.open", "da")).click()
    _wait(lambda: [r.label for r in p.needs_rounds() if r.open] == ["vinter 2028"])
    # round against round: the spring against the autumn, refugees apart
    panel = fac.locator(".kit-needs-rounds")
    panel.locator("select").first.select_option(label="forår 2027")
    panel.get_by_text(t("rounds.against", "da")).wait_for()
    fac.wait_for_function("() => document.querySelector('.kit-needs-rounds')"
                          ".innerText.includes('Flygtninge: ')")
    panel.locator("select").first.scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "rounds-console-compare-1440x900.png"))
    # the close dialog says what stops and what goes on
    fac.get_by_role("button", name=t("console.more_tools", "da")).click()
    # (the fold's own label names closing too: the button is the one with the lock icon)
    fac.locator("button:has(i.fa-lock)").click()
    ask = fac.locator(".kit-confirm-question").filter(
        has_text=t("rounds.close_title", "da")).first
    ask.wait_for()
    said = ask.inner_text()
    assert day2.code in said and "telefonerne og tavlen" in said
    assert "oversigtssiden, behovsskemaet og samarbejdet" in said and "30 dage" in said
    ask.scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "rounds-console-close-dialog-1440x900.png"))
    fac.get_by_role("button", name=t("common.cancel", "da")).first.click()
    # archiving asks first, naming the public pages; cancel changes nothing
    fac.get_by_role("button", name=t("rounds.partnership", "da", name="")[:11]).click()
    fac.get_by_role("button", name=t("rounds.archive", "da")).click()
    question = fac.get_by_text("Det stopper: oversigtssiden, plakaten og behovsskemaet")
    question.wait_for()
    question.scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "rounds-console-archive-ask-1440x900.png"))
    assert not p.archived
    fac.get_by_role("button", name=t("rounds.archive_yes", "da")).click()
    _wait(lambda: p.archived)
    fac.get_by_role("button", name=t("rounds.unarchive", "da")).click()
    _wait(lambda: not p.archived)
    assert day2.state().status == "open"
    fac.close()
