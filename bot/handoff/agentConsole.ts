/**
 * The agent console's HTTP surface: static files from web/agent/ (no CDN, no inline scripts), a small JSON
 * API under /agent/api (login, logout, me, queue, tickets; tenants and snippets in snippetRoutes.ts) and the live WebSocket /agent/ws. Everything
 * but the login and the static files needs the session cookie; a citizen (or anyone without a session)
 * gets 401. Every state-changing route (the POSTs and the WebSocket) checks the Origin first.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Next, Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HandoffConfig } from '../config';
import { jsonBody, type BodyErrorAnswer, type BodyErrorCode } from '../http/body';
import type { Logger } from '../logger';
import { keepAlive, refuseUpgrade, type UpgradeRouter } from '../upgrade';
import type { KnowledgeBase } from '../../knowledge/loader';
import { clearedSessionCookie, sessionCookie, sessionToken, type AgentAuth, type AgentSession } from './agentAuth';
import type { AgentProtocol } from './agentProtocol';
import type { AgentConnection } from './consoleFanout';
import type { HandoffHub } from './hub';
import { registerSnippetRoutes } from './snippetRoutes';
import type { HandoffStore, Ticket } from './handoffStore';
import { registerTicketApi } from './ticketApi';

export const WEB_AGENT_DIR = resolve(__dirname, '..', '..', '..', 'web', 'agent');
export const AGENT_WS_PATH = '/agent/ws';

const STATIC: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'markdown.js': 'text/javascript; charset=utf-8',
  'signals.js': 'text/javascript; charset=utf-8',
  'snippets.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'tickets.js': 'text/javascript; charset=utf-8',
};

/** The console's pages allow only their own scripts, styles and WebSocket; no framing. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Body limits of the state-changing routes (after decompression). The login's is generous on purpose: a
 * password far longer than any allowed is a wrong password (401), not a hint about lengths.
 */
const LOGIN_BYTES = 128 * 1024;
const LOGOUT_BYTES = 1024;

/** Refused bodies, said to the agent (the console shows `error`). */
const BODY_REFUSED: Record<BodyErrorCode, string> = {
  PayloadTooLarge: 'Die Anfrage ist zu groß.',
  UnsupportedMediaType: 'Die Anfrage muss JSON sein (Content-Type: application/json).',
  UnsupportedEncoding: 'Diese Kodierung der Anfrage wird nicht unterstützt.',
  BadEncoding: 'Die Anfrage ist fehlerhaft komprimiert.',
  MalformedJson: 'Die Anfrage ist kein gültiges JSON.',
  Aborted: 'Die Anfrage wurde abgebrochen.',
};
const bodyRefused: BodyErrorAnswer = (res, err) => {
  res.send(err.status, { error: BODY_REFUSED[err.code] });
};

export interface AgentConsoleDeps {
  server: Server;
  upgrades: UpgradeRouter;
  auth: AgentAuth;
  /** Queue, presence and views (the console's HTTP API). */
  hub: HandoffHub;
  /** The live WebSocket's commands. */
  protocol: AgentProtocol;
  store: HandoffStore;
  config: HandoffConfig;
  tenantName: (id: string) => string;
  /** The live knowledge, for the per-Kommune filter and the Textbausteine (routes left out without it). */
  knowledge?: () => KnowledgeBase;
  log: Logger;
  /** A service's name by id, for the tickets. */
  serviceName?: (id: string) => string | undefined;
  /** The tickets' clock (bot/handoff/ticketApi.ts); Date.now when not given. */
  ticketClock?: () => number;
  /** A ticket set to erledigt (metrics: callback turnaround). */
  ticketDone?: (ticket: Ticket, seconds: number) => void;
}

