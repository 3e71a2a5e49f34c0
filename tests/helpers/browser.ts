/**
 * Headless Chromium for the browser suites (playwright-core, Debian's /usr/bin/chromium): the launch, and the
 * steps every suite takes the same way (poll the page, open the chat, say something, log an agent in).
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (containers), and nothing that talks to Google in the background. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function launchChromium(moreArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...moreArgs] });
}

/**
 * Polls an expression in the page. Playwright's waitForFunction evaluates strings with eval, which the pages'
 * CSP (no 'unsafe-eval') refuses; page.evaluate goes through the DevTools protocol instead. `detail` adds to the
 * failure message what the suite knows (e.g. the page's errors).
 */
export async function waitInPage(page: Page, expression: string, timeoutMs = 15000, detail?: () => Promise<string>): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    if (await page.evaluate(expression)) return;
    await page.waitForTimeout(25);
  }
  assert.fail(`timed out waiting in the page for: ${expression}${detail ? `; ${await detail()}` : ''}`);
}

/** Opens a Kommune's chat page, acknowledges the privacy notice and waits for the greeting. */
export async function openChat(page: Page, url: string, tenant: string): Promise<void> {
  await page.goto(`${url}/chat/${tenant}`);
  await page.click('#accept');
  await page.waitForSelector('text=/Guten Tag! Ich bin der digitale Assistent/', { timeout: 30000 });
}

/** The citizen types `text` into Web Chat's send box and sends it. */
export async function citizenSays(citizen: Page, text: string): Promise<void> {
  await citizen.fill('input[type="text"], textarea', text);
  await citizen.keyboard.press('Enter');
}

/** Fills the console's login form and submits it (on the page already open). */
export async function submitLogin(agent: Page, name: string, password: string): Promise<void> {
  await agent.fill('#name', name);
  await agent.fill('#password', password);
  await agent.click('#login-button');
}

/** Opens the agent console, logs in and waits until its WebSocket is online. */
export async function agentOnline(agent: Page, url: string, name: string, password: string): Promise<void> {
  await agent.goto(`${url}/agent`);
  await submitLogin(agent, name, password);
  await agent.locator('#connection-status', { hasText: /^online$/ }).waitFor();
}

/**
 * Chromium for the calling mocha suite: launched before it, closed after it. Declare it above useServer, so the
 * browser closes before the server stops, and above the hooks that open the suite's pages.
 */
export function useChromium(moreArgs: readonly string[] = []): { readonly browser: Browser } {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium(moreArgs);
  });
  after(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('useChromium: the suite has not started yet');
      return browser;
    },
  };
}
