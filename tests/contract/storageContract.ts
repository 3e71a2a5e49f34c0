/**
 * The storage contract: what every backend (SQLite, PostgreSQL) must do for the stores built on it. Run by
 * tests/bot/storage/storage.test.ts against SQLite (npm test) and by tests/services/postgres.test.ts against PostgreSQL
 * (npm run test:services).
 */
import { strict as assert } from 'node:assert';
import type { SqlDatabase } from '../../bot/storage/database';
import { migrate } from '../../bot/storage/migrations';
import { ETagConflictError, SqlStorage } from '../../bot/storage/sqlStorage';
import { UnansweredStore } from '../../bot/storage/unansweredStore';
import { HandoffStore } from '../../bot/handoff/handoffStore';
import { DirectLineStore } from '../../bot/directline/directLineStore';
import { AgentAuth, hashPassword, sessionToken } from '../../bot/handoff/agentAuth';
import { ALL_MIGRATIONS } from '../../bot/schemas';

export { ALL_MIGRATIONS };

export interface ContractBackend {
  /** A fresh, empty database (a new file, or a new PostgreSQL database) with all migrations applied. */
  open(): Promise<SqlDatabase>;
  /**
   * A second handle on the same database, for another instance's stores. On PostgreSQL that is a second pool;
   * on SQLite, in one process, it shares the first one's connection (bot/storage/database.ts), so there the
   * "two instances" cases check the stores' own rules (eTags, counters, unique indexes), not SQLite's file
   * locking; tests/bot/storage/storage.test.ts checks a second process writing the same file.
   */
  reopen(db: SqlDatabase): Promise<SqlDatabase>;
  dispose(db: SqlDatabase): Promise<void>;
  /** Whether two handles can hold transactions at once (PostgreSQL; not SQLite's one connection per file). */
  parallelTransactions: boolean;
}

