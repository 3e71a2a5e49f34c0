/**
 * Prometheus metrics (`GET /metrics`): turns, intents, out-of-scope rate, errors and turn latency, plus
 * Node's process metrics. Labels are bounded (intent ids, tenant ids), never free text.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UnderstoodTurn } from '../dialogs/mainDialog';

export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({ name: 'kommune_turns_total', help: 'Message turns answered', labelNames: ['tenant'] as const, registers: [this.registry] });
  readonly intents = new Counter({ name: 'kommune_intents_total', help: 'Understood intents', labelNames: ['intent'] as const, registers: [this.registry] });
  readonly unanswered = new Counter({
    name: 'kommune_unanswered_total', help: 'Turns the assistant could not answer (out of scope or not understood)',
    labelNames: ['tenant', 'reason'] as const, registers: [this.registry],
  });
  readonly errors = new Counter({ name: 'kommune_errors_total', help: 'Failed turns and rejected requests', labelNames: ['kind'] as const, registers: [this.registry] });
  readonly turnSeconds = new Histogram({
    name: 'kommune_turn_duration_seconds', help: 'Time to answer a request on /api/messages',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeTurn(turn: UnderstoodTurn): void {
    this.turns.inc({ tenant: turn.tenant });
    this.intents.inc({ intent: turn.understood.intent });
    if (turn.decision === 'not-understood') this.unanswered.inc({ tenant: turn.tenant, reason: turn.understood.unsure ? 'unsure' : 'out-of-scope' });
  }
}
