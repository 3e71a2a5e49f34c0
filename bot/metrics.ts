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

export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({
    name: 'kommune_turns_total',
    help: 'Message turns answered',
    labelNames: ['tenant'] as const,
    registers: [this.registry],
  });
  readonly intents = new Counter({
    name: 'kommune_intents_total',
    help: 'Understood intents',
    labelNames: ['intent'] as const,
    registers: [this.registry],
  });
  readonly unanswered = new Counter({
    name: 'kommune_unanswered_total',
    help: 'Turns the assistant could not answer (out of scope, not understood, or a service not answered yet)',
    labelNames: ['tenant', 'reason'] as const,
    registers: [this.registry],
  });
  readonly escalations = new Counter({
    name: 'kommune_escalations_total',
    help: 'Requests for a person, by reason and outcome',
    labelNames: ['reason', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly stateConflicts = new Counter({
    name: 'kommune_state_conflicts_total',
    help: 'Turns run again because another turn (on this or another instance) changed the conversation first',
    registers: [this.registry],
  });
  readonly turnLockTimeouts = new Counter({
    name: 'kommune_turn_lock_timeouts_total',
    help: "Turns that ran without the conversation's lock because the turn before them (on this instance, or in the database on any) took too long",
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'kommune_errors_total',
    help: 'Failed turns and rejected requests',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly turnSeconds = new Histogram({
    name: 'kommune_turn_duration_seconds',
    help: 'Time to answer a request on /api/messages',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** Service level of the live queue: from queueing to an agent's "Annehmen" (the 115 promise is 30 seconds). */
  readonly handoffWaitSeconds = new Histogram({
    name: 'kommune_handoff_wait_seconds',
    help: 'Time a citizen waited in the queue until an agent accepted',
    labelNames: ['tenant'] as const,
    buckets: [10, 30, 60, 120, 300, 600, 900, 1800],
    registers: [this.registry],
  });
  readonly handoffAbandoned = new Counter({
    name: 'kommune_handoff_abandoned_total',
    help: 'Waits that ended before an agent accepted: the citizen left, or nobody accepted in time',
    labelNames: ['tenant', 'reason'] as const,
    registers: [this.registry],
  });
  readonly handoffAbandonedWaitSeconds = new Histogram({
    name: 'kommune_handoff_abandoned_wait_seconds',
    help: 'How long citizens waited before they left the queue or it timed out',
    labelNames: ['reason'] as const,
    buckets: [10, 30, 60, 120, 300, 600, 900, 1800],
    registers: [this.registry],
  });
  /** Callback tickets: from the citizen's request to "erledigt" (the 115 promise: the rest within 24 service hours). */
  readonly callbackTurnaroundSeconds = new Histogram({
    name: 'kommune_callback_turnaround_seconds',
    help: 'Time from a callback request to its ticket set to erledigt',
    labelNames: ['tenant'] as const,
    buckets: [900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 259200, 604800],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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
