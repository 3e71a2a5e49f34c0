import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandoffConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { SqliteDatabase } from '../../../bot/storage/database';
import { migrate } from '../../../bot/storage/migrations';
import { HandoffStore, type Handoff } from '../../../bot/handoff/handoffStore';
import { HANDOFF_MIGRATIONS } from '../../../bot/handoff/migrations';
import { createHandoffHub, createHandoffRelay, type HandoffHub, type HandoffRelay } from '../../../bot/handoff/hub';
import type { AgentConnection } from '../../../bot/handoff/consoleFanout';
import type { CitizenEvent, CitizenNotifier } from '../../../dialogs/handoffPort';

const CONFIG: HandoffConfig = {
  acceptTimeoutSeconds: 180,
  waitTargetSeconds: 120,
  agentGraceSeconds: 30,
  averageChatMinutes: 4,
  sessionSeconds: 3600,
  maxLoginFailures: 5,
  lockoutSeconds: 900,
  secureCookie: false,
  transcriptRetentionDays: 30,
  tickMilliseconds: 1000,
};

/** Records what the citizens would be told; `refusing` plays a channel that takes nothing. */
class RecordingNotifier implements CitizenNotifier {
  readonly events: CitizenEvent[] = [];
  refusing = false;
  async notify(event: CitizenEvent): Promise<boolean> {
    this.events.push(event);
    return !this.refusing;
  }
}

/** An agent console's socket: what the hub sent it, parsed. */
function fakeConsole(agentId: number, displayName: string | null = null): AgentConnection & { received: { type: string }[] } {
  const received: { type: string }[] = [];
  return {
    agentId,
    name: `agent-${agentId}`,
    displayName,
    received,
    socket: {
      send: (data) => received.push(JSON.parse(data) as { type: string }),
      close: () => undefined,
    },
  };
}

const request = { tenant: 'wolfsburg', topic: 'Kosten – Reisepass beantragen', reason: 'agent' as const };

describe("handoff leader's timed rules, in-process on SQLite with a fake notifier and agent sockets", () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: HandoffStore;
  let now: number;
  let notifier: RecordingNotifier;
  let hub: HandoffHub;
  let relay: HandoffRelay;
  let abandoned: { id: string; reason: string; waitedMs: number }[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handoff-rules-'));
    db = new SqliteDatabase(join(dir, 'handoff.sqlite'));
    await migrate(db, HANDOFF_MIGRATIONS);
    store = new HandoffStore(db);
    now = Date.parse('2026-11-24T09:00:00Z');
    notifier = new RecordingNotifier();
    abandoned = [];
    hub = createHandoffHub({
      store,
      config: CONFIG,
      tenantName: (id) => id,
      log: createLogger('silent'),
      clock: () => now,
      waits: {
        accepted: () => undefined,
        abandoned: (h: Handoff, reason, waitedMs) => abandoned.push({ id: h.id, reason, waitedMs }),
      },
    });
    relay = createHandoffRelay(hub, notifier);
  });

  afterEach(async () => {
    await relay.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers a callback once when nobody accepts within the timeout', async () => {
    const { handoff } = await hub.queue.request('c-1', request);
    now += (CONFIG.acceptTimeoutSeconds - 1) * 1000;
    await relay.rules.tick();
    assert.deepEqual(notifier.events, [], 'still within the timeout');

    now += 2000;
    await relay.rules.tick();
    await relay.rules.tick();
    assert.deepEqual(notifier.events, [{ kind: 'timed-out', conversationId: 'c-1' }]);
    assert.equal((await store.handoff(handoff.id))?.status, 'timeout');
    assert.deepEqual(abandoned, [{ id: handoff.id, reason: 'timeout', waitedMs: (CONFIG.acceptTimeoutSeconds + 1) * 1000 }]);
  });

  it('puts the citizen of an agent gone past the grace period back to the front, and tells them', async () => {
    const agent = await store.addAgent('anna', 'salt', 'hash', now, 'Frau Schmidt');
    const conn = fakeConsole(agent.id, agent.displayName);
    await relay.protocol.connect(conn);
    const { handoff } = await hub.queue.request('c-1', request);
    await relay.protocol.command(conn, JSON.stringify({ type: 'accept', id: handoff.id }));
    assert.deepEqual(notifier.events, [{ kind: 'connected', conversationId: 'c-1', agent: 'Frau Schmidt' }]);

    await relay.protocol.disconnect(conn);
    await relay.rules.tick();
    now += (CONFIG.agentGraceSeconds - 1) * 1000;
    await relay.rules.tick();
    assert.equal((await store.handoff(handoff.id))?.status, 'active', 'still within the grace period');

    now += 2000;
    await relay.rules.tick();
    assert.deepEqual(notifier.events.slice(1), [{ kind: 'agent-lost', conversationId: 'c-1' }]);
    assert.equal((await store.handoff(handoff.id))?.status, 'queued');
    assert.equal(await hub.queue.position(handoff.id), 1);
  });

  it('tells a waiter who moved up their new position, and nobody whose position did not improve', async () => {
    await hub.queue.request('c-1', request);
    await hub.queue.request('c-2', request);
    await relay.rules.tick();
    assert.deepEqual(notifier.events, []);
    assert.equal((await hub.queue.citizenMessage('c-1', 'abbrechen')).kind, 'left');
    await relay.rules.tick();
    assert.deepEqual(notifier.events, [{ kind: 'position-changed', conversationId: 'c-2', position: 1, waitMinutes: 4 }]);
  });

  it("delivers an agent's message the channel refused again later, once", async () => {
    const agent = await store.addAgent('anna', 'salt', 'hash', now);
    const conn = fakeConsole(agent.id);
    await relay.protocol.connect(conn);
    const { handoff } = await hub.queue.request('c-1', request);
    await relay.protocol.command(conn, JSON.stringify({ type: 'accept', id: handoff.id }));
    notifier.refusing = true;
    await relay.protocol.command(conn, JSON.stringify({ type: 'send', id: handoff.id, text: ' Sind Sie noch da? ' }));
    const message: CitizenEvent = { kind: 'agent-message', conversationId: 'c-1', agent: null, text: 'Sind Sie noch da?' };
    assert.deepEqual(notifier.events.slice(1), [message]);
    assert.equal((await store.undeliveredToCitizens()).length, 1);

    now += 1000;
    await relay.rules.tick();
    assert.equal(notifier.events.length, 2, 'a young message is left to the instance sending it');
    now += 5000;
    await relay.rules.tick();
    assert.equal(notifier.events.length, 3, 'sent again, refused again');
    notifier.refusing = false;
    await relay.rules.tick();
    assert.equal(notifier.events.length, 3, 'the next attempt waits for its pause');
    now += 2000;
    await relay.rules.tick();
    assert.deepEqual(notifier.events.slice(1), [message, message, message]);
    assert.deepEqual(await store.undeliveredToCitizens(), []);
    now += 60_000;
    await relay.rules.tick();
    assert.equal(notifier.events.length, 4, 'delivered once: not sent again');
  });
});
