"""The plain pages of the participant server (`kit.pages`, served by `kit._pages_app`): the
living overview and its poster, the standalone needs check; everything escaped, only open
workshops' public codes accepted (never the join code, which opens nothing here), wrong codes
slowed as on the join form, the form's token enforced and its sending limited, no kernel
involved."""

from __future__ import annotations

import re
import urllib.parse
from html import escape as html_escape

import pytest
import tornado.testing
import tornado.web

import kit
from kit import errors, pages


@pytest.fixture
def room(store):
    w = store.create_workshop("Overblik", "Bakkeby <Kommune>")
    anna = w.join("Anna", "civilsamfund")
    w.prepare.add_actor("Røde Kors", "social forening", "civilsamfund", "rk@example.org",
                        listed=True)
    # in the register with a contact, but never agreed to be on the public overview
    w.prepare.add_actor("Spejderne", "forening", "civilsamfund", "leder@example.org")
    w.set_phase("timeline")
    w.timeline.add_card(anna, "Sprogcafé <script>alert(1)</script>", "Røde Kors", "sprog", 0,
                        26, description="Tirsdage kl. 17")
    w.timeline.add_card(anna, "Møbelindsamling", "Genbrug", "bolig", -2, 4)
    old = w.timeline.add_card(anna, "Sommerlejr 2025", "Spejderne", "familie", 4, 8)
    w.timeline.retire_card(old.id)
    return w


def test_the_overview_lists_current_offers_by_area_escaped(room):
    html = pages.overview_html(room, "da", f"/overview/{room.code}")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Bakkeby &lt;Kommune&gt;" in html
    assert "Sommerlejr" not in html  # retired
    assert html.index("Møbelindsamling") < html.index("Sprogcafé")  # bolig before sprog
    assert "Kontakt: rk@example.org" in html
    room.timeline.add_card(room.participants()[0], "Lejrtur", "Spejderne", "familie", 2, 6)
    unlisted = pages.overview_html(room, "da", "/x")
    assert "Lejrtur" in unlisted and "leder@example.org" not in unlisted
    spejderne = next(a for a in room.prepare.actors() if a.name == "Spejderne")
    room.prepare.update_actor(spejderne.id, listed=True)
    assert "Kontakt: leder@example.org" in pages.overview_html(room, "da", "/x")
    assert "Language" in html and "Мова" in html  # area names in the other languages
    # each area with its pictogram, named for screen readers, as on the phones
    assert '<svg class="kit-pictogram" role="img" aria-label="Bolig"' in html
    arabic = pages.overview_html(room, "ar", "/x")
    assert 'dir="rtl"' in arabic
    room.timeline.retire_card(room.timeline.cards()[0].id, retired=False)
    room.timeline.retire_card(next(c.id for c in room.timeline.cards() if c.retired), False)
    assert "Sommerlejr" in pages.overview_html(room, "da", "/x")


def test_the_poster_has_a_qr_code_and_four_languages(room):
    html = pages.poster_html(room, "da", f"http://10.0.0.2:8866/overview/{room.code}")
    assert "<svg" in html and html.count("<h1") == 4
    # each area with offers today: its count and its name in every language
    from kit.core.areas import area_name
    from kit.core.model import LANGUAGES

    for area, cards in pages.current_offers(room).items():
        assert all(html_escape(area_name(area, x)) in html for x in LANGUAGES)
        assert f'<b class="count">{len(cards)} tilbud</b>' in html


def test_only_active_partnerships_public_codes_are_accepted(room, store):
    public = room.public_code
    grouped = "-".join((public[:4], public[4:8], public[8:])).lower()  # as one may type it
    assert pages.workshop_for(store, grouped).id == room.id
    for wrong in (room.code, room.id, "ABC", "<script>", "IIIIII", public[:-1], public + "A"):
        with pytest.raises(errors.UnknownWorkshop):
            pages.workshop_for(store, wrong)
    room.close()  # the day ends, the partnership's pages go on
    assert pages.workshop_for(store, public).id == room.id
    partnership = room.partnership
    partnership.archive()  # its pages say so (the reader is told, not sent away as a guesser)
    with pytest.raises(errors.PartnershipArchived):
        pages.workshop_for(store, public)
    partnership.unarchive()
    assert room.reopen() and pages.workshop_for(store, public).id == room.id  # kept


