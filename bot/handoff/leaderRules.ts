/**
 * The rules that depend on time, applied by a periodic tick. Restart-safe because they read the store; on the
 * leading instance only, so that no citizen hears anything twice:
 * - no accept within the timeout → the citizen is offered a callback;
 * - an agent gone for longer than the grace period → the citizen goes back to the front of the queue;
 * - a better queue position → the citizen is told;
 * - agent messages the channel did not take → delivered again.
 * Every instance's tick renews the presence of the agents connected to it and campaigns for leadership.
 */
import type { HandoffConfig } from '../config';
import type { Logger } from '../logger';
import type { EventBus } from '../storage/events';
import type { CitizenNotifier } from '../../dialogs/handoffPort';
import type { AgentMessages } from './agentMessages';
import type { AgentPresence } from './agentPresence';
import { UNOBSERVED_WAITS, type CitizenQueue, type WaitObserver } from './citizenQueue';
import type { ConsoleFanout } from './consoleFanout';
import type { HandoffStore } from './handoffStore';

export interface LeaderRulesDeps {
  store: HandoffStore;
  queue: Pick<CitizenQueue, 'waitMinutes'>;
  presence: AgentPresence;
  consoles: Pick<ConsoleFanout, 'queueChanged'>;
  messages: AgentMessages;
  notifier: CitizenNotifier;
  /** Leadership among the instances (a LocalEvents bus always leads). */
  events: Pick<EventBus, 'campaign' | 'isLeader'>;
  config: Pick<HandoffConfig, 'acceptTimeoutSeconds' | 'agentGraceSeconds' | 'tickMilliseconds'>;
  log: Logger;
  clock?: () => number;
  waits?: WaitObserver;
}

export class LeaderRules {
  /** Agents with open chats but no connection anywhere, since when (leader only). */
  private readonly disconnectedSince = new Map<number, number>();
  private readonly store: HandoffStore;
  private readonly config: LeaderRulesDeps['config'];
  private readonly notifier: CitizenNotifier;
  private readonly clock: () => number;
  private readonly waits: WaitObserver;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(private readonly deps: LeaderRulesDeps) {
    this.store = deps.store;
    this.config = deps.config;
    this.notifier = deps.notifier;
    this.clock = deps.clock ?? Date.now;
    this.waits = deps.waits ?? UNOBSERVED_WAITS;
  }

  start(): void {
    this.timer = setInterval(() => {
      void this.tick();
    }, this.config.tickMilliseconds);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.clock();
      await this.deps.presence.renew(now);
      await this.deps.events.campaign();
      if (this.deps.events.isLeader()) await this.apply(now);
    } catch (err) {
      this.deps.log.error({ err: (err as Error).message }, 'handoff tick failed');
    } finally {
      this.ticking = false;
    }
  }

  /** The rules that must run once across all instances. */
  private async apply(now: number): Promise<void> {
    const timedOut = await this.offerCallbacks(now);
    const lost = await this.requeueLostAgents(now);
    await this.announcePositions();
    await this.deps.messages.retryUndelivered(now);
    if (timedOut || lost) await this.deps.consoles.queueChanged();
  }

  /** Waiters nobody accepted in time are offered a callback. True when the queue changed. */
  private async offerCallbacks(now: number): Promise<boolean> {
    let changed = false;
    for (const q of await this.store.queued()) {
      if (now - q.queuedAt < this.config.acceptTimeoutSeconds * 1000) continue;
      if (!(await this.store.finish(q.id, 'timeout', 'system', now))) continue;
      this.waits.abandoned(q, 'timeout', now - q.queuedAt);
      changed = true;
      this.deps.log.info({ handoff: q.id }, 'nobody accepted in time: callback offered');
      await this.notifier.notify({ kind: 'timed-out', conversationId: q.conversationId });
    }
    return changed;
  }

  /** Chats of an agent gone longer than the grace period go back to the front of the queue. True when the queue changed. */
  private async requeueLostAgents(now: number): Promise<boolean> {
    let changed = false;
    const present = await this.deps.presence.connected(now);
    for (const agentId of this.disconnectedSince.keys()) if (present.has(agentId)) this.disconnectedSince.delete(agentId);
    for (const a of await this.store.active()) {
      if (a.agentId === null || present.has(a.agentId)) continue;
      const since = this.disconnectedSince.get(a.agentId) ?? now;
      if (!this.disconnectedSince.has(a.agentId)) this.disconnectedSince.set(a.agentId, now);
      if (now - since < this.config.agentGraceSeconds * 1000) continue;
      if (!(await this.store.requeueFront(a.id, now))) continue;
      changed = true;
      this.deps.log.info({ handoff: a.id, agent: a.agentId }, 'agent lost: back to the front of the queue');
      await this.notifier.notify({ kind: 'agent-lost', conversationId: a.conversationId });
    }
    return changed;
  }

  /** Waiters who moved up are told their new position; the first position was told when they were queued. */
  private async announcePositions(): Promise<void> {
    const queue = await this.store.queued();
    for (let i = 0; i < queue.length; i++) {
      const position = i + 1;
      const announced = queue[i].announcedPosition;
      if (announced === position) continue;
      await this.store.setAnnouncedPosition(queue[i].id, position);
      // Only improvements are news.
      if (announced !== null && position < announced) {
        const waitMinutes = await this.deps.queue.waitMinutes(position);
        await this.notifier.notify({ kind: 'position-changed', conversationId: queue[i].conversationId, position, waitMinutes });
      }
    }
  }
}
