import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage, ETagConflictError } from '../bot/storage/sqliteStorage';

describe('SqliteStorage (botbuilder Storage on SQLite)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'storage-')); file = join(dir, 'state.sqlite'); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
    const s = new SqliteStorage(file);
    await s.write({ a: { count: 1, nested: { ü: 'ß' } } });
    const items = await s.read(['a', 'missing']);
    assert.deepEqual(Object.keys(items), ['a']);
    assert.equal(items.a.count, 1);
    assert.deepEqual(items.a.nested, { ü: 'ß' });
    assert.equal(typeof items.a.eTag, 'string');
    s.close();
  });

  it('refuses a write with a stale eTag and accepts "*" and the current one', async () => {
    const s = new SqliteStorage(file);
    await s.write({ k: { v: 1 } });
    const first = (await s.read(['k'])).k;
    await s.write({ k: { ...first, v: 2 } });
    await assert.rejects(s.write({ k: { ...first, v: 3 } }), ETagConflictError);
    assert.equal((await s.read(['k'])).k.v, 2);
    const current = (await s.read(['k'])).k;
    await s.write({ k: { ...current, v: 4 } });
    await s.write({ k: { v: 5, eTag: '*' } });
    assert.equal((await s.read(['k'])).k.v, 5);
    s.close();
  });

  it('writes a batch all or nothing', async () => {
    const s = new SqliteStorage(file);
    await s.write({ x: { v: 1 } });
    const stale = (await s.read(['x'])).x;
    await s.write({ x: { ...stale, v: 2 } });
    await assert.rejects(s.write({ y: { v: 1 }, x: { ...stale, v: 3 } }), ETagConflictError);
    assert.deepEqual(Object.keys(await s.read(['y'])), []);
    s.close();
  });

  it('keeps the data for a new instance on the same file, and deletes', async () => {
    const a = new SqliteStorage(file);
    await a.write({ conv: { memory: { lastService: 'reisepass' } } });
    a.close();
    const b = new SqliteStorage(file);
    assert.equal((await b.read(['conv'])).conv.memory.lastService, 'reisepass');
    await b.delete(['conv']);
    assert.deepEqual(await b.read(['conv']), {});
    b.close();
  });
});
