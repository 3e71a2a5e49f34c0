/**
 * Readiness and liveness apart: when PostgreSQL goes away, /health (readiness) says 503 so the balancer sends
 * citizens elsewhere, /health/live stays 200 (no restart would help), and the process does not crash.
 */
import { strict as assert } from 'node:assert';
import { replyText, say, useServer } from '../helpers/server';
import { createDatabase, dropDatabase } from './database';

describe('health with PostgreSQL (real server process)', function () {
  this.timeout(60000);
  let url: string;
  before(async () => {
    url = await createDatabase();
  });
  const server = useServer({ prefix: 'health-', env: () => ({ DATABASE_URL: url, HANDOFF_TICK_MS: '200' }) });
  after(async () => {
    await dropDatabase(url).catch(() => undefined);
  });

  it('is ready with the database, not ready without it, and alive throughout', async () => {
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    // The database disappears under the running instance.
    await dropDatabase(url);
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 503);
    assert.deepEqual(await health.json(), { status: 'unavailable', checks: { knowledge: 'ok', database: 'unavailable' } });
    assert.equal((await fetch(`${server.url}/health/live`)).status, 200);
    // A citizen's message now gets an error answer, not a hanging request or a dead process.
    assert.match(
      replyText(await say(server.url, { conversationId: 'health-c1' }, 'Hallo')),
      /Entschuldigung, da ist bei mir etwas schiefgegangen/,
    );
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(server.child.exitCode, null, `still running:\n${server.stderr().slice(-2000)}`);
    assert.equal((await fetch(`${server.url}/health/live`)).status, 200);
  });
});
