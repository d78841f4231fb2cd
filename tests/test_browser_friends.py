"""The friend programme's public sign-up forms in Chromium, served kernel-free by the real
participant server: a volunteer friend and a refugee household sign up from a phone
(360×740) in Danish, Ukrainian and Arabic, each form sent by the browser's own button and
its every answer found in the store; a bad answer is refused in the reader's language with
what was filled in kept and nothing stored; no target under 44 px, nothing clipped or wider
than the phone, nothing fetched from elsewhere. Screenshots at the top and scrolled go to
`KIT_SCREENS_DIR` if set."""

from __future__ import annotations

import pytest
from test_screens import INPUT_PX, PHONE, PHONE_JS, TARGET_PX, WAIT_MS, outside

import kit
from kit.i18n import t

pytestmark = pytest.mark.browser

LANGUAGES = ("da", "uk", "ar")
CONTACTS = {"da": "Mette +45 20 30 40 50", "uk": "Олена +45 21 31 41 51",
            "ar": "زينب +45 22 32 42 52"}


@pytest.fixture(scope="module")
def programme(server):
    store = kit.open_store(server["url"])
    partnership = store.create_partnership("Venskaber i Aarhus", "Aarhus")
    return partnership


def look(page, shots, name):
    """Screenshots at the top, halfway and at the bottom, and what a thumb meets."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"{name}-top.png"))
    height = page.evaluate("document.scrollingElement.scrollHeight")
    for where, y in (("middle", height // 2 - 370), ("bottom", height)):
        page.evaluate(f"window.scrollTo(0, {max(y, 0)})")
        page.screenshot(path=str(shots / f"{name}-{where}.png"))
    m = page.evaluate(PHONE_JS, [TARGET_PX, INPUT_PX])
    assert (m["sideways"], m["wide"], m["clipped"], m["small"], m["small_text"]) == (
        0, [], [], [], []), (name, m)


def open_form(browser, server, programme, kind, language):
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    asked = outside(page, server)
    base = server["public"].rstrip("/")
    page.goto(f"{base}/friends/{programme.public_code}/{kind}?lang={language}")
    page.get_by_role("heading", name=t(f"friends.form.{kind}_title", language)).wait_for()
    return page, asked


def tick(page, field, value):
    page.locator(f'input[name="{field}"][value="{value}"]').check()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_volunteer_signs_up_from_a_phone(browser, server, programme, shots, language):
    page, asked = open_form(browser, server, programme, "volunteer", language)
    look(page, shots, f"friends-volunteer-{language}")
    page.locator('input[name="name"]').fill(f"Frivillig {language}")
    page.locator('input[name="contact"]').fill(CONTACTS[language])
    page.locator('input[name="organisation"]').fill("Røde Kors")
    page.locator('input[name="postcode"]').fill("8000")
    tick(page, "danish_level", "fluent")
    tick(page, "languages", "ar")
    tick(page, "languages", "uk")
    tick(page, "kind", "family")
    page.locator('select[name="capacity"]').select_option("2")
    tick(page, "interests", "music")
    tick(page, "availability", "weekend")
    tick(page, "consent", "yes")
    page.get_by_role("button", name=t("friends.form.send", language)).click()
    page.get_by_text(t("friends.form.thanks_volunteer", language)).wait_for()
    look(page, shots, f"friends-volunteer-{language}-sent")
    found = [v for v in programme.store.coordinate(programme.id).friends.volunteers()
             if v.name == f"Frivillig {language}"]
    assert [(v.contact, v.organisation, v.municipality, v.postcode, v.languages,
             v.danish_level.value, v.kind.value, v.capacity, v.interests, v.availability,
             v.consent_text) for v in found] == [
        (CONTACTS[language], "Røde Kors", "Aarhus", "8000", "ar,uk", "fluent", "family", 2,
         "music", "weekend", t("friends.consent.volunteer", language, months=6))]
    assert asked == []
    page.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_household_signs_up_from_a_phone(browser, server, programme, shots, language):
    page, asked = open_form(browser, server, programme, "household", language)
    look(page, shots, f"friends-household-{language}")
    tick(page, "filled_by", "language_school")
    page.locator('input[name="contact"]').fill(CONTACTS[language])
    page.locator('input[name="postcode"]').fill("8210")
    tick(page, "danish_level", "some")
    tick(page, "languages", "ar" if language == "ar" else "uk")
    page.locator('select[name="adults"]').select_option("2")
    page.locator('input[name="children_ages"]').fill("4, 9")
    tick(page, "interests", "football")
    tick(page, "help_wanted", "sprog")
    tick(page, "help_wanted", "økonomi")   # a non-ASCII value, sent as UTF-8
    tick(page, "availability", "weekday_evening")
    tick(page, "consent", "yes")
    page.get_by_role("button", name=t("friends.form.send", language)).click()
    page.get_by_text(t("friends.form.thanks_household", language)).wait_for()
    friends = programme.store.coordinate(programme.id).friends
    found = [h for h in friends.households() if h.contact == CONTACTS[language]]
    assert [(h.filled_by.value, h.municipality, h.postcode, h.languages, h.danish_level.value,
             h.adults, h.children_ages, h.interests, h.help_wanted, h.availability)
            for h in found] == [
        ("language_school", "Aarhus", "8210", "ar" if language == "ar" else "uk", "some", 2,
         "4,9", "football", "sprog,økonomi", "weekday_evening")]
    assert found[0].consent_text == t("friends.consent.household", language, months=6)
    assert asked == []
    page.close()


@pytest.mark.parametrize("language", ("ar", "uk"))
def test_a_bad_answer_is_said_in_the_readers_language_and_nothing_is_stored(
        browser, server, programme, shots, language):
    friends = programme.store.coordinate(programme.id).friends
    before = len(friends.households())
    page, _ = open_form(browser, server, programme, "household", language)
    page.locator('input[name="contact"]').fill(CONTACTS[language] + " (2)")
    page.locator('input[name="postcode"]').fill("82")
    tick(page, "languages", "ti")
    tick(page, "availability", "weekend")
    tick(page, "consent", "yes")
    page.get_by_role("button", name=t("friends.form.send", language)).click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    # the first field the form asks that is wrong: who fills it in (nothing ticked)
    assert t("friends.field.filled_by", language) in alert.inner_text()
    tick(page, "filled_by", "household")
    page.get_by_role("button", name=t("friends.form.send", language)).click()
    page.get_by_text(t("friends.expect.postcode", language)).wait_for()
    look(page, shots, f"friends-household-{language}-refused")
    marked = page.evaluate("getComputedStyle(document.getElementById('f-postcode'))"
                           ".outlineStyle")
    assert marked == "solid"   # the field to mend is marked, and the message links to it
    assert page.get_by_role("link", name=t("friends.expect.postcode", language),
                            exact=False).get_attribute("href") == "#f-postcode"
    assert page.locator('input[name="contact"]').input_value() == CONTACTS[language] + " (2)"
    assert page.locator('input[name="languages"][value="ti"]').is_checked()
    assert len(friends.households()) == before
    page.close()


def test_a_form_without_our_token_or_with_a_wrong_code_changes_nothing(server, programme):
    import urllib.error
    import urllib.parse
    import urllib.request

    friends = programme.store.coordinate(programme.id).friends
    before = len(friends.volunteers())
    base = server["public"].rstrip("/")
    data = urllib.parse.urlencode({"name": "Bot", "contact": "bot", "organisation": "x",
                                   "municipality": "Aarhus", "postcode": "8000",
                                   "danish_level": "fluent", "kind": "person",
                                   "capacity": "1", "availability": "weekend",
                                   "consent": "yes"}).encode()
    request = urllib.request.Request(
        f"{base}/friends/{programme.public_code}/volunteer?lang=uk", data=data,
        headers={"Origin": base})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 403
    assert t("pages.expired", "uk") in caught.value.read().decode()
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{base}/friends/AAAABBBBCCCC/volunteer", timeout=30)
    assert caught.value.code == 404
    assert len(friends.volunteers()) == before


def test_the_console_proposes_and_accepts_in_chromium(browser, server, shots):
    """The facilitator console at 1440×900: the friend programme's fold opened, pairs
    proposed and one accepted by Chromium's clicks, the store waited on (not the clock)."""
    store = kit.open_store(server["url"])
    workshop = store.create_workshop("Venskabsdag", "Odense")
    friends = workshop.partnership.friends
    common = dict(municipality="Odense", postcode="5000", availability=["weekend"],
                  consent=True, consent_text="Som vist")
    friends.sign_up_household(contact="Zainab +45 70", languages=["ar"], danish_level="none",
                              adults=2, children_ages="5", interests=["cooking"],
                              help_wanted=["sprog"], filled_by="caseworker", **common)
    friends.sign_up_volunteer(name="Karen Holm", contact="karen@example.dk",
                              organisation="Røde Kors", languages=["ar"],
                              danish_level="fluent", kind="family", capacity=1,
                              interests=["cooking"], **common)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server['facilitator']}?code={workshop.code}")
    fold = page.locator(".kit-friends-fold .kit-fold-toggle").first
    fold.click()
    page.get_by_role("button", name=t("friends.console.propose", "da")).click()
    page.locator(".kit-friends-pair").wait_for()
    assert len(friends.proposals()) == 1
    page.locator(".kit-friends-fold").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "friends-console-proposal-1440.png"))
    assert "Karen Holm" in page.locator(".kit-friends-pair").inner_text()
    page.get_by_role("button", name=t("friends.console.accept", "da")).click()
    page.get_by_text(t("friends.console.no_proposals", "da")).wait_for()
    assert [f.status.value for f in friends.friendships()] == ["introduced"]
    letter = page.locator(".kit-friends-introduced a.kit-download")
    letter.wait_for()
    assert letter.get_attribute("download").startswith("introduktionsbrev-")
    page.locator(".kit-friends-introduced").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "friends-console-accepted-1440.png"))
    page.get_by_role("button", name=t("friends.console.met", "da")).click()
    page.get_by_text(t("friends.console.none_introduced", "da")).wait_for()
    assert [f.status.value for f in friends.friendships()] == ["active"]
    page.close()


