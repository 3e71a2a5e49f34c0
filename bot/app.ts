/**
 * The composition root: builds knowledge, understanding, storage, adapter, bot and server from the
 * configuration. Used by index.ts and by the end-to-end tests, which start it in-process.
 */
import { join } from 'node:path';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, type TurnContext,
} from 'botbuilder';
import type { Server } from 'restify';
import { loadKnowledgeOrThrow } from '../knowledge/loader';
import { buildAssistantKnowledge, type AssistantKnowledge } from '../dialogs/assistantKnowledge';
import { MainDialog } from '../dialogs/mainDialog';
import type { ConversationMemory } from '../dialogs/routing';
import type { Config } from './config';
import type { Logger } from './logger';
import { SqliteStorage } from './storage/sqliteStorage';
import { TenantResolver } from './tenant';
import { AssistantBot } from './assistantBot';
import { createServer } from './server';
import { UpgradeRouter } from './upgrade';
import { HandoffStore } from './handoff/store';
import { HandoffHub } from './handoff/hub';
import { HandoffService } from './handoff/service';
import { HandoffMiddleware } from './handoff/relay';
import { ProactiveChannel } from './handoff/proactive';
import { AgentAuth } from './handoff/auth';
import { registerAgentConsole } from './handoff/agentConsole';

export interface RunningApp {
  server: Server;
  port: number;
  url: string;
  assistant: AssistantKnowledge;
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: () => Date;
}

/** The real clock, or one that starts at `start` and runs on (ASSISTANT_CLOCK_START, for tests). */
function clockFrom(start: Date | undefined): () => Date {
  if (!start) return () => new Date();
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<RunningApp> {
  const started = Date.now();
  // Throws a KnowledgeError listing every `file:line: problem`: the server does not start on bad knowledge.
  const knowledge = loadKnowledgeOrThrow(config.knowledgeDir);
  if (!knowledge.tenants.has(config.defaultTenant)) {
    throw new Error(`DEFAULT_TENANT "${config.defaultTenant}" is not in the knowledge (known: ${[...knowledge.tenants.keys()].join(', ')})`);
  }
  const assistant = buildAssistantKnowledge(knowledge);
  log.info({ services: knowledge.services.size, tenants: knowledge.tenants.size, ms: Date.now() - started }, 'knowledge loaded, classifier trained');

  const storage = new SqliteStorage(join(config.dataDir, 'state.sqlite'));
  const conversationState = new ConversationState(storage);
  // Queue, relay sessions, transcripts, tickets and agents: a sibling SQLite file in the same folder.
  const handoffStore = new HandoffStore(join(config.dataDir, 'handoff.sqlite'));
  const tenantName = (id: string): string => assistant.knowledge.tenants.get(id)?.name ?? id;
  const hub = new HandoffHub(handoffStore, config.handoff, tenantName, log);
  const dialog = new MainDialog({
    assistant: () => assistant,
    memory: conversationState.createProperty<ConversationMemory>('memory'),
    clock: options.clock ?? clockFrom(config.clockStart),
    handoff: new HandoffService(handoffStore, hub, log),
  });
  const tenants = new TenantResolver(
    conversationState.createProperty<string>('tenant'),
    () => new Set(assistant.knowledge.tenants.keys()),
    config.defaultTenant,
    log,
  );
  const bot = new AssistantBot(conversationState, dialog, tenants, log);

  const bf = config.botFramework;
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bf.appId, MicrosoftAppPassword: bf.appPassword, MicrosoftAppType: bf.appType, MicrosoftAppTenantId: bf.appTenantId,
  }));
  // In front of every turn: transcript, conversation reference, and the relay to agents while a chat is with one.
  adapter.use(new HandoffMiddleware(handoffStore, hub, {
    offerCallback: (context, text) => bot.offerCallback(context, text),
    tenantOf: (context) => bot.tenantOf(context),
  }, log));
  hub.attachChannel(new ProactiveChannel(adapter, bf.appId, handoffStore, (context, text) => bot.offerCallback(context, text), log));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error.message, stack: error.stack?.split('\n').slice(0, 5).join(' | ') }, 'turn failed');
    try {
      await context.sendActivity('Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es noch einmal.');
    } catch { /* the channel may be gone: nothing more to do */ }
  };

  const server = createServer({ adapter, bot, log, maxBodyBytes: config.maxBodyBytes, ready: () => true });
  const upgrades = new UpgradeRouter((err, path) => log.error({ err: err.message, path }, 'upgrade failed'));
  const agentConsole = registerAgentConsole({
    server, upgrades, hub, store: handoffStore, config: config.handoff, tenantName, log,
    auth: new AgentAuth(handoffStore, {
      sessionSeconds: config.handoff.sessionSeconds, maxFailures: config.handoff.maxLoginFailures, lockoutSeconds: config.handoff.lockoutSeconds,
    }),
  });
  upgrades.attach(server.server);
  hub.start();
  server.listen(config.port);
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://localhost:${port}`,
    assistant,
    async close() {
      hub.stop();
      agentConsole.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      storage.close();
      handoffStore.close();
    },
  };
}
