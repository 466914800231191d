// IB's overview tab (/tab/) in headless Chromium, outside Teams as in dev mode: the
// page starts without teams-js (no token) and the dev server takes the loopback
// request as its test user. Checks, in the light and the dark theme:
//   - the cases table filters (a status, then free text) and sorts;
//   - a case opens to its versions, assessment with quotes, and audit log;
//   - the year's charts carry the API's numbers, in the chart (Chart.js's data) and in
//     the table beside it;
//   - the agenda and its total; the print stylesheet;
//   - export: the CSV and .xlsx of the filtered table arrive (saved into --downloads).
// Screenshots overview-*.png go to --shots; a JSON summary of what was seen to --out.
//
//   node e2e/overview.mjs --url http://127.0.0.1:PORT --shots DIR --downloads DIR --out FILE
//   node e2e/overview.mjs --url http://127.0.0.1:PORT --no-access   (a user without a right)
//
// Exit 0 when every check passed, 1 with the reason otherwise.
import fs from "node:fs";
import path from "node:path";
import { launch } from "./browser.mjs";

function args() {
  const out = { timeout: 20000 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i].replace(/^--/, "");
    if (key === "no-access") out.noAccess = true;
    else out[key] = argv[++i];
  }
  for (const key of out.noAccess ? ["url"] : ["url", "shots", "downloads", "out"]) {
    if (!out[key]) {
      console.error("usage: overview.mjs --url URL --shots DIR --downloads DIR --out FILE");
      process.exit(2);
    }
  }
  return out;
}

const opts = args();
const log = (...m) => console.log("[overview]", ...m);

function check(ok, message) {
  if (!ok) throw new Error(`check failed: ${message}`);
}

function same(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${message}\n  expected ${e}\n  got      ${a}`);
}

async function api(page, pathAndQuery) {
  return page.evaluate(async (url) => {
    const r = await fetch(url);
    return { status: r.status, body: await r.json() };
  }, pathAndQuery);
}

async function shot(page, name, options = {}) {
  const file = path.join(opts.shots, name);
  await page.screenshot({ path: file, ...options });
  log("screenshot", file);
}

async function rowsShown(page) {
  return page.$$eval("#cases-body tr[data-id]", (trs) => trs.map((tr) => ({
    id: tr.dataset.id,
    status: tr.querySelector('[data-col="status"]')?.textContent.trim(),
  })));
}

async function waitForCases(page) {
  await page.waitForFunction(() => document.querySelector("#cases")?.getAttribute("aria-busy") === "false");
}

async function casesPart(page, theme, seen) {
  await waitForCases(page);
  const first = await api(page, "/tab/api/cases?lang=sv&page_size=50&sort=id&order=desc");
  check(first.status === 200, `GET /tab/api/cases answered ${first.status}`);
  const all = first.body;
  check(all.total >= 5, `the register needs cases to show (total ${all.total})`);
  const shown = await rowsShown(page);
  same(shown.map((r) => r.id), all.rows.map((r) => r.id), "the table shows the API's first page, newest first");
  const count = await page.textContent("#cases-count");
  check(count.includes(String(all.total)) || count.includes(all.total.toLocaleString("sv-SE")),
    `the count "${count}" names the total ${all.total}`);

  // A status filter: every row then has that status, and as many as the API says.
  const status = all.filters.status.find((o) => o.count > 0 && o.count < all.total) || all.filters.status[0];
  await page.selectOption("#f-status", String(status.value));
  await page.waitForFunction((n) => document.querySelectorAll("#cases-body tr[data-id]").length === n
    && document.querySelector("#cases").getAttribute("aria-busy") === "false", Math.min(status.count, 50));
  const filtered = await rowsShown(page);
  check(filtered.every((r) => r.status === status.label),
    `every row has the status ${status.label}: ${JSON.stringify(filtered.map((r) => r.status))}`);
  const expected = await api(page, `/tab/api/cases?lang=sv&status=${encodeURIComponent(status.value)}&page_size=50&sort=id&order=desc`);
  same(filtered.map((r) => r.id), expected.body.rows.map((r) => r.id), `the rows with status ${status.value}`);
  seen.status_filter = { value: status.value, label: status.label, rows: filtered.length, total: expected.body.total };
  await shot(page, `overview-cases-${theme}.png`, { fullPage: false });

  // Export of the filtered table: both files arrive, named by the server.
  if (theme === "light") {
    for (const format of ["csv", "xlsx"]) {
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: opts.timeout }),
        page.click(`#export-${format}`),
      ]);
      const name = download.suggestedFilename();
      check(name.endsWith(`.${format}`), `the ${format} download is named ${name}`);
      const file = path.join(opts.downloads, name);
      await download.saveAs(file);
      check(fs.statSync(file).size > 0, `${name} is not empty`);
      seen[`export_${format}`] = { file, name, filter: { status: status.value }, total: expected.body.total };
      log("downloaded", file);
    }
    const href = await page.getAttribute("#export-csv", "href");
    check(href.includes(`status=${encodeURIComponent(status.value)}`), `the CSV link carries the filter: ${href}`);
  }

  // Free text: a case's id finds that case alone.
  await page.click("#f-clear");
  const target = all.rows[Math.min(3, all.rows.length - 1)];
  await page.fill("#f-q", target.id);
  await page.waitForFunction((id) => {
    const rows = document.querySelectorAll("#cases-body tr[data-id]");
    return rows.length === 1 && rows[0].dataset.id === id
      && document.querySelector("#cases").getAttribute("aria-busy") === "false";
  }, target.id, { timeout: opts.timeout });
  seen.text_filter = { q: target.id, rows: 1 };

  // Sorting by cost, descending by default for amounts; aria-sort says so.
  await page.fill("#f-q", "");
  await page.click("#f-clear");
  await waitForCases(page);
  await page.click('button.sort[data-sort="cost"]');
  await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"] button[data-sort="cost"]')
    && document.querySelector("#cases").getAttribute("aria-busy") === "false");
  const byCost = await api(page, "/tab/api/cases?lang=sv&page_size=50&sort=cost&order=desc");
  same((await rowsShown(page)).map((r) => r.id), byCost.body.rows.map((r) => r.id), "the rows sorted by cost");
  await page.click('button.sort[data-sort="id"]');
  await waitForCases(page);
  return target;
}

