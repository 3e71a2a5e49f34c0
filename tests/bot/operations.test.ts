import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../helpers/paths';
import { say, useServer } from '../helpers/server';
import { Metrics } from '../../bot/metrics';

const run = promisify(execFile);

describe('operations: metrics and the report of unanswered questions (real server process)', function () {
  this.timeout(60000);
  const server = useServer({ prefix: 'operations-' });

  before(async () => {
    await say(server.url, { conversationId: 'ops-1', tenant: 'gifhorn' }, 'Was kostet ein Reisepass?');
    await say(
      server.url,
      { conversationId: 'ops-2', tenant: 'gifhorn' },
      'Wie wird das Wetter am Wochenende? Ich bin max.muster@example.de',
    );
    await say(
      server.url,
      { conversationId: 'ops-3', tenant: 'wolfsburg' },
      'wie wird das wetter am wochenende ich bin max.muster@example.de',
    );
    await say(server.url, { conversationId: 'ops-4', tenant: 'wolfsburg' }, 'Wo bekomme ich eine Sterbeurkunde?');
    await say(server.url, { conversationId: 'ops-5', tenant: 'wolfsburg' }, 'ich brauche eine sterbeurkunde');
  });

  it('counts turns, intents and unanswered questions on /metrics in the Prometheus format', async () => {
    const res = await fetch(`${server.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const body = await res.text();
    assert.match(body, /kommune_turns_total\{tenant="gifhorn"\} 2/);
    assert.match(body, /kommune_intents_total\{intent="fees"\} 1/);
    assert.match(body, /kommune_unanswered_total\{tenant="gifhorn",reason="out-of-scope"\} 1/);
    assert.match(body, /kommune_unanswered_total\{tenant="wolfsburg",reason="not-answered-yet"\} 2/);
    assert.match(body, /kommune_turn_duration_seconds_count 5/);
    assert.match(body, /process_resident_memory_bytes/);
    // The escalation's figures, read at scrape time.
    assert.match(body, /kommune_agents_online 0/);
    assert.match(body, /kommune_queue_length 0/);
    assert.match(body, /kommune_queue_longest_wait_seconds 0/);
  });

  it('lists unanswered questions grouped across spellings, with e-mail addresses redacted', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'dist', 'bot', 'cli', 'reportUnanswered.js'), '--json'], {
      env: { ...process.env, DATA_DIR: server.dir },
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { count: number; question: string; tenants: string[]; otherService?: string });
    assert.deepEqual(
      lines.filter((l) => l.otherService).map((l) => [l.otherService, l.count]),
      [['sterbeurkunde', 2]],
    );
    const rows = lines.filter((l) => !l.otherService);
    assert.equal(rows.length, 1, stdout);
    assert.equal(rows[0].count, 2);
    assert.deepEqual(rows[0].tenants, ['gifhorn', 'wolfsburg']);
    assert.doesNotMatch(rows[0].question, /max\.muster|example\.de/);
    const text = await run(process.execPath, [join(ROOT, 'dist', 'bot', 'cli', 'reportUnanswered.js')], {
      env: { ...process.env, DATA_DIR: server.dir },
    });
    assert.match(text.stdout, /Weitere unbeantwortete Fragen der letzten 30 Tage: 2 \(1 verschiedene\)/);
    // Questions about services not answered yet come first, by service: the next one to write.
    assert.match(text.stdout, /Gefragte Leistungen, die der Assistent noch nicht beantwortet[^\n]*\n\s+2\s+Sterbeurkunde · wolfsburg\n/);
  });

  it('refuses bad arguments clearly', async () => {
    await assert.rejects(
      run(process.execPath, [join(ROOT, 'dist', 'bot', 'cli', 'reportUnanswered.js'), '--days', 'x'], {
        env: { ...process.env, DATA_DIR: server.dir },
      }),
      (err: { code: number; stderr: string }) => err.code === 2 && /--days/.test(err.stderr),
    );
  });
});

describe('the escalation figures on /metrics', () => {
  it('read the queue once per scrape for its length and its longest wait', async () => {
    const metrics = new Metrics();
    let reads = 0;
    const now = Date.UTC(2026, 10, 24, 9, 0, 0);
    metrics.watchHandoff({
      agentsOnline: async () => 2,
      queued: async () => {
        reads++;
        return [{ queuedAt: now - 90_000 }, { queuedAt: now - 30_000 }];
      },
      active: async () => [{}],
      ticketCounts: async () => [{ status: 'offen', count: 3 }],
      now: () => now,
    });
    const body = await metrics.registry.metrics();
    assert.equal(reads, 1);
    assert.match(body, /kommune_queue_length 2/);
    assert.match(body, /kommune_queue_longest_wait_seconds 90/);
    assert.match(body, /kommune_agents_online 2/);
    assert.match(body, /kommune_chats_with_agent 1/);
    assert.match(body, /kommune_callback_tickets\{status="offen"\} 3/);
    // The next scrape reads again: the figures are never stale.
    await metrics.registry.metrics();
    assert.equal(reads, 2);
  });
});
