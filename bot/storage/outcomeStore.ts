/**
 * First-contact resolution, per conversation: did the citizen get answers without a person and without
 * saying "Das hat mir nicht geholfen"? The 115 promise measures exactly this. A conversation counts once it
 * has been quiet for IDLE_MS (it ended); conversations are kept by a hash of their id, with counts only, and
 * deleted with the unanswered questions after the same retention.
 */
import { createHash } from 'node:crypto';
import type { SqlDatabase } from './database';
import type { Migration } from './migrations';
// What happened in one turn, as far as resolution goes: the dialogs decide it, this store counts it.
import type { TurnOutcome } from '../../dialogs/mainDialog';

/** The window /metrics reports first-contact resolution over. */
export const RESOLUTION_DAYS = 7;

/** A conversation with no message for this long has ended. */
export const IDLE_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const OUTCOME_MIGRATIONS: readonly Migration[] = [
  {
    id: 'outcomes-001',
    sqlite: `CREATE TABLE IF NOT EXISTS conversation_outcomes (
      conversation TEXT PRIMARY KEY, tenant TEXT NOT NULL, first_at BIGINT NOT NULL, last_at BIGINT NOT NULL,
      answered INTEGER NOT NULL DEFAULT 0, unanswered INTEGER NOT NULL DEFAULT 0,
      escalated INTEGER NOT NULL DEFAULT 0, not_helped INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS conversation_outcomes_last ON conversation_outcomes (last_at)`,
    postgres: `CREATE TABLE IF NOT EXISTS conversation_outcomes (
      conversation TEXT PRIMARY KEY, tenant TEXT NOT NULL, first_at BIGINT NOT NULL, last_at BIGINT NOT NULL,
      answered INTEGER NOT NULL DEFAULT 0, unanswered INTEGER NOT NULL DEFAULT 0,
      escalated INTEGER NOT NULL DEFAULT 0, not_helped INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS conversation_outcomes_last ON conversation_outcomes (last_at)`,
  },
];

export interface Resolution {
  tenant: string;
  /** Ended conversations in which the citizen asked something. */
  ended: number;
  /** Of those: answered, no person, no "nicht geholfen". */
  resolved: number;
  escalated: number;
  notHelped: number;
  /** Nothing the assistant could answer, and no person either. */
  unanswered: number;
}

function key(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 32);
}

export class OutcomeStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly retentionDays: number,
  ) {}

  async record(conversationId: string, tenant: string, outcome: TurnOutcome, now = Date.now()): Promise<void> {
    const counts = {
      answered: outcome === 'answered' ? 1 : 0,
      unanswered: outcome === 'unanswered' ? 1 : 0,
      escalated: outcome === 'escalated' ? 1 : 0,
      notHelped: outcome === 'not-helped' ? 1 : 0,
    };
    await this.db.run(
      `INSERT INTO conversation_outcomes (conversation, tenant, first_at, last_at, answered, unanswered, escalated, not_helped)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation) DO UPDATE SET last_at = excluded.last_at,
         answered = conversation_outcomes.answered + excluded.answered,
         unanswered = conversation_outcomes.unanswered + excluded.unanswered,
         escalated = conversation_outcomes.escalated + excluded.escalated,
         not_helped = conversation_outcomes.not_helped + excluded.not_helped`,
      [key(conversationId), tenant, now, now, counts.answered, counts.unanswered, counts.escalated, counts.notHelped],
    );
  }

  /** First-contact resolution per tenant over the conversations that ended in the last `days` days. */
  async resolution(days: number, now = Date.now()): Promise<Resolution[]> {
    const rows = await this.db.all<{
      tenant: string;
      ended: number;
      resolved: number;
      escalated: number;
      not_helped: number;
      unanswered: number;
    }>(
      `SELECT tenant, COUNT(*) AS ended,
         SUM(CASE WHEN answered > 0 AND escalated = 0 AND not_helped = 0 THEN 1 ELSE 0 END) AS resolved,
         SUM(CASE WHEN escalated > 0 THEN 1 ELSE 0 END) AS escalated,
         SUM(CASE WHEN not_helped > 0 THEN 1 ELSE 0 END) AS not_helped,
         SUM(CASE WHEN answered = 0 AND escalated = 0 AND not_helped = 0 THEN 1 ELSE 0 END) AS unanswered
       FROM conversation_outcomes WHERE last_at < ? AND last_at >= ? AND answered + unanswered + escalated + not_helped > 0
       GROUP BY tenant ORDER BY tenant`,
      [now - IDLE_MS, now - days * DAY_MS],
    );
    return rows.map((r) => ({
      tenant: r.tenant,
      ended: Number(r.ended),
      resolved: Number(r.resolved),
      escalated: Number(r.escalated),
      notHelped: Number(r.not_helped),
      unanswered: Number(r.unanswered),
    }));
  }

  async expire(now = Date.now()): Promise<number> {
    return this.db.run('DELETE FROM conversation_outcomes WHERE last_at < ?', [now - this.retentionDays * DAY_MS]);
  }
}
