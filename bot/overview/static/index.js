// IB's overview: the case register, the year's costs in charts (each with its table),
// the next meeting's agenda and the table's export. The page carries no data: it asks
// /tab/api/* with the user's Teams token (none outside Teams, in dev mode).
import { langOf, translator } from "./strings.js";
import { connect } from "./teams.js";

const API = "/tab/api";
const PAGE_SIZE = 50;
const FILTERS = ["status", "owner", "kind", "unit", "year"];
const COLUMNS = [
  // key (the row's field and the sort field), the label's field, a number?
  { key: "id" },
  { key: "title" },
  { key: "kind", label: "kind_label" },
  { key: "unit" },
  { key: "owner", label: "owner_label" },
  { key: "verdict", label: "verdict_label" },
  { key: "priority", label: "priority_label" },
  { key: "status", label: "status_label" },
  { key: "cost", number: true },
  { key: "meeting_date" },
  { key: "review_due" },
];
const CHARTS = [
  { key: "by_kind", title: "byKind", type: "bar", value: "cost", head: "col_kind", horizontal: true, stacked: true },
  { key: "by_owner", title: "byOwner", type: "bar", value: "cost", head: "col_owner", horizontal: true, stacked: true },
  { key: "by_status", title: "byStatus", type: "doughnut", value: "count", head: "col_status" },
  { key: "by_direction", title: "byDirection", type: "bar", value: "count", head: "col_direction" },
  { key: "by_country", title: "byCountry", type: "bar", value: "count", head: "col_country", horizontal: true },
];

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

const state = {
  lang: "sv",
  t: translator("sv"),
  host: null,
  view: params.get("view") === "mine" ? "mine" : null,
  filters: { status: "", owner: "", kind: "", unit: "", year: "", q: "" },
  sort: "id",
  order: "desc",
  page: 1,
  total: 0,
  summaryYear: "",
  summary: null,
  charts: [],
  loaded: { year: false, agenda: false },
  years: [],
};

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// --- the API -------------------------------------------------------------------------

