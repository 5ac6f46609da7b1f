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
  if (api) {
    open = String(api.LMSInitialize("")) === "true";
    var status = lms("LMSGetValue", "cmi.core.lesson_status");
    if (status === "" || status === "not attempted") {
      lms("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    }
    lms("LMSSetValue", "cmi.core.score.min", 0);
    lms("LMSSetValue", "cmi.core.score.max", 100);
    lms("LMSCommit");
  }

  // Where the learner is: the next question to ask, the questions answered right, and
  // the answers the run-time holds.
  var next = 0;
  var right = 0;
  var answered = 0;
  var asking = false;
  var finished = false;

  // A learner who comes back goes on where they left: the platform keeps the place in
  // the video (lesson_location) and the questions done (suspend_data).
  if (open) {
    answered = Number(lms("LMSGetValue", "cmi.interactions._count")) || 0;
    try {
      var kept = JSON.parse(lms("LMSGetValue", "cmi.suspend_data") || "null");
      if (kept && kept.next >= 0 && kept.next <= questions.length && kept.right >= 0 && kept.right <= kept.next) {
        next = kept.next;
        right = kept.right;
        var place = Number(lms("LMSGetValue", "cmi.core.lesson_location")) || 0;
        var resume = function () {
          video.currentTime = Math.min(place, video.duration || place);
        };
        if (video.readyState >= 1) { resume(); } else { video.addEventListener("loadedmetadata", resume, { once: true }); }
      }
    } catch (e) { next = 0; right = 0; }
  }

  // Reports the score so far and where the learner is; `upto` questions are done.
  function report(upto) {
    if (course.scored > 0) {
      lms("LMSSetValue", "cmi.core.score.raw", Math.round(100 * right / course.scored));
    }
    lms("LMSSetValue", "cmi.core.lesson_location", String(Math.round(video.currentTime * 10) / 10));
    lms("LMSSetValue", "cmi.suspend_data", JSON.stringify({ next: upto, right: right }));
    lms("LMSCommit");
  }

  // The time of day, as SCORM 1.2 writes an interaction's time.
  function clock() {
    var d = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds());
  }

  // One answer as a SCORM interaction.
  function interaction(q, type, response, pattern, result) {
    var n = answered++;
    var at = "cmi.interactions." + n + ".";
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

  function verdict(ok, q) {
    line(ok ? words.right : words.wrong, "verdict " + (ok ? "right" : "wrong"));
    line(q.answer);
    if (q.explain) { line(q.explain, "muted"); }
    if (ok) { right++; }
    report(next + 1);
    done();
  }

  function done() {
    var nextButton = $("quiz-next");
    show(nextButton, true);
    nextButton.focus({ preventScroll: true });
    nextButton.scrollIntoView({ block: "nearest" });
  }

  function ask(k) {
    var q = questions[k];
    asking = true;
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
      $("quiz-value").value = "";
      show($("quiz-number"), true);
    }
    show(quiz, true);
    // The question in view (below the video on a phone), and read out first.
    $("quiz-title").focus({ preventScroll: true });
    quiz.scrollIntoView({ block: "nearest" });
  }

  function choose(q, i) {
    var buttons = $("quiz-options").querySelectorAll("button");
    buttons.forEach(function (b, j) {
      b.disabled = true;
      if (j === q.right) { b.classList.add("right"); }
      if (j === i) { b.classList.add("chosen"); }
      if (j === i && i !== q.right) { b.classList.add("wrong"); }
    });
    var letter = String.fromCharCode(97 + i);
    var ok = i === q.right;
    interaction(q, "choice", letter, String.fromCharCode(97 + q.right), ok ? "correct" : "wrong");
    verdict(ok, q);
  }

  $("quiz-number").addEventListener("submit", function (e) {
    e.preventDefault();
    var q = questions[next];
    var text = $("quiz-value").value.trim().replace("%", "").replace(",", ".");
    var value = Number(text);
    $("quiz-result").textContent = "";
    if (text === "" || !isFinite(value) || value < 0 || value > 100) {
      line(words.bad_number, "verdict wrong");
      $("quiz-value").focus();
      return;
    }
    $("quiz-value").disabled = true;
    $("quiz-check").disabled = true;
    var ok = Math.abs(value - q.counted) <= q.tolerance + 1e-9;
    interaction(q, "numeric", String(value), String(q.counted), ok ? "correct" : "wrong");
    verdict(ok, q);
  });

  $("quiz-show").addEventListener("click", function () {
    var q = questions[next];
    show($("quiz-show"), false);
    line(q.answer);
    report(next + 1);
    done();
  });

  $("quiz-next").addEventListener("click", function () {
    $("quiz-value").disabled = false;
    $("quiz-check").disabled = false;
    show(quiz, false);
    next++;
    asking = false;
    // Just past the question's moment, so that it is not asked again.
    video.currentTime = Math.max(video.currentTime, questions[next - 1].at + 0.05);
    var playing = video.play();
    if (playing && playing.catch) { playing.catch(function () {}); }
    check();
  });

  function finish() {
    if (finished) { return; }
    finished = true;
    var says = words.done;
    if (course.scored > 0) { says += " " + words.score.replace("{right}", String(right)); }
    $("score").textContent = says;
    lms("LMSSetValue", "cmi.core.lesson_status", "completed");
    report(next);
  }

  // Asks the next question once the video reaches it, however it got there: played,
  // sought, or a chapter chosen past it.
  function check() {
    if (asking) { return; }
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

  // The chapters: a click goes there (a question before it is asked first).
  document.querySelectorAll("#chapters button").forEach(function (b) {
    b.addEventListener("click", function () {
      if (asking) { return; }
      video.currentTime = Number(b.getAttribute("data-at"));
    });
  });

  // The described video: the description in the page's language, read out by a
  // screen reader through the live region, and shown for everyone.
  for (var t = 0; t < video.textTracks.length; t++) {
    var track = video.textTracks[t];
    if (track.kind === "descriptions" && track.language === course.lang) {
      track.mode = "hidden";
      track.addEventListener("cuechange", function (e) {
        var cues = e.target.activeCues;
        if (cues && cues.length > 0) { $("described").textContent = cues[0].text; }
      });
    }
  }

  window.addEventListener("pagehide", function () {
    if (open) {
      lms("LMSCommit");
      lms("LMSFinish");
      open = false;
    }
  });
})();
