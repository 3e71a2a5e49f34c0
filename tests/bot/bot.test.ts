import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { loadConfig, ConfigError } from '../../bot/config';
import { createLogger, redact } from '../../bot/logger';
import { setBounded } from '../../bot/boundedMap';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3978);
    assert.equal(c.defaultTenant, 'wolfsburg');
    assert.equal(c.logLevel, 'info');
    assert.match(c.dataDir, /data$/);
    assert.equal(c.botFramework.appId, '');
  });

  it('reads the environment and rejects nonsense clearly', () => {
    const c = loadConfig({ PORT: '8080', DEFAULT_TENANT: 'Gifhorn', LOG_LEVEL: 'DEBUG', MicrosoftAppId: 'abc', DATA_DIR: '/tmp/x' });
    assert.deepEqual([c.port, c.defaultTenant, c.logLevel, c.botFramework.appId, c.dataDir], [8080, 'gifhorn', 'debug', 'abc', '/tmp/x']);
    assert.throws(() => loadConfig({ PORT: 'achtzig' }), ConfigError);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), ConfigError);
  });
});

describe('logging', () => {
  it('redacts phone numbers, e-mail addresses and IBANs', () => {
    const cases: [text: string, redacted: string][] = [
      ['Rufen Sie 0151 2345678 an', 'Rufen Sie [TELEFON] an'],
      ['an max.muster@example.de', 'an [E-MAIL]'],
      ['IBAN DE89 3704 0044 0532 0130 00', 'IBAN [IBAN]'],
    ];
    for (const [text, redacted] of cases) assert.equal(redact(text), redacted);
  });

  it('never writes message text into log lines', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const log = createLogger('debug', sink);
    log.info({ text: 'geheim', activity: { text: 'auch geheim' } }, 'turn');
    log.info('Rückruf an +49 5361 123456');
    assert.doesNotMatch(out, /geheim/);
    assert.doesNotMatch(out, /123456/);
    assert.match(out, /\[redacted\]/);
  });
});

describe('bounded caches (setBounded)', () => {
  it('keep at most `max` entries and drop the one set longest ago, a key set again counting as new', () => {
    const map = new Map<string, number>();
    for (const [i, key] of ['a', 'b', 'c'].entries()) setBounded(map, key, i, 3);
    setBounded(map, 'a', 10, 3);
    setBounded(map, 'd', 4, 3);
    assert.deepEqual(
      [...map],
      [
        ['c', 2],
        ['a', 10],
        ['d', 4],
      ],
    );
  });
});
