import { strict as assert } from 'node:assert';
import { useServer } from './helpers/server';
import { AgentSocket, addAgent, login } from './helpers/agent';

const PASSWORD = 'richtig-geheim-42';

interface DlActivity { type: string; text?: string; from: { id: string; role?: string } }

/**
 * The escalation on the citizen's real channel: Web Chat's Direct Line. The agent's messages are proactive
 * (continueConversationAsync) and must reach the Direct Line conversation, not only HTTP channels.
 */
describe('an agent chat reaches a citizen on the local Direct Line (real server process)', function () {
  this.timeout(60000);
  const server = useServer({
    prefix: 'dl-handoff-',
    prepare: (dir) => { addAgent(dir, 'anna', PASSWORD); },
    // Tuesday 24 Nov 2026, 10:00 in Berlin: the service center is open.
    env: { ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z', HANDOFF_TICK_MS: '200' },
  });

  it('queues the Web Chat citizen, relays both ways, and hands back to the bot', async () => {
    const { cookie } = await login(server.url, 'anna', PASSWORD);
    const agent = await AgentSocket.open(server.url, cookie);
    await agent.waitFor((m) => m.type === 'hello');

    const tokenRes = await fetch(`${server.url}/chat/gifhorn/token`, { method: 'POST' });
    const { token, conversationId } = await tokenRes.json() as { token: string; conversationId: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    assert.equal((await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: auth })).status, 201);
    const send = async (text: string): Promise<void> => {
      const res = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text, from: { id: 'citizen', role: 'user' } }),
      });
      assert.equal(res.status, 200);
    };
    const botSays = async (pattern: RegExp): Promise<void> => {
      for (const end = Date.now() + 15000; Date.now() < end;) {
        const res = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { headers: auth });
        const { activities } = await res.json() as { activities: DlActivity[] };
        if (activities.some((a) => a.type === 'message' && a.from.role === 'bot' && pattern.test(a.text ?? ''))) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`the citizen never got ${pattern}`);
    };

    await send('Was kostet ein Reisepass?');
    await botSays(/70,00/);
    await send('Ich möchte mit einem Mitarbeiter sprechen');
    await botSays(/Sie sind als Nächstes an der Reihe/);

    const [item] = await agent.queue((items) => items.some((i) => i.tenant === 'gifhorn'));
    assert.ok(item.transcript.some((t) => /70,00/.test(t.text)), 'the transcript shows the bot\'s answer');
    agent.send({ type: 'accept', id: item.id });
    await botSays(/anna/);
    agent.send({ type: 'send', id: item.id, text: 'Guten Tag, hier ist Anna vom Service-Center.' });
    await botSays(/hier ist Anna vom Service-Center/);
    await send('Danke, ich habe eine Frage zum Kinderreisepass.');
    await agent.waitFor((m) => m.type === 'message' && m.message?.sender === 'citizen' && /Kinderreisepass/.test(m.message.text));
    agent.send({ type: 'end', id: item.id });
    await botSays(/Ist noch etwas offen/);
    await agent.close();
  });
});
