"""Mixed-direction text renders in the right order in Chromium (issue 17): Arabic names and
notes with Latin words on the left-to-right board and facilitator app, Danish labels on an
Arabic phone. The markup is the kit's own (its views and stylesheet); the order is read from
where Chromium actually draws each run (bounding boxes), not from the markup."""

from __future__ import annotations

import pytest

from kit.model import Phase
from kit.steps.groups.facilitator import proposal_html
from kit.steps.groups.views import my_group_html
from kit.steps.ideas.views import ideas_html
from kit.ui.areas import title_html
from kit.ui.board import sector_chips
from kit.ui.parts import CSS

pytestmark = pytest.mark.browser

NOTE = "لا نفهم الرسائل من البلدية في e-Boks."
NAME = "فاطمة أحمد"

BOX = """([id, text, near]) => {
  let root = document.getElementById(id);
  if (near) {  // only the list item or paragraph that holds `near`
    const all = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = all.nextNode(); node; node = all.nextNode()) {
      if (node.data.includes(near)) { root = node.parentElement.closest("li, p, h3"); break; }
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const rects = [...range.getClientRects()];
    return [Math.min(...rects.map(r => r.left)), Math.max(...rects.map(r => r.right))];
  }
  return null;
}"""


def page_of(sections: dict[str, tuple[str, str]]) -> str:
    """One page: each section a kit app in its direction ("" or "kit-rtl")."""
    body = "".join(f'<div id="{key}" class="kit-app {css}" style="max-width:none">{html}</div>'
                   for key, (css, html) in sections.items())
    return f'<!doctype html><html><head><meta charset="utf-8"><style>{CSS}</style></head>' \
           f'<body style="width:1200px">{body}</body></html>'


def test_mixed_direction_text_keeps_its_order(store, browser):
    w = store.create_workshop("Blandet", "Bakkeby")
    fatima = w.join(NAME, "flygtning")
    anna = w.join("Anna", "kommune")
    w.set_phase(Phase.IDEAS)
    w.add_idea(fatima, NOTE)
    job = w.add_theme("Job og praktik")
    w.ideas.select_theme(job.id)
    w.voting.choose_themes([job.id])
    w.set_phase(Phase.GROUPS)
    w.groups.set_preferences(fatima, {job.id: 1})
    w.groups.set_preferences(anna, {job.id: 1})
    w.groups.form_groups(time_limit=5)
    w.groups.confirm_groups()
    group = w.groups()[0]
    w.groups.update_group(group.id, name="Jobgruppen (Nord)")
    people = {p.id: p for p in w.participants()}
    html = page_of({
        "board-wall": ("kit-board", ideas_html(w.ideas(), "da")),
        "board-chips": ("kit-board", sector_chips([(NAME, fatima.sector), ("Anna", anna.sector)])),
        "facilitator": ("", proposal_html(w, w.state(), "da")),
        "phone-vote": ("kit-rtl", title_html("Job og praktik", job.area, "ar")),
        "phone-label": ("kit-rtl", title_html("Hjælp til MitID (bank)", "praktisk", "ar")),
        "phone-group": ("kit-rtl", my_group_html(w.groups.group(group.id), people, True, "ar")),
    })
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.set_content(html)
        import os
        if os.environ.get("KIT_BIDI_SHOT"):
            page.screenshot(path=os.environ["KIT_BIDI_SHOT"], full_page=True)

        def box(section, text, near=""):
            found = page.evaluate(BOX, [section, text, near])
            assert found is not None, (section, text)
            return found

        # the Arabic note on the left-to-right board runs right to left as a whole: its
        # Latin word and full stop at its left end, its first Arabic words at the right
        assert box("board-wall", "e-Boks")[1] < box("board-wall", "لا نفهم")[0]
        # the facilitator's list: the name, then " – 1. ønske" after it, in that order
        # (unisolated it read "1 – فاطمة أحمد. ønske")
        name = box("facilitator", NAME)
        rank, wish = box("facilitator", "1.", NAME), box("facilitator", "ønske", NAME)
        assert name[1] <= rank[0] < wish[0]
        # the Arabic phone: a Danish label reads left to right, after the area (on its right)
        vote_job, vote_praktik = box("phone-vote", "Job"), box("phone-vote", "praktik")
        assert vote_job[1] < vote_praktik[0]
        assert box("phone-vote", "العمل")[0] > vote_praktik[1]
        # ... its closing parenthesis too (the page's right-to-left is not forced on it)
        assert box("phone-label", "bank")[1] <= box("phone-label", ")")[0] + 0.5
        # the Arabic sentence with a Danish group name: the name's parenthesis stays its own
        assert box("phone-group", "Jobgruppen")[1] < box("phone-group", "(Nord)")[0]
        assert box("phone-group", "Jobgruppen")[1] < box("phone-group", "مجموعة عملك")[0]
    finally:
        page.close()
