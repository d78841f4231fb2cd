"""A venue with no internet: every request to a host other than this machine is blocked in
Chromium, and the phone, the board and the facilitator app must still load and work with not
one failed request (issue 19, item 1: the Font Awesome CDN of Voilà's stock template is gone).
"""

from __future__ import annotations

import urllib.parse

import pytest

import kit

pytestmark = pytest.mark.browser

WAIT_MS = 60_000
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _offline(page) -> tuple[list[str], list[str]]:
    """Abort every non-loopback request; return (blocked, failed) lists that fill as it runs."""
    blocked: list[str] = []
    failed: list[str] = []

    def route(r) -> None:
        url = r.request.url
        host = urllib.parse.urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOOPBACK:
            r.continue_()
        else:
            blocked.append(url)
            r.abort("internetdisconnected")

    page.route("**/*", route)
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    return blocked, failed


def test_phone_board_and_facilitator_load_with_the_internet_blocked(browser, server):
    store = kit.open_store(server["url"])
    workshop = store.create_workshop("Uden internet", "Bakkeby")
    workshop.join("Bo", "kommune")
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    try:
        phone = context.new_page()
        blocked, failed = _offline(phone)
        phone.goto(f"{server['public']}?code={workshop.code}&lang=en")
        phone.get_by_text("Join").first.wait_for()
        phone.locator(".kit-phone input[type=text]").nth(1).fill("Anna")
        phone.get_by_text("Municipality").first.click()
        phone.get_by_role("button", name="Join").click()
        phone.get_by_text("Anna").first.wait_for()

        board = context.new_page()
        b_blocked, b_failed = _offline(board)
        board.goto(f"{server['public']}voila/render/board.ipynb?code={workshop.code}")
        board.get_by_text(workshop.code).first.wait_for()

        fac = context.new_page()
        f_blocked, f_failed = _offline(fac)
        fac.goto(f"{server['facilitator']}?code={workshop.code}&tools=open")
        fac.get_by_text("Bo", exact=True).first.wait_for()  # the participant list
        phone.wait_for_timeout(1500)  # late requests (fonts, icons) have had their chance

        assert blocked + b_blocked + f_blocked == []
        assert failed + b_failed + f_failed == []
    finally:
        context.close()
