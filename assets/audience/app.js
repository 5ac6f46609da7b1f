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

  // An answer: an option's index, a percentage, or an organisation's size (with the
  // share guessed there, if any).
  async function send(answer, guess) {
    if (sending) return;
    sending = true;
    const body = guess === undefined ? { code, answer } : { code, answer, guess };
    try {
      const r = await fetch("/api/answer", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      // A 429 says which limit: the server's message (room.rs, Refusal::message).
      const why = r.status === 429 ? ((await r.json().catch(() => ({}))).error || "") : "";
      if (r.ok) status(organisation ? t.orgSaved : firstRound ? t.firstSaved : t.saved);
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
    send(Number($("percent").value));
  });

  $("org").addEventListener("submit", (e) => {
    e.preventDefault();
    const n = $("employees").value.trim();
    if (n === "") { status(t.orgEmpty, true); return; }
    const g = $("guess").value.trim();
    send(Number(n), g === "" || $("org-guess").hidden ? undefined : Number(g));
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
    // A new question, or a question's second round: its own status, fields cleared.
    const shown = q.id + "/" + q.round;
    if (shownId !== shown) {
      shownId = shown; status(""); clearNumber();
      $("employees").value = ""; $("guess").value = "";
    }
    organisation = !!q.organisation;
    firstRound = q.again && q.round === 1 && q.open;
    $("part").textContent = t.part.replace("{part}", state.act).replace("{total}", state.acts);
    // Where the measure stands as the question opens: the figure the screen shows.
    $("start").textContent = q.start || "";
    $("start").hidden = !q.start;
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
      b.addEventListener("click", () => send(i));
      choices.appendChild(b);
    });
    $("number").hidden = q.options.length > 0 || !q.open || organisation;
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
      else if (q.yours !== null && !$("status").textContent) status(firstRound ? t.firstSaved : t.saved);
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
