import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { replyText, say, useServer, type Citizen } from '../helpers/server';
import { MALFORMED_BODIES, assertAllRefused } from '../helpers/http';

const citizen = (tenant?: string): Citizen => ({ conversationId: randomUUID(), tenant });

describe('HTTP endpoint /api/messages (real server process)', function () {
  this.timeout(60000);
  const server = useServer({ prefix: 'assistant-http-' });

  it('GET /health answers ok', async () => {
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', checks: { knowledge: 'ok', database: 'ok' } });
  });

  it('GET /health/live answers while the process serves, /health/ready like /health', async () => {
    assert.deepEqual(await (await fetch(`${server.url}/health/live`)).json(), { status: 'ok' });
    const ready = await fetch(`${server.url}/health/ready`);
    assert.equal(ready.status, 200);
    assert.equal(ready.headers.get('cache-control'), 'no-store');
  });

  it('lists the documents for a new Personalausweis, with the biometric photo, as a checklist card when all are asked for', async () => {
    const replies = await say(server.url, citizen('wolfsburg'), 'Was brauche ich für einen neuen Personalausweis? Alle Unterlagen bitte.');
    // The list comes once: in the checklist card (the text only introduces it).
    assert.match(`${replyText(replies)} ${JSON.stringify(replies.map((r) => r.attachments ?? []))}`, /[Bb]iometrisch/);
    assert.ok(replies.some((r) => r.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')));
  });

  it('gives the fee of a Reisepass', async () => {
    const text = replyText(await say(server.url, citizen('wolfsburg'), 'Was kostet ein Reisepass?'));
    assert.match(text, /70,00\s€/);
    assert.match(text, /Quelle: /);
  });

  it('keeps context: Führungszeugnis documents, then "Und was kostet das?"', async () => {
    const c = citizen('wolfsburg');
    assert.match(replyText(await say(server.url, c, 'Was brauche ich für ein Führungszeugnis?')), /Führungszeugnis/);
    const text = replyText(await say(server.url, c, 'Und was kostet das?'));
    assert.match(text, /Führungszeugnis/);
    assert.match(text, /13,00\s€/);
  });

  it('tenant gifhorn: sends the citizen to the Gemeinde/Samtgemeinde for a Personalausweis', async () => {
    const text = replyText(await say(server.url, citizen('gifhorn'), 'Wo kann ich einen Personalausweis beantragen?'));
    assert.match(text, /Gemeinde/);
    assert.match(text, /Samtgemeinde/);
  });

  it('answers out-of-scope questions honestly with what it can do', async () => {
    const text = replyText(await say(server.url, citizen('wolfsburg'), 'Können Sie mir ein Rezept für Lasagne geben?'));
    assert.match(text, /leider nicht helfen/);
    assert.match(text, /Personalausweis/);
  });

  it('uses the default tenant for an unknown one', async () => {
    const text = replyText(await say(server.url, citizen('atlantis'), 'Hallo'));
    assert.match(text, /Stadt Wolfsburg/);
  });

  it('answers malformed JSON and non-activities with 4xx and stays healthy', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await assertAllRefused(post, [...MALFORMED_BODIES, '{"type":"message","text":{"a":1},"conversation":{"id":"x"}}']);
    const huge = await post(JSON.stringify({ type: 'message', text: 'x'.repeat(2_000_000) }));
    assert.equal(huge.status, 413);
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
  });

  it('answers long, odd and empty texts politely', async () => {
    for (const text of ['Was kostet ein Reisepass? '.repeat(3000), '🙂🙂🙂', '', '\u0000\u0007\ud800', '   ']) {
      const replies = await say(server.url, citizen('wolfsburg'), text);
      assert.ok(replies.length >= 1 && (replies[0].text ?? '').length > 0, JSON.stringify(text.slice(0, 20)));
    }
  });

  it("keeps a conversation's context across a kill -9 and restart", async () => {
    const c = citizen('gifhorn');
    assert.match(replyText(await say(server.url, c, 'Was brauche ich für ein Führungszeugnis?')), /Führungszeugnis/);
    await server.restart('SIGKILL');
    const text = replyText(await say(server.url, c, 'Und was kostet das?'));
    assert.match(text, /Führungszeugnis/);
    assert.match(text, /13,00\s€/);
    // The tenant chosen by the first activity is kept, too.
    assert.match(replyText(await say(server.url, { conversationId: c.conversationId }, 'Hallo')), /Landkreis Gifhorn/);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    assert.equal(await server.restart('SIGTERM'), 0);
  });
});
