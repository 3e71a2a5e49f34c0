/**
 * A callback offer outside the citizen's own turn (after a queue timeout): it is remembered as pending only
 * once it has reached the citizen.
 */
import { strict as assert } from 'node:assert';
import { TestAdapter, type TurnContext } from 'botbuilder';
import { HoldReplies } from '../../bot/holdReplies';
import { createLogger } from '../../bot/logger';
import { SqliteDatabase } from '../../bot/storage/database';
import { migrate } from '../../bot/storage/migrations';
import { SqlStorage, STATE_MIGRATIONS } from '../../bot/storage/sqlStorage';
import { assistantBotOn } from '../helpers/assistant';

const OFFER = 'Leider ist gerade niemand frei, der Ihr Gespräch übernehmen kann. Möchten Sie, dass wir Sie zurückrufen?';

describe('a callback offer after a queue timeout', () => {
  let db: SqliteDatabase;
  let storage: SqlStorage;
  let adapter: TestAdapter;
  let refusing: boolean;
  let errors: Error[];

  beforeEach(async () => {
    db = new SqliteDatabase(':memory:');
    await migrate(db, STATE_MIGRATIONS);
    storage = new SqlStorage(db);
    const bot = assistantBotOn(storage);
    adapter = new TestAdapter(async (context) => bot.offerCallback(context, OFFER));
    refusing = false;
    errors = [];
    adapter.onTurnError = async (_context, err) => {
      errors.push(err);
    };
    adapter.use(new HoldReplies(createLogger('silent')));
    // The citizen's channel, refusing everything while `refusing` is set.
    adapter.use(async (context: TurnContext, next: () => Promise<void>) => {
      context.onSendActivities(async (_ctx, _activities, send) => {
        if (refusing) throw new Error('the channel is away');
        return send();
      });
      await next();
    });
  });
  afterEach(async () => {
    await db.close();
  });

  const stored = async (): Promise<Record<string, unknown> | undefined> =>
    (await storage.read([`test/conversations/${adapter.conversation.conversation.id}/`]))[
      `test/conversations/${adapter.conversation.conversation.id}/`
    ];

  it('is not remembered when the channel refuses it, and is when it arrives', async () => {
    refusing = true;
    await adapter.send('(Zeitüberschreitung)');
    assert.equal(errors.length, 1);
    assert.equal(await stored(), undefined, 'nothing saved for an offer the citizen never saw');
    refusing = false;
    await adapter.send('(Zeitüberschreitung)').assertReply((a) => assert.match(String(a.text), /zurückrufen/));
    assert.ok(await stored(), 'the offer is pending now');
  });
});
