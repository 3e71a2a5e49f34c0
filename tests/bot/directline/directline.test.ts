import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DirectLine, type Activity as DlActivity, type Message } from 'botframework-directlinejs';
import { useServer } from '../../helpers/server';
import { installBrowserShims } from '../../helpers/xhr';
import { pageToken, postActivity, waitFor, type TokenResponse } from '../../helpers/directline';
import { MALFORMED_BODIES, assertAllRefused, upgradeStatus } from '../../helpers/http';

const SECRET = 'test-directline-secret-0123456789';

type BotMessage = Message & { replyToId?: string; speak?: string };
const isBotMessage = (a: DlActivity): a is BotMessage => a.type === 'message' && a.from.role === 'bot';

describe('Direct Line 3.0 (self-hosted) with botframework-directlinejs', function () {
  this.timeout(60000);
  before(() => installBrowserShims());
  const server = useServer({ prefix: 'assistant-dl-', env: { DIRECTLINE_SECRET: SECRET } });

  it('starts, answers a question over the WebSocket stream, and resumes with a watermark', async () => {
    const { token, conversationId, userId } = await pageToken(server.url);
    const dl = new DirectLine({ token, domain: `${server.url}/v3/directline`, webSocket: true });
    const seen: DlActivity[] = [];
    const subscription = dl.activity$.subscribe((a) => seen.push(a));

    // The greeting arrives on start, before anything was asked.
    await waitFor(seen, (all) => all.some((a) => isBotMessage(a) && /Landkreis Gifhorn/.test(a.text ?? '')));
    const internals = dl as unknown as { webSocket: boolean; streamUrl: string; conversationId: string };
    assert.equal(internals.webSocket, true, 'uses the WebSocket stream, not polling');
    assert.match(internals.streamUrl, /^ws:\/\/.*\/v3\/directline\/conversations\/.+\/stream\?t=/);
    assert.equal(internals.conversationId, conversationId);

    const id = await postActivity(dl, {
      type: 'message',
      from: { id: userId },
      text: 'Was brauche ich für einen Personalausweis? Bitte alle Unterlagen.',
      channelData: { clientActivityID: 'c-1' },
    });
    assert.match(id, new RegExp(`^${conversationId}\\|\\d{7}$`));
    await waitFor(seen, (all) => all.some((a) => isBotMessage(a) && a.replyToId === id));
    // The citizen's own activity comes back (Web Chat shows it as sent), with its client id.
    const echo = seen.find((a) => a.id === id) as Message;
    assert.equal(echo.from.role, 'user');
    assert.equal((echo.channelData as { clientActivityID?: string }).clientActivityID, 'c-1');
    const answer = seen.find((a) => isBotMessage(a) && a.replyToId === id) as BotMessage;
    assert.match(answer.text ?? '', /Personalausweis/);
    assert.match(`${answer.text ?? ''} ${JSON.stringify(answer.attachments ?? [])}`, /Gemeinde|Samtgemeinde|Lichtbild/);
    assert.ok(
      answer.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'),
      'checklist card',
    );
    assert.match(answer.speak ?? '', /^<speak .*xml:lang="de-DE"/);

    const watermark = (dl as unknown as { watermark: string }).watermark;
    assert.match(watermark, /^\d+$/);
    subscription.unsubscribe();
    dl.end();

    // Resume: a refreshed token, the conversation id and the watermark; only newer activities come.
    const refreshed = await fetch(`${server.url}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(refreshed.status, 200);
    const { token: token2 } = (await refreshed.json()) as TokenResponse;
    const resumed = new DirectLine({ token: token2, conversationId, watermark, domain: `${server.url}/v3/directline`, webSocket: true });
    const later: DlActivity[] = [];
    const sub2 = resumed.activity$.subscribe((a) => later.push(a));
    const id2 = await postActivity(resumed, { type: 'message', from: { id: userId }, text: 'Und was kostet das?' });
    await waitFor(later, (all) => all.some((a) => isBotMessage(a) && a.replyToId === id2));
    const fees = later.find((a) => isBotMessage(a) && a.replyToId === id2) as Message;
    assert.match(fees.text ?? '', /Personalausweis/);
    assert.match(fees.text ?? '', /€/);
    assert.ok(!later.some((a) => a.id === id || (isBotMessage(a) && /Guten Tag/.test(a.text ?? ''))), 'nothing before the watermark again');
    sub2.unsubscribe();
    resumed.end();
  });

  describe('tokens are bound to one conversation', () => {
    const api = (path: string, token: string | undefined, init: RequestInit = {}): Promise<Response> =>
      fetch(`${server.url}/v3/directline${path}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    const streamStatus = (path: string): Promise<number> => upgradeStatus(`${server.url.replace('http', 'ws')}${path}`);
    /** Signed like the server's tokens (the key derives from DIRECTLINE_SECRET), with chosen claims. */
    const signed = (claims: Record<string, unknown>, expiresInSeconds: number): string => {
      const key = createHmac('sha256', SECRET).update('directline token signing v1').digest();
      return jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + expiresInSeconds }, key, {
        algorithm: 'HS256',
        issuer: 'kommune-assistant/directline',
        audience: 'directline',
      });
    };

    it("conversation A's token cannot read, post to, stream or resume conversation B (403)", async () => {
      const a = await pageToken(server.url);
      const b = await pageToken(server.url, 'wolfsburg');
      assert.equal((await api('/conversations', a.token, { method: 'POST' })).status, 201);
      assert.equal((await api('/conversations', b.token, { method: 'POST' })).status, 201);
      assert.equal((await api(`/conversations/${b.conversationId}/activities`, a.token)).status, 403);
      assert.equal(
        (
          await api(`/conversations/${b.conversationId}/activities`, a.token, {
            method: 'POST',
            body: JSON.stringify({ type: 'message', text: 'Hallo' }),
          })
        ).status,
        403,
      );
      assert.equal((await api(`/conversations/${b.conversationId}?watermark=0`, a.token)).status, 403);
      assert.equal(await streamStatus(`/v3/directline/conversations/${b.conversationId}/stream?t=${encodeURIComponent(a.token)}`), 403);
      // …while each reads its own.
      const own = await api(`/conversations/${b.conversationId}/activities`, b.token);
      assert.equal(own.status, 200);
      const set = (await own.json()) as { activities: Message[]; watermark: string };
      assert.ok(set.activities.some((x) => /Stadt Wolfsburg/.test(x.text ?? '')));
      assert.equal(await streamStatus(`/v3/directline/conversations/${a.conversationId}/stream?t=${encodeURIComponent(a.token)}`), 101);
    });

    it('refuses expired, forged and missing tokens, and a token claiming another Kommune', async () => {
      const a = await pageToken(server.url);
      await api('/conversations', a.token, { method: 'POST' });
      const payload = JSON.parse(Buffer.from(a.token.split('.')[1], 'base64url').toString()) as {
        conv: string;
        tenant: string;
        user: string;
      };
      const expired = signed({ conv: payload.conv, tenant: payload.tenant, user: payload.user }, -10);
      const otherTenant = signed({ conv: payload.conv, tenant: 'wolfsburg', user: payload.user }, 600);
      const forged = jwt.sign({ conv: payload.conv, tenant: payload.tenant, user: payload.user }, 'guessed-key', {
        algorithm: 'HS256',
        issuer: 'kommune-assistant/directline',
        audience: 'directline',
        expiresIn: 600,
      });
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${a.token.split('.')[1]}.`;
      for (const bad of [expired, otherTenant, forged, unsigned, 'not-a-token']) {
        assert.equal((await api(`/conversations/${a.conversationId}/activities`, bad)).status, 403, bad.slice(0, 30));
        assert.equal((await api('/tokens/refresh', bad, { method: 'POST' })).status, 403);
        assert.equal(await streamStatus(`/v3/directline/conversations/${a.conversationId}/stream?t=${encodeURIComponent(bad)}`), 403);
      }
      assert.equal((await api(`/conversations/${a.conversationId}/activities`, undefined)).status, 401);
      assert.equal(await streamStatus(`/v3/directline/conversations/${a.conversationId}/stream`), 401);
      // A valid signature for a conversation that does not exist.
      assert.equal(
        (await api('/conversations/nope/activities', signed({ conv: 'nope', tenant: 'gifhorn', user: 'dl_x' }, 600))).status,
        404,
      );
      assert.equal(
        (await api('/tokens/refresh', signed({ conv: 'nope', tenant: 'gifhorn', user: 'dl_x' }, 600), { method: 'POST' })).status,
        404,
      );
    });

    it('answers bad input with clear 4xx and stays healthy', async () => {
      const a = await pageToken(server.url);
      await api('/conversations', a.token, { method: 'POST' });
      const post = (body: string) => api(`/conversations/${a.conversationId}/activities`, a.token, { method: 'POST', body });
      await assertAllRefused(post, [
        ...MALFORMED_BODIES,
        '{"type":"message","text":{"a":1}}',
        '{"type":"message","attachments":"x"}',
        '{"type":"conversationUpdate"}',
      ]);
      assert.equal((await api(`/conversations/${a.conversationId}/activities?watermark=abc`, a.token)).status, 400);
      assert.equal((await api(`/conversations/${a.conversationId}/activities?watermark=-1`, a.token)).status, 400);
      assert.equal(
        await streamStatus(`/v3/directline/conversations/${a.conversationId}/stream?t=${encodeURIComponent(a.token)}&watermark=x`),
        400,
      );
      // tokens/generate needs the secret; the chat page's token endpoint knows only real Kommunen.
      assert.equal((await api('/tokens/generate', undefined, { method: 'POST' })).status, 401);
      assert.equal((await api('/tokens/generate', 'wrong-secret', { method: 'POST' })).status, 403);
      const generated = await api('/tokens/generate', SECRET, { method: 'POST', body: JSON.stringify({ tenant: 'wolfsburg' }) });
      assert.equal(generated.status, 200);
      assert.equal((await api('/tokens/generate', SECRET, { method: 'POST', body: JSON.stringify({ tenant: 'atlantis' }) })).status, 400);
      assert.equal((await fetch(`${server.url}/chat/atlantis/token`, { method: 'POST' })).status, 404);
      // Nobody but the server itself may speak as the local Direct Line to the bot.
      const spoof = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'Hallo',
          channelId: 'directline',
          serviceUrl: 'https://directline.local/kommune-assistant',
          conversation: { id: a.conversationId },
          from: { id: 'x' },
          recipient: { id: 'bot' },
        }),
      });
      assert.equal(spoof.status, 403);
      assert.equal(await streamStatus('/nowhere'), 404);
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
    });

    it('keeps conversations and activities across a restart', async () => {
      const a = await pageToken(server.url);
      await api('/conversations', a.token, { method: 'POST' });
      const posted = await api(`/conversations/${a.conversationId}/activities`, a.token, {
        method: 'POST',
        body: JSON.stringify({ type: 'message', text: 'Was kostet ein Reisepass?' }),
      });
      assert.equal(posted.status, 200);
      await server.restart('SIGKILL');
      const res = await api(`/conversations/${a.conversationId}/activities?watermark=1`, a.token);
      assert.equal(res.status, 200);
      const set = (await res.json()) as { activities: Message[] };
      assert.ok(set.activities.some((x) => x.text === 'Was kostet ein Reisepass?'));
      assert.ok(set.activities.some((x) => x.from.role === 'bot' && /70,00\s€/.test(x.text ?? '')));
    });
  });
});
