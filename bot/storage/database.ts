/**
 * One small SQL interface over the two storage backends: an embedded SQLite file (better-sqlite3; the
 * default, for a single machine) and PostgreSQL (`pg`; DATABASE_URL set, for several instances on one
 * database). The stores write their SQL once, with `?` placeholders, in the subset both dialects share
 * (INSERT … ON CONFLICT, RETURNING, COALESCE); where the schemas differ, a migration carries both texts.
 */
import Database from 'better-sqlite3';
import { mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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

const CHECKPOINT_MS = 1000;

/** The statements of one event-loop tick that share a transaction, and who waits for its commit. */
interface Batch {
  waiters: { resolve: () => void; reject: (err: unknown) => void }[];
}

/**
 * better-sqlite3 is synchronous, so a statement is done when its call returns.
 *
 * Group commit: a write opens a transaction that every statement of the same event-loop tick joins, and that
 * commits once the tick's work is done (setImmediate); each statement's promise settles with the commit. A
 * commit costs about as much as the row it writes, and a busy server writes several transcript lines and
 * states per tick (the benchmark's turns went from 0.38× to 0.70× the echo bot's with it). Nothing is answered
 * before its write is committed, and a failed commit fails every statement that was in it.
 *
 * A transaction of `transaction()` that awaits in between holds a lock, so that no other caller's statement
 * lands inside it; it commits an open group first.
 */
class SqliteConnection {
  /** Open handles (SqliteDatabase) on this connection. */
  handles = 0;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Settles when the running transaction of `transaction()` ends; undefined when none runs. */
  private busy: Promise<void> | undefined;
  /** The open group commit, if a write of this tick opened one. */
  private batch: Batch | undefined;

  constructor(file: string, checkpointMs = CHECKPOINT_MS) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL: in WAL mode every committed write survives a killed process (kill -9); only a power cut can lose
    // the last moments. Transcript lines are written two or three times a turn, and a sync to disk each time
    // would cost more than the whole turn; durable transactions (callback tickets) sync (FULL).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 2000');
    // SQLite's automatic checkpoint runs inside a commit every 1,000 pages and syncs the files each time: more
    // than half of what a transcript line costs. A passive checkpoint every second off the turn's path does the
    // same work less often (the WAL then holds a second of writes: about 25 MB at 2,500 turns/s, measured; a
    // killed process loses none). After a burst, the WAL file is cut back to 64 MB when it starts over.
    if (file !== ':memory:') {
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
      this.checkpointTimer = setInterval(() => this.checkpoint(), checkpointMs);
      this.checkpointTimer.unref();
    }
  }

  private readonly checkpointTimer: NodeJS.Timeout | undefined;
  /** A checkpoint is due but a transaction was open: it runs right after that commits. */
  private checkpointDue = false;
  /** Checkpoints run so far (observed by tests). */
  checkpoints = 0;

  /**
   * Moves the WAL's pages into the database file. While a transaction or a group is open (under load, one
   * nearly always is: the writes a commit answers open the next group) it is not skipped but runs right after
   * that commit; skipped, the WAL would grow without end.
   */
  checkpoint(): void {
    if (this.busy || this.batch) {
      this.checkpointDue = true;
      return;
    }
    this.checkpointDue = false;
    if (!this.db.open) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      this.checkpoints++;
    } catch {
      /* busy: the next period tries again */
    }
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

  /** Statements as they run inside a transaction: at once, no group commit. */
  private readonly direct: SqlExecutor = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => this.statement(sql).all(...sqliteParams(params)) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => this.statement(sql).get(...sqliteParams(params)) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => runStatement(this.statement(sql), params),
    script: async (sql: string) => {
      this.db.exec(sql);
    },
  };

  /**
   * Runs one statement outside of `transaction()`. A read with no group open runs on its own; a write opens
   * the tick's group or joins it, and so does a read while a group is open (it may see the group's rows, so
   * it must not be answered before they are committed).
   */
  private async grouped<T>(sql: string, execute: (statement: Database.Statement) => T): Promise<T> {
    // No await between this check and the statement: a transaction waiting, too, could start in between.
    while (this.busy) await this.busy;
    const statement = this.statement(sql);
    if (statement.readonly && !this.batch) return execute(statement);
    const batch = this.openBatch();
    let result: T;
    try {
      result = execute(statement);
    } catch (err) {
      // Most errors undo just the statement; some (a full disk, an I/O error) roll back the whole transaction,
      // and with it the other statements of this tick.
      if (!this.db.inTransaction) this.settleBatch(batch, err);
      throw err;
    }
    await new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    return result;
  }

  private openBatch(): Batch {
    if (this.batch) return this.batch;
    // IMMEDIATE: the write lock is taken now (waiting up to busy_timeout for another process, such as the
    // command-line tools), not half-way through the group.
    this.db.exec('BEGIN IMMEDIATE');
    const batch: Batch = { waiters: [] };
    this.batch = batch;
    setImmediate(() => this.commitBatch(batch));
    return batch;
  }

  /** Commits the group (if still open) and settles its statements. */
  private commitBatch(batch: Batch): void {
    if (this.batch !== batch) return;
    try {
      this.db.exec('COMMIT');
      this.settleBatch(batch);
      if (this.checkpointDue) this.checkpoint();
    } catch (err) {
      // Runs in setImmediate: nothing may be thrown from here (it would end the process).
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch {
        /* the connection is broken: its statements fail with the commit's error below */
      }
      this.settleBatch(batch, err);
    }
  }

  private settleBatch(batch: Batch, err?: unknown): void {
    if (this.batch === batch) this.batch = undefined;
    for (const w of batch.waiters) {
      if (err === undefined) w.resolve();
      else w.reject(err);
    }
    batch.waiters = [];
  }

  /** Commits the open group now (before a transaction of its own, a script, closing). */
  private flush(): void {
    if (this.batch) this.commitBatch(this.batch);
  }

  async all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.grouped(sql, (s) => s.all(...sqliteParams(params)) as T[]);
  }

  async get<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.grouped(sql, (s) => s.get(...sqliteParams(params)) as T | undefined);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.grouped(sql, (s) => runStatement(s, params));
  }

  async script(sql: string): Promise<void> {
    while (this.busy) await this.busy;
    this.flush();
    this.db.exec(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    // Taken in the same step as the last check: two transactions waiting for one never both start.
    while (this.busy) await this.busy;
    this.flush();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.busy = mine;
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
      if (this.busy === mine) this.busy = undefined;
      release();
      if (this.checkpointDue) this.checkpoint();
    }
  }

  async ping(): Promise<void> {
    this.statement('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    while (this.busy) await this.busy;
    this.flush();
    // Closing checkpoints the WAL into the database file.
    if (this.db.open) this.db.close();
  }
}

