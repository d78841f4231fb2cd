"""Identity survives waits (issue 31, item 3), in real Chromium against a real `kit serve`: a
phone that reloads while its address has to wait keeps its remembered personal code and
rejoins by itself after the wait; a personal link is remembered in the browser too; the busy
pages a phone may get instead (screenshots at 360×740).
"""

from __future__ import annotations

import pytest

import kit
from kit import serve
from kit.core import throttle
from kit.core.throttle import Throttle
from kit.i18n import t
from kit.ui.participant import REMEMBER_KEY

LOAD_MS = 120_000
PHONE = {"width": 360, "height": 740}
CAP = 8  # pages per address; each test's phones come from a forwarded address of their own
ROOM_ADDRESS = "198.51.100.10"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("waits")
    url = f"sqlite:///{tmp / 'kit.sqlite'}"
    kit.open_store(url)
    port, fport = serve.free_port(), serve.free_port()
    public = f"http://127.0.0.1:{port}/"
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url, public, 0.3, 600,
                        preheat=0, log_dir=tmp, max_kernels=40, max_pages_per_address=CAP,
                        join_idle_after=600, trusted_proxies="127.0.0.1")
    yield {"url": url, "public": public, "run": serve._RUN_DIRS[procs[0].pid]}
    serve.stop(procs)


def _phone(browser, forwarded: str):
    """A phone-sized browser behind the trusted proxy, which says it is `forwarded`."""
    return browser.new_context(viewport=PHONE,
                               extra_http_headers={"X-Forwarded-For": forwarded})


def _join(browser, public: str, code: str, name: str, lang: str):
    context = _phone(browser, ROOM_ADDRESS)
    page = context.new_page()
    page.set_default_timeout(LOAD_MS)
    page.goto(f"{public}?code={code}&lang={lang}")
    page.get_by_placeholder(t("participant.name_placeholder", lang)).fill(name)
    page.get_by_role("button", name=t("sector.kommune", lang)).click()
    page.get_by_role("button", name=t("participant.join", lang), exact=True).click()
    page.get_by_text(t("participant.welcome", lang, name=name)).wait_for()
    return context, page


def _stored(page) -> str:
    return page.evaluate(f"() => window.localStorage.getItem({REMEMBER_KEY!r}) || ''")


def test_a_reload_during_a_wait_keeps_the_identity(browser, room, shots):
    store = kit.open_store(room["url"])
    w = store.create_workshop("Ventetid", "Aarhus")
    phones = {lang: _join(browser, room["public"], w.code, name, lang)
              for lang, name in (("da", "Anna"), ("uk", "Олена"), ("ar", "مريم"))}
    remembered = {lang: _stored(page) for lang, (_, page) in phones.items()}
    assert all(v.startswith(w.code + ":") for v in remembered.values())
    # The address has typed far more wrong codes than a room does: it must wait ~half a
    # minute (the throttle file every kernel of this server shares).
    shared = Throttle(room["run"] / "throttle.sqlite")
    for _ in range(throttle.FREE_PER_ROOM + 5):
        shared.failed(f"code:{ROOM_ADDRESS}")
    for lang, (_, page) in phones.items():
        page.reload()
        waiting = t("participant.rejoin_wait", lang, seconds=999).split("999")[0]
        page.get_by_text(waiting).wait_for()
        assert _stored(page) == remembered[lang]  # kept through the wait
        page.screenshot(path=str(shots / f"phone-wait-{lang}.png"))
    for lang, (_, page) in phones.items():
        name = next(p.name for p in w.participants()
                    if remembered[lang].endswith(p.rejoin_code))
        # after the wait the page rejoins by itself: same person, no second participant
        page.get_by_text(t("participant.welcome", lang, name=name)).wait_for(timeout=120_000)
        assert _stored(page) == remembered[lang]
    assert len(w.participants()) == 3
    phones["ar"][1].screenshot(path=str(shots / "phone-after-wait-ar.png"))
    for context, _ in phones.values():
        context.close()


def test_a_personal_link_is_remembered_in_the_browser(browser, room):
    store = kit.open_store(room["url"])
    w = store.create_workshop("Link", "Aarhus")
    anna = w.join("Anna", "kommune")
    context = _phone(browser, "198.51.100.20")
    page = context.new_page()
    page.set_default_timeout(LOAD_MS)
    page.goto(f"{room['public']}?code={w.code}&me={anna.rejoin_code}")
    page.get_by_text(t("participant.welcome", "da", name="Anna")).wait_for()
    page.wait_for_function(f"() => window.localStorage.getItem({REMEMBER_KEY!r}) === "
                           f"{w.code + ':' + anna.rejoin_code!r}")
    page.goto(f"{room['public']}?code={w.code}")  # the board's link, no personal code
    page.get_by_text(t("participant.welcome", "da", name="Anna")).wait_for()
    assert len(w.participants()) == 1
    context.close()


def test_the_busy_pages_a_phone_may_get(browser, room, shots):
    """One page more than the cap from one forwarded address gets the address page: the
    same text in every participant language, Arabic right to left."""
    context = _phone(browser, "198.51.100.200")
    page = context.new_page()
    page.set_default_timeout(LOAD_MS)
    for _ in range(CAP):
        response = page.goto(f"{room['public']}voila/render/participant.ipynb")
        assert response is not None and response.status == 200
    response = page.goto(f"{room['public']}voila/render/participant.ipynb")
    assert response is not None and response.status == 503
    for lang in ("da", "uk", "ar"):
        page.get_by_text(t("participant.busy_address", lang)).wait_for()
    assert page.locator("p[lang=ar]").get_attribute("dir") == "rtl"
    page.screenshot(path=str(shots / "phone-busy-address.png"))
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.screenshot(path=str(shots / "phone-busy-address-scrolled.png"))
    context.close()
