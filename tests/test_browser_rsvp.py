"""The RSVP page of an invitation (issue 27, item 6) in real Chromium on a 360×740 phone, in
Danish, Ukrainian and Arabic: opened by the link of the invitation alone, in the invitee's
language; an answer given with Chromium's own button is recorded in the store (waited for
there), shown as pressed, and can be changed. The page loads nothing from elsewhere and
passes the phone measures of the other plain pages. Screenshots go to `KIT_SCREENS_DIR` if
set."""

from __future__ import annotations

import re
import time

import pytest
from test_browser_needs_and_rules import measure
from test_screens import PHONE, WAIT_MS, outside

import kit
from kit.i18n import t

pytestmark = pytest.mark.browser

ANSWERS = {"da": "yes", "uk": "maybe", "ar": "no"}


@pytest.fixture(scope="module")
def invited(server):
    store = kit.open_store(server["url"])
    w = store.create_workshop("Velkommen i Assens", "Assens Kommune", date="2027-03-04")
    w.invites.set_details(purpose="Vi vil sammen aftale, hvem der gør hvad, når nye borgere "
                                  "flytter til – fra første dag til første job.",
                          place="Rådhuset, mødesal 2", hours="17.00–20.00")
    rsvps = {}
    for language, (name, kind, sector) in {
            "da": ("Jobcentret", "forvaltning", "kommune"),
            "uk": ("Українська громада", "flygtninge", "flygtning"),
            "ar": ("الجمعية السورية", "flygtninge", "flygtning")}.items():
        actor = w.prepare.add_actor(name, kind, sector)
        rsvps[language] = w.invites.invite(actor.id, language)
    return w, rsvps


def button(page, reply: str, language: str):
    """An answer's button by what it says (the pressed one also carries a tick)."""
    label = re.escape(t(f"rsvp.reply.{reply}", language))
    return page.get_by_role("button", name=re.compile(f"^{label}( ✓)?$"))


def recorded(workshop, rsvp) -> str:
    return next(r for r in workshop.invites.rsvps() if r.id == rsvp.id).answer


