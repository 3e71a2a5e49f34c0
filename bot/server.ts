/**
 * The HTTP surface: restify with `POST /api/messages` (Bot Framework activities on CloudAdapter, replies in
 * the response body for `deliveryMode: "expectReplies"`) and `GET /health`. Request bodies are read by
 * bot/http/body.ts only; restify's body parser is not used.
 */
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { RateLimiter } from './rateLimit';
import { jsonBody } from './http/body';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Logger;
  metrics: Metrics;
  /** Largest body of an activity on /api/messages (after decompression). */
  maxBodyBytes: number;
  /** Requests per second per client IP (0: off). */
  rateLimitPerIp: number;
  /** Messages per conversation. */
  conversationLimit: RateLimiter;
  /** The serviceUrl of the local Direct Line: never accepted from outside (it would reach Web Chat users). */
  localServiceUrl?: string;
  /**
   * True when the conversation belongs to the self-hosted Direct Line: reachable only through it, never
   * through /api/messages (whose activities, without an app id, anyone can send).
   */
  ownedByLocalDirectLine?: (conversationId: string) => Promise<boolean>;
  /** Readiness checks besides the knowledge (loaded before the server starts): each resolves when its part works. */
  checks: Record<string, () => Promise<void>>;
}

/** Answers 429 with the seconds to wait (every 429 of this server carries Retry-After). */
function sendTooMany(res: Response, retryAfterSeconds: number, body: unknown): void {
  res.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  res.send(429, body);
}

const STRING_FIELDS = [
  'id',
  'channelId',
  'serviceUrl',
  'locale',
  'deliveryMode',
  'text',
  'replyToId',
  'name',
  'inputHint',
  'textFormat',
] as const;
const OBJECT_FIELDS = ['conversation', 'from', 'recipient'] as const;
const ARRAY_FIELDS = ['attachments', 'entities', 'membersAdded', 'membersRemoved'] as const;
/** Arrays of channel accounts: each member an object with a string id. */
const ACCOUNT_ARRAYS = ['membersAdded', 'membersRemoved'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Rejects what is not an activity before it reaches the adapter: a clear 400 instead of a stack trace.
 * Fields the Bot Framework schema types are checked for their type (botbuilder trusts them and fails deep
 * inside otherwise), and the fields every turn needs must be there: type, channelId, conversation.id, the
 * sender's from.id, and a serviceUrl to answer to unless the replies go into the response (without them
 * botbuilder throws inside the turn: a 200 without an answer). Anything else is left to the activity's handler.
 */
function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body must be a JSON object (a Bot Framework activity)';
  if (typeof body.type !== 'string' || body.type === '') return 'the activity needs a "type" string';
  for (const f of STRING_FIELDS)
    if (body[f] !== undefined && body[f] !== null && typeof body[f] !== 'string') return `"${f}" must be a string`;
  for (const f of OBJECT_FIELDS) {
    const v = body[f];
    if (v === undefined || v === null) continue;
    if (!isObject(v)) return `"${f}" must be an object`;
    if (v.id !== undefined && typeof v.id !== 'string') return `"${f}.id" must be a string`;
  }
  for (const f of ARRAY_FIELDS) {
    const v = body[f];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) return `"${f}" must be an array`;
    if (!v.every(isObject)) return `"${f}" must hold objects only`;
  }
  for (const f of ACCOUNT_ARRAYS) {
    if (Array.isArray(body[f]) && !(body[f] as Record<string, unknown>[]).every((m) => typeof m.id === 'string'))
      return `every member of "${f}" needs an "id" string`;
  }
  if (body.channelData !== undefined && body.channelData !== null && !isObject(body.channelData)) return '"channelData" must be an object';
  if (!isNonEmptyString(body.channelId)) return 'the activity needs a non-empty "channelId"';
  if (!isObject(body.conversation) || !isNonEmptyString(body.conversation.id))
    return 'the activity needs a "conversation" with a non-empty "id"';
  if (!isObject(body.from) || !isNonEmptyString(body.from.id)) return 'the activity needs a sender: "from" with a non-empty "id"';
  if (typeof body.serviceUrl === 'string' ? !isHttpUrl(body.serviceUrl) : body.deliveryMode !== 'expectReplies') {
    return 'the activity needs a "serviceUrl" (an http or https URL) for the replies, unless "deliveryMode" is "expectReplies"';
  }
  return undefined;
}