async function headers() {
  const token = await state.host.getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function apiUrl(path, query = {}) {
  const url = new URL(`${API}/${path}`, location.origin);
  for (const [key, value] of Object.entries(query)) {
    if (value === "" || value === null || value === undefined) continue;
    url.searchParams.append(key, String(value));
  }
  url.searchParams.set("lang", state.lang);
  return url;
}

async function request(url) {
  let response;
  try {
    response = await fetch(url, { headers: await headers(), credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", state.t("errorNetwork"));
  }
  if (!response.ok) {
    let body = {};
    try { body = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, body.error || String(response.status),
      body.message || `${response.status} ${response.statusText}`);
  }
  return response;
}

async function getJson(path, query) {
  const response = await request(apiUrl(path, query));
  return response.json();
}

// --- formatting ----------------------------------------------------------------------

function locale() { return state.lang === "en" ? "en-GB" : "sv-SE"; }

function money(amount) {
  if (amount === null || amount === undefined || amount === "") return "";
  return new Intl.NumberFormat(locale(), {
    style: "currency", currency: "SEK", maximumFractionDigits: 0,
  }).format(Number(amount));
}

function count(n) { return new Intl.NumberFormat(locale()).format(Number(n || 0)); }

function when(iso) {
  if (!iso) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short",
  }).format(d);
}

/** An element with attributes and children (strings become text, never HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// --- messages ------------------------------------------------------------------------

function notice(text) { $("notice").textContent = text; }

function showError(err) {
  const box = $("error");
  box.textContent = err instanceof ApiError && err.status ? err.message
    : state.t("error", { message: err?.message || String(err) });
  box.hidden = false;
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
}

// --- language and theme --------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = state.t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("aria-label", state.t(el.dataset.i18nLabel));
  }
  const title = state.view === "mine" ? state.t("titleMine") : state.t("title");
  $("title").textContent = title;
  document.title = `${title} – Strategikollen`;
}

function applyTheme(theme) {
  const known = ["default", "dark", "contrast"];
  document.documentElement.dataset.theme = known.includes(theme) ? theme : "default";
  if (state.summary) drawCharts(state.summary);
}

// --- tabs ----------------------------------------------------------------------------

function tabs() { return [...document.querySelectorAll('[role="tab"]')].filter((tab) => !tab.hidden); }

function selectTab(tab, focus = false) {
  notice("");
  for (const other of tabs()) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
  if (focus) tab.focus();
  if (tab.id === "tab-year" && !state.loaded.year) loadSummary();
  if (tab.id === "tab-agenda" && !state.loaded.agenda) loadAgenda();
  if (tab.id === "tab-year" && state.summary) drawCharts(state.summary);
}

function setUpTabs() {
  for (const tab of tabs()) tab.addEventListener("click", () => selectTab(tab));
  $("tablist").addEventListener("keydown", (event) => {
    const list = tabs();
    const at = list.indexOf(document.activeElement);
    if (at < 0) return;
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: list.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    selectTab(list[(moves[event.key] + list.length) % list.length], true);
  });
}

// --- the cases -----------------------------------------------------------------------

function caseQuery() {
  const query = { ...state.filters, sort: state.sort, order: state.order };
  if (state.view) query.view = state.view;
  return query;
}

function renderHead() {
  const row = $("cases-head");
  row.replaceChildren();
  for (const column of COLUMNS) {
    const label = state.t(`col_${column.key}`);
    const sorted = state.sort === column.key;
    const th = h("th", {
      scope: "col",
      class: column.number ? "num" : null,
      "aria-sort": sorted ? (state.order === "asc" ? "ascending" : "descending") : "none",
    });
    const arrow = sorted ? (state.order === "asc" ? "▲" : "▼") : "";
    th.append(h("button", {
      type: "button", class: "sort", "data-sort": column.key,
      title: state.t("sortBy", { column: label }),
      onclick: () => {
        if (state.sort === column.key) state.order = state.order === "asc" ? "desc" : "asc";
        else { state.sort = column.key; state.order = column.number ? "desc" : "asc"; }
        state.page = 1;
        loadCases();
      },
    }, label, h("span", { class: "arrow", "aria-hidden": "true", text: arrow })));
    row.append(th);
  }
}

function renderFilterOptions(filters) {
  for (const name of FILTERS) {
    const select = $(`f-${name}`);
    const options = filters?.[name] || [];
    const current = state.filters[name];
    select.replaceChildren(h("option", { value: "", text: state.t("all") }));
    for (const option of options) {
      select.append(h("option", { value: option.value }, `${option.label ?? option.value} (${count(option.count)})`));
    }
    if (current && !options.some((o) => String(o.value) === current)) {
      select.append(h("option", { value: current, text: current }));
    }
    select.value = current;
  }
  const years = (filters?.year || []).map((o) => String(o.value));
  if (years.length) state.years = years;
}

function renderRows(rows) {
  const body = $("cases-body");
  body.replaceChildren();
  if (!rows.length) {
    body.append(h("tr", {}, h("td", { colspan: COLUMNS.length, class: "empty", text: state.t("none") })));
    return;
  }
  for (const row of rows) {
    const tr = h("tr", { "data-id": row.id });
    for (const column of COLUMNS) {
      if (column.key === "id") {
        tr.append(h("th", { scope: "row" }, h("button", {
          type: "button", class: "link", "aria-label": state.t("open", { id: row.id }),
          onclick: () => openCase(row.id),
        }, row.id)));
        continue;
      }
      const value = column.label ? row[column.label] ?? row[column.key] : row[column.key];
      const text = column.number ? money(value) : value ?? "";
      const cell = h("td", { class: column.number ? "num" : null, "data-col": column.key }, text);
      if (column.key === "verdict" && row.verdict) cell.prepend(h("span", { class: `dot v-${row.verdict}`, "aria-hidden": "true" }));
      // What IB asked for, beside "Begärd komplettering" (the submitter's next step).
      if (column.key === "status" && row.ib_request) {
        cell.append(h("div", { class: "ib-request" }, h("span", { class: "label", text: state.t("ibRequest") }), " ", row.ib_request));
      }
      tr.append(cell);
    }
    body.append(tr);
  }
}

function renderPager(data) {
  const pages = Math.max(1, Math.ceil(data.total / data.page_size));
  $("page-info").textContent = state.t("page", { page: data.page, pages });
  $("page-prev").disabled = data.page <= 1;
  $("page-next").disabled = data.page >= pages;
  $("pager").hidden = pages <= 1;
  const from = data.total ? (data.page - 1) * data.page_size + 1 : 0;
  const to = Math.min(data.total, data.page * data.page_size);
  $("cases-count").textContent = state.t("shown", { from, to, total: count(data.total) });
}

function updateExportLinks() {
  for (const link of [$("export-csv"), $("export-xlsx")]) {
    const url = apiUrl(`cases.${link.dataset.format}`, caseQuery());
    link.href = url.pathname + url.search;
  }
}

let casesRequest = 0;
async function loadCases() {
  const mine = ++casesRequest;
  renderHead();
  updateExportLinks();
  $("cases").setAttribute("aria-busy", "true");
  try {
    const data = await getJson("cases", { ...caseQuery(), page: state.page, page_size: PAGE_SIZE });
    if (mine !== casesRequest) return;
    clearError();
    state.total = data.total;
    renderFilterOptions(data.filters);
    renderRows(data.rows || []);
    renderPager(data);
  } catch (err) {
    if (mine === casesRequest) showError(err);
  } finally {
    if (mine === casesRequest) $("cases").setAttribute("aria-busy", "false");
  }
}

function setUpFilters() {
  for (const name of FILTERS) {
    $(`f-${name}`).addEventListener("change", (event) => {
      state.filters[name] = event.target.value;
      state.page = 1;
      loadCases();
    });
  }
  let typing = null;
  $("f-q").addEventListener("input", (event) => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.filters.q = event.target.value.trim();
      state.page = 1;
      loadCases();
    }, 250);
  });
  $("filters").addEventListener("submit", (event) => event.preventDefault());
  $("filters").addEventListener("reset", () => {
    for (const key of Object.keys(state.filters)) state.filters[key] = "";
    state.page = 1;
    setTimeout(loadCases, 0);
  });
  $("page-prev").addEventListener("click", () => { state.page -= 1; loadCases(); });
  $("page-next").addEventListener("click", () => { state.page += 1; loadCases(); });
}

// --- one case ------------------------------------------------------------------------

function valueText(value) {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(valueText).join(", ");
  if (typeof value === "object") return Object.entries(value).map(([k, v]) => `${k}: ${valueText(v)}`).join("; ");
  if (typeof value === "boolean") return state.t(value ? "yes" : "no");
  return String(value);
}

/** The engagement's fields: as the server labels them (`engagement_fields`: [{key, label,
 * value}]) when it does, else the engagement's own keys, nested ones as "counterpart.name". */
function engagementFields(version) {
  if (Array.isArray(version.engagement_fields)) return version.engagement_fields;
  const out = [];
  const walk = (object, prefix) => {
    for (const [key, value] of Object.entries(object || {})) {
      if (value && typeof value === "object" && !Array.isArray(value)) walk(value, `${prefix}${key}.`);
      else out.push({ key: `${prefix}${key}`, label: `${prefix}${key}`, value });
    }
  };
  walk(version.engagement, "");
  return out;
}

function fields(list) {
  const dl = h("dl", { class: "fields" });
  for (const { key, label, value } of list) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(h("dt", { text: label || key }), h("dd", { text: valueText(value) }));
  }
  return dl;
}

