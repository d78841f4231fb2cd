// The facilitator's theme board: move ideas between themes (drag and drop, or the keyboard),
// rename, merge, split, delete, mark candidates. Plain ES module, no build step. Every change
// is sent to the kernel as a message; the kernel writes it to the store and sends the new
// board back. Text is only ever set with textContent, so nothing a participant wrote can
// become markup.
//
// A live refresh (someone's new note, the facilitator's own move) redraws the board; what the
// facilitator is doing survives it: the page's and each column's scroll position, the focused
// control (by a key that names what it is for, not where it was), and a label being typed.

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// Every element that scrolls around or inside the board, with its position.
function scrollState(root) {
  const out = [];
  for (let e = root; e; e = e.parentElement) {
    if (e.scrollTop || e.scrollLeft) out.push([e, e.scrollTop, e.scrollLeft]);
  }
  const page = document.scrollingElement;
  if (page) out.push([page, page.scrollTop, page.scrollLeft]);
  const lists = {};
  for (const list of root.querySelectorAll(".kit-tb-ideas")) {
    if (list.scrollTop) lists[list.dataset.theme] = list.scrollTop;
  }
  return { out, lists };
}

function restoreScroll(root, state) {
  for (const [e, top, left] of state.out) { e.scrollTop = top; e.scrollLeft = left; }
  for (const list of root.querySelectorAll(".kit-tb-ideas")) {
    const top = state.lists[list.dataset.theme];
    if (top) list.scrollTop = top;
  }
}

