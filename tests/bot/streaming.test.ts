import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { RequestHandler, StreamingRequest, StreamingResponse, WebSocketClient, type IReceiveRequest } from 'botframework-streaming';
import { useServerOnKnowledgeCopy } from '../helpers/server';
import { until } from '../helpers/wait';
import { upgradeStatus } from '../helpers/http';

interface Reply {
  type: string;
  text?: string;
  speak?: string;
  inputHint?: string;
  locale?: string;
  replyToId?: string;
  conversation?: { id: string };
}

/** Plays the bot side of Direct Line Speech's client: collects the activities the bot sends back. */
class Collector extends RequestHandler {
  readonly replies: Reply[] = [];

  override async processRequest(request: IReceiveRequest): Promise<StreamingResponse> {
    const [body] = request.streams;
    const activity = body ? await body.readAsJson<Reply>() : undefined;
    if (activity) this.replies.push(activity);
    return StreamingResponse.create(200, undefined);
  }
}

function parseSsml(ssml: string): { lang: string; voice: string; text: string } {
  assert.equal(XMLValidator.validate(ssml), true, ssml);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(ssml) as {
    speak: { version: string; xmlns: string; 'xml:lang': string; voice: { name: string; '#text': string } };
  };
  assert.equal(parsed.speak.version, '1.0');
  assert.equal(parsed.speak.xmlns, 'http://www.w3.org/2001/10/synthesis');
  return { lang: parsed.speak['xml:lang'], voice: parsed.speak.voice.name, text: String(parsed.speak.voice['#text']) };
}

/** A Direct Line Speech client on a chat page's token: sends messages as the real client does, collects the replies. */
interface SpeechClient {
  /** Sends `text` as a message with the id given (a new one if not); resolves to the id once the bot took it (200). */
  send(text: string, id?: string): Promise<string>;
  /** The bot's reply to the message with `id`, once it has come. */
  replyTo(id: string): Promise<Reply>;
  disconnect(): void;
}

