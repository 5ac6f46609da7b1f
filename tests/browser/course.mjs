// Drives a course package's player in Debian's Chromium (puppeteer-core), inside a host
// page that provides a real SCORM 1.2 run-time (scorm-again), both served over loopback
// HTTP. Called by tests/integration/course_package.rs, which checks what this prints.
//
//   node course.mjs PACKAGE_DIR RUNTIME_JS PLAN [SHOTS_DIR]
//
// PLAN is JSON: one action per question, in order: {"choose": i} chooses option i,
// {"number": "27,5"} types a number and checks it, {"show": true} shows a sketch's
// answer: by mouse on the page alone, by keyboard alone inside the host. The video is sought, never played in real time: each question is reached
// by seeking past it, as a learner skipping ahead would. After the first question
// the learner leaves and comes back: the page is closed, the host starts a fresh
// run-time with what a platform keeps, and the page opens again. Prints one JSON
// object: what each question showed, what the run-time held when the learner left,
// where the page went on, what the run-time holds at the end, and every call the page
// made to it. Every wait has its own limit, and the whole run is limited to 90 s. With SHOTS_DIR, screenshots at the
// first question and at the last answer, at 1280x720, 1024x768 and 390x844, named with
// COURSE_SHOTS (default "package-"); COURSE_THEME=dark takes them in the dark theme.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(process.env.BOLWERK_NPM + "/");
const puppeteer = require("puppeteer-core");

const [packageDir, runtimeJs, planJson, shots] = process.argv.slice(2);
const plan = JSON.parse(planJson);
const deadline = setTimeout(() => {
  console.error("course.mjs: over 90 s");
  process.exit(3);
}, 90_000);

const types = {
  ".html": "text/html; charset=utf-8",
  ".xml": "application/xml",
  ".vtt": "text/vtt; charset=utf-8",
  ".webm": "video/webm",
  ".mp4": "video/mp4",
  ".js": "text/javascript",
};

// The host page: the run-time as window.API, and the package in a frame below it.
const host = `<!doctype html><html><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="data:,">
<script src="/runtime.js"></script>
<script>
// Every call the page makes, with the run-time's error code after it.
window.calls = [];
function watched(api) {
  for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]) {
    const call = api[name].bind(api);
    api[name] = (...args) => {
      const result = call(...args);
      window.calls.push({ name, args, result: String(result), error: String(api.LMSGetLastError()) });
      return result;
    };
  }
  return api;
}
window.API = watched(new Scorm12API({ logLevel: 5 }));
// A later visit, as a platform starts one: a fresh run-time holding what it kept of
// the learner (the place, the status, the score and the suspend data).
window.relaunch = function () {
  const kept = JSON.parse(JSON.stringify(window.API.cmi));
  const api = new Scorm12API({ logLevel: 5 });
  api.loadFromJSON({
    core: { lesson_location: kept.core.lesson_location, lesson_status: kept.core.lesson_status, score: kept.core.score },
    suspend_data: kept.suspend_data,
  });
  window.API = watched(api);
};
</script>
<style>body{margin:0} iframe{border:0;width:100vw;height:100vh;display:block}</style>
</head><body><iframe id="sco" src="/package/index.html"></iframe></body></html>`;

// Serves the host page, the run-time and the package's files, with byte ranges (a
// browser seeks a video by asking for ranges).
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": types[".html"] });
    return res.end(host);
  }
  let file = null;
  if (url.pathname === "/runtime.js") file = runtimeJs;
  if (url.pathname.startsWith("/package/")) {
    const name = decodeURIComponent(url.pathname.slice("/package/".length));
    if (!name.includes("/") && !name.startsWith(".")) file = path.join(packageDir, name);
  }
  if (!file || !fs.existsSync(file)) {
    res.writeHead(404);
    return res.end();
  }
  const body = fs.readFileSync(file);
  const type = types[path.extname(file)] || "application/octet-stream";
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || "");
  if (range) {
    const start = range[1] === "" ? body.length - Number(range[2]) : Number(range[1]);
    const end = range[1] !== "" && range[2] !== "" ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    res.writeHead(206, {
      "content-type": type,
      "content-range": `bytes ${start}-${end}/${body.length}`,
      "accept-ranges": "bytes",
      "content-length": end - start + 1,
    });
    return res.end(body.subarray(start, end + 1));
  }
  res.writeHead(200, { "content-type": type, "accept-ranges": "bytes", "content-length": body.length });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"],
});
const out = { plain: null, questions: [], requests: [], responses: [], errors: [], runtime: null };

