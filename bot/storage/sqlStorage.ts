/**
 * botbuilder's Storage (conversation and user state) on the SQL database, with the same eTag rules as
 * MemoryStorage: a write whose eTag is neither "*" nor the stored one is refused (ETagConflictError), so two
 * turns of one conversation, on one instance or on two, never overwrite each other silently. Each check and
 * write is one conditional statement, atomic in both backends.
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

/** Unique across instances and restarts, and cheap. */
function newETag(): string {
  return `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
}

export class SqlStorage implements Storage {
  constructor(private readonly db: SqlDatabase, private readonly clock: () => number = Date.now) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = await this.db.get<{ value: string; etag: string }>('SELECT value, etag FROM state WHERE key = ?', [key]);
      if (row) items[key] = { ...JSON.parse(row.value), eTag: row.etag };
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
    const { eTag, ...rest } = item;
    const value = JSON.stringify(rest);
    const now = this.clock();
    if (eTag === undefined || eTag === '*') {
      await db.run(`INSERT INTO state (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`, [key, value, newETag(), now]);
      return;
    }
    // Only over the version this turn read; or a first write of a key that nobody else has written meanwhile.
    if (await db.run('UPDATE state SET value = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?', [value, newETag(), now, key, String(eTag)]) === 1) return;
    if (await db.run('INSERT INTO state (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING', [key, value, newETag(), now]) === 1) return;
    throw new ETagConflictError(key);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.db.run('DELETE FROM state WHERE key = ?', [key]);
  }

  /** Deletes state not written since `before` (retention); returns how many items. */
  async purgeBefore(before: number): Promise<number> {
    return this.db.run('DELETE FROM state WHERE updated_at < ?', [before]);
  }
}
