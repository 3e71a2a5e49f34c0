import { strict as assert } from 'node:assert';
import type { Texts } from '../../knowledge/texts/texts';
import { shippedTexts } from '../helpers/texts';
import type { Activity } from 'botbuilder';
import { HandoffNotifier, type CitizenOutlet } from '../../dialogs/handoffNotifier';
import type { CitizenEvent } from '../../dialogs/handoffPort';
import { addVoice } from '../../bot/voiceMiddleware';

/** What the notifier handed on: activities sent, callback offers started. */
class RecordingOutlet implements CitizenOutlet {
  readonly sent: { conversationId: string; activity: Partial<Activity> }[] = [];
  readonly offers: { conversationId: string; text: string }[] = [];
  delivered = true;

  async send(conversationId: string, activity: Partial<Activity>): Promise<boolean> {
    this.sent.push({ conversationId, activity });
    return this.delivered;
  }

  async offerCallback(conversationId: string, text: string): Promise<boolean> {
    this.offers.push({ conversationId, text });
    return this.delivered;
  }
}

/** What a citizen's client sees of a message once the voice middleware has run (it adds `speak` and any `inputHint`). */
function asSeen(activity: Partial<Activity>): Record<string, unknown> {
  const a: Partial<Activity> = JSON.parse(JSON.stringify(activity)) as Partial<Activity>;
  addVoice(a, 'de-DE-KatjaNeural');
  return {
    type: a.type,
    text: a.text,
    // No textFormat is Markdown (Bot Framework's default).
    textFormat: a.textFormat ?? 'markdown',
    locale: a.locale,
    inputHint: a.inputHint,
    speak: a.speak,
    suggestedActions: a.suggestedActions,
    channelData: a.channelData,
    speaker: a.from?.name,
  };
}

const C = 'conversation-1';
/** Every conversation speaks with the shipped texts here. */
const textsOf = async (): Promise<Texts> => shippedTexts();

/** The buttons after an agent ended the chat. */
const AFTER_HANDOFF = {
  to: [],
  actions: [
    { type: 'imBack', title: 'Nein, danke', value: 'Nein, danke' },
    { type: 'imBack', title: 'Was kostet ein Reisepass?', value: 'Was kostet ein Reisepass?' },
  ],
};

/**
 * Each event, and the activity the hub sent for it before the notifier existed (bot/handoff/hub.ts, with the speaker
 * it named through the channel's `from.name`): the notifier's must look the same to the citizen's client.
 */
const BEFORE: [CitizenEvent, Partial<Activity>, string | undefined][] = [
  [
    { kind: 'connected', conversationId: C, agent: null },
    {
      type: 'message',
      text: 'Sie sind jetzt mit einer Mitarbeiterin oder einem Mitarbeiter des Service-Centers verbunden. Schreiben Sie einfach Ihr Anliegen; mit „beenden“ beenden Sie das Gespräch.',
      textFormat: 'plain',
      locale: 'de-DE',
    },
    undefined,
  ],
  [
    { kind: 'connected', conversationId: C, agent: 'Frau Schmidt' },
    {
      type: 'message',
      text: 'Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden. Schreiben Sie einfach Ihr Anliegen; mit „beenden“ beenden Sie das Gespräch.',
      textFormat: 'plain',
      locale: 'de-DE',
    },
    undefined,
  ],
  [
    { kind: 'agent-message', conversationId: C, agent: null, text: 'Guten Tag, hier ist Anna. Wie alt ist Ihr Kind?' },
    {
      type: 'message',
      text: 'Service-Center: Guten Tag, hier ist Anna. Wie alt ist Ihr Kind?',
      textFormat: 'plain',
      locale: 'de-DE',
      channelData: { relay: true },
    },
    'Service-Center',
  ],
  [
    { kind: 'agent-message', conversationId: C, agent: 'Frau Schmidt', text: 'Hier ist **Frau Schmidt**. <b>Bis gleich</b>' },
    {
      type: 'message',
      text: 'Frau Schmidt (Service-Center): Hier ist **Frau Schmidt**. <b>Bis gleich</b>',
      textFormat: 'plain',
      locale: 'de-DE',
      channelData: { relay: true },
    },
    'Frau Schmidt',
  ],
  [
    { kind: 'ended-by-agent', conversationId: C, agent: null },
    {
      type: 'message',
      text: 'Die Mitarbeiterin oder der Mitarbeiter des Service-Centers hat das Gespräch beendet. Jetzt bin wieder ich, der digitale Assistent, für Sie da. Ist noch etwas offen, bei dem ich helfen kann?',
      textFormat: 'plain',
      locale: 'de-DE',
      inputHint: 'expectingInput',
      suggestedActions: AFTER_HANDOFF,
    },
    undefined,
  ],
  [
    { kind: 'ended-by-agent', conversationId: C, agent: 'Frau Schmidt' },
    {
      type: 'message',
      text: 'Frau Schmidt hat das Gespräch beendet. Jetzt bin wieder ich, der digitale Assistent, für Sie da. Ist noch etwas offen, bei dem ich helfen kann?',
      textFormat: 'plain',
      locale: 'de-DE',
      inputHint: 'expectingInput',
      suggestedActions: AFTER_HANDOFF,
    },
    undefined,
  ],
  [
    { kind: 'transferred', conversationId: C },
    {
      type: 'message',
      text: 'Ihr Anliegen wird an eine andere Mitarbeiterin oder einen anderen Mitarbeiter weitergegeben. Sie sind wieder ganz vorn in der Warteschlange.',
      locale: 'de-DE',
    },
    undefined,
  ],
  [
    { kind: 'agent-lost', conversationId: C },
    {
      type: 'message',
      text: 'Die Verbindung zur Mitarbeiterin oder zum Mitarbeiter ist leider abgebrochen. Sie sind wieder ganz vorn in der Warteschlange; gleich meldet sich jemand.',
      locale: 'de-DE',
    },
    undefined,
  ],
  [
    { kind: 'position-changed', conversationId: C, position: 1, waitMinutes: 0 },
    { type: 'message', text: 'Kurze Zwischeninfo: Sie sind als Nächstes an der Reihe; gleich ist jemand für Sie da.', locale: 'de-DE' },
    undefined,
  ],
  [
    { kind: 'position-changed', conversationId: C, position: 3, waitMinutes: 12 },
    {
      type: 'message',
      text: 'Kurze Zwischeninfo: Sie sind an Position 3 der Warteschlange; die Wartezeit beträgt etwa 12 Minuten.',
      locale: 'de-DE',
    },
    undefined,
  ],
];