const prefix = process.env.COURSE_SHOTS || "package-";
const theme = process.env.COURSE_THEME === "dark" ? "dark" : "light";

async function watch(page) {
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: theme }]);
  // Chromium draws its media controls from data: URLs; the rest must be ours.
  page.on("request", (r) => {
    if (!r.url().startsWith("data:")) out.requests.push(r.url());
  });
  page.on("response", (r) => {
    if (!r.url().startsWith("data:")) out.responses.push(r.status());
  });
  page.on("pageerror", (e) => out.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") out.errors.push(m.text());
  });
}

// Seeks the player's video to `secs` and waits (up to 5 s) for the seek to land.
async function seek(frame, secs) {
  await frame.evaluate(
    (t) =>
      new Promise((ok, fail) => {
        const v = document.getElementById("video");
        const limit = setTimeout(() => fail(new Error(`no seek to ${t} s`)), 5_000);
        v.addEventListener("seeked", () => setTimeout(() => (clearTimeout(limit), ok()), 100), { once: true });
        v.currentTime = t;
      }),
    secs,
  );
}

async function ready(frame) {
  await frame.waitForFunction(() => document.getElementById("video").readyState >= 1, { timeout: 20_000 });
  return frame.evaluate(() => ({
    duration: document.getElementById("video").duration,
    course: JSON.parse(document.getElementById("course").textContent),
  }));
}

const quizShown = () => !document.getElementById("quiz").hidden;

// What the host's run-time holds, as it would send it to the platform (interactions
// are write-only to the page, not to the run-time's own record).
function runtime(page) {
  return page.evaluate(() => {
    const cmi = JSON.parse(JSON.stringify(window.API.cmi));
    const list = (x) => (Array.isArray(x) ? x : Object.values(x || {}));
    return {
      lesson_status: cmi.core.lesson_status,
      score_raw: cmi.core.score.raw,
      score_min: cmi.core.score.min,
      score_max: cmi.core.score.max,
      lesson_location: cmi.core.lesson_location,
      suspend_data: cmi.suspend_data,
      interactions: list(cmi.interactions).map((i) => ({
        id: i.id,
        type: i.type,
        student_response: i.student_response,
        result: i.result,
        pattern: list(i.correct_responses).length ? list(i.correct_responses)[0].pattern : "",
      })),
      last_error: String(window.API.LMSGetLastError()),
      finished: String(window.API.isTerminated()),
    };
  });
}

// 1. The page alone, with no run-time: it still asks the first question and takes
// an answer.
{
  const page = await browser.newPage();
  await watch(page);
  await page.goto(origin + "/package/index.html", { waitUntil: "load" });
  const frame = page.mainFrame();
  const { course } = await ready(frame);
  const q = course.questions[0];
  await seek(frame, q.at + 0.3);
  await frame.waitForFunction(quizShown, { timeout: 10_000 });
  const first = plan[0];
  if (first.choose !== undefined) await frame.click(`#quiz-options button:nth-child(${first.choose + 1})`);
  else if (first.number !== undefined) {
    await frame.type("#quiz-value", first.number);
    await frame.click("#quiz-check");
  } else await frame.click("#quiz-show");
  await frame.waitForFunction(() => !document.getElementById("quiz-next").hidden, { timeout: 5_000 });
  out.plain = await frame.evaluate(() => document.getElementById("quiz-result").textContent);
  await page.close();
}

