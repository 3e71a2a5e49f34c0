/**
 * The escalation as citizen and agent meet it, at once in one headless Chromium: the citizen in Web Chat on the
 * chat page (the local Direct Line over its WebSocket stream), the agent in the console. Measures the time from
 * the agent's send to the text being in the citizen's Web Chat transcript: proactive messages must not be held
 * by Web Chat (an activity whose replyToId names an activity the client never saw waits about 5 seconds). The
 * citizen meets the agent by the display name, and sees what the agent typed as literal text; the console shows
 * the bot's Markdown formatted and the citizen's text literally.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { useServerWithAgent } from '../helpers/agent';
import { agentOnline, citizenSays, useChromium, openChat, waitInPage } from '../helpers/browser';

const PASSWORD = 'browser-test-passwort';
/** The issue's promise: the agent's text is visible for the citizen within a second (Web Chat's hold is ~5 s). */
const DELIVERY_LIMIT_MS = 1000;

/**
 * Installs, once, a watcher in the citizen's page that notes the first moment (Date.now()) each registered text
 * is in a bubble of Web Chat's transcript. Registered before the agent sends, read afterwards: the clock of the
 * same browser on both sides, no polling granularity in the figure.
 */
const WATCHER = `(() => {
  if (window.__seen) return;
  const seen = window.__seen = {};
  const check = () => {
    const bubbles = [...document.querySelectorAll('.webchat__bubble__content')].map((b) => b.textContent || '');
    for (const needle of Object.keys(seen)) if (seen[needle] === 0 && bubbles.some((t) => t.includes(needle))) seen[needle] = Date.now();
  };
  window.__watch = (needle) => { seen[needle] = 0; check(); };
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

async function watch(citizen: Page, needle: string): Promise<void> {
  await citizen.evaluate(WATCHER);
  await citizen.evaluate(`window.__watch(${JSON.stringify(needle)})`);
}

/** When `needle` appeared in the citizen's transcript (after watch()). */
async function seenAt(citizen: Page, needle: string, timeoutMs = 15000): Promise<number> {
  const read = `window.__seen[${JSON.stringify(needle)}]`;
  await waitInPage(citizen, `${read} > 0`, timeoutMs);
  return (await citizen.evaluate(read)) as number;
}

/** The agent types and sends `text` in the console; resolves to the page's clock at the send. */
async function agentSends(agent: Page, text: string): Promise<number> {
  // The console opens the chat a moment after the citizen sees "verbunden": only then is there a reply box.
  await agent.locator('#message').waitFor({ state: 'visible' });
  return (await agent.evaluate(`(() => {
    document.getElementById('message').value = ${JSON.stringify(text)};
    document.getElementById('send-form').requestSubmit();
    return Date.now();
  })()`)) as number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('escalation in Chromium: the citizen in Web Chat and the agent in the console at once', function () {
  this.timeout(120000);
  const chromium = useChromium();
  let citizen: Page;
  let agent: Page;
  const problems: string[] = [];

  before(async () => {
    citizen = await chromium.browser.newPage({ viewport: { width: 1024, height: 860 }, locale: 'de-DE' });
    agent = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    for (const page of [citizen, agent]) page.on('pageerror', (e) => problems.push(e.message));
  });
  // Tuesday 10:00 in Berlin: in business hours.
  const server = useServerWithAgent('assistant-browser-handoff-', PASSWORD, {
    ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z',
    HANDOFF_TICK_MS: '250',
  });

  it('delivers the agent\'s messages, "verbunden" and "beendet" to Web Chat at once', async () => {
    await agentOnline(agent, server.url, 'anna', PASSWORD);

    await openChat(citizen, server.url, 'wolfsburg');
    await citizenSays(citizen, 'Was kostet ein Reisepass?');
    await citizen.waitForSelector('text=/70,00/', { timeout: 30000 });
    await citizenSays(citizen, 'Ich möchte mit einem Mitarbeiter sprechen');
    await citizen.waitForSelector('text=/an der Reihe/', { timeout: 30000 });

    const item = agent.locator('.queue-item').filter({ hasText: 'Stadt Wolfsburg' });
    await item.waitFor();
    await watch(citizen, 'Sie sind jetzt mit');
    const acceptedAt = (await agent.evaluate(
      `(() => { document.querySelector('.queue-item button.accept').click(); return Date.now(); })()`,
    )) as number;
    const connected = (await seenAt(citizen, 'Sie sind jetzt mit')) - acceptedAt;

    const texts = [
      'Guten Tag, ich schaue mir Ihr Anliegen an.',
      'Den Kinderreisepass gibt es seit 2024 nicht mehr.',
      'Wie alt ist Ihr Kind?',
    ];
    const messages: number[] = [];
    for (const text of texts) {
      await watch(citizen, text);
      const sentAt = await agentSends(agent, text);
      messages.push((await seenAt(citizen, text)) - sentAt);
    }

    // The citizen meets the agent by the display name, in "connected" and in every message; the login name never.
    assert.ok(await citizen.isVisible('text=/Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden/'));
    assert.ok(await citizen.isVisible('text=/Frau Schmidt \\(Service-Center\\): Wie alt ist Ihr Kind\\?/'));

    await watch(citizen, 'hat das Gespräch beendet');
    const endedAt = (await agent.evaluate(`(() => { document.getElementById('end').click(); return Date.now(); })()`)) as number;
    const ended = (await seenAt(citizen, 'hat das Gespräch beendet')) - endedAt;

    console.log(
      `      delivery agent → citizen in Web Chat: connected ${connected} ms; messages ${messages.join(', ')} ms (median ${median(messages)} ms); ended ${ended} ms`,
    );
    for (const [what, ms] of [['connected', connected], ...texts.map((t, i) => [t, messages[i]] as const), ['ended', ended]] as const) {
      assert.ok(
        ms < DELIVERY_LIMIT_MS,
        `${what}: ${ms} ms until the citizen saw it (limit ${DELIVERY_LIMIT_MS} ms; Web Chat holds for ~5 s)`,
      );
    }
    assert.ok(await citizen.isVisible('text=/Frau Schmidt hat das Gespräch beendet/'));
    const transcript = (await citizen.evaluate(`document.querySelector('.webchat__basic-transcript').textContent`)) as string;
    assert.doesNotMatch(transcript, /\banna\b/i, 'the login name never reaches the citizen');
    assert.deepEqual(problems, []);
  });

  it("shows an agent's markup to the citizen as literal text, and the bot's Markdown to the agent as formatted text", async () => {
    await citizenSays(citizen, 'Ich möchte bitte noch einmal mit einem Mitarbeiter sprechen');
    await citizen.waitForSelector('text=/an der Reihe/', { timeout: 30000 });
    const item = agent.locator('.queue-item').filter({ hasText: 'Stadt Wolfsburg' });
    await item.waitFor();
    await watch(citizen, 'Sie sind jetzt mit');
    await item.locator('button.accept').click();
    await seenAt(citizen, 'Sie sind jetzt mit');

    // Agent → citizen: HTML, a Markdown link and image, emphasis: all of it literal text in Web Chat.
    const hostile =
      '<img src=x onerror="window.__pwned=1"> <h1>Achtung</h1> [Hier klicken](https://evil.example/login) ' +
      '![Logo](https://evil.example/logo.png) **fett**';
    await watch(citizen, 'Hier klicken');
    await agentSends(agent, hostile);
    await seenAt(citizen, 'Hier klicken');
    const bubble = (await citizen.evaluate(`(() => {
      const bubble = [...document.querySelectorAll('.webchat__bubble__content')].find((b) => (b.textContent || '').includes('Hier klicken'));
      return { text: bubble.textContent, elements: bubble.querySelectorAll('img, h1, a, strong, b, script').length,
        evilLinks: document.querySelectorAll('a[href*="evil.example"], img[src*="evil.example"], img[src="x"]').length, pwned: window.__pwned === 1 };
    })()`)) as { text: string; elements: number; evilLinks: number; pwned: boolean };
    for (const literal of [
      '<img src=x onerror="window.__pwned=1">',
      '<h1>Achtung</h1>',
      '[Hier klicken](https://evil.example/login)',
      '![Logo](https://evil.example/logo.png)',
      '**fett**',
    ]) {
      assert.ok(bubble.text.includes(literal), `the citizen sees ${literal} literally, got: ${bubble.text}`);
    }
    assert.deepEqual(
      { elements: bubble.elements, evilLinks: bubble.evilLinks, pwned: bubble.pwned },
      { elements: 0, evilLinks: 0, pwned: false },
    );

    // Citizen → agent: markup typed by the citizen is literal text in the console too.
    const typed = '<b>fett</b> **Sterne** <img src=y onerror="window.__pwned=1">';
    await citizenSays(citizen, typed);
    const citizenLine = agent.locator('#transcript .msg-citizen').filter({ hasText: '<b>fett</b>' });
    await citizenLine.waitFor();
    assert.ok(((await citizenLine.textContent()) ?? '').includes(typed));
    assert.equal(await citizenLine.locator('b, strong, img').count(), 0);

    // The bot's answers in the console: formatted (strong, a safe link), no Markdown syntax left, no HTML from text.
    const botLines = agent.locator('#transcript .msg-bot');
    const fee = botLines.filter({ hasText: '70,00' }).first();
    await fee.waitFor();
    assert.ok((await fee.locator('strong').count()) > 0, 'bold text rendered as <strong>');
    assert.doesNotMatch((await fee.textContent()) ?? '', /\*\*|\]\(/, 'no Markdown syntax shown');
    const links = (await agent.evaluate(`(() => {
      const fee = [...document.querySelectorAll('#transcript .msg-bot')].find((m) => m.textContent.includes('70,00'));
      return [...fee.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), rel: a.rel, target: a.target }));
    })()`)) as { href: string; rel: string; target: string }[];
    assert.ok(links.length > 0, 'the source as a link');
    for (const link of links)
      assert.deepEqual(
        { ok: /^https:\/\//.test(link.href), rel: link.rel, target: link.target },
        { ok: true, rel: 'noopener noreferrer', target: '_blank' },
      );
    // The renderer in the console's own DOM: hostile Markdown builds no element that runs or loads anything.
    const rendered = (await agent.evaluate(`(() => {
      const box = document.createElement('div');
      box.appendChild(window.AgentMarkdown.render(${JSON.stringify(`${hostile}\n- <script>window.__pwned=1</script>\n- [x](javascript:window.__pwned=1)`)}, document));
      document.body.appendChild(box);
      const result = { dangerous: box.querySelectorAll('img, h1, script, iframe, [onerror]').length, links: box.querySelectorAll('a').length,
        strong: box.querySelectorAll('strong').length, text: box.textContent, pwned: window.__pwned === 1 };
      box.remove();
      return result;
    })()`)) as { dangerous: number; links: number; strong: number; text: string; pwned: boolean };
    assert.deepEqual({ dangerous: rendered.dangerous, pwned: rendered.pwned }, { dangerous: 0, pwned: false });
    assert.equal(rendered.links, 1, 'only the https link is a link');
    assert.equal(rendered.strong, 1);
    assert.ok(rendered.text.includes('<script>window.__pwned=1</script>') && rendered.text.includes('<img src=x'), rendered.text);

    await agent.click('#end');
    await citizen.waitForSelector('text=/hat das Gespräch beendet/', { timeout: 15000 });
    assert.deepEqual(problems, []);
  });
});