/** A quote from the strategy with its page ("5") or its source as given. */
function quote(text, citation) {
  if (!text) return null;
  const source = citation === null || citation === undefined || citation === "" ? null
    : /^\d+$/.test(String(citation)) ? state.t("citePage", { page: citation }) : String(citation);
  return h("blockquote", {}, h("p", { text }), source ? h("footer", {}, h("cite", { text: source })) : null);
}

function renderRouting(routing) {
  if (!routing) return null;
  if (typeof routing !== "object") return h("p", {}, h("strong", { text: `${state.t("routing")}: ` }), String(routing));
  return h("div", { class: "routing" },
    h("p", {}, h("strong", { text: `${state.t("routing")}: ` }),
      routing.rule ? h("span", { class: "rule", text: routing.rule }) : null, " ",
      routing.label || routing.reason || ""),
    routing.label && routing.reason ? h("p", { text: routing.reason }) : null,
    quote(routing.quote, routing.citation));
}

function renderVersion(version) {
  const a = version.assessment || {};
  const findings = a.findings || [];
  return h("details", { class: "version", open: true },
    h("summary", {},
      h("strong", { text: state.t("version", { n: version.version }) }), " · ",
      state.t("submittedAt", { at: when(version.submitted_at) })),
    h("h4", { text: state.t("assessment") }),
    h("p", {}, h("span", { class: `dot v-${a.verdict}`, "aria-hidden": "true" }), " ",
      h("strong", { text: a.verdict_label || a.verdict || "" })),
    renderRouting(a.routing),
    h("h4", { text: state.t("findings") }),
    findings.length
      ? h("ul", { class: "findings" }, findings.map((f) => h("li", {},
        h("p", {}, h("span", { class: "rule", text: f.rule }), " ", f.message),
        quote(f.quote, f.citation))))
      : h("p", { text: state.t("noFindings") }),
    h("h4", { text: state.t("engagement") }),
    fields(engagementFields(version)));
}

