/**
 * `npm run test:services`: the storage contract against PostgreSQL, and the events between instances
 * (LISTEN/NOTIFY, leadership).
 */
import { strict as assert } from 'node:assert';
import { PostgresDatabase, type SqlDatabase } from '../../bot/storage/database';
import { PostgresEvents, type EventPayload } from '../../bot/storage/events';
import { migrate } from '../../bot/storage/migrations';
import { createLogger } from '../../bot/logger';
import { ALL_MIGRATIONS, storageContract } from '../contract/storageContract';
import { createDatabase, dropDatabase } from './database';
import { until } from '../helpers/wait';

const urls = new Map<SqlDatabase, string>();

storageContract('PostgreSQL', {
  parallelTransactions: true,
  async open() {
    const url = await createDatabase();
    const db = new PostgresDatabase(url, { max: 4 });
    await migrate(db, ALL_MIGRATIONS);
    urls.set(db, url);
    return db;
  },
  async reopen(db) {
    return new PostgresDatabase(urls.get(db) as string, { max: 4 });
  },
  async dispose(db) {
    await db.close();
    await dropDatabase(urls.get(db) as string);
    urls.delete(db);
  },
});

describe('events between instances (PostgreSQL LISTEN/NOTIFY)', function () {
  this.timeout(30000);
  const log = createLogger('silent');
  let url: string;
  let db: PostgresDatabase;
  let buses: PostgresEvents[];

  beforeEach(async () => {
    url = await createDatabase();
    db = new PostgresDatabase(url, { max: 4 });
    buses = [];
  });
  afterEach(async () => {
    for (const b of buses) await b.close();
    await db.close();
    await dropDatabase(url);
  });

  const bus = async (): Promise<PostgresEvents> => {
    const b = new PostgresEvents(url, db.pool, log);
    await b.start();
    buses.push(b);
    return b;
  };

  it('delivers every event to every instance, the sender included, in order', async () => {
    const [one, two] = [await bus(), await bus()];
    const got: Record<string, EventPayload[]> = { one: [], two: [] };
    one.subscribe('handoff.queue', (p) => got.one.push(p));
    two.subscribe('handoff.queue', (p) => got.two.push(p));
    two.subscribe('other', () => assert.fail('not subscribed to this topic'));
    for (let i = 1; i <= 5; i++) await one.publish('handoff.queue', { n: i, text: 'Grüße 👋' });
    await until(() => got.one.length === 5 && got.two.length === 5, 'five events on both', { intervalMs: 20 });
    assert.deepEqual(
      got.two.map((p) => p.n),
      [1, 2, 3, 4, 5],
    );
    assert.equal(got.two[0].text, 'Grüße 👋');
  });

  it('refuses an event too large for NOTIFY instead of losing it silently', async () => {
    const one = await bus();
    await assert.rejects(one.publish('t', { text: 'x'.repeat(9000) }), /too large/);
  });

  it('has exactly one leader; when it goes, another instance takes over', async () => {
    const [one, two, three] = [await bus(), await bus(), await bus()];
    for (const b of [one, two, three]) await b.campaign();
    assert.deepEqual(
      [one, two, three].map((b) => b.isLeader()),
      [true, false, false],
    );
    await one.close();
    await two.campaign();
    await three.campaign();
    assert.deepEqual([two.isLeader(), three.isLeader()], [true, false]);
  });

  it('loses leadership with its connection and reconnects, listening again', async () => {
    const one = await bus();
    await one.campaign();
    assert.ok(one.isLeader());
    // The database ends the listening session (as on a failover or a restart of PostgreSQL).
    await db.run(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'kommune-assistant-events'`);
    await until(() => !one.isLeader(), 'leadership lost', { intervalMs: 20 });
    const got: EventPayload[] = [];
    one.subscribe('t', (p) => got.push(p));
    const other = await bus();
    // Once reconnected, events reach it again; publish until one arrives.
    const end = Date.now() + 10000;
    while (got.length === 0 && Date.now() < end) {
      await other.publish('t', { ping: true });
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(got.length > 0, 'listening again after the reconnect');
    await one.campaign();
    assert.ok(one.isLeader(), 'the lock was free again and is taken on the next campaign');
  });
});