async function casePart(page, theme, target, seen) {
  // Keyboard: the case's button is reached and opened with Enter.
  await page.fill("#f-q", target.id);
  await page.waitForFunction((id) => document.querySelectorAll("#cases-body tr[data-id]").length === 1
    && document.querySelector("#cases-body tr").dataset.id === id, target.id);
  await page.focus(`#cases-body tr[data-id="${target.id}"] button.link`);
  await page.keyboard.press("Enter");
  await page.waitForSelector("dialog#case[open]");
  const detail = await api(page, `/tab/api/cases/${encodeURIComponent(target.id)}?lang=sv`);
  check(detail.status === 200, `GET the case answered ${detail.status}`);
  const title = await page.textContent("#case-title");
  check(title.includes(target.id), `the dialog is about ${target.id}: ${title}`);
  const versions = await page.$$eval("#case-body details.version", (d) => d.length);
  same(versions, detail.body.versions.length, "one section a version");
  const quotes = await page.$$eval("#case-body ul.findings blockquote p", (q) => q.map((x) => x.textContent));
  const apiQuotes = detail.body.versions.flatMap((v) => (v.assessment?.findings || []).map((f) => f.quote).filter(Boolean));
  same(quotes.length, apiQuotes.length, "every finding's quote from the strategy is shown");
  const audit = await page.$$eval("#case-body table.audit tbody tr", (rows) => rows.length);
  same(audit, detail.body.audit.length, "every audit entry is a row");
  seen.case = { id: target.id, versions, quotes: quotes.length, audit };
  await shot(page, `overview-case-${theme}.png`);
  await page.keyboard.press("Escape");
  await page.waitForSelector("dialog#case:not([open])", { state: "hidden" });
  await page.fill("#f-q", "");
}

