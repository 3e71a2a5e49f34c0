import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replyText, say, useServerOnKnowledgeCopy } from '../helpers/server';
import { until } from '../helpers/wait';

describe('knowledge hot reload (real server process)', function () {
  this.timeout(60000);
  const server = useServerOnKnowledgeCopy('knowledge-reload-', (dir) => ({ DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info' }));
  let n = 0;
  const ask = async (text: string): Promise<string> =>
    replyText(await say(server.url, { conversationId: `reload-${n++}`, tenant: 'wolfsburg' }, text));

  it('answers from an edited file without a restart', async () => {
    assert.match(await ask('Was kostet ein Führungszeugnis?'), /13,00/);
    const file = join(server.dir, 'knowledge', 'services', 'fuehrungszeugnis.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('betrag: 13.00', 'betrag: 14.50'));
    await until(async () => /14,50/.test(await ask('Was kostet ein Führungszeugnis?')), 'the new fee', {
      timeoutMs: 15000,
      intervalMs: 200,
    });
  });

  it('keeps the last good version when an edit is broken, and logs file:line', async () => {
    const file = join(server.dir, 'knowledge', 'services', 'reisepass.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nkosten: [unclosed\n`);
    await until(async () => /services\/reisepass\.yaml:\d+: /.test(server.stderr()), 'the file:line problem in the log', {
      timeoutMs: 15000,
      intervalMs: 200,
    });
    assert.match(server.stderr(), /knowledge edit rejected/);
    assert.match(await ask('Was kostet ein Reisepass?'), /70,00/);
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
  });
});
