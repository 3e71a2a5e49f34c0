/**
 * The HTTP surface: restify with `POST /api/messages` (Bot Framework activities on CloudAdapter, replies in
 * the response body for `deliveryMode: "expectReplies"`) and `GET /health`.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Logger;
  metrics: Metrics;
  maxBodyBytes: number;
  /** The serviceUrl of the local Direct Line: never accepted from outside (it would reach Web Chat users). */
  localServiceUrl?: string;
  /** True once knowledge is loaded and the classifier trained. */
  ready: () => boolean;
}

/** Rejects what is not an activity before it reaches the adapter: a clear 400 instead of a stack trace. */
function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object (a Bot Framework activity)';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type === '') return 'the activity needs a "type" string';
  if (a.text !== undefined && a.text !== null && typeof a.text !== 'string') return '"text" must be a string';
  if (a.conversation !== undefined && (typeof a.conversation !== 'object' || a.conversation === null)) return '"conversation" must be an object';
  return undefined;
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'kommune-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = activityProblem(req.body);
    if (problem) {
      deps.metrics.errors.inc({ kind: 'bad-request' });
      res.send(400, { error: problem });
      return;
    }
    if (deps.localServiceUrl && (req.body as { serviceUrl?: unknown }).serviceUrl === deps.localServiceUrl) {
      res.send(403, { error: 'this serviceUrl belongs to the built-in Direct Line' });
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

  // async: restify ≥ 9 rejects a plain handler without `next`.
  server.get('/health', async (_req: Request, res: Response) => {
    if (deps.ready()) res.send(200, { status: 'ok' });
    else res.send(503, { status: 'starting' });
  });

  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    deps.log.warn({ path: req.path(), status: err.statusCode, err: err.message.slice(0, 200) }, 'request error');
    callback();
  });
  return server;
}
