import { strict as assert } from 'node:assert';
import { isNo, isYes, mentionsCallback, saysNotHelped, shortReplyOf } from '../../intents/shortReplies';

describe('short replies (intents/shortReplies)', () => {
  it('yes, no and "did not help"', () => {
    for (const y of ['Ja', 'ja bitte', 'Gerne!', 'Ja, einverstanden', 'ok']) assert.ok(isYes(y), y);
    for (const n of ['Nein', 'nein danke', 'lieber nicht', 'Ja, nicht']) assert.ok(!isYes(n), n);
    assert.ok(isNo('Nein, andere Zeit'));
    // An umlaut ends a word as well as a letter does.
    for (const n of ['nö', 'Nö, danke', 'Nee']) assert.ok(isNo(n), n);
    assert.ok(!isNo('noch eine Frage'));
    for (const t of ['Das hat mir nicht geholfen', 'hilft mir nicht weiter', 'Das war nicht hilfreich']) assert.ok(saysNotHelped(t), t);
    assert.ok(!saysNotHelped('Was kostet ein Reisepass?'));
    // One German folding with the classifier: umlauts typed either way, punctuation anywhere.
    assert.deepEqual(
      ['Nö!', 'noe', 'Tschüss', 'tschuess', 'Ja, bitte zurückrufen', 'Nein, hilft mir nicht weiter', 'Was kostet das?'].map(shortReplyOf),
      ['no', 'no', 'cancel', 'cancel', 'yes', 'not-helped', null],
    );
  });

  it('a callback named in the answer to the offer, typed either way', () => {
    for (const t of ['Bitte zurückrufen', 'Zurückruf', 'zurueckrufen', 'zuruckrufen']) assert.ok(mentionsCallback(t), t);
    for (const t of ['Nein, danke', 'Rufen Sie an', 'zurück']) assert.ok(!mentionsCallback(t), t);
  });
});
