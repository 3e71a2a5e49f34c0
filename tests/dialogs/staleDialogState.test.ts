/**
 * A conversation saved by an earlier release can stand in a dialog this release no longer has (a dialog renamed or
 * moved into its own class): the citizen's next message starts afresh and is answered, instead of failing on every
 * turn with the apology.
 */
import { strict as assert } from 'node:assert';
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { HoldReplies } from '../../bot/holdReplies';
import { createLogger } from '../../bot/logger';
import { assistantBotOn } from '../helpers/assistant';

describe('a conversation saved in a dialog that no longer exists', () => {
  for (const stack of [
    // The outer set does not know the dialog.
    [{ id: 'retiredDialog', state: {} }],
    // The main dialog is known, but the dialog inside it is not (the callback offer of the previous release).
    [{ id: 'mainDialog', state: { dialogs: { dialogStack: [{ id: 'offerCallbackFlow', state: { stepIndex: 1 } }] } } }],
  ]) {
    it(`answers the next message afresh (${stack.map((s) => s.id).join(' > ')})`, async () => {
      const storage = new MemoryStorage();
      const bot = assistantBotOn(storage);
      const adapter = new TestAdapter(async (context) => bot.run(context));
      const errors: Error[] = [];
      adapter.onTurnError = async (_context, err) => {
        errors.push(err);
      };
      adapter.use(new HoldReplies(createLogger('silent')));
      const key = `test/conversations/${adapter.conversation.conversation.id}/`;
      await storage.write({ [key]: { dialogState: { dialogStack: stack }, tenant: 'wolfsburg' } });
      await adapter.send('Was kostet ein Personalausweis?').assertReply((a) => assert.match(String(a.text), /46,00\s€/));
      assert.deepEqual(errors, []);
      const saved = (await storage.read([key]))[key] as { dialogState?: { dialogStack?: { id: string }[] } };
      assert.ok(
        !JSON.stringify(saved.dialogState ?? {}).includes(stack[stack.length - 1].id === 'mainDialog' ? 'offerCallbackFlow' : stack[0].id),
      );
    });
  }
});
