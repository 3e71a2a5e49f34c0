/**
 * The handoff machinery, assembled from its parts: the queue and the citizen's side (citizenQueue.ts), which
 * agents are connected (agentPresence.ts), the console views (consoleViews.ts), the fan-out to the consoles on
 * every instance (consoleFanout.ts), the agents' WebSocket protocol (agentProtocol.ts), an agent's messages on
 * their way (agentMessages.ts) and the leader's timed rules (leaderRules.ts).
 *
 * State that matters lives in the HandoffStore (SQLite or PostgreSQL), so a restart loses nothing: the parts only
 * keep who is connected to this instance right now. With several instances, what an agent must see goes through
 * the event bus, and the rules that depend on time run on the leading instance only.
 *
 * Why two steps. The dialogs queue a citizen (HandoffService → the queue), and the citizen hears of the handoff
 * through the bot (an agent's message goes out through the adapter; a timeout starts the main dialog's callback
 * offer): the bot needs the queue, and whatever speaks to the citizen needs the bot. Only the agents' protocol
 * and the leader's rules speak to a citizen outside their turn, and they do it by CitizenEvents to a
 * CitizenNotifier (dialogs/handoffNotifier.ts), which decides the words. So the hub, which never speaks to a
 * citizen, is built first (createHandoffHub); the notifier once the bot and its adapter exist; and the relay,
 * which needs the notifier, last (createHandoffRelay). No setter, no forward reference.
 */
import type { HandoffConfig } from '../config';
import type { Logger } from '../logger';
import { LocalEvents, type EventBus } from '../storage/events';
import type { CitizenNotifier } from '../../dialogs/handoffPort';
import { AgentMessages } from './agentMessages';
import { AgentPresence } from './agentPresence';
import { AgentProtocol } from './agentProtocol';
import { CitizenQueue, UNOBSERVED_WAITS, type WaitObserver } from './citizenQueue';
import { ConsoleFanout } from './consoleFanout';
import { ConsoleViews } from './consoleViews';
import type { HandoffStore } from './handoffStore';
import { LeaderRules } from './leaderRules';

export interface HandoffHubOptions {
  store: HandoffStore;
  config: HandoffConfig;
  /** A Kommune's name by its id, for the console. */
  tenantName: (id: string) => string;
  log: Logger;
  clock?: () => number;
  /** The events between the instances on one database; one process: LocalEvents. */
  events?: EventBus;
  /** Who hears how waits end (bot/metrics.ts). */
  waits?: WaitObserver;
}

/** The parts the citizen's own turns and the console's HTTP API use; none of them speaks to a citizen. */
export interface HandoffHub {
  /** What it was built with (the relay is built on the same). */
  readonly options: Required<HandoffHubOptions>;
  readonly queue: CitizenQueue;
  readonly presence: AgentPresence;
  readonly views: ConsoleViews;
  readonly consoles: ConsoleFanout;
}

export function createHandoffHub(options: HandoffHubOptions): HandoffHub {
  const all: Required<HandoffHubOptions> = {
    ...options,
    clock: options.clock ?? Date.now,
    events: options.events ?? new LocalEvents(),
    waits: options.waits ?? UNOBSERVED_WAITS,
  };
  const { store, config, log, clock, events, waits } = all;
  const views = new ConsoleViews(store, all.tenantName);
  const consoles = new ConsoleFanout(events, store, views, log);
  const presence = new AgentPresence(store, consoles, events.instanceId, config.tickMilliseconds);
  const queue = new CitizenQueue(store, presence, consoles, config, log, clock, waits);
  return { options: all, queue, presence, views, consoles };
}

/** The parts that speak to citizens outside their turn: the agents' protocol and the leader's timed rules. */
export interface HandoffRelay {
  readonly protocol: AgentProtocol;
  readonly rules: LeaderRules;
  /** Starts the rules' tick. */
  start(): void;
  /** Stops the tick and closes the consoles connected here. */
  stop(): Promise<void>;
}

export function createHandoffRelay(hub: HandoffHub, notifier: CitizenNotifier): HandoffRelay {
  const { store, config, log, clock, events, waits } = hub.options;
  const messages = new AgentMessages(store, notifier);
  const { queue, presence, views, consoles } = hub;
  const protocol = new AgentProtocol({ store, consoles, presence, views, messages, notifier, config, log, clock, waits });
  const rules = new LeaderRules({ store, queue, presence, consoles, messages, notifier, events, config, log, clock, waits });
  return {
    protocol,
    rules,
    start: () => rules.start(),
    async stop() {
      rules.stop();
      hub.consoles.closeAll();
      await hub.presence.withdraw();
    },
  };
}
