/**
 * The citizen chat page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
 * privacy notice, keyboard only, a question answered by Web Chat with a rendered Adaptive Card, axe-core
 * without serious or critical violations, and the README's screenshot. Run with `npm run test:browser`.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { citizenSays, useChromium, openChat, waitInPage } from '../helpers/browser';
import { useServer } from '../helpers/server';
import { ROOT } from '../helpers/paths';

const SCREENSHOT = join(ROOT, 'docs', 'screenshots', 'chat-gifhorn.png');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

describe('citizen chat page in Chromium (Web Chat on the local Direct Line)', function () {
  this.timeout(120000);
  const chromium = useChromium();
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    page = await chromium.browser.newPage({ viewport: { width: 1024, height: 860 }, locale: 'de-DE' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // The page's Content-Security-Policy must not get in Web Chat's way: any violation is a failure.
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) pageErrors.push(`CSP: ${msg.text()}`);
    });
    // A string: it runs in the page, where the DOM's types live (not in this Node test's compilation).
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      console.error('Content Security Policy violated: ' + e.violatedDirective + ' ' + e.blockedURI));`);
    // No request may leave this server (no CDN, no tracker).
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === 'localhost' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      pageErrors.push(`external request: ${url.href}`);
      return route.abort();
    });
  });
  const server = useServer({ prefix: 'assistant-browser-' });

  it("shows the privacy notice first, in German, with the Kommune's name", async () => {
    const res = await page.goto(`${server.url}/chat/gifhorn`);
    assert.equal(res?.status(), 200);
    const csp = res?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/, 'no inline or third-party script');
    assert.match(csp, /frame-ancestors 'self' https:\/\/www\.gifhorn\.de/, "the Kommune's website may embed the page");
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.match(await page.title(), /Landkreis Gifhorn/);
    assert.ok(await page.isVisible('text=Datenschutzhinweis'));
    assert.equal(await page.isVisible('#chat'), false, 'no chat before the notice is acknowledged');
  });

  it('is usable with the keyboard only: acknowledge, ask, get the answer and a rendered Adaptive Card', async () => {
    // Tab to the button and press Enter, as a keyboard user would.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate("document.activeElement && document.activeElement.id === 'accept'")) break;
    }
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'accept');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=/Guten Tag! Ich bin der digitale Assistent/', { timeout: 30000 });
    // The page put the focus into the send box.
    await waitInPage(page, 'document.activeElement && document.activeElement.matches(\'input[type="text"], textarea\')', 5000);
    await page.keyboard.type('Was brauche ich für einen Personalausweis?');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=/das bringen Sie mit/', { timeout: 30000 });
    assert.ok(await page.isVisible('button:has-text("Alle Unterlagen")'), 'suggested actions as buttons');
    // All documents, on request, as the checklist card (the list comes once: card, not text too).
    await page.click('button:has-text("Alle Unterlagen")');
    await page.waitForSelector('.ac-adaptiveCard', { timeout: 15000 });
    assert.ok(await page.isVisible('text=/Checkliste: Personalausweis/'), 'the checklist card is rendered');
    await page.waitForTimeout(500);
    assert.deepEqual(pageErrors, []);
  });

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    // Evaluated through the DevTools protocol: a <script> tag would be (rightly) refused by the page's CSP.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    // A string, evaluated in the page (the test itself compiles without DOM types).
    const violations =
      (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as AxeViolation[];
    for (const v of violations) console.log(`      axe ${v.impact}: ${v.id} – ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(severe, [], JSON.stringify(severe, null, 2));
  });

  it('saves the screenshot for the README', async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it("on a phone, answers a village's question with its one office, on one screen", async () => {
    const phone = await chromium.browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      isMobile: true,
      hasTouch: true,
    });
    try {
      await openChat(phone, server.url, 'gifhorn');
      await citizenSays(phone, 'Ich wohne in Sassenburg, wo beantrage ich einen Personalausweis?');
      await phone.waitForSelector('text=/Bürgerbüro der Gemeinde Sassenburg/', { timeout: 30000 });
      assert.equal(await phone.isVisible('text=/Samtgemeinde Papenteich/'), false, 'one office, not the list of all ten');
      // The answer's bubble fits the phone's screen.
      const height = (await phone.evaluate(`(() => { const all = [...document.querySelectorAll('.webchat__bubble__content')];
        return all[all.length - 1].getBoundingClientRect().height; })()`)) as number;
      assert.ok(height < 844, `answer ${height}px high`);
      await phone.waitForTimeout(300);
      await phone.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'chat-phone.png') });
    } finally {
      await phone.close();
    }
  });

  it('answers an unknown Kommune with a German 404 page', async () => {
    const res = await page.goto(`${server.url}/chat/atlantis`);
    assert.equal(res?.status(), 404);
    assert.ok(await page.isVisible('text=Diese Seite gibt es nicht'));
  });
});
