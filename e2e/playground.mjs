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

import { driverOptions, runDriver, ui } from "./playground-ui.mjs";

const opts = driverOptions("playground.mjs --url http://127.0.0.1:PORT [--proxy URL] [--shots DIR]");

async function main(page) {
  const { lastCard, see, shot, press, pressNear, choose, radio, tick, fill, type } = ui(page, opts);
  await page.goto(opts.url);

  // 1. Installing the app greets with the welcome card.
  const welcome = page.locator(".ac-adaptiveCard", { hasText: "Strategikollen" }).first();
  await see(welcome, "rådgivande", "the advisory note on the welcome card");
  for (const button of ["Ny bedömning", "Ny bedömning i chatten", "Vem beslutar?", "Mina bedömningar"]) {
    await welcome.getByRole("button", { name: button, exact: true }).waitFor({ timeout: opts.timeout });
  }
  await shot("welcome.png");

  // 2. A screening in the chat, start to finish: a city-wide network membership (CTPN).
  //    ("Ny bedömning" opens the Teams dialog, which the Playground cannot: playground-dialog.mjs.)
  await press(welcome, "Ny bedömning i chatten");
  let card = lastCard();
  await see(card, "Steg 1 av 4");
  await choose(card, "Vad gäller det?", "Medlemskap i internationell organisation eller nätverk");
  await shot("wizard-kind.png", card);
  await press(card, "Nästa");

  card = lastCard();
  await see(card, "Steg 2 av 4");
  await fill(card, "Rubrik", "Medlemskap i Counter Terrorism Preparedness Network (CTPN)");
  await fill(card, "Nämnd, förvaltning eller bolag", "Stadsledningskontoret");
  await radio(card, "Vilka verksamheter berörs?", "Hela staden");
  await fill(card, "Motpart", "Counter Terrorism Preparedness Network");
  await choose(card, "Typ av motpart", "Nätverk");
  await shot("wizard-step.png", card);
  await press(card, "Nästa");

  card = lastCard();
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
  await shot("wizard-questions.png", card);
  await press(card, "Nästa");

  card = lastCard();
  await see(card, "Steg 4 av 4");
  await see(card, "Medlemskap i Counter Terrorism Preparedness Network (CTPN)", "the title on the summary");
  await shot("wizard-summary.png", card);
  await press(card, "Bedöm");

  card = lastCard();
  await see(card, "Förenligt med villkor", "the verdict headline");
  await see(card, /rådgivande/i, "the advisory note");
  await see(card, "Kommunstyrelsen", "the decision owner");
  await shot("result.png", card);

  // 3. The same person with Teams in English: "my assessments" lists the screening.
  if (opts.proxy) {
    const switched = await fetch(`${opts.proxy}/__locale`, { method: "PUT", body: "en-US" });
    if (switched.status !== 204) throw new Error(`the locale proxy said ${switched.status}`);
    card = await type("my assessments");
    await see(card, "My assessments", "the English heading");
    await see(card, "Counter Terrorism Preparedness Network", "the screening just made");
    await see(card, "Compatible with conditions", "its verdict, in English");
    await shot("mine-en.png", card);
    await fetch(`${opts.proxy}/__locale`, { method: "PUT", body: "sv-SE" });
  }

  // 4. Who decides? A question that hinges on organisation or network.
  card = await type("vem beslutar om medlemskap?");
  await see(card, "vem beslutar om medlemskap?", "the question repeated on the answer");
  await shot("who-decides-clarify.png", card);
  await see(card, /nätverk/i, "a candidate for a network");
  await pressNear(card, /ett nätverk/i); // the candidate "… and it is a network"
  card = lastCard();
  await see(card, "Kommunstyrelsen", "the settled decision owner (a network: kommunstyrelsen)");
  await see(card, /rådgivande/i, "the advisory note");
  await shot("who-decides.png", card);
  await card.scrollIntoViewIfNeeded();
  await shot("conversation.png"); // the whole window, as the conversation ends

  // 5. An invitation pasted into the chat: what was found, then the wizard prefilled with
  //    each sentence one click away.
  if (opts.invitation) {
    const text = fs.readFileSync(opts.invitation, "utf8").trim();
    const input = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await input.click();
    await input.evaluate((editor, pasted) => { // a paste, as a person pastes a letter
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true,
                                                         cancelable: true }));
    }, text);
    const before = await page.locator(".ac-adaptiveCard").count();
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll(".ac-adaptiveCard").length > n,
                               before, { timeout: opts.timeout });
    card = lastCard();
    await see(card, "Det här hittade jag i inbjudan", "the card of what was found");
    await see(card, "Nordiska storstadskonferensen 2026", "the title read from the invitation");
    await card.getByRole("button", { name: "Var står det?", exact: true }).first().click();
    await see(card, "Inbjudan till Nordiska storstadskonferensen 2026.", "the sentence");
    await shot("intake.png", card);
    await press(card, "Fortsätt med förifyllda uppgifter");
    card = lastCard();
    await see(card, "Steg 1 av 4");
    await see(card, "Läst från inbjudan – visa meningen", "the mark of a field read");
    await press(card, "Nästa");
    card = lastCard();
    await see(card, "Steg 2 av 4");
    await card.getByRole("button", { name: "Läst från inbjudan – visa meningen", exact: true })
      .first().click();
    await see(card, "Inbjudan till Nordiska storstadskonferensen 2026.", "the title's sentence");
    await shot("intake-wizard.png", card);
  }
}

await runDriver(opts, main);
