"""The needs check and the ground rules used from a phone in Chromium (Danish and Arabic),
and the public pages served without a kernel: the standalone needs form sent by Chromium's own
button (phones at 360×740 in da, uk and ar, and a desktop) with every answer stored, its
refusals (an expired form, too many answers) and the wait after wrong public codes said in the
reader's language, the overview and poster by the public code only, and the console's part
(the public links, an actor's agreement to be listed). Their screens are measured with every
other step's in `test_screens` (board, phones) and `test_browser_console` (facilitator app).
Screenshots go to `KIT_SCREENS_DIR` if set."""

from __future__ import annotations

import urllib.request

import pytest
from test_screens import INPUT_PX, PHONE, PHONE_JS, TARGET_PX, WAIT_MS, wait_for_step

import kit
from kit.i18n import t

from helpers import SAMPLE, until

pytestmark = pytest.mark.browser

STEPS = ("needs", "ground_rules")


@pytest.fixture(scope="module")
def room(server):
    store = kit.open_store(server["url"])
    workshop = kit.import_workshop(SAMPLE, store)
    people = {"da": workshop.join("Test da", "kommune", language="da"),
              "ar": workshop.join("Test ar", "flygtning", language="ar")}
    return workshop, people


@pytest.mark.parametrize("language", ["da", "ar"])
def test_phones_answer_and_vote(browser, server, room, shots, language):
    workshop, people = room
    me = people[language]
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{server['public']}?code={workshop.code}&me={me.rejoin_code}&lang={language}")
    for step in STEPS:  # (test_screens measures these screens with the others)
        workshop.set_phase(step)
        wait_for_step(page, step, language)
        if step == "needs":
            before = len({a.response for a in workshop.needs.answers()})
            page.get_by_role("button", name=t("rounds.who.refugee", language)).click()
            page.get_by_role("button", name=t("category.bolig", language)).first.click()
            page.get_by_role("button", name=t("needs.send", language)).click()
            page.get_by_text(t("needs.thanks", language)).wait_for()
            page.locator(".kit-phone").first.screenshot(path=str(
                shots / f"phone-{language}-needs-sent.png"))
            assert len({a.response for a in workshop.needs.answers()}) == before + 1
        else:
            open_task = next(x for x in workshop.ground_rules.tasks() if not x.settled)
            page.get_by_text(open_task.title).first.wait_for()
            box = page.locator(".kit-theme-box", has_text=open_task.title).first
            box.locator("button").nth(2).click()
            rules, task = workshop.ground_rules, open_task.id
            assert until(lambda r=rules, i=task: r.votes(me).get(i) == "sammen")
    page.close()


DESKTOP = {"width": 1280, "height": 800}
FORMS = (("da", PHONE), ("uk", PHONE), ("ar", PHONE), ("da", DESKTOP))
# per question: an area to tick (two with non-ASCII values, sent as UTF-8) and a few words
ANSWERS = {"da": ("Tolk hos lægen", "Sprogcaféen", "Fritidsjob"),
           "uk": ("Перекладач у лікаря", "Мовне кафе", "Підробіток"),
           "ar": ("مترجم عند الطبيب", "مقهى اللغة", "عمل جزئي")}
AREAS = ("bolig", "netværk", "økonomi")


def measure(page, shots, name):
    """Screenshots at the top and scrolled, and what a thumb meets on the page."""
    page.screenshot(path=str(shots / f"{name}.png"))
    page.screenshot(path=str(shots / f"{name}-full.png"), full_page=True)
    m = page.evaluate(PHONE_JS, [TARGET_PX, INPUT_PX])
    assert (m["sideways"], m["wide"], m["clipped"], m["small"], m["small_text"]) == (
        0, [], [], [], []), (name, m)


def fill_needs(page, language, who="flygtning"):
    """Say who answers, then tick one area and write a few words for each of the three
    questions."""
    page.locator(f'input[name="hvem"][value="{who}"]').check()
    for n, box in enumerate(page.locator("form.needs fieldset.question").all()):
        box.locator(f'input[value="{AREAS[n]}"]').check()
        box.locator("textarea").fill(ANSWERS.get(language, ANSWERS["da"])[n])


@pytest.mark.parametrize(("language", "viewport"), FORMS,
                         ids=[f"{x}-{v['width']}" for x, v in FORMS])
