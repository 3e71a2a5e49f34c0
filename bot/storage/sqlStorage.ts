/**
 * botbuilder's Storage (conversation and user state) on the SQL database, with the same eTag rules as
 * MemoryStorage: a write whose eTag is neither "*" nor the stored one is refused (ETagConflictError), so two
 * turns of one conversation, on one instance or on two, never overwrite each other silently. Each check and
 * write is one conditional statement, atomic in both backends.
 *
 * botbuilder's BotState writes every change with eTag "*" (last writer wins). So this storage remembers the
 * version at which it handed out each state object, and a write of that same object goes only over that
 * version: the second of two concurrent turns gets ETagConflictError and runs again (bot/assistantBot.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { SqlDatabase, SqlExecutor } from './database';
import type { Migration } from './migrations';

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`eTag conflict: "${key}" was changed by another turn`);
  }
}

export const STATE_MIGRATIONS: readonly Migration[] = [
  { id: 'state-001', sql: 'CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL)' },
  // When a conversation was last written: state older than the retention is deleted with the transcripts.
  // (Rows from before count as written now, so that no running conversation expires at the upgrade.)
  {
    id: 'state-002',
    sqlite: `ALTER TABLE state ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
      UPDATE state SET updated_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000`,
    postgres: `ALTER TABLE state ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
      UPDATE state SET updated_at = (extract(epoch FROM now()) * 1000)::bigint`,
  },
];

/** This process's eTag prefix: random, so that two instances (or a restart) never issue the same eTag. */
const ETAG_PREFIX = randomBytes(9).toString('base64url');
let etagCounter = 0;

/** Unique across instances and restarts, and cheap (no random bytes per write). */
function newETag(): string {
  return `${ETAG_PREFIX}-${(++etagCounter).toString(36)}`;
}

export class SqlStorage implements Storage {
  /** The version each object handed out by read() (and written since) stands for. */
  private readonly versions = new WeakMap<object, string>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: () => number = Date.now,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = await this.db.get<{ value: string; etag: string }>('SELECT value, etag FROM state WHERE key = ?', [key]);
      if (!row) continue;
      const item = { ...JSON.parse(row.value), eTag: row.etag };
      this.versions.set(item, row.etag);
      items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes ?? {}) as [string, Record<string, unknown>][];
    if (entries.length === 1) return this.writeOne(this.db, ...entries[0]);
    await this.db.transaction(async (tx) => {
      for (const [key, item] of entries) await this.writeOne(tx, key, item);
    });
  }

  private async writeOne(db: SqlExecutor, key: string, item: Record<string, unknown>): Promise<void> {
    const { eTag: given, ...rest } = item;
    const eTag = given === undefined || given === '*' ? (this.versions.get(item) ?? given) : given;
    const value = JSON.stringify(rest);
    const now = this.clock();
    const next = newETag();
    if (eTag === undefined || eTag === '*') {
      await db.run(
        `INSERT INTO state (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
        [key, value, next, now],
      );
    } else if (
      (await db.run('UPDATE state SET value = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?', [
        value,
        next,
        now,
        key,
        String(eTag),
      ])) !== 1 &&
      // Only over the version this turn read; or a first write of a key that nobody else has written meanwhile.
      (await db.run('INSERT INTO state (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING', [
        key,
        value,
        next,
        now,
      ])) !== 1
    ) {
      throw new ETagConflictError(key);
    }
    this.versions.set(item, next);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.db.run('DELETE FROM state WHERE key = ?', [key]);
  }

  /** Deletes state not written since `before` (retention); returns how many items. */
  async purgeBefore(before: number): Promise<number> {
    return this.db.run('DELETE FROM state WHERE updated_at < ?', [before]);
  }
}
