"""Issue 29 in Chromium: the console that runs the room, at 1440×900 and 1280×800.

A closed workshop shows its banner and "Genåbn" at the top; the vote is run with the one
large button (open → close → show → on to working groups), which is in view without
scrolling in every state, beside the count of who has voted; a participant's card deleted
in the console comes back with "Fortryd". Nothing is clipped or scrolls sideways.
Screenshots go to the folder the test prints (`KIT_SCREENS_DIR` to choose it)."""

from __future__ import annotations

import pytest
from test_browser_console import CLIPPED_JS

import kit
from kit.i18n import t

pytestmark = pytest.mark.browser

LOAD_MS = 60_000
FOLLOW_MS = 20_000
SIZES = ((1440, 900), (1280, 800))

# where an element is, as the facilitator sees the page without scrolling
IN_VIEW_JS = """(sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, h: innerHeight,
          w: innerWidth, text: el.innerText.trim(), disabled: !!el.disabled};
}"""


# how many lines the closed banner's words take (text runs whose tops differ by a line)
BANNER_LINES_JS = """() => {
  const words = document.querySelector('.kit-closed-banner > .widget-vbox');
  const range = document.createRange(), tops = [];
  const walk = document.createTreeWalker(words, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    range.selectNodeContents(walk.currentNode);
    for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
  }
  tops.sort((a, b) => a - b);
  return tops.filter((top, i) => i === 0 || top - tops[i - 1] > 8).length;
}"""


def _in_view(page, selector):
    box = page.evaluate(IN_VIEW_JS, selector)
    assert box is not None, selector
    assert 0 <= box["top"] and box["bottom"] <= box["h"], box
    assert 0 <= box["left"] and box["right"] <= box["w"], box
    return box


def _no_clipping(page, where):
    measured = page.evaluate(CLIPPED_JS)
    assert measured["clipped"] == [] and measured["sideways"] <= 1, (where, measured)


