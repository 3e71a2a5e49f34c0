/**
 * End to end in headless Chromium (playwright-core, Debian's /usr/bin/chromium): an agent created with
 * `agent:add` logs in to /agent, sees a citizen waiting with the bot transcript, accepts, both exchange
 * messages, the agent ends and the bot answers the citizen again; then the agent works a callback ticket.
 *
 * The citizen is driven over the bot's HTTP endpoint /api/messages (deliveryMode expectReplies: the bot's
 * own replies come back in the response body). What reaches the citizen outside their turn (the agent's
 * messages, "connected", "ended") the bot sends proactively to the activity's serviceUrl, as it would to
 * any channel's connector; the test runs such a connector (tests/helpers/connector.ts) and reads it there.
 *
 * Screenshots of the login and the tickets go to docs/screenshots/ (referenced in the README); those of the queue and
 * the chat are taken by console.browser.test.ts.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { replyText, say, useServer, type Citizen } from '../helpers/server';
import { TestConnector } from '../helpers/connector';
import { addAgent } from '../helpers/agent';
import { ROOT } from '../helpers/paths';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const PASSWORD = 'browser-test-passwort';

describe('agent console in headless Chromium', function () {
  this.timeout(120000);
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const connector = new TestConnector();

  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  // Declared before useServer, so the browser closes before the server stops.
  after(async () => {
    await browser?.close();
  });
  const server = useServer({
    prefix: 'assistant-browser-',
    prepare: (dir) => { addAgent(dir, 'anna', PASSWORD, {}, ['--display-name', 'Frau Schmidt']); },
    // Tuesday 10:00 in Berlin: in business hours.
    env: { ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z', HANDOFF_TICK_MS: '250' },
  });
  before(() => connector.start());
  after(() => connector.stop());

  it('refuses a wrong password on the login page', async () => {
    await page.goto(`${server.url}/agent`);
    await page.fill('#name', 'anna');
    await page.fill('#password', 'falsch-falsch-falsch');
    await page.click('#login-button');
    await page.locator('#login-error', { hasText: 'Name oder Passwort ist falsch.' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-login.png') });
  });

  it('an agent logs in, accepts a waiting citizen with the transcript, chats, ends; the bot answers again', async () => {
    await page.fill('#name', 'anna');
    await page.fill('#password', PASSWORD);
    await page.click('#login-button');
    await page.waitForSelector('#console:not([hidden])');
    await page.locator('#connection-status', { hasText: /^online$/ }).waitFor();
    assert.equal(await page.textContent('#agent-name'), 'Frau Schmidt');
    assert.equal(await page.textContent('#agent-login'), '(anna)');
    assert.match(await page.getAttribute('#agent-name', 'title') ?? '', /Frau Schmidt/, 'the console tells the agent how citizens see them');

    const citizen: Citizen = { conversationId: `browser-${randomUUID()}`, tenant: 'wolfsburg', serviceUrl: connector.url };
    assert.match(replyText(await say(server.url, citizen, 'Was kostet ein Reisepass?')), /70,00/);
    assert.match(replyText(await say(server.url, citizen, 'Ich möchte mit einem Mitarbeiter sprechen')), /an der Reihe/);

    const item = page.locator('.queue-item').filter({ hasText: 'Kosten – Reisepass beantragen' });
    await item.waitFor();
    assert.match(await item.textContent() ?? '', /Stadt Wolfsburg/);
    // The waiter's conversation with the assistant in the main panel (the console test screenshots it).
    await item.locator('button.open').click();
    await page.locator('#transcript .msg-citizen', { hasText: 'Was kostet ein Reisepass?' }).waitFor();
    assert.match(await page.textContent('#transcript') ?? '', /70,00/);

    await item.locator('button.accept').click();
    await page.locator('#chat-title', { hasText: /^Kosten – Reisepass beantragen$/ }).waitFor();
    await page.locator('#composer').waitFor();
    await connector.waitFor(citizen.conversationId, /Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden/);

    assert.equal((await say(server.url, citizen, 'Hallo, ich brauche den Pass für meine Tochter.')).filter((r) => r.type === 'message').length, 0);
    await page.locator('#transcript .msg-citizen').filter({ hasText: 'Hallo, ich brauche den Pass für meine Tochter.' }).waitFor();
    await page.fill('#message', 'Guten Tag! Den Kinderreisepass gibt es seit 2024 nicht mehr. Wie alt ist Ihre Tochter?');
    await page.click('#send');
    await connector.waitFor(citizen.conversationId, /^Frau Schmidt \(Service-Center\): Guten Tag! Den Kinderreisepass gibt es seit 2024 nicht mehr/);
    await page.locator('#transcript .msg-agent').filter({ hasText: 'Wie alt ist Ihre Tochter?' }).waitFor();
    await say(server.url, citizen, 'Sie ist 8 Jahre alt.');
    await page.locator('#transcript .msg-citizen').filter({ hasText: 'Sie ist 8 Jahre alt.' }).waitFor();

    await page.click('#end');
    await connector.waitFor(citizen.conversationId, /Frau Schmidt hat das Gespräch beendet/);
    await page.locator('#chat-title', { hasText: /^Kein Gespräch ausgewählt$/ }).waitFor();
    assert.match(replyText(await say(server.url, citizen, 'Was kostet ein Personalausweis?')), /Personalausweis/);
  });

  it('shows callback tickets and saves status and note', async () => {
    const caller: Citizen = { conversationId: `browser-${randomUUID()}`, tenant: 'gifhorn', serviceUrl: connector.url };
    await say(server.url, caller, 'Rückruf bitte');
    await say(server.url, caller, '0151 1234567');
    await say(server.url, caller, 'morgen um 10 Uhr');
    await say(server.url, caller, 'Frage zur Kfz-Zulassung');
    const reference = /RR-2026-\d{6}/.exec(replyText(await say(server.url, caller, 'Ja')))?.[0];
    assert.ok(reference);

    await page.click('#tab-tickets');
    const row = page.locator(`tr.ticket[data-reference="${reference}"]`);
    await row.waitFor();
    assert.match(await row.textContent() ?? '', /Landkreis Gifhorn.*Frage zur Kfz-Zulassung.*\+49.*Mi, 25\.11\.2026, 10:00 Uhr/);
    await row.locator('select').selectOption('erledigt');
    await row.locator('input').fill('Zurückgerufen, Termin vereinbart');
    await row.locator('button').click();
    await page.locator('#tickets-status', { hasText: `${reference} gespeichert.` }).waitFor();
    // The list reloads from the server after the change: the saved values are there.
    await page.reload();
    await page.click('#tab-tickets');
    const saved = page.locator(`tr.ticket[data-reference="${reference}"]`);
    await saved.waitFor();
    assert.equal(await saved.locator('input').inputValue(), 'Zurückgerufen, Termin vereinbart');
    assert.equal(await saved.locator('select').inputValue(), 'erledigt');
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-tickets.png') });
    assert.deepEqual(problems.filter((p) => !/401|Unauthorized/.test(p)), [], 'no script errors or CSP violations');
  });
});