function renderAudit(audit) {
  return h("table", { class: "data audit" },
    h("caption", { text: state.t("auditCaption") }),
    h("thead", {}, h("tr", {}, ["col_at", "col_event", "col_actor", "col_status", "col_comment"]
      .map((key) => h("th", { scope: "col", text: state.t(key) })))),
    h("tbody", {}, (audit || []).map((entry) => h("tr", {},
      h("td", { text: when(entry.at) }),
      h("td", { text: entry.event_label || entry.event }),
      h("td", { text: entry.actor || "" }),
      h("td", { text: entry.status_label || entry.status || "" }),
      h("td", { text: entry.comment || "" })))));
}

async function openCase(id) {
  const dialog = $("case");
  try {
    const data = await getJson(`cases/${encodeURIComponent(id)}`);
    clearError();
    const c = data.case;
    $("case-title").textContent = `${c.id} – ${c.title}`;
    const versions = [...(data.versions || [])].sort((x, y) => y.version - x.version);
    $("case-body").replaceChildren(
      h("dl", { class: "fields summary" },
        ["kind", "unit", "owner", "verdict", "priority", "status", "cost", "meeting_date", "review_due"]
          .flatMap((key) => {
            const column = COLUMNS.find((col) => col.key === key);
            const raw = column?.label ? c[column.label] ?? c[key] : c[key];
            const value = column?.number ? money(raw) : raw;
            return value ? [h("dt", { text: state.t(`col_${key}`) }), h("dd", { text: value })] : [];
          })),
      h("h3", { text: state.t("versions") }),
      ...versions.map(renderVersion),
      h("h3", { text: state.t("audit") }),
      renderAudit(data.audit));
    if (!dialog.open) dialog.showModal();
    $("case-close").focus();
  } catch (err) {
    showError(err);
  }
}

function setUpDialog() {
  const dialog = $("case");
  $("case-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
}

// --- the year ------------------------------------------------------------------------

function palette() {
  const style = getComputedStyle(document.documentElement);
  const v = (name) => style.getPropertyValue(name).trim();
  return {
    fg: v("--fg"), grid: v("--grid"), bg: v("--bg"),
    series: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => v(`--c${n}`)),
    // Accepted green, declined red, open in the brand's colour, withdrawn grey.
    status: { open: v("--brand"), accepted: v("--ok"), declined: v("--bad"), withdrawn: v("--fg-2") },
  };
}

function chartTable(spec, items, id) {
  const title = state.t(spec.title);
  return h("table", { class: "data chart-table", id },
    h("caption", { text: state.t("chartTable", { title }) }),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", text: state.t(spec.head) }),
      h("th", { scope: "col", class: "num", text: state.t("col_count") }),
      h("th", { scope: "col", class: "num", text: state.t("col_cost") }))),
    h("tbody", {}, items.map((item) => h("tr", { "data-key": item.key },
      h("th", { scope: "row", text: item.label ?? item.key }),
      h("td", { class: "num", "data-value": item.count ?? 0, text: count(item.count) }),
      h("td", { class: "num", "data-value": item.cost ?? 0, text: money(item.cost ?? 0) })))));
}