def _wait_text(page, selector, text):
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); "
                           "return e && e.innerText.includes(t); }", arg=[selector, text],
                           timeout=FOLLOW_MS)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_vote_is_run_with_one_button_that_stays_in_view(browser, server, shots, size):
    store = kit.open_store(server["url"])
    w = store.create_workshop(f"Afstemning {size[0]}", "Aarhus")
    people = [w.join(f"Deltager {n}", ("kommune", "civilsamfund", "flygtning")[n % 3])
              for n in range(12)]
    w.set_phase("ideas")
    w.add_idea(people[0], "Lektiehjælp")
    themes = [w.add_theme(x) for x in ("Bolig og indflytning", "Sprog og sprogvenner",
                                       "Job og praktik", "Koordinering og overblik")]
    for th in themes:
        w.ideas.select_theme(th.id, True)
    w.set_phase("voting")
    fac = browser.new_page(viewport={"width": size[0], "height": size[1]})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}")
    button = "button.kit-next-action"
    tag = f"{size[0]}x{size[1]}"
    for label, then in (("Åbn afstemningen", "Luk afstemningen"),
                        ("Luk afstemningen", "Vis resultatet"),
                        ("Vis resultatet", "Videre til arbejdsgrupper")):
        _wait_text(fac, button, label)
        fac.wait_for_timeout(500)  # the panel's last redraw
        box = _in_view(fac, button)
        assert not box["disabled"]
        _no_clipping(fac, label)
        fac.screenshot(path=str(shots / f"console-vote-{label.split()[0].lower()}-{tag}.png"))
        fac.locator(button).click()
        _wait_text(fac, button, then)
        if label == "Åbn afstemningen":
            assert w.state().voting_open
            for n, p in enumerate(people[:9]):
                w.vote(p, themes[n % 3].id)
            _wait_text(fac, ".kit-next-counts", "9 af 12 har stemt")
    assert w.state().revealed and not w.state().voting_open
    fac.wait_for_timeout(500)
    _in_view(fac, button)
    # the themes for working groups are ticked, in view with the button
    boxes = fac.locator(".kit-theme-choice input[type=checkbox]")
    assert boxes.count() == 4
    for n in (0, 2):
        _in_view(fac, f".kit-theme-choice .widget-checkbox:nth-child({n + 1}) input")
        boxes.nth(n).check()
    _no_clipping(fac, "ticked")
    fac.screenshot(path=str(shots / f"console-vote-ticked-{tag}.png"))
    fac.locator(button).click()
    fac.wait_for_function("() => document.body.innerText.includes('Vejledning: Fra tema til "
                          "arbejdsgruppe')", timeout=FOLLOW_MS)
    assert w.state().phase == "groups"
    assert {th.id for th in w.ideas.themes() if th.chosen} == {themes[0].id, themes[2].id}
    fac.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_closed_workshop_says_so_at_the_top_with_genaabn_in_view(browser, server, shots,
                                                                    size):
    store = kit.open_store(server["url"])
    w = store.create_workshop(f"Lukket {size[0]}", "Aarhus")
    w.set_phase("voting")
    w.close()
    fac = browser.new_page(viewport={"width": size[0], "height": size[1]})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}")
    fac.locator(".kit-closed-banner").wait_for()
    fac.wait_for_timeout(500)
    # what still runs, and until when it can be reopened, on the banner too
    _wait_text(fac, ".kit-closed-banner", t("facilitator.closed_continues", "da"))
    _wait_text(fac, ".kit-closed-banner", "genåbne den indtil")
    banner = _in_view(fac, ".kit-closed-banner")
    assert banner["top"] < 160, banner  # right under the title
    assert "afsluttet" in banner["text"]
    assert fac.evaluate(BANNER_LINES_JS) <= 2, banner    # one or two short lines
    pill = _in_view(fac, ".kit-state-pill")
    assert pill["text"] == "Afsluttet"
    _in_view(fac, ".kit-closed-banner button")
    _no_clipping(fac, "closed")
    fac.screenshot(path=str(shots / f"console-closed-{size[0]}x{size[1]}.png"))
    fac.get_by_role("button", name="Genåbn workshoppen").click()
    fac.wait_for_function("() => document.querySelector('.kit-state-pill').innerText === "
                          "'Åben'", timeout=FOLLOW_MS)
    assert w.state().status.value == "open"
    assert not fac.locator(".kit-closed-banner").is_visible()
    fac.close()


def test_a_deleted_card_comes_back_with_fortryd(browser, server, shots):
    store = kit.open_store(server["url"])
    w = store.create_workshop("Fortryd", "Aarhus")
    p = w.join("Ida", "kommune")
    w.set_phase("timeline")
    card = w.timeline.add_card(p, "Velkomstpakke til nye familier", "Bakkeby IF",
                               "koordinering", 1, 3)
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    row = fac.locator(".widget-vbox", has_text="Velkomstpakke til nye familier").last
    row.wait_for()
    row.get_by_role("button", name="Slet").click()
    toast = fac.locator(".kit-toast")
    toast.wait_for()
    assert "Velkomstpakke" in toast.inner_text()
    _in_view(fac, ".kit-toast .kit-undo")
    # gone from the list at once (its row's buttons with it)
    fac.get_by_role("button", name="Slet", exact=True).wait_for(state="detached",
                                                                timeout=FOLLOW_MS)
    fac.screenshot(path=str(shots / "console-card-deleted-toast.png"))
    assert card.id in {c.id for c in w.timeline.cards()}  # not yet gone from the store
    toast.get_by_role("button", name="Fortryd").click()
    toast.wait_for(state="hidden")
    fac.locator(".widget-vbox", has_text="Velkomstpakke til nye familier").last.wait_for()
    assert card.id in {c.id for c in w.timeline.cards()}
    fac.close()


