/** The HoldReplies middleware on botbuilder's TestAdapter: what a turn sends goes out when the turn is done. */
import { strict as assert } from 'node:assert';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { HoldReplies } from '../../bot/holdReplies';
import { createLogger } from '../../bot/logger';

/** A channel behind the hold that refuses some activities. */
function refusing(refuse: (a: Partial<Activity>) => boolean) {
  return async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
    context.onSendActivities(async (_ctx, activities, send) => {
      if (activities.some(refuse)) throw new Error('refused by the channel');
      return send();
    });
    await next();
  };
}

/** A turn that sends `replies`, held, in front of a channel that refuses what `refuse` picks; collects the turn's errors. */
function heldBeforeRefusing(
  replies: readonly (string | Partial<Activity>)[],
  refuse: (a: Partial<Activity>) => boolean,
): { adapter: TestAdapter; errors: Error[] } {
  const errors: Error[] = [];
  const adapter = new TestAdapter(async (context) => {
    for (const reply of replies) await context.sendActivity(reply);
  });
  adapter.onTurnError = async (_context, err) => {
    errors.push(err);
  };
  adapter.use(new HoldReplies(createLogger('silent')));
  adapter.use(refusing(refuse));
  return { adapter, errors };
}

describe("holding a turn's replies (HoldReplies)", () => {
  it('sends nothing before the turn is done, then everything in order', async () => {
    let queuedDuringTurn = -1;
    const adapter: TestAdapter = new TestAdapter(async (context) => {
      await context.sendActivity('eins');
      await context.sendActivity('zwei');
      queuedDuringTurn = adapter.activeQueue.length;
    });
    adapter.use(new HoldReplies(createLogger('silent')));
    await adapter.send('Hallo').assertReply('eins').assertReply('zwei');
    assert.equal(queuedDuringTurn, 0);
  });

  it("sends the citizen's replies although the channel refuses an event (handoff.initiate) before them", async () => {
    const { adapter, errors } = heldBeforeRefusing(
      [{ type: 'event', name: 'handoff.initiate' }, 'Sie sind als Nächstes an der Reihe.'],
      (a) => a.type === 'event',
    );
    await adapter.send('Ich möchte mit einem Mitarbeiter sprechen').assertReply('Sie sind als Nächstes an der Reihe.');
    assert.deepEqual(errors, []);
  });

  it('fails the turn when a reply is refused, after trying the others', async () => {
    const { adapter, errors } = heldBeforeRefusing(['geht nicht', 'geht'], (a) => a.text === 'geht nicht');
    await adapter.send('Hallo').assertReply('geht');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /refused by the channel/);
  });
});