function render({ model, el: root }) {
  const picked = new Set();
  const send = (msg) => model.send(msg);
  let armed = null;  // the theme whose delete button asks "sure?"

  const draw = () => {
    // a part the kernel has not sent yet draws as empty, never as a TypeError
    const board = { themes: [], unassigned: [], ...(model.get("board") || {}) };
    const words = model.get("words") || {};
    // what the redraw must keep
    const scroll = scrollState(root);
    const active = root.contains(document.activeElement) ? document.activeElement : null;
    const focusKey = active ? active.dataset.focus : null;
    const typing = active && active.classList.contains("kit-tb-label") &&
      active.value !== active.dataset.stored
      ? { value: active.value, start: active.selectionStart, end: active.selectionEnd } : null;

    root.replaceChildren();
    root.classList.add("kit-tb");
    root.appendChild(el("div", "kit-tb-hint", words.drag_hint || ""));
    if (words.keys_hint) root.appendChild(el("div", "kit-tb-hint", words.keys_hint));
    const columns = el("div", "kit-tb-columns");
    root.appendChild(columns);
    // the board's order: unassigned first, then the themes as they were made
    const order = [null, ...board.themes.map((th) => th.id)];

    const column = (theme) => {
      const col = el("div", "kit-tb-theme");
      const key = theme ? theme.id : "";
      col.dataset.theme = key;
      const head = el("div", "kit-tb-head");
      if (theme) {
        const name = el("input", "kit-tb-label");
        name.value = theme.label;
        name.dataset.stored = theme.label;
        name.dataset.focus = "label:" + theme.id;
        name.setAttribute("aria-label", words.rename || "rename");
        name.addEventListener("change", () => send({ action: "rename", theme: theme.id, label: name.value }));
        head.appendChild(name);
        const cand = el("label", "kit-tb-cand");
        const box = el("input");
        box.type = "checkbox";
        box.checked = !!theme.selected;
        box.dataset.focus = "cand:" + theme.id;
        box.addEventListener("change", () => send({ action: "select", theme: theme.id, selected: box.checked }));
        cand.appendChild(box);
        cand.appendChild(document.createTextNode(" " + (words.candidate || "")));
        head.appendChild(cand);
        const tools = el("div", "kit-tb-tools");
        const merge = el("select", "kit-tb-merge");
        merge.dataset.focus = "merge:" + theme.id;
        merge.appendChild(el("option", "", words.merge_into || "merge"));
        for (const other of board.themes) {
          if (other.id === theme.id) continue;
          const opt = el("option", "", other.label);
          opt.value = other.id;
          merge.appendChild(opt);
        }
        merge.addEventListener("change", () => {
          if (merge.value) send({ action: "merge", into: merge.value, from: theme.id });
        });
        tools.appendChild(merge);
        const split = el("button", "kit-tb-split", words.split || "split");
        split.dataset.focus = "split:" + theme.id;
        split.addEventListener("click", () => {
          const ids = theme.ideas.map((n) => n.id).filter((id) => picked.has(id));
          if (ids.length) send({ action: "split", theme: theme.id, ideas: ids });
        });
        tools.appendChild(split);
        if (!theme.ideas.length) {
          // deleting asks first: the first press arms the button, the second deletes
          const sure = armed === theme.id;
          const del = el("button", "kit-tb-delete" + (sure ? " kit-tb-armed" : ""),
            sure ? (words.delete_sure || "sure?") : (words.delete || "delete"));
          del.dataset.focus = "delete:" + theme.id;
          // armed in place, not by a redraw (a redraw would take the focus and disarm it)
          const arm = (on) => {
            armed = on ? theme.id : null;
            del.textContent = on ? (words.delete_sure || "sure?") : (words.delete || "delete");
            del.classList.toggle("kit-tb-armed", on);
          };
          del.addEventListener("click", () => {
            if (armed === theme.id) { armed = null; send({ action: "delete", theme: theme.id }); }
            else arm(true);
          });
          del.addEventListener("blur", () => { if (armed === theme.id) arm(false); });
          tools.appendChild(del);
        }
        head.appendChild(tools);
      } else {
        head.appendChild(el("div", "kit-tb-title", words.unassigned || ""));
      }
      col.appendChild(head);
      const list = el("div", "kit-tb-ideas");
      list.dataset.theme = key;
      const here = order.indexOf(theme ? theme.id : null);
      for (const idea of theme ? theme.ideas : board.unassigned) {
        const card = el("div", "kit-tb-idea" + (picked.has(idea.id) ? " kit-tb-picked" : ""));
        card.draggable = true;
        card.tabIndex = 0;
        card.setAttribute("role", "button");
        card.setAttribute("aria-pressed", picked.has(idea.id) ? "true" : "false");
        card.dataset.idea = idea.id;
        card.dataset.focus = "idea:" + idea.id;
        card.appendChild(el("span", "kit-tb-text", idea.text));
        // Placed by the kit, not yet accepted: marked, and why on hover, on focus and on a
        // tap (a tap picks the card; a tablet has no hover) (issue 20).
        if (idea.why) {
          card.classList.add("kit-tb-suggested");
          card.title = idea.why;
          card.appendChild(el("span", "kit-tb-why", idea.why));
        }
        if (idea.same > 1) card.appendChild(el("span", "kit-tb-same", " ×" + idea.same));
        card.addEventListener("dragstart", (ev) => {
          ev.dataTransfer.setData("text/plain", idea.id);
          ev.dataTransfer.effectAllowed = "move";
        });
        const toggle = () => {
          if (picked.has(idea.id)) picked.delete(idea.id); else picked.add(idea.id);
          card.classList.toggle("kit-tb-picked");
          card.setAttribute("aria-pressed", picked.has(idea.id) ? "true" : "false");
        };
        card.addEventListener("click", toggle);
        // the keyboard: arrows move the note to the column before or after (in reading
        // order), Home/End to the first or last; Enter or Space picks it for a split
        card.addEventListener("keydown", (ev) => {
          const rtl = getComputedStyle(card).direction === "rtl";
          let to = null;
          if (ev.key === "ArrowRight" || ev.key === "ArrowDown") to = here + ((ev.key === "ArrowRight" && rtl) ? -1 : 1);
          else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") to = here + ((ev.key === "ArrowLeft" && rtl) ? 1 : -1);
          else if (ev.key === "Home") to = 0;
          else if (ev.key === "End") to = order.length - 1;
          else if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(); return; }
          else return;
          ev.preventDefault();
          if (to < 0 || to >= order.length || to === here) return;
          send({ action: "move", idea: idea.id, theme: order[to] });
        });
        list.appendChild(card);
      }
      col.appendChild(list);
      col.addEventListener("dragover", (ev) => { ev.preventDefault(); col.classList.add("kit-tb-over"); });
      col.addEventListener("dragleave", () => col.classList.remove("kit-tb-over"));
      col.addEventListener("drop", (ev) => {
        ev.preventDefault();
        col.classList.remove("kit-tb-over");
        const id = ev.dataTransfer.getData("text/plain");
        if (id) send({ action: "move", idea: id, theme: theme ? theme.id : null });
      });
      return col;
    };

    columns.appendChild(column(null));
    for (const theme of board.themes) columns.appendChild(column(theme));

    restoreScroll(root, scroll);
    if (focusKey) {
      const again = root.querySelector(`[data-focus="${CSS.escape(focusKey)}"]`);
      if (again) {
        again.focus({ preventScroll: true });
        if (typing) {
          again.value = typing.value;
          try { again.setSelectionRange(typing.start, typing.end); } catch (e) { /* not text */ }
        }
      }
    }
  };

  model.on("change:board", draw);
  model.on("change:words", draw);
  draw();
  return () => { model.off("change:board", draw); model.off("change:words", draw); };
}

export default { render };
