import { strict as assert } from 'node:assert';
import type { AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { understandWish } from '../../intents/wishedTime';
import { serviceCenterCalendar, type BusinessCalendar } from '../../knowledge/calendar/businessCalendar';
import { shippedAssistant } from '../helpers/assistant';

/** Tuesday 24 November 2026, 10:00 in Berlin. */
const TUESDAY_10 = '2026-11-24T09:00:00Z';

describe('wished callback time (intents/wishedTime, fixed clock, Europe/Berlin)', function () {
  this.timeout(30000);
  let assistant: AssistantKnowledge;
  /** Wolfsburg's service center: Mon–Fri 07:00–18:00. */
  let cal: BusinessCalendar;
  before(() => {
    assistant = shippedAssistant();
    cal = serviceCenterCalendar(assistant.knowledge.tenants.get('wolfsburg')!);
  });

  it('wished times: future readings in business hours are preferred', () => {
    const now = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00
    const w = understandWish('Freitag 10:30', now, cal);
    assert.equal(w?.kind === 'at' && w.at.toISOString(), '2026-11-27T09:30:00.000Z');
    const m = understandWish('am Montag', now, cal);
    assert.ok(m?.kind === 'at' && m.dateOnly);
    assert.deepEqual(understandWish('so bald wie möglich', now, cal), { kind: 'asap' });
    assert.equal(understandWish('Blumenkohl', now, cal), undefined);
  });

  it('understands "morgen gegen halb acht abends" as tomorrow 19:30, not 07:30', () => {
    const wish = understandWish('morgen gegen halb acht abends', new Date(TUESDAY_10), cal);
    assert.equal(wish?.kind === 'at' && wish.at.toISOString(), '2026-11-25T18:30:00.000Z');
  });

  it('"So bald wie möglich" on the same German folding as the classifier, and answers that leave the time open', () => {
    const now = new Date(TUESDAY_10);
    for (const t of ['So bald wie möglich', 'so bald wie moeglich!', 'Jederzeit', 'ist mir egal', 'wann immer Sie können'])
      assert.deepEqual(understandWish(t, now, cal), { kind: 'asap' }, t);
  });

  it('a stretch of time keeps its end; a past time of today is not a wish', () => {
    const now = new Date(TUESDAY_10);
    const morning = understandWish('Morgen Vormittag', now, cal);
    assert.ok(morning?.kind === 'at' && morning.until !== undefined && morning.until.getTime() > morning.at.getTime());
    assert.equal(morning?.kind === 'at' && morning.at.toISOString().slice(0, 10), '2026-11-25');
    const past = understandWish('heute um 8 Uhr', now, cal);
    assert.ok(past === undefined || (past.kind === 'at' && past.at.getTime() > now.getTime()), JSON.stringify(past));
  });

  it("English wishes through Recognizers-Text's English model; a time said apart from its day is on that day", () => {
    const now = new Date(TUESDAY_10);
    const at = (text: string, language: 'de' | 'en' = 'en'): string | undefined => {
      const w = understandWish(text, now, cal, language);
      return w?.kind === 'at' ? w.at.toISOString() : w?.kind;
    };
    assert.equal(at('tomorrow at 10'), '2026-11-25T09:00:00.000Z');
    assert.equal(at('next Monday 2 pm'), '2026-11-30T13:00:00.000Z');
    assert.equal(at('Friday afternoon'), '2026-11-27T11:00:00.000Z');
    for (const t of ['asap', 'as soon as possible', 'any time is fine', "doesn't matter"]) assert.equal(at(t), 'asap', t);
    // The dialog's own buttons, pressed in English, come as their German titles.
    assert.equal(at('Morgen Vormittag'), '2026-11-25T07:00:00.000Z');
    assert.equal(at('today after 4 pm'), '2026-11-24T15:00:00.000Z');
    assert.equal(at('heute nach 16 Uhr', 'de'), '2026-11-24T15:00:00.000Z');
    assert.equal(understandWish('cauliflower', now, cal, 'en'), undefined);
  });
});
