import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths';

interface Row {
  text: string;
  reply: string | null;
  phone: string | null;
  wish: { kind: string; at?: string; dateOnly?: boolean; until?: string } | null;
}

describe('npm run -s classify: the small understandings', function () {
  this.timeout(60000);

  it('shows the short reply, the phone number and the wished callback time (at CLASSIFY_NOW, Berlin time)', () => {
    const input =
      ['Nö!', 'Rufen Sie mich morgen Vormittag an: 0151 1234567', 'so bald wie möglich', 'Was kostet ein Reisepass?'].join('\n') + '\n';
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'intents/cli/classify.js')], {
      input,
      encoding: 'utf8',
      cwd: ROOT,
      timeout: 60000,
      // Tuesday 24 November 2026, 10:00 in Berlin; the first Kommune's service center opens at 7.
      env: { ...process.env, CLASSIFY_NOW: '2026-11-24T09:00:00Z' },
    });
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    assert.deepEqual(
      rows.map((x) => x.reply),
      ['no', null, null, null],
    );
    assert.deepEqual(
      rows.map((x) => x.phone),
      [null, '+491511234567', null, null],
    );
    assert.equal(rows[1].wish?.kind, 'at');
    assert.equal(rows[1].wish?.at?.slice(0, 10), '2026-11-25');
    assert.ok(rows[1].wish?.until, JSON.stringify(rows[1].wish));
    assert.deepEqual(rows[2].wish, { kind: 'asap' });
    assert.deepEqual([rows[0].wish, rows[3].wish], [null, null]);
  });
});