/** The connections of this process, by file. */
const connections = new Map<string, SqliteConnection>();

/** One key per file, however it is named (relative, through a link): its folder's real path and its name. */
function fileKey(file: string): string {
  const dir = dirname(resolve(file));
  mkdirSync(dir, { recursive: true });
  return join(realpathSync(dir), basename(file));
}

/**
 * A SQLite file. Handles on one file in one process share one connection (and its group commit): a second
 * connection would wait for the first one's write lock on the same thread, which only that thread can release.
 * Other processes (the command-line tools) have their own and wait at most a tick for the lock.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly connection: SqliteConnection;
  private readonly key: string | undefined;
  private closed = false;

  constructor(file: string, options: { checkpointMs?: number } = {}) {
    this.key = file === ':memory:' ? undefined : fileKey(file);
    let connection = this.key === undefined ? undefined : connections.get(this.key);
    if (!connection) {
      connection = new SqliteConnection(file, options.checkpointMs);
      if (this.key !== undefined) connections.set(this.key, connection);
    }
    connection.handles++;
    this.connection = connection;
  }

  /** The connection, while this handle is open. */
  private get open(): SqliteConnection {
    if (this.closed) throw new Error('this SQLite database handle is closed');
    return this.connection;
  }

  async all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.open.all<T>(sql, params);
  }
  async get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.open.get<T>(sql, params);
  }
  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.open.run(sql, params);
  }
  async script(sql: string): Promise<void> {
    return this.open.script(sql);
  }
  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.open.transaction(work, options);
  }
  async ping(): Promise<void> {
    return this.open.ping();
  }

  /** Moves the WAL's pages into the database file (see the checkpoint timer). */
  checkpoint(): void {
    this.open.checkpoint();
  }

  /** Checkpoints run on this file's connection so far. */
  get checkpoints(): number {
    return this.connection.checkpoints;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (--this.connection.handles > 0) return;
    if (this.key !== undefined) connections.delete(this.key);
    await this.connection.close();
  }
}

/** Runs a statement; a statement that returns rows (… RETURNING) runs through all() and changed as many rows as it returned. */
function runStatement(statement: Database.Statement, params: readonly SqlValue[]): number {
  return statement.reader ? statement.all(...sqliteParams(params)).length : statement.run(...sqliteParams(params)).changes;
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
    script: async (sql: string) => {
      await query(sql);
    },
  };
}

export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly executor: SqlExecutor;

  constructor(
    readonly connectionString: string,
    options: { max?: number } = {},
  ) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
    // An idle client that loses its connection (database restart) must not crash the process: the pool
    // replaces it, and the next query reports the problem to its caller.
    this.pool.on('error', () => undefined);
    this.executor = postgresExecutor((t, v) => this.pool.query(t, v));
  }

  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.executor.all<T>(sql, params);
  }
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.executor.get<T>(sql, params);
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.executor.run(sql, params);
  }
  script(sql: string): Promise<void> {
    return this.executor.script(sql);
  }

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
