// The participants' page: asks for the session code once, then follows the session
// (polling /api/state) and sends answers to /api/answer. No third-party code.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const t = document.body.dataset;
  const lang = t.lang;
  const store = window.localStorage;
  const params = new URLSearchParams(window.location.search);
  if (params.get("code")) store.setItem("bolwerk-code", params.get("code").toUpperCase());
  let code = store.getItem("bolwerk-code") || "";
  let shownId = null;
  let sending = false;
  // The part on stage asks for the room's organisations.
  let organisation = false;
  // The question on stage is asked twice, and its first round is open.
  let firstRound = false;

  const pct = (x) => x.toLocaleString(lang, { maximumFractionDigits: 1 }) + "%";
  const letter = (i) => String.fromCharCode(65 + i);
  const status = (text, error) => {
    $("status").textContent = text || "";
    $("status").className = error ? "error" : "";
  };
  // The result under the question (empty: none), and the note that goes with an
  // organisation's.
  const result = (text, note) => {
    $("result").textContent = text;
    $("result").hidden = !text;
    $("note").hidden = !note;
  };
  // An error stays until the next answer; any other status goes.
  const clearStatus = () => { if ($("status").className !== "error") status(""); };
  const show = (id) => {
    for (const s of ["join", "wait", "ask"]) $(s).hidden = s !== id;
  };

  $("other").href += code ? "&code=" + encodeURIComponent(code) : "";

  $("join").addEventListener("submit", (e) => {
    e.preventDefault();
    code = $("code").value.trim().toUpperCase();
    store.setItem("bolwerk-code", code);
    $("join-error").textContent = "";
    refresh();
  });

  // An answer: `{ answer }` with an option's index, a percentage, or an
  // organisation's size (with `guess`, the share guessed there, if any); or
  // `{ sketch }`, the points of a sketch.
  async function send(answer) {
    if (sending) return;
    sending = true;
    const body = Object.assign({ code }, answer);
    try {
      const r = await fetch("/api/answer", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      // A 429 says which limit: the server's message (room.rs, Refusal::message).
      const why = r.status === 429 ? ((await r.json().catch(() => ({}))).error || "") : "";
      if (r.ok) {
        status(organisation ? t.orgSaved : firstRound ? t.firstSaved : t.saved);
        // Under a sketch's plot and fields the status may be out of sight.
        if (answer.sketch) $("status").scrollIntoView({ block: "nearest" });
      }
      else if (r.status === 403 || why.includes("wrong codes")) {
        // Back to the code, saying why.
        store.removeItem("bolwerk-code");
        code = "";
        $("code").value = "";
        $("join-error").textContent = r.status === 403 ? t.wrongCode : t.tooManyCodes;
      }
      else if (why.includes("new participants")) status(t.tooManyJoins, true);
      else if (r.status === 409) status(t.closed, true);
      else if (r.status === 429) status(t.tooMany, true);
      else if (r.status === 503) status(t.full, true);
      else status(t.invalid, true);
    } catch (_) {
      status(t.offline, true);
    } finally {
      sending = false;
      refresh();
    }
  }

  // The number starts empty, the slider without its thumb: a field that starts at
  // 50% pulls a room's estimates towards 50%.
  function clearNumber() {
    $("percent").value = "";
    $("slider").value = 50;
    $("slider").classList.add("untouched");
    $("shown").textContent = "";
  }
  $("slider").addEventListener("input", () => {
    $("slider").classList.remove("untouched");
    $("percent").value = $("slider").value;
    $("shown").textContent = pct(Number($("slider").value));
  });
  $("percent").addEventListener("input", () => {
    const v = Number($("percent").value);
    if ($("percent").value !== "" && Number.isFinite(v)) {
      $("slider").value = v;
      $("slider").classList.remove("untouched");
      $("shown").textContent = pct(v);
    }
  });
  $("number").addEventListener("submit", (e) => {
    e.preventDefault();
    if ($("percent").value === "") { status(t.empty, true); return; }
    send({ answer: Number($("percent").value) });
  });

  $("org").addEventListener("submit", (e) => {
    e.preventDefault();
    const n = $("employees").value.trim();
    if (n === "") { status(t.orgEmpty, true); return; }
    const g = $("guess").value.trim();
    const guess = g === "" || $("org-guess").hidden ? {} : { guess: Number(g) };
    send(Object.assign({ answer: Number(n) }, guess));
  });

  // A sketch: the share expected at each size, set on the plot (a tap or a drag sets
  // the point at the size nearest the finger) or typed in the field for that size.
  // Once the answer shows, the simulation's count is drawn beside it.
  // The SVG namespace, from the page's own plot: no address in this script.
  const SVG = $("sketch-plot").namespaceURI;
  const plot = { left: 40, right: 292, top: 12, bottom: 188 };
  let sizes = [];
  let points = [];
  let axisTop = 100;
  // Where the measure stood as the question opened, as the screen shows it.
  let startShare = null;
  let sketchOpen = false;
  // The question on stage has closed, and its sketch was set to what the room has.
  let sketchClosed = false;
  // A share's height on the plot; one above the axis (typed) sits at its top.
  const share = (p) => plot.bottom - (plot.bottom - plot.top) * Math.min(p, axisTop) / axisTop;
  const column = (i) => {
    const span = Math.log(sizes[sizes.length - 1] / sizes[0]);
    return plot.left + (plot.right - plot.left) * Math.log(sizes[i] / sizes[0]) / span;
  };
  const svg = (name, attrs, text) => {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // A line through the points that are set, and a dot on each.
  function line(values, kind) {
    const set = values.map((v, i) => [v, i]).filter(([v]) => v !== null && v !== undefined);
    const g = svg("g", {});
    if (set.length > 1) {
      g.appendChild(svg("polyline", { class: kind, points: set.map(([v, i]) => column(i) + "," + share(v)).join(" ") }));
    }
    for (const [v, i] of set) g.appendChild(svg("circle", { class: kind + "-dot", cx: column(i), cy: share(v), r: 6 }));
    return g;
  }
  function drawSketch(counted) {
    const s = $("sketch-plot");
    s.replaceChildren();
    const step = axisTop > 50 ? 20 : 10;
    for (let p = 0; p <= axisTop; p += step) {
      s.appendChild(svg("line", { class: "grid", x1: plot.left, x2: plot.right, y1: share(p), y2: share(p) }));
      s.appendChild(svg("text", { x: plot.left - 6, y: share(p) + 4, "text-anchor": "end" }, p + "%"));
    }
    // A label one line lower where it would touch the one before it.
    let lowered = false;
    sizes.forEach((n, i) => {
      s.appendChild(svg("line", { class: "column", x1: column(i), x2: column(i), y1: plot.top, y2: plot.bottom }));
      lowered = i > 0 && !lowered && column(i) - column(i - 1) < 34;
      s.appendChild(svg("text", { x: column(i), y: plot.bottom + (lowered ? 30 : 17), "text-anchor": "middle" }, n.toLocaleString(lang)));
    });
    s.appendChild(svg("text", { x: plot.right, y: 232, "text-anchor": "end" }, t.axisEmployees));
    // Once the answer shows: the count, and under the axis which line is which.
    if (counted) {
      s.appendChild(line(counted, "count"));
      s.appendChild(svg("text", { class: "key yours-key", x: plot.left, y: 247 }, "● " + t.sketchYours));
      s.appendChild(svg("text", { class: "key count-key", x: plot.left, y: 261 }, "— " + t.sketchCount));
    }
    s.appendChild(line(points, "yours"));
    // The start, given: the figure on the screen, ringed.
    if (startShare !== null) s.appendChild(svg("circle", { class: "start", cx: column(0), cy: share(startShare), r: 9 }));
  }
  function setPoint(i, value) {
    points[i] = Math.round(Math.min(axisTop, Math.max(0, value)) * 2) / 2;
    const field = $("sketch-fields").querySelectorAll("input")[i];
    if (field) field.value = points[i];
    drawSketch(null);
  }
  function newSketch(q) {
    sizes = q.sketch.sizes;
    axisTop = q.sketch.top;
    sketchClosed = false;
    startShare = q.sketch.start;
    points = q.sketch.yours ? q.sketch.yours.slice() : sizes.map(() => null);
    // The first point is where the screen stands: given, and still movable.
    if (!q.sketch.yours && startShare !== null) points[0] = Math.round(startShare * 2) / 2;
    const fields = $("sketch-fields");
    fields.replaceChildren();
    sizes.forEach((n, i) => {
      const label = document.createElement("label");
      label.textContent = n.toLocaleString(lang);
      const input = document.createElement("input");
      Object.assign(input, { type: "number", min: 0, max: 100, step: 0.5, inputMode: "decimal" });
      input.setAttribute("aria-label", n.toLocaleString(lang) + " " + t.axisEmployees + " (%)");
      if (points[i] !== null) input.value = points[i];
      input.addEventListener("input", () => {
        const v = Number(input.value);
        points[i] = input.value === "" || !Number.isFinite(v) ? null : Math.min(100, Math.max(0, v));
        drawSketch(null);
      });
      label.appendChild(input);
      fields.appendChild(label);
    });
  }
  // The point nearest the pointer, on the plot's own scale.
  function pointAt(e) {
    const s = $("sketch-plot");
    const m = s.getScreenCTM();
    if (!m) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    let nearest = 0;
    sizes.forEach((_, i) => { if (Math.abs(column(i) - p.x) < Math.abs(column(nearest) - p.x)) nearest = i; });
    setPoint(nearest, (plot.bottom - p.y) / (plot.bottom - plot.top) * axisTop);
  }
  $("sketch-plot").addEventListener("pointerdown", (e) => {
    if (!sketchOpen) return;
    e.preventDefault();
    $("sketch-plot").setPointerCapture(e.pointerId);
    pointAt(e);
  });
  $("sketch-plot").addEventListener("pointermove", (e) => {
    if (sketchOpen && $("sketch-plot").hasPointerCapture(e.pointerId)) pointAt(e);
  });
  $("sketch").addEventListener("submit", (e) => {
    e.preventDefault();
    if (points.some((p) => p === null)) { status(t.sketchEmpty, true); return; }
    send({ sketch: points });
  });

  function render(state) {
    // The last part: the page to take home, while the server is still there.
    // As the projection's card: the last part, with no question before the room.
    const last = state.takeHome && state.act === state.acts && !state.question;
    $("take-home").hidden = !last;
    if (!code) { show("join"); return; }
    const q = state.question;
    // No question: wait for the next one, or, on the last part, take the curve home.
    if (!q) { show(last ? "" : "wait"); shownId = null; return; }
    show("ask");
    // A new question (a part restarted or returned to asks afresh), or a question's
    // second round: its own status, fields cleared.
    const shown = q.id + "/" + q.entry + "/" + q.round;
    if (shownId !== shown) {
      shownId = shown; status(""); clearNumber();
      $("employees").value = ""; $("guess").value = "";
      if (q.sketch) newSketch(q);
    }
    organisation = !!q.organisation;
    firstRound = q.again && q.round === 1 && q.open;
    $("part").textContent = t.part.replace("{part}", state.act).replace("{total}", state.acts);
    // Where the measure stands as the question opens: the figure the screen shows.
    // Once the answer shows, the world has grown past it: "now" would no longer hold.
    $("start").textContent = q.start || "";
    $("start").hidden = !q.start || !!q.revealed;
    $("question").textContent = q.ask;
    const choices = $("choices");
    choices.replaceChildren();
    q.options.forEach((words, i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = letter(i) + "  " + words;
      if (q.yours === i) b.classList.add("chosen");
      if (q.first === i) b.classList.add("first");
      if (q.revealed && q.revealed.option === i) b.classList.add("right");
      b.disabled = !q.open;
      b.addEventListener("click", () => send({ answer: i }));
      choices.appendChild(b);
    });
    const sketch = !!q.sketch;
    sketchOpen = sketch && q.open;
    $("number").hidden = q.options.length > 0 || !q.open || organisation || sketch;
    // The sketch stays once the answer shows, with the count beside it.
    $("sketch").hidden = !sketch;
    if (sketch) {
      // Once closed, the sketch the room has: this phone's as sent, or none.
      if (!q.open && !sketchClosed) {
        sketchClosed = true;
        points = q.sketch.yours ? q.sketch.yours.slice() : sizes.map(() => null);
        $("sketch-fields").querySelectorAll("input").forEach((field, i) => { field.value = points[i] === null ? "" : points[i]; });
      }
      if (q.open) sketchClosed = false;
      for (const el of $("sketch").querySelectorAll("input, button")) el.disabled = !q.open;
      $("sketch").querySelector("button").hidden = !q.open;
      $("sketch-help").hidden = !q.open;
      const counted = q.revealed && q.revealed.sketch.length === sizes.length ? q.revealed.sketch.map((s) => s * 100) : null;
      drawSketch(counted);
    }
    $("org").hidden = !organisation || !q.open;
    // A question asked twice: what the room does in this round.
    let round = "";
    const talking = q.again && !q.revealed && !q.open && q.round === 1;
    if (talking) {
      round = t.talk;
      if (q.yours !== null) round += " " + t.youChose.replace("{answer}", letter(q.yours));
    } else if (q.again && q.open && q.round === 2) {
      round = q.first !== null ? t.secondRoundFirst.replace("{first}", letter(q.first)) : t.secondRound;
    }
    // Written only when it changes: it is a live region, read out when it does.
    if ($("round").textContent !== round) $("round").textContent = round;
    $("round").hidden = !round;
    if (organisation) {
      $("org-guess").hidden = !q.organisation.guess;
      const yours = q.organisation.yours;
      if (!q.open && yours && yours.model !== null) {
        const words = yours.employees === 1 ? t.orgResultOne : t.orgResult;
        let text = words.replace("{n}", yours.employees.toLocaleString(lang)).replace("{share}", pct(yours.model * 100));
        if (yours.guess !== null) text += " " + t.orgGuessed.replace("{guess}", pct(yours.guess));
        result(text, true);
        clearStatus();
      } else {
        result("", false);
        if (!q.open) status(t.orgClosed);
        else if (yours && !$("status").textContent) status(t.orgSaved);
      }
    } else if (q.revealed && sketch) {
      // The sketch against the count, at the last size: the question's.
      const last = sizes.length - 1;
      const yours = q.sketch.yours;
      result(yours ? t.sketchResult.replace("{n}", sizes[last].toLocaleString(lang))
        .replace("{counted}", pct(q.revealed.share * 100)).replace("{yours}", pct(yours[last]))
        : t.model.replace("{share}", pct(q.revealed.share * 100)), false);
      clearStatus();
    } else if (q.revealed) {
      const share = pct(q.revealed.share * 100);
      let text = t.model.replace("{share}", share);
      if (q.yours !== null && q.options.length === 0) text += " " + t.yours.replace("{answer}", pct(q.yours));
      // A choice: what this phone chose (in both rounds), and whether the count landed there.
      const right = q.revealed.option;
      if (q.yours !== null && q.options.length > 0 && right !== null) {
        const yours = letter(q.yours);
        text += " " + (q.yours === right ? t.feedbackRight.replace("{answer}", yours)
          : t.feedbackOther.replace("{answer}", yours).replace("{right}", letter(right)));
      }
      // A question asked twice: the first round's answer, answered again or not.
      if (q.round === 2 && q.first !== null) text += " " + t.feedbackRounds.replace("{first}", letter(q.first));
      result(text, false);
      clearStatus();
    } else {
      result("", false);
      if (talking) clearStatus();
      else if ((q.yours !== null || (q.sketch && q.sketch.yours)) && !$("status").textContent) status(firstRound ? t.firstSaved : t.saved);
    }
  }

  async function refresh() {
    try {
      const r = await fetch("/api/state?lang=" + lang, { cache: "no-store", credentials: "same-origin" });
      if (!r.ok) throw new Error(String(r.status));
      render(await r.json());
    } catch (_) {
      if (code) status(t.offline, true);
      else show("join");
    }
  }

  $("code").value = code;
  refresh();
  setInterval(refresh, 2000);
})();
