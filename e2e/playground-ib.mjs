// Drives the Microsoft 365 Agents Playground through the IB story, as Alex Wilber
// (the Playground's signed-in user, here both an IB administrator and a member of
// the team "My Team"): registers the General channel as IB's channel, screens a
// conference abroad whose decision lies with the finansborgarråd after IB, sends it
// to IB, sees the case arrive in the channel, asks for completion as an IB member,
// sees the post updated in place and the notification in the personal chat,
// completes the case (Komplettera → version 2 in the post's thread), puts it on the
// agenda, lists "mina ärenden" and asks for the "dagordning" in the channel.
//
//   node e2e/playground-ib.mjs --url http://127.0.0.1:PORT --shots docs/screenshots
//
// What the Playground (0.2.28) cannot do, and how this check works with it:
// it does not run a card's `refresh` (its log says "User specific view is not
// supported"), so the IB post shows everyone the read-only card and a member never
// sees the buttons on it. The member's actions are therefore sent with the
// Playground's own "Mock an Activity → Custom activity": the very invoke Teams sends
// for the card's refresh and for the buttons (verb, case and the typed inputs), from
// Alex in the General channel. The bot's answer (the member's card) is read in the
// Playground's log; everything that follows from an action (the post updated in
// place, the notification) is what the Playground shows.
//
// The Playground must already run against the bot (tests/e2e/test_playground_ib.py
// starts both). Exit 0 when every check passed, 1 with the reason otherwise.
import { driverOptions, log, runDriver, ui } from "./playground-ui.mjs";

const opts = driverOptions(
  "playground-ib.mjs --url http://127.0.0.1:PORT [--shots DIR] [--today YYYY-MM-DD]");

// The Playground's defaults (its built-in configuration): the signed-in user, the
// tenant and the team whose General channel has the team's id.
const ALEX = { id: "user-id-0", aadObjectId: "00000000-0000-0000-0000-0000000000020", name: "Alex Wilber" };
const TENANT = "00000000-0000-0000-0000-0000000000001";
const TEAM = "team-id";
const BOT = { id: "00000000-0000-0000-0000-00000000000011", name: "Test Bot" };

const COMMENT = "Bifoga programmet för toppmötet, så att IB kan bedöma deltagandet.";

/** A date `days` after the bot's today (--today, else the real date), YYYY-MM-DD: a
 * meeting date that is never in the past. */
function dateIn(days) {
  const today = opts.today ? Date.parse(`${opts.today}T12:00:00Z`) : Date.now();
  return new Date(today + days * 86_400_000).toISOString().slice(0, 10);
}

