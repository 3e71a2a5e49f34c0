/**
 * botbuilder's Storage on an embedded SQLite file (better-sqlite3), with the same eTag rules as
 * MemoryStorage: a write whose eTag is neither "*" nor the stored one is refused, so two turns of one
 * conversation never overwrite each other silently. Writes are synchronous and durable once they return,
 * so a crash or restart loses nothing that was saved.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`eTag conflict: "${key}" was changed by another turn`);
  }
}

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string], { value: string; etag: string }>;
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly remove: Database.Statement<[string]>;
  private etagCounter: number;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL)');
    this.selectOne = this.db.prepare('SELECT value, etag FROM state WHERE key = ?');
    this.upsert = this.db.prepare('INSERT INTO state (key, value, etag) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, etag = excluded.etag');
    this.remove = this.db.prepare('DELETE FROM state WHERE key = ?');
    // eTags only need to differ from every earlier one of the same key: time plus a counter.
    this.etagCounter = Date.now();
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...JSON.parse(row.value), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const apply = this.db.transaction((entries: [string, Record<string, unknown>][]) => {
      for (const [key, item] of entries) {
        const current = this.selectOne.get(key);
        const eTag = item.eTag;
        if (current && eTag !== undefined && eTag !== '*' && eTag !== current.etag) throw new ETagConflictError(key);
        const { eTag: _ignored, ...value } = item;
        this.upsert.run(key, JSON.stringify(value), String(++this.etagCounter));
      }
    });
    apply(Object.entries(changes ?? {}) as [string, Record<string, unknown>][]);
  }

  async delete(keys: string[]): Promise<void> {
    const run = this.db.transaction((ks: string[]) => { for (const k of ks) this.remove.run(k); });
    run(keys);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
