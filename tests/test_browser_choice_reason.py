"""Issue 30 in Chromium: the facilitator writes why the chosen themes are not the vote's first
ones in the console's vote panel (one text box beside the choice), and the report says it.
A screenshot of the panel at 1440×900 goes to the folder the `shots` fixture prints."""

from __future__ import annotations

import time

import pytest

import kit
from kit.i18n import t

from helpers import SAMPLE

pytestmark = pytest.mark.browser

LOAD_MS = 60_000
FOLLOW_MS = 15_000


def test_the_reason_typed_beside_the_choice_is_saved_with_it(browser, server, shots):
    from kit.reports.workshop import report_blocks

    store = kit.open_store(server["url"])
    w = kit.import_workshop(SAMPLE, store)
    w.set_phase("voting")
    fac = browser.new_page(viewport={"width": 1440, "height": 900})
    fac.set_default_timeout(LOAD_MS)
    fac.goto(f"{server['facilitator']}?code={w.code}")
    box = fac.get_by_placeholder(t("vote.choice_reason", "da"))
    box.wait_for()
    box.scroll_into_view_if_needed()
    reason = "Job og praktik har allerede et forløb i jobcentret"
    box.fill(reason)
    fac.screenshot(path=str(shots / "console-voting-choice-reason-1440x900.png"))
    # the choice is saved beside its ticks ("Gem valget"; the one large button would also
    # move the workshop on to the groups)
    fac.get_by_role("button", name=t("console.save_choice", "da")).click()
    deadline = time.monotonic() + FOLLOW_MS / 1000  # until the store has it (the kernel saves)
    while w.voting.choice_reason() != reason and time.monotonic() < deadline:
        time.sleep(0.1)
    assert w.voting.choice_reason() == reason
    # the chosen themes are as the sample had them, and the box still shows the reason
    assert {th.label for th in w.ideas.themes() if th.chosen} == {
        "Bolig og indflytning", "Sprog og sprogvenner", "Koordinering og overblik"}
    assert box.input_value() == reason
    summary = " ".join(b.text for b in report_blocks(w, "da")[:20])
    assert f"Begrundelse for valget: {reason}." in summary
    fac.close()
