/**
 * The HTTP surface of the self-hosted Direct Line 3.0 (the subset Web Chat and botframework-directlinejs
 * use) and its WebSocket stream:
 *   POST /v3/directline/tokens/generate            (Bearer secret)  → a token for a new conversation
 *   POST /v3/directline/tokens/refresh             (Bearer token)   → a fresh token, same conversation
 *   POST /v3/directline/conversations              (secret/token)   → start; conversationId, token, streamUrl
 *   GET  /v3/directline/conversations/:id?watermark=               → resume; a new streamUrl
 *   POST /v3/directline/conversations/:id/activities                → post an activity; {id}
 *   GET  /v3/directline/conversations/:id/activities?watermark=     → ActivitySet {activities, watermark}
 *   WS   /v3/directline/conversations/:id/stream?t=TOKEN&watermark= → pushes ActivitySets
 * A token opens exactly its own conversation (403 for any other, on every endpoint and the stream).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import { jsonBody, type BodyErrorAnswer } from '../http/body';
import type { Logger } from '../logger';
import type { RateLimiter } from '../rateLimit';
import { keepAlive, refuseUpgrade, type UpgradeRouter } from '../upgrade';
import { DirectLineError, type DirectLineService } from './directLineService';
import { bearerOf, type ConversationClaims, type DirectLineTokens } from './tokens';
import type { StoredConversation } from './directLineStore';

export const DIRECTLINE_BASE = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;
/** How often the server pings open streams, so proxies keep them open and dead ones are noticed. */
const PING_MS = 30_000;
/** Body limits (after decompression): a citizen's activity, and the small bodies of the token and start calls. */
const ACTIVITY_BYTES = 64 * 1024;
const SMALL_BYTES = 4 * 1024;
/** A refused body in Direct Line's error shape. */
const bodyRefused: BodyErrorAnswer = (res, err) => {
  res.send(err.status, { error: { code: err.code, message: err.message } });
};
const smallBody = jsonBody({ maxBytes: SMALL_BYTES }, bodyRefused);

export interface DirectLineRouteDeps {
  service: DirectLineService;
  tokens: DirectLineTokens;
  log: Logger;
  defaultTenant: string;
  isTenant: (id: string) => boolean;
  /** The server's public base URL when configured (behind a proxy); else taken from the request. */
  publicUrl?: string;
  /** Messages per conversation (shared with /api/messages). */
  conversationLimit?: RateLimiter;
}

function sendError(res: Response, err: unknown, log: Logger): void {
  if (err instanceof DirectLineError) {
    res.send(err.status, { error: { code: err.code, message: err.message } });
    return;
  }
  log.error({ err: (err as Error).message?.slice(0, 300) }, 'Direct Line request failed');
  res.send(500, { error: { code: 'ServiceError', message: 'Internal error.' } });
}

/** Parses a watermark: absent → 0; anything but digits is the caller's mistake. */
export function parseWatermark(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value))
    throw new DirectLineError(400, 'BadArgument', 'The watermark must be a number.');
  return Number(value);
}

function query(req: { url?: string }): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/** ws(s)://host of this server as the client reached it (or as configured with PUBLIC_URL). */
function streamBase(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/^http/, 'ws').replace(/\/$/, '');
  const host = String(req.headers.host ?? 'localhost');
  const safeHost = /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host) ? host : 'localhost';
  const proto =
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      .trim() === 'https'
      ? 'wss'
      : 'ws';
  return `${proto}://${safeHost}`;
}

