"""The live screens as the room sees them, measured in Chromium in every step of the sample
workshop: the projector board at 1920×1080 and 1280×720 (text large enough for the back row,
no scrolling) and phones at 360×740 in Danish, English, Ukrainian and Arabic (nothing wider
than the screen, no clipped labels, thumb-sized targets, inputs that do not make iOS zoom).

Screenshots of every step go to a folder this test prints (`KIT_SCREENS_DIR` to choose it),
with the measurements beside them in `metrics.json`: look at them as a participant and as
someone at the back of the room.
"""

from __future__ import annotations

import json

import pytest

import kit
from kit.i18n import t

from helpers import SAMPLE

pytestmark = pytest.mark.browser

STEPS = tuple(kit.steps.names())  # every step in the registry, so a new step is measured too
BOARD_SIZES = ((1920, 1080), (1280, 720))
PHONE = {"width": 360, "height": 740}
LANGUAGES = ("da", "en", "uk", "ar")
WAIT_MS = 60_000
BODY_PX_AT_1080 = 24   # the smallest text the back row must read on a 1080p projector
TARGET_PX = 44         # the smallest touch target (Apple and WCAG 2.5.5)
INPUT_PX = 16          # below this iOS zooms into a focused input

# Text sizes of every visible text node, and how far the page (or any scrolling box in it)
# would have to scroll.
BOARD_JS = """() => {
  const sizes = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, el = node.parentElement;
    if (!el || !node.textContent.trim()) continue;
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (!r.width || !r.height || cs.visibility === 'hidden' || el.closest('style,script'))
      continue;
    sizes.push([parseFloat(cs.fontSize), node.textContent.trim().slice(0, 40)]);
  }
  let scroll = document.scrollingElement.scrollHeight - innerHeight;
  for (const el of document.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (/(auto|scroll)/.test(cs.overflowY) && el.clientHeight > 0)
      scroll = Math.max(scroll, el.scrollHeight - el.clientHeight);
  }
  return {sizes, scroll,
          sideways: document.scrollingElement.scrollWidth - innerWidth};
}"""

# What a thumb meets: sideways overflow, labels cut off, small targets, small input text.
PHONE_JS = """([target, inputPx]) => {
  const visible = (el) => {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden';
  };
  const name = (el) => (el.innerText || el.value || el.placeholder || el.className || '')
    .toString().trim().slice(0, 40);
  const out = {sideways: document.scrollingElement.scrollWidth - innerWidth,
               wide: [], clipped: [], small: [], small_text: []};
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || el.closest('style,script')) continue;
    const r = el.getBoundingClientRect();
    if (r.right > innerWidth + 1 || r.left < -1) out.wide.push(name(el));
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const cs = getComputedStyle(el);
    if (own && cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
      out.clipped.push(name(el));
  }
  const controls = 'button, input, select, textarea, [role=button], [role=radio], [role=slider]';
  for (const el of document.querySelectorAll(controls)) {
    if (!visible(el) || el.disabled || el.type === 'hidden') continue;
    // a box or round button inside its label is tapped through the label
    const tapped = /^(checkbox|radio)$/.test(el.type) && el.closest('label') || el;
    const r = tapped.getBoundingClientRect();
    if (r.height < target - 0.5 || r.width < target - 0.5)
      out.small.push([name(el), Math.round(r.width), Math.round(r.height)]);
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && !/^(checkbox|radio)$/.test(el.type) &&
        parseFloat(getComputedStyle(el).fontSize) < inputPx)
      out.small_text.push(name(el));
  }
  return out;
}"""



@pytest.fixture(scope="module")
def room(server):
    """The sample workshop on the server, with one phone participant per language."""
    store = kit.open_store(server["url"])
    workshop = kit.import_workshop(SAMPLE, store)
    sectors = ("kommune", "civilsamfund", "flygtning", "flygtning")
    people = {lang: workshop.join(f"Test {lang}", sector, language=lang)
              for lang, sector in zip(LANGUAGES, sectors, strict=True)}
    return workshop, people


