/**
 * The citizen chat page on a phone (390×844, as the issue measured it): every suggested action of the greeting
 * fully visible (inside the viewport, not clipped by an overflow, not covered by carousel arrows) and a Tab stop
 * of its own; the send box shows keyboard focus; the page loads no missing file (the favicon was a 404).
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useChromium, openChat } from '../helpers/browser';
import { useServer } from '../helpers/server';
import { ROOT } from '../helpers/paths';

const WIDTH = 390;
const HEIGHT = 844;
const GREETING_BUTTONS = [
  'Was brauche ich für einen Personalausweis?',
  'Was kostet ein Reisepass?',
  'Wann hat die Zulassungsstelle geöffnet?',
];

interface ButtonCheck {
  text: string;
  rect: { left: number; top: number; right: number; bottom: number };
  /** Ancestors with an overflow other than visible whose box does not contain the button's. */
  clippedBy: string[];
  /** Points of the button where another element (not the button or its content) is on top. */
  coveredAt: string[];
  /** The label is wider or higher than its box (cut off or ellipsed). */
  textOverflows: boolean;
}

/** Evaluated in the page (a string: the test compiles without DOM types). */
const CHECK_BUTTONS = `(() => [...document.querySelectorAll('.webchat__suggested-actions button')].map((b) => {
  const r = b.getBoundingClientRect();
  const clippedBy = [];
  for (let a = b.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const ar = a.getBoundingClientRect();
    if (r.left < ar.left - 0.5 || r.right > ar.right + 0.5 || r.top < ar.top - 0.5 || r.bottom > ar.bottom + 0.5) clippedBy.push(a.className || a.tagName);
  }
  const coveredAt = [];
  const points = { left: [r.left + 4, r.top + r.height / 2], centre: [r.left + r.width / 2, r.top + r.height / 2], right: [r.right - 4, r.top + r.height / 2] };
  for (const [name, [x, y]] of Object.entries(points)) {
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === b || b.contains(hit))) coveredAt.push(name + ': ' + (hit ? hit.className || hit.tagName : 'nothing'));
  }
  const label = b.querySelector('.webchat__suggested-action__text') || b;
  const textOverflows = label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1;
  return { text: b.textContent.trim(), rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, clippedBy, coveredAt, textOverflows };
}))()`;

describe('citizen chat page on a phone (390×844)', function () {
  this.timeout(120000);
  const chromium = useChromium();
  let phone: Page;
  const missing: string[] = [];

  before(async () => {
    phone = await chromium.browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, locale: 'de-DE', isMobile: true, hasTouch: true });
    phone.on('response', (res) => {
      if (res.status() >= 400) missing.push(`${res.status()} ${res.url()}`);
    });
    phone.on('console', (msg) => {
      if (/Failed to load resource/i.test(msg.text())) missing.push(`console: ${msg.text()}`);
    });
  });
  const server = useServer({ prefix: 'assistant-phone-' });

  it('shows every suggested action of the greeting whole: in the viewport, not clipped, not covered by arrows', async () => {
    await openChat(phone, server.url, 'wolfsburg');
    await phone.waitForSelector('.webchat__suggested-actions button', { timeout: 15000 });
    await phone.waitForTimeout(500);
    const buttons = (await phone.evaluate(CHECK_BUTTONS)) as ButtonCheck[];
    assert.deepEqual(
      buttons.map((b) => b.text),
      GREETING_BUTTONS,
    );
    for (const b of buttons) {
      assert.ok(
        b.rect.left >= 0 && b.rect.top >= 0 && b.rect.right <= WIDTH && b.rect.bottom <= HEIGHT,
        `${b.text}: ${JSON.stringify(b.rect)}`,
      );
      assert.deepEqual(b.clippedBy, [], `${b.text} clipped`);
      assert.deepEqual(b.coveredAt, [], `${b.text} covered`);
      assert.equal(b.textOverflows, false, `${b.text}: label cut off`);
    }
    assert.equal(
      await phone.locator('.webchat__suggested-actions__flipper-box, .webchat__suggested-actions__carousel').count(),
      0,
      'no carousel arrows',
    );
  });

  it('reaches every suggested action with Tab, one stop each, then the send box with a visible focus ring', async () => {
    await phone.evaluate('document.activeElement && document.activeElement.blur()');
    const seen: string[] = [];
    let ring = '';
    for (let i = 0; i < 30; i++) {
      await phone.keyboard.press('Tab');
      const focused = (await phone.evaluate(`(() => { const e = document.activeElement;
        if (!e) return { text: '', sendBox: false };
        const sendBox = e.matches('.webchat__send-box-text-box__input');
        const main = e.closest('.webchat__send-box__main');
        const box = main ? getComputedStyle(main).boxShadow : 'none';
        const own = getComputedStyle(e);
        return { text: e.closest('.webchat__suggested-actions') ? e.textContent.trim() : '', sendBox,
          ring: own.outlineStyle !== 'none' && parseFloat(own.outlineWidth) > 0 ? 'outline ' + own.outlineWidth : box !== 'none' ? 'box-shadow ' + box : '' }; })()`)) as {
        text: string;
        sendBox: boolean;
        ring: string;
      };
      if (focused.text) seen.push(focused.text);
      if (focused.sendBox) {
        ring = focused.ring;
        break;
      }
    }
    assert.deepEqual(seen, GREETING_BUTTONS, 'each suggested action once, in order');
    assert.ok(ring, 'the send box shows keyboard focus (outline or box-shadow)');
    assert.match(ring, /3px|rgb/);
  });

  it('loads no missing file: the favicon is served', async () => {
    const icon = await phone.getAttribute('link[rel="icon"]', 'href');
    assert.equal(icon, '/static/favicon.svg');
    for (const path of [icon, '/favicon.ico']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, String(path));
      assert.equal(res.headers.get('content-type'), 'image/svg+xml');
      assert.match(await res.text(), /^<svg /);
    }
    assert.deepEqual(missing, []);
  });

  it("saves the README's phone screenshot of the greeting", async () => {
    await phone.evaluate('document.activeElement && document.activeElement.blur()');
    await phone.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'chat-phone-greeting.png') });
  });
});