function scales(spec, colours, isMoney) {
  const value = { ticks: { color: colours.fg, precision: 0 }, grid: { color: colours.grid }, beginAtZero: true };
  if (isMoney) value.ticks.callback = (v) => money(v);
  const category = {
    ticks: {
      color: colours.fg,
      autoSkip: false,
      // Long names (the kinds) are shortened on the axis; the table beside has them whole.
      callback(v) {
        const label = String(this.getLabelForValue(v));
        return label.length > 34 ? `${label.slice(0, 33)}…` : label;
      },
    },
    grid: { display: false },
  };
  return spec.horizontal ? { x: value, y: category } : { x: category, y: value };
}

function drawCharts(summary) {
  for (const chart of state.charts) chart.destroy();
  state.charts = [];
  const holder = $("charts");
  holder.replaceChildren();
  const colours = palette();
  const Chart = window.Chart;
  for (const spec of CHARTS) {
    const items = summary[spec.key] || [];
    const title = state.t(spec.title);
    const tableId = `table-${spec.key}`;
    const canvas = h("canvas", {
      id: `chart-${spec.key}`, role: "img", "aria-label": title, "aria-describedby": tableId,
    });
    const box = h("div", { class: "canvas-box" }, canvas);
    // Set through the CSSOM (a strict CSP refuses style attributes in markup).
    if (spec.horizontal) box.style.height = `${Math.max(200, 40 + 28 * items.length)}px`;
    const figure = h("figure", { class: `chart chart-${spec.type}${spec.stacked ? " chart-stacked" : ""}`, "data-chart": spec.key },
      h("figcaption", {}, h("h3", { text: title })),
      h("div", { class: "chart-body" },
        box,
        chartTable(spec, items, tableId)));
    holder.append(figure);
    if (!Chart || !items.length) continue;
    const values = items.map((item) => Number(item[spec.value] ?? 0));
    const labels = items.map((item) => item.label ?? item.key);
    const isMoney = spec.value === "cost";
    const doughnut = spec.type === "doughnut";
    const chart = new Chart(canvas, {
      type: spec.type,
      data: {
        labels,
        datasets: [{
          label: isMoney ? state.t("col_cost") : state.t("col_count"),
          data: values,
          backgroundColor: doughnut
            ? items.map((item, i) => colours.status[item.key] || colours.series[i % colours.series.length])
            : colours.series[0],
          borderColor: doughnut ? colours.bg : colours.series[0],
          borderWidth: doughnut ? 2 : 0,
        }],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? "y" : "x",
        color: colours.fg,
        plugins: {
          legend: { display: doughnut, position: "bottom", labels: { color: colours.fg } },
          tooltip: { callbacks: { label: (ctx) => (isMoney ? money(ctx.raw) : count(ctx.raw)) } },
        },
        scales: doughnut ? {} : scales(spec, colours, isMoney),
      },
    });
    state.charts.push(chart);
  }
}

function renderSummary(summary) {
  $("year-heading").textContent = state.t("yearHeading", { year: summary.year });
  $("total-label").textContent = `${state.t("totalCost", { year: summary.year })}:`;
  $("total-cost").textContent = money(summary.total_cost);
  const cases = (summary.by_status || []).reduce((n, item) => n + Number(item.count || 0), 0);
  $("total-count").textContent = `(${state.t("caseCount", { count: count(cases) })})`;
  const select = $("summary-year");
  const years = new Set([...state.years, String(summary.year)]);
  select.replaceChildren(...[...years].sort().reverse().map((y) => h("option", { value: y, text: y })));
  select.value = String(summary.year);
  const reviews = summary.upcoming_reviews || [];
  $("reviews-body").replaceChildren(...(reviews.length ? reviews.map((r) => h("tr", {},
    h("th", { scope: "row" }, h("button", { type: "button", class: "link", onclick: () => openCase(r.id) }, r.id)),
    h("td", { text: r.title }), h("td", { text: r.review_due })))
    : [h("tr", {}, h("td", { colspan: 3, class: "empty", text: state.t("noReviews") }))]));
  drawCharts(summary);
}

