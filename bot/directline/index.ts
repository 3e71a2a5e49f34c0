/**
 * The self-hosted Direct Line built from the configuration and the storage: its store, its tokens, the local
 * channel the bot's activities land in, and (once the bot can run turns) the service and its routes.
 *
 * Direct Line and the adapter need each other: the adapter hands what the bot sends into a Direct Line
 * conversation to the local channel, and the Direct Line runs a citizen's activity as a turn on the adapter.
 * The channel needs only the store and the events, so createDirectLine builds it first and the adapter is built
 * on it; `serve` then builds the citizens' side from the adapter and the bot. No part is set afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Logger } from '../logger';
import type { RateLimiter } from '../rateLimit';
import type { StorageBackend } from '../storage/backend';
import type { RetentionPart } from '../storage/retention';
import type { UpgradeRouter } from '../upgrade';
import { DIRECTLINE_SCHEMA } from './migrations';
import { DirectLineStore } from './directLineStore';
import { DirectLineService, ownsConversation } from './directLineService';
import { DirectLineChannel, type BotIdentity } from './localChannel';
import { DirectLineTokens, loadDirectLineSecret } from './tokens';
import { registerDirectLine } from './routes';

export { DIRECTLINE_SCHEMA };

export interface DirectLineOptions {
  /** DIRECTLINE_SECRET; empty: generated once (kept in dataDir, or with PostgreSQL in the database). */
  directLineSecret: string;
  dataDir: string;
  defaultTenant: string;
  /** PUBLIC_URL: the base of stream URLs behind a proxy. */
  publicUrl?: string;
  botFramework: { appId: string };
}

export interface DirectLineDeps {
  config: DirectLineOptions;
  log: Logger;
  backend: StorageBackend;
}

/** What serving citizens needs: a way to run a turn, the bot, and where routes go. */
export interface DirectLineServeDeps {
  /** Runs a turn for an activity of this channel (AssistantAdapter.processLocal). */
  adapter: { processLocal(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> };
  bot: {
    run(context: TurnContext): Promise<void>;
    /** Called when a citizen asked for their data to be deleted. */
    onForget(listener: (conversationId: string) => Promise<void>): void;
  };
  server: Server;
  upgrades: UpgradeRouter;
  isTenant: (id: string) => boolean;
  /** Messages per conversation (shared with /api/messages). */
  conversationLimit?: RateLimiter;
}

export interface ServedDirectLine {
  readonly service: DirectLineService;
  /** Ends the open streams. */
  close(): void;
}

export interface DirectLine {
  readonly store: DirectLineStore;
  readonly tokens: DirectLineTokens;
  /** Where the adapter hands what the bot sends into a Direct Line conversation. */
  readonly channel: DirectLineChannel;
  /** True when a conversation belongs to this Direct Line (/api/messages refuses it: reachable only through here). */
  owns(conversationId: string): Promise<boolean>;
  /** Old activities: what the retention job deletes of Direct Line. */
  readonly retention: RetentionPart;
  /** The citizens' side: the service that runs their activities as bot turns, and the Direct Line 3.0 routes. */
  serve(deps: DirectLineServeDeps): ServedDirectLine;
}

export async function createDirectLine(deps: DirectLineDeps): Promise<DirectLine> {
  const { config, log, backend } = deps;
  // How the Direct Line names the bot in its activities.
  const bot: BotIdentity = { id: config.botFramework.appId || 'kommune-assistant', name: 'Digitaler Assistent' };
  const store = new DirectLineStore(backend.database(DIRECTLINE_SCHEMA.database));
  // Without DIRECTLINE_SECRET: generated once, kept in DATA_DIR, or (PostgreSQL) in the database, so that every
  // instance accepts the tokens of every other.
  const tokens = new DirectLineTokens(
    backend.dialect === 'postgres' && !config.directLineSecret.trim()
      ? await store.sharedSecret(randomBytes(32).toString('base64url'))
      : loadDirectLineSecret(config.directLineSecret, config.dataDir),
  );
  return {
    store,
    tokens,
    channel: new DirectLineChannel(store, backend.events, bot, log),
    owns: (conversationId) => ownsConversation(store, conversationId),
    retention: { transcripts: (before) => store.purgeBefore(before) },
    serve(serve) {
      const service = new DirectLineService({
        store,
        log,
        bot,
        deliver: (activity) => serve.adapter.processLocal(activity, (context) => serve.bot.run(context)),
        events: backend.events,
      });
      serve.bot.onForget((conversationId) => store.forgetActivities(conversationId));
      const routes = registerDirectLine(serve.server, serve.upgrades, {
        service,
        tokens,
        log,
        defaultTenant: config.defaultTenant,
        isTenant: serve.isTenant,
        publicUrl: config.publicUrl,
        conversationLimit: serve.conversationLimit,
      });
      return { service, close: () => routes.close() };
    },
  };
}