export function storageContract(label: string, backend: ContractBackend): void {
  describe(`storage contract: ${label}`, function () {
    this.timeout(20000);
    let db: SqlDatabase;
    const opened: SqlDatabase[] = [];
    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      for (const other of opened.splice(0)) await other.close();
      await backend.dispose(db);
    });
    const second = async (): Promise<SqlDatabase> => {
      const other = await backend.reopen(db);
      opened.push(other);
      return other;
    };

    describe('migrations', () => {
      it('apply once: a second run, also from another instance at the same time, applies nothing', async () => {
        const other = await second();
        const [a, b] = backend.parallelTransactions
          ? await Promise.all([migrate(db, ALL_MIGRATIONS), migrate(other, ALL_MIGRATIONS)])
          : [await migrate(db, ALL_MIGRATIONS), await migrate(other, ALL_MIGRATIONS)];
        assert.deepEqual([...a, ...b], []);
        const rows = await db.all<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
        assert.deepEqual(
          rows.map((r) => r.id),
          ALL_MIGRATIONS.map((m) => m.id).sort(),
        );
      });

      it('roll back a failing migration whole and stop', async () => {
        await assert.rejects(
          migrate(db, [...ALL_MIGRATIONS, { id: 'zz-broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table' }]),
        );
        assert.equal(await db.get("SELECT id FROM schema_migrations WHERE id = 'zz-broken'"), undefined);
        await assert.rejects(db.get('SELECT * FROM half'));
      });
    });

    describe('conversation state (botbuilder Storage)', () => {
      it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
        const s = new SqlStorage(db);
        await s.write({ a: { count: 1, nested: { ü: 'ß', emoji: '🚗' } } });
        const items = await s.read(['a', 'missing']);
        assert.deepEqual(Object.keys(items), ['a']);
        assert.equal(items.a.count, 1);
        assert.deepEqual(items.a.nested, { ü: 'ß', emoji: '🚗' });
        assert.equal(typeof items.a.eTag, 'string');
      });

      it('refuses a write with a stale eTag and accepts "*" and the current one', async () => {
        const s = new SqlStorage(db);
        await s.write({ k: { v: 1 } });
        const first = (await s.read(['k'])).k;
        await s.write({ k: { ...first, v: 2 } });
        await assert.rejects(s.write({ k: { ...first, v: 3 } }), ETagConflictError);
        assert.equal((await s.read(['k'])).k.v, 2);
        const current = (await s.read(['k'])).k;
        await s.write({ k: { ...current, v: 4 } });
        await s.write({ k: { v: 5, eTag: '*' } });
        assert.equal((await s.read(['k'])).k.v, 5);
      });

      it('writes a batch all or nothing', async () => {
        const s = new SqlStorage(db);
        await s.write({ x: { v: 1 } });
        const stale = (await s.read(['x'])).x;
        await s.write({ x: { ...stale, v: 2 } });
        await assert.rejects(s.write({ y: { v: 1 }, x: { ...stale, v: 3 } }), ETagConflictError);
        assert.deepEqual(Object.keys(await s.read(['y'])), []);
      });

      it('two instances writing one conversation: exactly one wins, the loser gets a conflict, re-reads and retries', async () => {
        const one = new SqlStorage(db);
        const two = new SqlStorage(await second());
        await one.write({ conv: { turns: [] as string[] } });
        // Both read the same version, both change it, both write at once.
        const [a, b] = await Promise.all([one.read(['conv']), two.read(['conv'])]);
        const results = await Promise.allSettled([
          one.write({ conv: { ...a.conv, turns: [...a.conv.turns, 'eins'] } }),
          two.write({ conv: { ...b.conv, turns: [...b.conv.turns, 'zwei'] } }),
        ]);
        const lost = results.filter((r) => r.status === 'rejected');
        assert.equal(lost.length, 1, 'one write wins, one is refused');
        assert.ok((lost[0] as PromiseRejectedResult).reason instanceof ETagConflictError);
        const loser = results[0].status === 'rejected' ? { storage: one, turn: 'eins' } : { storage: two, turn: 'zwei' };
        const fresh = (await loser.storage.read(['conv'])).conv;
        await loser.storage.write({ conv: { ...fresh, turns: [...fresh.turns, loser.turn] } });
        const final = (await one.read(['conv'])).conv.turns as string[];
        assert.deepEqual([...final].sort(), ['eins', 'zwei'], 'no update lost');
      });

      it('many concurrent read-modify-write rounds from two instances lose no increment', async () => {
        const one = new SqlStorage(db);
        const two = new SqlStorage(await second());
        await one.write({ counter: { n: 0 } });
        let conflicts = 0;
        const increment = async (s: SqlStorage): Promise<void> => {
          for (;;) {
            const item = (await s.read(['counter'])).counter;
            try {
              await s.write({ counter: { ...item, n: item.n + 1 } });
              return;
            } catch (err) {
              if (!(err instanceof ETagConflictError)) throw err;
              conflicts++;
            }
          }
        };
        await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 ? one : two)));
        assert.equal((await one.read(['counter'])).counter.n, 20);
        assert.ok(conflicts > 0, 'the rounds did overlap');
      });

      it('deletes, and expires state not written within the retention', async () => {
        let now = 1000;
        const s = new SqlStorage(db, () => now);
        await s.write({ old: { v: 1 } });
        now = 5000;
        await s.write({ recent: { v: 1 }, gone: { v: 1 } });
        await s.delete(['gone']);
        assert.equal(await s.purgeBefore(2000), 1);
        assert.deepEqual(Object.keys(await s.read(['old', 'recent', 'gone'])), ['recent']);
      });
    });

    describe('handoff store', () => {
      let store: HandoffStore;
      beforeEach(() => {
        store = new HandoffStore(db);
      });
      const enqueue = (conversationId: string, now: number, s = store) =>
        s.enqueue({ conversationId, tenant: 'wolfsburg', topic: 'Kosten', reason: 'agent', now });

      it('queues in order, one open handoff per conversation, one winner when two agents accept', async () => {
        const a = await enqueue('a', 1);
        const b = await enqueue('b', 2);
        assert.equal((await enqueue('a', 3)).id, a.id);
        assert.deepEqual(
          (await store.queued()).map((h) => h.id),
          [a.id, b.id],
        );
        assert.ok(await store.accept(a.id, 1, 10));
        assert.equal(await store.accept(a.id, 2, 11), undefined);
        assert.equal((await store.handoff(a.id))?.agentId, 1);
      });

      it('two instances queueing one conversation at once get the same handoff; two accepting it, one winner', async () => {
        const other = new HandoffStore(await second());
        const [x, y] = await Promise.all([enqueue('same', 1), enqueue('same', 1, other)]);
        assert.equal(x.id, y.id);
        assert.equal((await store.queued()).length, 1);
        const won = await Promise.all([store.accept(x.id, 1, 5), other.accept(x.id, 2, 5)]);
        assert.equal(won.filter(Boolean).length, 1);
      });

      it('puts a transferred or abandoned chat back at the front, with a fresh accept timer', async () => {
        const a = await enqueue('a', 1);
        const b = await enqueue('b', 2);
        await store.accept(a.id, 1, 10);
        const back = await store.requeueFront(a.id, 50);
        assert.equal(back?.queuedAt, 50);
        assert.deepEqual(
          (await store.queued()).map((h) => h.id),
          [a.id, b.id],
        );
        assert.equal((await store.finish(b.id, 'cancelled', 'citizen', 60))?.status, 'cancelled');
        assert.equal(await store.finish(b.id, 'ended', 'agent', 61), undefined);
      });

      it('numbers tickets RR-<year>-<6 digits> and deletes them after the retention', async () => {
        const t = await store.createTicket(
          { tenant: 'gifhorn', topic: 'Kfz', phone: '+491511234567', wishedAt: 5, wishedText: 'Mo' },
          2026,
          100,
        );
        assert.match(t.reference, /^RR-2026-0000\d\d$/);
        assert.equal((await store.changeTicket(t.id, 'erledigt', 'ok', 'anna', 200))?.ticket.status, 'erledigt');
        await store.createTicket({ tenant: 'gifhorn', topic: 'Kfz', phone: '+491511234567', wishedAt: 5, wishedText: 'Mo' }, 2026, 150);
        // What /metrics reports: every ticket counted by status.
        assert.deepEqual(
          (await store.ticketCounts()).sort((a, b) => a.status.localeCompare(b.status)),
          [
            { status: 'erledigt', count: 1 },
            { status: 'offen', count: 1 },
          ],
        );
        assert.equal(await store.purgeTicketsBefore(100), 0);
        assert.equal(await store.purgeTicketsBefore(101), 1);
        assert.equal((await store.tickets()).length, 1);
      });

      it('keeps what an agent works a ticket by: service, number as typed, due time, context up to the request, status history', async () => {
        await store.addMessage({ conversationId: 'c', sender: 'citizen', text: 'Was kostet ein Reisepass?', at: 10 });
        await store.addMessage({ conversationId: 'c', sender: 'bot', text: '**Reisepass** – 70,00 €', at: 11 });
        await store.addMessage({ conversationId: 'other', sender: 'citizen', text: 'anderes Gespräch', at: 12 });
        const t = await store.createTicket(
          {
            conversationId: 'c',
            tenant: 'gifhorn',
            topic: '',
            service: 'reisepass',
            phone: '+4915123456789',
            phoneDisplay: '0151 23456789',
            wishedAt: 5000,
            wishedText: 'Mi',
            dueAt: 6000,
          },
          2026,
          100,
        );
        await store.addMessage({ conversationId: 'c', sender: 'bot', text: 'Vielen Dank! RR-2026', at: 101 });
        assert.deepEqual([t.service, t.phoneDisplay, t.dueAt, t.topic], ['reisepass', '0151 23456789', 6000, '']);
        assert.deepEqual(
          (await store.ticketContext(t)).map((m) => m.text),
          ['Was kostet ein Reisepass?', '**Reisepass** – 70,00 €'],
          'up to the request',
        );
        assert.equal((await store.changeTicket(t.id, 'in_bearbeitung', '', 'anna', 200, 'Frau Schmidt'))?.previous, 'offen');
        assert.equal((await store.changeTicket(t.id, 'in_bearbeitung', 'Mailbox', 'anna', 210, 'Frau Schmidt'))?.ticket.note, 'Mailbox');
        const done = await store.changeTicket(t.id, 'erledigt', 'ok', 'ben', 300, 'Herr Braun');
        assert.deepEqual([done?.previous, done?.ticket.status, done?.ticket.updatedBy], ['in_bearbeitung', 'erledigt', 'ben']);
        const history = (await store.ticketHistories([t.id])).get(t.id);
        assert.deepEqual(
          history?.map((e) => [e.status, e.agent, e.agentName, e.at]),
          [
            ['offen', null, null, 100],
            ['in_bearbeitung', 'anna', 'Frau Schmidt', 200],
            ['erledigt', 'ben', 'Herr Braun', 300],
          ],
          'a note alone is no status change',
        );
        const old = await store.createTicket(
          { tenant: 'gifhorn', topic: 'Kfz', phone: '+491511234567', wishedAt: 7000, wishedText: 'Do' },
          2026,
          50,
        );
        assert.deepEqual([old.phoneDisplay, old.dueAt, old.service], ['01511234567', 7000, null], 'defaults');
        assert.deepEqual(
          (await store.ticketsCreatedBetween(60, 150)).map((x) => x.id),
          [t.id],
        );
        assert.deepEqual(
          (await store.tickets()).map((x) => x.id),
          [old.id, t.id],
          'open tickets first',
        );
        await store.forgetConversation('c');
        assert.deepEqual((await store.ticketHistories([t.id])).get(t.id), []);
        assert.equal(await store.purgeTicketsBefore(60), 1);
        assert.deepEqual((await store.ticketHistories([old.id])).get(old.id), []);
      });

      it('gives tickets stored before the history (handoff-004) a history from what they kept', async () => {
        const fresh = await second();
        await fresh.script('DROP TABLE ticket_events');
        await fresh.script('DROP TABLE tickets');
        await fresh.run("DELETE FROM schema_migrations WHERE id = 'handoff-004'");
        await fresh.script(`CREATE TABLE tickets (
          id ${backend.parallelTransactions ? 'BIGSERIAL' : 'INTEGER'} PRIMARY KEY, reference TEXT UNIQUE, conversation_id TEXT, tenant TEXT NOT NULL,
          topic TEXT NOT NULL, phone TEXT NOT NULL, wished_at BIGINT NOT NULL, wished_text TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'offen', note TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL, updated_by TEXT)`);
        await fresh.run(`INSERT INTO tickets (reference, tenant, topic, phone, wished_at, wished_text, status, note, created_at, updated_at, updated_by)
          VALUES ('RR-2026-000001', 'gifhorn', 'Kfz', '+491511234567', 500, 'Mo', 'erledigt', 'ok', 100, 200, 'anna'),
                 ('RR-2026-000002', 'gifhorn', 'Pass', '+491511234568', 600, 'Di', 'offen', '', 150, 150, NULL)`);
        assert.deepEqual(await migrate(fresh, ALL_MIGRATIONS), ['handoff-004']);
        const tickets = await new HandoffStore(fresh).tickets();
        const histories = await store.ticketHistories(tickets.map((t) => t.id));
        assert.deepEqual(
          tickets.map((t) => [t.reference, t.phoneDisplay, t.dueAt, histories.get(t.id)?.map((e) => [e.status, e.agent, e.at])]),
          [
            ['RR-2026-000002', '01511234568', 600, [['offen', null, 150]]],
            [
              'RR-2026-000001',
              '01511234567',
              500,
              [
                ['offen', null, 100],
                ['erledigt', 'anna', 200],
              ],
            ],
          ],
        );
      });

      it('finds the ticket a conversation just requested (a re-run turn must not create a second one)', async () => {
        const t = await store.createTicket(
          { conversationId: 'c', tenant: 'gifhorn', topic: 'Kfz', phone: '+491511234567', wishedAt: 5, wishedText: 'Mo' },
          2026,
          1000,
        );
        assert.equal((await store.recentTicket('c', '+491511234567', 5, 900))?.reference, t.reference);
        assert.equal(await store.recentTicket('c', '+491511234567', 5, 1001), undefined, 'older than asked for');
        assert.equal(await store.recentTicket('c', '+491519999999', 5, 900), undefined, 'another number');
      });

      it('keeps transcripts in order and deletes expired lines, but never undelivered agent messages', async () => {
        await store.addMessage({ conversationId: 'a', sender: 'citizen', text: 'eins', at: 1 });
        const agent = await store.addMessage({ conversationId: 'a', sender: 'agent', text: 'zwei', at: 2, delivered: false });
        await store.addMessage({ conversationId: 'a', sender: 'bot', text: 'drei'.repeat(2000), at: 3 });
        assert.deepEqual(
          (await store.transcript('a')).map((m) => m.text.slice(0, 4)),
          ['eins', 'zwei', 'drei'],
        );
        assert.equal((await store.transcript('a'))[2].text.length, 4000);
        assert.equal((await store.message(agent.id))?.text, 'zwei');
        assert.equal(await store.purgeMessagesBefore(10), 2);
        assert.deepEqual(
          (await store.undeliveredToCitizens()).map((m) => m.text),
          ['zwei'],
        );
      });

      it('reads the latest lines of several transcripts at once, each oldest first', async () => {
        for (let i = 1; i <= 5; i++) {
          await store.addMessage({ conversationId: 'p', sender: 'citizen', text: `p${i}`, at: i });
          if (i <= 2) await store.addMessage({ conversationId: 'q', sender: 'bot', text: `q${i}`, at: i });
        }
        const latest = await store.transcripts(['p', 'q', 'nobody'], 3);
        assert.deepEqual([...latest.keys()], ['p', 'q', 'nobody']);
        assert.deepEqual(
          latest.get('p')?.map((m) => m.text),
          ['p3', 'p4', 'p5'],
        );
        assert.deepEqual(
          latest.get('q')?.map((m) => [m.text, m.sender]),
          [
            ['q1', 'bot'],
            ['q2', 'bot'],
          ],
        );
        assert.deepEqual(latest.get('nobody'), []);
        assert.deepEqual((await store.transcripts([], 3)).size, 0);
        // The same lines as one transcript read alone.
        assert.deepEqual(latest.get('p'), await store.transcript('p', 3));
      });

      it("records a citizen's line and finds the open handoff in one statement", async () => {
        const none = await store.addCitizenLine('x', 'Hallo 👋', 1);
        assert.equal(none.handoffId, null);
        const h = await enqueue('x', 2);
        const queued = await store.addCitizenLine('x', 'Noch da?', 3);
        assert.equal(queued.handoffId, h.id);
        await store.finish(h.id, 'ended', 'agent', 4);
        assert.equal((await store.addCitizenLine('x', 'Danke', 5)).handoffId, null);
        assert.deepEqual(
          (await store.transcript('x')).map((m) => [m.text, m.handoffId, m.sender]),
          [
            ['Hallo 👋', null, 'citizen'],
            ['Noch da?', h.id, 'citizen'],
            ['Danke', null, 'citizen'],
          ],
        );
      });

      it('knows which agents are connected to any instance, until their presence goes stale', async () => {
        await store.markPresent([1, 2], 'instance-a', 1000);
        await store.markPresent([2], 'instance-b', 5000);
        assert.deepEqual((await store.presentAgents(900)).sort(), [1, 2]);
        assert.deepEqual(await store.presentAgents(2000), [2]);
        await store.markAbsent(2, 'instance-b');
        assert.deepEqual(await store.presentAgents(2000), []);
        await store.purgePresence(0, 'instance-a');
        assert.deepEqual(await store.presentAgents(0), []);
      });

      it('forgets one conversation whole: transcript, queue entry, reference and callback ticket', async () => {
        for (const id of ['mine', 'other']) {
          await store.saveReference(id, { conversation: { id } }, 'gifhorn', 1);
          await store.addMessage({ conversationId: id, sender: 'citizen', text: 'Hallo', at: 1 });
          await store.enqueue({ conversationId: id, tenant: 'gifhorn', topic: 'Kosten', reason: 'agent', now: 1 });
          await store.createTicket(
            { conversationId: id, tenant: 'gifhorn', topic: 'Kfz', phone: '+491511234567', wishedAt: 5, wishedText: 'Mo' },
            2026,
            1,
          );
        }
        await store.forgetConversation('mine');
        assert.deepEqual(await store.transcript('mine'), []);
        assert.equal(await store.reference('mine'), undefined);
        assert.equal(await store.openFor('mine'), undefined);
        assert.deepEqual(
          (await store.tickets()).map((t) => t.conversationId),
          ['other'],
        );
        assert.equal((await store.transcript('other')).length, 1);
        assert.deepEqual(await store.reference('other'), { conversation: { id: 'other' } });
      });

      it("remembers the Kommune a conversation's handoff was asked for (the words of its notices), a later reference without one keeps it", async () => {
        await store.saveReference('c1', { conversation: { id: 'c1' } }, 'gifhorn', 1);
        await store.saveReference('c1', { conversation: { id: 'c1' } }, undefined, 2);
        await store.saveReference('c2', { conversation: { id: 'c2' } }, undefined, 2);
        assert.equal(await store.conversationTenant('c1'), 'gifhorn');
        assert.equal(await store.conversationTenant('c2'), undefined);
        assert.equal(await store.conversationTenant('nobody'), undefined);
      });

      it('expires references and closed queue entries, keeps open ones', async () => {
        await store.saveReference('old', {}, 'gifhorn', 1);
        const done = await enqueue('old', 1);
        await store.finish(done.id, 'ended', 'agent', 2);
        await enqueue('waiting', 1);
        assert.equal(await store.purgeConversationsBefore(100), 2);
        assert.equal((await store.queued()).length, 1);
      });

      it('locks an agent after 5 failures for 15 minutes, then lets the right password in', async () => {
        let now = 1_000_000;
        const { salt, hash } = await hashPassword('richtig-richtig');
        await store.addAgent('anna', salt, hash);
        const auth = new AgentAuth(store, { sessionSeconds: 60, maxFailures: 5, lockoutSeconds: 900 }, () => now);
        for (let i = 0; i < 5; i++) assert.deepEqual(await auth.login('anna', 'falsch'), { ok: false, reason: 'invalid' });
        const locked = await auth.login('anna', 'richtig-richtig');
        assert.equal(!locked.ok && locked.reason, 'locked');
        now += 901_000;
        const ok = await auth.login('anna', 'richtig-richtig');
        assert.ok(ok.ok);
        assert.equal((await auth.session(ok.token))?.name, 'anna');
        now += 61_000;
        assert.equal(await auth.session(ok.token), undefined, 'expired');
        assert.equal(sessionToken('a=1; agent_session=xyz; b=2'), 'xyz');
      });

      it("keeps an agent's display name apart from the login name, in the account and the session", async () => {
        const { salt, hash } = await hashPassword('richtig-richtig');
        assert.equal((await store.addAgent('anna', salt, hash)).displayName, null);
        assert.equal((await store.addAgent('bert', salt, hash, 1, 'Herr Becker')).displayName, 'Herr Becker');
        const auth = new AgentAuth(store, { sessionSeconds: 60, maxFailures: 5, lockoutSeconds: 900 });
        const login = await auth.login('bert', 'richtig-richtig');
        assert.ok(login.ok);
        assert.deepEqual({ name: login.name, displayName: login.displayName }, { name: 'bert', displayName: 'Herr Becker' });
        assert.ok(await store.setAgentDisplayName('anna', 'Frau Schmidt'));
        assert.equal((await store.agentByName('anna'))?.displayName, 'Frau Schmidt');
        assert.ok(await store.setAgentDisplayName('bert', null));
        const session = await auth.session(login.token);
        assert.deepEqual({ name: session?.name, displayName: session?.displayName }, { name: 'bert', displayName: null });
        assert.equal(await store.setAgentDisplayName('niemand', 'Frau Niemand'), false);
      });
    });

    describe('Direct Line store', () => {
      it('numbers activities per conversation and reads them after a watermark', async () => {
        const store = new DirectLineStore(db);
        await store.createConversation('c1', 'wolfsburg', 'u1', 1);
        assert.equal(await store.watermark('c1'), 0);
        const first = await store.append('c1', (id) => ({ id, text: 'Hallo 👋' }));
        const secondActivity = await store.append('c1', (id) => ({ id, text: 'Wie geht es?' }));
        assert.equal(first.seq, 1);
        assert.equal(secondActivity.activity.id, 'c1|0000002');
        assert.deepEqual(
          (await store.after('c1', 1)).map((a) => a.activity.text),
          ['Wie geht es?'],
        );
        assert.equal(await store.watermark('c1'), 2);
        assert.equal(await store.start('c1'), true);
        assert.equal(await store.start('c1'), false, 'started once');
        assert.deepEqual(await store.conversation('c1'), { id: 'c1', tenant: 'wolfsburg', userId: 'u1', created: 1, started: true });
      });

      it('two instances appending to one conversation at once: every activity kept, numbers unique', async () => {
        const one = new DirectLineStore(db);
        const two = new DirectLineStore(await second());
        await one.createConversation('c2', 'gifhorn', 'u2');
        await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).append('c2', (id) => ({ id, text: `m${i}` }))));
        const all = await one.after('c2', 0);
        assert.equal(all.length, 20);
        assert.deepEqual(
          all.map((a) => a.seq),
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        assert.equal(new Set(all.map((a) => a.activity.text)).size, 20);
      });

      it('gives every instance the same generated secret', async () => {
        const [one, two] = [new DirectLineStore(db), new DirectLineStore(await second())];
        const [x, y] = await Promise.all([one.sharedSecret('first-secret-0123456789'), two.sharedSecret('second-secret-0123456789')]);
        assert.equal(x, y);
        assert.equal(await one.sharedSecret('third-secret-0123456789'), x);
      });

      it("forgets a conversation's activities and expires old ones", async () => {
        const store = new DirectLineStore(db);
        await store.createConversation('c3', 'gifhorn', 'u3', 1);
        await store.append('c3', (id) => ({ id }), 1);
        await store.createConversation('c4', 'gifhorn', 'u4', 1);
        await store.append('c4', (id) => ({ id }), 1);
        await store.append('c4', (id) => ({ id }), 500);
        await store.forgetActivities('c3');
        assert.deepEqual(await store.after('c3', 0), []);
        // c4's old activity and the empty old conversation c3 go; c4 stays with its recent activity.
        assert.equal(await store.purgeBefore(100), 2);
        assert.equal(await store.conversation('c3'), undefined);
        assert.equal((await store.after('c4', 0)).length, 1);
      });
    });

    describe('unanswered questions', () => {
      it('are stored redacted and deleted after the retention', async () => {
        const store = new UnansweredStore(db, 30);
        const now = new Date('2026-11-25T12:00:00Z');
        await store.add('wolfsburg', 'alt', 'none', new Date('2026-10-20T12:00:00Z'));
        await store.add('wolfsburg', 'neu, rufen Sie 0151 12345678 an', 'none', new Date('2026-11-20T12:00:00Z'));
        assert.equal(await store.expire(now), 1);
        const left = await store.since(new Date(0));
        assert.equal(left.length, 1);
        assert.doesNotMatch(left[0].text, /12345678/);
      });
    });
  });
}