describe('handoff notifier: each event of the hub as the citizen reads it', () => {
  for (const [event, before, speaker] of BEFORE) {
    it(`${event.kind}${'agent' in event && event.agent ? ` (${event.agent})` : ''}${'position' in event ? ` (position ${event.position})` : ''}`, async () => {
      const outlet = new RecordingOutlet();
      assert.equal(await new HandoffNotifier(outlet, textsOf).notify(event), true);
      assert.deepEqual(outlet.offers, []);
      assert.equal(outlet.sent.length, 1);
      assert.equal(outlet.sent[0].conversationId, C);
      assert.deepEqual(asSeen(outlet.sent[0].activity), asSeen({ ...before, from: speaker ? { id: '', name: speaker } : undefined }));
    });
  }

  it('an agent message that asks something expects an answer, as the voice middleware decided before', async () => {
    const outlet = new RecordingOutlet();
    await new HandoffNotifier(outlet, textsOf).notify({
      kind: 'agent-message',
      conversationId: C,
      agent: null,
      text: 'Wie alt ist Ihr Kind?',
    });
    await new HandoffNotifier(outlet, textsOf).notify({
      kind: 'agent-message',
      conversationId: C,
      agent: null,
      text: 'Einen Moment bitte.',
    });
    assert.deepEqual(
      outlet.sent.map((s) => s.activity.inputHint),
      ['expectingInput', 'acceptingInput'],
    );
  });

  it('timed out: starts the callback offer with the sentence of today, no message of its own', async () => {
    const outlet = new RecordingOutlet();
    assert.equal(await new HandoffNotifier(outlet, textsOf).notify({ kind: 'timed-out', conversationId: C }), true);
    assert.deepEqual(outlet.sent, []);
    assert.deepEqual(outlet.offers, [
      {
        conversationId: C,
        text: 'Leider ist gerade niemand frei, der Ihr Gespräch übernehmen kann. Möchten Sie, dass wir Sie zurückrufen?',
      },
    ]);
  });

  it('reports a delivery the channel refused', async () => {
    const outlet = new RecordingOutlet();
    outlet.delivered = false;
    assert.equal(
      await new HandoffNotifier(outlet, textsOf).notify({ kind: 'agent-message', conversationId: C, agent: null, text: 'Hallo?' }),
      false,
    );
    assert.equal(await new HandoffNotifier(outlet, textsOf).notify({ kind: 'timed-out', conversationId: C }), false);
  });
});

describe("handoff notifier: in the words of the conversation's Kommune", () => {
  it("asks for each event's conversation's texts and words the event with them", async () => {
    const shipped = shippedTexts();
    // A Kommune with its own wording of a notice: a Texts whose render says which Kommune spoke.
    const renderShipped = shipped.render.bind(shipped) as (id: string, values?: object) => string;
    const own = {
      render: (id: string, values?: object) =>
        id === 'uebergabe.weitergegeben' ? 'Sie werden weitergegeben (Gifhorn).' : renderShipped(id, values),
    } as unknown as Texts;
    const asked: string[] = [];
    const outlet = new RecordingOutlet();
    const notifier = new HandoffNotifier(outlet, async (conversationId) => {
      asked.push(conversationId);
      return conversationId === 'gifhorn-chat' ? own : shipped;
    });
    await notifier.notify({ kind: 'transferred', conversationId: 'gifhorn-chat' });
    await notifier.notify({ kind: 'transferred', conversationId: 'wolfsburg-chat' });
    await notifier.notify({ kind: 'timed-out', conversationId: 'gifhorn-chat' });
    assert.deepEqual(asked, ['gifhorn-chat', 'wolfsburg-chat', 'gifhorn-chat']);
    assert.deepEqual(
      outlet.sent.map((s) => s.activity.text),
      ['Sie werden weitergegeben (Gifhorn).', shipped.render('uebergabe.weitergegeben')],
    );
    assert.equal(outlet.offers[0].text, shipped.render('uebergabe.niemandAngenommen'));
  });
});
