/**
 * The storage backend chosen by the configuration: the embedded SQLite files in DATA_DIR (one machine), or
 * one PostgreSQL database (DATABASE_URL; several instances). Opens the databases, applies the migrations
 * and sets up the events between instances; the stores are built on what it returns.
 */
import { join } from 'node:path';
import type { Logger } from '../logger';
import { PostgresDatabase, SqliteDatabase, type Dialect, type SqlDatabase } from './database';
import { LocalEvents, PostgresEvents, type EventBus } from './events';
import { migrate, type Migration } from './migrations';
import { STATE_MIGRATIONS } from './sqlStorage';
import { UNANSWERED_MIGRATIONS } from './unansweredStore';
import { OUTCOME_MIGRATIONS } from './outcomeStore';
import { LocalTurnLock, PostgresTurnLock, type TurnLock, type TurnLockOptions } from './turnLock';
import { HANDOFF_MIGRATIONS } from '../handoff/handoffStore';
import { DIRECTLINE_MIGRATIONS } from '../directline/store';

export interface StorageBackend {
  readonly dialect: Dialect;
  /** Conversation and user state, and unanswered questions. */
  readonly state: SqlDatabase;
  /** Agents, queue, relay sessions, transcripts, callback tickets. */
  readonly handoff: SqlDatabase;
  /** Direct Line conversations and activities. */
  readonly directline: SqlDatabase;
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

/** Every store's migrations, for one database holding them all (PostgreSQL). */
export const ALL_MIGRATIONS: readonly Migration[] = [
  ...STATE_MIGRATIONS,
  ...UNANSWERED_MIGRATIONS,
  ...OUTCOME_MIGRATIONS,
  ...HANDOFF_MIGRATIONS,
  ...DIRECTLINE_MIGRATIONS,
];

export async function openStorage(options: StorageOptions, log: Logger): Promise<StorageBackend> {
  if (options.databaseUrl) {
    const db = new PostgresDatabase(options.databaseUrl, { max: options.poolSize });
    try {
      const applied = await migrate(db, ALL_MIGRATIONS);
      if (applied.length > 0) log.info({ applied }, 'database migrations applied');
      const events = new PostgresEvents(options.databaseUrl, db.pool, log);
      await events.start();
      let turnLock: TurnLock | undefined;
      return {
        dialect: 'postgres',
        state: db,
        handoff: db,
        directline: db,
        events,
        turnLock(lockOptions) {
          turnLock ??= new PostgresTurnLock(options.databaseUrl as string, { ...lockOptions, poolSize: options.poolSize });
          return turnLock;
        },
        ping: () => db.ping(),
        async close() {
          await events.close();
          await turnLock?.close();
          await db.close();
        },
      };
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
  }
  // Three files, as before migrations existed: a deployment's existing data is taken over as it is.
  const state = new SqliteDatabase(join(options.dataDir, 'state.sqlite'));
  const handoff = new SqliteDatabase(join(options.dataDir, 'handoff.sqlite'));
  const directline = new SqliteDatabase(join(options.dataDir, 'directline.sqlite'));
  const applied = [
    ...(await migrate(state, [...STATE_MIGRATIONS, ...UNANSWERED_MIGRATIONS, ...OUTCOME_MIGRATIONS])),
    ...(await migrate(handoff, HANDOFF_MIGRATIONS)),
    ...(await migrate(directline, DIRECTLINE_MIGRATIONS)),
  ];
  if (applied.length > 0) log.info({ applied }, 'database migrations applied');
  const events = new LocalEvents();
  let turnLock: TurnLock | undefined;
  return {
    dialect: 'sqlite',
    state,
    handoff,
    directline,
    events,
    turnLock(lockOptions) {
      turnLock ??= new LocalTurnLock(lockOptions);
      return turnLock;
    },
    async ping() {
      await Promise.all([state.ping(), handoff.ping(), directline.ping()]);
    },
    async close() {
      await events.close();
      await Promise.all([state.close(), handoff.close(), directline.close()]);
    },
  };
}
