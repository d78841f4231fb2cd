"""The plain pages of the participant server (`kit.pages`, served by `kit._voila_app`): the
living overview and its poster, the standalone needs check; everything escaped, only open
workshops' join codes accepted, no kernel involved."""

from __future__ import annotations

import re
import urllib.parse
from html import escape as html_escape

import pytest
import tornado.testing
import tornado.web

import kit
from kit import pages
from kit.core import errors


@pytest.fixture
def room(store):
    w = store.create_workshop("Overblik", "Bakkeby <Kommune>")
    anna = w.join("Anna", "civilsamfund")
    w.prepare.add_actor("Røde Kors", "social forening", "civilsamfund", "rk@example.org")
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


def test_only_open_workshops_join_codes_are_accepted(room, store):
    assert pages.workshop_for(store, room.code.lower()).id == room.id
    for wrong in (room.id, "ABC", "<script>", "IIIIII"):
        with pytest.raises(errors.UnknownWorkshop):
            pages.workshop_for(store, wrong)
    room.close()
    with pytest.raises(errors.UnknownWorkshop):
        pages.workshop_for(store, room.code)


class _Served(tornado.testing.AsyncHTTPTestCase):
    """The handlers as the participant server mounts them, on a private store."""

    def get_app(self) -> tornado.web.Application:
        from kit._voila_app import _Needs, _Overview, _Page

        self.store = kit.open_store("sqlite://")
        _Page._store = self.store
        return tornado.web.Application([(r"/overview/([A-Za-z0-9-]{1,12})", _Overview),
                                        (r"/needs/([A-Za-z0-9-]{1,12})", _Needs)],
                                       xsrf_cookies=True)

    def tearDown(self) -> None:
        from kit._voila_app import _Page

        _Page._store = None
        super().tearDown()


class TestServed(_Served):
    def test_overview_and_needs_pages(self) -> None:
        w = self.store.create_workshop("Overblik", "Aarhus")
        page = self.fetch(f"/overview/{w.code}?lang=uk")
        assert page.code == 200 and "default-src 'none'" in page.headers[
            "Content-Security-Policy"]
        assert self.fetch(f"/overview/{w.id[:12]}").code == 404
        assert self.fetch("/overview/ZZZZZZ").code == 404
        assert self.fetch(f"/overview/{w.code}?poster=1").body.count(b"<h1") == 4

        form = self.fetch(f"/needs/{w.code}?lang=ar")
        assert form.code == 200 and b'dir="rtl"' in form.body
        token = re.search(rb'name="_xsrf" value="([^"]+)"', form.body).group(1).decode()
        cookie = form.headers["Set-Cookie"].split(";")[0]
        body = urllib.parse.urlencode([("_xsrf", token), ("sværest", "bolig"),
                                       ("mangler", "sundhed"), ("mangler_text", "<b>læge</b>")])
        sent = self.fetch(f"/needs/{w.code}?lang=ar", method="POST", body=body,
                          headers={"Cookie": cookie})
        assert sent.code == 200 and "شكرًا".encode() in sent.body
        texts = w.needs.texts()
        assert [(a.text, a.language) for a in texts] == [("<b>læge</b>", "ar")]
        empty = self.fetch(f"/needs/{w.code}", method="POST",
                           body=urllib.parse.urlencode([("_xsrf", token)]),
                           headers={"Cookie": cookie})
        assert "Vælg mindst ét område".encode() in empty.body
        forged = self.fetch(f"/needs/{w.code}", method="POST", body="sværest=bolig")
        assert forged.code == 403  # no form of ours: refused
        assert len({a.response for a in w.needs.answers()}) == 1


def test_weeks_read_as_before_around_and_after_arrival():
    from kit.steps.timeline.model import Card

    def card(a, b):
        return Card("c", "x", "y", "kommune", "bolig", a, b)

    assert pages.weeks_text(card(-8, -2), "en") == "From 8 to 2 weeks before arrival"
    assert pages.weeks_text(card(-3, 2), "en") == "From 3 weeks before arrival to week 2 after"
    assert pages.weeks_text(card(4, 26), "en") == "From week 4 after arrival onwards"
    assert pages.weeks_text(card(0, 12), "en") == "Weeks 0 to 12 after arrival"
