/**
 * Versioned schema migrations, applied at start-up. Each store brings its own list; ids are unique across
 * stores (`handoff-001`, …) and recorded in `schema_migrations`, so every migration runs once per database.
 * Two instances starting at once are safe: PostgreSQL serialises them with an advisory lock, SQLite with
 * its write lock (BEGIN IMMEDIATE). A failing migration rolls back whole and stops the start.
 */
import type { SqlDatabase } from './database';

export interface Migration {
  id: string;
  /** The statements for each dialect; `sql` when both are the same. */
  sqlite?: string;
  postgres?: string;
  sql?: string;
}

/**
 * What a feature brings to the storage: the database its tables live in (with SQLite a file of that name in
 * DATA_DIR; with PostgreSQL every schema shares the one database) and its migrations, in order.
 */
export interface Schema {
  database: string;
  migrations: readonly Migration[];
}

/** Any fixed number: the lock is taken only by this application's migrations. */
const MIGRATION_LOCK = 724_311_901;

/** Applies what is missing of `migrations`, in order; resolves to the ids applied now. */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.script('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const done = new Set((await tx.all<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      const sql = (db.dialect === 'postgres' ? m.postgres : m.sqlite) ?? m.sql;
      if (sql === undefined) throw new Error(`migration ${m.id} has no statements for ${db.dialect}`);
      await tx.script(sql);
      await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [m.id, Date.now()]);
      applied.push(m.id);
    }
    return applied;
  });
}