def test_the_needs_page_is_sent_from_chromium_with_every_answer(browser, server, room, shots,
                                                                language, viewport):
    """The standalone form as people use it: opened by its public address, ticked, written,
    sent by the browser's own button; all three questions arrive (the posted form once lost
    two of them, and Chromium's posts were refused for their `Origin: null`)."""
    from test_screens import outside

    workshop, _ = room
    base = server["public"].rstrip("/")
    page = browser.new_page(viewport=viewport)
    page.set_default_timeout(WAIT_MS)
    asked = outside(page, server)
    origins: list[str | None] = []
    page.on("request", lambda r: origins.append(r.headers.get("origin"))
            if r.method == "POST" else None)
    page.goto(f"{base}/needs/{workshop.public_code}?lang={language}")
    name = f"needs-page-{language}-{viewport['width']}"
    measure(page, shots, name)
    fill_needs(page, language)
    before = {a.response for a in workshop.needs.answers()}
    page.get_by_role("button", name=t("needs.send", language)).click()
    page.get_by_text(t("needs.thanks", language)).wait_for()
    measure(page, shots, f"{name}-sent")
    assert origins == [base]  # a real origin, which the server's Origin check accepts
    new = [a for a in workshop.needs.answers() if a.response not in before]
    assert len({a.response for a in new}) == 1
    assert sorted((a.question.value, a.category.value) for a in new if a.category) == [
        ("hjælper", "netværk"), ("mangler", "økonomi"), ("sværest", "bolig")]
    assert sorted((a.question.value, a.text) for a in new if a.text) == sorted(zip(
        ("sværest", "hjælper", "mangler"), ANSWERS.get(language, ANSWERS["da"]), strict=True))
    assert {a.language for a in new} == {language}
    assert asked == []
    page.close()


def test_overview_and_poster_open_by_the_public_code_only(browser, server, room, shots):
    from kit import pages

    workshop, _ = room
    base = server["public"].rstrip("/")
    with urllib.request.urlopen(f"{base}/overview/{workshop.public_code}?lang=uk") as r:
        assert r.status == 200 and "Мова" in r.read().decode()
    for language in ("da", "uk", "ar"):
        page = browser.new_page(viewport=PHONE)
        page.goto(f"{base}/overview/{workshop.public_code}?lang={language}")
        measure(page, shots, f"overview-{language}")
        page.close()
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    page.goto(f"{base}/overview/{workshop.public_code}?poster=1")
    page.screenshot(path=str(shots / "overview-poster.png"), full_page=True)
    printed = page.locator(".poster b").first.inner_text()
    # the public code (never the join code), in groups of four for typing from the wall
    assert printed == f"{base}/overview/{pages.grouped(workshop.public_code)}"
    page.goto(printed)
    assert page.get_by_text(t("offers.title", "da", municipality=workshop.state().municipality)
                            ).first.is_visible()
    # an old poster's address (the join code) says it is out of date, and shows nothing
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/overview/{workshop.code}?lang=uk")
    assert page.get_by_text(t("pages.old_address", "uk")).is_visible()
    assert workshop.state().title not in page.content()
    measure(page, shots, "overview-old-address-uk")
    page.close()


def test_refusals_are_said_in_the_readers_language_and_keep_the_answers(browser, server, room,
                                                                       shots):
    """An expired form (no token) and too many answers from one browser: a message in the
    page's language, what was ticked still ticked, and sending again works."""
    from kit import _pages_app

    workshop, _ = room
    base = server["public"].rstrip("/")
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{base}/needs/{workshop.public_code}?lang=uk")
    fill_needs(page, "uk")
    page.context.clear_cookies()  # as after a long pause: the form's token no longer fits
    before = len(workshop.needs.answers())
    page.get_by_role("button", name=t("needs.send", "uk")).click()
    page.get_by_text(t("pages.expired", "uk")).wait_for()
    assert len(workshop.needs.answers()) == before
    assert page.locator('input[name="mangler"][value="økonomi"]').is_checked()
    measure(page, shots, "needs-page-uk-expired")
    page.get_by_role("button", name=t("needs.send", "uk")).click()
    page.get_by_text(t("needs.thanks", "uk")).wait_for()
    assert len(workshop.needs.answers()) == before + 6
    page.close()

    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    path = f"{base}/needs/{workshop.public_code}?lang=ar"
    for _ in range(_pages_app.SENDS_PER_BROWSER):
        page.goto(path)
        page.locator('input[name="hvem"]').first.check()
        page.locator('input[value="bolig"]').first.check()
        page.get_by_role("button", name=t("needs.send", "ar")).click()
        page.get_by_text(t("needs.thanks", "ar")).wait_for()
    # so that the next send is refused however slow this machine is, the wait is grown to
    # its ceiling; it gets there only if the server counted the sends of this browser
    from pathlib import Path

    from kit.core.throttle import Throttle

    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
    limit = Throttle(Path(server["run"]) / "throttle.sqlite", free=_pages_app.SENDS_PER_BROWSER)
    for _ in range(6):
        limit.failed(f"needs:127.0.0.1:{cookie}")
    assert limit.wait(f"needs:127.0.0.1:{cookie}") > 30
    page.goto(path)
    fill_needs(page, "ar")
    page.get_by_role("button", name=t("needs.send", "ar")).click()
    page.locator(".error").wait_for()
    assert "ثانية" in page.locator(".error").inner_text()
    assert page.locator("textarea").first.input_value() == ANSWERS["ar"][0]
    # the refusal is the first thing under the title, where the page opens after a post
    assert page.locator("h1 + .error").count() == 1
    measure(page, shots, "needs-page-ar-too-many")
    page.close()


