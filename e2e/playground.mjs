// Drives the Microsoft 365 Agents Playground in headless Chromium the way a
// person would: reads the welcome card, runs a screening wizard to its result,
// asks who decides and answers the clarifying question. Asserts what is on the
// screen and saves screenshots.
//
//   node e2e/playground.mjs --url http://127.0.0.1:56150 --proxy http://127.0.0.1:PORT \
//        --shots docs/screenshots
//
// The Playground must already run against the bot (tests/e2e/test_playground.py
// starts both). Exit 0 when every check passed, 1 with the reason otherwise.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { launch } from "./browser.mjs";

const { values: opts } = parseArgs({
  options: {
    url: { type: "string" },
    proxy: { type: "string" }, // the locale proxy, to switch to an English-speaking user
    shots: { type: "string", default: "docs/screenshots" },
    timeout: { type: "string", default: "20000" },
  },
});
if (!opts.url) {
  console.error("usage: playground.mjs --url http://127.0.0.1:PORT [--shots DIR]");
  process.exit(2);
}
const TIMEOUT = Number(opts.timeout);
fs.mkdirSync(opts.shots, { recursive: true });

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const log = (...a) => console.log("[e2e]", ...a);

/** The newest Adaptive Card in the chat. */
const lastCard = (page) => page.locator(".ac-adaptiveCard").last();

/** Waits until `text` (string or RegExp) is visible inside `scope`. */
async function see(scope, text, what = String(text)) {
  const loc = typeof text === "string" ? scope.getByText(text, { exact: false }) : scope.getByText(text);
  try {
    await loc.first().waitFor({ state: "visible", timeout: TIMEOUT });
  } catch {
    const shown = (await scope.innerText().catch(() => "<nothing>")).slice(0, 1500);
    throw new Error(`expected to see ${what}; the card shows:\n${shown}`);
  }
}

/** Saves the whole Playground window, or just `card` (all of it, however tall). */
async function shot(page, name, card) {
  const file = path.join(opts.shots, name);
  await page.waitForTimeout(300); // let the card finish its layout
  if (card) {
    // A tall card scrolls inside the chat pane; grow the window until all of it shows.
    const box = await card.boundingBox();
    const size = page.viewportSize();
    if (box && box.height + 260 > size.height) {
      await page.setViewportSize({ width: size.width, height: Math.ceil(box.height + 260) });
      await page.waitForTimeout(300);
    }
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: file });
    await page.setViewportSize(size);
  } else {
    await page.screenshot({ path: file });
  }
  log("saved", file);
}

/** Clicks the button labelled `name` on `card` and waits until the card count or content changes. */
async function press(page, card, name) {
  const before = await page.locator(".ac-adaptiveCard").count();
  const text = await lastCard(page).innerText();
  await card.getByRole("button", { name, exact: true }).first().click();
  await page.waitForFunction(
    ([n, t]) => {
      const cards = document.querySelectorAll(".ac-adaptiveCard");
      return cards.length !== n || cards[cards.length - 1].innerText !== t;
    },
    [before, text],
    { timeout: TIMEOUT },
  );
}

/**
 * Clicks the button that belongs to the text matching `pattern`: the button whose
 * nearest enclosing block with that text is the smallest (a candidate's own button,
 * whatever its label says).
 */
async function pressNear(page, card, pattern) {
  const index = await card.evaluate((root, [source, flags]) => {
    const re = new RegExp(source, flags);
    let best = -1, bestSize = Infinity;
    root.querySelectorAll("button").forEach((button, i) => {
      if (button.offsetParent === null) return;
      for (let box = button.parentElement; box && box !== root.parentElement; box = box.parentElement) {
        const text = box.innerText.replace(button.innerText, "");
        if (re.test(text)) {
          if (text.length < bestSize) { best = i; bestSize = text.length; }
          break;
        }
      }
    });
    return best;
  }, [pattern.source, pattern.flags]);
  if (index < 0) throw new Error(`no button near text matching ${pattern}`);
  const before = await page.locator(".ac-adaptiveCard").count();
  const text = await lastCard(page).innerText();
  await card.locator("button").nth(index).click();
  await page.waitForFunction(
    ([n, t]) => {
      const cards = document.querySelectorAll(".ac-adaptiveCard");
      return cards.length !== n || cards[cards.length - 1].innerText !== t;
    },
    [before, text],
    { timeout: TIMEOUT },
  );
}

/** Picks `option` in the compact choice set (a combobox) labelled `label`. */
async function choose(page, card, label, option) {
  await card.getByRole("combobox", { name: new RegExp(escape(label)) }).first().click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Ticks the radio button `option` in the group labelled `label`. */
async function radio(card, label, option) {
  const group = card.getByRole("radiogroup", { name: new RegExp(escape(label)) });
  await group.getByRole("radio", { name: option, exact: true }).check();
}

/** Ticks the checkbox `option` of a multi-select (its name ends with the option). */
async function tick(card, option) {
  await card.getByRole("checkbox", { name: new RegExp(`${escape(option)}$`) }).first().check();
}

async function fill(card, label, value) {
  await card.getByRole("textbox", { name: new RegExp(`^${escape(label)}`) }).first().fill(value);
}

/** Types `text` in the compose box, sends it, and returns the card that answers. */
async function type(page, text) {
  const input = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
  await input.click();
  await page.keyboard.type(text);
  const before = await page.locator(".ac-adaptiveCard").count();
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => document.querySelectorAll(".ac-adaptiveCard").length > n, before, { timeout: TIMEOUT });
  return lastCard(page);
}

