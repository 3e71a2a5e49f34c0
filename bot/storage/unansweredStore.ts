/**
 * What citizens asked that the assistant could not answer, kept for the knowledge editors
 * (`npm run report:unanswered`). Texts are stored with phone numbers, e-mail addresses and IBANs redacted,
 * cut to a question's length, and deleted after the retention period (DSGVO: only as long as needed).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from '../logger';

const MAX_TEXT = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface UnansweredQuestion { at: string; tenant: string; text: string; guess: string }

export class UnansweredStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, string, string]>;

  constructor(file: string, private readonly retentionDays: number) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS unanswered (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, tenant TEXT NOT NULL, text TEXT NOT NULL, guess TEXT NOT NULL)`);
    this.db.exec('CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at)');
    this.insert = this.db.prepare('INSERT INTO unanswered (at, tenant, text, guess) VALUES (?, ?, ?, ?)');
  }

  /** `guess`: the closest intent and service the understanding saw, to help sort the report. */
  add(tenant: string, text: string, guess: string, now = new Date()): void {
    const clean = redact(text).replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
    if (clean) this.insert.run(now.toISOString(), tenant, clean, guess);
  }

  /** Deletes what is older than the retention; returns how many questions were deleted. */
  expire(now = new Date()): number {
    const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString();
    return this.db.prepare('DELETE FROM unanswered WHERE at < ?').run(cutoff).changes;
  }

  since(from: Date): UnansweredQuestion[] {
    return this.db.prepare('SELECT at, tenant, text, guess FROM unanswered WHERE at >= ? ORDER BY at')
      .all(from.toISOString()) as UnansweredQuestion[];
  }

  close(): void {
    this.db.close();
  }
}
