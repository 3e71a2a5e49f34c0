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
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { replyText, say, type Citizen } from '../helpers/server';
import { TestConnector } from '../helpers/connector';
import { useServerWithAgent } from '../helpers/agent';
import { useChromium, submitLogin } from '../helpers/browser';
import { ROOT } from '../helpers/paths';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const PASSWORD = 'browser-test-passwort';

describe('agent console in headless Chromium', function () {
  this.timeout(120000);
  const chromium = useChromium();
  let page: Page;
  const problems: string[] = [];
  const connector = new TestConnector();

  before(async function () {
    mkdirSync(SCREENSHOTS, { recursive: true });
    page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  // Tuesday 10:00 in Berlin: in business hours. The tickets' test moves it on a day with a restart.
  let clockStart = '2026-11-24T09:00:00Z';
  const server = useServerWithAgent('assistant-browser-', PASSWORD, () => ({ ASSISTANT_CLOCK_START: clockStart, HANDOFF_TICK_MS: '250' }));
  before(() => connector.start());
  after(() => connector.stop());

  it('refuses a wrong password on the login page', async () => {
    await page.goto(`${server.url}/agent`);
    await submitLogin(page, 'anna', 'falsch-falsch-falsch');
    await page.locator('#login-error', { hasText: 'Name oder Passwort ist falsch.' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-login.png') });
  });

  it('an agent logs in, accepts a waiting citizen with the transcript, chats, ends; the bot answers again', async () => {
    await submitLogin(page, 'anna', PASSWORD);
    await page.waitForSelector('#console:not([hidden])');
    await page.locator('#connection-status', { hasText: /^online$/ }).waitFor();
    assert.equal(await page.textContent('#agent-name'), 'Frau Schmidt');
    assert.equal(await page.textContent('#agent-login'), '(anna)');
    assert.match(
      (await page.getAttribute('#agent-name', 'title')) ?? '',
      /Frau Schmidt/,
      'the console tells the agent how citizens see them',
    );

    const citizen: Citizen = { conversationId: `browser-${randomUUID()}`, tenant: 'wolfsburg', serviceUrl: connector.url };
    assert.match(replyText(await say(server.url, citizen, 'Was kostet ein Reisepass?')), /70,00/);
    assert.match(replyText(await say(server.url, citizen, 'Ich möchte mit einem Mitarbeiter sprechen')), /an der Reihe/);

    const item = page.locator('.queue-item').filter({ hasText: 'Kosten – Reisepass beantragen' });
    await item.waitFor();
    assert.match((await item.textContent()) ?? '', /Stadt Wolfsburg/);
    // The waiter's conversation with the assistant in the main panel (the console test screenshots it).
    await item.locator('button.open').click();
    await page.locator('#transcript .msg-citizen', { hasText: 'Was kostet ein Reisepass?' }).waitFor();
    assert.match((await page.textContent('#transcript')) ?? '', /70,00/);

    await item.locator('button.accept').click();
    await page.locator('#chat-title', { hasText: /^Kosten – Reisepass beantragen$/ }).waitFor();
    await page.locator('#composer').waitFor();
    await connector.waitFor(citizen.conversationId, /Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden/);

    assert.equal(
      (await say(server.url, citizen, 'Hallo, ich brauche den Pass für meine Tochter.')).filter((r) => r.type === 'message').length,
      0,
    );
    await page.locator('#transcript .msg-citizen').filter({ hasText: 'Hallo, ich brauche den Pass für meine Tochter.' }).waitFor();
    await page.fill('#message', 'Guten Tag! Den Kinderreisepass gibt es seit 2024 nicht mehr. Wie alt ist Ihre Tochter?');
    await page.click('#send');
    await connector.waitFor(
      citizen.conversationId,
      /^Frau Schmidt \(Service-Center\): Guten Tag! Den Kinderreisepass gibt es seit 2024 nicht mehr/,
    );
    await page.locator('#transcript .msg-agent').filter({ hasText: 'Wie alt ist Ihre Tochter?' }).waitFor();
    await say(server.url, citizen, 'Sie ist 8 Jahre alt.');
    await page.locator('#transcript .msg-citizen').filter({ hasText: 'Sie ist 8 Jahre alt.' }).waitFor();

    await page.click('#end');
    await connector.waitFor(citizen.conversationId, /Frau Schmidt hat das Gespräch beendet/);
    await page.locator('#chat-title', { hasText: /^Kein Gespräch ausgewählt$/ }).waitFor();
    assert.match(replyText(await say(server.url, citizen, 'Was kostet ein Personalausweis?')), /Personalausweis/);
  });

  it('shows callback tickets to work: created, due, context, tel: link, status history, overdue, CSV download', async () => {
    // One citizen asked about a service first (context, no topic question), one says "Nein" to the topic.
    const caller: Citizen = { conversationId: `browser-${randomUUID()}`, tenant: 'gifhorn', serviceUrl: connector.url };
    await say(server.url, caller, 'Was kostet ein Reisepass?');
    await say(server.url, caller, 'Rückruf bitte');
    await say(server.url, caller, '0151 23456789');
    const consent = replyText(await say(server.url, caller, 'morgen um 10 Uhr'));
    assert.match(consent, /Telefon: 0151 23456789/, 'the number as the citizen typed it');
    const reference = /RR-2026-\d{6}/.exec(replyText(await say(server.url, caller, 'Ja')))?.[0];
    assert.ok(reference);
    const other: Citizen = { conversationId: `browser-${randomUUID()}`, tenant: 'wolfsburg', serviceUrl: connector.url };
    await say(server.url, other, 'Rückruf bitte');
    await say(server.url, other, '+49 171 1234567');
    assert.match(replyText(await say(server.url, other, 'Freitag um 10 Uhr')), /Worum geht es/);
    assert.match(replyText(await say(server.url, other, 'Nein')), /Anliegen: keine Angabe/);
    const second = /RR-2026-\d{6}/.exec(replyText(await say(server.url, other, 'Ja')))?.[0];
    assert.ok(second);

    await page.click('#tab-tickets');
    const card = page.locator(`li.ticket[data-reference="${reference}"]`);
    await card.waitFor();
    assert.match((await card.locator('.created').textContent()) ?? '', /^24\.11\.2026 10:\d\d$/, 'creation time');
    assert.equal(await card.locator('.due').textContent(), 'Mi, 25.11.2026, 10:00 Uhr');
    assert.equal(await card.locator('a.tel').textContent(), '0151 23456789');
    assert.equal(await card.locator('a.tel').getAttribute('href'), 'tel:+4915123456789');
    assert.match((await card.locator('.ticket-title').textContent()) ?? '', /Reisepass/);
    assert.equal(await card.locator('.overdue-flag').isVisible(), false);
    const none = page.locator(`li.ticket[data-reference="${second}"]`);
    assert.equal(await none.locator('.topic').textContent(), 'keine Angabe');
    assert.equal(await none.locator('a.tel').textContent(), '0171 1234567');

    // The conversation up to the request, the assistant's Markdown rendered.
    await card.locator('summary').click();
    const context = card.locator('ol.context');
    await context.waitFor();
    assert.match((await context.locator('li.msg-citizen').first().textContent()) ?? '', /Was kostet ein Reisepass\?/);
    const bot = context.locator('li.msg-bot .md').first();
    assert.ok((await bot.count()) > 0, 'the bot answer is rendered');
    assert.doesNotMatch((await context.textContent()) ?? '', /\*\*/, 'no raw Markdown');
    assert.doesNotMatch((await context.textContent()) ?? '', /Ja, einverstanden|RR-2026/, 'nothing after the request');

    // Status history: who and when.
    await card.locator('select').selectOption('in_bearbeitung');
    await card.locator('input.note').fill('Mailbox, versuche es später');
    await card.locator('button.save').click();
    await page.locator('#tickets-status', { hasText: `${reference} gespeichert.` }).waitFor();
    await page.locator(`li.ticket[data-reference="${reference}"] .history li.history-in_bearbeitung`).waitFor();
    const history = await page.locator(`li.ticket[data-reference="${reference}"] .history li`).allTextContents();
    assert.equal(history.length, 2);
    assert.match(history[0], /^offen24\.11\.2026 10:\d\dRückrufwunsch im Chat$/);
    assert.match(history[1], /^in Bearbeitung24\.11\.2026 10:\d\dFrau Schmidt$/, 'the display name, not the login');
    assert.deepEqual(
      problems.filter((p) => !/401|Unauthorized/.test(p)),
      [],
      'no script errors or CSP violations',
    );

    // A day later, 11:30: the ticket due at 10:00 and still in Bearbeitung is overdue, Friday's is not.
    clockStart = '2026-11-25T10:30:00Z';
    await server.restart();
    await page.goto(`${server.url}/agent`);
    await page.waitForSelector('#console:not([hidden])');
    await page.click('#tab-tickets');
    const late = page.locator(`li.ticket.overdue[data-reference="${reference}"]`);
    await late.waitFor();
    assert.equal(await late.locator('.overdue-flag').textContent(), 'überfällig');
    assert.equal(await late.locator('.overdue-flag').isVisible(), true);
    assert.equal(await page.locator(`li.ticket.overdue[data-reference="${second}"]`).count(), 0);
    assert.equal(await page.textContent('#tickets-overdue'), '1 überfällig');
    assert.equal(await late.locator('input.note').inputValue(), 'Mailbox, versuche es später', 'kept across the restart');
    await late.locator('summary').click();
    await late.locator('ol.context li.msg-bot').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-tickets.png') });

    // The download link: the day's export (nothing created today, 25.11.), and yesterday's with both tickets.
    await page.fill('#tickets-day', '2026-11-24');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#tickets-export')]);
    assert.equal(download.suggestedFilename(), 'rueckrufe-2026-11-24.csv');
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    assert.ok(csv.startsWith('\uFEFF"Vorgang";"Erstellt";'), 'BOM and a semicolon-separated header');
    assert.match(csv, new RegExp(`"${reference}";"24\\.11\\.2026 10:\\d\\d";"25\\.11\\.2026 10:00"`));
    assert.ok(csv.includes(`"${second}"`));
  });
});
