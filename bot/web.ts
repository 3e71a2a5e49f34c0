/**
 * The citizen chat page: GET / (default Kommune) and GET /chat/:tenant, its token endpoint
 * (POST /chat/:tenant/token: a Direct Line token for one new conversation of that Kommune, so no secret ever
 * reaches the browser), the Kommune's colours as CSS, and the static files: web/ and the Web Chat bundle from
 * node_modules (no CDN). Pages carry no inline script, so a strict Content-Security-Policy can apply.
 *
 * The page speaks the citizen's language: `?lang=xx`, else the browser's preferred languages (Accept-Language;
 * chat.js checks navigator.languages too), else German, among the languages offered (knowledge/sprachen.yaml,
 * restricted by the Kommune's `sprachen:`) that have a page text file web/i18n/<code>.json. Web Chat gets that
 * language's locale, so every activity it sends carries it; the token carries it to the conversation's start.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { LANGUAGE_CODES, type LanguageCode, type TenantFile } from '../knowledge/schema';
import { forKommune } from '../dialogs/answers/reply';
import { jsonBody } from './http/body';
import type { Logger } from './logger';
import type { DirectLineService } from './directline/directLineService';
import type { DirectLineTokens } from './directline/tokens';

export const WEB_DIR = resolve(__dirname, '..', '..', 'web');
/** A calm dark blue for Kommunen without `farben.primaer` (8.6:1 against white). */
export const DEFAULT_PRIMARY = '#00507a';

export interface WebDeps {
  tenants: () => ReadonlyMap<string, TenantFile>;
  defaultTenant: string;
  service: DirectLineService;
  tokens: DirectLineTokens;
  log: Logger;
  /** Further origins allowed to embed the chat page in a frame (FRAME_ANCESTORS), besides the Kommune's website. */
  frameAncestors: readonly string[];
  /** The languages the assistant answers in (knowledge/sprachen.yaml); all that have page texts when not given. */
  languages?: () => Iterable<LanguageCode>;
}

/** web/i18n/<code>.json: the chat page's words in one language. `{name}`, `{forName}` and `{website}` are filled in. */
export interface PageTexts {
  code: LanguageCode;
  /** The language's own name, for the language menu. */
  name: string;
  /** Web Chat's locale (its strings, and the `locale` of every activity it sends). */
  locale: string;
  dir: 'ltr' | 'rtl';
  title: string;
  heading: string;
  languageLabel: string;
  privacyTitle: string;
  privacy: string[];
  /** What the assistant answers in this language, when that is less than everything (sprachen.yaml: umfang kern). */
  scope?: string;
  accept: string;
  chatLabel: string;
  noscript: string;
  loading: string;
  loadFailed: string;
  unavailable: string;
  botInitials: string;
  userInitials: string;
}

/** A run of words in Latin script (with digits, dots and hyphens inside), as one capture group for split(). */
const LATIN_RUN = /([A-Za-z\u00c0-\u024f][\w\u00c0-\u024f.-]*(?:\s+[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f.-]*)*)/;

const TEXT_KEYS = [
  'name',
  'locale',
  'title',
  'heading',
  'languageLabel',
  'privacyTitle',
  'accept',
  'chatLabel',
  'noscript',
  'loading',
  'loadFailed',
  'unavailable',
  'botInitials',
  'userInitials',
] as const;

/** Reads web/i18n/*.json, in the order of LANGUAGE_CODES; a file that lacks a text stops the start (a clear error, not a blank page). */
export function loadPageTexts(dir = join(WEB_DIR, 'i18n')): Map<LanguageCode, PageTexts> {
  const found = new Map<LanguageCode, PageTexts>();
  const files = new Set(readdirSync(dir).filter((f) => f.endsWith('.json')));
  for (const code of LANGUAGE_CODES) {
    if (!files.has(`${code}.json`)) continue;
    const file = join(dir, `${code}.json`);
    const texts = JSON.parse(readFileSync(file, 'utf8')) as PageTexts;
    const missing: string[] = TEXT_KEYS.filter((k) => typeof texts[k] !== 'string' || texts[k] === '');
    if (texts.code !== code) missing.push('code');
    if (texts.dir !== 'ltr' && texts.dir !== 'rtl') missing.push('dir');
    if (!Array.isArray(texts.privacy) || texts.privacy.length === 0 || texts.privacy.some((p) => typeof p !== 'string'))
      missing.push('privacy');
    if (missing.length > 0) throw new Error(`${file}: missing or invalid: ${missing.join(', ')}`);
    found.set(code, texts);
  }
  if (!found.has('de')) throw new Error(`${dir}: de.json is missing (German is the page's fallback)`);
  return found;
}

