// bolwerk's course player: plays the recorded session, pauses at each question, asks
// it, checks the answer against the one the recording counted, and reports to the
// SCORM 1.2 run-time of the course platform, if there is one (a plain page otherwise).
(function () {
  "use strict";
  var course = JSON.parse(document.getElementById("course").textContent);
  var words = course.words;
  var questions = course.questions;
  var video = document.getElementById("video");
  var $ = function (id) { return document.getElementById(id); };
  var quiz = $("quiz");
  var chapters = document.querySelectorAll("#chapters button");
  var started = Date.now();

  // Where the learner is, one phase at a time: watching the video, asked a question,
  // shown its answer (until Continue), or at the end. `next` is the question the
  // video stops at next (the questions before it are done); `right` counts those
  // answered right.
  var phase = "watching";
  var next = 0;
  var right = 0;

  // The run-time: window.API in this window, a parent frame, or the opener's.
  function findApi(win) {
    for (var hops = 0; win && hops < 12; hops++) {
      try {
        if (win.API) { return win.API; }
      } catch (e) { return null; }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  var open = false;
  function lms(name, key, value) {
    if (!open) { return ""; }
    try { return String(key === undefined ? api[name]("") : api[name](key, String(value))); }
    catch (e) { return ""; }
  }
  // The answers the run-time holds already (they are numbered on from there).
  var answered = 0;
  if (api) {
    open = String(api.LMSInitialize("")) === "true";
    var status = lms("LMSGetValue", "cmi.core.lesson_status");
    if (status === "" || status === "not attempted") {
      lms("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    }
    lms("LMSSetValue", "cmi.core.score.min", 0);
    lms("LMSSetValue", "cmi.core.score.max", 100);
    answered = Number(lms("LMSGetValue", "cmi.interactions._count")) || 0;
    // A learner who comes back goes on where they left: the platform keeps the
    // place in the video (lesson_location) and the questions done (suspend_data),
    // for this package's questions only.
    try {
      var kept = JSON.parse(lms("LMSGetValue", "cmi.suspend_data") || "null");
      var whole = function (n, most) { return Number.isInteger(n) && n >= 0 && n <= most; };
      if (kept && kept.key === course.key && whole(kept.next, questions.length) && whole(kept.right, kept.next)) {
        next = kept.next;
        right = kept.right;
        var place = Number(lms("LMSGetValue", "cmi.core.lesson_location")) || 0;
        var resume = function () { video.currentTime = Math.min(place, video.duration || place); };
        if (video.readyState >= 1) { resume(); } else { video.addEventListener("loadedmetadata", resume, { once: true }); }
      }
    } catch (e) { next = 0; right = 0; }
    lms("LMSCommit");
  }

  // Reports the score so far (the share of the scored questions answered right),
  // the place in the video and the questions done.
  function report() {
    if (course.scored > 0) {
      lms("LMSSetValue", "cmi.core.score.raw", Math.round(100 * right / course.scored));
    }
    lms("LMSSetValue", "cmi.core.lesson_location", String(Math.round(video.currentTime * 10) / 10));
    lms("LMSSetValue", "cmi.suspend_data", JSON.stringify({ key: course.key, next: next, right: right }));
    lms("LMSCommit");
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  // The time of day, as SCORM 1.2 writes an interaction's time (CMITime).
  function clock() {
    var d = new Date();
    return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds());
  }

  // The time on this page, as SCORM 1.2 writes a session's time (CMITimespan).
  function spent() {
    var s = Math.floor((Date.now() - started) / 1000);
    var h = Math.floor(s / 3600);
    return (h < 1000 ? ("000" + h).slice(-4) : String(h)) + ":" + two(Math.floor(s / 60) % 60) + ":" + two(s % 60);
  }

  // One answer as a SCORM interaction.
  function interaction(q, type, response, pattern, result) {
    var at = "cmi.interactions." + answered++ + ".";
    lms("LMSSetValue", at + "id", q.id);
    lms("LMSSetValue", at + "type", type);
    lms("LMSSetValue", at + "time", clock());
    lms("LMSSetValue", at + "correct_responses.0.pattern", pattern);
    lms("LMSSetValue", at + "student_response", response);
    lms("LMSSetValue", at + "result", result);
  }

  function show(el, on) { el.hidden = !on; }
  function line(text, cls) {
    var p = document.createElement("p");
    if (cls) { p.className = cls; }
    p.textContent = text;
    $("quiz-result").appendChild(p);
  }

  // The question answered: the verdict (none for a sketch), the answer, why, and
  // the way on.
  function answer(q, ok) {
    if (ok !== null) {
      line(ok ? words.right : words.wrong, "verdict " + (ok ? "right" : "wrong"));
      if (ok) { right++; }
    }
    line(q.answer);
    if (q.explain) { line(q.explain, "muted"); }
    show($("quiz-first"), false);
    phase = "answered";
    next++;
    report();
    var go = $("quiz-next");
    show(go, true);
    go.focus({ preventScroll: true });
    go.scrollIntoView({ block: "nearest" });
  }

  function ask(k) {
    var q = questions[k];
    phase = "asking";
    video.pause();
    var jumped = video.currentTime > q.at + 0.5;
    if (Math.abs(video.currentTime - q.at) > 0.05) { video.currentTime = q.at; }
    show($("quiz-first"), jumped);
    $("quiz-title").textContent = words.question.replace("{k}", String(k + 1));
    $("quiz-ask").textContent = q.ask;
    $("quiz-result").textContent = "";
    var options = $("quiz-options");
    options.textContent = "";
    show($("quiz-number"), false);
    show($("quiz-sketch"), false);
    show($("quiz-show"), false);
    show($("quiz-next"), false);
    if (q.sketched) {
      show($("quiz-sketch"), true);
      show($("quiz-show"), true);
    } else if (q.options.length > 0) {
      q.options.forEach(function (text, i) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = text;
        b.addEventListener("click", function () { choose(q, i); });
        options.appendChild(b);
      });
    } else {
      var field = $("quiz-value");
      field.value = "";
      field.disabled = false;
      field.removeAttribute("aria-invalid");
      $("quiz-check").disabled = false;
      show($("quiz-number"), true);
    }
    chapters.forEach(function (b) { b.disabled = true; });
    show(quiz, true);
    // The question in view (below the video on a phone), and read out first.
    $("quiz-title").focus({ preventScroll: true });
    quiz.scrollIntoView({ block: "nearest" });
  }

  function choose(q, i) {
    if (phase !== "asking") { return; }
    $("quiz-options").querySelectorAll("button").forEach(function (b, j) {
      b.disabled = true;
      if (j === q.right) { b.classList.add("right"); }
      if (j === i) { b.classList.add("chosen"); }
      if (j === i && i !== q.right) { b.classList.add("wrong"); }
    });
    var ok = i === q.right;
    var letter = function (n) { return String.fromCharCode(97 + n); };
    interaction(q, "choice", letter(i), letter(q.right), ok ? "correct" : "wrong");
    answer(q, ok);
  }

  $("quiz-number").addEventListener("submit", function (e) {
    e.preventDefault();
    if (phase !== "asking") { return; }
    var q = questions[next];
    var field = $("quiz-value");
    var text = field.value.replace(/[\s%]/g, "");
    $("quiz-result").textContent = "";
    // A percentage as a room writes it: 12, 12.5 or 12,5; no more than 100.
    var value = /^\d{1,3}([.,]\d+)?$/.test(text) ? Number(text.replace(",", ".")) : NaN;
    if (!(value >= 0 && value <= 100)) {
      line(words.bad_number, "verdict wrong");
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    field.removeAttribute("aria-invalid");
    field.disabled = true;
    $("quiz-check").disabled = true;
    var ok = Math.abs(value - q.counted) <= q.tolerance + 1e-9;
    interaction(q, "numeric", String(value), String(q.counted), ok ? "correct" : "wrong");
    answer(q, ok);
  });

  $("quiz-show").addEventListener("click", function () {
    if (phase !== "asking") { return; }
    show($("quiz-show"), false);
    answer(questions[next], null);
  });

  $("quiz-next").addEventListener("click", function () {
    show(quiz, false);
    chapters.forEach(function (b) { b.disabled = false; });
    phase = "watching";
    video.focus();
    // Just past the question's moment, so that it is not asked again.
    video.currentTime = Math.max(video.currentTime, questions[next - 1].at + 0.05);
    var playing = video.play();
    if (playing && playing.catch) { playing.catch(function () {}); }
    check();
  });

  function finish() {
    phase = "finished";
    var says = words.done;
    if (course.scored > 0) { says += " " + words.score.replace("{right}", String(right)); }
    $("score").textContent = says;
    lms("LMSSetValue", "cmi.core.lesson_status", "completed");
    report();
  }

  // Asks the next question once the video reaches it, however it got there: played,
  // sought, or a chapter chosen past it; ends the video once it is seen.
  function check() {
    if (phase !== "watching") { return; }
    if (next < questions.length && video.currentTime >= questions[next].at) {
      ask(next);
      return;
    }
    if (next >= questions.length && video.duration > 0 &&
        (video.ended || video.currentTime >= video.duration - 0.25)) {
      finish();
    }
  }
  ["timeupdate", "seeked", "ended", "play"].forEach(function (e) {
    video.addEventListener(e, check);
  });

  // No way past an open question, or an unanswered one: a seek past it lands on it
  // at once (before a frame past it shows), and the video does not play on while
  // a question is open.
  video.addEventListener("seeking", function () {
    var q = questions[next];
    if (phase === "asking") {
      if (Math.abs(video.currentTime - q.at) > 0.05) { video.currentTime = q.at; }
    } else if (phase === "watching" && q && video.currentTime > q.at) {
      ask(next);
    }
  });
  video.addEventListener("play", function () {
    if (phase === "asking" || phase === "answered") { video.pause(); }
  });
  // The place is kept whenever the learner stops.
  video.addEventListener("pause", function () {
    if (phase === "watching") { report(); }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { report(); }
  });

  // The chapters: a click goes there (a question before it is asked first).
  chapters.forEach(function (b) {
    b.addEventListener("click", function () {
      if (phase !== "asking" && phase !== "answered") {
        video.currentTime = Number(b.getAttribute("data-at"));
      }
    });
  });

  // The described video: the description in the page's language, read out by a
  // screen reader through the live region, and shown for everyone; never one that
  // starts past the next question, which tells its answer.
  for (var t = 0; t < video.textTracks.length; t++) {
    var track = video.textTracks[t];
    if (track.kind === "descriptions" && track.language === course.lang) {
      track.mode = "hidden";
      track.addEventListener("cuechange", function (e) {
        var cues = e.target.activeCues;
        var until = next < questions.length ? questions[next].at : Infinity;
        for (var c = 0; cues && c < cues.length; c++) {
          if (cues[c].startTime < until) {
            $("described").textContent = cues[c].getCueAsHTML().textContent;
          }
        }
      });
    }
  }

  // Leaving ends this visit: suspended where the learner can come back, or done.
  window.addEventListener("pagehide", function () {
    if (!open) { return; }
    if (phase !== "finished") { report(); }
    lms("LMSSetValue", "cmi.core.exit", phase === "finished" ? "" : "suspend");
    lms("LMSSetValue", "cmi.core.session_time", spent());
    lms("LMSCommit");
    lms("LMSFinish");
    open = false;
  });
})();
