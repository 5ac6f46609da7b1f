// A screenshot of a web page in Debian's Chromium (puppeteer-core, from the cache the
// course test fills: ~/.cache/bolwerk-npm), for scripts/screenshots.sh:
//   node page-shot.mjs URL OUT.png WIDTH HEIGHT light|dark
// The whole page, however long, at that width.
import { createRequire } from "node:module";

const require = createRequire(process.env.BOLWERK_NPM + "/");
const puppeteer = require("puppeteer-core");
const [url, out, width, height, theme] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const page = await browser.newPage();
await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: theme }]);
await page.setViewport({ width: Number(width), height: Number(height) });
await page.goto(url, { waitUntil: "load", timeout: 20_000 });
await page.screenshot({ path: out, fullPage: true });
await browser.close();
