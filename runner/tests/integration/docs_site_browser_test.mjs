// The docs site in a real browser: Debian's chromium, headless, driven by
// puppeteer-core (tools/browser-test, installed by tools/setup.sh; nothing
// downloads a browser). Builds the jaffle test project on the test cluster,
// runs `mrun docs generate`, serves the site with `mrun docs serve --port 0`
// and checks, as a person would: the overview lists every model, a model page
// shows its columns with their types and its compiled SQL, a Markdown
// description (a doc() block with a table) renders as HTML, search finds a
// column, the lineage link opens the graph and a click on a node moves the
// focus, the site works from file:// too; then the movies project from a
// small generated drop: search for "genre", mart_genre_year's columns, tests,
// compiled SQL, column lineage of total_revenue down to the raw table, its
// lineage graph upstream and its column view (total_revenue's upstream
// columns highlighted); and the browser console has no error. Screenshots of the pages go
// to <build>/test-outputs/docs-site/.
//
// usage: node docs_site_browser_test.mjs MRUN_BINARY SOURCE_DIR BUILD_DIR
// Exits 77 (CTest: skipped) when chromium or puppeteer-core is missing.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [mrun, sourceDir, buildDir] = process.argv.slice(2);
const chromium = "/usr/bin/chromium";
const SKIP = 77;

if (!fs.existsSync(chromium)) {
  console.log(`SKIP: ${chromium} is not installed (tools/setup.sh installs Debian's chromium)`);
  process.exit(SKIP);
}
let puppeteer;
try {
  puppeteer = createRequire(path.join(sourceDir, "tools/browser-test/package.json"))("puppeteer-core");
} catch (e) {
  console.log("SKIP: puppeteer-core is not installed in tools/browser-test (run tools/setup.sh)");
  process.exit(SKIP);
}

const work = path.join(buildDir, "test-projects", "docs_site_browser");
const project = path.join(work, "jaffle");
const screenshots = path.join(buildDir, "test-outputs", "docs-site");
const database = "docs_site_browser";

