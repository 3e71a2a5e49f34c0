/**
 * Events between the instances that share one database, and which instance runs the jobs that must run
 * once (queue timeouts, retries, retention).
 *
 * - LocalEvents: one process (the embedded SQLite default): events are delivered in-process; it always leads.
 * - PostgresEvents: LISTEN/NOTIFY on the same PostgreSQL, no extra broker. Every instance, the sender
 *   included, hears every event. Events carry ids, never texts: receivers read what they need from the
 *   database (NOTIFY payloads are limited to 8000 bytes, and a transcript must not travel twice). The leader
 *   holds a session-level advisory lock on its listening connection; when that process dies, its connection
 *   closes, the lock is free, and another instance takes it over on its next attempt.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger';

export type EventPayload = Record<string, string | number | boolean | null>;
export type EventHandler = (payload: EventPayload) => void;

export interface EventBus {
  /** This instance's id (in logs and in the leader's record). */
  readonly instanceId: string;
  publish(topic: string, payload: EventPayload): Promise<void>;
  subscribe(topic: string, handler: EventHandler): void;
  /** True while this instance runs the jobs that must run once. */
  isLeader(): boolean;
  /** Tries to become the leader if no one is (called periodically). */
  campaign(): Promise<void>;
  close(): Promise<void>;
}

export class LocalEvents implements EventBus {
  readonly instanceId = randomUUID();
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(topic: string, payload: EventPayload): Promise<void> {
    // Asynchronously, as with PostgreSQL: a receiver never runs inside the sender's call.
    setImmediate(() => this.emitter.emit(topic, payload));
  }

  subscribe(topic: string, handler: EventHandler): void {
    this.emitter.on(topic, handler);
  }

  isLeader(): boolean {
    return true;
  }
  async campaign(): Promise<void> {
    /* the only instance leads */
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = 'kommune_assistant_events';
const LEADER_LOCK = 724_311_902;
const MAX_PAYLOAD_BYTES = 7900;

export class PostgresEvents implements EventBus {
  readonly instanceId = randomUUID();
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private leader = false;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly publisher: pg.Pool,
    private readonly log: Logger,
  ) {}

  /** Connects the listening session; resolves once LISTEN is in place. */
  async start(): Promise<void> {
    await this.connect();
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      // Named, so that an operator sees in pg_stat_activity which session listens (and holds the leader lock).
      const client = new pg.Client({
        connectionString: this.connectionString,
        connectionTimeoutMillis: 5000,
        application_name: 'kommune-assistant-events',
      });
      client.on('notification', (n) => this.receive(n.payload));
      client.on('error', (err) => this.lost(client, err));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        this.client = client;
      } catch (err) {
        client.end().catch(() => undefined);
        throw err;
      }
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.leader) this.log.warn({ instance: this.instanceId }, 'leadership lost with the database connection');
    this.leader = false;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.log.warn({ err: err?.message }, 'event connection to PostgreSQL lost; reconnecting');
    const retry = (delay: number): void => {
      setTimeout(() => {
        if (this.closed) return;
        this.connect().catch(() => retry(Math.min(delay * 2, 10_000)));
      }, delay).unref();
    };
    retry(500);
  }

  private receive(raw: string | undefined): void {
    try {
      const { topic, payload } = JSON.parse(raw ?? '') as { topic: string; payload: EventPayload };
      this.emitter.emit(topic, payload);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'event not understood');
    }
  }

  async publish(topic: string, payload: EventPayload): Promise<void> {
    const text = JSON.stringify({ topic, payload });
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`event ${topic} too large for NOTIFY`);
    await this.publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, text]);
  }

  subscribe(topic: string, handler: EventHandler): void {
    this.emitter.on(topic, handler);
  }

  isLeader(): boolean {
    return this.leader && this.client !== undefined;
  }

  async campaign(): Promise<void> {
    const client = this.client;
    if (!client || this.leader) return;
    const r = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LEADER_LOCK]);
    if (r.rows[0]?.locked && this.client === client) {
      this.leader = true;
      this.log.info({ instance: this.instanceId }, 'this instance now runs the shared jobs (leader)');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.emitter.removeAllListeners();
    const client = this.client;
    this.client = undefined;
    this.leader = false;
    // Ending the session releases the advisory lock: another instance can lead at once.
    if (client) await client.end().catch(() => undefined);
  }
}
