/**
 * The words of the conversation's Kommune reach the citizen in every step around a person and a callback, and in
 * the too-long reply: a Kommune with its own texts (here Gifhorn, with texts marked as its own) is answered with
 * them, the other Kommune with the shipped ones.
 */
import { strict as assert } from 'node:assert';
import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import type { AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { MainDialog } from '../../dialogs/mainDialog';
import type { ConversationMemory } from '../../dialogs/routing';
import type { Texts } from '../../knowledge/texts/texts';
import { AssistantBot } from '../../bot/assistantBot';
import { HoldReplies } from '../../bot/holdReplies';
import { createLogger } from '../../bot/logger';
import { TenantResolver } from '../../bot/tenant';
import { FakeHandoff, shippedAssistant } from '../helpers/assistant';

/** Gifhorn's texts: every sentence (not the buttons) ends with "[Gifhorn]". */
function marked(texts: Texts): Texts {
  const render = texts.render.bind(texts) as (id: string, values?: object) => string;
  // Everything else (amounts, dates, times in the language) as the shipped texts write it.
  return Object.assign(Object.create(texts) as Texts, {
    render: (id: string, values?: object) => (id.startsWith('schaltflaechen.') ? render(id, values) : `${render(id, values)} [Gifhorn]`),
  });
}

async function conversation(assistant: AssistantKnowledge, tenant: string, at: string, inputs: string[]): Promise<Partial<Activity>[]> {
  const state = new ConversationState(new MemoryStorage());
  const dialog = new MainDialog({
    assistant: () => assistant,
    memory: state.createProperty<ConversationMemory>('memory'),
    clock: () => new Date(at),
    handoff: new FakeHandoff(0),
  });
  const log = createLogger('silent');
  const tenants = new TenantResolver(state.createProperty<string>('tenant'), () => new Set(['wolfsburg', 'gifhorn']), 'wolfsburg', log);
  const bot = new AssistantBot(state, dialog, tenants, log);
  const adapter = new TestAdapter(async (context) => bot.run(context));
  adapter.use(new HoldReplies(log));
  const replies: Partial<Activity>[] = [];
  for (const text of inputs) {
    await adapter.processActivity({ type: 'message', text, channelData: { tenant } });
    replies.push(...adapter.activeQueue.splice(0).filter((a) => a.type === 'message'));
  }
  return replies;
}

describe("replies in the words of the conversation's Kommune", function () {
  this.timeout(30000);
  let assistant: AssistantKnowledge;
  before(() => {
    const shipped = shippedAssistant();
    const tenants = new Map(shipped.knowledge.tenants);
    const gifhorn = tenants.get('gifhorn')!;
    tenants.set('gifhorn', { ...gifhorn, texts: marked(gifhorn.texts) });
    assistant = { ...shipped, knowledge: { ...shipped.knowledge, tenants } };
  });

  const callback = [
    'Ich möchte mit einer Person sprechen',
    'Ja, bitte zurückrufen',
    '0151 1234567',
    'morgen um 19:30 Uhr',
    'Nein, andere Zeit',
    'So bald wie möglich',
    'vielleicht',
    'Ja, passt',
    'Reisepass',
    'Ja, einverstanden',
    'x'.repeat(2100),
    'Ich möchte mit einer Person sprechen',
    'Nein, danke',
    'Rückruf bitte',
    'abbrechen',
  ];

  it('the callback offer, every step of the callback request, the confirmation, declining, cancelling and the too-long reply', async () => {
    // Tuesday 20:00 in Berlin: nobody there, a callback is offered.
    const gifhorn = await conversation(assistant, 'gifhorn', '2026-11-24T19:00:00Z', callback);
    const wolfsburg = await conversation(assistant, 'wolfsburg', '2026-11-24T19:00:00Z', callback);
    assert.equal(gifhorn.length, wolfsburg.length);
    assert.ok(gifhorn.length >= callback.length, gifhorn.map((a) => a.text).join('\n'));
    for (const [i, reply] of gifhorn.entries()) {
      assert.ok(String(reply.text).endsWith(' [Gifhorn]'), `Gifhorn, reply ${i}: ${reply.text}`);
      assert.ok(!String(wolfsburg[i].text).includes('[Gifhorn]'), `Wolfsburg, reply ${i}: ${wolfsburg[i].text}`);
    }
    // The buttons are the shipped ones, understood as before.
    assert.deepEqual(
      gifhorn.map((a) => a.suggestedActions?.actions.map((b) => b.title)),
      wolfsburg.map((a) => a.suggestedActions?.actions.map((b) => b.title)),
    );
  });
});
