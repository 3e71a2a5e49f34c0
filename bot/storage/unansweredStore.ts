/**
 * What citizens asked that the assistant could not answer, kept for the knowledge editors
 * (`npm run report:unanswered`). Texts are stored with phone numbers, e-mail addresses and IBANs redacted,
 * cut to a question's length, and deleted after the retention period (DSGVO: only as long as needed).
 */
import { redact } from '../logger';
import type { SqlDatabase } from './database';
import type { Migration } from './migrations';

const MAX_TEXT = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The guess recorded for a question about a known service not answered yet: this prefix and its id. */
export const OTHER_SERVICE_GUESS = 'andere-leistung:';

export interface UnansweredQuestion {
  at: string;
  tenant: string;
  text: string;
  guess: string;
}

export const UNANSWERED_MIGRATIONS: readonly Migration[] = [
  {
    id: 'unanswered-001',
    sqlite: `CREATE TABLE IF NOT EXISTS unanswered (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, tenant TEXT NOT NULL, text TEXT NOT NULL, guess TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at)`,
    postgres: `CREATE TABLE IF NOT EXISTS unanswered (
      id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, tenant TEXT NOT NULL, text TEXT NOT NULL, guess TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at)`,
  },
];

export class UnansweredStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly retentionDays: number,
  ) {}

  /** `guess`: the closest intent and service the understanding saw, to help sort the report. */
  async add(tenant: string, text: string, guess: string, now = new Date()): Promise<void> {
    const clean = redact(text).replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
    if (clean)
      await this.db.run('INSERT INTO unanswered (at, tenant, text, guess) VALUES (?, ?, ?, ?)', [now.toISOString(), tenant, clean, guess]);
  }

  /** Deletes what is older than the retention; returns how many questions were deleted. */
  async expire(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString();
    return this.db.run('DELETE FROM unanswered WHERE at < ?', [cutoff]);
  }

  async since(from: Date): Promise<UnansweredQuestion[]> {
    return this.db.all<UnansweredQuestion>('SELECT at, tenant, text, guess FROM unanswered WHERE at >= ? ORDER BY at', [
      from.toISOString(),
    ]);
  }
}
