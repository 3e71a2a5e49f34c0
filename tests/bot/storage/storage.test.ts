import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDatabase, toPostgresPlaceholders, type SqlDatabase } from '../../../bot/storage/database';
import { migrate } from '../../../bot/storage/migrations';
import { SqlStorage } from '../../../bot/storage/sqlStorage';
import { LocalEvents } from '../../../bot/storage/events';
import { HandoffStore } from '../../../bot/handoff/handoffStore';
import { HANDOFF_MIGRATIONS } from '../../../bot/handoff/migrations';
import { AgentAuth, hashPassword } from '../../../bot/handoff/agentAuth';
import { ALL_MIGRATIONS, storageContract } from '../../contract/storageContract';

/** Each database in its own temporary folder; a second handle opens the same file (and shares its connection). */
const files = new Map<SqlDatabase, string>();

storageContract('SQLite', {
  parallelTransactions: false,
  async open() {
    const file = join(mkdtempSync(join(tmpdir(), 'storage-')), 'test.sqlite');
    const db = new SqliteDatabase(file);
    await migrate(db, ALL_MIGRATIONS);
    files.set(db, file);
    return db;
  },
  async reopen(db) {
    return new SqliteDatabase(files.get(db) as string);
  },
  async dispose(db) {
    await db.close();
    rmSync(join(files.get(db) as string, '..'), { recursive: true, force: true });
    files.delete(db);
  },
});

describe('SQLite storage files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storage-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keep the data for a new process on the same file, and take over a file from before migrations', async () => {
    const file = join(dir, 'state.sqlite');
    // A file as the first version wrote it: the table, no migrations recorded.
    const legacy = new SqliteDatabase(file);
    await legacy.script(`CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL);
      INSERT INTO state VALUES ('conv', '{"memory":{"lastService":"reisepass"}}', '1')`);
    await legacy.close();
    const a = new SqliteDatabase(file);
    assert.deepEqual(
      await migrate(a, ALL_MIGRATIONS),
      ALL_MIGRATIONS.map((m) => m.id),
    );
    assert.equal((await new SqlStorage(a).read(['conv'])).conv.memory.lastService, 'reisepass');
    // The old row counts as written at the upgrade: it does not expire at once.
    assert.equal(await new SqlStorage(a).purgeBefore(Date.now() - 60_000), 0);
    await a.close();
    const b = new SqliteDatabase(file);
    assert.deepEqual(await migrate(b, ALL_MIGRATIONS), []);
    await new SqlStorage(b).delete(['conv']);
    assert.deepEqual(await new SqlStorage(b).read(['conv']), {});
    await b.close();
  });

  it('give the agents of a database from before display names none, and keep their logins', async () => {
    const db = new SqliteDatabase(join(dir, 'handoff.sqlite'));
    const before = HANDOFF_MIGRATIONS.filter((m) => m.id !== 'handoff-003');
    await migrate(db, before);
    const { salt, hash } = await hashPassword('richtig-richtig');
    await db.run('INSERT INTO agents (name, salt, hash, created_at) VALUES (?, ?, ?, ?)', ['anna', salt, hash, 1]);
    assert.deepEqual(await migrate(db, HANDOFF_MIGRATIONS), ['handoff-003']);
    const store = new HandoffStore(db);
    assert.equal((await store.agentByName('anna'))?.displayName, null);
    const login = await new AgentAuth(store, { sessionSeconds: 60, maxFailures: 5, lockoutSeconds: 900 }).login('anna', 'richtig-richtig');
    assert.ok(login.ok && login.displayName === null);
    await db.close();
  });

  it('keep other statements out of a running transaction', async () => {
    const db = new SqliteDatabase(join(dir, 'tx.sqlite'));
    await db.script('CREATE TABLE t (v INTEGER)');
    const tx = db.transaction(async (t) => {
      await t.run('INSERT INTO t VALUES (1)');
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('rolled back');
    });
    // Issued while the transaction waits: it must not become part of it (and be rolled back with it).
    const outside = db.run('INSERT INTO t VALUES (2)');
    await assert.rejects(tx, /rolled back/);
    await outside;
    assert.deepEqual(await db.all('SELECT v FROM t'), [{ v: 2 }]);
    await db.close();
  });
});

