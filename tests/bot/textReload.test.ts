import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replyText, say, useServerOnKnowledgeCopy } from '../helpers/server';
import { until } from '../helpers/wait';

describe('reply texts ride along with the knowledge hot reload (real server process)', function () {
  this.timeout(60000);
  const server = useServerOnKnowledgeCopy('text-reload-', (dir) => ({ DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info' }));
  let n = 0;
  const ask = async (text: string, tenant = 'wolfsburg'): Promise<string> =>
    replyText(await say(server.url, { conversationId: `text-reload-${n++}`, tenant }, text));
  const textFile = (): string => join(server.dir, 'knowledge', 'texte', 'de', 'gespraech.yaml');
  const edit = (file: string, from: string, to: string): void => {
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `${file} lacks "${from}"`);
    writeFileSync(file, text.replace(from, to));
  };

  it('answers with an edited reply text without a restart', async () => {
    assert.match(await ask('Hallo'), /^Guten Tag! Ich bin der digitale Assistent/);
    edit(textFile(), 'begruessung: "Guten Tag! Ich bin', 'begruessung: "Moin! Ich bin');
    await until(
      async () => /^Moin! Ich bin der digitale Assistent des Service-Centers für die Stadt Wolfsburg\./.test(await ask('Hallo')),
      'the new greeting',
      {
        timeoutMs: 15000,
        intervalMs: 200,
      },
    );
  });

  it("answers with a Kommune's own text after it is added to its tenant file, for that Kommune only", async () => {
    const tenantFile = join(server.dir, 'knowledge', 'tenants', 'wolfsburg.yaml');
    writeFileSync(tenantFile, `${readFileSync(tenantFile, 'utf8')}\ntexte:\n  gespraech.abschied: "Tschüss aus Wolfsburg!"\n`);
    await until(async () => (await ask('Danke, tschüss')) === 'Tschüss aus Wolfsburg!', "Wolfsburg's own goodbye", {
      timeoutMs: 15000,
      intervalMs: 200,
    });
    assert.match(await ask('Danke, tschüss', 'gifhorn'), /^Gern geschehen!/);
  });

  it('keeps the last good texts when a text file is broken, and logs file:line', async () => {
    edit(
      textFile(),
      'begruessung: "Moin! Ich bin der digitale Assistent des Service-Centers {fuerKommune}.',
      'begruessung: "Moin! Ich bin der digitale Assistent des Service-Centers {kommune}.',
    );
    await until(
      async () => /texte\/de\/gespraech\.yaml:\d+: begruessung: unknown placeholder \{kommune\}/.test(server.stderr()),
      'the file:line problem in the log',
      {
        timeoutMs: 15000,
        intervalMs: 200,
      },
    );
    assert.match(server.stderr(), /knowledge edit rejected/);
    assert.match(await ask('Hallo'), /^Moin! Ich bin der digitale Assistent des Service-Centers für die Stadt Wolfsburg\./);
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
  });
});