// 2. Inside the host page, with the run-time: every question, then the end.
const page = await browser.newPage();
await watch(page);
await page.setViewport({ width: 1280, height: 720 });
await page.goto(origin + "/", { waitUntil: "load" });
const frame = await (await page.waitForSelector("#sco", { timeout: 10_000 })).contentFrame();
await frame.waitForSelector("#video", { timeout: 10_000 });
const { duration, course } = await ready(frame);
out.started = await runtime(page);
out.duration = duration;
for (const [k, action] of plan.entries()) {
  const q = course.questions[k];
  // Skip ahead, past the question: the player stops there and asks it.
  await seek(frame, Math.min(q.at + 0.8, duration - 0.05));
  await frame.waitForFunction(quizShown, { timeout: 10_000 });
  const asked = await frame.evaluate(() => {
    const v = document.getElementById("video");
    return {
      title: document.getElementById("quiz-title").textContent,
      ask: document.getElementById("quiz-ask").textContent,
      options: [...document.querySelectorAll("#quiz-options button")].map((b) => b.textContent),
      numberField: !document.getElementById("quiz-number").hidden,
      first: document.getElementById("quiz-first").hidden ? "" : document.getElementById("quiz-first").textContent,
      paused: v.paused,
      time: v.currentTime,
      described: document.getElementById("described").textContent,
      focused: document.activeElement ? document.activeElement.id : "",
    };
  });
  if (shots && k === 0) {
    for (const [w, h, name] of [[1280, 720, "1280x720"], [1024, 768, "1024x768"], [390, 844, "390x844"]]) {
      await page.setViewport({ width: w, height: h });
      await new Promise((ok) => setTimeout(ok, 300));
      await page.screenshot({ path: path.join(shots, `${prefix}question-${name}.png`) });
    }
    await page.setViewport({ width: 1280, height: 720 });
  }
  // Inside the host, by keyboard alone (WCAG 2.1.1): from the question, which has the
  // focus, Tab to the answer and press Enter; Enter again on Continue.
  const focused = () => frame.evaluate(() => {
    const e = document.activeElement;
    return e ? e.id || e.textContent : "";
  });
  const press = async (key, times = 1) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };
  const expect = async (want) => {
    const got = await focused();
    if (got !== want) throw new Error(`the focus is on ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
  };
  if (action.choose !== undefined) {
    await press("Tab", action.choose + 1);
    await expect(asked.options[action.choose]);
    await press("Enter");
  } else if (action.number !== undefined) {
    await press("Tab");
    await expect("quiz-value");
    await page.keyboard.type(action.number);
    await press("Enter");
  } else {
    await press("Tab");
    await expect("quiz-show");
    await press("Enter");
  }
  await frame.waitForFunction(() => !document.getElementById("quiz-next").hidden, { timeout: 5_000 });
  const result = await frame.evaluate(() => ({
    verdict: (document.querySelector("#quiz-result .verdict") || {}).className || "",
    said: [...document.querySelectorAll("#quiz-result p")].map((p) => p.textContent),
  }));
  if (shots && k === plan.length - 1) {
    for (const [w, h, name] of [[1280, 720, "1280x720"], [1024, 768, "1024x768"], [390, 844, "390x844"]]) {
      await page.setViewport({ width: w, height: h });
      await new Promise((ok) => setTimeout(ok, 300));
      await page.screenshot({ path: path.join(shots, `${prefix}answer-${name}.png`) });
    }
    await page.setViewport({ width: 1280, height: 720 });
  }
  await expect("quiz-next");
  await press("Enter");
  await frame.waitForFunction(() => document.getElementById("quiz").hidden, { timeout: 5_000 });
  // Continue plays the video on; the test goes on by seeking.
  const after = await frame.evaluate(() => {
    const v = document.getElementById("video");
    v.pause();
    return { time: v.currentTime, focused: document.activeElement ? document.activeElement.id : "" };
  });
  out.questions.push({ ...asked, ...result, after: after.time, focusedAfter: after.focused });
  if (k === 0) {
    // The learner leaves, and comes back later.
    await frame.goto("about:blank");
    out.left = await runtime(page);
    await page.evaluate(() => window.relaunch());
    await frame.goto(origin + "/package/index.html", { waitUntil: "load" });
    await ready(frame);
    await frame.waitForFunction(() => document.getElementById("video").currentTime > 0, { timeout: 10_000 });
    out.resumed = await frame.evaluate(() => ({
      time: document.getElementById("video").currentTime,
      asking: !document.getElementById("quiz").hidden,
    }));
  }
}
// The end: the last seconds, where the player reports completion.
await seek(frame, duration - 0.1);
await frame.waitForFunction(() => document.getElementById("score").textContent !== "", { timeout: 10_000 });
out.score = await frame.evaluate(() => document.getElementById("score").textContent);
out.described = await frame.evaluate(() => document.getElementById("described").textContent);
if (shots) await page.screenshot({ path: path.join(shots, `${prefix}end-1280x720.png`) });
out.runtime = await runtime(page);
// Leaving the page finishes the attempt.
await frame.goto("about:blank");
out.finished = (await runtime(page)).finished;
out.calls = await page.evaluate(() => window.calls);
await browser.close();
server.close();
clearTimeout(deadline);
console.log(JSON.stringify(out));