describe('SQLite group commit', () => {
  let dir: string;
  let db: SqliteDatabase;
  /** A second connection: it sees only what is committed. */
  let observer: Database.Database;
  const committed = (sql: string): unknown[] => observer.prepare(sql).all();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'group-'));
    db = new SqliteDatabase(join(dir, 'group.sqlite'));
    await db.script(`CREATE TABLE t (v INTEGER PRIMARY KEY);
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
      PRAGMA foreign_keys = ON`);
    observer = new Database(join(dir, 'group.sqlite'), { readonly: true });
  });
  afterEach(async () => {
    observer.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the statements of one tick together and answers none of them before the commit', async () => {
    const seenAtAnswer: unknown[][] = [];
    const answered = (promise: Promise<unknown>) =>
      promise.then((value) => {
        seenAtAnswer.push(committed('SELECT v FROM t ORDER BY v'));
        return value;
      });
    const first = answered(db.run('INSERT INTO t VALUES (1)'));
    const second = answered(db.run('INSERT INTO t VALUES (2)'));
    // A read while the group is open sees its rows, so it waits for the same commit.
    const read = answered(db.all('SELECT v FROM t ORDER BY v'));
    assert.deepEqual(committed('SELECT v FROM t'), [], 'nothing is committed within the tick');
    await Promise.resolve();
    assert.deepEqual(seenAtAnswer, [], 'no statement is answered before its group commits');
    assert.equal(await first, 1);
    assert.equal(await second, 1);
    assert.deepEqual(await read, [{ v: 1 }, { v: 2 }]);
    assert.deepEqual(seenAtAnswer, [
      [{ v: 1 }, { v: 2 }],
      [{ v: 1 }, { v: 2 }],
      [{ v: 1 }, { v: 2 }],
    ]);
  });

  it('fails only a failing statement, but every statement of a group whose commit fails', async () => {
    const [kept, duplicate] = await Promise.allSettled([db.run('INSERT INTO t VALUES (1)'), db.run('INSERT INTO t VALUES (1)')]);
    assert.equal(kept.status, 'fulfilled');
    assert.equal(duplicate.status, 'rejected');
    assert.match(String((duplicate as PromiseRejectedResult).reason), /UNIQUE/);
    // The child row's missing parent is noticed at COMMIT (a deferred constraint): the whole group fails.
    const group = await Promise.allSettled([db.run('INSERT INTO t VALUES (2)'), db.run('INSERT INTO child VALUES (99)')]);
    assert.deepEqual(
      group.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.match(String((group[0] as PromiseRejectedResult).reason), /FOREIGN KEY/);
    assert.deepEqual(committed('SELECT v FROM t'), [{ v: 1 }]);
    assert.deepEqual(committed('SELECT * FROM child'), []);
    // And the next tick writes again.
    await db.run('INSERT INTO t VALUES (3)');
    assert.deepEqual(committed('SELECT v FROM t ORDER BY v'), [{ v: 1 }, { v: 3 }]);
  });

  it('commits an open group before a transaction of its own, which cannot take it down', async () => {
    const before = db.run('INSERT INTO t VALUES (1)');
    const tx = db.transaction(async (t) => {
      await t.run('INSERT INTO t VALUES (2)');
      throw new Error('rolled back');
    });
    await before;
    await assert.rejects(tx, /rolled back/);
    assert.deepEqual(committed('SELECT v FROM t'), [{ v: 1 }]);
  });

  it("checkpoints under sustained writes, when every commit's answers open the next group at once", async () => {
    const busy = new SqliteDatabase(join(dir, 'busy.sqlite'), { checkpointMs: 20 });
    await busy.script('CREATE TABLE lines (text TEXT)');
    const until = Date.now() + 300;
    // Four writers that write again as soon as their last write is answered, as turns under load do.
    const writer = async (): Promise<void> => {
      while (Date.now() < until) await busy.run('INSERT INTO lines VALUES (?)', ['x'.repeat(500)]);
    };
    await Promise.all([writer(), writer(), writer(), writer()]);
    assert.ok(busy.checkpoints >= 3, `checkpoints run: ${busy.checkpoints}`);
    await busy.close();
  });

  it('lets transactions and statements that waited for a transaction run one after another, in order', async () => {
    const pause = (): Promise<void> => new Promise((r) => setTimeout(r, 20));
    const first = db.transaction(async (t) => {
      await t.run('INSERT INTO t VALUES (1)');
      await pause();
    });
    const second = db.transaction(async (t) => {
      await t.run('INSERT INTO t VALUES (2)');
      await pause();
      throw new Error('rolled back');
    });
    const third = db.transaction(async (t) => {
      await t.run('INSERT INTO t VALUES (4)');
    });
    // Issued while the first runs and the others wait: each must run on its own, not inside a later transaction.
    const write = db.run('INSERT INTO t VALUES (3)');
    const read = db.all<{ v: number }>('SELECT v FROM t ORDER BY v');
    await first;
    await assert.rejects(second, /rolled back/);
    await third;
    assert.equal(await write, 1);
    assert.ok(!(await read).some((r) => r.v === 2), 'the read never sees the rolled-back row');
    assert.deepEqual(committed('SELECT v FROM t ORDER BY v'), [{ v: 1 }, { v: 3 }, { v: 4 }]);
  });

  it('takes writes from another process on the same file meanwhile', async () => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        `
      const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(join(dir, 'group.sqlite'))});
      db.pragma('busy_timeout = 5000');
      const insert = db.prepare('INSERT INTO t VALUES (?)');
      for (let v = 1000; v < 1300; v++) insert.run(v);
    `,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for (let v = 1; v <= 300; v++) await db.run('INSERT INTO t VALUES (?)', [v]);
    assert.equal(await exited, 0, stderr);
    assert.deepEqual(committed('SELECT COUNT(*) AS n FROM t'), [{ n: 600 }]);
  });

  it('shares one connection between handles on one file, so that two of them never wait for each other', async () => {
    const second = new SqliteDatabase(join(dir, 'group.sqlite'));
    await Promise.all([db.run('INSERT INTO t VALUES (1)'), second.run('INSERT INTO t VALUES (2)')]);
    await second.close();
    await assert.rejects(second.run('INSERT INTO t VALUES (4)'), /closed/);
    // Closing one handle leaves the other working.
    await db.run('INSERT INTO t VALUES (3)');
    assert.deepEqual(committed('SELECT v FROM t ORDER BY v'), [{ v: 1 }, { v: 2 }, { v: 3 }]);
  });
});

describe('SQL helpers', () => {
  it('numbers placeholders for PostgreSQL outside quoted text only', () => {
    assert.equal(
      toPostgresPlaceholders("SELECT ? AS a, '?' AS b WHERE x = ? AND y = 'it''s?'"),
      "SELECT $1 AS a, '?' AS b WHERE x = $2 AND y = 'it''s?'",
    );
  });

  it('deliver local events asynchronously to every subscriber, and always lead', async () => {
    const events = new LocalEvents();
    const got: unknown[] = [];
    events.subscribe('t', (p) => got.push(p));
    events.subscribe('t', (p) => got.push(p));
    await events.publish('t', { id: 1 });
    assert.deepEqual(got, [], "not inside the publisher's call");
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(got, [{ id: 1 }, { id: 1 }]);
    assert.equal(events.isLeader(), true);
    await events.close();
  });
});
