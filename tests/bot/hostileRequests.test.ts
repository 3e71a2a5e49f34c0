/**
 * One request must never take the server down (issue 17): broken or inflating compressed bodies, foreign
 * content types, multipart forms, incomplete activities, floods, cross-site agent requests, and activities
 * aimed at the self-hosted Direct Line's conversations. Each against the real server process, which
 * afterwards still runs, answers /health and answers a question.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { addAgent, login } from '../helpers/agent';
import { pageToken } from '../helpers/directline';
import { compressedActivity, metric, postRoutes, rawPost } from '../helpers/http';
import { messageActivity, replyText, say, useServer, type SuiteServer } from '../helpers/server';

const PASSWORD = 'richtig-geheim-42';
const MiB = 1024 * 1024;

/** The process runs, is healthy and still answers a citizen. */
async function assertStillServing(server: SuiteServer): Promise<void> {
  assert.equal(server.child.exitCode, null, `the server ended:\n${server.stderr().slice(-2000)}`);
  const health = await fetch(`${server.url}/health`);
  assert.equal(health.status, 200);
  assert.match(
    replyText(await say(server.url, { conversationId: `still-${Date.now()}`, tenant: 'wolfsburg' }, 'Was kostet ein Reisepass?')),
    /70,00\s€/,
  );
}