async function yearPart(page, theme, seen) {
  await page.click("#tab-year");
  await page.waitForSelector("body[data-summary-ready]");
  const summary = (await api(page, "/tab/api/summary?lang=sv")).body;
  const total = await page.textContent("#total-cost");
  const digits = (s) => s.replace(/\D/g, "");
  same(digits(total), String(summary.total_cost), "the year's total cost");
  const charts = {};
  for (const key of ["by_kind", "by_owner", "by_status", "by_direction", "by_country"]) {
    const items = summary[key];
    const fromChart = await page.evaluate((k) => {
      const chart = window.Chart.getChart(document.getElementById(`chart-${k}`));
      if (!chart) return null;
      return { labels: chart.data.labels, data: chart.data.datasets[0].data, drawn: chart.chartArea.width > 0 };
    }, key);
    const fromTable = await page.$$eval(`#table-${key} tbody tr`, (rows) => rows.map((tr) => ({
      label: tr.querySelector("th").textContent,
      count: Number(tr.children[1].dataset.value),
      cost: Number(tr.children[2].dataset.value),
    })));
    same(fromTable, items.map((i) => ({ label: i.label ?? i.key, count: i.count ?? 0, cost: i.cost ?? 0 })),
      `the table beside the chart ${key}`);
    if (items.length) {
      check(fromChart && fromChart.drawn, `the chart ${key} is drawn: ${JSON.stringify(fromChart)} (Chart.js ${await page.evaluate(() => typeof window.Chart)})`);
      const field = ["by_kind", "by_owner"].includes(key) ? "cost" : "count";
      same(fromChart.labels, items.map((i) => i.label ?? i.key), `the chart ${key}'s labels`);
      same(fromChart.data, items.map((i) => Number(i[field] ?? 0)), `the chart ${key}'s values (${field})`);
    }
    charts[key] = fromTable;
  }
  seen.summary = { year: summary.year, total_cost: summary.total_cost, charts };
  await shot(page, `overview-year-${theme}.png`, { fullPage: true });
}

async function agendaPart(page, theme, seen) {
  await page.click("#tab-agenda");
  await page.waitForSelector("body[data-agenda-ready]");
  const agenda = (await api(page, "/tab/api/agenda?lang=sv")).body;
  const ids = await page.$$eval("#agenda-body tr", (rows) => rows.map((r) => r.dataset.id));
  same(ids, agenda.items.map((i) => i.id), "the agenda's cases in the card's order");
  const total = await page.textContent("#agenda-total");
  same(total.replace(/\D/g, ""), String(agenda.total_cost), "the agenda's total cost");
  seen.agenda = { meeting_date: agenda.meeting_date, items: ids.length, total_cost: agenda.total_cost };
  await shot(page, `overview-agenda-${theme}.png`, { fullPage: true });
  if (theme === "light") {
    await page.emulateMedia({ media: "print" });
    const hidden = await page.$eval("#tablist", (el) => getComputedStyle(el).display === "none");
    check(hidden, "the print stylesheet leaves the tabs out");
    await shot(page, "overview-agenda-print.png", { fullPage: true });
    await page.emulateMedia({ media: "screen" });
  }
  await page.click("#tab-cases");
}

async function keyboardTabs(page) {
  await page.focus("#tab-cases");
  await page.keyboard.press("ArrowRight");
  check(await page.$eval("#tab-year", (t) => t.getAttribute("aria-selected") === "true"), "ArrowRight selects the next tab");
  await page.keyboard.press("ArrowLeft");
  check(await page.$eval("#tab-cases", (t) => t.getAttribute("aria-selected") === "true"), "ArrowLeft goes back");
}

/** A user with no right: the page says why (the server's message) and shows no data. */
async function noAccess(context, problems) {
  const page = await context.newPage();
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  await page.goto(`${opts.url}/tab/`);
  await page.waitForSelector("#error:not([hidden])", { timeout: opts.timeout });
  const cases = await api(page, "/tab/api/cases?lang=sv");
  check(cases.status === 403, `the API refuses the user: ${cases.status}`);
  same((await page.textContent("#error")).trim(), cases.body.message, "the page shows the server's reason");
  check(await page.$eval("#main", (m) => m.hidden), "no register is shown");
  same(await page.$$eval("#cases-body tr", (rows) => rows.length), 0, "no rows");
  await page.close();
}

/** The configuration page outside Teams: its text, no error. */
async function configPage(context, problems) {
  const page = await context.newPage();
  page.on("pageerror", (err) => problems.push(`config page error: ${err.message}`));
  await page.goto(`${opts.url}/tab/config`);
  await page.waitForFunction(() => document.getElementById("config-status")?.textContent.length > 0);
  same(await page.textContent("#config-title"), "IB:s översikt", "the configuration page's title");
  await page.close();
}