def test_the_public_code_is_long_unambiguous_and_opens_nothing_else(room, store):
    from kit.core.base import CODE_ALPHABET

    codes = {store.create_workshop(f"W{n}", "Aarhus").public_code for n in range(20)}
    assert len(codes) == 20 and room.public_code not in codes
    assert all(len(c) >= 10 and set(c) <= set(CODE_ALPHABET) for c in codes | {room.public_code})
    assert room.public_code != room.code
    # neither the board and the phones (by join code) nor the facilitator's handle open by it
    for opens in (store.public_workshop, store.workshop, store.facilitate):
        with pytest.raises(errors.UnknownWorkshop):
            opens(room.public_code)
    # and the join code does not open the public pages (only the public code does)
    with pytest.raises(errors.UnknownWorkshop):
        store.public_page_workshop(room.code)
    assert store.public_page_workshop(room.public_code).id == room.id


def test_export_and_import_keep_the_public_code_and_the_listing(room, tmp_path):
    from kit.exchange import export_workshop, import_workshop

    path = export_workshop(room, tmp_path / "w.xlsx")
    other = kit.open_store("sqlite://")
    again = import_workshop(path, other)
    assert again.public_code == room.public_code  # printed posters work on the new server
    assert {a.name: a.listed for a in again.prepare.actors()} == {
        "Røde Kors": True, "Spejderne": False}
    # a file whose public code another workshop here holds (or a malformed one) gets a new one
    rows = room.rows()
    rows["workshop"][0]["id"] = "w-copy"
    copy = other.import_rows(rows)
    assert copy.public_code != room.public_code and len(copy.public_code) == 12
    rows["workshop"][0] |= {"id": "w-bad", "public_code": "<x>"}
    assert len(other.import_rows(rows).public_code) == 12


def test_the_form_names_its_fields_in_ascii_and_reads_them_as_utf8():
    from kit.core.model import Category
    from kit.steps.needs.model import Question

    w = kit.open_store("sqlite://").create_workshop("X", "Aarhus")
    html = pages.needs_form_html(w, "da", "/needs/X", "")
    names = set(re.findall(r'<(?:input|textarea)[^>]* name="([^"]+)"', html))
    assert names == {"hvem", "svaerest", "hjaelper", "mangler", "svaerest_text",
                     "hjaelper_text", "mangler_text"} and all(n.isascii() for n in names)
    picks, texts = pages.needs_from_form({
        "svaerest": [b"bolig"], "hjaelper": [b"sprog", "økonomi".encode()],
        "mangler_text": ["Læge på ukrainsk".encode()], "sværest": [b"sundhed"]})
    assert picks == {Question.SVAEREST.value: ["bolig"],
                     Question.HJAELPER.value: ["sprog", "økonomi"], Question.MANGLER.value: []}
    assert texts[Question.MANGLER.value] == "Læge på ukrainsk"
    # shown again after a refusal, with what was ticked and written
    assert pages.respondent_from_form({"hvem": [b"frivillig"]}) == "frivillig"
    assert pages.respondent_from_form({}) == ""
    again = pages.needs_form_html(w, "uk", "/needs/X", "", "!", picks, texts, "frivillig")
    assert again.count(" checked") == 4 and "Læge på ukrainsk" in again
    assert 'value="frivillig" checked' in again
    assert all(c.value in html for c in Category)


