// Time to interactive of the docs site's overview page in headless
// Chromium (Debian's chromium, driven by puppeteer-core from
// tools/browser-test): from the start of the navigation to index.html until
// every model's link is in the page and the search box answers a keystroke;
// then search.html for one model until its result is listed. Each measured
// RUNS times in a fresh tab (browser started once), the median printed.
//
// usage: node overview_interactive.mjs SITE_DIR EXPECTED_MODELS [RUNS]
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [site, expectedText, runsText] = process.argv.slice(2);
const expected = Number(expectedText);
const runs = Number(runsText || 5);
const here = path.dirname(fileURLToPath(import.meta.url));
const puppeteer = createRequire(path.join(here, "../../browser-test/package.json"))("puppeteer-core");

const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const errors = [];
async function measure(url, ready) {
  const page = await browser.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const t0 = performance.now();
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
  const detail = await ready(page);
  const ms = performance.now() - t0;
  const timing = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0];
    return { domInteractive: n.domInteractive, load: n.loadEventEnd };
  });
  await page.close();
  return { ms, detail, timing };
}

// The overview: every model listed, and the search box takes a keystroke.
async function overviewReady(page) {
  await page.waitForFunction((n) => document.querySelectorAll("#models a").length >= n, { timeout: 60000 }, expected);
  await page.type("header input[name=q]", "m");
  const value = await page.$eval("header input[name=q]", (i) => i.value);
  if (value !== "m") throw new Error("the search box did not take the keystroke");
  // (page.$$eval would make a handle of each of the 10,000 links: seconds of the driver's, not the page's)
  return await page.evaluate(() => document.querySelectorAll("#models a").length);
}
// search.html for the last model: its result listed.
async function searchReady(page) {
  await page.waitForSelector("#search-results li", { timeout: 60000 });
  return await page.evaluate(() => document.querySelectorAll("#search-results li").length);
}

const index = "file://" + path.resolve(site, "index.html");
const search = "file://" + path.resolve(site, "search.html") + "?q=m" + String(expected - 1).padStart(5, "0");
try {
  await measure(index, overviewReady);  // warm-up: the browser's first page
  for (const [name, url, ready, target] of [["overview interactive", index, overviewReady, 2000],
                                            ["search result listed", search, searchReady, null]]) {
    const results = [];
    for (let r = 0; r < runs; r++) results.push(await measure(url, ready));
    const m = median(results.map((x) => x.ms));
    const last = results[results.length - 1];
    console.log(`${name}: median ${(m / 1000).toFixed(2)} s  runs: ${results.map((x) => (x.ms / 1000).toFixed(2)).join(" ")}` +
                `  (${last.detail} ${name.startsWith("overview") ? "model links" : "results"}; DOM interactive at ` +
                `${(last.timing.domInteractive / 1000).toFixed(2)} s, load at ${(last.timing.load / 1000).toFixed(2)} s)` +
                (target ? `  (target < ${target / 1000} s: ${m < target ? "met" : "MISSED"})` : ""));
  }
} finally {
  await browser.close();
}
if (errors.length) {
  console.log("console errors: " + errors.join("; "));
  process.exit(1);
}
