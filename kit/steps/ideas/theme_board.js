// The facilitator's theme board: drag ideas between themes, rename, merge, split, delete,
// mark candidates. Plain ES module, no build step. Every change is sent to the kernel as a
// message; the kernel writes it to the store and sends the new board back. Text is only ever
// set with textContent, so nothing a participant wrote can become markup.

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function render({ model, el: root }) {
  const picked = new Set();
  const send = (msg) => model.send(msg);

  const draw = () => {
    const board = model.get("board") || { themes: [], unassigned: [] };
    const words = model.get("words") || {};
    root.replaceChildren();
    root.classList.add("kit-tb");
    const hint = el("div", "kit-tb-hint", words.drag_hint || "");
    root.appendChild(hint);
    const columns = el("div", "kit-tb-columns");
    root.appendChild(columns);

    const column = (theme) => {
      const col = el("div", "kit-tb-theme");
      col.dataset.theme = theme ? theme.id : "";
      const head = el("div", "kit-tb-head");
      if (theme) {
        const name = el("input", "kit-tb-label");
        name.value = theme.label;
        name.setAttribute("aria-label", words.rename || "rename");
        name.addEventListener("change", () => send({ action: "rename", theme: theme.id, label: name.value }));
        head.appendChild(name);
        const cand = el("label", "kit-tb-cand");
        const box = el("input");
        box.type = "checkbox";
        box.checked = !!theme.selected;
        box.addEventListener("change", () => send({ action: "select", theme: theme.id, selected: box.checked }));
        cand.appendChild(box);
        cand.appendChild(document.createTextNode(" " + (words.candidate || "")));
        head.appendChild(cand);
        const tools = el("div", "kit-tb-tools");
        const merge = el("select", "kit-tb-merge");
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
        split.addEventListener("click", () => {
          const ids = theme.ideas.map((n) => n.id).filter((id) => picked.has(id));
          if (ids.length) send({ action: "split", theme: theme.id, ideas: ids });
        });
        tools.appendChild(split);
        if (!theme.ideas.length) {
          const del = el("button", "kit-tb-delete", words.delete || "delete");
          del.addEventListener("click", () => send({ action: "delete", theme: theme.id }));
          tools.appendChild(del);
        }
        head.appendChild(tools);
      } else {
        head.appendChild(el("div", "kit-tb-title", words.unassigned || ""));
      }
      col.appendChild(head);
      const list = el("div", "kit-tb-ideas");
      for (const idea of theme ? theme.ideas : board.unassigned) {
        const card = el("div", "kit-tb-idea" + (picked.has(idea.id) ? " kit-tb-picked" : ""));
        card.draggable = true;
        card.dataset.idea = idea.id;
        card.appendChild(el("span", "kit-tb-text", idea.text));
        // Placed by the kit, not yet accepted: marked, and why on hover (issue 20).
        if (idea.why) { card.classList.add("kit-tb-suggested"); card.title = idea.why; }
        if (idea.same > 1) card.appendChild(el("span", "kit-tb-same", " ×" + idea.same));
        card.addEventListener("dragstart", (ev) => {
          ev.dataTransfer.setData("text/plain", idea.id);
          ev.dataTransfer.effectAllowed = "move";
        });
        card.addEventListener("click", () => {
          if (picked.has(idea.id)) picked.delete(idea.id); else picked.add(idea.id);
          card.classList.toggle("kit-tb-picked");
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
  };

  model.on("change:board", draw);
  model.on("change:words", draw);
  draw();
  return () => { model.off("change:board", draw); model.off("change:words", draw); };
}

export default { render };
