// The configurable team tab's configuration page (/tab/config): nothing to choose;
// it tells Teams where the tab lives (contentUrl https://{host}/tab/) and lets Save
// through. Outside Teams it only shows its text.
import { connect } from "./teams.js";
import { langOf } from "./strings.js";

const TEXT = {
  sv: {
    title: "IB:s översikt",
    text: "Fliken visar IB:s ärenderegister, årets kostnader och nästa mötes dagordning. Välj Spara för att lägga till den i kanalen.",
    name: "IB:s översikt",
    outside: "Den här sidan används när fliken läggs till i Teams.",
  },
  en: {
    title: "IB overview",
    text: "The tab shows IB's case register, the year's costs and the next meeting's agenda. Choose Save to add it to the channel.",
    name: "IB overview",
    outside: "This page is used when the tab is added in Teams.",
  },
};

async function start() {
  const host = await connect();
  const lang = langOf(host.locale || new URLSearchParams(location.search).get("lang"));
  const text = TEXT[lang];
  document.documentElement.lang = lang;
  document.documentElement.dataset.theme = ["dark", "contrast"].includes(host.theme) ? host.theme : "default";
  host.onTheme((theme) => { document.documentElement.dataset.theme = theme; });
  document.getElementById("config-title").textContent = text.title;
  document.getElementById("config-text").textContent = text.text;
  if (!host.inTeams) {
    document.getElementById("config-status").textContent = text.outside;
    return;
  }
  const config = host.sdk.pages.config;
  config.registerOnSaveHandler((saveEvent) => {
    const contentUrl = `${location.origin}/tab/`;
    config.setConfig({
      entityId: "strategikollen-ib-overview",
      contentUrl,
      websiteUrl: contentUrl,
      suggestedDisplayName: text.name,
    }).then(() => saveEvent.notifySuccess(), (err) => saveEvent.notifyFailure(String(err?.message || err)));
  });
  config.setValidityState(true);
}

start();
