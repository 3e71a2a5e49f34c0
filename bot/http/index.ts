/**
 * The HTTP surface built from the configuration: the restify server (/api/messages, /health, /metrics), the
 * WebSocket upgrades, the citizens' web pages and the streaming endpoint for voice clients. The features
 * register their own routes on `server` and `upgrades` (Direct Line, the agent console) before `listen`.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import type { LanguageCode, TenantFile } from '../../knowledge/schema';
import type { AssistantAdapter } from '../adapter/assistantAdapter';
import type { Config } from '../config';
import type { DirectLineService } from '../directline/directLineService';
import { LOCAL_SERVICE_URL } from '../directline/localChannel';
import type { DirectLineTokens } from '../directline/tokens';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { RateLimiter } from '../rateLimit';
import { createServer } from '../server';
import { registerStreaming } from '../streaming';
import { UpgradeRouter } from '../upgrade';
import { registerWeb } from '../web';

export type HttpOptions = Pick<
  Config,
  'maxBodyBytes' | 'rateLimitPerIp' | 'rateLimitPerConversation' | 'defaultTenant' | 'frameAncestors' | 'port'
> & { botFramework: Pick<Config['botFramework'], 'appId'> };

export interface HttpDeps {
  config: HttpOptions;
  log: Logger;
  metrics: Metrics;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  /** Readiness checks besides the knowledge (e.g. the database). */
  checks: Record<string, () => Promise<void>>;
  /** True when a conversation belongs to the self-hosted Direct Line (refused on /api/messages). */
  ownedByLocalDirectLine: (conversationId: string) => Promise<boolean>;
}

/** What the citizens' pages and the streaming endpoint need. */
export interface PagesDeps {
  tenants: () => ReadonlyMap<string, TenantFile>;
  /** The languages the assistant answers in (knowledge/sprachen.yaml), for the chat page's language menu; all when not given. */
  languages?: () => Iterable<LanguageCode>;
  service: DirectLineService;
  tokens: DirectLineTokens;
  /** A new adapter for a streaming connection. */
  createAdapter: (preAuthenticated: boolean) => AssistantAdapter;
}

export interface Http {
  readonly server: Server;
  readonly upgrades: UpgradeRouter;
  /** Messages per conversation, shared by /api/messages and Direct Line. */
  readonly conversationLimit: RateLimiter;
  /** The chat pages and the voice clients' streaming endpoint; `close` ends the streaming sockets. */
  registerPages(deps: PagesDeps): { close(): void };
  /** Starts listening on PORT; resolves to the port bound. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

export function createHttp(deps: HttpDeps): Http {
  const { config, log, bot } = deps;
  const conversationLimit = new RateLimiter({ perMinute: config.rateLimitPerConversation, burst: 10 });
  const server = createServer({
    adapter: deps.adapter,
    bot,
    log,
    metrics: deps.metrics,
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerIp: config.rateLimitPerIp,
    conversationLimit,
    checks: deps.checks,
    localServiceUrl: LOCAL_SERVICE_URL,
    ownedByLocalDirectLine: deps.ownedByLocalDirectLine,
  });
  const upgrades = new UpgradeRouter(log);
  return {
    server,
    upgrades,
    conversationLimit,
    registerPages(pages) {
      const voice = registerStreaming(upgrades, {
        createAdapter: pages.createAdapter,
        bot,
        service: pages.service,
        tokens: pages.tokens,
        appIdConfigured: config.botFramework.appId !== '',
        log,
      });
      registerWeb(server, {
        tenants: pages.tenants,
        languages: pages.languages,
        defaultTenant: config.defaultTenant,
        service: pages.service,
        tokens: pages.tokens,
        log,
        frameAncestors: config.frameAncestors,
      });
      return voice;
    },
    async listen() {
      upgrades.attach(server.server);
      server.listen(config.port);
      await once(server.server, 'listening');
      return (server.server.address() as AddressInfo).port;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
