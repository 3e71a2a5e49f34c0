import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';

function run(script: string, input = ''): { stdout: string; status: number | null } {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', script)], { input, encoding: 'utf8', cwd: ROOT, timeout: 60000 });
  return { stdout: r.stdout, status: r.status };
}

describe('command-line tools', function () {
  this.timeout(60000);

  it('classify: one JSON object per input line and nothing else on stdout', () => {
    const input = ['Was kostet ein Reisepass?', '', 'wie wird das wetter', '🙂', 'Öffnungszeiten Bürgerbüro'].join('\n') + '\n';
    const { stdout, status } = run('intents/cli/classify.js', input);
    assert.equal(status, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 5);
    const rows = lines.map((l) => JSON.parse(l) as { text: string; intent: string; service: string | null; confidence: number });
    // The contract's four fields first, then the optional ones DESIGN.md lists (facet, place).
    for (const r of rows) assert.deepEqual(Object.keys(r).slice(0, 4), ['text', 'intent', 'service', 'confidence']);
    assert.deepEqual([rows[0].intent, rows[0].service], ['fees', 'reisepass']);
    assert.equal(rows[2].intent, 'none');
    assert.equal(rows[2].service, null);
    assert.equal(rows[4].intent, 'hours');
  });

  it('classify: the facet asked and the place named, as ids', () => {
    const input =
      [
        'Wie lange dauert ein Reisepass?',
        'Ich wohne in Wasbüttel, wo beantrage ich einen Personalausweis?',
        'Was kostet ein Reisepass?',
      ].join('\n') + '\n';
    const rows = run('intents/cli/classify.js', input)
      .stdout.trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { service: string | null; facet: string | null; place: string | null });
    assert.deepEqual([rows[0].service, rows[0].facet, rows[0].place], ['reisepass', 'dauer', null]);
    assert.deepEqual([rows[1].service, rows[1].facet, rows[1].place], ['personalausweis', 'ort', 'wasbuettel']);
    assert.deepEqual([rows[2].facet, rows[2].place], [null, null]);
  });

  it('training-data: JSON lines with text, intent and service', () => {
    const { stdout, status } = run('intents/cli/trainingData.js');
    assert.equal(status, 0);
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; intent: string; service: string | null });
    assert.ok(rows.length > 500);
    for (const r of rows) assert.deepEqual(Object.keys(r), ['text', 'intent', 'service']);
    assert.ok(rows.some((r) => r.intent === 'fees' && r.service === 'reisepass'));
    assert.ok(rows.some((r) => r.intent === 'none' && r.service === null));
    assert.ok(!rows.some((r) => r.text.includes('{service}')));
  });
});