class _Served(tornado.testing.AsyncHTTPTestCase):
    """The handlers as the participant server mounts them, on a private store, with the
    throttle file of a `kit serve` (its run folder)."""

    def get_app(self) -> tornado.web.Application:
        import os
        import tempfile

        from kit import steps
        from kit._pages_app import CODE_PATTERN, HANDLERS, Page

        self.store = kit.open_store("sqlite://")
        Page._store = self.store
        self._run = tempfile.TemporaryDirectory()
        self._old_run = os.environ.get("KIT_RUN_DIR")
        os.environ["KIT_RUN_DIR"] = self._run.name
        return tornado.web.Application([(f"/{name}/{CODE_PATTERN}", page)
                                        for name, page in (*HANDLERS, *steps.routes())],
                                       xsrf_cookies=True)

    def tearDown(self) -> None:
        import os

        from kit._pages_app import Page

        Page._store = None
        if self._old_run is None:
            os.environ.pop("KIT_RUN_DIR", None)
        else:
            os.environ["KIT_RUN_DIR"] = self._old_run
        self._run.cleanup()
        super().tearDown()

    def form(self, path: str, client: str = "10.0.0.1") -> tuple[str, str]:
        """The form's token and cookie, as a browser gets them."""
        page = self.fetch(path, headers={"X-Kit-Client": client})
        assert page.code == 200, page.body
        token = re.search(rb'name="_xsrf" value="([^"]+)"', page.body).group(1).decode()
        return token, page.headers["Set-Cookie"].split(";")[0]

    def grow(self, key: str, free: int) -> None:
        """Grow the wait of `key` to its ceiling, so what follows is refused however slow
        this machine is; it gets there only if the sends before were counted."""
        from kit.core.throttle import Throttle

        limit = Throttle(Throttle.for_server().path, free=free)
        for _ in range(6):
            limit.failed(key)
        assert limit.wait(key) > 30

    def send(self, path: str, fields: list[tuple[str, str]], token: str, cookie: str,
             client: str = "10.0.0.1"):
        body = urllib.parse.urlencode([("_xsrf", token), *fields])
        return self.fetch(path, method="POST", body=body,
                          headers={"Cookie": cookie, "X-Kit-Client": client})


