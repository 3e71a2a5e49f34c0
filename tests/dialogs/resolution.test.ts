/**
 * First-contact resolution (issue 15): each message's outcome reaches the store, a conversation counts once it
 * has ended (quiet for 30 minutes), and /metrics and the editors' report show the share resolved.
 */
import { strict as assert } from 'node:assert';
import { SqliteDatabase } from '../../bot/storage/database';
import { migrate } from '../../bot/storage/migrations';
import { IDLE_MS, OUTCOME_MIGRATIONS, OutcomeStore } from '../../bot/storage/outcomeStore';
import { Metrics } from '../../bot/metrics';
import type { DialogTestClient } from 'botbuilder-testing';
import type { TurnOutcomeEvent } from '../../dialogs/mainDialog';
import { ask, FakeHandoff, shippedClientAt } from '../helpers/assistant';

/** A dialog on Tuesday 10:00 in Berlin with an agent online, its turn outcomes collected in `events`. */
function outcomeClient(tenant: string, events: TurnOutcomeEvent[]): DialogTestClient {
  return shippedClientAt(tenant, '2026-11-24T09:00:00Z', new FakeHandoff(1), (e) => events.push(e));
}

describe('first-contact resolution', function () {
  this.timeout(30000);

  it('reports each message\'s outcome: answered, unanswered, "nicht geholfen" and a person asked for', async () => {
    const events: TurnOutcomeEvent[] = [];
    const client = outcomeClient('wolfsburg', events);
    await ask(client, 'Was kostet ein Reisepass?');
    await ask(client, 'Wie wird das Wetter morgen?');
    await ask(client, 'Das hat mir nicht geholfen');
    assert.deepEqual(
      events.map((e) => e.outcome),
      ['answered', 'unanswered', 'not-helped'],
    );
    assert.ok(events.every((e) => e.tenant === 'wolfsburg' && e.conversation.length > 0));
    const agent: TurnOutcomeEvent[] = [];
    const second = outcomeClient('gifhorn', agent);
    await ask(second, 'Ich möchte mit einem Mitarbeiter sprechen');
    assert.deepEqual(
      agent.map((e) => e.outcome),
      ['escalated'],
    );
  });

  it('counts ended conversations per tenant: resolved only when answered without a person and without "nicht geholfen"', async () => {
    const db = new SqliteDatabase(':memory:');
    await migrate(db, OUTCOME_MIGRATIONS);
    const store = new OutcomeStore(db, 30);
    const t0 = Date.parse('2026-12-01T09:00:00Z');
    await store.record('c1', 'wolfsburg', 'answered', t0);
    await store.record('c1', 'wolfsburg', 'answered', t0 + 60_000);
    await store.record('c2', 'wolfsburg', 'answered', t0);
    await store.record('c2', 'wolfsburg', 'not-helped', t0 + 60_000);
    await store.record('c3', 'wolfsburg', 'unanswered', t0);
    await store.record('c4', 'gifhorn', 'answered', t0);
    await store.record('c4', 'gifhorn', 'escalated', t0 + 60_000);
    // Still going: not counted yet.
    await store.record('c5', 'wolfsburg', 'answered', t0 + 2 * 60 * 60_000);
    const now = t0 + 2 * 60 * 60_000 + IDLE_MS / 2;
    assert.deepEqual(await store.resolution(7, now), [
      { tenant: 'gifhorn', ended: 1, resolved: 0, escalated: 1, notHelped: 0, unanswered: 0 },
      { tenant: 'wolfsburg', ended: 3, resolved: 1, escalated: 0, notHelped: 1, unanswered: 1 },
    ]);
    // Conversation ids are not kept in the clear.
    const rows = await db.all<{ conversation: string }>('SELECT conversation FROM conversation_outcomes');
    assert.ok(rows.every((r) => !/^c\d$/.test(r.conversation)));
    assert.equal(await store.expire(t0 + 31 * 24 * 60 * 60_000), 5);
    await db.close();
  });

  it('exports the share on /metrics, per tenant', async () => {
    const metrics = new Metrics();
    metrics.watchResolution(async () => [{ tenant: 'gifhorn', ended: 4, resolved: 3, escalated: 1, notHelped: 0, unanswered: 0 }]);
    const body = await metrics.registry.metrics();
    assert.match(body, /kommune_first_contact_resolution_ratio\{tenant="gifhorn"\} 0\.75/);
    assert.match(body, /kommune_conversations_ended\{tenant="gifhorn",outcome="escalated"\} 1/);
  });
});
