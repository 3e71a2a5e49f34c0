import { strict as assert } from 'node:assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWLEDGE_DIR } from './helpers/paths';
import { replyText, say, useServer } from './helpers/server';

/** Polls until `check` holds (knowledge reloads after a quiet period and a training run). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for: ${what}`);
}

describe('knowledge hot reload (real server process)', function () {
  this.timeout(60000);
  const server = useServer({
    prefix: 'knowledge-reload-',
    prepare: (dir) => cpSync(KNOWLEDGE_DIR, join(dir, 'knowledge'), { recursive: true }),
    env: (dir) => ({ KNOWLEDGE_DIR: join(dir, 'knowledge'), DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info' }),
  });
  let n = 0;
  const ask = async (text: string): Promise<string> => replyText(await say(server.url, { conversationId: `reload-${n++}`, tenant: 'wolfsburg' }, text));

  it('answers from an edited file without a restart', async () => {
    assert.match(await ask('Was kostet ein Führungszeugnis?'), /13,00/);
    const file = join(server.dir, 'knowledge', 'services', 'fuehrungszeugnis.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('betrag: 13.00', 'betrag: 14.50'));
    await eventually(async () => /14,50/.test(await ask('Was kostet ein Führungszeugnis?')), 'the new fee');
  });

  it('keeps the last good version when an edit is broken, and logs file:line', async () => {
    const file = join(server.dir, 'knowledge', 'services', 'reisepass.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nkosten: [unclosed\n`);
    await eventually(async () => /services\/reisepass\.yaml:\d+: /.test(server.stderr()), 'the file:line problem in the log');
    assert.match(server.stderr(), /knowledge edit rejected/);
    assert.match(await ask('Was kostet ein Reisepass?'), /70,00/);
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
  });
});
