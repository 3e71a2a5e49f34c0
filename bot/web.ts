/**
 * The citizen chat page: GET / (default Kommune) and GET /chat/:tenant, its token endpoint
 * (POST /chat/:tenant/token: a Direct Line token for one new conversation of that Kommune, so no secret ever
 * reaches the browser), the Kommune's colours as CSS, and the static files: web/ and the Web Chat bundle from
 * node_modules (no CDN). Pages carry no inline script, so a strict Content-Security-Policy can apply.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { TenantFile } from '../knowledge/schema';
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

  const sendPage = (res: Response, tenant: TenantFile): void => {
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      ...SECURITY_HEADERS,
      'Content-Security-Policy': policy(tenant, nonce),
    });
    res.end(page(tenant, nonce));
  };

  const page = (tenant: TenantFile, nonce: string): string => {
    const values: Record<string, string> = {
      nonce,
      tenantId: tenant.id,
      name: tenant.name,
      forName: forKommune(tenant.name),
      website: tenant.website,
    };
    return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => escapeHtml(values[key] ?? ''));
  };

  const tenantOf = (id: unknown): TenantFile | undefined => (typeof id === 'string' ? deps.tenants().get(id.toLowerCase()) : undefined);

  server.get('/', async (_req: Request, res: Response) => {
    const tenant = tenantOf(deps.defaultTenant);
    if (tenant) sendPage(res, tenant);
    else sendText(res, 404, 'text/html; charset=utf-8', notFound);
  });

  server.get('/chat/:tenant', async (req: Request, res: Response) => {
    const tenant = tenantOf(req.params.tenant);
    if (tenant) sendPage(res, tenant);
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
  // The page posts "{}"; nothing in a body is read here.
  server.post('/chat/:tenant/token', jsonBody({ maxBytes: 1024 }), async (req: Request, res: Response) => {
    const tenant = tenantOf(req.params.tenant);
    if (!tenant) {
      res.send(404, { error: { code: 'NotFound', message: 'Unknown Kommune.' } });
      return;
    }
    const conversation = await deps.service.create(tenant.id);
    const issued = deps.tokens.issue({ conversationId: conversation.id, tenant: tenant.id, userId: conversation.userId });
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
