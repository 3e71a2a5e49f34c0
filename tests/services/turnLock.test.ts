/**
 * Forty turns of one conversation at once, spread over two instances on one PostgreSQL database: they run
 * one after the other (a queue per conversation in each process, an advisory lock across them), so every
 * turn gets its own answer, none the apology, and the transcript holds each answer exactly once.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, stopServer, say, type BotReply, type ServerProcess } from '../helpers/server';
import { APOLOGY, BURST_QUESTIONS, counts } from '../helpers/burst';
import { createLogger } from '../../bot/logger';
import { PostgresTurnLock, type TurnLockScope } from '../../bot/storage/turnLock';
import { createDatabase, dropDatabase } from './database';
import { hangingTurn } from '../helpers/turnLock';

const texts = (replies: BotReply[]): string[] => replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');

describe('forty turns of one conversation at once on two instances (PostgreSQL)', function () {
  this.timeout(120000);
  let databaseUrl: string;
  let dataDirs: string[] = [];
  let instances: ServerProcess[] = [];

  before(async () => {
    databaseUrl = await createDatabase();
    dataDirs = [mkdtempSync(join(tmpdir(), 'turnlock-a-')), mkdtempSync(join(tmpdir(), 'turnlock-b-'))];
    instances = await Promise.all(
      dataDirs.map((dir) =>
        startServer({
          DATABASE_URL: databaseUrl,
          DATA_DIR: dir,
          DIRECTLINE_SECRET: '',
          KNOWLEDGE_HOT_RELOAD: 'false',
          ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z',
          RATE_LIMIT_PER_IP: '0',
          RATE_LIMIT_PER_CONVERSATION: '0',
        }),
      ),
    );
  });

  after(async () => {
    for (const s of instances) await stopServer(s);
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  it('every turn gets exactly its own answer, none the apology, and the transcript holds each answer once', async () => {
    // What each question is answered on its own, in a conversation of its own.
    const expected: string[][] = [];
    for (const [i, q] of BURST_QUESTIONS.entries()) {
      const citizen = { conversationId: `alone-${i}`, tenant: 'wolfsburg' };
      await say(instances[0].url, citizen, 'Hallo');
      expected.push(texts(await say(instances[i % 2].url, citizen, q)));
    }
    assert.equal(new Set(expected.map((e) => e.join('\n'))).size, BURST_QUESTIONS.length, 'forty different answers');

    const citizen = { conversationId: 'burst', tenant: 'wolfsburg' };
    const greeting = texts(await say(instances[0].url, citizen, 'Hallo'));
    const replies = await Promise.all(BURST_QUESTIONS.map((q, i) => say(instances[i % 2].url, citizen, q)));
    const got = replies.map(texts);
    const apologies = got.filter((t) => t.some((x) => APOLOGY.test(x))).length;
    const wrong = got.map((t, i) => (t.join('\n') === expected[i].join('\n') ? -1 : i)).filter((i) => i >= 0);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    let transcript: string[];
    try {
      const { rows } = await client.query<{ text: string }>(
        "SELECT text FROM messages WHERE conversation_id = 'burst' AND sender = 'bot' ORDER BY id",
      );
      transcript = rows.map((r) => r.text);
    } finally {
      await client.end();
    }
    const wanted = counts([...greeting, ...expected.flat()]);
    const kept = counts(transcript);
    const offInTranscript = [...new Set([...wanted.keys(), ...kept.keys()])].filter((t) => wanted.get(t) !== kept.get(t)).length;
    const summary = `apologies ${apologies}, not their own answer ${wrong.length}, transcript lines off ${offInTranscript} (of 40)`;
    assert.equal(apologies, 0, summary);
    assert.deepEqual(
      wrong.map((i) => ({ question: BURST_QUESTIONS[i], got: got[i] })),
      [],
      `every turn its own answer, and only that: ${summary}`,
    );
    assert.deepEqual(kept, wanted, `the transcript holds each answer once: ${summary}`);
    for (const s of instances) {
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      assert.doesNotMatch(metrics, /kommune_errors_total\{kind="turn"\} [1-9]/, 'no failed turn');
      assert.match(metrics, /^kommune_state_conflicts_total 0$/m, 'none had to run again');
      assert.doesNotMatch(metrics, /kommune_turn_lock_timeouts_total\{[^}]*\} [1-9]/, 'none waited too long');
    }
  });
});

describe('the turn lock on PostgreSQL', () => {
  let databaseUrl: string;
  const locks: PostgresTurnLock[] = [];
  const timeouts: TurnLockScope[] = [];
  const lock = (waitMs = 5000): PostgresTurnLock => {
    const l = new PostgresTurnLock(databaseUrl, {
      log: createLogger('silent'),
      waitMs,
      onTimeout: (scope) => timeouts.push(scope),
      poolSize: 2,
    });
    locks.push(l);
    return l;
  };
  const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  before(async () => {
    databaseUrl = await createDatabase();
  });
  after(async () => {
    for (const l of locks) await l.close();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });
  beforeEach(() => {
    timeouts.length = 0;
  });

  it('runs turns of one conversation on two instances one at a time, other conversations alongside', async () => {
    const [a, b] = [lock(), lock()];
    const events: string[] = [];
    const turn = (name: string) => async (): Promise<void> => {
      events.push(`${name}+`);
      await pause(50);
      events.push(`${name}-`);
    };
    await Promise.all([a.run('c1', turn('a1')), b.run('c1', turn('b1')), a.run('c1', turn('a2')), b.run('c1', turn('b2'))]);
    for (let i = 0; i < events.length; i += 2)
      assert.equal(events[i].slice(0, -1), events[i + 1].slice(0, -1), `one at a time: ${events.join(' ')}`);
    events.length = 0;
    await Promise.all([a.run('c2', turn('x')), b.run('c3', turn('y'))]);
    assert.deepEqual(events.slice(0, 2).sort(), ['x+', 'y+'], 'two conversations do not wait for each other');
    assert.deepEqual(timeouts, []);
  });

  it('releases the lock when a turn fails', async () => {
    const [a, b] = [lock(), lock()];
    await assert.rejects(
      a.run('c4', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await b.run('c4', async () => 'next'), 'next');
    assert.deepEqual(timeouts, []);
  });

  it('waits a bounded time for a turn that hangs, says so, and runs the turn anyway', async () => {
    const [a, b] = [lock(), lock(300)];
    const hanging = hangingTurn(a, 'c5');
    await pause(100);
    const started = Date.now();
    assert.equal(await b.run('c5', async () => 'ran'), 'ran');
    assert.ok(Date.now() - started >= 250, 'it did wait');
    assert.deepEqual(timeouts, ['database']);
    await hanging.end();
  });
});
