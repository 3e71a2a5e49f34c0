/**
 * The agent console for a whole shift, with the citizen in Web Chat and the agent in the console at once in one
 * headless Chromium: a new waiter announces itself (title counter, beep, notification, screen-reader status), the
 * waiter's conversation opens in the main panel with the bot's answers rendered and Kommune, service and wait
 * against the service level above it; after "Annehmen" the cursor is in the reply box; a Textbaustein is searched,
 * inserted with Enter and sent, and the citizen reads it as plain text; the per-Kommune filter narrows the list,
 * the counts and the signals, and survives a reload.
 *
 * The agent's browser is another window for the notification's sake (document.hasFocus is false), its
 * Notification is a recording stand-in that grants permission when asked, and its oscillators are counted, so the
 * notification and sound code paths run as in a real browser without a desktop.
 *
 * Screenshots (1280×800) go to docs/screenshots/: agent-queue.png (a waiter selected), agent-chat.png (a snippet in
 * the reply box).
 *
 * A citizen in English (a conversation as the dialogs record it by their contract, bot/handoff/citizenLanguage.ts): the
 * queue entry and the chat name the language, "English (en)", and each translated answer of the bot shows beside its
 * German original, marked "Deutsch:", both readable at 1280 pixels; the reply box says the agent's text goes as typed.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { say, type Citizen } from '../helpers/server';
import { TestConnector } from '../helpers/connector';
import { useServerWithAgent } from '../helpers/agent';
import { agentOnline, citizenSays, useChromium, openChat, waitInPage as waitInBrowser } from '../helpers/browser';
import { ROOT } from '../helpers/paths';
import { SqliteDatabase } from '../../bot/storage/database';
import { HandoffStore } from '../../bot/handoff/handoffStore';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const PASSWORD = 'browser-test-passwort';
const HUMAN = 'Ich möchte mit einem Mitarbeiter sprechen';

/** Runs in the agent's page before its scripts: a recording Notification, counted tones, a window not in front. */
const STAND_INS = `(() => {
  const signals = window.__signals = { notifications: [], tones: 0, permissionAsked: 0 };
  // The permission outlives a reload, as a browser's does.
  let permission = sessionStorage.getItem('permission') || 'default';
  class RecordingNotification {
    constructor(title, options) { signals.notifications.push({ title, body: options && options.body, tag: options && options.tag }); }
    close() {}
    static get permission() { return permission; }
    static requestPermission() { signals.permissionAsked += 1; permission = 'granted'; sessionStorage.setItem('permission', permission); return Promise.resolve(permission); }
  }
  window.Notification = RecordingNotification;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { signals.tones += 1; return start.apply(this, args); };
  document.hasFocus = () => false;
})()`;

interface Signals {
  notifications: { title: string; body: string; tag: string }[];
  tones: number;
  permissionAsked: number;
}

/** Polls an expression in the page; a failure names the page's title and the problems seen so far. */
const waitInPage = (page: Page, expression: string, timeoutMs = 15000): Promise<void> =>
  waitInBrowser(page, expression, timeoutMs, async () => `title: ${await page.title()}; page problems: ${problemsSeen.join(' | ')}`);

const problemsSeen: string[] = [];
const signals = async (page: Page): Promise<Signals> => (await page.evaluate('window.__signals')) as Signals;
const focused = async (page: Page): Promise<string> =>
  (await page.evaluate('document.activeElement && document.activeElement.id')) as string;

