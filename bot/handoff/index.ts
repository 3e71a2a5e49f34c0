/**
 * The handoff feature built from the configuration and the storage: the queue (store, hub and the dialogs'
 * HandoffPort), the relay in front of the bot, the way to citizens outside their turns, and the agent console.
 *
 * Handoff sits on both sides of the bot: the dialogs ask the queue for a person (so the queue exists before the
 * bot), and the relay hands a turn back to the dialogs (a callback offer), so it is built from the bot once that
 * exists. Hence three steps, each from what exists by then, instead of a late setter: createHandoff (below the
 * bot), `relay(bot)` (the middleware, before the adapter), `serve(…)` (from the adapter and the server: the
 * messages to citizens outside their turns, the agent console, the timed rules).
 */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { KnowledgeBase } from '../../knowledge/loader';
import type { Texts } from '../../knowledge/texts/texts';
import type { HandoffPort } from '../../dialogs/handoffPort';
import { TICKET_RETENTION_DAYS } from '../../dialogs/answers/handoffAnswers';
import type { HandoffConfig } from '../config';
import type { FeatureDeps } from '../feature';
import type { RetentionPart } from '../storage/retention';
import type { UpgradeRouter } from '../upgrade';
import { HANDOFF_SCHEMA } from './migrations';
import { HandoffNotifier } from '../../dialogs/handoffNotifier';
import { HandoffStore } from './handoffStore';
import { createHandoffHub, createHandoffRelay, type HandoffHub } from './hub';
import { HandoffService } from './handoffService';
import { HandoffMiddleware, type RelayHooks } from './handoffMiddleware';
import { ProactiveDelivery } from './proactive';
import type { AgentProtocol } from './agentProtocol';
import { AgentAuth } from './agentAuth';
import { registerAgentConsole } from './agentConsole';

export { HANDOFF_SCHEMA };

/** The knowledge is read for Kommune names, the console's filter and Textbausteine, service names. */
export type HandoffDeps = FeatureDeps<HandoffConfig, KnowledgeBase>;

/** What the relay and the proactive messages need of the bot: its callback offer and its Kommune of a conversation. */
export interface HandoffBot extends RelayHooks {
  /** Called when a citizen asked for their data to be deleted (after the bot deleted its own). */
  onForget(listener: (conversationId: string) => Promise<void>): void;
}

export interface HandoffServeDeps {
  /** Notices and agent messages go out through it (over HTTP to the channel, in-process to Direct Line). */
  adapter: CloudAdapter;
  appId: string;
  bot: RelayHooks;
  server: Server;
  upgrades: UpgradeRouter;
}

export interface ServedHandoff {
  /** The agents' console protocol (what the console's WebSocket speaks). */
  readonly protocol: AgentProtocol;
  /** Starts the leader's timed rules (queue timeouts, positions, lost agents). */
  start(): void;
  /** Stops the timed rules and closes the agents' sockets. */
  stop(): Promise<void>;
}

export interface Handoff {
  readonly store: HandoffStore;
  readonly hub: HandoffHub;
  /** The dialogs' way to a person: the queue, the platform handoff, callback tickets. */
  readonly port: HandoffPort;
  /** Transcripts, tickets, expired sessions and presence: what the retention job deletes of handoff. */
  readonly retention: RetentionPart;
  /** How long transcripts and tickets are kept, and when the retention job may first run (it runs on the leader). */
  readonly retentionSchedule: { transcriptDays: number; ticketDays: number; firstRunDelayMs: number };
  /** The middleware in front of the bot: transcript, conversation reference, the relay while with an agent. */
  relay(bot: HandoffBot): HandoffMiddleware;
  /** Agents' side: messages reach citizens through the adapter, agents work in the console. */
  serve(deps: HandoffServeDeps): ServedHandoff;
}

export function createHandoff(deps: HandoffDeps): Handoff {
  const { config, log, metrics, knowledge } = deps;
  const ticketClock = (): number => deps.clock().getTime();
  const store = new HandoffStore(deps.backend.database(HANDOFF_SCHEMA.database));
  const tenantName = (id: string): string => knowledge().tenants.get(id)?.name ?? id;
  const hub = createHandoffHub({ store, config, tenantName, log, events: deps.backend.events, waits: metrics.waitObserver() });
  metrics.watchHandoff({
    agentsOnline: () => hub.queue.agentsOnline(),
    queued: () => store.queued(),
    active: () => store.active(),
    ticketCounts: () => store.ticketCounts(),
    now: Date.now,
  });
  const port = new HandoffService(
    store,
    hub,
    log,
    Date.now,
    (reason, outcome) => metrics.escalations.inc({ reason, outcome }),
    ticketClock,
  );
  return {
    store,
    hub,
    port,
    retentionSchedule: {
      transcriptDays: config.transcriptRetentionDays,
      ticketDays: TICKET_RETENTION_DAYS,
      // With PostgreSQL, leadership is settled by the hub's first ticks; the first run waits for them.
      firstRunDelayMs: deps.backend.dialect === 'postgres' ? 3 * config.tickMilliseconds : 0,
    },
    retention: {
      transcripts: async (before) => (await store.purgeMessagesBefore(before)) + (await store.purgeConversationsBefore(before)),
      tickets: async (before) => {
        // Tickets carry the tickets' clock (the same as the real one, but in tests and demonstrations).
        const removed = await store.purgeTicketsBefore(before + ticketClock() - Date.now());
        if (removed > 0) await hub.consoles.ticketsChanged();
        return removed;
      },
      others: async (now) => {
        await store.purgeExpiredSessions(now);
        await store.purgePresence(now - 24 * 60 * 60 * 1000);
        return 0;
      },
    },
    relay(bot) {
      const middleware = new HandoffMiddleware(store, hub.queue, bot, log);
      // "Bitte löschen Sie meine Daten": the queue, transcript and tickets go, and the remembered reference.
      bot.onForget(async (conversationId) => {
        await store.forgetConversation(conversationId);
        middleware.forget(conversationId);
      });
      return middleware;
    },
    serve({ adapter, appId, bot, server, upgrades }) {
      const offer = (context: TurnContext, text: string): Promise<void> => bot.offerCallback(context, text);
      // What citizens hear of the handoff outside their turns: the hub's events, worded by the notifier in dialogs/
      // and delivered proactively through the adapter.
      // Each notice in the words of the Kommune the conversation's handoff was asked for, in the language it was asked
      // in (German when it named none).
      const textsOf = async (conversationId: string): Promise<Texts> => {
        const [tenant, language] = await Promise.all([
          store.conversationTenant(conversationId),
          store.conversationLanguage(conversationId),
        ]);
        return bot.textsFor(tenant, language);
      };
      const relay = createHandoffRelay(hub, new HandoffNotifier(new ProactiveDelivery(adapter, appId, store, offer, log), textsOf));
      const agentConsole = registerAgentConsole({
        server,
        upgrades,
        hub,
        protocol: relay.protocol,
        store,
        config,
        tenantName,
        knowledge,
        log,
        serviceName: (id) => knowledge().services.get(id)?.name,
        ticketClock,
        ticketDone: (ticket, seconds) => metrics.observeCallbackDone(ticket.tenant, seconds),
        auth: new AgentAuth(store, {
          sessionSeconds: config.sessionSeconds,
          maxFailures: config.maxLoginFailures,
          lockoutSeconds: config.lockoutSeconds,
        }),
      });
      return {
        protocol: relay.protocol,
        start: () => relay.start(),
        async stop() {
          await relay.stop();
          agentConsole.close();
        },
      };
    },
  };
}
