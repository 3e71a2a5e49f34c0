/**
 * The storage backend chosen by the configuration: embedded SQLite files in DATA_DIR (one machine), or one
 * PostgreSQL database (DATABASE_URL; several instances). Opens the databases, applies the migrations the
 * features hand in and sets up the events between instances; the features build their stores on what it
 * returns. Storage knows no feature: each brings its schema (a database name and its migrations).
 */
import { join } from 'node:path';
import type { Logger } from '../logger';
import { PostgresDatabase, SqliteDatabase, type Dialect, type SqlDatabase } from './database';
import { LocalEvents, PostgresEvents, type EventBus } from './events';
import { migrate, type Schema } from './migrations';
import { LocalTurnLock, PostgresTurnLock, type TurnLock, type TurnLockOptions } from './turnLock';

export interface StorageBackend {
  readonly dialect: Dialect;
  /**
   * The database a schema names: with SQLite its own file (`<name>.sqlite` in DATA_DIR), with PostgreSQL the one
   * database. Throws for a name no schema was opened with.
   */
  database(name: string): SqlDatabase;
  readonly events: EventBus;
  /**
   * The lock that runs turns of one conversation one at a time: across instances with PostgreSQL, in this
   * process with SQLite. Built once; closed with the backend.
   */
  turnLock(options: TurnLockOptions): TurnLock;
  /** Resolves when every database answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** PostgreSQL connection string; empty: the embedded SQLite files. */
  databaseUrl?: string;
  /** Where the SQLite files live (DATA_DIR). */
  dataDir: string;
  /** Connections per instance to PostgreSQL. */
  poolSize?: number;
}

/** The database a schema name stands for, or an error naming the names that were opened. */
function named(databases: ReadonlyMap<string, SqlDatabase>, name: string): SqlDatabase {
  const db = databases.get(name);
  if (!db) throw new Error(`no database "${name}" was opened (opened: ${[...databases.keys()].join(', ')})`);
  return db;
}

/**
 * The backend over the opened databases (with PostgreSQL one database under every name): the turn lock is built
 * on first use; closing stops the events, then the lock, then each database once.
 */
function backendOver(
  dialect: Dialect,
  databases: ReadonlyMap<string, SqlDatabase>,
  events: EventBus,
  newTurnLock: (options: TurnLockOptions) => TurnLock,
): StorageBackend {
  const distinct = [...new Set(databases.values())];
  let turnLock: TurnLock | undefined;
  return {
    dialect,
    database: (name) => named(databases, name),
    events,
    turnLock(options) {
      turnLock ??= newTurnLock(options);
      return turnLock;
    },
    async ping() {
      await Promise.all(distinct.map((db) => db.ping()));
    },
    async close() {
      await events.close();
      await turnLock?.close();
      await Promise.all(distinct.map((db) => db.close()));
    },
  };
}

/** Opens the storage and applies `schemas`' migrations (in the order given: on PostgreSQL into one database). */
export async function openStorage(options: StorageOptions, log: Logger, schemas: readonly Schema[]): Promise<StorageBackend> {
  const names = [...new Set(schemas.map((s) => s.database))];
  const backend = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options, log, schemas, names)
    : await openSqlite(options, log, schemas, names);
  log.info({ storage: backend.dialect, instance: backend.events.instanceId }, 'storage ready');
  return backend;
}

async function openPostgres(
  databaseUrl: string,
  options: StorageOptions,
  log: Logger,
  schemas: readonly Schema[],
  names: readonly string[],
): Promise<StorageBackend> {
  const db = new PostgresDatabase(databaseUrl, { max: options.poolSize });
  try {
    const applied = await migrate(
      db,
      schemas.flatMap((s) => s.migrations),
    );
    if (applied.length > 0) log.info({ applied }, 'database migrations applied');
    const databases = new Map(names.map((name) => [name, db as SqlDatabase]));
    const events = new PostgresEvents(databaseUrl, db.pool, log);
    await events.start();
    return backendOver(
      'postgres',
      databases,
      events,
      (lockOptions) => new PostgresTurnLock(databaseUrl, { ...lockOptions, poolSize: options.poolSize }),
    );
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

async function openSqlite(
  options: StorageOptions,
  log: Logger,
  schemas: readonly Schema[],
  names: readonly string[],
): Promise<StorageBackend> {
  // One file per database name (state, handoff, directline), as before migrations existed: a deployment's
  // existing data is taken over as it is.
  const databases = new Map<string, SqlDatabase>(names.map((name) => [name, new SqliteDatabase(join(options.dataDir, `${name}.sqlite`))]));
  const applied: string[] = [];
  for (const name of names) {
    const migrations = schemas.filter((s) => s.database === name).flatMap((s) => s.migrations);
    applied.push(...(await migrate(named(databases, name), migrations)));
  }
  if (applied.length > 0) log.info({ applied }, 'database migrations applied');
  return backendOver('sqlite', databases, new LocalEvents(), (lockOptions) => new LocalTurnLock(lockOptions));
}
