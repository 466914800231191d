// Headless Debian Chromium for the end-to-end and card-gallery checks: a fresh
// profile, no background services, and every request that leaves this machine
// aborted (and remembered, so a check can say what was stopped).
import fs from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.STRATEGIKOLLEN_CHROMIUM || "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none",
];

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for URLs that stay on this machine (loopback, file:, data:, blob:). */
export function isLocal(url) {
  const u = new URL(url);
  if (["file:", "data:", "blob:", "about:"].includes(u.protocol)) return true;
  return LOCAL_HOSTS.has(u.hostname);
}

/**
 * Launches Chromium (a throw-away profile) and a context that aborts every
 * non-local request. Returns { browser, context, blocked, close }.
 */
export async function launch({ viewport = { width: 1280, height: 900 }, deviceScaleFactor = 1 } = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (scripts/test does this)`);
  }
  // Playwright gives every launch a fresh, temporary --user-data-dir of its own.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const context = await browser.newContext({ viewport, deviceScaleFactor, locale: "sv-SE" });
  const blocked = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  // WebSockets are not covered by route(); refuse those that leave the machine too.
  await context.routeWebSocket(/.*/, (ws) => {
    if (isLocal(ws.url().replace(/^ws/, "http"))) return ws.connectToServer();
    blocked.push(ws.url());
    return ws.close();
  });
  const close = async () => {
    await browser.close().catch(() => {});
  };
  return { browser, context, blocked, close };
}