async function main(page) {
  const u = ui(page, opts);
  const { lastCard, see, shot, press, choose, radio, tick, fill, type } = u;
  const timeout = opts.timeout;
  const serviceUrl = `${new URL(opts.url).origin.replace("127.0.0.1", "localhost")}/_connector`;

  /** Opens a conversation in the Playground's left pane ("Personal Chat", "General"). */
  async function open(name) {
    await page.getByText(name, { exact: true }).first().click();
    await page.waitForTimeout(500);
  }

  /** A post in the open channel, by its text; newest first, as the Playground lists them. */
  const postWith = (text) => page.locator('.fui-Card[role="group"]', { hasText: text }).first();

  /** Starts a new post in the open channel that @mentions the bot; returns the post. */
  async function post(text) {
    const input = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await input.click();
    await page.keyboard.type("@Test");
    await page.getByRole("menuitem", { name: BOT.name }).click();
    await page.keyboard.type(` ${text}`);
    await page.keyboard.press("Enter");
    const sent = page.locator('.fui-Card[role="group"]', { hasText: `${BOT.name} ${text}` }).first();
    await sent.waitFor({ state: "visible", timeout });
    return sent;
  }

  /**
   * Sends, as Alex in the General channel, the adaptiveCard/action invoke that Teams
   * sends for an Action.Execute with `verb` and `data` (the inputs merged into data),
   * through "Mock an Activity → Custom activity". Returns the bot's response as the
   * Playground's log shows it (the log entry is left open on its "Response" tab).
   */
  async function execute(verb, data) {
    const invokes = page.getByText(/invoke \d{3}/);
    const before = await invokes.count();
    await page.getByText("Mock an Activity", { exact: true }).click();
    await page.getByRole("menuitem", { name: "Custom activity" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator(".monaco-editor").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    const activity = {
      type: "invoke",
      name: "adaptiveCard/action",
      channelId: "msteams",
      id: `e2e-${verb}-${Date.now()}`,
      timestamp: new Date().toISOString(),
      serviceUrl,
      locale: "sv-SE",
      from: ALEX,
      recipient: BOT,
      conversation: { id: TEAM, isGroup: true, conversationType: "channel", tenantId: TENANT },
      channelData: { team: { id: TEAM }, channel: { id: TEAM }, tenant: { id: TENANT } },
      value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    };
    // One line: the editor indents and closes brackets as it goes, which would break JSON typed in lines.
    await page.keyboard.insertText(JSON.stringify(activity));
    await dialog.getByRole("button", { name: "Send activity" }).click();
    await dialog.waitFor({ state: "hidden", timeout });
    await page.waitForFunction(
      (n) => [...document.querySelectorAll("*")].filter((e) => e.children.length === 0 && /^invoke \d{3}$/.test(e.textContent.trim())).length > n,
      before,
      { timeout },
    );
    const entry = invokes.last();
    const status = (await entry.innerText()).trim();
    if (status !== "invoke 200") throw new Error(`the bot answered the ${verb} invoke with ${status}`);
    await entry.click();
    await page.getByRole("tab", { name: "Response" }).click();
    // The response is shown as JSON; the block four levels above its "statusCode" holds all of it.
    const panel = page.getByText('"statusCode"').last().locator("xpath=ancestor::div[4]");
    await panel.waitFor({ state: "visible", timeout });
    return { panel, text: await panel.innerText() };
  }

  await page.goto(opts.url);
  const welcome = page.locator(".ac-adaptiveCard", { hasText: "Strategikollen" }).first();
  await see(welcome, "rådgivande", "the welcome card in the personal chat");

  // 1. An administrator registers the General channel of "My Team" as IB's channel.
  await open("General");
  const registration = await post("registrera IB-kanal");
  await see(registration, "registrerad som IB-kanal", "the bot's confirmation in the post's thread");
  await shot("ib-register.png", registration);

  // 2. In the personal chat: a conference abroad on behalf of KS, with the finance commissioner.
  // ("Ny bedömning" opens the Teams dialog, which the Playground cannot: playground-dialog.mjs.)
  await open("Personal Chat");
  await press(welcome, "Ny bedömning i chatten");
  let card = lastCard();
  await choose(card, "Vad gäller det?", "Konferens eller evenemang utomlands");
  await press(card, "Nästa");

  card = lastCard();
  await see(card, "Steg 2 av 4");
  await fill(card, "Rubrik", "2025 Paris Mayors Summit Against Antisemitism");
  await fill(card, "Nämnd, förvaltning eller bolag", "Stadsledningskontoret");
  await fill(card, "Motpart", "Combat Antisemitism Movement och Paris stad");
  await choose(card, "Typ av motpart", "Civilsamhälle");
  await fill(card, "Land", "Frankrike");
  await press(card, "Nästa");

  card = lastCard();
  await see(card, "Steg 3 av 4");
  await radio(card, "På uppdrag av kommunstyrelsen?", "Ja");
  await tick(card, "Finansborgarrådet");
  await tick(card, "Samverkan");
  await tick(card, "Påverkan");
  await fill(card, "Förväntad nytta", "Erfarenhetsutbyte om hur den växande antisemitismen kan bemötas");
  await fill(card, "Befintligt forum", "Nordic Safe Cities och Strong Cities Network");
  await fill(card, "Kostnad i kronor", "15000");
  await radio(card, "Ryms det i budgeten?", "Ja");
  await radio(card, "Finns ett program?", "Nej");
  await radio(card, "Får staden en aktiv roll?", "Nej");
  await radio(card, "Kan inbjudan överlåtas?", "Nej");
  await press(card, "Nästa");

  card = lastCard();
  await see(card, "Steg 4 av 4");
  await press(card, "Bedöm");

  card = lastCard();
  await see(card, "Behöver kompletteras", "the verdict (no programme yet)");
  await see(card, "Finansborgarrådet, efter beredning i Internationella beredningen (IB)", "the decision owner");
  await card.getByRole("button", { name: "Skicka till IB", exact: true }).waitFor({ timeout });
  await shot("ib-result.png", card);

  // 3. "Skicka till IB": the case and its post are registered; the answer names the case.
  await press(card, "Skicka till IB");
  card = lastCard();
  await see(card, "Skickat till IB", "the confirmation");
  const caseId = (await card.innerText()).match(/SK-\d{4}-\d{4,}/)?.[0];
  if (!caseId) throw new Error(`no case id on the confirmation:\n${await card.innerText()}`);
  log("case", caseId);
  await see(card, "Status: Inlämnat");
  await shot("ib-sent.png", card);

  // 4. In the General channel the delivery worker's post arrives: the IB card, read-only.
  await open("General");
  const casePost = postWith(`Ärende ${caseId}`);
  await casePost.waitFor({ state: "visible", timeout });
  const ibCard = casePost.locator(".ac-adaptiveCard").first();
  await see(ibCard, "Status: Inlämnat", "the case's status on the IB card");
  await see(ibCard, "Prioritet: låg", "the priority");
  await see(ibCard, "15 000 kr", "the cost");
  if (await ibCard.getByRole("button", { name: "Begär komplettering" }).count()) {
    throw new Error("the shared IB post shows the members' buttons to everyone");
  }
  // The card asks Teams to refresh it for IB's members; the Playground says it cannot.
  await see(page, "User specific view", "the Playground's note that it does not run a card's refresh");
  await shot("ib-channel-post.png", casePost);

  // 5. Alex is in the team, so an IB member: the card's refresh gives the member's card.
  let answer = await execute("ib.refresh", { case: caseId });
  for (const text of ["Tillstyrk", "Avböj", "Begär komplettering", "Till dagordning", "meeting_date", caseId]) {
    if (!answer.text.includes(text)) throw new Error(`the member's card lacks ${text}:\n${answer.text.slice(0, 3000)}`);
  }
  // The whole window: the shared post as the Playground shows it, and beside it the
  // member's card in the log, scrolled to its comment field and buttons.
  await answer.panel.getByText('"Input.Text"').first()
    .evaluate((e) => e.scrollIntoView({ block: "start" }));
  await shot("ib-member-view.png");

  // 6. "Begär komplettering" with a comment: the post is updated in place, for everyone.
  answer = await execute("ib.request_completion", { case: caseId, comment: COMMENT });
  if (!answer.text.includes("Begärd komplettering")) {
    throw new Error(`the member's card after the action lacks the new status:\n${answer.text.slice(0, 3000)}`);
  }
  await see(ibCard, "Status: Begärd komplettering", "the post updated in place");
  await see(ibCard, COMMENT, "the comment on the post");
  await shot("ib-card-updated.png", casePost);

  // 7. The submitter's personal chat: the notification with the comment and "Komplettera".
  await open("Personal Chat");
  const notice = page.locator(".ac-adaptiveCard", { hasText: COMMENT }).last();
  await see(notice, caseId, "the case on the notification");
  await see(notice, "Begärd komplettering", "the new status on the notification");
  await see(notice, "Alex Wilber", "who acted");
  await notice.getByRole("button", { name: "Komplettera", exact: true }).waitFor({ timeout });
  await shot("ib-notification.png", notice);

  // 8. "mina ärenden" lists the case with its status.
  card = await type("mina ärenden");
  await see(card, "Mina ärenden", "the heading");
  await see(card, caseId, "the case");
  await see(card, "Begärd komplettering", "its status");
  await shot("ib-my-cases.png", card);

  // 9. Komplettera: the wizard with the answers kept; the programme is now there.
  await press(notice, "Komplettera");
  card = lastCard();
  for (let step = 0; step < 4 && !(await card.innerText()).includes("Steg 3 av 4"); step++) {
    await press(card, "Nästa");
    card = lastCard();
  }
  await see(card, "Steg 3 av 4");
  await radio(card, "Finns ett program?", "Ja");
  await press(card, "Nästa");
  card = lastCard();
  await see(card, "2025 Paris Mayors Summit Against Antisemitism", "the title kept");
  await press(card, "Bedöm");
  card = lastCard();
  const resend = `Skicka ny version till ${caseId}`;
  await card.getByRole("button", { name: resend, exact: true }).waitFor({ timeout });
  await press(card, resend);
  card = lastCard();
  await see(card, caseId, "the case on the confirmation of version 2");

  // 10. The post shows version 2, with "Version 2 från …" in its thread; IB puts it on the agenda.
  await open("General");
  await see(ibCard, "Status: Inlämnat", "the post back to submitted");
  await see(casePost, "Version 2", "the reply in the post's thread");
  const meeting = dateIn(14);
  answer = await execute("ib.to_agenda", { case: caseId, meeting_date: meeting, comment: "" });
  await see(ibCard, "Till dagordning", "the post on the agenda");
  await see(ibCard, meeting, "the meeting date on the post");
  await shot("ib-card-agenda.png", casePost);

  // 11. "dagordning" in the channel: the next meeting, its items by priority, the total cost.
  const agendaPost = await post("dagordning");
  const agenda = agendaPost.locator(".ac-adaptiveCard").first();
  await agenda.waitFor({ state: "visible", timeout });
  await see(agenda, "Dagordning", "the heading");
  await see(agenda, meeting, "the meeting date");
  await see(agenda, "2025 Paris Mayors Summit Against Antisemitism", "the item");
  await see(agenda, "15 000 kr", "the total cost");
  await shot("ib-agenda.png", agendaPost);
}

await runDriver(opts, main);
