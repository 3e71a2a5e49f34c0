/**
 * A turn whose conversation another turn (another instance) saved first: the save meets an eTag conflict,
 * the turn runs again on the fresh state, and the citizen sees the replies of that run only.
 */
import { strict as assert } from 'node:assert';
import { TestAdapter, type Activity, type StoreItems } from 'botbuilder';
import { HoldReplies } from '../../../bot/holdReplies';
import { createLogger } from '../../../bot/logger';
import type { SqliteDatabase } from '../../../bot/storage/database';
import { SqlStorage } from '../../../bot/storage/sqlStorage';
import { assistantBotOn } from '../../helpers/assistant';
import { APOLOGY, BURST_QUESTIONS, counts } from '../../helpers/burst';
import { useStateDatabase } from '../../helpers/stateDatabase';

/** Before its first `races` writes, "another instance" saves the same items first. */
class RacingStorage extends SqlStorage {
  races = 0;
  constructor(
    db: SqliteDatabase,
    private readonly other: SqlStorage,
  ) {
    super(db);
  }
  override async write(changes: StoreItems): Promise<void> {
    if (this.races > 0) {
      this.races--;
      const current = await this.other.read(Object.keys(changes));
      await this.other.write(Object.fromEntries(Object.entries(current).map(([k, v]) => [k, { ...v, touchedElsewhere: true }])));
    }
    return super.write(changes);
  }
}

describe('turns meeting an eTag conflict', () => {
  const state = useStateDatabase();
  let storage: RacingStorage;
  let conflicts: number;
  let adapter: TestAdapter;
  /** What a send handler behind the hold (like the transcript's) saw go out. */
  let recorded: string[];

  beforeEach(() => {
    storage = new RacingStorage(state.db, new SqlStorage(state.db));
    conflicts = 0;
    const bot = assistantBotOn(storage, () => {
      conflicts++;
    });
    adapter = new TestAdapter(async (context) => bot.run(context));
    recorded = [];
    // As in the app: the hold first, then middleware that records what is sent (the transcript).
    adapter.use(new HoldReplies(createLogger('silent')));
    adapter.use(async (context, next) => {
      context.onSendActivities(async (_ctx, activities, send) => {
        recorded.push(...texts(activities));
        return send();
      });
      await next();
    });
  });

  const texts = (activities: Partial<Activity>[]): string[] => activities.filter((a) => a.type === 'message').map((a) => String(a.text));

  it('runs the turn again on the fresh state and sends its replies once', async () => {
    await adapter.send('Was kostet ein Reisepass?').assertReply((a) => assert.match(String(a.text), /70,00/));
    storage.races = 1;
    adapter.activeQueue.splice(0);
    recorded = [];
    await adapter.send('Und was brauche ich dafür?');
    const sent: Partial<Activity>[] = adapter.activeQueue.splice(0);
    assert.equal(conflicts, 1);
    assert.equal(texts(sent).length, 1, `one reply, not one per attempt: ${JSON.stringify(texts(sent))}`);
    assert.deepEqual(recorded, texts(sent), 'the transcript keeps the reply of the attempt that counted, and only that');
    // The follow-up was understood from the state the other instance saved (the Reisepass is still the topic).
    assert.match(texts(sent)[0], /Reisepass/);
    const saved = await new SqlStorage(state.db).read([`test/conversations/${adapter.conversation.conversation.id}/`]);
    assert.equal(Object.values(saved)[0]?.touchedElsewhere, true, "the other instance's change is kept");
  });

  it('runs forty turns of one conversation that arrive at once one after the other on one instance: no conflict, every turn its own answer, the transcript each once', async () => {
    const message = (text: string, id: string, conversation = adapter.conversation.conversation): Partial<Activity> => ({
      ...adapter.conversation,
      conversation,
      id,
      type: 'message',
      text,
      from: adapter.conversation.user,
    });
    // What each question is answered on its own, in a conversation of its own.
    const expected: string[] = [];
    for (const [i, q] of BURST_QUESTIONS.entries()) {
      await adapter.processActivity(message(q, `alone-${i}`, { ...adapter.conversation.conversation, id: `alone-${i}` }));
      expected.push(texts(adapter.activeQueue.splice(0)).join('\n'));
    }
    assert.equal(new Set(expected).size, BURST_QUESTIONS.length, 'forty different answers');
    await adapter.send('Hallo');
    adapter.activeQueue.splice(0);
    recorded = [];

    await Promise.all(BURST_QUESTIONS.map((q, i) => adapter.processActivity(message(q, `burst-${i}`))));
    const sent: Partial<Activity>[] = adapter.activeQueue.splice(0);
    const got = BURST_QUESTIONS.map((_q, i) => texts(sent.filter((a) => a.replyToId === `burst-${i}`)).join('\n'));
    assert.equal(conflicts, 0, 'nothing ran again');
    assert.equal(got.filter((t) => APOLOGY.test(t)).length, 0, 'no apology');
    assert.deepEqual(got, expected, 'every turn its own answer, and only that');
    assert.deepEqual(counts(recorded), counts(expected), 'the transcript holds each answer once');
  });

  it('gives up after three attempts with the usual error path, not a silent loss', async () => {
    await adapter.send('Hallo');
    adapter.activeQueue.splice(0);
    storage.races = 5;
    await assert.rejects(async () => {
      await adapter.send('Was kostet ein Reisepass?');
    }, /eTag conflict/);
    assert.equal(conflicts, 2);
  });
});