def test_too_many_sign_ups_from_one_browser_wait_and_keep_the_answers(browser, server,
                                                                     programme):
    """One browser sending form after form (a script): after the free ones each further post
    waits, said in the reader's language, with what was typed kept and nothing stored."""
    from kit._friends_app import SENDS_PER_BROWSER

    friends = programme.store.coordinate(programme.id).friends
    before = len(friends.volunteers())
    page, _ = open_form(browser, server, programme, "volunteer", "uk")
    page.locator('input[name="contact"]').fill("bot@example.dk")
    # posted by the page's own context (its cookie and token), as a script in it would;
    # the page's policy allows no fetch() from it
    base = server["public"].rstrip("/")
    form = {x.get_attribute("name"): x.input_value()
            for x in page.locator('form.friends input[type="hidden"], '
                                  'form.friends input[name="contact"]').all()}
    answers = []
    for _ in range(SENDS_PER_BROWSER + 8):
        r = page.request.post(f"{base}/friends/{programme.public_code}/volunteer?lang=uk",
                              form=form, headers={"Origin": base})
        answers.append((r.status, r.text()))
        if r.status == 429:
            break
    statuses = [status for status, _ in answers]
    assert statuses[-1] == 429 and statuses[:SENDS_PER_BROWSER] == [400] * SENDS_PER_BROWSER
    waited = answers[-1][1]
    assert t("pages.too_many", "uk", seconds=1).split("{")[0][:30] in waited
    assert 'value="bot@example.dk"' in waited
    assert len(friends.volunteers()) == before
    page.close()
