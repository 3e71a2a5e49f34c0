/**
 * One small SQL interface over the two storage backends: an embedded SQLite file (better-sqlite3; the
 * default, for a single machine) and PostgreSQL (`pg`; DATABASE_URL set, for several instances on one
 * database). The stores write their SQL once, with `?` placeholders, in the subset both dialects share
 * (INSERT … ON CONFLICT, RETURNING, COALESCE); where the schemas differ, a migration carries both texts.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

export type SqlValue = string | number | boolean | null;
export type Row = Record<string, unknown>;
export type Dialect = 'sqlite' | 'postgres';

export interface SqlExecutor {
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs several statements without parameters (schema migrations). */
  script(sql: string): Promise<void>;
}

export interface TransactionOptions {
  /** SQLite: sync this commit to disk (callback tickets a citizen was promised). PostgreSQL commits durably anyway. */
  durable?: boolean;
}

export interface SqlDatabase extends SqlExecutor {
  readonly dialect: Dialect;
  /** Runs `work` in one transaction: all of it or nothing. Statements of others wait until it ends. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ---- SQLite ----------------------------------------------------------------------------------------

function sqliteParams(params: readonly SqlValue[]): (string | number | null)[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

const CHECKPOINT_MS = 5000;

/**
 * better-sqlite3 is synchronous, so a statement is done when its call returns. A transaction that awaits in
 * between holds a lock, so that no other caller's statement lands inside it.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Settles when the running transaction ends; undefined when none runs. */
  private busy: Promise<void> | undefined;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL: in WAL mode every committed write survives a killed process (kill -9); only a power cut can lose
    // the last moments. Transcript lines are written two or three times a turn, and a sync to disk each time
    // would cost more than the whole turn; durable transactions (callback tickets) sync (FULL).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 2000');
    // SQLite's automatic checkpoint runs inside a commit every 1,000 pages and syncs the files each time: more
    // than half of what a transcript line costs. A passive checkpoint every few seconds off the turn's path
    // does the same work less often (the WAL then holds a few seconds of writes; a killed process loses none).
    if (file !== ':memory:') {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointTimer = setInterval(() => this.checkpoint(), CHECKPOINT_MS);
      this.checkpointTimer.unref();
    }
  }

  private readonly checkpointTimer: NodeJS.Timeout | undefined;

  /** Moves the WAL's pages into the database file; skipped while a transaction runs. */
  checkpoint(): void {
    if (this.busy || !this.db.open) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch { /* busy: the next period tries again */ }
  }

  /** A prepared statement, prepared once: preparing costs more than running most of these queries. */
  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private readonly direct: SqlExecutor = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => this.statement(sql).all(...sqliteParams(params)) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => this.statement(sql).get(...sqliteParams(params)) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      const s = this.statement(sql);
      // A statement that returns rows (… RETURNING) is run through all(); it changed as many rows as it returned.
      return s.reader ? s.all(...sqliteParams(params)).length : s.run(...sqliteParams(params)).changes;
    },
    script: async (sql: string) => { this.db.exec(sql); },
  };

  private async idle(): Promise<void> {
    while (this.busy) await this.busy;
  }

  async all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    if (this.busy) await this.idle();
    return this.direct.all<T>(sql, params);
  }

  async get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    if (this.busy) await this.idle();
    return this.direct.get<T>(sql, params);
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    if (this.busy) await this.idle();
    return this.direct.run(sql, params);
  }

  async script(sql: string): Promise<void> {
    if (this.busy) await this.idle();
    return this.direct.script(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    await this.idle();
    let release!: () => void;
    this.busy = new Promise<void>((resolve) => { release = resolve; });
    if (options.durable) this.db.pragma('synchronous = FULL');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      if (options.durable) this.db.pragma('synchronous = NORMAL');
      this.busy = undefined;
      release();
    }
  }

  async ping(): Promise<void> {
    this.direct.get('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    await this.idle();
    // Closing checkpoints the WAL into the database file.
    if (this.db.open) this.db.close();
  }
}

// ---- PostgreSQL ------------------------------------------------------------------------------------

// BIGINT (timestamps in milliseconds, COUNT(*)) as numbers: every value these stores keep is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** `?` placeholders to PostgreSQL's `$1, $2, …` (outside of quoted literals). */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let quoted = false;
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

function postgresExecutor(query: (text: string, values?: SqlValue[]) => Promise<pg.QueryResult>): SqlExecutor {
  const cache = new Map<string, string>();
  const text = (sql: string): string => {
    let t = cache.get(sql);
    if (t === undefined) {
      t = toPostgresPlaceholders(sql);
      cache.set(sql, t);
    }
    return t;
  };
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query(text(sql), [...params])).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query(text(sql), [...params])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => (await query(text(sql), [...params])).rowCount ?? 0,
    // Without values, pg uses the simple query protocol, which takes several statements at once.
    script: async (sql: string) => { await query(sql); },
  };
}

export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly executor: SqlExecutor;

  constructor(readonly connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
    // An idle client that loses its connection (database restart) must not crash the process: the pool
    // replaces it, and the next query reports the problem to its caller.
    this.pool.on('error', () => undefined);
    this.executor = postgresExecutor((t, v) => this.pool.query(t, v));
  }

  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> { return this.executor.all<T>(sql, params); }
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> { return this.executor.get<T>(sql, params); }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> { return this.executor.run(sql, params); }
  script(sql: string): Promise<void> { return this.executor.script(sql); }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const result = await work(postgresExecutor((t, v) => client.query(t, v)));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
