/**
 * The citizen chat page in the citizen's language (headless Chromium): `?lang=`, else the browser's languages,
 * else German; the language menu in the header; English throughout (privacy notice, page, Web Chat, the
 * assistant's answer); Arabic right to left (html dir, Web Chat's transcript and send box, mirrored bubbles), with
 * axe-core and an answer in Arabic script. Phone and desktop screenshots go to SCREENSHOTS_DIR (else the system's
 * temporary folder).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { citizenSays, useChromium, waitInPage } from '../helpers/browser';
import { useServer } from '../helpers/server';

const SHOTS = process.env.SCREENSHOTS_DIR ?? join(tmpdir(), 'chat-language-screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1024, height: 860 };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Evaluated in the page (strings: the test compiles without DOM types). */
const BOT_TEXTS = `[...document.querySelectorAll('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content')]
  .map((b) => b.innerText.trim())`;

/** A page that records its errors, CSP violations and any request that leaves this server. */
async function watchedPage(browser: Browser, options: Parameters<Browser['newPage']>[0], problems: string[]): Promise<Page> {
  const page = await browser.newPage(options);
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
  });
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    console.error('Content Security Policy violated: ' + e.violatedDirective + ' ' + e.blockedURI));`);
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'localhost' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    problems.push(`external request: ${url.href}`);
    return route.abort();
  });
  return page;
}

async function botTexts(page: Page): Promise<string[]> {
  return (await page.evaluate(BOT_TEXTS)) as string[];
}

/** Acknowledges the notice and waits for the assistant's first message; returns it. */
async function acceptAndGreeting(page: Page): Promise<string> {
  await page.click('#accept');
  await waitInPage(page, `${BOT_TEXTS}.length > 0`, 30000);
  return (await botTexts(page))[0];
}

/**
 * The citizen asks; resolves with the text of the assistant's answer: every bot message after the question,
 * once no new one has come for a second.
 */
async function ask(page: Page, question: string): Promise<string> {
  const before = (await botTexts(page)).length;
  await citizenSays(page, question);
  await waitInPage(page, `${BOT_TEXTS}.length > ${before}`, 30000);
  let count = 0;
  for (let stable = 0; stable < 4;) {
    await page.waitForTimeout(250);
    const now = (await botTexts(page)).length;
    stable = now === count ? stable + 1 : 0;
    count = now;
  }
  return (await botTexts(page)).slice(before).join('\n');
}

/** The text without its parentheses (where German official terms are given: "passport (Reisepass)") and links. */
function withoutGermanTerms(text: string): string {
  return text.replace(/\([^)]*\)/g, ' ').replace(/https?:\/\/\S+/g, ' ');
}

/**
 * True for a German text: more German words than English ones (a German source title such as "Passverordnung
 * § 15 – Gebühren", or a term in parentheses, in an English answer does not make it German).
 */
function looksGerman(text: string): boolean {
  const count = (re: RegExp): number => (withoutGermanTerms(text).match(re) ?? []).length;
  const german = count(
    /(?<![\p{L}])(kostet|kosten|für|Sie|Ihnen|Ihr|und|oder|bei|wird|ist|ein|eine|einen|der|die|das|mit|brauchen|Personen|Jahren?|gültig|ab|unter|weitere|Quelle|Stand)(?![\p{L}])/gu,
  );
  const english = count(
    /(?<![\p{L}])(the|and|you|your|for|is|are|of|to|with|costs?|need|people|years?|valid|under|more|source)(?![\p{L}])/giu,
  );
  return german > english;
}

async function axeSevere(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: a <script> tag would be (rightly) refused by the page's CSP.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations =
    (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as AxeViolation[];
  for (const v of violations) console.log(`      axe ${v.impact}: ${v.id} – ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, name) });
}

