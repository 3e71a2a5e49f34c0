import { strict as assert } from 'node:assert';
import { AgentSocket, login, useServerWithAgent } from '../../helpers/agent';

const PASSWORD = 'richtig-geheim-42';

interface DlActivity {
  id: string;
  type: string;
  text?: string;
  textFormat?: string;
  replyToId?: string;
  from: { id: string; name?: string; role?: string };
}

/**
 * The escalation on the citizen's real channel: Web Chat's Direct Line. The agent's messages are proactive
 * (continueConversationAsync) and must reach the Direct Line conversation, not only HTTP channels.
 */
describe('an agent chat reaches a citizen on the local Direct Line (real server process)', function () {
  this.timeout(60000);
  // Tuesday 24 Nov 2026, 10:00 in Berlin: the service center is open.
  const server = useServerWithAgent('dl-handoff-', PASSWORD, { ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z', HANDOFF_TICK_MS: '200' });

  it('queues the Web Chat citizen, relays both ways, and hands back to the bot', async () => {
    const { cookie } = await login(server.url, 'anna', PASSWORD);
    const agent = await AgentSocket.open(server.url, cookie);
    await agent.waitFor((m) => m.type === 'hello');

    const tokenRes = await fetch(`${server.url}/chat/gifhorn/token`, { method: 'POST' });
    const { token, conversationId } = (await tokenRes.json()) as { token: string; conversationId: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    assert.equal((await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: auth })).status, 201);
    const send = async (text: string): Promise<void> => {
      const res = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'message', text, from: { id: 'citizen', role: 'user' } }),
      });
      assert.equal(res.status, 200);
    };
    const all = async (): Promise<DlActivity[]> => {
      const res = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { headers: auth });
      return ((await res.json()) as { activities: DlActivity[] }).activities;
    };
    const botSays = async (pattern: RegExp): Promise<DlActivity> => {
      for (const end = Date.now() + 15000; Date.now() < end;) {
        const hit = (await all()).find((a) => a.type === 'message' && a.from.role === 'bot' && pattern.test(a.text ?? ''));
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`the citizen never got ${pattern}`);
    };

    await send('Was kostet ein Reisepass?');
    await botSays(/70,00/);
    await send('Ich möchte mit einem Mitarbeiter sprechen');
    await botSays(/Sie sind als Nächstes an der Reihe/);

    const [item] = await agent.queue((items) => items.some((i) => i.tenant === 'gifhorn'));
    assert.ok(
      item.transcript.some((t) => /70,00/.test(t.text)),
      "the transcript shows the bot's answer",
    );
    agent.send({ type: 'accept', id: item.id });
    await botSays(/^Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden\./);
    agent.send({ type: 'send', id: item.id, text: 'Guten Tag, hier ist **Frau Schmidt** vom Service-Center.' });
    const relayed = await botSays(/hier ist \*\*Frau Schmidt\*\* vom Service-Center/);
    assert.deepEqual(
      { text: relayed.text, textFormat: relayed.textFormat, name: relayed.from.name },
      {
        text: 'Frau Schmidt (Service-Center): Guten Tag, hier ist **Frau Schmidt** vom Service-Center.',
        textFormat: 'plain',
        name: 'Frau Schmidt',
      },
    );
    await send('Danke, ich habe eine Frage zum Kinderreisepass.');
    await agent.waitFor((m) => m.type === 'message' && m.message?.sender === 'citizen' && /Kinderreisepass/.test(m.message.text));
    agent.send({ type: 'end', id: item.id });
    await botSays(/^Frau Schmidt hat das Gespräch beendet\..*Ist noch etwas offen/);
    // Every bot activity replies, if at all, to an activity the client has: Web Chat holds any other for ~5 s.
    const activities = await all();
    const ids = new Set(activities.map((a) => a.id));
    assert.deepEqual(
      activities.filter((a) => a.replyToId !== undefined && !ids.has(a.replyToId)).map((a) => a.text),
      [],
    );
    assert.doesNotMatch(
      JSON.stringify(activities.filter((a) => a.from.role === 'bot')),
      /anna/,
      'the login name never reaches the citizen',
    );
    await agent.close();
  });
});
