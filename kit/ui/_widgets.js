// Front-end halves of kit's tiny widgets. Plain ES module, no build step.

function rememberRender({ model, el }) {
  // Keeps the participant's personal code in this browser, so a reload rejoins them.
  const key = model.get("key");
  let stored = "";
  try { stored = window.localStorage.getItem(key) || ""; } catch (e) { stored = ""; }
  model.set("value", stored);
  model.set("loaded", true);
  model.save_changes();
  const write = () => {
    try {
      const v = model.get("value");
      if (v) { window.localStorage.setItem(key, v); } else { window.localStorage.removeItem(key); }
    } catch (e) { /* private mode: the personal code on screen still works */ }
  };
  model.on("change:value", write);
  el.style.display = "none";
  return () => model.off("change:value", write);
}

function countdownRender({ model, el }) {
  // Counts down in the browser from the seconds the kernel sent; the kernel only resends on
  // change, so hundreds of phones do not cost a message a second each.
  el.classList.add("kit-countdown");
  // The words and the digits are two runs: a narrow phone may wrap the words, never the
  // digits, and "04:51" reads left to right inside an Arabic line.
  const words = document.createElement("span");
  words.className = "kit-countdown-label";
  const digits = document.createElement("span");
  digits.className = "kit-countdown-time";
  digits.dir = "ltr";
  el.replaceChildren(words, document.createTextNode(" "), digits);
  let end = null;
  const reset = () => {
    const left = model.get("seconds_left");
    end = left >= 0 ? Date.now() + left * 1000 : null;
    tick();
  };
  const tick = () => {
    if (end === null) {
      words.textContent = digits.textContent = "";
      el.style.display = "none";
      return;
    }
    const s = Math.max(0, Math.round((end - Date.now()) / 1000));
    const mm = String(Math.floor(s / 60)).padStart(2, "0");
    const ss = String(s % 60).padStart(2, "0");
    el.style.display = "";
    words.textContent = model.get("label");
    digits.textContent = `${mm}:${ss}`;
    el.classList.toggle("kit-countdown-done", s === 0);
  };
  model.on("change:seconds_left", reset);
  model.on("change:stamp", reset);
  model.on("change:label", tick);
  const timer = setInterval(tick, 500);
  reset();
  return () => { clearInterval(timer); };
}

function pagerRender({ model, el }) {
  // The board never scrolls: a list marked .kit-pages inside the surrounding .kit-stage is
  // cut into pages that fit the screen, shown one after another every few seconds, with
  // "2 / 3" in the corner. Measured here, in the browser, because only it knows how tall a
  // note or a theme is on this projector; the kernel sends the whole list once.
  el.classList.add("kit-pager");
  let page = 0;
  let pages = 1;
  let busy = false;
  const stage = () => el.closest(".kit-board")?.querySelector(".kit-stage");
  const layout = () => {
    const box = stage();
    if (!box || busy) return;
    busy = true;
    pages = 1;
    // the "2 / 3" badge sits over the stage's lower right corner: a page ends above it, so
    // no last line is hidden under it (kit.css gives the badge its height even when empty)
    const bottom = Math.min(box.getBoundingClientRect().bottom,
                            el.getBoundingClientRect().top - 4);
    for (const list of box.querySelectorAll(".kit-pages")) {
      const items = [...list.children];
      items.forEach((it) => { it.style.display = ""; });
      const room = bottom - list.getBoundingClientRect().top - 8;
      let n = 0;
      let top = null;
      let prev = null;
      for (const it of items) {
        const r = it.getBoundingClientRect();
        if (top === null) top = r.top;
        if (r.bottom - top > room && r.top > top) {
          n += 1;
          top = r.top;
          // A heading never ends a page: it moves to the page its items start on.
          if (prev && prev.matches("h1, h2, h3, h4, .kit-page-head")) {
            prev.dataset.page = n;
            top = prev.getBoundingClientRect().top;
          }
        }
        it.dataset.page = n;
        prev = it;
      }
      list.dataset.pages = n + 1;
      pages = Math.max(pages, n + 1);
    }
    if (page >= pages) page = 0;
    // a list with fewer pages than the longest goes round again rather than stand empty
    for (const list of box.querySelectorAll(".kit-pages[data-pages]")) {
      const shown = page % Number(list.dataset.pages);
      for (const it of list.querySelectorAll(":scope > [data-page]")) {
        it.style.display = Number(it.dataset.page) === shown ? "" : "none";
      }
    }
    el.textContent = pages > 1 ? `${page + 1} / ${pages}` : "";
    el.style.visibility = pages > 1 ? "visible" : "hidden";
    busy = false;
  };
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; layout(); });
  };
  let watchLists = () => {};
  const watcher = new MutationObserver((changes) => {
    if (changes.some((c) => !el.contains(c.target))) { watchLists(); soon(); }
  });
  // A list also grows with no change to the page's elements (a font arriving, a busy
  // browser laying out late): it is laid out again whenever its own size changes. Laying out
  // changes it once more, to the same pages, and there it rests.
  const sizes = new ResizeObserver(soon);
  const watched = new Set();
  watchLists = () => {
    for (const list of stage()?.querySelectorAll(".kit-pages") ?? []) {
      if (!watched.has(list)) { watched.add(list); sizes.observe(list); }
    }
  };
  const start = () => {
    const box = stage();
    if (!box) { setTimeout(start, 200); return; }
    // the whole board, not the stage: a step change may draw a new stage in place of the
    // one there was, and an observer of the old one would hear nothing more
    watcher.observe(el.closest(".kit-board") ?? box,
                    { childList: true, subtree: true, characterData: true });
    watchLists();
    soon();
  };
  start();
  window.addEventListener("resize", soon);
  document.fonts?.addEventListener?.("loadingdone", soon);
  const timer = setInterval(() => { page = (page + 1) % pages; layout(); },
                            Math.max(2, model.get("seconds")) * 1000);
  // And a list that is there but was never laid out (its drawing slipped past the observer)
  // is caught within a second rather than at the next page turn.
  const check = setInterval(() => {
    if ([...(stage()?.querySelectorAll(".kit-pages") ?? [])].some((l) => !l.dataset.pages)) {
      watchLists();
      soon();
    }
  }, 1000);
  return () => { clearInterval(timer); clearInterval(check); watcher.disconnect();
                 sizes.disconnect(); window.removeEventListener("resize", soon);
                 document.fonts?.removeEventListener?.("loadingdone", soon); };
}