async function main(page) {
  await page.goto(opts.url);

  // 1. Installing the app greets with the welcome card.
  const welcome = page.locator(".ac-adaptiveCard", { hasText: "Strategikollen" }).first();
  await see(welcome, "rådgivande", "the advisory note on the welcome card");
  for (const button of ["Ny bedömning", "Vem beslutar?", "Mina bedömningar"]) {
    await welcome.getByRole("button", { name: button, exact: true }).waitFor({ timeout: TIMEOUT });
  }
  await shot(page, "welcome.png");

  // 2. A screening, start to finish: a city-wide network membership (CTPN).
  await press(page, welcome, "Ny bedömning");
  let card = lastCard(page);
  await see(card, "Steg 1 av 4");
  await choose(page, card, "Vad gäller det?", "Medlemskap i internationell organisation eller nätverk");
  await shot(page, "wizard-kind.png", card);
  await press(page, card, "Nästa");

  card = lastCard(page);
  await see(card, "Steg 2 av 4");
  await fill(card, "Rubrik", "Medlemskap i Counter Terrorism Preparedness Network (CTPN)");
  await fill(card, "Nämnd, förvaltning eller bolag", "Stadsledningskontoret");
  await radio(card, "Vilka verksamheter berörs?", "Hela staden");
  await fill(card, "Motpart", "Counter Terrorism Preparedness Network");
  await choose(page, card, "Typ av motpart", "Nätverk");
  await shot(page, "wizard-step.png", card);
  await press(page, card, "Nästa");

  card = lastCard(page);
  await see(card, "Steg 3 av 4");
  await radio(card, "Organisation eller nätverk?", "Nätverk");
  await radio(card, "Berör det utrikespolitik?", "Nej");
  await tick(card, "Samverkan");
  await tick(card, "Omvärldsbevakning");
  await fill(card, "Förväntad nytta", "Ny kunskap och kreativa lösningar för en trygg och säker stad");
  await radio(card, "Har befintliga forum undersökts?", "Ja");
  await radio(card, "Får staden en aktiv roll?", "Ja");
  await fill(card, "Kostnad i kronor", "1400000");
  await radio(card, "Ryms det i budgeten?", "Ja");
  await shot(page, "wizard-questions.png", card);
  await press(page, card, "Nästa");

  card = lastCard(page);
  await see(card, "Steg 4 av 4");
  await see(card, "Medlemskap i Counter Terrorism Preparedness Network (CTPN)", "the title on the summary");
  await shot(page, "wizard-summary.png", card);
  await press(page, card, "Bedöm");

  card = lastCard(page);
  await see(card, "Förenligt med villkor", "the verdict headline");
  await see(card, /rådgivande/i, "the advisory note");
  await see(card, "Kommunstyrelsen", "the decision owner");
  await shot(page, "result.png", card);

  // 3. The same person with Teams in English: "my assessments" lists the screening.
  if (opts.proxy) {
    const switched = await fetch(`${opts.proxy}/__locale`, { method: "PUT", body: "en-US" });
    if (switched.status !== 204) throw new Error(`the locale proxy said ${switched.status}`);
    card = await type(page, "my assessments");
    await see(card, "My assessments", "the English heading");
    await see(card, "Counter Terrorism Preparedness Network", "the screening just made");
    await see(card, "Compatible with conditions", "its verdict, in English");
    await shot(page, "mine-en.png", card);
    await fetch(`${opts.proxy}/__locale`, { method: "PUT", body: "sv-SE" });
  }

  // 4. Who decides? A question that hinges on organisation or network.
  card = await type(page, "vem beslutar om medlemskap?");
  await see(card, "vem beslutar om medlemskap?", "the question repeated on the answer");
  await shot(page, "who-decides-clarify.png", card);
  await see(card, /nätverk/i, "a candidate for a network");
  await pressNear(page, card, /ett nätverk/i); // the candidate "… and it is a network"
  card = lastCard(page);
  await see(card, "Kommunstyrelsen", "the settled decision owner (a network: kommunstyrelsen)");
  await see(card, /rådgivande/i, "the advisory note");
  await shot(page, "who-decides.png", card);
  await card.scrollIntoViewIfNeeded();
  await shot(page, "conversation.png"); // the whole window, as the conversation ends
}

const { context, blocked, close } = await launch();
const page = await context.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
let failed = null;
try {
  await main(page);
} catch (error) {
  failed = error;
  await page.screenshot({ path: path.join(opts.shots, "failure.png") }).catch(() => {});
  const html = await lastCard(page).evaluate((e) => e.outerHTML).catch(() => "");
  if (process.env.STRATEGIKOLLEN_E2E_DUMP) fs.writeFileSync(process.env.STRATEGIKOLLEN_E2E_DUMP, html);
} finally {
  await close();
}
const remote = [...new Set(blocked.map((u) => new URL(u.replace(/^ws/, "http")).host))];
if (remote.length) log("blocked requests to", remote.join(", "));
if (errors.length) log("page errors:", errors.join(" | "));
if (failed) {
  console.error(`[e2e] FAILED: ${failed.message}`);
  process.exit(1);
}
log("all checks passed");