describe('hostile request bodies (real server process)', function () {
  this.timeout(120000);
  // Rate limits off: the cases come from one address in quick succession. The server's temporary folder is
  // its own, so that anything it writes there is seen.
  const server = useServer({
    prefix: 'hostile-',
    prepare: (dir) => {
      mkdirSync(join(dir, 'tmp'));
      addAgent(dir, 'anna', PASSWORD);
    },
    env: (dir) => ({ RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_CONVERSATION: '0', TMPDIR: join(dir, 'tmp') }),
  });

  it('answers a body that does not decode as gzip or deflate with 400 on every POST route, with any content type', async () => {
    const { conversationId, token } = await pageToken(server.url);
    const cutOff = gzipSync(JSON.stringify(messageActivity({ conversationId: 'cut' }, 'Hallo'))).subarray(0, 12);
    const broken: [string, Buffer][] = [
      ['gzip', Buffer.from('{}')],
      ['gzip', cutOff],
      ['deflate', Buffer.from('not deflated')],
      ['x-gzip', Buffer.from([0x1f, 0x8b, 0, 0])],
    ];
    for (const path of postRoutes(conversationId)) {
      for (const [encoding, body] of broken) {
        for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
          const res = await rawPost(server.url, path, body, {
            'content-type': type,
            'content-encoding': encoding,
            authorization: `Bearer ${token}`,
          });
          assert.ok(res.status >= 400 && res.status < 500, `${path} ${encoding} ${type} → ${res.status} ${res.body}`);
          if (type === 'application/json') assert.equal(res.status, 400, `${path} ${encoding}: ${res.body}`);
        }
      }
    }
    await assertStillServing(server);
  });

  it('takes gzip and deflate bodies that decode, and refuses other codings with 415', async () => {
    for (const [encoding, zip] of [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
    ] as const) {
      const body = zip(
        JSON.stringify(messageActivity({ conversationId: `zipped-${encoding}`, tenant: 'wolfsburg' }, 'Was kostet ein Reisepass?')),
      );
      const res = await rawPost(server.url, '/api/messages', body, { 'content-type': 'application/json', 'content-encoding': encoding });
      assert.equal(res.status, 200, res.body);
      assert.match(res.body, /70,00/);
    }
    for (const encoding of ['br', 'compress', 'gzip, gzip', 'zstd', 'constructor', '\u00e4']) {
      const res = await rawPost(server.url, '/api/messages', Buffer.from('{}'), {
        'content-type': 'application/json',
        'content-encoding': encodeURI(encoding),
      });
      assert.equal(res.status, 415, `${encoding}: ${res.body}`);
      assert.equal(res.headers['accept-encoding'], 'gzip, deflate, identity');
    }
    await assertStillServing(server);
  });

  it('counts the limit after decompression: bodies inflating to 200 MB get 413 and grow memory by less than 64 MiB', async () => {
    const gzip = await compressedActivity('gzip', 200 * MiB);
    const deflate = await compressedActivity('deflate', 200 * MiB);
    const small = await compressedActivity('gzip', 300 * 1024);
    assert.ok(
      gzip.length < 256 * 1024 && deflate.length < 256 * 1024,
      `the compressed bodies fit the limit: ${gzip.length}, ${deflate.length}`,
    );
    const rss = (): Promise<number> => metric(server.url, 'process_resident_memory_bytes');
    const before = await rss();
    let peak = before;
    let sending = true;
    const sampling = (async () => {
      while (sending) {
        peak = Math.max(peak, await rss());
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const { conversationId, token } = await pageToken(server.url);
    const targets = ['/api/messages', `/v3/directline/conversations/${conversationId}/activities`, '/agent/api/login'];
    const sent = [];
    for (let round = 0; round < 3; round++) {
      for (const path of targets) {
        for (const [encoding, body] of [
          ['gzip', gzip],
          ['deflate', deflate],
          ['gzip', small],
        ] as const) {
          sent.push(
            rawPost(server.url, path, body, {
              'content-type': 'application/json',
              'content-encoding': encoding,
              authorization: `Bearer ${token}`,
            }).then((res) => ({ path, encoding, res })),
          );
        }
      }
    }
    const results = await Promise.all(sent);
    sending = false;
    await sampling;
    peak = Math.max(peak, await rss());
    for (const { path, encoding, res } of results) assert.equal(res.status, 413, `${path} ${encoding}: ${res.body}`);
    const growth = (peak - before) / MiB;
    console.log(
      `      memory: RSS ${Math.round(before / MiB)} MiB before, peak ${Math.round(peak / MiB)} MiB during ${results.length} inflating bodies (+${growth.toFixed(1)} MiB)`,
    );
    assert.ok(growth < 64, `memory grew by ${growth.toFixed(1)} MiB`);
    await assertStillServing(server);
  });

  it('counts raw bytes too, chunked or not: 413 for a long body, whether declared or streamed', async () => {
    const big = Buffer.alloc(300 * 1024, 'a');
    assert.equal((await rawPost(server.url, '/api/messages', big, { 'content-type': 'application/json' })).status, 413);
    const chunks = Array.from({ length: 30 }, () => Buffer.alloc(10 * 1024, 'a'));
    assert.equal((await rawPost(server.url, '/api/messages', chunks, { 'content-type': 'application/json' })).status, 413);
    // A stream of empty gzip members decodes to nothing at all: the compressed bytes still count.
    const empties = Buffer.concat(Array.from({ length: 20000 }, () => gzipSync(Buffer.alloc(0))));
    assert.equal(
      (await rawPost(server.url, '/api/messages', empties, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status,
      413,
    );
    // Each route has its own limit: the chat page's token call takes no more than 1 KB.
    assert.equal(
      (
        await rawPost(server.url, '/chat/gifhorn/token', Buffer.from(JSON.stringify({ x: 'a'.repeat(2000) })), {
          'content-type': 'application/json',
        })
      ).status,
      413,
    );
    // A chunked activity within the limit is read like any other.
    const activity = Buffer.from(
      JSON.stringify(messageActivity({ conversationId: 'chunked', tenant: 'wolfsburg' }, 'Was kostet ein Reisepass?')),
    );
    const pieces = [activity.subarray(0, 7), activity.subarray(7, 100), activity.subarray(100)];
    const res = await rawPost(server.url, '/api/messages', pieces, { 'content-type': 'application/json' });
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /70,00/);
    await assertStillServing(server);
  });

  it('refuses multipart forms with 415 (a 5 MB field, files) and leaves no file in the temporary folder', async () => {
    const { conversationId, token } = await pageToken(server.url);
    for (const path of postRoutes(conversationId)) {
      const form = new FormData();
      form.append('field', 'x'.repeat(5 * MiB));
      form.append('file', new Blob([Buffer.alloc(64 * 1024, 1)], { type: 'application/octet-stream' }), 'a.bin');
      form.append(
        'activity',
        new Blob([JSON.stringify(messageActivity({ conversationId: 'form' }, 'Hallo'))], { type: 'application/json' }),
        'activity.json',
      );
      const res = await fetch(`${server.url}${path}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 415, `${path}: ${await res.text()}`);
    }
    assert.deepEqual(readdirSync(join(server.dir, 'tmp')), []);
    await assertStillServing(server);
  });

  it("answers CSV, TSV, text and forms with 415 and its own message, never a parser's", async () => {
    for (const type of [
      'text/csv',
      'text/tsv',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'application/octet-stream',
      'application/jsonx',
      '',
    ]) {
      const res = await rawPost(server.url, '/api/messages', Buffer.from('a,b\n"1,2\n'), type ? { 'content-type': type } : {});
      assert.equal(res.status, 415, `${type}: ${res.body}`);
      assert.deepEqual(JSON.parse(res.body), { error: 'Content-Type must be application/json.' });
    }
    const latin1 = await rawPost(server.url, '/api/messages', Buffer.from('{}'), {
      'content-type': 'application/json; charset=iso-8859-1',
    });
    assert.equal(latin1.status, 415);
    await assertStillServing(server);
  });

  it('answers malformed JSON, bytes that are not UTF-8 and deep nesting with a clear 400', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('{"type": "message", "text": '), /not valid JSON/],
      [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /not valid UTF-8/],
      [Buffer.from(`{"type":"message","value":${'['.repeat(5000)}${']'.repeat(5000)}}`), /nests deeper/],
    ];
    const { conversationId, token } = await pageToken(server.url);
    for (const path of ['/api/messages', `/v3/directline/conversations/${conversationId}/activities`]) {
      for (const [body, message] of cases) {
        const res = await rawPost(server.url, path, body, { 'content-type': 'application/json', authorization: `Bearer ${token}` });
        assert.equal(res.status, 400, `${path}: ${res.body}`);
        assert.match(res.body, message);
      }
    }
    await assertStillServing(server);
  });

  it('refuses incomplete activities with a 400 that names what is missing, before any turn', async () => {
    const turnErrors = (): Promise<number> => metric(server.url, 'kommune_errors_total{kind="turn"}');
    const before = await turnErrors();
    const complete = messageActivity({ conversationId: 'incomplete', tenant: 'wolfsburg' }, 'Hallo');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...complete, conversation: { id: '' } }, /"conversation" with a non-empty "id"/],
      [{ ...complete, conversation: undefined }, /"conversation" with a non-empty "id"/],
      [{ ...complete, channelId: undefined }, /"channelId"/],
      [{ ...complete, channelId: '' }, /"channelId"/],
      [{ ...complete, from: undefined }, /sender: "from"/],
      [{ ...complete, from: { name: 'ohne id' } }, /sender: "from"/],
      [{ ...complete, type: undefined }, /"type"/],
      [{ ...complete, deliveryMode: undefined, serviceUrl: undefined }, /"serviceUrl"/],
      [{ ...complete, serviceUrl: 'javascript:alert(1)' }, /"serviceUrl"/],
      [{ ...complete, type: 'conversationUpdate', membersAdded: [null] }, /"membersAdded"/],
      [{ ...complete, type: 'conversationUpdate', membersAdded: [{ name: 'x' }] }, /"membersAdded"/],
    ];
    for (const [activity, message] of cases) {
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const body = await res.text();
      assert.equal(res.status, 400, `${JSON.stringify(activity).slice(0, 120)} → ${res.status} ${body}`);
      assert.match((JSON.parse(body) as { error: string }).error, message);
    }
    assert.equal(await turnErrors(), before, 'no turn failed');
    assert.doesNotMatch(server.stderr(), /turn failed/);
    await assertStillServing(server);
  });

  it('checks the Origin on every state-changing agent route, logout included', async () => {
    const { cookie } = await login(server.url, 'anna', PASSWORD);
    assert.ok(cookie);
    const from = (origin: string, path: string, body: unknown): Promise<Response> =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie ?? '', origin },
        body: JSON.stringify(body),
      });
    const evil = 'https://evil.example';
    assert.equal((await from(evil, '/agent/api/logout', {})).status, 403);
    assert.equal((await from(evil, '/agent/api/login', { name: 'anna', password: PASSWORD })).status, 403);
    assert.equal((await from(evil, '/agent/api/tickets/1', { status: 'erledigt' })).status, 403);
    const me = (): Promise<number> => fetch(`${server.url}/agent/api/me`, { headers: { cookie: cookie ?? '' } }).then((r) => r.status);
    assert.equal(await me(), 200, 'the cross-site logout did not end the session');
    assert.equal((await from(new URL(server.url).origin, '/agent/api/logout', {})).status, 204);
    assert.equal(await me(), 401);
  });

  it('is healthy after all of it, and wrote no temporary file', async () => {
    assert.deepEqual(readdirSync(join(server.dir, 'tmp')), []);
    await assertStillServing(server);
  });
});

describe('429 from the per-address limit carries Retry-After (real server process)', function () {
  this.timeout(60000);
  const server = useServer({ prefix: 'retry-after-', env: { RATE_LIMIT_PER_IP: '5' } });

  it('answers a flood with 429 and Retry-After on every route, and serves again after that wait', async () => {
    const activity = JSON.stringify(messageActivity({ conversationId: 'flood', tenant: 'wolfsburg' }, 'Hallo'));
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? fetch(`${server.url}/health`)
          : fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity }),
      ),
    );
    const refused = responses.filter((r) => r.status === 429);
    assert.ok(refused.length > 0, responses.map((r) => r.status).join(','));
    let wait = 0;
    for (const r of refused) {
      const seconds = Number(r.headers.get('retry-after'));
      assert.ok(Number.isInteger(seconds) && seconds >= 1, `Retry-After: ${r.headers.get('retry-after')}`);
      wait = Math.max(wait, seconds);
    }
    await new Promise((r) => setTimeout(r, wait * 1000));
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
  });
});

describe("the self-hosted Direct Line's conversations are reachable only through it (real server process)", function () {
  this.timeout(60000);
  // No MicrosoftAppId: /api/messages is open. Logs at info level, to see what they name.
  const server = useServer({ prefix: 'dl-isolation-', env: { LOG_LEVEL: 'info', RATE_LIMIT_PER_IP: '0' } });
  /** Every conversation id this suite used: none may appear in the log. */
  const used: string[] = [];

  const viaApiMessages = (conversationId: string, channelId: string): Promise<Response> => (
    used.push(conversationId),
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...messageActivity({ conversationId, tenant: 'gifhorn' }, 'Und was kostet das?'), channelId }),
    })
  );

  it('refuses /api/messages activities for a Direct Line conversation, on any channel id, while Direct Line goes on', async () => {
    const { conversationId, token } = await pageToken(server.url);
    used.push(conversationId);
    const dl = (path: string, body?: unknown): Promise<Response> =>
      fetch(`${server.url}/v3/directline/conversations${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    assert.equal((await dl('')).status, 201);
    assert.equal(
      (await dl(`/${conversationId}/activities`, { type: 'message', text: 'Was brauche ich für ein Führungszeugnis?' })).status,
      200,
    );
    for (const channelId of ['directline', 'test', 'emulator']) {
      const res = await viaApiMessages(conversationId, channelId);
      assert.equal(res.status, 403, `${channelId}: ${await res.text()}`);
    }
    assert.equal((await dl(`/${conversationId}/activities`, { type: 'message', text: 'Und was kostet das?' })).status, 200);
  });

  it('refuses a conversation of the Direct Line started before its ids had a namespace', async () => {
    const legacy = 'AbCdEfGhIjKlMnOpQrStUv_-';
    const db = new Database(join(server.dir, 'directline.sqlite'));
    try {
      db.prepare('INSERT INTO dl_conversations (id, tenant, user_id, created) VALUES (?, ?, ?, ?)').run(
        legacy,
        'gifhorn',
        'dl_legacy',
        Date.now(),
      );
    } finally {
      db.close();
    }
    assert.equal((await viaApiMessages(legacy, 'directline')).status, 403);
    // An id of the same shape that is not the Direct Line's is an ordinary conversation.
    assert.equal((await viaApiMessages('ZyXwVuTsRqPoNmLkJiHgFeDc', 'test')).status, 200);
  });

  it('keeps conversation ids out of the log at info level', async () => {
    assert.equal((await viaApiMessages('citizen-conversation-4711', 'test')).status, 200);
    const log = server.stderr();
    assert.match(log, /"msg":"turn"/);
    for (const id of used) assert.ok(!log.includes(id), `the conversation id ${id} is in the log`);
  });
});