describe('the agent console for a shift, in Chromium with a citizen in Web Chat', function () {
  this.timeout(120000);
  const chromium = useChromium(['--autoplay-policy=no-user-gesture-required']);
  let citizen: Page;
  let agent: Page;
  const problems = problemsSeen;
  const connector = new TestConnector();

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    citizen = await chromium.browser.newPage({ viewport: { width: 1024, height: 860 }, locale: 'de-DE' });
    agent = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    await agent.addInitScript(STAND_INS);
    for (const page of [citizen, agent]) page.on('pageerror', (e) => problems.push(e.message));
    agent.on('console', (m) => {
      if (m.type() === 'error' && !/401|Unauthorized/.test(m.text())) problems.push(m.text());
    });
  });
  // Tuesday 10:00 in Berlin: in business hours. A short service level, to see a wait go over it.
  const server = useServerWithAgent('assistant-browser-console-', PASSWORD, {
    ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z',
    HANDOFF_TICK_MS: '250',
    HANDOFF_WAIT_TARGET_SECONDS: '4',
  });
  before(() => connector.start());
  after(() => connector.stop());

  it("a new waiter announces itself and opens in the main panel with the bot's answer rendered", async () => {
    await agentOnline(agent, server.url, 'anna', PASSWORD);
    // The display name in the header, the login name beside it.
    assert.equal(await agent.textContent('#agent-name'), 'Frau Schmidt');
    assert.equal(await agent.textContent('#agent-login'), '(anna)');
    assert.equal(await agent.title(), 'Agenten-Konsole – Service-Center');

    // Notifications are asked for on a click, not on load; the sound is off until switched on.
    assert.equal((await signals(agent)).permissionAsked, 0);
    assert.equal(await agent.isChecked('#sound-toggle'), false);
    await agent.click('#notify-permission');
    await agent.locator('#notify-permission').waitFor({ state: 'hidden' });
    assert.equal((await signals(agent)).permissionAsked, 1);
    await agent.check('#sound-toggle');
    assert.equal(await agent.evaluate(`localStorage.getItem('agentConsole.sound')`), 'on');
    await waitInPage(agent, 'window.__signals.tones >= 2');
    const tonesBefore = (await signals(agent)).tones;

    await openChat(citizen, server.url, 'wolfsburg');
    await citizenSays(citizen, 'Was kostet ein Reisepass?');
    await citizen.waitForSelector('text=/70,00/', { timeout: 30000 });
    await citizenSays(citizen, HUMAN);
    await citizen.waitForSelector('text=/an der Reihe/', { timeout: 30000 });

    await waitInPage(agent, `document.title === '(1) Wartende – Service-Center'`);
    await waitInPage(agent, 'window.__signals.notifications.length === 1');
    const s = await signals(agent);
    assert.equal(s.notifications[0].title, 'Neue Anfrage im Service-Center');
    assert.match(s.notifications[0].body, /Kosten – Reisepass beantragen \(Stadt Wolfsburg\)/);
    assert.ok(s.tones > tonesBefore, 'a beep for the new waiter');
    assert.match((await agent.textContent('#signal-status')) ?? '', /^Neue Anfrage wartet: Kosten – Reisepass beantragen/);

    // The waiter opens in the main panel: Kommune, service, what was asked, the bot's answer formatted.
    await agent.locator('#chat-title', { hasText: /^Kosten – Reisepass beantragen$/ }).waitFor();
    const facts = agent.locator('#chat-facts');
    await facts.filter({ hasText: 'Reisepass beantragen' }).waitFor();
    assert.match((await facts.textContent()) ?? '', /Kommune:?Stadt Wolfsburg.*Leistung:?Reisepass beantragen.*Gefragt nach:?Kosten/);
    const main = agent.locator('main.chat');
    await main.locator('#transcript .msg-citizen', { hasText: 'Was kostet ein Reisepass?' }).waitFor();
    const answer = main.locator('#transcript .msg-bot', { hasText: '70,00' }).first();
    assert.ok((await answer.locator('strong').count()) > 0, "the bot's Markdown rendered");
    assert.doesNotMatch((await answer.textContent()) ?? '', /\*\*/);
    assert.equal(await agent.locator('#queue details, #queue .preview').count(), 0, 'no preview box in the queue');
    const box = await main.locator('#transcript').boundingBox();
    assert.ok(box && box.width > 700 && box.height > 300, `the conversation fills the main panel: ${JSON.stringify(box)}`);

    // The wait against the service level (4 s here): highlighted once over it.
    const wait = agent.locator('.queue-item .wait');
    assert.match((await wait.textContent()) ?? '', /^0:0\d \/ 0:04 min/);
    await agent.locator('.queue-item .wait.over-target').waitFor({ timeout: 10000 });
    assert.match((await wait.textContent()) ?? '', /über Ziel$/);
    assert.ok((await agent.locator('#chat-facts .wait.over-target').count()) === 1);
    await agent.screenshot({ path: join(SCREENSHOTS, 'agent-queue.png') });
  });

  it('after "Annehmen" the cursor is in the reply box; a snippet is searched, inserted with Enter and sent as plain text', async () => {
    await agent.click('#accept-selected');
    await citizen.waitForSelector('text=/Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden/', { timeout: 15000 });
    await agent.locator('#composer').waitFor();
    await waitInPage(agent, `document.activeElement && document.activeElement.id === 'message'`);
    assert.equal(await agent.title(), 'Agenten-Konsole – Service-Center');

    // Alt+B to the snippets; typing filters; Enter inserts the selected one into the reply box.
    await agent.keyboard.press('Alt+b');
    assert.equal(await focused(agent), 'snippet-search');
    await agent.locator('#snippet-list .snippet').first().waitFor();
    const all = await agent.locator('#snippet-list .snippet').count();
    await agent.keyboard.type('kosten reise');
    await waitInPage(agent, `document.querySelectorAll('#snippet-list .snippet').length < ${all}`);
    const titles = await agent.locator('#snippet-list .snippet-title').allTextContents();
    assert.equal(titles[0], 'Kosten – Reisepass');
    assert.ok(titles.length >= 1 && titles.length < all, `filtered: ${titles.join(', ')}`);
    await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('ArrowUp');
    assert.equal(await agent.getAttribute('#snippet-list .snippet.active', 'data-id'), 'reisepass:kosten');
    await agent.keyboard.press('Enter');
    assert.equal(await focused(agent), 'message');
    const inserted = await agent.inputValue('#message');
    assert.match(
      inserted,
      /^Reisepass – die Kosten in der Stadt Wolfsburg:\n- Reisepass \(32 Seiten\) für Personen ab 24 Jahren, 10 Jahre gültig: 70,00\s€/,
    );
    await agent.screenshot({ path: join(SCREENSHOTS, 'agent-chat.png') });

    // Sent with the same key as any message; the citizen reads it as plain text.
    await agent.keyboard.press('Enter');
    await agent.locator('#transcript .msg-agent', { hasText: 'Reisepass – die Kosten in der Stadt Wolfsburg' }).waitFor();
    await citizen.waitForSelector('text=/Reisepass – die Kosten in der Stadt Wolfsburg/', { timeout: 15000 });
    const bubble = (await citizen.evaluate(`(() => {
      const b = [...document.querySelectorAll('.webchat__bubble__content')].find((x) => (x.textContent || '').includes('Reisepass – die Kosten in der Stadt Wolfsburg'));
      return { text: b.textContent, elements: b.querySelectorAll('strong, b, em, a, ul, li').length };
    })()`)) as { text: string; elements: number };
    assert.match(bubble.text, /^Frau Schmidt \(Service-Center\): Reisepass – die Kosten/);
    assert.match(bubble.text, /- Reisepass \(32 Seiten\) für Personen ab 24 Jahren, 10 Jahre gültig: 70,00\s€/);
    assert.equal(bubble.elements, 0, 'plain text: no formatting elements');
    assert.equal(await agent.inputValue('#message'), '');

    await agent.click('#end');
    await citizen.waitForSelector('text=/Frau Schmidt hat das Gespräch beendet/', { timeout: 15000 });
  });

  it('the per-Kommune filter narrows the list, the counts and the signals, and survives a reload', async () => {
    const waiter = async (tenant: string, question: string): Promise<void> => {
      const c: Citizen = { conversationId: `console-${randomUUID()}`, tenant, serviceUrl: connector.url };
      await say(server.url, c, question);
      await say(server.url, c, HUMAN);
    };
    await waiter('wolfsburg', 'Was kostet ein Personalausweis?');
    await waiter('gifhorn', 'Welche Unterlagen brauche ich für die Kfz-Zulassung?');
    await waitInPage(agent, `document.title === '(2) Wartende – Service-Center'`);
    await agent.selectOption('#tenant-filter', 'gifhorn');
    await waitInPage(agent, `document.title === '(1) Wartende – Service-Center'`);
    assert.equal(await agent.locator('.queue-item').count(), 1);
    assert.match((await agent.locator('.queue-item').textContent()) ?? '', /Landkreis Gifhorn/);
    assert.equal(await agent.textContent('#queue-count'), '1');
    assert.equal(await agent.textContent('#queue-hidden'), '1 weitere Anfrage in anderen Kommunen');
    await agent.locator('#chat-facts', { hasText: 'Landkreis Gifhorn' }).waitFor();

    await agent.reload();
    await agent.locator('#connection-status', { hasText: /^online$/ }).waitFor();
    await waitInPage(agent, `document.getElementById('tenant-filter').value === 'gifhorn'`);
    await waitInPage(agent, `document.querySelectorAll('.queue-item').length === 1 && document.title === '(1) Wartende – Service-Center'`);

    // A new waiter of another Kommune neither counts nor rings; one of the agent's Kommune does.
    const before = await signals(agent);
    await waiter('wolfsburg', 'Was kostet ein Führungszeugnis?');
    await agent.locator('#queue-hidden', { hasText: '2 weitere Anfragen in anderen Kommunen' }).waitFor();
    assert.equal((await signals(agent)).notifications.length, before.notifications.length);
    assert.equal(await agent.title(), '(1) Wartende – Service-Center');
    await waiter('gifhorn', 'Was kostet die Hundesteuer?');
    await waitInPage(agent, `document.title === '(2) Wartende – Service-Center'`);
    await waitInPage(agent, `window.__signals.notifications.length === ${before.notifications.length + 1}`);
    assert.match((await signals(agent)).notifications.at(-1)?.body ?? '', /Landkreis Gifhorn/);

    await agent.selectOption('#tenant-filter', '');
    await waitInPage(agent, `document.title === '(4) Wartende – Service-Center'`);
    assert.deepEqual(problems, []);
  });

  it('a citizen in English: the language in the queue and the chat, each bot answer beside its German original', async () => {
    const english = `console-en-${randomUUID()}`;
    const translated = 'A passport for persons aged 24 and over costs **€70.00** and is valid for 10 years.';
    const original = 'Ein Reisepass für Personen ab 24 Jahren kostet **70,00 €** und ist 10 Jahre gültig.';
    const db = new SqliteDatabase(join(server.dir, 'handoff.sqlite'));
    const store = new HandoffStore(db);
    const now = Date.now();
    await store.saveReference(
      english,
      { channelId: 'test', serviceUrl: connector.url, conversation: { id: english }, bot: { id: 'assistant' }, user: { id: 'citizen-en' } },
      'wolfsburg',
      now,
    );
    await store.addCitizenLine(english, 'How much is a passport?', now);
    await store.addMessage({ conversationId: english, sender: 'bot', text: translated, at: now, language: 'en', original });
    await store.enqueue({
      conversationId: english,
      tenant: 'wolfsburg',
      intent: 'fees',
      service: 'reisepass',
      topic: 'Kosten – Reisepass beantragen',
      reason: 'agent',
      now,
      language: 'en',
    });
    await db.close();
    // Written beside the server: the console reads it on its next connection.
    await agent.reload();
    await agent.locator('#connection-status', { hasText: /^online$/ }).waitFor();
    const entry = agent.locator('.queue-item', { has: agent.locator('.lang-badge') });
    await entry.waitFor();
    assert.equal(await entry.locator('.lang-badge').textContent(), 'English (en)');
    assert.equal(await entry.locator('.lang-badge bdi').getAttribute('lang'), 'en');
    assert.equal(await agent.locator('.queue-item .lang-badge').count(), 1, 'German waiters show no language');

    await entry.locator('button.open').click();
    await agent.locator('#chat-facts', { hasText: 'English (en)' }).waitFor();
    assert.match((await agent.textContent('#chat-facts')) ?? '', /Kommune:?Stadt Wolfsburg.*Sprache:?English \(en\)/);
    const line = agent.locator('#transcript .msg-bot.msg-bilingual');
    await line.waitFor();
    const read = line.locator('.translation');
    const german = line.locator('.original');
    assert.equal(await read.locator('.lang-label').textContent(), 'English (en):');
    assert.equal(await german.locator('.lang-label').textContent(), 'Deutsch:');
    assert.match((await read.textContent()) ?? '', /costs €70\.00 and is valid for 10 years/);
    assert.match((await german.textContent()) ?? '', /kostet 70,00\s€ und ist 10 Jahre gültig/);
    assert.ok((await german.locator('strong').count()) > 0, 'the original rendered as Markdown too');
    assert.equal(await german.getAttribute('lang'), 'de');
    // At 1280 pixels the two stand side by side, each wide enough to read, inside the panel.
    const [a, b, panel] = await Promise.all([read.boundingBox(), german.boundingBox(), agent.locator('#transcript').boundingBox()]);
    assert.ok(a && b && panel, 'both shown');
    assert.ok(b.x >= a.x + a.width - 1 && Math.abs(a.y - b.y) < 4, `beside each other: ${JSON.stringify({ a, b })}`);
    assert.ok(a.width >= 250 && b.width >= 250, `each at least 250 px wide: ${JSON.stringify({ a, b })}`);
    assert.ok(b.x + b.width <= panel.x + panel.width, 'inside the conversation panel');
    const size = Number.parseFloat(
      String(await agent.evaluate(`getComputedStyle(document.querySelector('#transcript .msg-bilingual .original .md')).fontSize`)),
    );
    assert.ok(size >= 13, `readable text: ${size}px`);

    await agent.click('#accept-selected');
    await agent.locator('#composer').waitFor();
    const hint = agent.locator('#message-language');
    await hint.waitFor();
    assert.match((await hint.textContent()) ?? '', /liest English \(en\)\. .*ohne Übersetzung/);
    assert.match((await agent.locator('.session-item', { hasText: 'English (en)' }).textContent()) ?? '', /Kosten – Reisepass beantragen/);
    await agent.fill('#message', 'Hello! How can I help you?');
    await agent.keyboard.press('Enter');
    await agent.locator('#transcript .msg-agent', { hasText: 'Hello! How can I help you?' }).waitFor();
    for (let i = 0; i < 100 && !(connector.received.get(english) ?? []).some((x) => x.text?.endsWith('Hello! How can I help you?')); i++) {
      await agent.waitForTimeout(100);
    }
    assert.ok(
      (connector.received.get(english) ?? []).some((x) => x.text?.endsWith('Hello! How can I help you?')),
      'sent as typed',
    );
    await agent.click('#end');
    assert.deepEqual(problems, []);
  });
});