function run(args, env = process.env) {
  console.log("$ mrun " + args.join(" "));
  return execFileSync(mrun, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

let passed = 0;
const failures = [];
function check(what, ok, detail = "") {
  if (ok) passed++;
  else failures.push(what + (detail ? `: ${detail}` : ""));
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${ok || !detail ? "" : ` (${detail})`}`);
}

// The project on a fresh database of the test cluster.
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.mkdirSync(screenshots, { recursive: true });
fs.cpSync(path.join(sourceDir, "runner/tests/projects/jaffle"), project, { recursive: true });
const testPg = path.join(buildDir, "test-pg");
const server = run(["pg", "start", "--project-dir", testPg]).trim();
run(["--project-dir", testPg, "pg", "psql", "-q", "-c", `drop database if exists ${database} with (force)`]);
run(["--project-dir", testPg, "pg", "psql", "-q", "-c", `create database ${database}`]);
const env = { ...process.env, MRUN_DATABASE_URL: server.replace("/mrun?", `/${database}?`), NO_COLOR: "1" };
run(["build", "-q", "--project-dir", project], env);
run(["docs", "generate", "--project-dir", project], env);
const manifest = JSON.parse(fs.readFileSync(path.join(project, "target/manifest.json"), "utf8"));
const models = Object.values(manifest.nodes).filter((n) => n.resource_type === "model").map((n) => n.name);

// `mrun docs serve` on a free port, which it prints.
const serve = spawn(mrun, ["docs", "serve", "--port", "0", "--project-dir", project], { env });
const base = await new Promise((resolve, reject) => {
  let out = "";
  serve.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) resolve(m[0]);
  });
  serve.on("exit", (code) => reject(new Error(`mrun docs serve exited with ${code}: ${out}`)));
  setTimeout(() => reject(new Error("mrun docs serve printed no address in 10 s")), 10000);
});

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const consoleErrors = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(`${page.url()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  page.on("requestfailed", (r) => consoleErrors.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && consoleErrors.push(`${r.url()}: HTTP ${r.status()}`));

  // The overview lists every model.
  await page.goto(base, { waitUntil: "load" });
  const listed = await page.$$eval("#models a", (links) => links.map((a) => a.textContent));
  const missing = models.filter((m) => !listed.includes(m));
  check(`the overview lists all ${models.length} models`, models.length > 0 && missing.length === 0, `missing ${missing}`);
  await page.screenshot({ path: path.join(screenshots, "overview.png"), fullPage: true });

  // A model page: its columns with the database's types, its compiled SQL.
  await Promise.all([page.waitForNavigation(), page.click("#models a[href='model.jaffle_shop.orders.html']")]);
  const columns = await page.$$eval("table.columns tr", (rows) =>
    rows.slice(1).map((r) => [...r.cells].slice(0, 2).map((c) => c.textContent.trim())));
  const types = Object.fromEntries(columns);
  check("the orders page lists its columns with their types", types.order_id === "bigint" && types.order_date === "date",
        JSON.stringify(columns));
  const tests = await page.$eval("table.columns", (t) => t.textContent);
  check("the orders page shows the tests of its columns", tests.includes("unique") && tests.includes("relationships"));
  const compiled = await page.$eval("#compiled-sql code", (c) => c.textContent).catch(() => "");
  check("the orders page shows its compiled SQL", /from\s+"[^"]+"\."stg_orders"/.test(compiled) && !compiled.includes("{{"),
        compiled.slice(0, 200));
  const highlighted = await page.$$eval("#compiled-sql .k", (k) => k.length);
  check("the compiled SQL is highlighted", highlighted > 0);
  await page.screenshot({ path: path.join(screenshots, "model-orders.png"), fullPage: true });

  // Descriptions are Markdown: the doc() block of stg_orders.status is a table.
  await page.goto(base + "model.jaffle_shop.stg_orders.html", { waitUntil: "load" });
  const statusCells = await page.$$eval("table.columns > tbody > tr", (rows) => rows.filter((r) => r.cells[0].textContent.trim() === "status")
    .map((r) => [...r.querySelectorAll("td.description table td")].map((c) => c.textContent.trim())));
  check("a Markdown description (the doc() block of stg_orders.status) renders as a table",
        statusCells.length === 1 && statusCells[0].includes("completed") && statusCells[0].includes("Order was returned"),
        JSON.stringify(statusCells));
  const statusIndexed = await page.evaluate(() => new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = "search_index.js";
    script.onload = () => resolve((window.mrunSearchIndex.find((e) => e.n === "stg_orders")?.c || [])
      .find((c) => c[0] === "status")?.[1] || "");
    document.head.appendChild(script);
  }));
  check("search indexes the description's words, not its Markdown",
        statusIndexed.includes("Order has been shipped") && !statusIndexed.includes("|") && !statusIndexed.includes("---"),
        statusIndexed);

  // Search from the header finds a column.
  await page.type("header input[name=q]", "first_order");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  await page.waitForSelector("#search-results li");
  const results = await page.$$eval("#search-results li", (items) => items.map((li) => li.textContent));
  check("search for a column finds the model that has it",
        results.length > 0 && results[0].startsWith("customers") && results[0].includes("first_order"),
        JSON.stringify(results));
  await page.screenshot({ path: path.join(screenshots, "search.png"), fullPage: true });

  // The lineage link, then a click on a node moves the focus.
  await page.goto(base + "model.jaffle_shop.orders.html", { waitUntil: "load" });
  await Promise.all([page.waitForNavigation(), page.click("a.lineage-link")]);
  check("the lineage link opens the lineage of orders", page.url().endsWith("lineage.html?id=model.jaffle_shop.orders&u=2&d=2"),
        page.url());
  await page.waitForSelector(".lineage-graph svg g.node");  // drawn by viz.js (Graphviz) in the page
  const drawn = await page.$$eval(".lineage-graph svg g.node title", (t) => t.map((x) => x.textContent));
  const names = await page.$$eval(".lineage-graph svg g.node text", (t) => t.map((x) => x.textContent));
  check("the graph shows parents and children", ["stg_orders", "stg_payments", "customers", "raw_orders"].every((n) =>
        names.includes(n)), JSON.stringify(names) + JSON.stringify(drawn));
  await page.screenshot({ path: path.join(screenshots, "lineage-orders.png"), fullPage: true });
  const node = await page.$("g.node a[*|href='lineage.html?id=model.jaffle_shop.stg_orders&u=2&d=2']");
  check("the graph links its nodes", node !== null);
  if (node) {
    await Promise.all([page.waitForNavigation(), node.click()]);
    check("a click on a node moves the focus", page.url().endsWith("lineage.html?id=model.jaffle_shop.stg_orders&u=2&d=2"),
          page.url());
    await page.waitForSelector(".lineage-graph svg g.node");
    const focused = await page.$eval("#lineage-title", (h) => h.textContent);
    check("the page names the new focus", focused.startsWith("Lineage of stg_orders"), focused);
    await Promise.all([page.waitForNavigation(), page.click("a.depth-up")]);
    check("a depth link changes the depth", /stg_orders&u=1&d=2$/.test(page.url()), page.url());
  }
  // The same site from file://, no server: search loads its index by a script tag.
  const site = path.join(project, "target/docs");
  await page.goto("file://" + path.join(site, "search.html") + "?q=order_date", { waitUntil: "load" });
  const offline = await page.$$eval("#search-results li a", (links) => links.map((a) => a.textContent));
  check("the site works from file:// (search finds orders)", offline.includes("orders"), JSON.stringify(offline));

  // The movies project (a small generated drop), its site from file://: the
  // overview, search for "genre", the mart's page with its column lineage,
  // and its lineage graph.
  const movies = path.join(work, "movies");
  fs.mkdirSync(movies, { recursive: true });
  for (const part of ["project.yml", "models", "macros", "seeds", "snapshots", "tests"])
    if (fs.existsSync(path.join(sourceDir, part))) fs.cpSync(path.join(sourceDir, part), path.join(movies, part), { recursive: true });
  const drop = path.join(work, "movies-drop");
  execFileSync(path.join(buildDir, "moviegen"), ["--scale", "0.01", "--seed", "5", "--out-dir", drop]);
  run(["--project-dir", testPg, "pg", "psql", "-q", "-c", `drop database if exists ${database}_movies with (force)`]);
  run(["--project-dir", testPg, "pg", "psql", "-q", "-c", `create database ${database}_movies`]);
  const moviesEnv = { ...env, MRUN_DATABASE_URL: server.replace("/mrun?", `/${database}_movies?`) };
  run(["build", "-q", "--project-dir", movies, "--vars", `{dataset_uri: '${drop}'}`], moviesEnv);
  run(["docs", "generate", "--project-dir", movies, "--vars", `{dataset_uri: '${drop}'}`], moviesEnv);
  const moviesManifest = JSON.parse(fs.readFileSync(path.join(movies, "target/manifest.json"), "utf8"));
  const moviesModels = Object.values(moviesManifest.nodes).filter((n) => n.resource_type === "model").map((n) => n.name);
  const moviesSite = "file://" + path.join(movies, "target/docs") + "/";
  await page.goto(moviesSite + "index.html", { waitUntil: "load" });
  const moviesListed = await page.$$eval("#models a", (links) => links.map((a) => a.textContent));
  check(`the movies overview lists all ${moviesModels.length} models`,
        moviesModels.length > 10 && moviesModels.every((m) => moviesListed.includes(m)));
  await page.screenshot({ path: path.join(screenshots, "movies-overview.png"), fullPage: true });
  await page.goto(moviesSite + "search.html?q=genre", { waitUntil: "load" });
  await page.waitForSelector("#search-results li");
  const genreResults = await page.$$eval("#search-results li a", (links) => links.map((a) => a.textContent));
  check("search for genre finds mart_genre_year", genreResults.includes("mart_genre_year"), JSON.stringify(genreResults));
  await page.goto(moviesSite + "model.movies.mart_genre_year.html", { waitUntil: "load" });
  const martRows = await page.$$eval("table.columns tr", (rows) =>
    Object.fromEntries(rows.slice(1).map((r) => [r.cells[0].textContent.trim(), r.textContent])));
  check("mart_genre_year shows its columns and tests", "total_revenue" in martRows &&
        Object.values(martRows).some((row) => row.includes("not_null")), Object.keys(martRows).join(","));
  check("the column lineage of total_revenue reaches raw.movies_metadata.revenue",
        (martRows.total_revenue || "").includes("raw.movies_metadata.revenue"), martRows.total_revenue);
  const martSql = await page.$eval("#compiled-sql code", (c) => c.textContent).catch(() => "");
  check("mart_genre_year shows its compiled SQL", martSql.includes("bridge_movie_genre") && !martSql.includes("{{"));
  await page.screenshot({ path: path.join(screenshots, "movies-mart_genre_year.png"), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click("a.lineage-link")]);
  await page.waitForSelector(".lineage-graph svg g.node");
  const upstream = await page.$$eval(".lineage-graph svg g.node text", (t) => t.map((x) => x.textContent));
  check("the lineage of mart_genre_year shows dim_genre, bridge_movie_genre and fct_movie upstream",
        ["dim_genre", "bridge_movie_genre", "fct_movie"].every((n) => upstream.includes(n)), JSON.stringify(upstream));
  await page.screenshot({ path: path.join(screenshots, "movies-lineage-mart_genre_year.png"), fullPage: true });

  // The column view of the lineage page: choosing total_revenue highlights
  // and lists the columns it comes from, through fct_movie down to the raw table.
  await page.waitForSelector("#column-graph svg g.node");
  await page.select("#column-select", "total_revenue");
  const revenueFrom = await page.$$eval("#column-sources li", (items) => items.map((li) => li.textContent));
  check("the column view lists what total_revenue comes from, fct_movie.revenue ... raw.movies_metadata.revenue",
        revenueFrom.some((c) => /\.fct_movie\.revenue$/.test(c)) && revenueFrom.includes("raw.movies_metadata.revenue"),
        JSON.stringify(revenueFrom));
  const lit = await page.$$eval(".column-graph svg g.node.on", (nodes) => nodes.map((g) => g.id));
  check("the column picture highlights total_revenue, fct_movie.revenue and raw.movies_metadata.revenue",
        lit.some((id) => /mart_genre_year\.total_revenue$/.test(id)) && lit.some((id) => /\.fct_movie\.revenue$/.test(id)) &&
        lit.includes("col-raw.movies_metadata.revenue"), JSON.stringify(lit));
  const litEdges = await page.$$eval(".column-graph svg g.edge.on", (edges) => edges.length);
  check("the column picture highlights the edges between them", litEdges >= 2, `${litEdges} edges`);
  const dimmed = await page.$$eval(".column-graph svg g.node:not(.on)", (nodes) => nodes.length);
  check("columns total_revenue does not come from are not highlighted", dimmed > 0, `${dimmed} others`);
  await page.screenshot({ path: path.join(screenshots, "movies-column-lineage-total_revenue.png"), fullPage: true });
  await page.goto("about:blank");
  await page.goto(moviesSite + "lineage.html?id=model.movies.mart_genre_year&u=1&d=1#column=total_revenue", { waitUntil: "load" });
  await page.waitForSelector("#column-sources li");
  const fromAddress = await page.$$eval("#column-sources li", (items) => items.map((li) => li.textContent));
  check("#column=total_revenue in the address chooses the column", fromAddress.includes("raw.movies_metadata.revenue"),
        JSON.stringify(fromAddress));
  check("the browser console has no error", consoleErrors.length === 0, consoleErrors.join("; "));
} finally {
  await browser.close();
  serve.kill("SIGINT");
}
console.log(`screenshots in ${screenshots}`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