async function main() {
  if (opts.noAccess) {
    const { context, blocked, close } = await launch();
    const problems = [];
    try {
      await noAccess(context, problems);
      check(blocked.length === 0, `requests left the machine: ${blocked.join(", ")}`);
      check(problems.length === 0, problems.join("\n"));
      log("all checks passed");
    } finally {
      await close();
    }
    return;
  }
  fs.mkdirSync(opts.shots, { recursive: true });
  fs.mkdirSync(opts.downloads, { recursive: true });
  const { context, blocked, close } = await launch({ viewport: { width: 1366, height: 900 } });
  const problems = [];
  const seen = {};
  try {
    for (const theme of ["light", "dark"]) {
      const page = await context.newPage();
      page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
      page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
      });
      const query = theme === "dark" ? "?theme=dark" : "";
      await page.goto(`${opts.url}/tab/${query}`);
      await page.waitForSelector("body[data-ready]", { timeout: opts.timeout });
      check(await page.$eval("html", (el) => el.dataset.theme) === (theme === "dark" ? "dark" : "default"), "the theme");
      check(await page.$eval("html", (el) => el.lang) === "sv", "Swedish by default");
      const target = await casesPart(page, theme, seen);
      await casePart(page, theme, target, seen);
      await yearPart(page, theme, seen);
      await agendaPart(page, theme, seen);
      if (theme === "light") await keyboardTabs(page);
      await page.close();
    }
    // The personal tab "Mina ärenden": the user's own cases only, without the IB parts.
    const mine = await context.newPage();
    await mine.goto(`${opts.url}/tab/?view=mine`);
    await mine.waitForSelector("body[data-ready]", { timeout: opts.timeout });
    same(await mine.textContent("#title"), "Mina ärenden", "the personal tab's title");
    check(await mine.$eval("#tab-year", (t) => t.hidden), "the personal tab has no year part");
    const own = (await api(mine, "/tab/api/cases?lang=sv&view=mine&page_size=50&sort=id&order=desc")).body;
    same((await rowsShown(mine)).map((r) => r.id), own.rows.map((r) => r.id), "the personal tab's rows");
    // What IB asked for stands beside "Begärd komplettering", as the API gives it.
    const asked = own.rows.filter((r) => r.ib_request);
    check(asked.length > 0, "the dev user has a case IB asked to complete");
    for (const row of asked) {
      const shown = await mine.textContent(`tr[data-id="${row.id}"] td[data-col="status"] .ib-request`);
      same(shown.replace(/\s+/g, " ").trim(), `IB ber om: ${row.ib_request}`, `IB's request on ${row.id}`);
    }
    seen.mine = { rows: own.total };
    await mine.close();

    // High contrast (Teams' "contrast" theme) draws too.
    const contrast = await context.newPage();
    await contrast.goto(`${opts.url}/tab/?theme=contrast`);
    await contrast.waitForSelector("body[data-ready]", { timeout: opts.timeout });
    same(await contrast.$eval("body", (b) => getComputedStyle(b).backgroundColor), "rgb(0, 0, 0)", "the contrast theme");
    await contrast.click("#tab-year");
    await contrast.waitForSelector("body[data-summary-ready]");
    await shot(contrast, "overview-year-contrast.png", { fullPage: true });
    await contrast.close();

    await configPage(context, problems);

    // English for an English locale (outside Teams: ?lang=en).
    const page = await context.newPage();
    await page.goto(`${opts.url}/tab/?lang=en`);
    await page.waitForSelector("body[data-ready]", { timeout: opts.timeout });
    check(await page.textContent("#tab-year") === "This year", "the English tab names");
    check(await page.$eval("html", (el) => el.lang) === "en", "lang=en");
    await page.close();
    check(blocked.length === 0, `requests left the machine: ${blocked.join(", ")}`);
    check(problems.length === 0, problems.join("\n"));
    fs.writeFileSync(opts.out, JSON.stringify(seen, null, 2));
    log("all checks passed");
  } finally {
    await close();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err.stack || String(err));
  process.exit(1);
});
