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
import { MainDialog, TENANT_KEY } from '../dialogs/mainDialog';
import { DEFAULT_VOICE } from '../dialogs/voice';
import type { ConversationMemory } from '../dialogs/routing';
import type { Config } from './config';
import type { Logger } from './logger';
import { SqliteStorage } from './storage/sqliteStorage';
import { TenantResolver } from './tenant';
import { AssistantBot } from './assistantBot';
import { createServer } from './server';
import { VoiceMiddleware } from './voiceMiddleware';

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
  const dialog = new MainDialog({
    assistant: () => assistant,
    memory: conversationState.createProperty<ConversationMemory>('memory'),
    clock: options.clock ?? (() => new Date()),
  });
  const tenants = new TenantResolver(
    conversationState.createProperty<string>('tenant'),
    () => new Set(assistant.knowledge.tenants.keys()),
    config.defaultTenant,
    log,
  );
  const bot = new AssistantBot(conversationState, dialog, tenants, log);

  // The Kommune's voice: from the turn's tenant, or (proactive messages) from the conversation's stored one.
  const storedTenant = conversationState.createProperty<string>('tenant');
  const voiceOf = async (context: TurnContext): Promise<string> => {
    const id = (context.turnState.get(TENANT_KEY) as string | undefined) ?? await storedTenant.get(context);
    return (id && assistant.knowledge.tenants.get(id)?.stimme) || DEFAULT_VOICE;
  };

  const bf = config.botFramework;
  /** Every adapter (the HTTP one, and one per streaming connection) speaks and fails alike. */
  const createAdapter = (): CloudAdapter => {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: bf.appId, MicrosoftAppPassword: bf.appPassword, MicrosoftAppType: bf.appType, MicrosoftAppTenantId: bf.appTenantId,
    }));
    adapter.use(new VoiceMiddleware(voiceOf));
    adapter.onTurnError = async (context: TurnContext, error: Error) => {
      log.error({ err: error.message, stack: error.stack?.split('\n').slice(0, 5).join(' | ') }, 'turn failed');
      try {
        await context.sendActivity('Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es noch einmal.');
      } catch { /* the channel may be gone: nothing more to do */ }
    };
    return adapter;
  };
  const adapter = createAdapter();

  const server = createServer({ adapter, bot, log, maxBodyBytes: config.maxBodyBytes, ready: () => true });
  server.listen(config.port);
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://localhost:${port}`,
    assistant,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      storage.close();
    },
  };
}
