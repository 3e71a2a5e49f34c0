import { strict as assert } from 'node:assert';
import { HandoffStore } from '../bot/handoff/store';
import { AgentAuth, hashPassword, sessionToken } from '../bot/handoff/auth';

describe('handoff store and agent auth (SQLite in memory)', function () {
  this.timeout(20000);
  let store: HandoffStore;
  beforeEach(() => { store = new HandoffStore(':memory:'); });
  afterEach(() => store.close());

  const enqueue = (conversationId: string, now: number) =>
    store.enqueue({ conversationId, tenant: 'wolfsburg', topic: 'Kosten', reason: 'agent', now });

  it('queues in order, one open handoff per conversation, one winner when two agents accept', () => {
    const a = enqueue('a', 1);
    const b = enqueue('b', 2);
    assert.equal(enqueue('a', 3).id, a.id);
    assert.deepEqual(store.queued().map((h) => h.id), [a.id, b.id]);
    assert.ok(store.accept(a.id, 1, 10));
    assert.equal(store.accept(a.id, 2, 11), undefined);
    assert.equal(store.handoff(a.id)?.agentId, 1);
  });

  it('puts a transferred or abandoned chat back at the front, with a fresh accept timer', () => {
    const a = enqueue('a', 1);
    const b = enqueue('b', 2);
    store.accept(a.id, 1, 10);
    const back = store.requeueFront(a.id, 50);
    assert.equal(back?.queuedAt, 50);
    assert.deepEqual(store.queued().map((h) => h.id), [a.id, b.id]);
    assert.equal(store.finish(b.id, 'cancelled', 'citizen', 60)?.status, 'cancelled');
    assert.equal(store.finish(b.id, 'ended', 'agent', 61), undefined);
  });

  it('numbers tickets RR-<year>-<6 digits> and deletes them after the retention', () => {
    const t = store.createTicket({ tenant: 'gifhorn', topic: 'Kfz', phone: '+491511234567', wishedAt: 5, wishedText: 'Mo' }, 2026, 100);
    assert.match(t.reference, /^RR-2026-0000\d\d$/);
    assert.equal(store.updateTicket(t.id, 'erledigt', 'ok', 'anna', 200)?.status, 'erledigt');
    store.createTicket({ tenant: 'gifhorn', topic: 'Kfz', phone: '+491511234567', wishedAt: 5, wishedText: 'Mo' }, 2026, 150);
    // What /metrics reports: every ticket counted by status.
    assert.deepEqual(store.ticketCounts().sort((a, b) => a.status.localeCompare(b.status)),
      [{ status: 'erledigt', count: 1 }, { status: 'offen', count: 1 }]);
    assert.equal(store.purgeTicketsBefore(100), 0);
    assert.equal(store.purgeTicketsBefore(101), 1);
    assert.equal(store.tickets().length, 1);
  });

  it('keeps transcripts in order and deletes expired lines, but never undelivered agent messages', () => {
    store.addMessage({ conversationId: 'a', sender: 'citizen', text: 'eins', at: 1 });
    store.addMessage({ conversationId: 'a', sender: 'agent', text: 'zwei', at: 2, delivered: false });
    store.addMessage({ conversationId: 'a', sender: 'bot', text: 'drei'.repeat(2000), at: 3 });
    assert.deepEqual(store.transcript('a').map((m) => m.text.slice(0, 4)), ['eins', 'zwei', 'drei']);
    assert.equal(store.transcript('a')[2].text.length, 4000);
    assert.equal(store.purgeMessagesBefore(10), 2);
    assert.deepEqual(store.undeliveredToCitizens().map((m) => m.text), ['zwei']);
  });

  it('locks an agent after 5 failures for 15 minutes, then lets the right password in', async () => {
    let now = 1_000_000;
    const { salt, hash } = await hashPassword('richtig-richtig');
    store.addAgent('anna', salt, hash);
    const auth = new AgentAuth(store, { sessionSeconds: 60, maxFailures: 5, lockoutSeconds: 900 }, () => now);
    for (let i = 0; i < 5; i++) assert.deepEqual(await auth.login('anna', 'falsch'), { ok: false, reason: 'invalid' });
    const locked = await auth.login('anna', 'richtig-richtig');
    assert.equal(!locked.ok && locked.reason, 'locked');
    now += 901_000;
    const ok = await auth.login('anna', 'richtig-richtig');
    assert.ok(ok.ok);
    assert.equal(auth.session(ok.token)?.name, 'anna');
    now += 61_000;
    assert.equal(auth.session(ok.token), undefined, 'expired');
    assert.equal(sessionToken('a=1; agent_session=xyz; b=2'), 'xyz');
  });
});
