/**
 * The buttons of the queue and the callback dialog are pressed like typed words: each shipped title
 * (knowledge/texte/de/schaltflaechen.yaml) must be understood as what it says by intents/shortReplies.ts and
 * intents/wishedTime.ts, which read the folded wording.
 */
import { strict as assert } from 'node:assert';
import { consentButtons, offerReply, slotButtons, timeSuggestions } from '../../../dialogs/answers/handoffAnswers';
import { isCancel, isYes, mentionsCallback, shortReplyOf } from '../../../intents/shortReplies';
import { understandWish } from '../../../intents/wishedTime';
import { fromBerlin } from '../../../knowledge/calendar/berlinTime';
import { serviceCenter } from '../../knowledge/calendar/serviceCenterFixture';
import { shippedTexts } from '../../helpers/texts';

describe('the handoff and callback buttons are understood as what they say', () => {
  const t = shippedTexts();

  it('the callback offer: "Ja, bitte zurückrufen" takes it, "Nein, danke" declines', () => {
    const [yes, no] = offerReply(t, '').suggestions ?? [];
    assert.equal(yes, t.render('schaltflaechen.jaZurueckrufen'));
    assert.ok(isYes(yes) && mentionsCallback(yes), yes);
    assert.equal(shortReplyOf(no), 'no', no);
  });

  it('the queue: "abbrechen" leaves it', () => {
    assert.ok(isCancel(t.render('schaltflaechen.abbrechen')));
  });

  it('the proposed slot and the consent: yes and no', () => {
    const [slotYes, slotNo] = slotButtons(t);
    const [consentYes, consentNo] = consentButtons(t);
    for (const y of [slotYes, consentYes]) assert.equal(shortReplyOf(y), 'yes', y);
    for (const n of [slotNo, consentNo]) assert.equal(shortReplyOf(n), 'no', n);
  });

  it('the wished time: "So bald wie möglich" is as soon as possible, "Morgen Vormittag/Nachmittag" a stretch of tomorrow', () => {
    const now = fromBerlin({ y: 2026, m: 11, d: 24 }, 10 * 60);
    const [asap, morning, afternoon] = timeSuggestions(t);
    assert.deepEqual(understandWish(asap, now, serviceCenter), { kind: 'asap' });
    for (const stretch of [morning, afternoon]) {
      const wish = understandWish(stretch, now, serviceCenter);
      assert.ok(wish?.kind === 'at' && wish.until !== undefined, stretch);
      assert.equal(wish.at.getUTCDate(), 25, stretch);
    }
  });
});
