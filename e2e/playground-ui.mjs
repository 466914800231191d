// What the Playground drivers share: reading their arguments, finding and
// operating the controls of Adaptive Cards and the compose box the way a person
// does, screenshots, and running a check in the offline browser (browser.mjs)
// with a failure screenshot and a clear exit code.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { launch } from "./browser.mjs";

/**
 * The driver's options (--url, --proxy, --shots, --timeout, --today: the bot's date,
 * YYYY-MM-DD, when its clock is set; default the real date); exits with `usage` when
 * --url is missing. Creates the screenshot folder.
 */
export function driverOptions(usage) {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      proxy: { type: "string" }, // the locale proxy, to switch to an English-speaking user
      shots: { type: "string", default: "docs/screenshots" },
      timeout: { type: "string", default: "20000" },
      today: { type: "string" },
      invitation: { type: "string" }, // a text file to paste as an invitation (playground.mjs)
    },
  });
  if (!values.url) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  fs.mkdirSync(values.shots, { recursive: true });
  return { ...values, timeout: Number(values.timeout) };
}

export const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
export const log = (...a) => console.log("[e2e]", ...a);

/** The controls of one page, with the driver's timeout and screenshot folder. */
export function ui(page, { timeout, shots }) {
  /** The newest Adaptive Card in `scope` (the chat by default). */
  const lastCard = (scope = page) => scope.locator(".ac-adaptiveCard").last();

  /** Waits until `text` (string or RegExp) is visible inside `scope`. */
  async function see(scope, text, what = String(text)) {
    const loc = typeof text === "string" ? scope.getByText(text, { exact: false }) : scope.getByText(text);
    try {
      await loc.first().waitFor({ state: "visible", timeout });
    } catch {
      const shown = (await scope.innerText().catch(() => "<nothing>")).slice(0, 1500);
      throw new Error(`expected to see ${what}; the card shows:\n${shown}`);
    }
  }

  /** Saves the whole Playground window, or just `element` (all of it, however tall). */
  async function shot(name, element) {
    const file = path.join(shots, name);
    await page.waitForTimeout(300); // let the card finish its layout
    if (element) {
      // A tall card scrolls inside the chat pane; grow the window until all of it shows.
      const box = await element.boundingBox();
      const size = page.viewportSize();
      if (box && box.height + 260 > size.height) {
        await page.setViewportSize({ width: size.width, height: Math.ceil(box.height + 260) });
        await page.waitForTimeout(300);
      }
      await element.scrollIntoViewIfNeeded();
      await element.screenshot({ path: file });
      await page.setViewportSize(size);
    } else {
      await page.screenshot({ path: file });
    }
    log("saved", file);
  }

  /** The number of cards and the text of the newest, to wait for a change. */
  const snapshot = async () => [
    await page.locator(".ac-adaptiveCard").count(),
    await lastCard().innerText().catch(() => ""),
  ];
  const changed = (before) => page.waitForFunction(
    ([n, t]) => {
      const cards = document.querySelectorAll(".ac-adaptiveCard");
      return cards.length !== n || cards[cards.length - 1].innerText !== t;
    },
    before,
    { timeout },
  );

  /** Clicks the button labelled `name` on `card` and waits until the card count or content changes. */
  async function press(card, name) {
    const before = await snapshot();
    await card.getByRole("button", { name, exact: true }).first().click();
    await changed(before);
  }

  /**
   * Clicks the button that belongs to the text matching `pattern`: the button whose
   * nearest enclosing block with that text is the smallest (a candidate's own button,
   * whatever its label says).
   */
  async function pressNear(card, pattern) {
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
    const before = await snapshot();
    await card.locator("button").nth(index).click();
    await changed(before);
  }

  /** Picks `option` in the compact choice set (a combobox) labelled `label`. */
  async function choose(card, label, option) {
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

  /** Fills the text input whose label starts with `label`. */
  async function fill(card, label, value) {
    await card.getByRole("textbox", { name: new RegExp(`^${escape(label)}`) }).first().fill(value);
  }

  /** Types `text` in the chat's compose box, sends it, and returns the card that answers. */
  async function type(text) {
    const input = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await input.click();
    await page.keyboard.type(text);
    const before = await page.locator(".ac-adaptiveCard").count();
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll(".ac-adaptiveCard").length > n, before, { timeout });
    return lastCard();
  }

  return { lastCard, see, shot, press, pressNear, choose, radio, tick, fill, type };
}

/**
 * Runs `main(page)` in the offline browser; on failure saves failure.png (and the
 * newest card's HTML to $STRATEGIKOLLEN_E2E_DUMP) and exits 1 with the reason.
 */
export async function runDriver(opts, main) {
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
    const html = await page.locator(".ac-adaptiveCard").last().evaluate((e) => e.outerHTML).catch(() => "");
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
}
