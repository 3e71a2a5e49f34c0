import { strict as assert } from 'node:assert';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { messageActivity, useServer } from '../helpers/server';

const APP_ID = '11111111-2222-3333-4444-555555555555';

/** A stand-in for the Bot Framework's token issuer: OpenID metadata and the signing keys, on localhost. */
async function startIssuer(publicKey: KeyObject): Promise<{ server: Server; url: string }> {
  const jwk = publicKey.export({ format: 'jwk' });
  let base = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration')
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    else if (req.url === '/keys')
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'test-key', n: jwk.n, e: jwk.e, endorsements: ['test'] }] }));
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: `${base}/.well-known/openidconfiguration` };
}

describe('/api/messages with MicrosoftAppId set: only valid Bot Framework tokens get in', function () {
  this.timeout(60000);
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let issuer: { server: Server; url: string };
  before(async () => {
    issuer = await startIssuer(trusted.publicKey);
  });
  const bot = useServer({
    prefix: 'security-',
    env: () => ({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-for-expect-replies', BotOpenIdMetadata: issuer.url }),
  });
  after(() => {
    issuer?.server.close();
  });

  const token = (key: KeyObject, claims: Record<string, unknown> = {}, expiresIn = 600): string =>
    jwt.sign({ aud: APP_ID, serviceurl: 'http://localhost:1', ...claims }, key, {
      algorithm: 'RS256',
      keyid: 'test-key',
      issuer: 'https://api.botframework.com',
      expiresIn,
    });
  const post = (authorization?: string): Promise<Response> =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(messageActivity({ conversationId: 'secure-1', tenant: 'wolfsburg' }, 'Was kostet ein Reisepass?')),
    });

  it('refuses a request without a token', async () => {
    assert.equal((await post()).status, 401);
  });

  it('refuses a token signed with another key under the trusted key id (forged)', async () => {
    assert.equal((await post(`Bearer ${token(attacker.privateKey)}`)).status, 401);
  });

  it('refuses a token for another bot, and an expired one', async () => {
    assert.equal((await post(`Bearer ${token(trusted.privateKey, { aud: 'another-bot' })}`)).status, 401);
    // botbuilder allows five minutes of clock skew: this one expired ten minutes ago.
    assert.equal((await post(`Bearer ${token(trusted.privateKey, {}, -600)}`)).status, 401);
  });

  it('answers a request with a valid channel token', async () => {
    const res = await post(`Bearer ${token(trusted.privateKey)}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { activities: { text?: string }[] };
    assert.match(body.activities.map((a) => a.text).join('\n'), /70,00/);
  });

  it('stays healthy after all that', async () => {
    assert.equal((await fetch(`${bot.url}/health`)).status, 200);
  });
});
