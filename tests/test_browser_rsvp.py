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
    # a change of mind, from the same page
    button(page, "yes", language).click()
    wait_for_answer(page, workshop, rsvp, "yes")
    page.locator('button.yes[aria-pressed="true"]').wait_for()
    assert origins == [base, base] and asked == []
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
