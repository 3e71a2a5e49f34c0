/**
 * Two bot processes on one PostgreSQL database, behind a load balancer (a TCP proxy here): the citizen's
 * Web Chat (botframework-directlinejs, WebSocket stream) reaches instance A, the agent's console instance B.
 * Messages go both ways across the instances; then A is killed (SIGKILL) and the conversation goes on
 * through B, with nothing lost. And turns of one conversation at once, spread over both instances: they run
 * one after the other (the conversation's advisory lock), so none has to run again and no reply is an error.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectLine, type Activity as DlActivity, type Message } from 'botframework-directlinejs';
import { startServer, stopServer, say, replyText, type ServerProcess } from '../helpers/server';
import { AgentSocket, addAgent, login } from '../helpers/agent';
import { pageToken, postActivity, waitFor } from '../helpers/directline';
import { installBrowserShims } from '../helpers/xhr';
import { createDatabase, dropDatabase } from './database';

const PASSWORD = 'richtig-geheim-42';
const HUMAN = 'Ich möchte mit einem Mitarbeiter sprechen';

/** A load balancer in front of the instances: new connections go to the first live one. */
class Balancer {
  private readonly server: Server;
  private readonly open = new Set<Socket>();
  targets: number[] = [];
  url = '';

  constructor() {
    this.server = createServer((client) => {
      const upstream = connect(this.targets[0], '127.0.0.1');
      this.open.add(client);
      this.open.add(upstream);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
        this.open.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.pipe(upstream).pipe(client);
    });
  }

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const portOf = (s: ServerProcess): number => Number(new URL(s.url).port);

const botTexts = (all: DlActivity[]): string[] =>
  all.filter((a) => a.type === 'message' && a.from.role === 'bot').map((a) => (a as Message).text ?? '');

describe('two instances on one PostgreSQL database', function () {
  this.timeout(120000);
  let databaseUrl: string;
  let dataDirs: string[];
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let balancer: Balancer;

  // No DIRECTLINE_SECRET: the instances share the one generated in the database (a token from A works on B).
  const env = (dataDir: string): Record<string, string> => ({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    DIRECTLINE_SECRET: '',
    KNOWLEDGE_HOT_RELOAD: 'false',
    // Tuesday 24 Nov 2026, 10:00 in Berlin: the service center is open.
    ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z',
    HANDOFF_TICK_MS: '200',
    AGENT_RECONNECT_GRACE_SECONDS: '30',
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_CONVERSATION: '0',
  });

  before(async () => {
    installBrowserShims();
    databaseUrl = await createDatabase();
    dataDirs = [mkdtempSync(join(tmpdir(), 'multi-a-')), mkdtempSync(join(tmpdir(), 'multi-b-'))];
    // Both start at once: the migrations must not trip over each other.
    [a, b] = await Promise.all([startServer(env(dataDirs[0])), startServer(env(dataDirs[1]))]);
    addAgent(dataDirs[0], 'anna', PASSWORD, { DATABASE_URL: databaseUrl }, ['--display-name', 'Frau Schmidt']);
    balancer = new Balancer();
    balancer.targets = [portOf(a), portOf(b)];
    await balancer.start();
  });

  after(async () => {
    await balancer?.stop();
    for (const s of [a, b]) if (s) await stopServer(s);
    for (const d of dataDirs ?? []) rmSync(d, { recursive: true, force: true });
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  it('both report the database ready', async () => {
    for (const s of [a, b] as ServerProcess[]) {
      const health = await fetch(`${s.url}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', checks: { knowledge: 'ok', database: 'ok' } });
    }
  });

  it('citizen on A, agent on B, messages both ways; A is killed and the chat goes on through B with nothing lost', async () => {
    const instanceA = a as ServerProcess;
    const instanceB = b as ServerProcess;
    // The agent works on instance B.
    const { cookie } = await login(instanceB.url, 'anna', PASSWORD);
    const agent = await AgentSocket.open(instanceB.url, cookie);
    await agent.waitFor((m) => m.type === 'hello');

    // The citizen's Web Chat, through the balancer, which sends it to A.
    const { token, userId } = await pageToken(balancer.url, 'wolfsburg');
    const dl = new DirectLine({ token, domain: `${balancer.url}/v3/directline`, webSocket: true });
    const seen: DlActivity[] = [];
    const subscription = dl.activity$.subscribe((x) => seen.push(x));
    const send = (text: string): Promise<string> => postActivity(dl, { type: 'message', from: { id: userId }, text });

    await waitFor(seen, (all) => botTexts(all).some((t) => /Guten Tag/.test(t)), 'the greeting', 20_000);
    await send('Was kostet ein Reisepass?');
    await waitFor(seen, (all) => botTexts(all).some((t) => /70,00/.test(t)), 'the fee', 20_000);
    await send(HUMAN);
    await waitFor(seen, (all) => botTexts(all).some((t) => /an der Reihe/.test(t)), 'queued', 20_000);

    // B's console hears of the queue entry that A made, with the transcript A kept.
    const [item] = await agent.queue((items) => items.length === 1);
    assert.ok(item.transcript.some((t) => t.text === 'Was kostet ein Reisepass?'));
    agent.send({ type: 'accept', id: item.id });
    // B's "connected" reaches the citizen's stream on A.
    await waitFor(seen, (all) => botTexts(all).some((t) => /mit Frau Schmidt vom Service-Center verbunden/.test(t)), 'connected', 20_000);

    await send('Ich brauche den Pass bis Freitag.');
    await agent.waitFor(
      (m) => m.type === 'message' && m.message?.sender === 'citizen' && m.message.text === 'Ich brauche den Pass bis Freitag.',
    );
    agent.send({ type: 'send', id: item.id, text: 'Dann empfehle ich den Express-Reisepass.' });
    await waitFor(seen, (all) => botTexts(all).some((t) => /Express-Reisepass/.test(t)), "the agent's answer", 20_000);

    // Instance A dies. The balancer sends new connections to B; Web Chat reconnects its stream.
    await stopServer(instanceA, 'SIGKILL');
    a = undefined;
    balancer.targets = [portOf(instanceB)];

    await send('Sind Sie noch da?');
    await agent.waitFor((m) => m.type === 'message' && m.message?.text === 'Sind Sie noch da?');
    agent.send({ type: 'send', id: item.id, text: 'Ja, ich bin noch da.' });
    await waitFor(
      seen,
      (all) => botTexts(all).some((t) => /^Frau Schmidt \(Service-Center\): Ja, ich bin noch da/.test(t)),
      "the agent's answer after the kill",
      20_000,
    );
    agent.send({ type: 'end', id: item.id });
    await waitFor(seen, (all) => botTexts(all).some((t) => /^Frau Schmidt hat das Gespräch beendet/.test(t)), 'ended', 20_000);
    // The bot takes over again, on B, with the dialog state A wrote.
    await send('Was kostet ein Personalausweis?');
    await waitFor(seen, (all) => botTexts(all).some((t) => /Personalausweis/.test(t) && /€/.test(t)), 'the bot again', 20_000);

    // Nothing lost: the conversation as B serves it from the start has every line, in order, once.
    const history = await fetch(
      `${instanceB.url}/v3/directline/conversations/${(dl as unknown as { conversationId: string }).conversationId}/activities?watermark=0`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const { activities } = (await history.json()) as { activities: (DlActivity & { text?: string })[] };
    const lines = activities.filter((x) => x.type === 'message').map((x) => x.text ?? '');
    const order = [
      'Was kostet ein Reisepass?',
      HUMAN,
      'Ich brauche den Pass bis Freitag.',
      'Dann empfehle ich den Express-Reisepass.',
      'Sind Sie noch da?',
      'Ja, ich bin noch da.',
      'Was kostet ein Personalausweis?',
    ];
    const positions = order.map((text) => lines.findIndex((l) => l.includes(text)));
    assert.ok(
      positions.every((p) => p >= 0),
      `every line kept: ${JSON.stringify(lines)}`,
    );
    assert.deepEqual(
      [...positions].sort((x, y) => x - y),
      positions,
      'in order',
    );
    for (const text of order) assert.equal(lines.filter((l) => l === text || l.endsWith(`: ${text}`)).length, 1, `once: ${text}`);
    // The agent's transcript has both sides, from both instances.
    const transcript = (await (await fetch(`${instanceB.url}/agent/api/queue`, { headers: { cookie: cookie ?? '' } })).json()) as {
      queue: unknown[];
      sessions: unknown[];
    };
    assert.deepEqual(transcript, { queue: [], sessions: [] });

    subscription.unsubscribe();
    dl.end();
    await agent.close();
  });

  it('turns of one conversation at once on two instances: every reply a real answer, one after the other without a state conflict', async function () {
    // A fresh pair again (A was killed above).
    a = await startServer(env(dataDirs[0]));
    const instances = [a, b as ServerProcess];
    const conflicts = async (): Promise<number> => {
      let sum = 0;
      for (const s of instances) {
        const m = /^kommune_state_conflicts_total (\d+)/m.exec(await (await fetch(`${s.url}/metrics`)).text());
        sum += Number(m?.[1] ?? 0);
      }
      return sum;
    };
    const texts = [
      'Was kostet ein Reisepass?',
      'Wo melde ich mein Auto an?',
      'Was brauche ich für den Personalausweis?',
      'Wann hat das Bürgerbüro geöffnet?',
    ];
    for (let round = 0; round < 5; round++) {
      const citizen = { conversationId: `parallel-${round}`, tenant: 'wolfsburg' };
      await say(instances[0].url, citizen, 'Hallo');
      const replies = await Promise.all(texts.map((t, i) => say(instances[i % 2].url, citizen, t)));
      for (const r of replies) {
        assert.ok(replyText(r).length > 20, 'an answer');
        assert.doesNotMatch(replyText(r), /etwas schiefgegangen/);
      }
    }
    // Before the advisory lock, 15 rounds of this met a conflict nearly always (the loser ran again).
    assert.equal(await conflicts(), 0, 'the turns ran one after the other: none had to run again');
    for (const s of instances) {
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      assert.doesNotMatch(metrics, /kommune_errors_total\{kind="turn"\} [1-9]/, 'no failed turn');
    }
  });
});
