/**
 * Prometheus metrics (`GET /metrics`): turns, intents, out-of-scope rate, errors and turn latency, plus
 * Node's process metrics. Labels are bounded (intent ids, tenant ids), never free text.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UnderstoodTurn } from '../dialogs/mainDialog';
import type { Resolution } from './storage/outcomeStore';

export interface HandoffFigures {
  agentsOnline(): Promise<number>;
  queued(): Promise<readonly { queuedAt: number }[]>;
  active(): Promise<readonly unknown[]>;
  ticketCounts(): Promise<readonly { status: string; count: number }[]>;
  now(): number;
}

/** A read whose concurrent callers share one pending call (and the next caller after it settles makes a new one). */
function sharedWhilePending<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

/** Buckets of a wait in the live queue, in seconds: from 10 seconds to half an hour. */
const WAIT_BUCKETS = [10, 30, 60, 120, 300, 600, 900, 1800];

export class Metrics {
  readonly registry = new Registry();
  readonly turns = this.counter('kommune_turns_total', 'Message turns answered', ['tenant']);
  readonly intents = this.counter('kommune_intents_total', 'Understood intents', ['intent']);
  readonly unanswered = this.counter(
    'kommune_unanswered_total',
    'Turns the assistant could not answer (out of scope, not understood, or a service not answered yet)',
    ['tenant', 'reason'],
  );
  readonly escalations = this.counter('kommune_escalations_total', 'Requests for a person, by reason and outcome', ['reason', 'outcome']);
  readonly stateConflicts = this.counter(
    'kommune_state_conflicts_total',
    'Turns run again because another turn (on this or another instance) changed the conversation first',
  );
  readonly turnLockTimeouts = this.counter(
    'kommune_turn_lock_timeouts_total',
    "Turns that ran without the conversation's lock because the turn before them (on this instance, or in the database on any) took too long",
    ['scope'],
  );
  readonly errors = this.counter('kommune_errors_total', 'Failed turns and rejected requests', ['kind']);
  readonly turnSeconds = this.histogram(
    'kommune_turn_duration_seconds',
    'Time to answer a request on /api/messages',
    [],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );

  /** Service level of the live queue: from queueing to an agent's "Annehmen" (the 115 promise is 30 seconds). */
  readonly handoffWaitSeconds = this.histogram(
    'kommune_handoff_wait_seconds',
    'Time a citizen waited in the queue until an agent accepted',
    ['tenant'],
    WAIT_BUCKETS,
  );
  readonly handoffAbandoned = this.counter(
    'kommune_handoff_abandoned_total',
    'Waits that ended before an agent accepted: the citizen left, or nobody accepted in time',
    ['tenant', 'reason'],
  );
  readonly handoffAbandonedWaitSeconds = this.histogram(
    'kommune_handoff_abandoned_wait_seconds',
    'How long citizens waited before they left the queue or it timed out',
    ['reason'],
    WAIT_BUCKETS,
  );
  /** Callback tickets: from the citizen's request to "erledigt" (the 115 promise: the rest within 24 service hours). */
  readonly callbackTurnaroundSeconds = this.histogram(
    'kommune_callback_turnaround_seconds',
    'Time from a callback request to its ticket set to erledigt',
    ['tenant'],
    [900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 259200, 604800],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A counter in this registry (label names bounded: ids, never free text). */
  private counter<T extends string>(name: string, help: string, labelNames: readonly T[] = []): Counter<T> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<T extends string>(name: string, help: string, labelNames: readonly T[], buckets: number[]): Histogram<T> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /**
   * The escalation's state, read when /metrics is scraped (so the figures are never stale): agents online,
   * citizens waiting and the longest wait, chats with an agent, callback tickets by status.
   */
  watchHandoff(source: HandoffFigures): void {
    // Read from the database at each scrape (prom-client awaits async collect functions): the same figures
    // on every instance.
    const gauge = (name: string, help: string, read: () => Promise<number>): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.set(await read());
        },
      });
    };
    // The two queue gauges are collected together, at each scrape: they share one read of the queue.
    const queued = sharedWhilePending(() => source.queued());
    gauge('kommune_agents_online', 'Agents connected to the console', () => source.agentsOnline());
    gauge('kommune_queue_length', 'Citizens waiting for an agent', async () => (await queued()).length);
    gauge('kommune_queue_longest_wait_seconds', 'How long the longest-waiting citizen has waited', async () => {
      const oldest = Math.min(...(await queued()).map((h) => h.queuedAt));
      return Number.isFinite(oldest) ? Math.max(0, (source.now() - oldest) / 1000) : 0;
    });
    gauge('kommune_chats_with_agent', 'Conversations an agent has taken over', async () => (await source.active()).length);
    new Gauge({
      name: 'kommune_callback_tickets',
      help: 'Callback tickets by status',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await source.ticketCounts();
        this.reset();
        for (const t of counts) this.set({ status: t.status }, t.count);
      },
    });
  }

  /**
   * First-contact resolution (the 115 measure), read at each scrape: per tenant, the share of conversations
   * that ended answered without a person and without "nicht geholfen", and the ended conversations by outcome.
   */
  watchResolution(read: () => Promise<Resolution[]>): void {
    const shared = sharedWhilePending(read);
    new Gauge({
      name: 'kommune_first_contact_resolution_ratio',
      help: 'Share of ended conversations (last 7 days) answered without a person and without "nicht geholfen"',
      labelNames: ['tenant'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await shared()) if (r.ended > 0) this.set({ tenant: r.tenant }, r.resolved / r.ended);
      },
    });
    new Gauge({
      name: 'kommune_conversations_ended',
      help: 'Conversations that ended in the last 7 days, by outcome',
      labelNames: ['tenant', 'outcome'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await shared()) {
          this.set({ tenant: r.tenant, outcome: 'resolved' }, r.resolved);
          this.set({ tenant: r.tenant, outcome: 'escalated' }, r.escalated);
          this.set({ tenant: r.tenant, outcome: 'not_helped' }, r.notHelped);
          this.set({ tenant: r.tenant, outcome: 'unanswered' }, r.unanswered);
        }
      },
    });
  }

  /** How a wait in the live queue ended (HandoffHub.observeWaits). */
  waitObserver(): {
    accepted(h: { tenant: string }, waitedMs: number): void;
    abandoned(h: { tenant: string }, reason: 'left' | 'timeout', waitedMs: number): void;
  } {
    return {
      accepted: (h, waitedMs) => this.handoffWaitSeconds.observe({ tenant: h.tenant }, Math.max(0, waitedMs) / 1000),
      abandoned: (h, reason, waitedMs) => {
        this.handoffAbandoned.inc({ tenant: h.tenant, reason });
        this.handoffAbandonedWaitSeconds.observe({ reason }, Math.max(0, waitedMs) / 1000);
      },
    };
  }

  /** A callback ticket set to erledigt, `seconds` after it was requested. */
  observeCallbackDone(tenant: string, seconds: number): void {
    this.callbackTurnaroundSeconds.observe({ tenant }, Math.max(0, seconds));
  }

  observeTurn(turn: UnderstoodTurn): void {
    this.turns.inc({ tenant: turn.tenant });
    this.intents.inc({ intent: turn.understood.intent });
    if (turn.decision === 'not-understood')
      this.unanswered.inc({ tenant: turn.tenant, reason: turn.understood.unsure ? 'unsure' : 'out-of-scope' });
    // A service recognised but not answered yet (knowledge/weitere-leistungen.yaml): its own reason.
    if (turn.decision === 'other-service') this.unanswered.inc({ tenant: turn.tenant, reason: 'not-answered-yet' });
  }
}
