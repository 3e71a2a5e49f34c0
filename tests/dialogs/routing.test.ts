import { strict as assert } from 'node:assert';
import { routeOf, type ConversationMemory, type Decision } from '../../dialogs/routing';

const fresh: ConversationMemory = { misunderstandings: 0 };
const once: ConversationMemory = { misunderstandings: 1 };
const answer: Decision = {
  kind: 'answer',
  intent: 'fees',
  service: 'reisepass',
  facet: null,
  conditions: { cases: [] },
  fullDetail: false,
  explicit: { fees: true, documents: false },
  asksWhere: false,
};
const notUnderstood: Decision = { kind: 'not-understood', unsure: false, noise: false };
const noise: Decision = { kind: 'not-understood', unsure: false, noise: true };

describe('routing table (dialogs/routing routeOf)', () => {
  it('answers in this turn what no row takes: answers, offices, small talk, other services, a first misunderstanding', () => {
    for (const decision of [
      answer,
      { kind: 'office', intent: 'hours' },
      { kind: 'small-talk', intent: 'greeting' },
      { kind: 'other-service', otherService: 'hundesteuer' },
      { kind: 'other-language' },
      notUnderstood,
    ] as Decision[])
      assert.deepEqual(routeOf({ decision, memory: fresh, notHelped: false }), { kind: 'answer' }, decision.kind);
    // Noise never counts towards a person.
    assert.deepEqual(routeOf({ decision: noise, memory: once, notHelped: false }), { kind: 'answer' });
  });

  it('sends the rest into a dialog, the first matching row first', () => {
    const route = (decision: Decision, memory = fresh, notHelped = false) => routeOf({ decision, memory, notHelped });
    assert.deepEqual(route(answer, fresh, true), { kind: 'person', reason: 'not-helped' });
    assert.deepEqual(route({ kind: 'ask-service', intent: 'fees', candidates: [] }, fresh, true), { kind: 'person', reason: 'not-helped' });
    assert.deepEqual(route({ kind: 'ask-service', intent: 'fees', candidates: [] }), { kind: 'ask-service' });
    assert.deepEqual(route({ kind: 'small-talk', intent: 'agent' }), { kind: 'person', reason: 'agent' });
    assert.deepEqual(route({ kind: 'small-talk', intent: 'callback' }), { kind: 'callback' });
    assert.deepEqual(route({ kind: 'delete-data' }), { kind: 'delete-data' });
    assert.deepEqual(route(notUnderstood, once), { kind: 'person', reason: 'misunderstood' });
  });
});