def test_the_console_gives_the_public_address_and_lists_an_actor_who_agreed(browser, server,
                                                                        room, shots):
    """The facilitator app (1440×900): the needs check's and the overview's links carry the
    public code, and an actor goes on the public overview only once marked as agreed."""
    import time

    from kit import pages

    workshop, _ = room
    actor = next(a for a in workshop.prepare.actors() if a.name == "Røde Kors Bakkeby")
    workshop.prepare.update_actor(actor.id, contact="Karen, 20 30 40 50")
    card = workshop.timeline.add_card(None, "Lektiehjælp", actor.name, "sprog", 2, 20,
                                      "civilsamfund")
    assert "20 30 40 50" not in pages.overview_html(workshop, "da", "/x")  # not agreed yet
    workshop.set_phase("prepare")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(WAIT_MS)
    fac.goto(f"{server['facilitator']}?code={workshop.code}&tools=open")
    ask = fac.get_by_text(t("register.listed_ask", "da"))
    ask.wait_for()
    show = fac.get_by_role("button", name=t("register.list", "da"))
    row = fac.locator(".widget-hbox", has=show)
    row.locator("select").select_option(label=actor.name)
    show.click()
    fac.get_by_role("button", name=t("register.unlist", "da")).wait_for()
    deadline = time.monotonic() + WAIT_MS / 1000
    while not next(a for a in workshop.prepare.actors() if a.id == actor.id).listed:
        assert time.monotonic() < deadline
        fac.wait_for_timeout(100)
    assert "Kontakt: Karen, 20 30 40 50" in pages.overview_html(workshop, "da", "/x")
    ask.scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "console-register-listed-1440x900.png"))
    workshop.set_phase("needs")
    link = fac.get_by_role("link", name=f"/needs/{workshop.public_code}")
    link.wait_for()
    assert workshop.code not in fac.locator(".widget-html", has=link).inner_text()
    link.scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "console-needs-link-1440x900.png"))
    workshop.set_phase("follow_up")
    link = fac.get_by_role("link", name=f"/overview/{workshop.public_code}").first
    link.wait_for()
    link.scroll_into_view_if_needed()
    fac.screenshot(path=str(shots / "console-offers-link-1440x900.png"))
    fac.close()
    workshop.timeline.delete_card(card.id)


def test_wrong_public_codes_wait_as_on_the_join_form(browser, server, room, shots):
    """Last in this module: it leaves this machine's address waiting."""
    from pathlib import Path

    from kit.core.throttle import FREE_PER_ADDRESS, Throttle

    workshop, _ = room
    base = server["public"].rstrip("/")
    throttle = Throttle(Path(server["run"]) / "throttle.sqlite")
    page = browser.new_page(viewport=PHONE)
    for n in range(FREE_PER_ADDRESS):
        page.goto(f"{base}/overview/{'Z' * 11}{'ABCDEFGHJKMN'[n]}?lang=da")
        assert page.get_by_text(t("pages.unknown", "da")).is_visible()
    measure(page, shots, "overview-unknown-da")
    for _ in range(6):  # a guesser who kept going: the wait has grown to its ceiling ...
        throttle.failed("code:127.0.0.1")
    # ... as it does only if the server counted the ten under the join form's key
    assert throttle.wait("code:127.0.0.1") > 30
    for language in ("da", "uk", "ar"):
        page.goto(f"{base}/overview/{workshop.public_code}?lang={language}")
        assert page.get_by_text(t("pages.wait_title", language)).is_visible()
        assert page.get_by_role("link", name=t("pages.retry", language)).is_visible()
        assert workshop.state().municipality not in page.content()
        measure(page, shots, f"overview-wait-{language}")
    page.close()