async function speechClient(url: string): Promise<SpeechClient> {
  const { token, conversationId, userId } = (await (await fetch(`${url}/chat/gifhorn/token`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
    userId: string;
  };
  const collector = new Collector();
  const client = new WebSocketClient({
    url: `${url.replace('http', 'ws')}/api/messages?token=${encodeURIComponent(token)}`,
    requestHandler: collector,
    disconnectionHandler: () => undefined,
  });
  await client.connect();
  const replyTo = (id: string): Reply | undefined => collector.replies.find((r) => r.replyToId === id);
  return {
    async send(text, id = randomUUID()) {
      const request = StreamingRequest.create('POST', '/api/messages');
      // A JSON string body: an object body crashes the client's serialiser.
      request.setBody(
        JSON.stringify({
          type: 'message',
          id,
          text,
          locale: 'de-DE',
          channelId: 'directlinespeech',
          serviceUrl: 'urn:botframework:websocket',
          from: { id: userId, role: 'user' },
          recipient: { id: 'kommune-assistant', role: 'bot' },
          conversation: { id: conversationId },
        }),
      );
      assert.equal((await client.send(request)).statusCode, 200);
      return id;
    },
    async replyTo(id) {
      await until(() => replyTo(id) !== undefined, `the reply to ${id}`, { timeoutMs: 15000 });
      return replyTo(id) as Reply;
    },
    disconnect: () => client.disconnect(),
  };
}

describe('voice: /api/messages over the streaming protocol (botframework-streaming client)', function () {
  this.timeout(60000);
  // The shipped knowledge with another voice for Gifhorn, to see that the tenant's voice is used.
  const server = useServerOnKnowledgeCopy('assistant-voice-', undefined, (knowledge) => {
    const tenantFile = join(knowledge, 'tenants', 'gifhorn.yaml');
    writeFileSync(tenantFile, readFileSync(tenantFile, 'utf8').replace(/^stimme: .*$/m, 'stimme: de-DE-ConradNeural'));
  });

  it("answers a message sent as Direct Line Speech would, with SSML speak in de-DE and the Kommune's voice, and the right inputHint", async () => {
    const speech = await speechClient(server.url);
    try {
      const hello = await speech.send('Hallo');
      const greeting = await speech.replyTo(hello);
      const g = parseSsml(greeting.speak ?? '');
      assert.equal(g.lang, 'de-DE');
      assert.equal(g.voice, 'de-DE-ConradNeural');
      assert.match(g.text, /Landkreis Gifhorn/);
      assert.equal(greeting.inputHint, 'expectingInput', 'the greeting asks how it can help');

      const question = await speech.send('Was brauche ich für einen Personalausweis?');
      const answer = await speech.replyTo(question);
      const a = parseSsml(answer.speak ?? '');
      assert.equal(a.lang, 'de-DE');
      assert.equal(a.voice, 'de-DE-ConradNeural');
      assert.match(a.text, /Personalausweis/);
      assert.match(a.text, /Sie brauchen (zwei|drei|vier|fünf|\d+) Unterlagen/);
      assert.doesNotMatch(a.text, /https?:|\*\*|€/);
      // It offers to read all of them, and waits for the answer.
      assert.match(a.text, /Soll ich Ihnen alle vorlesen\?$/);
      assert.equal(answer.inputHint, 'expectingInput');

      const vague = await speech.send('Was kostet das?');
      const asked = await speech.replyTo(vague);
      // Context: the follow-up is about the Personalausweis; without it the bot would ask back.
      assert.match(parseSsml(asked.speak ?? '').text, /Personalausweis|Euro/);
    } finally {
      speech.disconnect();
    }
  });

  it('answers an English caller in English: SSML in en-GB with the English voice, amounts for an English ear', async () => {
    const speech = await speechClient(server.url);
    try {
      const question = await speech.send('How much does a passport cost?');
      const answer = await speech.replyTo(question);
      const a = parseSsml(answer.speak ?? '');
      assert.equal(a.lang, 'en-GB');
      assert.equal(a.voice, 'en-GB-SoniaNeural');
      assert.match(a.text, /[Pp]assport/);
      assert.match(a.text, /70 euros/);
      assert.doesNotMatch(a.text, /https?:|\*\*|€|Reisepass \(/);
      assert.equal(answer.locale, 'en-GB');
      // The conversation stays English: a short follow-up is answered in English too.
      const followUp = await speech.replyTo(await speech.send('and how long does it take?'));
      assert.equal(parseSsml(followUp.speak ?? '').lang, 'en-GB');
      assert.match(parseSsml(followUp.speak ?? '').text, /weeks/);
    } finally {
      speech.disconnect();
    }
  });

  it('asks back for the service with expectingInput', async () => {
    const speech = await speechClient(server.url);
    try {
      const reply = await speech.replyTo(await speech.send('Was kostet das?', 'q1'));
      assert.equal(reply.inputHint, 'expectingInput');
      assert.match(parseSsml(reply.speak ?? '').text, /Um welche Leistung geht es\? Zur Auswahl stehen zum Beispiel: /);
    } finally {
      speech.disconnect();
    }
  });

  it('refuses unauthenticated and forged upgrades without crashing, and stays healthy', async () => {
    const ws = server.url.replace('http', 'ws');
    assert.equal(await upgradeStatus(`${ws}/api/messages`), 401);
    assert.equal(await upgradeStatus(`${ws}/api/messages`, { authorization: 'Bearer something' }), 401);
    assert.equal(await upgradeStatus(`${ws}/api/messages?token=forged.token.value`), 403);
    // A trusted server-side voice client with the Direct Line secret (generated into DATA_DIR on first start).
    const secret = readFileSync(join(server.dir, 'directline-secret'), 'utf8').trim();
    assert.equal(await upgradeStatus(`${ws}/api/messages`, { authorization: `Bearer ${secret}` }), 101);
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    assert.equal(server.child.exitCode, null);
  });
});
