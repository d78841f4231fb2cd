// Front-end halves of kit's two tiny widgets. Plain ES module, no build step.

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
  let end = null;
  const reset = () => {
    const left = model.get("seconds_left");
    end = left >= 0 ? Date.now() + left * 1000 : null;
    tick();
  };
  const tick = () => {
    if (end === null) { el.textContent = ""; el.style.display = "none"; return; }
    const s = Math.max(0, Math.round((end - Date.now()) / 1000));
    const mm = String(Math.floor(s / 60)).padStart(2, "0");
    const ss = String(s % 60).padStart(2, "0");
    el.style.display = "";
    el.textContent = `${model.get("label")} ${mm}:${ss}`;
    el.classList.toggle("kit-countdown-done", s === 0);
  };
  model.on("change:seconds_left", reset);
  model.on("change:stamp", reset);
  model.on("change:label", tick);
  const timer = setInterval(tick, 500);
  reset();
  return () => { clearInterval(timer); };
}

export default {
  render(ctx) {
    return ctx.model.get("kind") === "remember" ? rememberRender(ctx) : countdownRender(ctx);
  },
};