/**
 * Per client IP, on every route, in front of everything else (X-Forwarded-For is not trusted, as it can be
 * forged unless a proxy in front sets it): `perSecond` on average, bursts of twice that. restify's throttle
 * plugin answered without Retry-After.
 */
function limitPerAddress(perSecond: number, metrics: Metrics): (req: Request, res: Response, next: Next) => void {
  const limiter = new RateLimiter({ perMinute: perSecond * 60, burst: perSecond * 2 });
  return function perAddress(req: Request, res: Response, next: Next): void {
    const allowed = limiter.take(req.socket.remoteAddress ?? '');
    if (allowed.ok) {
      next();
      return;
    }
    metrics.errors.inc({ kind: 'rate-limited' });
    sendTooMany(res, allowed.retryAfterSeconds, { error: 'too many requests from this address; please wait a moment' });
    next(false);
  };
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'kommune-assistant', handleUncaughtExceptions: false });
  if (deps.rateLimitPerIp > 0) server.use(limitPerAddress(deps.rateLimitPerIp, deps.metrics));

  server.post('/api/messages', jsonBody({ maxBytes: deps.maxBodyBytes }), async (req: Request, res: Response) => {
    const problem = activityProblem(req.body);
    if (problem) {
      deps.metrics.errors.inc({ kind: 'bad-request' });
      res.send(400, { error: problem });
      return;
    }
    const activity = req.body as { serviceUrl?: unknown; conversation: { id: string } };
    if (deps.localServiceUrl && activity.serviceUrl === deps.localServiceUrl) {
      res.send(403, { error: 'this serviceUrl belongs to the built-in Direct Line' });
      return;
    }
    const conversationId = activity.conversation.id;
    if (await deps.ownedByLocalDirectLine?.(conversationId)) {
      deps.metrics.errors.inc({ kind: 'bad-request' });
      res.send(403, { error: 'this conversation belongs to the built-in Direct Line; it is reachable only through /v3/directline' });
      return;
    }
    const allowed = deps.conversationLimit.take(conversationId);
    if (!allowed.ok) {
      deps.metrics.errors.inc({ kind: 'rate-limited' });
      sendTooMany(res, allowed.retryAfterSeconds, { error: 'too many messages in this conversation; please wait a moment' });
      return;
    }
    const timer = deps.metrics.turnSeconds.startTimer();
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (err) {
      // The adapter throws on activities it cannot parse (wrong field types): the sender's mistake.
      deps.metrics.errors.inc({ kind: 'bad-request' });
      deps.log.warn({ err: (err as Error).message.slice(0, 300) }, 'rejected activity');
      if (!res.headersSent) res.send(400, { error: 'malformed activity' });
    } finally {
      timer();
    }
  });

  server.get('/metrics', async (_req: Request, res: Response) => {
    const body = await deps.metrics.registry.metrics();
    res.sendRaw(200, body, { 'content-type': deps.metrics.registry.contentType });
  });

  // Liveness: the process serves requests (a failing database is no reason to restart it).
  // async: restify ≥ 9 rejects a plain handler without `next`.
  server.get('/health/live', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  // Readiness: knowledge loaded (the server only listens after that) and the database answering; a load
  // balancer sends citizens only to a ready instance.
  const ready = async (_req: Request, res: Response): Promise<void> => {
    const checks: Record<string, 'ok' | 'unavailable'> = { knowledge: 'ok' };
    await Promise.all(
      Object.entries(deps.checks).map(async ([name, check]) => {
        checks[name] = await withTimeout(check(), HEALTH_TIMEOUT_MS).then(
          () => 'ok' as const,
          () => 'unavailable' as const,
        );
      }),
    );
    const ok = Object.values(checks).every((c) => c === 'ok');
    res.header('Cache-Control', 'no-store');
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
  };
  server.get('/health', ready);
  server.get('/health/ready', ready);

  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    // The route's pattern, not the path: paths carry conversation ids.
    deps.log.warn({ route: req.getRoute()?.path ?? '(none)', status: err.statusCode, err: err.message.slice(0, 200) }, 'request error');
    callback();
  });
  return server;
}

const HEALTH_TIMEOUT_MS = 2000;

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