class TestServed(_Served):
    def test_overview_and_needs_pages(self) -> None:
        w = self.store.create_workshop("Overblik", "Aarhus")
        code = w.public_code
        page = self.fetch(f"/overview/{code}?lang=uk")
        assert page.code == 200 and "default-src 'none'" in page.headers[
            "Content-Security-Policy"]
        # a browser sends its origin with the form only under a referrer policy that allows
        # it: `no-referrer` made Chromium post `Origin: null`, refused by the host check
        assert page.headers["Referrer-Policy"] == "same-origin"
        assert self.fetch(f"/overview/{w.id[:12]}").code == 404
        assert self.fetch("/overview/ZZZZZZZZZZZZ").code == 404
        poster = self.fetch(f"/overview/{code}?poster=1").body.decode()
        assert poster.count("<h1") == 4
        assert w.code not in poster  # never the join code
        printed = pages.grouped(code)
        assert f"/overview/{printed}<" in poster and len(printed) == 14
        assert self.fetch(f"/overview/{printed}").code == 200  # typed from the wall

        path = f"/needs/{code}?lang=ar"
        token, cookie = self.form(path)
        sent = self.send(path, [("hvem", "flygtning"), ("svaerest", "bolig"),
                                ("hjaelper", "sprog"), ("hjaelper", "arbejde"),
                                ("mangler", "sundhed"), ("mangler_text", "<b>læge</b>")],
                         token, cookie)
        assert sent.code == 200 and "شكرًا".encode() in sent.body
        assert sorted((a.question.value, a.category) for a in w.needs.answers()
                      if a.category) == [("hjælper", "arbejde"), ("hjælper", "sprog"),
                                         ("mangler", "sundhed"), ("sværest", "bolig")]
        assert [(a.text, a.language) for a in w.needs.texts()] == [("<b>læge</b>", "ar")]
        empty = self.send(f"/needs/{code}", [("hvem", "frivillig")], token, cookie)
        assert empty.code == 400 and "Vælg mindst ét område".encode() in empty.body
        assert len({a.response for a in w.needs.answers()}) == 1

    def test_a_post_without_our_forms_token_changes_nothing(self) -> None:
        w = self.store.create_workshop("Overblik", "Aarhus")
        path = f"/needs/{w.public_code}?lang=uk"
        token, cookie = self.form(path)
        for forged in (self.fetch(path, method="POST", body="svaerest=bolig"),
                       self.send(path, [("svaerest", "bolig")], "2|00|00|00", cookie),
                       self.send(path, [("svaerest", "bolig")], token, "")):
            assert forged.code == 403
            body = forged.body.decode()
            # said in the reader's language, the ticked box still ticked, a fresh token
            assert "Форма застаріла" in body and 'value="bolig" checked' in body
            assert 'name="_xsrf"' in body
        assert w.needs.answers() == []

    def test_sending_is_limited_per_browser_and_per_address(self) -> None:
        from kit import _pages_app

        w = self.store.create_workshop("Overblik", "Aarhus")
        path = f"/needs/{w.public_code}?lang=da"
        token, cookie = self.form(path)
        for _ in range(_pages_app.SENDS_PER_BROWSER):
            assert self.send(path, WHO + [("svaerest", "bolig")], token, cookie).code == 200
        self.grow("needs:10.0.0.1:" + cookie.split("=", 1)[1], _pages_app.SENDS_PER_BROWSER)
        refused = self.send(path, WHO + [("svaerest", "sprog"), ("mangler_text", "Tolk")],
                            token, cookie)
        assert refused.code == 429 and int(refused.headers["Retry-After"]) >= 1
        body = refused.body.decode()
        assert "mange svar herfra" in body and 'value="sprog" checked' in body
        assert ">Tolk</textarea>" in body
        sent = len({a.response for a in w.needs.answers()})
        assert sent == _pages_app.SENDS_PER_BROWSER
        # another browser on the same network still gets through, until the address's limit
        for _ in range(_pages_app.SENDS_PER_ADDRESS - sent):
            other_token, other_cookie = self.form(path)
            sent_too = self.send(path, WHO + [("svaerest", "arbejde")], other_token,
                                 other_cookie)
            assert sent_too.code == 200
        self.grow("needs:10.0.0.1", _pages_app.SENDS_PER_ADDRESS)
        other_token, other_cookie = self.form(path)
        assert self.send(path, WHO + [("svaerest", "arbejde")], other_token,
                         other_cookie).code == 429
        # ... while another address is not held up
        far_token, far_cookie = self.form(path, client="10.9.9.9")
        assert self.send(path, WHO + [("svaerest", "arbejde")], far_token, far_cookie,
                         client="10.9.9.9").code == 200
        assert len({a.response for a in w.needs.answers()}) == _pages_app.SENDS_PER_ADDRESS + 1

    def test_wrong_codes_wait_as_on_the_join_form(self) -> None:
        from kit.core.throttle import FREE_PER_ADDRESS, Throttle

        w = self.store.create_workshop("Overblik", "Aarhus")
        guesser = {"X-Kit-Client": "10.0.0.66", "Accept-Language": "da"}
        # an old address with the join code says so, to any code of that length alike, and
        # costs nothing (it tells a guesser nothing)
        for code in (w.code, "ZZZZZZ"):
            old = self.fetch(f"/overview/{code}?lang=uk", headers=guesser)
            assert old.code == 404 and "Ця адреса застаріла".encode() in old.body
        for n in range(FREE_PER_ADDRESS):
            wrong = self.fetch(f"/overview/{'Z' * 11}{CODES[n % len(CODES)]}",
                               headers=guesser)
            assert wrong.code == 404 and b"Tjek adressen" in wrong.body
        # now even the right code waits, from that address: the same key as the join form
        for _ in range(6):  # a guesser who kept going: the wait grows to its ceiling ...
            Throttle.for_server().failed("code:10.0.0.66")
        # ... as it does only if the pages counted the ten under the join form's key
        assert Throttle.for_server().wait("code:10.0.0.66") > 30
        for path in (f"/overview/{w.public_code}", f"/needs/{w.public_code}?lang=ar"):
            held = self.fetch(path, headers=guesser)
            assert held.code == 429 and int(held.headers["Retry-After"]) >= 1
        assert "ثانية".encode() in held.body  # in the page's language
        # ... and nobody else does
        assert self.fetch(f"/overview/{w.public_code}",
                          headers={"X-Kit-Client": "10.0.0.7"}).code == 200


class TestServedPartnership(_Served):
    def test_after_the_workshop_closed_the_page_answers_until_the_partnership_is_archived(
            self) -> None:
        p = self.store.create_partnership("Samarbejde", "Aarhus")
        w = p.create_workshop("Dag 1")
        p.open_needs_round("forår 2027")
        w.close()
        path = f"/needs/{p.public_code}?lang=uk"
        token, cookie = self.form(path)
        # who answers is asked first; without it the form comes back, the ticks kept
        unsaid = self.send(path, [("svaerest", "bolig")], token, cookie)
        body = unsaid.body.decode()
        assert unsaid.code == 400 and "виберіть, хто відповідає" in body.lower()
        assert 'value="bolig" checked' in body and w.needs.answers() == []
        sent = self.send(path, [("hvem", "flygtning"), ("svaerest", "bolig")], token, cookie)
        assert sent.code == 200
        (found,) = p.needs_comparison()
        assert (found.round.label, found.refugees) == ("forår 2027", 1)
        p.archive()
        for language, said in (("uk", "Партнерство архівовано"), ("ar", "الشراكة مؤرشفة"),
                               ("da", "Samarbejdet er arkiveret")):
            for page in (f"/needs/{p.public_code}?lang={language}",
                         f"/overview/{p.public_code}?lang={language}"):
                shut = self.fetch(page)
                assert shut.code == 410 and said in shut.body.decode()
                assert "<form" not in shut.body.decode()
        refused = self.send(path, [("hvem", "flygtning"), ("svaerest", "sprog")], token,
                            cookie)
        assert refused.code == 410 and "<form" not in refused.body.decode()
        assert p.needs_comparison()[0].respondents == 1  # nothing changed
        p.unarchive()
        assert self.fetch(path).code == 200