/** The primary language subtags of an Accept-Language header, most preferred first ("en-GB,en;q=0.9,de;q=0.8"). */
export function acceptedLanguages(header: string | string[] | undefined): string[] {
  const value = (Array.isArray(header) ? header.join(',') : (header ?? '')).slice(0, 500);
  return value
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, i };
    })
    .filter((l) => /^[a-z]{2,3}$/.test(l.lang) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.lang);
}

/**
 * The page's language: `?lang=` when offered, else the first offered of the browser's languages, else German.
 * `fromQuery` tells chat.js whether the citizen chose it (then the browser's languages are not looked at again).
 */
export function pageLanguage(
  url: string | undefined,
  acceptLanguage: string | string[] | undefined,
  offered: readonly LanguageCode[],
): { code: LanguageCode; fromQuery: boolean } {
  let requested: string | null = null;
  try {
    requested = new URL(url ?? '/', 'http://localhost').searchParams.get('lang');
  } catch {
    requested = null;
  }
  const asked = (requested ?? '').trim().toLowerCase().split('-')[0];
  const fromQuery = offered.find((c) => c === asked);
  if (fromQuery) return { code: fromQuery, fromQuery: true };
  for (const lang of acceptedLanguages(acceptLanguage)) {
    const code = offered.find((c) => c === lang);
    if (code) return { code, fromQuery: false };
  }
  return { code: 'de', fromQuery: false };
}