/** Same-origin check for state-changing requests and the WebSocket (SameSite=Strict does the rest). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function registerAgentConsole(deps: AgentConsoleDeps): { close(): void } {
  const { server, auth, hub, protocol, store, config, log } = deps;
  const files = new Map<string, Buffer>();
  const file = (name: string): Buffer => {
    let content = files.get(name);
    if (!content) {
      content = readFileSync(join(WEB_AGENT_DIR, name));
      files.set(name, content);
    }
    return content;
  };

  const sendStatic = (res: Response, name: string): void => {
    try {
      const body = file(name);
      res.writeHead(200, { 'Content-Type': STATIC[name], 'Content-Length': body.length, ...PAGE_HEADERS });
      res.end(body);
    } catch {
      res.send(404, { error: 'not found' });
    }
  };

  server.get('/agent', async (_req: Request, res: Response) => {
    sendStatic(res, 'index.html');
  });
  server.get('/agent/', async (_req: Request, res: Response) => {
    sendStatic(res, 'index.html');
  });
  server.get('/agent/:file', async (req: Request, res: Response) => {
    const name = String(req.params.file ?? '');
    if (!Object.prototype.hasOwnProperty.call(STATIC, name)) {
      res.send(404, { error: 'not found' });
      return;
    }
    sendStatic(res, name);
  });

  const session = (req: Request): Promise<AgentSession | undefined> => auth.session(sessionToken(req.headers.cookie));
  /** The session, or a 401 already sent. */
  const require = async (req: Request, res: Response): Promise<AgentSession | undefined> => {
    const s = await session(req);
    if (!s) res.send(401, { error: 'Bitte melden Sie sich an.' });
    return s;
  };
  const objectBody = (req: Request): Record<string, unknown> | undefined => {
    const body: unknown = req.body;
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  };
  /** Refuses a request from another origin before anything else (its body is not even read). */
  const originChecked = (req: Request, res: Response, next: Next): void => {
    if (sameOrigin(req)) {
      next();
      return;
    }
    res.send(403, { error: 'forbidden' });
    next(false);
  };
  /** A state-changing route: the Origin check, then the body within its limit, then the handler. */
  const change = (path: string, maxBytes: number, handler: (req: Request, res: Response) => Promise<void>): void => {
    server.post(path, originChecked, jsonBody({ maxBytes }, bodyRefused), handler);
  };

  change('/agent/api/login', LOGIN_BYTES, async (req: Request, res: Response) => {
    const body = objectBody(req);
    if (!body) {
      res.send(400, { error: 'Erwartet: JSON mit name und password.' });
      return;
    }
    const result = await auth.login(body.name, body.password);
    if (!result.ok) {
      if (result.reason === 'locked') {
        res.header('Retry-After', String(result.retryAfterSeconds ?? config.lockoutSeconds));
        res.send(429, {
          error: 'Zu viele Fehlversuche: das Konto ist vorübergehend gesperrt.',
          retryAfterSeconds: result.retryAfterSeconds,
        });
      } else {
        res.send(401, { error: 'Name oder Passwort ist falsch.' });
      }
      log.warn({ reason: result.reason }, 'agent login refused');
      return;
    }
    res.header('Set-Cookie', sessionCookie(result.token, config.sessionSeconds, config.secureCookie));
    res.header('Cache-Control', 'no-store');
    res.send(200, { name: result.name, displayName: result.displayName, expiresAt: result.expiresAt });
  });

  change('/agent/api/logout', LOGOUT_BYTES, async (req: Request, res: Response) => {
    await auth.logout(sessionToken(req.headers.cookie));
    res.header('Set-Cookie', clearedSessionCookie(config.secureCookie));
    res.send(204);
  });

  server.get('/agent/api/me', async (req: Request, res: Response) => {
    const s = await require(req, res);
    if (s)
      res.send(200, { name: s.name, displayName: s.displayName, expiresAt: s.expiresAt, agentsOnline: await hub.queue.agentsOnline() });
  });

  server.get('/agent/api/queue', async (req: Request, res: Response) => {
    const s = await require(req, res);
    if (s) res.send(200, { queue: await hub.views.queueView(), sessions: await hub.views.sessionsView(s.agentId) });
  });

  if (deps.knowledge) registerSnippetRoutes({ server, store, knowledge: deps.knowledge, session: require });

  registerTicketApi({
    server,
    store,
    consoles: hub.consoles,
    tenantName: deps.tenantName,
    serviceName: deps.serviceName ?? (() => undefined),
    session: require,
    change,
    clock: deps.ticketClock ?? Date.now,
    done: deps.ticketDone,
  });

  // ---- the live WebSocket -------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const HEARTBEAT_MS = 15_000;

  deps.upgrades.register(
    (path) => path === AGENT_WS_PATH,
    async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const token = sessionToken(req.headers.cookie);
      const s = await auth.session(token).catch(() => undefined);
      if (!s) {
        refuseUpgrade(socket, 401, 'Unauthorized');
        return;
      }
      if (!sameOrigin(req)) {
        refuseUpgrade(socket, 403, 'Forbidden');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        const conn: AgentConnection = { agentId: s.agentId, name: s.name, displayName: s.displayName, socket: ws };
        let commands: Promise<unknown> = Promise.resolve();
        // Dead connections (a laptop lid closed) are found by a missed pong; an expired session ends the socket.
        keepAlive(ws, HEARTBEAT_MS, () => {
          auth.session(token).then(
            (valid) => {
              if (!valid) ws.terminate();
            },
            () => undefined,
          );
        });
        ws.on('message', (data, isBinary) => {
          if (isBinary) {
            ws.send(JSON.stringify({ type: 'error', message: 'Nur Text-Nachrichten.' }));
            return;
          }
          const text = data.toString();
          // One command after the other, in the order the agent gave them ("accept", then "end").
          commands = commands
            .then(() => auth.session(token))
            .then((valid) => (valid ? protocol.command(conn, text) : ws.close(4001, 'session expired')))
            .catch((err: Error) => log.error({ err: err.message }, 'agent command failed'));
        });
        ws.on('close', () => {
          protocol.disconnect(conn).catch((err: Error) => log.error({ err: err.message }, 'agent disconnect not recorded'));
        });
        ws.on('error', () => ws.terminate());
        protocol.connect(conn).catch((err: Error) => log.error({ err: err.message }, 'agent connect failed'));
      });
    },
  );

  return {
    close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}
