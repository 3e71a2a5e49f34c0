/**
 * The composition root: builds knowledge, understanding, storage, adapter, bot and server from the
 * configuration. Used by index.ts and by the end-to-end tests, which start it in-process.
 */
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ActivityEventNames, ActivityTypes, ConversationState, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { loadKnowledgeOrThrow } from '../knowledge/loader';
import { recognizeDateTime } from '../intents/datetime';
import { buildAssistantKnowledge, type AssistantKnowledge } from '../dialogs/assistantKnowledge';
import { MainDialog, TENANT_KEY } from '../dialogs/mainDialog';
import { DEFAULT_VOICE } from '../dialogs/voice';
import type { ConversationMemory } from '../dialogs/routing';
import type { Config } from './config';
import type { Logger } from './logger';
import { SqlStorage } from './storage/sqlStorage';
import { openStorage } from './storage/backend';
import { RetentionJob } from './storage/retention';
import { TenantResolver } from './tenant';
import { AssistantBot } from './assistantBot';
import { HoldReplies } from './holdReplies';
import { createServer } from './server';
import { KnowledgeReloader } from './knowledgeReloader';
import { Metrics } from './metrics';
import { RateLimiter } from './rateLimit';
import { OTHER_SERVICE_GUESS, UnansweredStore } from './storage/unansweredStore';
import { OutcomeStore, RESOLUTION_DAYS } from './storage/outcomeStore';
import { VoiceMiddleware } from './voiceMiddleware';
import { AssistantAdapter, type LocalChannel } from './assistantAdapter';
import { UpgradeRouter } from './upgrade';
import { DirectLineStore } from './directline/store';
import { DirectLineTokens, loadDirectLineSecret } from './directline/tokens';
import { CHANNEL_ID, DirectLineService, LOCAL_SERVICE_URL } from './directline/service';
import { registerDirectLine } from './directline/routes';
import { registerStreaming } from './streaming';
import { registerWeb } from './web';
import { HandoffStore } from './handoff/handoffStore';
import { TICKET_RETENTION_DAYS } from '../dialogs/answers/handoffAnswers';
import { createHandoffHub, createHandoffRelay } from './handoff/hub';
import { HandoffService } from './handoff/handoffService';
import { HandoffMiddleware } from './handoff/handoffMiddleware';
import { ProactiveDelivery } from './handoff/proactive';
import { HandoffNotifier } from '../dialogs/handoffNotifier';
import { turnFailedAnswer } from '../dialogs/answers/turnAnswers';
import { toActivity } from '../dialogs/replyActivity';
import { AgentAuth } from './handoff/auth';
import { registerAgentConsole } from './handoff/agentConsole';

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
    throw new Error(
      `DEFAULT_TENANT "${config.defaultTenant}" is not in the knowledge (known: ${[...knowledge.tenants.keys()].join(', ')})`,
    );
  }
  const assistant = buildAssistantKnowledge(knowledge);
  // Build the German date/time model now rather than in the first citizen's turn (it takes most of a second).
  recognizeDateTime('morgen um 10 Uhr', new Date());
  log.info(
    { services: knowledge.services.size, tenants: knowledge.tenants.size, ms: Date.now() - started },
    'knowledge loaded, classifier trained',
  );

  const knowledgeReloader = new KnowledgeReloader(config.knowledgeDir, assistant, log, (next) =>
    next.knowledge.tenants.has(config.defaultTenant) ? undefined : `DEFAULT_TENANT "${config.defaultTenant}" would no longer exist`,
  );
  if (config.knowledgeHotReload) knowledgeReloader.start();
  const live = (): AssistantKnowledge => knowledgeReloader.current();

  // SQLite files in DATA_DIR, or PostgreSQL (DATABASE_URL); migrations are applied here.
  const backend = await openStorage(config, log);
  log.info({ storage: backend.dialect, instance: backend.events.instanceId }, 'storage ready');
  const storage = new SqlStorage(backend.state);
  const metrics = new Metrics();
  const unanswered = new UnansweredStore(backend.state, config.unansweredRetentionDays);
  const outcomes = new OutcomeStore(backend.state, config.unansweredRetentionDays);
  const conversationState = new ConversationState(storage);
  // Queue, relay sessions, transcripts, tickets and agents.
  const handoffStore = new HandoffStore(backend.handoff);
  const tenantName = (id: string): string => live().knowledge.tenants.get(id)?.name ?? id;
  const hub = createHandoffHub({
    store: handoffStore,
    config: config.handoff,
    tenantName,
    log,
    events: backend.events,
    waits: metrics.waitObserver(),
  });
  // The dialogs' clock decides wished callback times; tickets are created, worked and found overdue by the same one.
  const clock = options.clock ?? clockFrom(config.clockStart);
  const ticketClock = (): number => clock().getTime();
  const dialog = new MainDialog({
    assistant: live,
    memory: conversationState.createProperty<ConversationMemory>('memory'),
    clock,
    handoff: new HandoffService(
      handoffStore,
      hub,
      log,
      Date.now,
      (reason, outcome) => metrics.escalations.inc({ reason, outcome }),
      ticketClock,
    ),
    observe: (turn) => {
      metrics.observeTurn(turn);
      if (turn.decision === 'not-understood' || turn.decision === 'other-service') {
        const u = turn.understood;
        const guess = u.alternatives.find((a) => a.intent !== 'none')?.intent ?? 'none';
        // A known service not answered yet is recorded by its id: the editors' report groups by it.
        const recorded = u.otherService ? `${OTHER_SERVICE_GUESS}${u.otherService}` : u.service ? `${guess}/${u.service}` : guess;
        unanswered
          .add(turn.tenant, turn.text, recorded)
          .catch((err: Error) => log.warn({ err: err.message }, 'unanswered question not recorded'));
      }
    },
    outcome: (turn) => {
      outcomes
        .record(turn.conversation, turn.tenant, turn.outcome)
        .catch((err: Error) => log.warn({ err: err.message }, 'conversation outcome not recorded'));
    },
  });
  const tenants = new TenantResolver(
    conversationState.createProperty<string>('tenant'),
    () => new Set(live().knowledge.tenants.keys()),
    config.defaultTenant,
    log,
  );
  // "Bitte löschen Sie meine Daten": what the other stores keep of the conversation goes too.
  const forgetElsewhere = async (conversationId: string): Promise<void> => {
    await handoffStore.forgetConversation(conversationId);
    handoffMiddleware.forget(conversationId);
    await directLineStore.forgetActivities(conversationId);
  };
  // Turns of one conversation one at a time: a queue in this process, and with PostgreSQL an advisory lock across instances.
  const turnLock = backend.turnLock({
    log,
    waitMs: config.turnLockWaitMs,
    onTimeout: (scope) => metrics.turnLockTimeouts.inc({ scope }),
    onError: () => metrics.errors.inc({ kind: 'turn-lock' }),
  });
  const bot = new AssistantBot(conversationState, dialog, tenants, log, forgetElsewhere, () => metrics.stateConflicts.inc(), turnLock);

  // The Kommune's voice: from the turn's tenant, or (proactive messages) from the conversation's stored one.
  const storedTenant = conversationState.createProperty<string>('tenant');
  const voiceOf = async (context: TurnContext): Promise<string> => {
    const id = (context.turnState.get(TENANT_KEY) as string | undefined) ?? (await storedTenant.get(context));
    return (id && live().knowledge.tenants.get(id)?.stimme) || DEFAULT_VOICE;
  };

  const bf = config.botFramework;
  const authOptions = {
    MicrosoftAppId: bf.appId,
    MicrosoftAppPassword: bf.appPassword,
    MicrosoftAppType: bf.appType,
    MicrosoftAppTenantId: bf.appTenantId,
    // With its own metadata URL, botbuilder's parameterized authentication also needs the issuer spelled out
    // (it is left empty otherwise, and every token would be refused).
    ...(bf.openIdMetadataUrl
      ? { BotOpenIdMetadata: bf.openIdMetadataUrl, ToBotFromChannelTokenIssuer: 'https://api.botframework.com' }
      : {}),
  };
  // In front of every turn: transcript, conversation reference, and the relay to agents while a chat is with one.
  const handoffMiddleware = new HandoffMiddleware(
    handoffStore,
    hub.queue,
    {
      offerCallback: (context, text) => bot.offerCallback(context, text),
      tenantOf: (context) => bot.tenantOf(context),
    },
    log,
  );
  /** Every adapter (the HTTP one, and one per streaming connection) relays, speaks, fails and reaches Direct Line alike. */
  const createAdapter = (preAuthenticatedStreaming = false): AssistantAdapter => {
    const adapter = new AssistantAdapter({ appId: bf.appId, authOptions, preAuthenticatedStreaming, local: () => localChannel });
    // First: a turn's replies are held until its state is saved (a turn that runs again sends only once).
    adapter.use(new HoldReplies(log));
    adapter.use(handoffMiddleware);
    adapter.use(new VoiceMiddleware(voiceOf));
    adapter.onTurnError = async (context: TurnContext, error: Error) => {
      // A proactive turn (an agent's message, a queue update, a callback offer) has a caller that keeps what
      // must not be lost and tries again later: it has to hear of the failure, and there is nobody to apologise to.
      if (context.activity.type === ActivityTypes.Event && context.activity.name === ActivityEventNames.ContinueConversation) throw error;
      log.error({ err: error.message, stack: error.stack?.split('\n').slice(0, 5).join(' | ') }, 'turn failed');
      metrics.errors.inc({ kind: 'turn' });
      try {
        await context.sendActivity(toActivity(turnFailedAnswer()));
      } catch {
        /* the channel may be gone: nothing more to do */
      }
    };
    return adapter;
  };
  const adapter = createAdapter();
  // The relay speaks to citizens through the notifier, built now that the bot and its adapter exist (see hub.ts).
  // Agent messages and queue notices go out through this adapter: over HTTP to the channel, or in-process to the
  // local Direct Line.
  const relay = createHandoffRelay(
    hub,
    new HandoffNotifier(new ProactiveDelivery(adapter, bf.appId, handoffStore, (context, text) => bot.offerCallback(context, text), log)),
  );

  // The self-hosted Direct Line: its conversations reach the bot in-process through the adapter.
  const directLineStore = new DirectLineStore(backend.directline);
  // Without DIRECTLINE_SECRET: generated once, kept in DATA_DIR, or (PostgreSQL) in the database, so that every
  // instance accepts the tokens of every other.
  const tokens = new DirectLineTokens(
    backend.dialect === 'postgres' && !config.directLineSecret.trim()
      ? await directLineStore.sharedSecret(randomBytes(32).toString('base64url'))
      : loadDirectLineSecret(config.directLineSecret, config.dataDir),
  );
  const directLine = new DirectLineService({
    store: directLineStore,
    log,
    bot: { id: bf.appId || 'kommune-assistant', name: 'Digitaler Assistent' },
    deliver: (activity) => adapter.processLocal(activity, (context) => bot.run(context)),
    events: backend.events,
  });
  const localChannel: LocalChannel = {
    // Only the server itself sets this serviceUrl (/api/messages refuses it from outside), and fromBot looks the
    // conversation up anyway: no database read here, once per reply.
    owns: (activity) => activity.channelId === CHANNEL_ID && activity.serviceUrl === LOCAL_SERVICE_URL,
    receive: (conversationId, activity) => directLine.fromBot(conversationId, activity as Record<string, unknown>),
  };

  const conversationLimit = new RateLimiter({ perMinute: config.rateLimitPerConversation, burst: 10 });
  const server = createServer({
    adapter,
    bot,
    log,
    metrics,
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerIp: config.rateLimitPerIp,
    conversationLimit,
    checks: { database: () => backend.ping() },
    localServiceUrl: LOCAL_SERVICE_URL,
    ownedByLocalDirectLine: (conversationId) => directLine.owns(conversationId),
  });
  const upgrades = new UpgradeRouter(log);
  const isTenant = (id: string): boolean => live().knowledge.tenants.has(id);
  const stream = registerDirectLine(server, upgrades, {
    service: directLine,
    tokens,
    log,
    defaultTenant: config.defaultTenant,
    isTenant,
    publicUrl: config.publicUrl,
    conversationLimit,
  });
  const voice = registerStreaming(upgrades, {
    createAdapter,
    bot,
    service: directLine,
    tokens,
    appIdConfigured: bf.appId !== '',
    log,
  });
  registerWeb(server, {
    tenants: () => live().knowledge.tenants,
    defaultTenant: config.defaultTenant,
    service: directLine,
    tokens,
    log,
    frameAncestors: config.frameAncestors,
  });
  const agentConsole = registerAgentConsole({
    server,
    upgrades,
    hub,
    protocol: relay.protocol,
    store: handoffStore,
    config: config.handoff,
    tenantName,
    knowledge: () => live().knowledge,
    log,
    serviceName: (id) => live().knowledge.services.get(id)?.name,
    ticketClock,
    ticketDone: (ticket, seconds) => metrics.observeCallbackDone(ticket.tenant, seconds),
    auth: new AgentAuth(handoffStore, {
      sessionSeconds: config.handoff.sessionSeconds,
      maxFailures: config.handoff.maxLoginFailures,
      lockoutSeconds: config.handoff.lockoutSeconds,
    }),
  });
  upgrades.attach(server.server);
  relay.start();
  const retention = new RetentionJob(
    {
      transcriptDays: config.handoff.transcriptRetentionDays,
      ticketDays: TICKET_RETENTION_DAYS,
      transcripts: async (before) =>
        (await handoffStore.purgeMessagesBefore(before)) +
        (await handoffStore.purgeConversationsBefore(before)) +
        (await directLineStore.purgeBefore(before)) +
        (await storage.purgeBefore(before)),
      tickets: async (before) => {
        // Tickets carry the tickets' clock (the same as the real one, but in tests and demonstrations).
        const removed = await handoffStore.purgeTicketsBefore(before + ticketClock() - Date.now());
        if (removed > 0) await hub.consoles.ticketsChanged();
        return removed;
      },
      others: async (now) => {
        await handoffStore.purgeExpiredSessions(now);
        await handoffStore.purgePresence(now - 24 * 60 * 60 * 1000);
        return (await unanswered.expire(new Date(now))) + (await outcomes.expire(now));
      },
    },
    () => backend.events.isLeader(),
    log,
  );
  // With PostgreSQL, leadership is settled by the hub's first ticks; the first run waits for them.
  const retentionStart = setTimeout(
    () => retention.start(),
    backend.dialect === 'postgres' ? 3 * config.handoff.tickMilliseconds : 0,
  ).unref();
  metrics.watchHandoff({
    agentsOnline: () => hub.queue.agentsOnline(),
    queued: () => handoffStore.queued(),
    active: () => handoffStore.active(),
    ticketCounts: () => handoffStore.ticketCounts(),
    now: Date.now,
  });
  metrics.watchResolution(() => outcomes.resolution(RESOLUTION_DAYS));

  server.listen(config.port);
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    server,
    adapter,
    upgrades,
    port,
    url: `http://localhost:${port}`,
    assistant: live,
    async close() {
      knowledgeReloader.stop();
      clearTimeout(retentionStart);
      await retention.stop();
      await relay.stop();
      // Open WebSockets would keep the server from closing: end them first.
      agentConsole.close();
      stream.close();
      voice.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}