function counterRender({ model, el }) {
  // "37 / 280" under the text box just before it, counted as the person types (in the
  // browser: no message per keystroke), and the box refuses more than the limit. An empty
  // box shows no count: after a save the kernel empties the box, and "18 / 280" under an
  // empty box read as if the note were still there.
  el.classList.add("kit-counter");
  let box = null;
  const update = () => {
    if (box && !box.isConnected) { box = null; attach(); return; }  // its view was redrawn
    if (!box) return;
    const n = [...box.value].length;
    const limit = model.get("limit");
    el.textContent = n > 0 ? `${n} / ${limit}` : "";
    el.classList.toggle("kit-empty", n === 0);
    el.classList.toggle("kit-over", n > limit);
  };
  const follow = (b) => {
    // The kernel sets the box's value from code (ipywidgets assigns `.value`), which fires
    // no input event: this box's own setter tells the count at once, not at the next tick.
    const own = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(b), "value");
    if (!own || !own.get || !own.set) return;
    Object.defineProperty(b, "value", {
      configurable: true, enumerable: true,
      get() { return own.get.call(this); },
      set(v) { own.set.call(this, v); update(); },
    });
  };
  // The view is drawn before it is put on the page: look for the box at each frame until
  // it is there (every 200 ms, a quick participant could type and save before it counted).
  const since = Date.now();
  function attach() {
    const prev = el.previousElementSibling;
    box = prev ? prev.querySelector("textarea, input") : null;
    if (!box) { if (Date.now() - since < 10000) requestAnimationFrame(attach); return; }
    box.setAttribute("maxlength", String(model.get("limit")));
    box.addEventListener("input", update);
    follow(box);
    update();
  }
  attach();
  // A safety net for anything else that changes the box without telling it.
  const timer = setInterval(update, 700);
  return () => { clearInterval(timer); if (box) box.removeEventListener("input", update); };
}

function pressedRender({ model, el }) {
  // ipywidgets' toggles show their state only by colour, and a screen reader hears a plain
  // "button". Every toggle of this app says its state as aria-pressed, kept in step with the
  // class that shows it: ipywidgets' mod-active, or kit-chosen on the kit's .kit-choice buttons.
  el.style.display = "none";
  let root = null;
  const sync = () => {
    if (!root) return;
    for (const b of root.querySelectorAll(".widget-toggle-button, .kit-choice")) {
      const on = String(b.classList.contains("mod-active") || b.classList.contains("kit-chosen"));
      if (b.getAttribute("aria-pressed") !== on) b.setAttribute("aria-pressed", on);
    }
  };
  const watcher = new MutationObserver(sync);
  let tries = 0;
  const start = () => {
    root = el.closest(".kit-app");
    if (!root) { if (tries++ < 50) setTimeout(start, 200); return; }
    // only class changes and new buttons: writing aria-pressed does not wake it again
    watcher.observe(root, { subtree: true, childList: true, attributes: true,
                            attributeFilter: ["class"] });
    sync();
  };
  start();
  return () => watcher.disconnect();
}

const RENDER = { remember: rememberRender, countdown: countdownRender, pager: pagerRender,
                 counter: counterRender, pressed: pressedRender };

export default {
  render(ctx) {
    return RENDER[ctx.model.get("kind")](ctx);
  },
};
