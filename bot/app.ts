/**
 * The composition root: one factory per feature, in the order they depend on each other, and the order they
 * stop in. No behaviour lives here; each feature's folder builds itself in its index.ts. Used by bot/index.ts.
 */
import type { Server } from 'restify';
import type { AssistantKnowledge } from '../dialogs/assistantKnowledge';
import { clockFrom, type Config } from './config';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { SCHEMAS } from './schemas';
import { openStorage } from './storage/backend';
import { scheduleRetention } from './storage/retention';
import { loadLiveKnowledge } from './assistant/knowledge';
import { createAssistant } from './assistant';
import { createHandoff } from './handoff';
import { createDirectLine } from './directline';
import { createAdapters } from './adapter';
import type { AssistantAdapter } from './adapter/assistantAdapter';
import { createHttp } from './http';
import type { UpgradeRouter } from './upgrade';

export interface RunningApp {
  server: Server;
  /** The adapter for proactive messages (continueConversationAsync): it reaches Web Chat through the local Direct Line. */
  adapter: AssistantAdapter;
  /** Register further WebSocket endpoints here (e.g. an agent console socket). */
  upgrades: UpgradeRouter;
  port: number;
  url: string;
  /** The live knowledge (it changes when the knowledge folder is edited). */
  assistant: () => AssistantKnowledge;
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: () => Date;
}

export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<RunningApp> {
  const knowledge = loadLiveKnowledge(config, log);
  const live = knowledge.live;
  const backend = await openStorage(config, log, SCHEMAS);
  const features = { log, backend, metrics: new Metrics() };
  // The dialogs' clock decides wished callback times; tickets are created, worked and found overdue by the same one.
  const clock = options.clock ?? clockFrom(config.clockStart);
  // Handoff's queue is below the bot (the dialogs ask it for a person); its relay and messages are built from the bot.
  const handoff = createHandoff({ ...features, config: config.handoff, knowledge: () => live().knowledge, clock });
  const bot = createAssistant({ ...features, config, knowledge: live, clock, handoff: handoff.port });
  const directLine = await createDirectLine({ ...features, config });
  const adapters = createAdapters({
    ...features,
    botFramework: config.botFramework,
    middleware: [handoff.relay(bot)],
    voiceOf: bot.voiceOf,
    textsOf: bot.textsOf,
    local: directLine.channel,
  });
  const checks = { database: () => backend.ping() };
  const http = createHttp({ ...features, config, adapter: adapters.main, bot: bot.bot, checks, ownedByLocalDirectLine: directLine.owns });
  const isTenant = (id: string): boolean => live().knowledge.tenants.has(id);
  const stream = directLine.serve({ ...http, adapter: adapters.main, bot, isTenant });
  const pages = { ...stream, tokens: directLine.tokens, tenants: () => live().knowledge.tenants, createAdapter: adapters.create };
  const voice = http.registerPages(pages);
  const agents = handoff.serve({ ...http, adapter: adapters.main, appId: config.botFramework.appId, bot });
  agents.start();
  const parts = [handoff.retention, directLine.retention, bot.retention];
  const retention = scheduleRetention({ ...handoff.retentionSchedule, parts, isLeader: () => backend.events.isLeader(), log });
  const port = await http.listen();
  // The other languages' classifiers and the language model, built once the server is up rather than before.
  void live().warmUp();
  return {
    server: http.server,
    adapter: adapters.main,
    upgrades: http.upgrades,
    port,
    url: `http://localhost:${port}`,
    assistant: live,
    async close() {
      knowledge.stop();
      await retention.stop();
      // Open WebSockets would keep the server from closing: end them first.
      await agents.stop();
      stream.close();
      voice.close();
      await http.close();
      await backend.close();
    },
  };
}