describe('citizen chat page in the citizen language (Chromium)', function () {
  this.timeout(120000);
  const chromium = useChromium();
  const server = useServer({ prefix: 'assistant-languages-' });

  describe('language choice and menu', () => {
    const problems: string[] = [];
    let page: Page;
    before(async () => {
      page = await watchedPage(chromium.browser, { viewport: DESKTOP, locale: 'en-GB' }, problems);
    });
    after(async () => {
      await page.close();
    });

    it("takes the browser's preferred language when the address names none, German when none is offered", async () => {
      await page.goto(`${server.url}/chat/wolfsburg`);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.ok(await page.isVisible('h2:has-text("Privacy notice")'));
      const french = await watchedPage(chromium.browser, { viewport: DESKTOP, locale: 'fr-FR' }, problems);
      try {
        await french.goto(`${server.url}/chat/wolfsburg`);
        assert.equal(await french.getAttribute('html', 'lang'), 'de');
        assert.ok(await french.isVisible('h2:has-text("Datenschutzhinweis")'));
      } finally {
        await french.close();
      }
    });

    it('offers every language in its own name, in a menu that works with the keyboard, and switches with ?lang=', async () => {
      const links = (await page.evaluate(`[...document.querySelectorAll('#language-menu a')].map((a) => ({
        text: a.textContent.trim(), lang: a.getAttribute('lang'), href: a.getAttribute('href'), current: a.getAttribute('aria-current') }))`)) as {
        text: string;
        lang: string;
        href: string;
        current: string | null;
      }[];
      assert.deepEqual(
        links.map((l) => [l.text, l.lang, l.href]),
        [
          ['Deutsch', 'de', '?lang=de'],
          ['English', 'en', '?lang=en'],
          ['Türkçe', 'tr', '?lang=tr'],
          ['Українська', 'uk', '?lang=uk'],
          ['العربية', 'ar', '?lang=ar'],
          ['Русский', 'ru', '?lang=ru'],
        ],
      );
      assert.deepEqual(
        links.filter((l) => l.current).map((l) => l.text),
        ['English'],
      );
      assert.equal(await page.isVisible('#language-menu a[lang="tr"]'), false, 'closed until asked');
      // Keyboard only: Tab to the menu, open it, Tab to Türkçe, Enter.
      await page.focus('#language-menu summary');
      await page.keyboard.press('Enter');
      assert.ok(await page.isVisible('#language-menu a[lang="tr"]'));
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(`document.activeElement && document.activeElement.getAttribute('lang') === 'tr'`)) break;
      }
      await Promise.all([page.waitForURL(/\?lang=tr$/), page.keyboard.press('Enter')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'tr');
      assert.ok(await page.isVisible('h2:has-text("Veri koruma bilgilendirmesi")'));
      assert.ok(await page.isVisible('button:has-text("Anladım – sohbeti başlat")'));
      // Escape closes the menu again.
      await page.click('#language-menu summary');
      await page.keyboard.press('Escape');
      assert.equal(await page.isVisible('#language-menu a[lang="de"]'), false);
      assert.deepEqual(problems, []);
    });
  });

  describe('English', () => {
    const problems: string[] = [];
    let page: Page;
    before(async () => {
      // A German browser: the address's ?lang=en wins over it.
      page = await watchedPage(chromium.browser, { viewport: DESKTOP, locale: 'de-DE' }, problems);
    });
    after(async () => {
      await page.close();
    });

    it('shows the English privacy notice and page', async () => {
      const res = await page.goto(`${server.url}/chat/wolfsburg?lang=en`);
      assert.equal(res?.status(), 200);
      assert.match(res?.headers()['content-security-policy'] ?? '', /script-src 'self'(;|$)/);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
      assert.equal(await page.title(), 'Digital assistant – Stadt Wolfsburg');
      assert.ok(await page.isVisible('h1:has-text("Digital assistant")'));
      assert.ok(await page.isVisible('h2:has-text("Privacy notice")'));
      const notice = await page.innerText('#privacy');
      assert.match(notice, /Please do not enter any personal data/);
      assert.match(notice, /No third-party services and no trackers are used/);
      assert.match(notice, /do not replace an official decision \(Bescheid\)/);
      assert.doesNotMatch(notice, /Datenschutz|Bitte geben Sie/);
      assert.ok(await page.isVisible('button:has-text("Understood – start the chat")'));
      assert.equal(await page.getAttribute('#chat', 'aria-label'), 'Chat with the digital assistant');
      assert.equal(await page.isVisible('#chat'), false);
    });

    it('greets in English: the page language goes with the token to the start of the conversation', async () => {
      const greeting = await acceptAndGreeting(page);
      assert.equal(looksGerman(greeting), false, `a German greeting: ${greeting}`);
      assert.match(greeting, /\b(Hello|Hi|Good (morning|afternoon|evening)|Welcome)\b/i, `greeting: ${greeting}`);
    });

    it("has Web Chat's English send box and answers the passport question in English", async () => {
      if (!(await page.isVisible('#chat'))) await acceptAndGreeting(page);
      assert.match(String(await page.getAttribute('input[type="text"], textarea', 'placeholder')), /Type your message/i);
      const reply = await ask(page, 'How much does a passport cost?');
      assert.match(reply, /passport/i, reply);
      assert.match(reply, /€|euro/i, reply);
      assert.equal(looksGerman(reply), false, `a German reply: ${reply}`);
      assert.deepEqual(problems, []);
    });

    it('saves desktop and phone screenshots', async () => {
      await screenshot(page, 'chat-en-desktop.png');
      const phone = await watchedPage(chromium.browser, { viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true }, problems);
      try {
        await phone.goto(`${server.url}/chat/wolfsburg?lang=en`);
        await screenshot(phone, 'chat-en-phone-notice.png');
        await acceptAndGreeting(phone);
        await ask(phone, 'How much does a passport cost?');
        await screenshot(phone, 'chat-en-phone.png');
      } finally {
        await phone.close();
      }
    });
  });

  describe('Arabic (right to left)', () => {
    const problems: string[] = [];
    let page: Page;
    before(async () => {
      page = await watchedPage(chromium.browser, { viewport: DESKTOP, locale: 'ar-SA' }, problems);
    });
    after(async () => {
      await page.close();
    });

    it('gives <html dir="rtl" lang="ar"> and the Arabic notice', async () => {
      await page.goto(`${server.url}/chat/wolfsburg?lang=ar`);
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      assert.ok(await page.isVisible('h2:has-text("إشعار حماية البيانات")'));
      assert.ok(await page.isVisible('button:has-text("فهمت – ابدأ المحادثة")'));
      // The header mirrors: the title on the right, the language menu on the left.
      const [title, menu] = (await page.evaluate(
        `['.banner h1', '#language-menu'].map((s) => document.querySelector(s).getBoundingClientRect().left)`,
      )) as number[];
      assert.ok(menu < title, `menu at ${menu}, title at ${title}`);
      await screenshot(page, 'chat-ar-desktop-notice.png');
    });

    it('lays out the transcript and the send box right to left, and answers the passport question in Arabic', async () => {
      await acceptAndGreeting(page);
      const dirs = (await page.evaluate(`(() => {
        const input = document.querySelector('.webchat__send-box-text-box__input');
        const transcript = document.querySelector('.webchat__basic-transcript');
        return { input: getComputedStyle(input).direction, transcript: getComputedStyle(transcript).direction,
          webchatDir: document.querySelector('#chat [dir]') && document.querySelector('#chat [dir]').getAttribute('dir') };
      })()`)) as { input: string; transcript: string; webchatDir: string | null };
      assert.deepEqual(dirs, { input: 'rtl', transcript: 'rtl', webchatDir: 'rtl' });
      const reply = await ask(page, 'كم تكلفة جواز السفر؟');
      // Mirrored: the citizen's bubble on the left, the assistant's on the right.
      const sides = (await page.evaluate(`(() => {
        const r = (s) => { const all = [...document.querySelectorAll(s)]; const b = all[all.length - 1].getBoundingClientRect(); return b.left + b.width / 2; };
        return { user: r('.webchat__stacked-layout--from-user .webchat__bubble'), bot: r('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble') };
      })()`)) as { user: number; bot: number };
      assert.ok(sides.user < sides.bot, `citizen at ${sides.user}, assistant at ${sides.bot}`);
      const text = withoutGermanTerms(reply);
      const arabic = (text.match(/[\u0600-\u06FF]/g) ?? []).length;
      const latin = (text.match(/[A-Za-zÄÖÜäöüß]/g) ?? []).length;
      assert.ok(arabic > 0 && arabic > latin, `not an Arabic reply: ${reply}`);
      assert.deepEqual(problems, []);
    });

    it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
      const severe = await axeSevere(page);
      assert.deepEqual(severe, [], JSON.stringify(severe, null, 2));
    });

    it('saves desktop and phone screenshots', async () => {
      await screenshot(page, 'chat-ar-desktop.png');
      const phone = await watchedPage(chromium.browser, { viewport: PHONE, locale: 'ar-SA', isMobile: true, hasTouch: true }, problems);
      try {
        await phone.goto(`${server.url}/chat/wolfsburg?lang=ar`);
        await screenshot(phone, 'chat-ar-phone-notice.png');
        await acceptAndGreeting(phone);
        await ask(phone, 'كم تكلفة جواز السفر؟');
        await screenshot(phone, 'chat-ar-phone.png');
        await phone.click('#language-menu summary');
        await screenshot(phone, 'chat-ar-phone-menu.png');
      } finally {
        await phone.close();
      }
    });
  });
});