def wait_for_answer(page, workshop, rsvp, answer: str) -> None:
    """Until the store holds `answer` for this invitation (the machine may be slow)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while recorded(workshop, rsvp) != answer:
        assert time.monotonic() < deadline, (recorded(workshop, rsvp), answer)
        page.wait_for_timeout(50)


@pytest.mark.parametrize("language", ["da", "uk", "ar"])
def test_an_invitee_answers_from_a_phone(browser, server, invited, shots, language):
    workshop, rsvps = invited
    rsvp = rsvps[language]
    base = server["public"].rstrip("/")
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    asked = outside(page, server)
    origins: list[str | None] = []
    page.on("request", lambda r: origins.append(r.headers.get("origin"))
            if r.method == "POST" else None)
    page.goto(f"{base}/rsvp/{rsvp.token}")  # as the letter links it: no language asked
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else None)
    assert page.get_by_role("heading", level=1).inner_text() == t(
        "rsvp.heading", language, title="Velkommen i Assens")
    page.get_by_text("Rådhuset, mødesal 2").wait_for()
    measure(page, shots, f"rsvp-{language}")
    answer = ANSWERS[language]
    button(page, answer, language).click()
    page.get_by_text(t("rsvp.thanks", language)).wait_for()
    wait_for_answer(page, workshop, rsvp, answer)
    pressed = page.locator('button[aria-pressed="true"]')
    assert pressed.count() == 1 and pressed.get_attribute("value") == answer
    measure(page, shots, f"rsvp-{language}-answered")
    page.reload()  # the answer was posted, then the page got again: nothing is sent twice
    page.locator(f'button.{answer}[aria-pressed="true"]').wait_for()
    # a change of mind, from the same page
    button(page, "yes", language).click()
    wait_for_answer(page, workshop, rsvp, "yes")
    page.locator('button.yes[aria-pressed="true"]').wait_for()
    assert origins == [base, base] and asked == []  # two answers, two posts
    page.close()


def test_a_wrong_token_reads_as_a_wrong_code(browser, server, invited, shots):
    workshop, rsvps = invited
    base = server["public"].rstrip("/")
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    wrong = rsvps["uk"].token[:-1] + ("A" if rsvps["uk"].token[-1] != "A" else "B")
    page.goto(f"{base}/rsvp/{wrong}?lang=uk")
    assert page.get_by_text(t("pages.unknown", "uk")).is_visible()
    assert workshop.state().title not in page.content()
    measure(page, shots, "rsvp-unknown-uk")
    page.close()
    assert recorded(workshop, rsvps["uk"]) in ("", "yes")


def test_the_console_invites_from_the_register_and_shows_the_answers(browser, server, shots):
    """The preparation panel (1440×900): ticking an actor invites it (the store waited on),
    the invited list's balance changes with the ticks, an answer given on the RSVP page
    shows in the counts and in the balance of the yeses, and the chosen invitee's text
    carries their link."""
    store = kit.open_store(server["url"])
    w = store.create_workshop("Velkommen i Assens", "Assens Kommune", date="2027-03-04")
    w.invites.set_details(purpose="Vi aftaler, hvem der gør hvad de første uger.",
                          place="Rådhuset", hours="17.00–20.00")
    people = {name: w.prepare.add_actor(name, kind, sector, contact) for name, kind, sector,
              contact in (("Jobcentret", "forvaltning", "kommune", "jc@assens.dk"),
                          ("Borgerservice", "forvaltning", "kommune", ""),
                          ("Røde Kors Assens", "social forening", "civilsamfund", "Karen"),
                          ("Syrisk Netværk", "flygtninge", "flygtning", "Amal"))}
    jobcentret = w.invites.invite(people["Jobcentret"].id)
    w.invites.answer(jobcentret.token, "yes")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(WAIT_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    title = fac.get_by_text(t("invite.title", "da"), exact=True)
    title.wait_for()
    rows = fac.locator(".kit-invite-row")
    assert rows.count() == 4
    syrian = rows.filter(has_text="Syrisk Netværk")
    syrian.locator("select").select_option(label=t("language.name", "ar"))
    assert w.invites.rsvps() and len(w.invites.rsvps()) == 1  # a language alone invites nobody
    syrian.locator("input[type=checkbox]").check()
    deadline = time.monotonic() + WAIT_MS / 1000
    while len(w.invites.rsvps()) < 2:
        assert time.monotonic() < deadline
        fac.wait_for_timeout(50)
    new = next(r for r in w.invites.rsvps() if r.actor_id == people["Syrisk Netværk"].id)
    assert new.language == "ar"
    fac.locator(".kit-invite-summary", has_text=t("invite.count", "da", count=2)).wait_for()
    # the chosen invitee's text to copy, with their own link
    text = fac.locator(".kit-invite-person textarea")
    text.wait_for()
    # the text arrives after its box: waited for, not read at once
    fac.wait_for_function("(t) => [...document.querySelectorAll('.kit-invite-person textarea')]"
                          ".some(e => e.value.includes(t))", arg=new.token, timeout=WAIT_MS)
    assert new.token in text.input_value() and "Rådhuset" in text.input_value()
    # an answer on the RSVP page reaches the console: the yeses now include a refugee group
    w.invites.answer(new.token, "yes")
    fac.locator(".kit-invite-summary", has_text=f'{t("rsvp.reply.yes", "da")} 2').wait_for()
    balance = fac.locator(".kit-invite-balance").nth(1).inner_text()
    assert t("register.no_refugees", "da") not in balance
    title.scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "console-invitations-1440x900.png"))
    fac.locator(".kit-invite-person").scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "console-invitations-person-1440x900.png"))
    link = fac.locator(".kit-invite-person a.kit-download")
    assert link.get_attribute("download") == "invitation-Syrisk-Netværk.docx"
    fac.close()


def test_after_the_day_the_page_says_answers_are_closed(browser, server, shots):
    store = kit.open_store(server["url"])
    w = store.create_workshop("Sidste år", "Assens Kommune", date="2026-03-04")
    actor = w.prepare.add_actor("الجمعية السورية", "flygtninge", "flygtning")
    rsvp = w.invites.invite(actor.id, "ar")
    w.invites.answer(rsvp.token, "maybe")
    w.close()
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server['public'].rstrip('/')}/rsvp/{rsvp.token}")
    page.get_by_text(t("rsvp.closed", "ar")).wait_for()
    assert page.locator("button").count() == 0  # nothing left to press
    assert t("rsvp.current", "ar", answer=t("rsvp.reply.maybe", "ar")) in page.inner_text("body")
    measure(page, shots, "rsvp-ar-closed")
    page.close()