def outside(page, server) -> list[str]:
    """Start recording what the page asks for from anywhere but our server."""
    ours = server["public"].rstrip("/")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url)
            if not r.url.startswith((ours, "data:", "blob:")) else None)
    return asked


def go_to(workshop, step: str) -> None:
    workshop.set_phase(step)
    if step == "voting":
        workshop.voting.open_voting()


def wait_for_step(page, step: str, language: str) -> None:
    page.wait_for_function("(s) => document.body.innerText.includes(s)",
                           arg=t(f"phase.{step}", language), timeout=WAIT_MS)
    # the phone names the step once its screen is drawn, the board as it lays it out
    page.locator(f".kit-step-{step}").first.wait_for(state="attached", timeout=WAIT_MS)


def test_the_board_reads_from_the_back_row_without_scrolling(browser, server, room, shots):
    workshop, _ = room
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.set_default_timeout(WAIT_MS)
    elsewhere = outside(page, server)
    page.goto(f"{server['public']}voila/render/board.ipynb?code={workshop.code}")
    problems, metrics = [], {}
    for step in STEPS:
        go_to(workshop, step)
        for width, height in BOARD_SIZES:
            page.set_viewport_size({"width": width, "height": height})
            wait_for_step(page, step, "da")
            page.screenshot(path=str(shots / f"board-{step}-{width}x{height}.png"))
            m = page.evaluate(BOARD_JS)
            sizes = sorted(size for size, _ in m["sizes"])
            p10 = sizes[len(sizes) // 10] if sizes else 0
            floor = BODY_PX_AT_1080 * height / 1080
            metrics[f"{step}-{height}"] = {"p10_px": p10, "scroll": m["scroll"],
                                           "sideways": m["sideways"],
                                           "smallest": sorted(m["sizes"])[:5]}
            if p10 < floor - 0.5:
                problems.append(f"{step} {height}p: 10 % of the text is under {p10} px "
                                f"(wanted ≥ {floor:.0f}): {sorted(m['sizes'])[:3]}")
            if m["scroll"] > 2 or m["sideways"] > 2:
                problems.append(f"{step} {height}p: scrolls {m['scroll']} px down, "
                                f"{m['sideways']} px sideways")
    (shots / "board-metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False))
    page.close()
    assert problems == []
    assert elsewhere == []   # nothing a page needs comes from outside our server


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_fits_a_thumb_in_every_step(browser, server, room, shots, language):
    workshop, people = room
    me = people[language]
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    elsewhere = outside(page, server)
    page.goto(f"{server['public']}?code={workshop.code}&me={me.rejoin_code}&lang={language}")
    problems, metrics = [], {}
    for step in STEPS:
        go_to(workshop, step)
        wait_for_step(page, step, language)
        # The page scrolls inside Voilà's container, so the whole phone app is shot as an
        # element (a full-page shot would stop at the viewport).
        shot = shots / f"phone-{language}-{step}.png"
        page.locator(".kit-phone").first.screenshot(path=str(shot))
        m = page.evaluate(PHONE_JS, [TARGET_PX, INPUT_PX])
        metrics[step] = m
        if m["sideways"] > 0 or m["wide"]:
            problems.append(f"{step}: wider than the screen by {m['sideways']} px: "
                            f"{m['wide'][:3]}")
        if m["clipped"]:
            problems.append(f"{step}: clipped {m['clipped'][:3]}")
        if m["small"]:
            problems.append(f"{step}: targets under {TARGET_PX} px {m['small'][:3]}")
        if m["small_text"]:
            problems.append(f"{step}: input text under {INPUT_PX} px {m['small_text'][:3]}")
    (shots / f"phone-{language}-metrics.json").write_text(
        json.dumps(metrics, indent=1, ensure_ascii=False))
    page.close()
    assert problems == []
    assert elsewhere == []
