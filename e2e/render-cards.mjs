// Renders Adaptive Cards with Microsoft's `adaptivecards` JavaScript renderer
// (markdown through markdown-it) in headless Chromium, the way a Teams-like host
// shows them, and saves one PNG per card.
//
//   node e2e/render-cards.mjs --cards gallery.json --out docs/cards [--width 450]
//
// gallery.json is [{"name", "caption", "lang", "card"}, ...] (python e2e/gallery.py).
// Prints a JSON report {"cards": N, "problems": {name: [...]}, "blocked": [...]}
// on stdout's last line. A problem is anything the renderer reports while
// parsing (SerializationContext events), any validateProperties() failure, a
// renderer console warning, a card that does not render, or text the layout
// cuts off. Exit 1 when there is any problem.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { launch } from "./browser.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const MODULES = path.join(ROOT, "node_modules");

const { values: opts } = parseArgs({
  options: {
    cards: { type: "string" },
    out: { type: "string" },
    width: { type: "string", default: "450" },
  },
});
if (!opts.cards || !opts.out) {
  console.error("usage: render-cards.mjs --cards gallery.json --out DIR [--width 450]");
  process.exit(2);
}
const entries = JSON.parse(fs.readFileSync(opts.cards, "utf8"));
const hostConfig = JSON.parse(fs.readFileSync(path.join(HERE, "teams-hostconfig.json"), "utf8"));
delete hostConfig.$comment;
fs.mkdirSync(opts.out, { recursive: true });

// Teams-like chrome for what the renderer leaves unstyled: buttons and inputs.
const CSS = `
  body { margin: 0; padding: 12px; background: #F5F5F5; font-family: ${hostConfig.fontFamily}; }
  #card { width: ${Number(opts.width)}px; background: #fff; border-radius: 6px;
          box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); overflow: hidden; }
  .ac-pushButton { font: 600 14px/20px ${hostConfig.fontFamily}; color: #242424; background: #fff;
          border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 12px; min-height: 32px;
          cursor: pointer; overflow: hidden; text-overflow: ellipsis; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5B5FC7; border-color: #5B5FC7; color: #fff; }
  .ac-pushButton.style-destructive { color: #C4314B; }
  .ac-input { font: 14px/20px ${hostConfig.fontFamily}; color: #242424; box-sizing: border-box; }
  .ac-textInput, .ac-numberInput, .ac-dateInput, .ac-timeInput, .ac-multichoiceInput {
          border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; padding: 5px 10px;
          min-height: 32px; width: 100%; box-sizing: border-box; background: #fff; }
  .ac-textInput.ac-multiline { min-height: 64px; }
  .ac-input-validation-failed { border-color: #C4314B !important; }
  .ac-choiceSetInput-expanded label, .ac-choiceSetInput-multiSelect label { font-size: 14px; color: #242424; }
  .ac-textBlock p { margin: 0; }
  .ac-textBlock ul, .ac-textBlock ol { margin: 0; padding-left: 20px; }
`;

const page_html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>${CSS}</style></head>
<body><div id="card"></div></body></html>`;

const { context, blocked, close } = await launch({ viewport: { width: Number(opts.width) + 24, height: 800 }, deviceScaleFactor: 1 });
const page = await context.newPage();
const consoleProblems = [];
page.on("console", (m) => { if (["warning", "error"].includes(m.type())) consoleProblems.push(`console ${m.type()}: ${m.text()}`); });
page.on("pageerror", (e) => consoleProblems.push(`page error: ${e.message}`));
await page.setContent(page_html);
await page.addScriptTag({ path: path.join(MODULES, "markdown-it", "dist", "markdown-it.min.js") });
await page.addScriptTag({ path: path.join(MODULES, "adaptivecards", "dist", "adaptivecards.min.js") });

await page.evaluate((config) => {
  const AC = window.AdaptiveCards;
  const md = window.markdownit({ html: false, linkify: false, breaks: false });
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = md.render(text);
    result.didProcess = true;
  };
  window.hostConfig = new AC.HostConfig(config);
  const PHASE = ["parse", "toJSON", "validation"];
  const EVENT = (n) => AC.ValidationEvent[n] ?? String(n);

  /** Renders one card into #card; returns the problems found. */
  window.renderCard = (json) => {
    const problems = [];
    const host = document.getElementById("card");
    host.innerHTML = "";
    const card = new AC.AdaptiveCard();
    card.hostConfig = window.hostConfig;
    card.onExecuteAction = () => {};
    const context = new AC.SerializationContext();
    // The renderer checks "lang" with a global RegExp, whose lastIndex survives
    // between cards, so every other valid "sv" fails (microsoft/AdaptiveCards#9145).
    AC.CardElement.langProperty.regEx.lastIndex = 0;
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) {
      const e = context.getEventAt(i);
      problems.push(`${PHASE[e.phase] ?? e.phase} ${EVENT(e.event)}: ${e.message}`);
    }
    const results = card.validateProperties();
    for (const e of results.validationEvents) {
      problems.push(`validateProperties ${EVENT(e.event)}: ${e.message}`);
    }
    const element = card.render();
    if (!element) {
      problems.push("render() returned nothing");
      return problems;
    }
    host.appendChild(element);
    return problems;
  };

  /** Text the layout cuts off: an element holding text whose content overflows its
   * box while the box hides the overflow (an ellipsis, a clipped line). */
  window.clippedText = () => {
    const out = [];
    const host = document.getElementById("card");
    for (const el of host.querySelectorAll("*")) {
      if (el.offsetParent === null && el !== host) continue; // not shown (a collapsed quote)
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!ownText) continue;
      for (let box = el; box && box !== host; box = box.parentElement) {
        const style = getComputedStyle(box);
        const hides = style.overflow !== "visible" || style.overflowX !== "visible" || style.textOverflow === "ellipsis";
        if (!hides) continue;
        if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
          out.push(`text cut off: "${el.textContent.trim().slice(0, 60)}" (needs ${box.scrollWidth}x${box.scrollHeight}, shown ${box.clientWidth}x${box.clientHeight})`);
          break;
        }
      }
    }
    return [...new Set(out)];
  };
}, hostConfig);

const report = { cards: 0, problems: {}, blocked: [] };
for (const entry of entries) {
  consoleProblems.length = 0;
  const problems = await page.evaluate((json) => window.renderCard(json), entry.card);
  await page.evaluate(() => document.fonts.ready);
  problems.push(...(await page.evaluate(() => window.clippedText())));
  problems.push(...consoleProblems);
  const card = page.locator("#card");
  await card.screenshot({ path: path.join(opts.out, `${entry.name}.png`) });
  report.cards += 1;
  if (problems.length) report.problems[entry.name] = problems;
}
await close();
report.blocked = blocked;
for (const [name, problems] of Object.entries(report.problems)) {
  console.error(`${name}:\n  ${problems.join("\n  ")}`);
}
console.log(JSON.stringify(report));
process.exit(Object.keys(report.problems).length || blocked.length ? 1 : 0);
