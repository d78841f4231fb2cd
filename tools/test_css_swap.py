"""The pages as the gathered stylesheet draws them (kit/ui/kit.css, then each step's
style.css) against another stylesheet, swapped in place in the same page (same data, same
ports, same QR code): every drawn element's computed style and the pixels must be the same.
Phones at 360×740 in Danish and Arabic, the board at 1920×1080 and the console at 1440×900,
in every step of the sample workshop.

Not part of the suite (it lives in tools/, where pytest does not look): after a merge,

    .venv/bin/python -c "from kit.ui.parts import CSS; print(CSS, end='')" > /tmp/old.css
    .venv/bin/python tools/split_by_step.py
    cp tools/test_css_swap.py tests/ && KIT_OLD_CSS=/tmp/old.css \
        .venv/bin/python -m pytest tests/test_css_swap.py -q -p no:cacheprovider; \
        rm tests/test_css_swap.py

Screenshots (`<page>-<step>-new.png`, `-old.png`, `-new2.png`) and results.json go to
`KIT_COMPARE_DIR`. The verdict compares `old` with `new2`, both taken once the page has
settled; the first shot may still differ where the page was moving (the board's pager
turning a page, a dropdown's first paint), which is why it is taken twice. Chromium also
repaints the phone's native language <select> a sub-pixel differently now and then (seen in
about one phone shot in ten, with every computed style the same): a difference inside that
box alone is not the stylesheet's.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

import kit
from kit.i18n import t

from helpers import SAMPLE

pytestmark = pytest.mark.browser
OLD = Path(os.environ["KIT_OLD_CSS"]).read_text("utf-8")
OUT = Path(os.environ.get("KIT_COMPARE_DIR", "/tmp/kit-css-swap"))
STEPS = tuple(kit.steps.names())
WAIT = 60_000

SWAP = """(css) => {
  const mine = [...document.querySelectorAll('style')].filter(
      s => s.textContent.includes("--kit-ink:"));
  if (!window.__kitNew) window.__kitNew = mine[0].textContent;
  for (const s of mine) s.textContent = css === null ? window.__kitNew : css;
  return mine.length;
}"""
STYLES = """(keep) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.getClientRects().length) { out.push([el.tagName, 'not drawn']); continue; }
    const cs = getComputedStyle(el);
    let s = '';
    for (let i = 0; i < cs.length; i++) s += cs[i] + ':' + cs.getPropertyValue(cs[i]) + ';';
    for (const p of ['::before', '::after']) { const c = getComputedStyle(el, p);
      s += p + c.content + c.display + c.color; }
    out.push([el.tagName + '.' + [...el.classList].join('.'), s]);
  }
  if (keep) { window.__kitStyles = out; return out.length; }
  const was = window.__kitStyles, differ = [];
  out.forEach((x, i) => { if (!was[i] || was[i][1] !== x[1]) differ.push([x[0], i]); });
  return {count: out.length, before: was.length, differ};
}"""


@pytest.fixture(scope="module")
def room(server):
    store = kit.open_store(server["url"])
    workshop = kit.import_workshop(SAMPLE, store)
    people = {lang: workshop.join(f"Test {lang}", "flygtning", language=lang)
              for lang in ("da", "ar")}
    return workshop, people


def compare(page, shoot, name: str) -> list[str]:
    page.wait_for_timeout(1500)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    problems = []
    n = page.evaluate(SWAP, None)
    assert n >= 1, name
    shoot(OUT / f"{name}-new.png")
    count = page.evaluate(STYLES, True)
    page.evaluate(SWAP, OLD)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    shoot(OUT / f"{name}-old.png")
    old_styles = page.evaluate(STYLES, False)
    page.evaluate(SWAP, None)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    shoot(OUT / f"{name}-new2.png")
    a, b, c = (Image.open(OUT / f"{name}-{x}.png").convert("RGB") for x in ("new", "old", "new2"))
    stable = a.size == c.size and ImageChops.difference(a, c).getbbox() is None
    same = b.size == c.size and ImageChops.difference(b, c).getbbox() is None
    differing = old_styles["differ"]
    if old_styles["count"] != count:
        problems.append(f"{name}: element count {count} vs {old_styles['count']}")
    if differing:
        problems.append(f"{name}: computed styles differ on {len(differing)}: {differing[:5]}")
    if not same:
        box = None if b.size != c.size else ImageChops.difference(b, c).getbbox()
        problems.append(f"{name}: pixels differ {b.size} {c.size} {box} (a page turn of "
                        f"the board's pager, or the style?)")
    RESULTS.append({"page": name, "pixels_identical": same, "first_shot_same": stable,
                    "elements": count, "styles_differ": len(differing)})
    return problems


RESULTS: list[dict] = []


@pytest.mark.timeout(3000)
def test_gathered_css_draws_as_the_old_kit_css(browser, server, room):
    OUT.mkdir(parents=True, exist_ok=True)
    workshop, people = room
    problems: list[str] = []
    pages = {}
    for lang in ("da", "ar"):
        p = browser.new_page(viewport={"width": 360, "height": 740})
        p.set_default_timeout(WAIT)
        p.goto(f"{server['public']}?code={workshop.code}&me={people[lang].rejoin_code}"
               f"&lang={lang}")
        pages[f"phone-{lang}"] = p
    board = browser.new_page(viewport={"width": 1920, "height": 1080})
    board.set_default_timeout(WAIT)
    board.goto(f"{server['public']}voila/render/board.ipynb?code={workshop.code}")
    pages["board"] = board
    console = browser.new_page(viewport={"width": 1440, "height": 900})
    console.set_default_timeout(WAIT)
    console.goto(f"{server['facilitator']}?code={workshop.code}")
    pages["console"] = console
    for step in STEPS:
        workshop.set_phase(step)
        if step == "voting":
            workshop.voting.open_voting()
        for name, page in pages.items():
            lang = "ar" if name.endswith("ar") else "da"
            page.wait_for_function("(s) => document.body.innerText.includes(s)",
                                   arg=t(f"phase.{step}", lang), timeout=WAIT)
            if name.startswith(("phone", "board")):
                page.locator(f".kit-step-{step}").first.wait_for(state="attached")
                if name.startswith("phone"):
                    def shoot(path, page=page):
                        page.locator(".kit-phone").first.screenshot(path=str(path))
                else:
                    def shoot(path, page=page):
                        page.screenshot(path=str(path))
            else:
                page.wait_for_function("(s) => document.body.innerText.includes(s)",
                                       arg=t(f"guidance.{step}", "da").split("\n")[0].strip("*"),
                                       timeout=WAIT)

                def shoot(path, page=page):
                    page.screenshot(path=str(path), full_page=True)
            problems += compare(page, shoot, f"{name}-{step}")
        (OUT / "results.json").write_text(json.dumps(RESULTS, indent=1))
        (OUT / "problems.json").write_text(json.dumps(problems, indent=1))
    # the vote revealed (its rankings on the board and the phones), then the board's focus
    workshop.set_phase("voting")
    workshop.voting.close_voting()
    workshop.voting.reveal()
    board.locator(".kit-vote-row").first.wait_for(state="attached")
    problems += compare(board, lambda path: board.screenshot(path=str(path)),
                        "board-voting-revealed")
    problems += compare(console, lambda path: console.screenshot(path=str(path),
                                                                 full_page=True),
                        "console-voting-revealed")
    for lang in ("da", "ar"):
        phone = pages[f"phone-{lang}"]
        problems += compare(phone, lambda path, phone=phone: phone.locator(
            ".kit-phone").first.screenshot(path=str(path)), f"phone-{lang}-voting-revealed")
    workshop.set_board_focus("results")
    board.locator(".kit-focus .kit-vote-row").first.wait_for(state="attached")
    problems += compare(board, lambda path: board.screenshot(path=str(path)),
                        "board-focus-results")
    workshop.set_board_focus("")
    (OUT / "results.json").write_text(json.dumps(RESULTS, indent=1))
    (OUT / "problems.json").write_text(json.dumps(problems, indent=1))
    assert problems == []
