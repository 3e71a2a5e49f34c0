/**
 * Turns of one conversation run one at a time: a double-click, a client's retry or two quick messages are
 * answered one after the other instead of racing for the conversation's state.
 * - On one instance (SQLite, one process): a queue per conversation in the process (LocalTurnLock).
 * - Across instances (PostgreSQL): that queue first, so that an instance asks the database only once per
 *   conversation at a time, then a session-level advisory lock on a hash of the conversation id, held on one
 *   connection of a small pool of its own for the duration of the turn (PostgresTurnLock). The turn's own
 *   queries use the main pool, so a held lock never takes a connection a turn needs.
 *
 * The wait is bounded: a turn that cannot get the lock in time (the turn before it hangs, the database is
 * unreachable) is logged and counted, and runs anyway. The eTag rules of the state (sqlStorage.ts) stay as the
 * safety net: such a turn, if it does overlap another, is run again on the fresh state.
 */
import pg from 'pg';
import { conversationTag, type Logger } from '../logger';

export interface TurnLock {
  /** Runs `turn` once no other turn of the conversation runs (here, or with PostgreSQL on any instance); the lock is released when it ends, also when it fails. */
  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where a turn gave up waiting: behind a turn of this instance, or for the database's lock. */
export type TurnLockScope = 'instance' | 'database';

export interface TurnLockOptions {
  log: Logger;
  /** The longest a turn waits, in each scope, before it runs without the lock. */
  waitMs?: number;
  /** Told when a turn ran without the lock because it waited too long. */
  onTimeout?: (scope: TurnLockScope) => void;
  /** Told when the database's lock could not be taken or released for another reason than the wait. */
  onError?: () => void;
}

export const DEFAULT_TURN_LOCK_WAIT_MS = 15_000;

/** The first key of the advisory locks of turns (the second: the conversation id's hash); see migrations.ts and events.ts for the others. */
const TURN_LOCK_SPACE = 724_311_903;

/** True when `promise` settled within `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A queue per conversation in this process. */
export class LocalTurnLock implements TurnLock {
  /** The end of the last turn of each conversation that runs or waits here (it never fails). */
  private readonly last = new Map<string, Promise<void>>();
  private readonly waitMs: number;

  constructor(private readonly options: TurnLockOptions) {
    this.waitMs = options.waitMs ?? DEFAULT_TURN_LOCK_WAIT_MS;
  }

  /** Turns running or waiting here (tests). */
  get conversations(): number {
    return this.last.size;
  }

  async run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(conversationId);
    try {
      return await turn();
    } finally {
      release();
    }
  }

  /** Waits for the turns of the conversation that came before; resolves with the release of this one's place. */
  async acquire(conversationId: string): Promise<() => void> {
    const before = this.last.get(conversationId) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    const end = before.then(() => mine);
    this.last.set(conversationId, end);
    const release = (): void => {
      done();
      if (this.last.get(conversationId) === end) this.last.delete(conversationId);
    };
    const started = Date.now();
    if (!(await within(before, this.waitMs))) {
      this.options.log.warn(
        { conversation: conversationTag(conversationId), waitedMs: Date.now() - started },
        'turn lock: the turn before this one on this instance is still running; this turn runs without waiting longer',
      );
      this.options.onTimeout?.('instance');
    }
    return release;
  }

  async close(): Promise<void> {
    /* nothing held */
  }
}

/** The in-process queue, then a PostgreSQL advisory lock across instances. */
export class PostgresTurnLock implements TurnLock {
  private readonly local: LocalTurnLock;
  private readonly pool: pg.Pool;
  private readonly waitMs: number;

  constructor(
    connectionString: string,
    private readonly options: TurnLockOptions & { poolSize?: number },
  ) {
    this.waitMs = options.waitMs ?? DEFAULT_TURN_LOCK_WAIT_MS;
    this.local = new LocalTurnLock(options);
    this.pool = new pg.Pool({
      connectionString,
      // One connection per conversation whose turn runs on this instance right now.
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: this.waitMs,
      // The wait for the lock is bounded by the database itself (error 55P03 when it runs out).
      options: `-c lock_timeout=${Math.ceil(this.waitMs)}`,
    });
    this.pool.on('error', () => undefined);
  }

  async run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    const releaseHere = await this.local.acquire(conversationId);
    try {
      const releaseEverywhere = await this.lockInDatabase(conversationId);
      try {
        return await turn();
      } finally {
        await releaseEverywhere();
      }
    } finally {
      releaseHere();
    }
  }

  /** Takes the conversation's advisory lock; resolves with its release (nothing to release when it could not be taken). */
  private async lockInDatabase(conversationId: string): Promise<() => Promise<void>> {
    const { log } = this.options;
    const conversation = conversationTag(conversationId);
    const started = Date.now();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      this.giveUp(err, conversation, started);
      return async () => undefined;
    }
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [TURN_LOCK_SPACE, conversationId]);
    } catch (err) {
      // A lock timeout leaves the connection as it was; any other error may have broken it.
      client.release(isLockTimeout(err) ? undefined : (err as Error));
      this.giveUp(err, conversation, started);
      return async () => undefined;
    }
    return async () => {
      try {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [TURN_LOCK_SPACE, conversationId]);
        client.release();
      } catch (err) {
        // Ending the session releases its locks: the connection is dropped instead of going back to the pool.
        client.release(err as Error);
        log.warn({ conversation, err: (err as Error).message }, 'turn lock: not released; its connection is closed instead');
        this.options.onError?.();
      }
    };
  }

  private giveUp(err: unknown, conversation: string | undefined, started: number): void {
    const waitedMs = Date.now() - started;
    if (isLockTimeout(err) || /timeout/i.test((err as Error).message)) {
      this.options.log.warn(
        { conversation, waitedMs },
        "turn lock: another instance's turn of this conversation is still running; this turn runs without waiting longer",
      );
      this.options.onTimeout?.('database');
    } else {
      this.options.log.warn({ conversation, waitedMs, err: (err as Error).message }, 'turn lock: not taken; this turn runs without it');
      this.options.onError?.();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function isLockTimeout(err: unknown): boolean {
  return (err as { code?: string }).code === '55P03';
}