CODES = "ABCDEFGHJK"
WHO = [("hvem", "medarbejder")]


def test_weeks_read_as_before_around_and_after_arrival():
    from kit.steps.timeline.model import Card

    def card(a, b):
        return Card("c", "x", "y", "kommune", "bolig", a, b)

    assert pages.weeks_text(card(-8, -2), "en") == "From 8 to 2 weeks before arrival"
    assert pages.weeks_text(card(-3, 2), "en") == "From 3 weeks before arrival to week 2 after"
    assert pages.weeks_text(card(4, 26), "en") == "From week 4 after arrival onwards"
    assert pages.weeks_text(card(0, 12), "en") == "Weeks 0 to 12 after arrival"


def test_the_pages_read_the_client_address_where_the_server_puts_it():
    """The waits key on the address `kit._voila_app` writes for every request (the trusted
    one behind a proxy), under the same header name; `Origin: null` stays refused there."""
    from kit import _hosts, _pages_app, _voila_app

    assert _pages_app.CLIENT_HEADER == _voila_app.CLIENT_HEADER
    assert _hosts.refusal("127.0.0.1:8866", "null", ["127.0.0.1"]) == "origin"


class TestRsvp(_Served):
    """The invitee's RSVP page (issue 27): opened by the token alone, in the invitee's
    language unless another is asked for, answered by a posted form with its token,
    changeable, limited as the needs form; a wrong token waits and reads as a wrong code."""

    def invited(self):
        w = self.store.create_workshop("Velkommen <i>her</i>", "Assens", date="2027-03-04")
        w.invites.set_details(purpose="Vi aftaler <b>hvem</b> der gør hvad.",
                              place="Rådhuset", hours="17.00–20.00")
        actor = w.prepare.add_actor("Syrisk Netværk", "flygtninge", "flygtning", "Amal")
        return w, w.invites.invite(actor.id, "ar")

    def answer(self, w, rsvp) -> str:
        return next(r for r in w.invites.rsvps() if r.id == rsvp.id).answer

    def test_the_page_shows_the_day_and_records_a_changeable_answer(self) -> None:
        w, rsvp = self.invited()
        path = f"/rsvp/{rsvp.token}"
        page = self.fetch(path)
        body = page.body.decode()
        assert page.code == 200 and 'lang="ar" dir="rtl"' in body  # the invitee's language
        assert "&lt;i&gt;her&lt;/i&gt;" in body and "&lt;b&gt;hvem&lt;/b&gt;" in body
        assert "Rådhuset" in body and "17.00–20.00" in body and "2027" in body
        assert body.count('name="answer"') == 3 and 'aria-pressed="true"' not in body
        assert w.code not in body and w.public_code not in body
        token, cookie = self.form(path + "?lang=uk")
        # no answer yet: an address that says "answered" thanks nobody
        assert "Дякуємо".encode() not in self.fetch(path + "?lang=uk&answered=1").body
        # an answer is posted, then the page is got again (a reload sends nothing twice)
        raw = self.fetch(path + "?lang=uk", method="POST", follow_redirects=False,
                         body=urllib.parse.urlencode([("_xsrf", token), ("answer", "no")]),
                         headers={"Cookie": cookie, "X-Kit-Client": "10.0.0.1"})
        assert raw.code == 303 and raw.headers["Location"] == f"{path}?lang=uk&answered=1"
        assert self.answer(w, rsvp) == "no"
        sent = self.send(path + "?lang=uk", [("answer", "maybe")], token, cookie)
        assert sent.code == 200 and "Дякуємо за відповідь".encode() in sent.body
        assert self.answer(w, rsvp) == "maybe"
        assert b'value="maybe" aria-pressed="true"' in sent.body
        changed = self.send(path + "?lang=da", [("answer", "yes")], token, cookie)
        assert b"Dit svar: Ja" in changed.body and self.answer(w, rsvp) == "yes"
        for bad in ("", "ja", "<script>", "yes\u202e"):
            refused = self.send(path + "?lang=da", [("answer", bad)], token, cookie)
            assert refused.code == 400 and b'class="error"' in refused.body
        assert self.answer(w, rsvp) == "yes"
        w.close()
        closed = self.fetch(path + "?lang=da").body.decode()
        assert "ikke længere svares" in closed and 'name="answer"' not in closed
        assert self.send(path, [("answer", "no")], token, cookie).code == 400
        assert self.answer(w, rsvp) == "yes"

    def test_a_post_without_our_forms_token_changes_nothing(self) -> None:
        w, rsvp = self.invited()
        path = f"/rsvp/{rsvp.token}?lang=uk"
        token, cookie = self.form(path)
        for forged in (self.fetch(path, method="POST", body="answer=yes"),
                       self.send(path, [("answer", "yes")], "2|00|00|00", cookie),
                       self.send(path, [("answer", "yes")], token, "")):
            assert forged.code == 403 and "Форма застаріла" in forged.body.decode()
        assert self.answer(w, rsvp) == ""

    def test_answers_are_limited_per_browser(self) -> None:
        from kit import _pages_app

        w, rsvp = self.invited()
        path = f"/rsvp/{rsvp.token}?lang=da"
        token, cookie = self.form(path)
        for n in range(_pages_app.SENDS_PER_BROWSER):  # changing one's mind is fine ...
            reply = ("yes", "maybe", "no")[n % 3] if n < _pages_app.SENDS_PER_BROWSER - 1 else "no"
            assert self.send(path, [("answer", reply)], token, cookie).code == 200
        self.grow("rsvp:10.0.0.1:" + cookie.split("=", 1)[1], _pages_app.SENDS_PER_BROWSER)
        held = self.send(path, [("answer", "yes")], token, cookie)  # ... a script is slowed
        assert held.code == 429 and b"mange svar herfra" in held.body
        assert self.answer(w, rsvp) == "no"

    def test_wrong_tokens_wait_and_read_as_wrong_codes(self) -> None:
        from kit.core.throttle import FREE_PER_ADDRESS, Throttle

        w, rsvp = self.invited()
        guesser = {"X-Kit-Client": "10.0.0.66"}
        wrong_code = self.fetch(f"/overview/{'Z' * 12}?lang=da", headers=guesser)
        for n in range(FREE_PER_ADDRESS - 1):
            wrong = self.fetch(f"/rsvp/{'Z' * 23}{CODES[n % len(CODES)]}?lang=da",
                               headers=guesser)
            # word for word what a wrong public code gets (only the address differs)
            assert wrong.code == 404 and wrong.body.replace(b"/rsvp/", b"/x/").replace(
                b"Z" * 23 + CODES[n % len(CODES)].encode(), b"C") == wrong_code.body.replace(
                b"/overview/", b"/x/").replace(b"Z" * 12, b"C")
        for _ in range(6):
            Throttle.for_server().failed("code:10.0.0.66")
        assert Throttle.for_server().wait("code:10.0.0.66") > 30
        held = self.fetch(f"/rsvp/{rsvp.token}", headers=guesser)  # even the right one
        assert held.code == 429 and int(held.headers["Retry-After"]) >= 1
        assert b"Syrisk" not in held.body and b"Velkommen" not in held.body
        assert self.fetch(f"/rsvp/{rsvp.token}",
                          headers={"X-Kit-Client": "10.0.0.7"}).code == 200
        assert self.answer(w, rsvp) == ""


def test_an_rsvp_token_never_reaches_a_log_line():
    """A token in the path is a key to someone's answer: the log keeps the route only, in any
    case (a wrong token typed in lower case too)."""
    from kit import _logs

    for token in ("UWJQM5P9FAR7Y2EMJAWTDBWG", "uwjq-m5p9-far7", "abc"):
        line = f'404 GET /w2/rsvp/{token}?lang=ar 1.2ms'
        assert token not in _logs.strip_queries(line)
        assert "/rsvp/…" in _logs.strip_queries(line)
