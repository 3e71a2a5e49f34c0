import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { messageActivity, post, replyText, say, useServer, type Citizen } from '../../helpers/server';
import { TestConnector } from '../../helpers/connector';
import { AgentSocket, addAgent, login } from '../../helpers/agent';
import { until } from '../../helpers/wait';

const PASSWORD = 'richtig-geheim-42';
/** Tuesday 24 Nov 2026, 10:00 in Berlin: the service center is open. */
const IN_HOURS = '2026-11-24T09:00:00Z';
const HUMAN = 'Ich möchte mit einem Mitarbeiter sprechen';

describe('handoff to agents through the real server process', function () {
  this.timeout(90000);
  const connector = new TestConnector();
  const citizen = (): Citizen => ({ conversationId: `c-${randomUUID()}`, tenant: 'wolfsburg', serviceUrl: connector.url });

  before(() => connector.start());
  const server = useServer({
    prefix: 'assistant-handoff-',
    prepare: (dir) => {
      assert.match(addAgent(dir, 'anna', PASSWORD), /agent "anna" added/);
      addAgent(dir, 'bert', PASSWORD);
      addAgent(dir, 'carla', PASSWORD);
      addAgent(dir, 'emil', PASSWORD);
      assert.match(
        addAgent(dir, 'frieda', PASSWORD, {}, ['--display-name', '  Frau   Schmidt ']),
        /agent "frieda" added .*shown to citizens as "Frau Schmidt"/,
      );
    },
    env: {
      ASSISTANT_CLOCK_START: IN_HOURS,
      HANDOFF_TICK_MS: '200',
      AGENT_RECONNECT_GRACE_SECONDS: '1',
      HANDOFF_ACCEPT_TIMEOUT_SECONDS: '600',
    },
  });
  after(() => connector.stop());

  describe('agent accounts and sessions', () => {
    it('agent:add refuses a short password and an existing name', () => {
      assert.throws(() => addAgent(server.dir, 'dora', 'kurz'), /10 to 200 characters/);
      assert.throws(() => addAgent(server.dir, 'anna', PASSWORD), /exists already/);
    });

    it('agent:add sets, changes and removes the display name; refuses one that is no name', async () => {
      for (const bad of ['<b>Anna</b>', '[Anna](https://evil.example)', 'Agent 007', 'A', '**Frau** Schmidt', 'x'.repeat(61)]) {
        assert.throws(() => addAgent(server.dir, 'gustav', PASSWORD, {}, ['--display-name', bad]), /display name may contain letters/, bad);
      }
      assert.throws(() => addAgent(server.dir, 'gustav', PASSWORD, {}, ['--display-name']), /missing value of --display-name/);
      // An existing agent: the display name alone, no password asked (stdin is not read: no password in it).
      assert.match(
        addAgent(server.dir, 'gustav', PASSWORD, {}, ['--display-name=Dr. Anna-Lena Müller']),
        /agent "gustav" added.*"Dr\. Anna-Lena Müller"/,
      );
      assert.match(
        addAgent(server.dir, 'gustav', '', {}, ['--display-name', 'Herr O’Brien']),
        /display name of agent "gustav" set to "Herr O’Brien"/,
      );
      const me = async (): Promise<unknown> => {
        const { cookie } = await login(server.url, 'gustav', PASSWORD);
        return (
          (await (await fetch(`${server.url}/agent/api/me`, { headers: { cookie: cookie ?? '' } })).json()) as { displayName: unknown }
        ).displayName;
      };
      assert.equal(await me(), 'Herr O’Brien');
      assert.match(addAgent(server.dir, 'gustav', '', {}, ['--display-name', '']), /display name of agent "gustav" removed/);
      assert.equal(await me(), null);
    });

    it('refuses a wrong password and locks the account after 5 failures (even for the right one)', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await login(server.url, 'bert', 'falsches-passwort')).status, 401);
      const locked = await login(server.url, 'bert', PASSWORD);
      assert.equal(locked.status, 429);
      assert.equal(locked.cookie, undefined);
      assert.equal((await login(server.url, 'niemand', PASSWORD)).status, 401);
    });

    it('sets an HttpOnly, SameSite=Strict session cookie', async () => {
      const res = await fetch(`${server.url}/agent/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'anna', password: PASSWORD }),
      });
      assert.equal(res.status, 200);
      assert.match(
        res.headers.get('set-cookie') ?? '',
        /^agent_session=[\w-]{40,}; Path=\/agent; HttpOnly; SameSite=Strict; Max-Age=28800$/,
      );
    });

    it('refuses a citizen (no session) on the agent API and the WebSocket', async () => {
      for (const path of ['/agent/api/me', '/agent/api/queue', '/agent/api/tickets']) {
        assert.equal((await fetch(`${server.url}${path}`)).status, 401, path);
      }
      const forged = await fetch(`${server.url}/agent/api/tickets`, { headers: { cookie: 'agent_session=forged' } });
      assert.equal(forged.status, 401);
      const post1 = await fetch(`${server.url}/agent/api/tickets/1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"status":"erledigt"}',
      });
      assert.equal(post1.status, 401);
      await assert.rejects(AgentSocket.open(server.url, undefined), /HTTP 401/);
      await assert.rejects(AgentSocket.open(server.url, 'agent_session=forged'), /HTTP 401/);
      // Unknown upgrade paths are refused too, and the server stays healthy.
      await assert.rejects(
        new Promise((resolve, reject) => {
          const ws = new WebSocket(`${server.url.replace('http', 'ws')}/nirgendwo`);
          ws.once('open', resolve);
          ws.once('unexpected-response', (_q, r) => reject(new Error(`HTTP ${r.statusCode}`)));
          ws.once('error', reject);
        }),
        /HTTP 404/,
      );
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
    });

    it('answers bad input on the agent API with 4xx', async () => {
      const { cookie } = await login(server.url, 'anna', PASSWORD);
      const h = { 'content-type': 'application/json', cookie: cookie ?? '' };
      const bad = async (path: string, body: string) => (await fetch(`${server.url}${path}`, { method: 'POST', headers: h, body })).status;
      assert.equal(await bad('/agent/api/login', '{"name": '), 400);
      assert.equal(await bad('/agent/api/login', '[1,2]'), 400);
      assert.equal(await bad('/agent/api/login', JSON.stringify({ name: 42, password: ['x'] })), 401);
      assert.equal(await bad('/agent/api/login', JSON.stringify({ name: 'anna', password: 'x'.repeat(100000) })), 401);
      assert.equal(await bad('/agent/api/tickets/999999', JSON.stringify({ status: 'erledigt' })), 404);
      assert.equal(await bad('/agent/api/tickets/abc', JSON.stringify({ status: 'erledigt' })), 404);
      assert.equal(await bad('/agent/api/tickets/1', JSON.stringify({ status: 'vergessen' })), 400);
      assert.equal(await bad('/agent/api/tickets/1', JSON.stringify({ status: 'erledigt', note: 'x'.repeat(3000) })), 400);
      assert.equal((await fetch(`${server.url}/agent/nicht-da.js`)).status, 404);
      const socket = await AgentSocket.open(server.url, cookie);
      socket.ws.send('kein json');
      socket.send({ type: 'accept', id: 'gibt-es-nicht' });
      socket.send({ type: 'zaubern', id: 42 });
      await socket.waitFor((m) => m.type === 'error' && /gibt es nicht/.test(String(m.message)));
      socket.send({ type: 'ping' });
      await socket.waitFor((m) => m.type === 'pong');
      await socket.close();
    });
  });

  describe('queue and relay', () => {
    it('nobody online in hours: the citizen is offered a callback', async () => {
      // The previous test's agent socket has closed on its side; wait until the server has seen it too.
      await until(async () => /kommune_agents_online 0/.test(await (await fetch(`${server.url}/metrics`)).text()), 'no agent online');
      const text = replyText(await say(server.url, citizen(), HUMAN));
      assert.match(text, /keine Mitarbeiterin und kein Mitarbeiter im Chat frei\. Möchten Sie, dass wir Sie zurückrufen\?/);
    });

    it('queues, sends handoff.initiate with the transcript, relays both ways, and the bot takes over after the agent ends', async () => {
      const { cookie } = await login(server.url, 'anna', PASSWORD);
      const agent = await AgentSocket.open(server.url, cookie);
      await agent.waitFor((m) => m.type === 'hello');
      const c = citizen();
      assert.match(replyText(await say(server.url, c, 'Was kostet ein Reisepass?')), /70,00/);
      const replies = await say(server.url, c, HUMAN);
      assert.match(
        replyText(replies),
        /Sie sind als Nächstes an der Reihe; gleich ist jemand für Sie da\./,
        'the agent is idle: no minutes',
      );
      const initiate = replies.find((r) => r.type === 'event' && r.name === 'handoff.initiate');
      assert.ok(initiate, 'handoff.initiate event');
      const transcript = initiate.attachments?.[0]?.content as { activities: { text: string }[] };
      assert.ok(
        transcript.activities.some((a) => a.text === 'Was kostet ein Reisepass?'),
        'transcript in the event',
      );
      assert.equal((initiate.value as { topic: string }).topic, 'Kosten – Reisepass beantragen');

      const queue = await agent.queue((items) => items.some((i) => i.transcript.some((t) => t.text === HUMAN)));
      const item = queue.find((i) => i.transcript.some((t) => t.text === HUMAN));
      assert.ok(item);
      assert.equal(item.tenant, 'wolfsburg');
      assert.equal(item.topic, 'Kosten – Reisepass beantragen');
      assert.ok(
        item.transcript.some((t) => t.sender === 'bot' && /70,00/.test(t.text)),
        "the bot's answer in the transcript",
      );

      // A message while waiting: the position again, and the message is kept for the agent.
      assert.match(replyText(await say(server.url, c, 'Es geht um einen Pass für mein Kind')), /Sie warten noch/);
      agent.send({ type: 'accept', id: item.id });
      const session = await agent.waitFor((m) => m.type === 'sessions' && (m.items ?? []).some((i) => i.id === item.id));
      assert.ok(session.items?.[0].transcript.some((t) => t.text === 'Es geht um einen Pass für mein Kind'));
      // An agent without a display name: a neutral person of the service center, never the login name.
      await connector.waitFor(
        c.conversationId,
        /Sie sind jetzt mit einer Mitarbeiterin oder einem Mitarbeiter des Service-Centers verbunden\./,
      );

      // Citizen → agent: no bot reply, the agent gets it live.
      const relayed = await say(server.url, c, 'Hallo, ist da jemand?');
      assert.equal(replies.length > 0 && relayed.filter((r) => r.type === 'message').length, 0);
      await agent.waitFor((m) => m.type === 'message' && m.message?.text === 'Hallo, ist da jemand?' && m.message.sender === 'citizen');
      // Agent → citizen: proactive, through the channel's connector.
      agent.send({ type: 'send', id: item.id, text: 'Guten Tag, hier ist Anna. Wie alt ist Ihr Kind?' });
      const got = await connector.waitFor(c.conversationId, /Wie alt ist Ihr Kind\?/);
      assert.equal(got.text, 'Service-Center: Guten Tag, hier ist Anna. Wie alt ist Ihr Kind?');
      assert.equal(got.from?.name, 'Service-Center');
      assert.deepEqual(got.channelData, { relay: true });
      assert.equal(got.textFormat, 'plain', 'what an agent typed is never rendered as Markdown or HTML');
      agent.send({ type: 'send', id: item.id, text: '' });
      await agent.waitFor((m) => m.type === 'error' && /Leere Nachricht/.test(String(m.message)));

      agent.send({ type: 'end', id: item.id });
      await connector.waitFor(
        c.conversationId,
        /^Die Mitarbeiterin oder der Mitarbeiter des Service-Centers hat das Gespräch beendet\..*Ist noch etwas offen/,
      );
      // Proactive messages answer nothing the citizen's client has seen: no replyToId (Web Chat would hold them).
      const proactive = connector.received.get(c.conversationId) ?? [];
      assert.ok(proactive.length >= 3, "connected, the agent's message, ended");
      assert.deepEqual(
        proactive.filter((a) => a.replyToId !== undefined).map((a) => a.text),
        [],
      );
      assert.doesNotMatch(JSON.stringify(proactive), /anna/, 'the login name never reaches the citizen');
      assert.match(replyText(await say(server.url, c, 'Was kostet ein Personalausweis?')), /Personalausweis/);
      await agent.close();
    });

    it('an agent with a display name: the citizen meets "Frau Schmidt", never the login name', async () => {
      const frieda = await AgentSocket.open(server.url, (await login(server.url, 'frieda', PASSWORD)).cookie);
      const hello = await frieda.waitFor((m) => m.type === 'hello');
      assert.deepEqual((hello as { agent?: unknown }).agent, {
        id: (hello.agent as { id: number }).id,
        name: 'frieda',
        displayName: 'Frau Schmidt',
      });
      const c = citizen();
      await say(server.url, c, HUMAN);
      const [item] = await frieda.queue((items) => items.some((i) => i.transcript.some((t) => t.text === HUMAN)));
      frieda.send({ type: 'accept', id: item.id });
      const connected = await connector.waitFor(c.conversationId, /verbunden/);
      assert.match(connected.text ?? '', /^Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden\. /);
      frieda.send({ type: 'send', id: item.id, text: 'Guten Tag, wie kann ich helfen?' });
      const message = await connector.waitFor(c.conversationId, /wie kann ich helfen/);
      assert.equal(message.text, 'Frau Schmidt (Service-Center): Guten Tag, wie kann ich helfen?');
      assert.equal(message.from?.name, 'Frau Schmidt');
      assert.equal(message.textFormat, 'plain');
      frieda.send({ type: 'end', id: item.id });
      await connector.waitFor(c.conversationId, /^Frau Schmidt hat das Gespräch beendet\. Jetzt bin wieder ich/);
      assert.doesNotMatch(JSON.stringify(connector.received.get(c.conversationId)), /frieda/i);
      await frieda.close();
    });

    it('the citizen can leave the queue, and end a chat with "beenden"', async () => {
      const { cookie } = await login(server.url, 'anna', PASSWORD);
      const agent = await AgentSocket.open(server.url, cookie);
      const c = citizen();
      await say(server.url, c, HUMAN);
      assert.match(replyText(await say(server.url, c, 'abbrechen')), /Sie haben die Warteschlange verlassen/);
      await agent.queue((items) => !items.some((i) => i.transcript.some((t) => t.text === 'abbrechen')));
      const d = citizen();
      await say(server.url, d, HUMAN);
      const [item] = await agent.queue((items) => items.length === 1);
      agent.send({ type: 'accept', id: item.id });
      await connector.waitFor(d.conversationId, /verbunden/);
      assert.match(replyText(await say(server.url, d, 'beenden')), /Sie haben das Gespräch mit dem Service-Center beendet/);
      await agent.waitFor((m) => m.type === 'ended' && m.by === 'citizen');
      assert.match(replyText(await say(server.url, d, 'Was kostet ein Reisepass?')), /70,00/);
      await agent.close();
    });

    it('delivers an agent message the channel refused once it takes messages again, exactly once', async () => {
      const agent = await AgentSocket.open(server.url, (await login(server.url, 'emil', PASSWORD)).cookie);
      const c = citizen();
      await say(server.url, c, HUMAN);
      const [item] = await agent.queue((items) => items.some((i) => i.transcript.some((t) => t.text === HUMAN)));
      agent.send({ type: 'accept', id: item.id });
      await connector.waitFor(c.conversationId, /verbunden/);
      connector.refusing.add(c.conversationId);
      agent.send({ type: 'send', id: item.id, text: 'Sind Sie noch da?' });
      await until(async () => (connector.refused.get(c.conversationId) ?? 0) > 0, 'the channel refusing the message');
      assert.ok(!connector.texts(c.conversationId).some((t) => /Sind Sie noch da\?/.test(t)), 'refused, so not received');
      connector.refusing.delete(c.conversationId);
      // Sent again by the hub's redelivery (after a few seconds, then with growing pauses).
      await connector.waitFor(c.conversationId, /^Service-Center: Sind Sie noch da\?/, 20000);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(connector.texts(c.conversationId).filter((t) => /Sind Sie noch da\?/.test(t)).length, 1);
      agent.send({ type: 'end', id: item.id });
      await connector.waitFor(c.conversationId, /Mitarbeiter des Service-Centers hat das Gespräch beendet/);
      assert.doesNotMatch(connector.texts(c.conversationId).join('\n'), /emil/);
      await agent.close();
    });

    it('an agent who loses the connection does not lose the citizen: back to the front of the queue, nothing lost', async () => {
      const first = await login(server.url, 'anna', PASSWORD);
      const anna = await AgentSocket.open(server.url, first.cookie);
      const waiting = citizen();
      const c = citizen();
      await say(server.url, c, HUMAN);
      await say(server.url, waiting, HUMAN);
      const queue = await anna.queue((items) => items.length === 2);
      anna.send({ type: 'accept', id: queue[0].id });
      await connector.waitFor(c.conversationId, /verbunden/);
      // A second agent keeps someone online while anna is gone.
      const carla = await AgentSocket.open(server.url, (await login(server.url, 'carla', PASSWORD)).cookie);
      anna.ws.terminate();
      await say(server.url, c, 'Sind Sie noch da?');
      await connector.waitFor(c.conversationId, /Verbindung .* abgebrochen\. Sie sind wieder ganz vorn/);
      const back = await carla.queue((items) => items.length === 2 && items[0].id === queue[0].id);
      assert.ok(
        back[0].transcript.some((t) => t.text === 'Sind Sie noch da?'),
        'the message sent while the agent was gone',
      );
      carla.send({ type: 'accept', id: queue[0].id });
      await until(
        async () => connector.texts(c.conversationId).filter((t) => /Sie sind jetzt mit .* verbunden/.test(t)).length === 2,
        'connected with carla',
      );
      // The waiting citizen moved up and is told.
      carla.send({ type: 'requeue', id: queue[0].id });
      await connector.waitFor(c.conversationId, /anderen Mitarbeiter weitergegeben/);
      carla.send({ type: 'accept', id: queue[1].id });
      await connector.waitFor(waiting.conversationId, /verbunden/);
      carla.send({ type: 'end', id: queue[1].id });
      carla.send({ type: 'accept', id: queue[0].id });
      carla.send({ type: 'end', id: queue[0].id });
      await connector.waitFor(c.conversationId, /Mitarbeiter des Service-Centers hat das Gespräch beendet/);
      await carla.close();
    });

    it('handles handoff.status from a contact-center platform (accepted, completed)', async () => {
      const c = citizen();
      const status = (state: string) => ({
        ...messageActivity(c, ''),
        type: 'event',
        name: 'handoff.status',
        value: { state },
        text: undefined,
      });
      assert.match(replyText(await post(server.url, status('accepted'))), /übernimmt jetzt das Gespräch/);
      // The platform has the conversation now: the bot stays silent.
      assert.equal(replyText(await say(server.url, c, 'Hallo?')).trim(), '');
      assert.match(replyText(await post(server.url, status('completed'))), /Gespräch mit dem Service-Center ist beendet/);
      assert.match(replyText(await say(server.url, c, 'Was kostet ein Reisepass?')), /70,00/);
      assert.equal((await post(server.url, status('zaubern'))).length, 0);
    });
  });

  describe('persistence across kill -9', () => {
    it('finds a waiting citizen and a ticket being created after a kill -9 and restart', async () => {
      const { cookie } = await login(server.url, 'anna', PASSWORD);
      const agent = await AgentSocket.open(server.url, cookie);
      const waiting = citizen();
      await say(server.url, waiting, 'Was brauche ich für ein Führungszeugnis?');
      await say(server.url, waiting, HUMAN);
      await agent.queue((items) => items.length === 1);
      // A second citizen in the middle of a callback request.
      const caller = citizen();
      assert.match(replyText(await say(server.url, caller, 'Rückruf bitte')), /Telefonnummer/);
      assert.match(replyText(await say(server.url, caller, '0151 1234567')), /Wann dürfen wir Sie anrufen/);
      assert.match(replyText(await say(server.url, caller, 'morgen um 10 Uhr')), /Worum geht es/);

      await server.restart('SIGKILL');
      agent.ws.terminate();

      // The agent's session survived too; the citizen is still waiting, with the transcript.
      const res = await fetch(`${server.url}/agent/api/queue`, { headers: { cookie: cookie ?? '' } });
      assert.equal(res.status, 200);
      const { queue } = (await res.json()) as { queue: { topic: string; transcript: { text: string }[] }[] };
      assert.equal(queue.length, 1);
      assert.equal(queue[0].topic, 'Unterlagen – Führungszeugnis beantragen');
      assert.ok(queue[0].transcript.some((t) => t.text === 'Was brauche ich für ein Führungszeugnis?'));
      assert.match(replyText(await say(server.url, waiting, 'Noch jemand da?')), /Sie warten noch/);

      // The callback request goes on where it was.
      assert.match(replyText(await say(server.url, caller, 'Frage zur Abmeldung')), /Sind Sie damit einverstanden\?/);
      const done = replyText(await say(server.url, caller, 'Ja'));
      const reference = /RR-2026-\d{6}/.exec(done)?.[0];
      assert.ok(reference, done);
      await server.restart('SIGKILL');
      const tickets = (await (await fetch(`${server.url}/agent/api/tickets`, { headers: { cookie: cookie ?? '' } })).json()) as {
        tickets: { id: number; reference: string; phone: string; topic: string; status: string; wishedText: string }[];
      };
      const ticket = tickets.tickets.find((t) => t.reference === reference);
      assert.ok(ticket);
      assert.equal(ticket.phone, '+491511234567');
      assert.equal(ticket.topic, 'Frage zur Abmeldung');
      assert.equal(ticket.wishedText, 'Mi, 25.11.2026, 10:00 Uhr');
      assert.equal(ticket.status, 'offen');
      const update = await fetch(`${server.url}/agent/api/tickets/${ticket.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie ?? '' },
        body: JSON.stringify({ status: 'nicht_erreicht', note: 'Mailbox, morgen erneut' }),
      });
      assert.equal(update.status, 200);
      assert.equal(((await update.json()) as { status: string }).status, 'nicht_erreicht');
      // Phone numbers and texts never reach the log.
      assert.doesNotMatch(server.stderr(), /1234567|Führungszeugnis|Abmeldung/);
    });
  });
});

describe('handoff timeouts and session expiry (real server process, short settings)', function () {
  this.timeout(60000);
  const connector = new TestConnector();

  before(() => connector.start());
  const server = useServer({
    prefix: 'assistant-handoff-short-',
    prepare: (dir) => {
      addAgent(dir, 'anna', PASSWORD);
    },
    env: { ASSISTANT_CLOCK_START: IN_HOURS, HANDOFF_TICK_MS: '200', HANDOFF_ACCEPT_TIMEOUT_SECONDS: '2', AGENT_SESSION_SECONDS: '2' },
  });
  after(() => connector.stop());

  it('offers a callback when nobody accepts in time, and the offer works', async () => {
    const { cookie } = await login(server.url, 'anna', PASSWORD);
    const agent = await AgentSocket.open(server.url, cookie);
    const c: Citizen = { conversationId: `c-${randomUUID()}`, tenant: 'gifhorn', serviceUrl: connector.url };
    assert.match(replyText(await say(server.url, c, HUMAN)), /an der Reihe/);
    const offer = await connector.waitFor(c.conversationId, /Leider ist gerade niemand frei.*Möchten Sie, dass wir Sie zurückrufen\?/);
    assert.equal(offer.replyToId, undefined, 'a callback offer in a proactive turn is no reply to an unseen activity');
    assert.match(replyText(await say(server.url, c, 'Ja, bitte zurückrufen')), /Telefonnummer/);
    await agent.close();
  });

  it('refuses an expired session', async () => {
    const { cookie } = await login(server.url, 'anna', PASSWORD);
    assert.equal((await fetch(`${server.url}/agent/api/me`, { headers: { cookie: cookie ?? '' } })).status, 200);
    await new Promise((r) => setTimeout(r, 2200));
    assert.equal((await fetch(`${server.url}/agent/api/me`, { headers: { cookie: cookie ?? '' } })).status, 401);
    await assert.rejects(AgentSocket.open(server.url, cookie), /HTTP 401/);
  });
});