/** "https://www.gifhorn.de/..." → "https://www.gifhorn.de" (a CSP source); empty when not a URL. */
function originOf(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : '';
  } catch {
    return '';
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

// --- colours: WCAG 2.1 contrast -------------------------------------------------------------------------
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

function darken(hex: string, factor: number): string {
  return `#${[1, 3, 5]
    .map((i) =>
      Math.round(parseInt(hex.slice(i, i + 2), 16) * factor)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * The Kommune's colours made accessible: `primary` as given, text on it black or white (whichever contrasts
 * more), and an `accent` for text, focus rings and borders on white that reaches 4.5:1 (the primary colour,
 * darkened just enough when it is too light).
 */
export function themeColours(primary: string): { primary: string; onPrimary: string; accent: string } {
  const onPrimary = contrast(primary, '#ffffff') >= contrast(primary, '#000000') ? '#ffffff' : '#000000';
  let accent = primary;
  for (let f = 0.95; contrast(accent, '#ffffff') < 4.5 && f > 0; f -= 0.05) accent = darken(primary, f);
  return { primary, onPrimary, accent };
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** sha256 of "" (an empty <style> element). */
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

function sendText(res: Response, status: number, type: string, body: string | Buffer, cache = 'no-cache'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache, ...SECURITY_HEADERS });
  res.end(body);
}

export function registerWeb(server: Server, deps: WebDeps): void {
  const template = readFileSync(join(WEB_DIR, 'chat.html'), 'utf8');
  const pageTexts = loadPageTexts();
  const notFound = readFileSync(join(WEB_DIR, 'not-found.html'), 'utf8');
  const statics: Record<string, { type: string; body: Buffer }> = {
    'chat.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(WEB_DIR, 'chat.js')) },
    'chat.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(WEB_DIR, 'chat.css')) },
    'favicon.svg': { type: 'image/svg+xml', body: readFileSync(join(WEB_DIR, 'favicon.svg')) },
  };
  // The prebuilt bundle (React, Adaptive Cards, German strings included), read once: about 4 MB.
  const webchatFile = join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
  const webchat = readFileSync(webchatFile);

  /**
   * The page's Content-Security-Policy: nothing but this server, no inline script, styles only with the
   * response's nonce (Web Chat injects its styles with it), and framing only by the Kommune's own website
   * and the configured origins.
   */
  const policy = (tenant: TenantFile, nonce: string): string => {
    const ancestors = ["'self'", originOf(tenant.website), ...deps.frameAncestors].filter(Boolean).join(' ');
    return [
      // The hash is that of an empty stylesheet, which one of Web Chat's libraries creates without the nonce.
      "default-src 'self'",
      "script-src 'self'",
      `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "media-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${ancestors}`,
    ].join('; ');
  };

  /**
   * The languages a Kommune's page offers, in the order of LANGUAGE_CODES: those the assistant answers in that
   * have page texts, restricted by the Kommune's `sprachen:`. German always.
   */
  const offeredFor = (tenant: TenantFile): LanguageCode[] => {
    const answered = new Set<LanguageCode>(deps.languages ? deps.languages() : pageTexts.keys());
    const chosen = tenant.sprachen ? new Set<LanguageCode>(tenant.sprachen) : undefined;
    return [...pageTexts.keys()].filter((c) => c === 'de' || (answered.has(c) && (!chosen || chosen.has(c))));
  };

  const sendPage = (req: Request, res: Response, tenant: TenantFile): void => {
    const nonce = randomBytes(16).toString('base64');
    const offered = offeredFor(tenant);
    const language = pageLanguage(req.url, req.headers['accept-language'], offered);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      Vary: 'Accept-Language',
      'Content-Language': language.code,
      ...SECURITY_HEADERS,
      'Content-Security-Policy': policy(tenant, nonce),
    });
    res.end(page(tenant, nonce, offered, language.code, language.fromQuery));
  };

  /**
   * A page text with its placeholders: escaped, the Kommune's name isolated (bidi), the website as a link. In a
   * right-to-left text, every run of Latin script (a German term such as "(Service-Center)") is isolated too, so
   * that it reads left to right as one piece and the punctuation around it stays in the Arabic order.
   */
  const fill = (text: string, tenant: TenantFile, rtl: boolean): string =>
    text
      .split(/(\{(?:name|forName|website)\})/)
      .map((part) => {
        if (part === '{website}') return `<a href="${escapeHtml(tenant.website)}" dir="ltr">${escapeHtml(tenant.website)}</a>`;
        if (part === '{name}' || part === '{forName}')
          return `<bdi>${escapeHtml(part === '{forName}' ? forKommune(tenant.name) : tenant.name)}</bdi>`;
        if (!rtl) return escapeHtml(part);
        return part
          .split(LATIN_RUN)
          .map((piece, i) => (i % 2 === 1 ? `<bdi>${escapeHtml(piece)}</bdi>` : escapeHtml(piece)))
          .join('');
      })
      .join('');

  /** The header's language menu: a disclosure (works without script) with a link per language, each in its own name. */
  const languageMenu = (texts: PageTexts, offered: readonly LanguageCode[]): string => {
    if (offered.length < 2) return '';
    const links = offered
      .map((code) => {
        const t = pageTexts.get(code) as PageTexts;
        const current = code === texts.code ? ' aria-current="true"' : '';
        return `<li><a href="?lang=${code}" hreflang="${code}" lang="${code}"${current}>${escapeHtml(t.name)}</a></li>`;
      })
      .join('');
    return (
      `<nav class="languages" aria-label="${escapeHtml(texts.languageLabel)}"><details id="language-menu">` +
      `<summary><svg class="globe" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">` +
      `<circle cx="12" cy="12" r="9.5"/><path d="M2.5 12h19M12 2.5c2.6 2.7 3.9 5.9 3.9 9.5s-1.3 6.8-3.9 9.5M12 2.5C9.4 5.2 8.1 8.4 8.1 12s1.3 6.8 3.9 9.5"/></svg>` +
      `<span class="visually-hidden">${escapeHtml(texts.languageLabel)}: </span><span>${escapeHtml(texts.name)}</span></summary>` +
      `<ul>${links}</ul></details></nav>`
    );
  };

  const page = (tenant: TenantFile, nonce: string, offered: readonly LanguageCode[], code: LanguageCode, chosen: boolean): string => {
    const texts = pageTexts.get(code) as PageTexts;
    // What chat.js needs: its own texts, and Web Chat's locale and direction.
    const script = {
      locale: texts.locale,
      dir: texts.dir,
      loading: texts.loading,
      loadFailed: texts.loadFailed,
      unavailable: texts.unavailable,
      botInitials: texts.botInitials,
      userInitials: texts.userInitials,
    };
    const paragraphs = [...texts.privacy, ...(texts.scope ? [texts.scope] : [])];
    const values: Record<string, string> = {
      nonce,
      tenantId: tenant.id,
      name: tenant.name,
      lang: texts.code,
      dir: texts.dir,
      title: texts.title.replace('{name}', tenant.name),
      heading: texts.heading,
      privacyTitle: texts.privacyTitle,
      accept: texts.accept,
      chatLabel: texts.chatLabel,
      noscript: texts.noscript,
      offered: offered.join(' '),
      chosen: chosen ? 'true' : 'false',
      strings: JSON.stringify(script),
    };
    // {{{key}}}: HTML built (and escaped) here; {{key}}: text, escaped.
    const html: Record<string, string> = {
      privacy: paragraphs.map((p) => `<p>${fill(p, tenant, texts.dir === 'rtl')}</p>`).join('\n      '),
      languageMenu: languageMenu(texts, offered),
    };
    return template.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_m, raw: string | undefined, key: string | undefined) =>
      raw !== undefined ? (html[raw] ?? '') : escapeHtml(values[key as string] ?? ''),
    );
  };

  const tenantOf = (id: unknown): TenantFile | undefined => (typeof id === 'string' ? deps.tenants().get(id.toLowerCase()) : undefined);

  server.get('/', async (req: Request, res: Response) => {
    const tenant = tenantOf(deps.defaultTenant);
    if (tenant) sendPage(req, res, tenant);
    else sendText(res, 404, 'text/html; charset=utf-8', notFound);
  });

  server.get('/chat/:tenant', async (req: Request, res: Response) => {
    const tenant = tenantOf(req.params.tenant);
    if (tenant) sendPage(req, res, tenant);
    else sendText(res, 404, 'text/html; charset=utf-8', notFound);
  });

  server.get('/chat/:tenant/theme.css', async (req: Request, res: Response) => {
    const tenant = tenantOf(req.params.tenant);
    if (!tenant) {
      sendText(res, 404, 'text/css; charset=utf-8', '/* unknown Kommune */');
      return;
    }
    const c = themeColours(tenant.farben?.primaer ?? DEFAULT_PRIMARY);
    sendText(
      res,
      200,
      'text/css; charset=utf-8',
      `:root { --primary: ${c.primary}; --on-primary: ${c.onPrimary}; --accent: ${c.accent}; }\n`,
    );
  });

  // A token for one new conversation of this Kommune. Anyone who can open the page can chat, so this needs
  // no secret; what a token opens is one conversation, nothing else.
  // The page posts {"locale": "en-GB"}: the page's language, carried by the token to the conversation's start
  // (its conversationUpdate), so the assistant greets in it. Anything else in a body is ignored.
  server.post('/chat/:tenant/token', jsonBody({ maxBytes: 1024 }), async (req: Request, res: Response) => {
    const tenant = tenantOf(req.params.tenant);
    if (!tenant) {
      res.send(404, { error: { code: 'NotFound', message: 'Unknown Kommune.' } });
      return;
    }
    const asked = typeof req.body === 'object' && req.body !== null ? (req.body as { locale?: unknown }).locale : undefined;
    const locale = offeredFor(tenant)
      .map((c) => (pageTexts.get(c) as PageTexts).locale)
      .find((l) => typeof asked === 'string' && l.toLowerCase() === asked.toLowerCase());
    const conversation = await deps.service.create(tenant.id);
    const issued = deps.tokens.issue({
      conversationId: conversation.id,
      tenant: tenant.id,
      userId: conversation.userId,
      ...(locale ? { locale } : {}),
    });
    res.header('Cache-Control', 'no-store');
    res.send(200, { conversationId: conversation.id, userId: conversation.userId, ...issued });
  });

  // Browsers ask for /favicon.ico on every page without an icon link (the agent console, the 404 page): the same
  // small SVG, which every current browser takes as an icon.
  server.get('/favicon.ico', async (_req: Request, res: Response) => {
    sendText(res, 200, statics['favicon.svg'].type, statics['favicon.svg'].body, 'public, max-age=86400');
  });

  server.get('/static/webchat.js', async (_req: Request, res: Response) => {
    sendText(res, 200, 'text/javascript; charset=utf-8', webchat, 'public, max-age=86400');
  });

  server.get('/static/:file', async (req: Request, res: Response) => {
    // own properties only: "/static/toString" must not find Object.prototype.toString
    const name = String(req.params.file);
    const file = Object.hasOwn(statics, name) ? statics[name] : undefined;
    if (file) sendText(res, 200, file.type, file.body);
    else sendText(res, 404, 'text/plain; charset=utf-8', 'Nicht gefunden.');
  });
}