export function registerDirectLine(server: Server, upgrades: UpgradeRouter, deps: DirectLineRouteDeps): { close(): void } {
  const { service, tokens, log } = deps;

  /** The start's answer; the new token keeps the page's language (`locale`) of the token it replaces. */
  const conversationResponse = (req: Request, conversation: StoredConversation, watermark?: number, locale?: string) => {
    const issued = tokens.issue({
      conversationId: conversation.id,
      tenant: conversation.tenant,
      userId: conversation.userId,
      ...(locale ? { locale } : {}),
    });
    const wm = watermark !== undefined ? `&watermark=${watermark}` : '';
    return {
      conversationId: conversation.id,
      token: issued.token,
      expires_in: issued.expires_in,
      streamUrl: `${streamBase(req, deps.publicUrl)}${DIRECTLINE_BASE}/conversations/${conversation.id}/stream?t=${encodeURIComponent(issued.token)}${wm}`,
    };
  };

  /** The token's claims; 401 without a bearer, 403 for an invalid or expired one. */
  const claimsOf = (req: Request): ConversationClaims => {
    const bearer = bearerOf(req.headers.authorization);
    if (!bearer) throw new DirectLineError(401, 'MissingToken', 'An Authorization: Bearer token is required.');
    const claims = tokens.verify(bearer);
    if (!claims) throw new DirectLineError(403, 'TokenInvalid', 'The token is invalid or expired.');
    return claims;
  };

  const tenantOf = (req: Request): string => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const requested = body.tenant ?? query(req).get('tenant') ?? undefined;
    if (requested === undefined) return deps.defaultTenant;
    if (typeof requested !== 'string' || !deps.isTenant(requested.trim().toLowerCase())) {
      throw new DirectLineError(400, 'BadArgument', 'Unknown tenant.');
    }
    return requested.trim().toLowerCase();
  };

  const userIdOf = (req: Request): string | undefined => {
    const user = (req.body as { user?: { id?: unknown } } | undefined)?.user;
    // "dl_" ids are ours (directlinejs refuses them from clients); other ids are kept when sensible.
    return typeof user?.id === 'string' && /^[\w.:@-]{1,64}$/.test(user.id) && !user.id.startsWith('dl_') ? user.id : undefined;
  };

  server.post(`${DIRECTLINE_BASE}/tokens/generate`, smallBody, async (req: Request, res: Response) => {
    try {
      const bearer = bearerOf(req.headers.authorization);
      if (!bearer) throw new DirectLineError(401, 'MissingSecret', 'An Authorization: Bearer secret is required.');
      if (!tokens.isSecret(bearer)) throw new DirectLineError(403, 'Forbidden', 'The secret is not valid.');
      const conversation = await service.create(tenantOf(req), userIdOf(req));
      const issued = tokens.issue({ conversationId: conversation.id, tenant: conversation.tenant, userId: conversation.userId });
      res.send(200, { conversationId: conversation.id, ...issued });
    } catch (err) {
      sendError(res, err, log);
    }
  });

  server.post(`${DIRECTLINE_BASE}/tokens/refresh`, smallBody, async (req: Request, res: Response) => {
    try {
      const claims = claimsOf(req);
      const conversation = await service.authorise(claims);
      const issued = tokens.issue({
        conversationId: conversation.id,
        tenant: conversation.tenant,
        userId: conversation.userId,
        ...(claims.locale ? { locale: claims.locale } : {}),
      });
      res.send(200, { conversationId: conversation.id, ...issued });
    } catch (err) {
      sendError(res, err, log);
    }
  });

  server.post(`${DIRECTLINE_BASE}/conversations`, smallBody, async (req: Request, res: Response) => {
    try {
      const bearer = bearerOf(req.headers.authorization);
      if (!bearer) throw new DirectLineError(401, 'MissingToken', 'An Authorization: Bearer token or secret is required.');
      const secret = tokens.isSecret(bearer);
      const claims = secret ? undefined : tokens.verify(bearer);
      const conversation = await (secret ? service.create(tenantOf(req), userIdOf(req)) : service.authorise(claims));
      const isNew = !conversation.started;
      // The chat page's language travels in its token (POST /chat/:tenant/token) to the conversation's start.
      await service.start(conversation, claims?.locale);
      res.send(isNew ? 201 : 200, conversationResponse(req, conversation, undefined, claims?.locale));
    } catch (err) {
      sendError(res, err, log);
    }
  });

  server.get(`${DIRECTLINE_BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    try {
      const claims = claimsOf(req);
      const conversation = await service.authorise(claims, String(req.params.conversationId));
      const watermark = parseWatermark(query(req).get('watermark') ?? undefined);
      await service.start(conversation, claims.locale);
      res.send(200, conversationResponse(req, conversation, watermark, claims.locale));
    } catch (err) {
      sendError(res, err, log);
    }
  });

  server.post(
    `${DIRECTLINE_BASE}/conversations/:conversationId/activities`,
    jsonBody({ maxBytes: ACTIVITY_BYTES }, bodyRefused),
    async (req: Request, res: Response) => {
      try {
        const conversation = await service.authorise(claimsOf(req), String(req.params.conversationId));
        const allowed = deps.conversationLimit?.take(conversation.id) ?? { ok: true };
        if (!allowed.ok) {
          res.header('Retry-After', String(Math.max(1, allowed.retryAfterSeconds)));
          throw new DirectLineError(429, 'TooManyRequests', 'Too many messages in this conversation; please wait a moment.');
        }
        res.send(200, await service.fromClient(conversation, req.body));
      } catch (err) {
        sendError(res, err, log);
      }
    },
  );

  server.get(`${DIRECTLINE_BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    try {
      const conversation = await service.authorise(claimsOf(req), String(req.params.conversationId));
      res.send(200, await service.activities(conversation.id, parseWatermark(query(req).get('watermark') ?? undefined)));
    } catch (err) {
      sendError(res, err, log);
    }
  });

  // The stream: the token in `t` (browsers cannot set headers on a WebSocket), bound to the path's conversation.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  upgrades.register(
    (path) => STREAM_PATH.test(path),
    async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const conversationId = (STREAM_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname) as RegExpExecArray)[1];
      const params = query(req);
      let conversation: StoredConversation;
      let watermark: number;
      try {
        const token = params.get('t') ?? bearerOf(req.headers.authorization);
        if (!token) throw new DirectLineError(401, 'MissingToken', 'A token is required.');
        conversation = await service.authorise(tokens.verify(token), conversationId);
        watermark = parseWatermark(params.get('watermark') ?? undefined);
      } catch (err) {
        const status = err instanceof DirectLineError ? err.status : 500;
        refuseUpgrade(socket, status, err instanceof Error ? err.message : undefined);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        const unsubscribe = service.subscribe(conversation.id, watermark, (activities, wm) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ activities, watermark: wm }));
        });
        keepAlive(ws, PING_MS);
        // Clients send empty keep-alive messages (directlinejs every 20 s); nothing else is read from a stream.
        ws.on('message', () => undefined);
        ws.on('error', (err) => log.debug({ err: err.message }, 'Direct Line stream error'));
        ws.on('close', () => {
          unsubscribe();
        });
      });
    },
  );
  return {
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
