// The Teams host: teams-js (bundled, window.microsoftTeams) initialised, its context
// (locale, theme, user) and the user's Entra ID token for the API. Outside Teams (a
// browser against `serve --dev`) initialisation fails or times out and the page goes
// on without a token: the dev server treats loopback requests as its test user.

const INIT_TIMEOUT_MS = 3000;

function withTimeout(promise, ms) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms)),
  ]);
}

/** True when the page runs in a frame or a Teams window (the only places teams-js answers). */
function mightBeTeams() {
  try {
    return window.parent !== window || Boolean(window.opener) || /Teams\//.test(navigator.userAgent);
  } catch {
    return true; // a cross-origin parent: Teams on the web
  }
}

/** The bundled teams-js, loaded only where Teams may answer: on load it asks Microsoft's
 * CDN for its list of hosts (the page's CSP refuses that and it falls back to the list it
 * carries), so a page outside Teams does not load it at all. */
function loadSdk() {
  if (window.microsoftTeams) return Promise.resolve(window.microsoftTeams);
  return new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = "/tab/static/vendor/MicrosoftTeams.min.js";
    script.onload = () => resolve(window.microsoftTeams || null);
    script.onerror = () => resolve(null);
    document.head.append(script);
  });
}

/**
 * { inTeams, locale, theme, user, getToken(), onTheme(handler) }.
 * `theme` is Teams' name: "default", "dark" or "contrast".
 */
export async function connect() {
  const sdk = mightBeTeams() ? await loadSdk() : null;
  const host = {
    inTeams: false,
    locale: null,
    theme: null,
    user: null,
    async getToken() { return null; },
    onTheme() {},
    sdk,
  };
  if (!sdk) return host;
  try {
    await withTimeout(sdk.app.initialize(), INIT_TIMEOUT_MS);
    const context = await withTimeout(sdk.app.getContext(), INIT_TIMEOUT_MS);
    host.inTeams = true;
    host.locale = context?.app?.locale || null;
    host.theme = context?.app?.theme || null;
    host.user = context?.user || null;
    host.getToken = async () => {
      try {
        return await sdk.authentication.getAuthToken();
      } catch (err) {
        console.warn("getAuthToken failed", err);
        return null;
      }
    };
    host.onTheme = (handler) => sdk.app.registerOnThemeChangeHandler(handler);
    try { sdk.app.notifySuccess(); } catch { /* older hosts */ }
  } catch (err) {
    console.info("Not in Teams (teams-js did not initialise):", err?.message || err);
  }
  return host;
}