async function loadSummary() {
  state.loaded.year = true;
  try {
    const summary = await getJson("summary", { year: state.summaryYear });
    clearError();
    state.summary = summary;
    renderSummary(summary);
    document.body.dataset.summaryReady = "true";
  } catch (err) {
    state.loaded.year = false;
    showError(err);
  }
}

// --- the next meeting ----------------------------------------------------------------

async function loadAgenda() {
  state.loaded.agenda = true;
  try {
    const agenda = await getJson("agenda");
    clearError();
    const items = agenda.items || [];
    const heading = agenda.meeting_date
      ? state.t("agendaHeading", { date: agenda.meeting_date }) : state.t("agendaNone");
    $("agenda-heading").textContent = heading;
    $("agenda-caption").textContent = heading;
    $("agenda").hidden = !agenda.meeting_date;
    $("agenda-body").replaceChildren(...items.map((row, i) => h("tr", { "data-id": row.id },
      h("td", { text: String(i + 1) }),
      h("th", { scope: "row" }, h("button", { type: "button", class: "link", onclick: () => openCase(row.id) }, row.id)),
      h("td", { text: row.title }),
      h("td", { text: row.unit }),
      h("td", { text: row.kind_label || row.kind }),
      h("td", { text: row.verdict_label || row.verdict }),
      h("td", { text: row.priority_label || row.priority || "" }),
      h("td", { class: "num", text: money(row.cost) }))));
    $("agenda-total").textContent = money(agenda.total_cost);
    document.body.dataset.agendaReady = "true";
  } catch (err) {
    state.loaded.agenda = false;
    showError(err);
  }
}

// --- export --------------------------------------------------------------------------

function filenameOf(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

async function download(event) {
  event.preventDefault();
  const link = event.currentTarget;
  try {
    const response = await request(new URL(link.getAttribute("href"), location.origin));
    const blob = await response.blob();
    const name = filenameOf(response, `strategikollen-cases.${link.dataset.format}`);
    const url = URL.createObjectURL(blob);
    const save = h("a", { href: url, download: name, hidden: true });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    notice(state.t("exportDone", { name }));
  } catch (err) {
    showError(new ApiError(err.status || 0, err.code, state.t("exportFailed", { message: err.message })));
  }
}

// --- start ---------------------------------------------------------------------------

async function start() {
  notice(state.t("loading"));
  state.host = await connect();
  state.lang = langOf(state.host.inTeams ? state.host.locale : params.get("lang"));
  state.t = translator(state.lang);
  applyLanguage();
  applyTheme(state.host.theme || params.get("theme") || "default");
  state.host.onTheme((theme) => applyTheme(theme));
  if (state.view === "mine") {
    $("tab-year").hidden = true;
    $("tab-agenda").hidden = true;
  }
  setUpTabs();
  setUpFilters();
  setUpDialog();
  $("print").addEventListener("click", () => window.print());
  for (const link of [$("export-csv"), $("export-xlsx")]) link.addEventListener("click", download);
  $("summary-year").addEventListener("change", (event) => {
    state.summaryYear = event.target.value;
    loadSummary();
  });
  try {
    const me = await getJson("me", state.view ? { view: state.view } : {});
    $("who").textContent = `${state.t("signedInAs", { name: me.user?.name || me.user?.id || "" })} · ${state.t(`role_${me.role}`)}`;
    document.body.dataset.role = me.role;
    if (me.role === "none") {
      $("tablist").hidden = true;
      $("main").hidden = true;
    }
  } catch (err) {
    showError(err);
    if (err.status === 401 || err.status === 403) {
      $("tablist").hidden = true;
      $("main").hidden = true;
      notice("");
      return;
    }
  }
  notice("");
  if (document.body.dataset.role === "none") {
    // The server says why and whom to ask (a 403 on the cases).
    try { await getJson("cases", { page_size: 1 }); showError(new Error(state.t("noAccess"))); } catch (err) { showError(err); }
    return;
  }
  await loadCases();
  document.body.dataset.ready = "true";
}

start();