def test_a_card_deleted_in_the_console_is_said_removed_on_the_phones(browser, server, shots):
    """The facilitator deletes two participants' cards in the console at 1440×900; once the
    toast's time is up, the Ukrainian and the Arabic phone (360×740) each say in their own
    language that the facilitator removed it — not "no cards yet" under a stale "added"."""
    from test_screens import PHONE, wait_for_step

    from kit.ui.undo import UNDO_SECONDS

    store = kit.open_store(server["url"])
    w = store.create_workshop("Fjernet kort", "Aarhus")
    olena = w.join("Олена Коваленко", "flygtning", language="uk")
    fatima = w.join("فاطمة أحمد", "flygtning", language="ar")
    w.set_phase("timeline")
    cards = {"uk": w.timeline.add_card(olena, "Мовне кафе", "Червоний Хрест", "sprog", 1, 3),
             "ar": w.timeline.add_card(fatima, "مقهى اللغة", "الصليب الأحمر", "sprog", 1, 3)}
    phones = {}
    for L, person in (("uk", olena), ("ar", fatima)):
        phone = browser.new_page(viewport=PHONE)
        phone.set_default_timeout(LOAD_MS)
        phone.goto(f"{server['public']}?code={w.code}&me={person.rejoin_code}&lang={L}")
        wait_for_step(phone, "timeline", L)
        phone.wait_for_function("(s) => document.querySelector('.kit-phone').innerText"
                                ".includes(s)", arg=cards[L].title, timeout=FOLLOW_MS)
        phones[L] = phone
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    for L in ("uk", "ar"):
        row = fac.locator(".widget-vbox", has_text=cards[L].title).last
        row.wait_for()
        row.get_by_role("button", name="Slet").click()   # the next delete stores the first
        _wait_text(fac, ".kit-toast", cards[L].title)
    _in_view(fac, ".kit-toast .kit-undo")
    fac.screenshot(path=str(shots / "console-1440-card-deleted-toast.png"))
    # the toast's time runs out: the store forgets the card, the toast goes
    gone = ("(t) => !document.querySelector('.kit-toast') || "
            "!document.querySelector('.kit-toast').offsetParent")
    fac.wait_for_function(gone, timeout=FOLLOW_MS + UNDO_SECONDS * 3000)
    assert w.timeline.cards() == []
    for L, phone in phones.items():
        said = t("card.removed", L, count=1, titles="").split(":")[0]
        phone.wait_for_function("(s) => document.querySelector('.kit-phone').innerText"
                                ".includes(s)", arg=said, timeout=FOLLOW_MS)
        text = phone.locator(".kit-phone").first.inner_text()
        assert cards[L].title in text and t("card.none", L) in text
        assert t("card.added", L) not in text
        notice = phone.locator(".kit-phone .kit-removed", has_text=said).first
        box = notice.bounding_box()   # at the top, in view where the phone opens
        assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], box
        direction = notice.evaluate("e => getComputedStyle(e).direction")
        assert direction == ("rtl" if L == "ar" else "ltr")
        phone.screenshot(path=str(shots / f"phone-{L}-card-removed-by-console.png"))
        phone.close()
    fac.close()


def test_the_facilitators_note_delete_asks_plainly_first(browser, server, shots):
    """No undo window for a note on purpose (a rude note must leave the projector at once):
    the first press asks what "yes" does, "Annullér" backs out, "Ja, slet noten" deletes."""
    store = kit.open_store(server["url"])
    w = store.create_workshop("Noter", "Aarhus")
    p = w.join("Ida", "kommune")
    w.set_phase("ideas")
    rude = w.add_idea(p, "Noget grimt, der ikke hører hjemme på tavlen", "udfordring")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}&tools=open")
    row = fac.locator(".kit-idea-row", has_text="Noget grimt")
    row.wait_for()
    delete = row.locator("button[title='Slet']")  # (its icon's glyph is part of its name)
    delete.click()
    ask = row.locator(".kit-confirm")
    ask.wait_for()
    assert "kan ikke fortrydes" in ask.inner_text()
    row.scroll_into_view_if_needed()
    _no_clipping(fac, "note delete question")
    fac.screenshot(path=str(shots / "console-1440-note-delete-question.png"))
    ask.get_by_role("button", name="Annullér").click()
    ask.wait_for(state="hidden")
    assert rude.id in {i.id for i in w.ideas()}
    delete.click()
    ask.get_by_role("button", name="Ja, slet noten").click()
    row.wait_for(state="detached", timeout=FOLLOW_MS)
    assert rude.id not in {i.id for i in w.ideas()}
    fac.close()
