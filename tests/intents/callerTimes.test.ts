/**
 * Times as callers of the service center say them when asked "Wann dürfen wir Sie anrufen?": a relative
 * day or weekday with a part of the day in either order, a time with its part of the day, a weekday inside
 * a relative week, "as soon as possible", and the periods callers name ("nach dem Wochenende", "zwischen
 * den Jahren"). Each phrase must give one result with the expected TIMEX and, where given, the resolved
 * value (a point's value or a range's start; Recognizers-Text conventions: Vormittag/Morgen 08–12,
 * Nachmittag 12–16, Abend 16–20, Nacht 20–24).
 */
import { strict as assert } from 'node:assert';
import { recognizeDateTime, valuesOf } from '../../intents/datetime';

/** Tuesday 24 November 2026, 10:00 (local wall clock, as the recognizer reads it). */
const TUESDAY = new Date(2026, 10, 24, 10, 0, 0);
/** Friday 27 November 2026, 16:30. */
const FRIDAY = new Date(2026, 10, 27, 16, 30, 0);

/** [what the caller says, expected TIMEX, expected value or range start (optional), reference (default Tuesday)] */
type Case = [string, string, string?, Date?];

const CASES: Case[] = [
  // a relative day with a part of the day, in every order, with "am" and "gegen"
  ['morgen vormittag', '2026-11-25TMO', '2026-11-25 08:00:00'],
  ['Morgen Vormittag', '2026-11-25TMO', '2026-11-25 08:00:00'],
  ['Morgen Nachmittag', '2026-11-25TAF', '2026-11-25 12:00:00'],
  ['morgen früh', '2026-11-25TMO', '2026-11-25 08:00:00'],
  ['morgen in der Früh', '2026-11-25TMO', '2026-11-25 08:00:00'],
  ['morgen nachmittag', '2026-11-25TAF', '2026-11-25 12:00:00'],
  ['morgen abend', '2026-11-25TEV', '2026-11-25 16:00:00'],
  ['morgen nacht', '2026-11-25TNI', '2026-11-25 20:00:00'],
  ['übermorgen mittag', '2026-11-26T12', '2026-11-26 12:00:00'],
  ['uebermorgen frueh', '2026-11-26TMO', '2026-11-26 08:00:00'],
  ['übermorgen nachmittags', '2026-11-26TAF', '2026-11-26 12:00:00'],
  ['heute nachmittag', '2026-11-24TAF', '2026-11-24 12:00:00'],
  ['heute abend', '2026-11-24TEV', '2026-11-24 16:00:00'],
  ['heute Mittag', '2026-11-24T12', '2026-11-24 12:00:00'],
  ['vormittags morgen', '2026-11-25TMO', '2026-11-25 08:00:00'],
  ['am Nachmittag morgen', '2026-11-25TAF', '2026-11-25 12:00:00'],
  ['morgen am Vormittag', '2026-11-25TMO', '2026-11-25 08:00:00'],
  ['gegen Abend morgen', '2026-11-25TEV', '2026-11-25 16:00:00'],
  ['morgen gegen Abend', '2026-11-25TEV', '2026-11-25 16:00:00'],
  ['morgen gegen Mittag', '2026-11-25T12', '2026-11-25 12:00:00'],
  ['morgens übermorgen', '2026-11-26TMO', '2026-11-26 08:00:00'],
  // a weekday with a part of the day
  ['am Montag vormittag', 'XXXX-WXX-1TMO', '2026-11-30 08:00:00'],
  ['nächsten Dienstag nachmittag', '2026-12-01TAF', '2026-12-01 12:00:00'],
  ['Donnerstag früh', 'XXXX-WXX-4TMO', '2026-11-26 08:00:00'],
  ['am Dienstagvormittag', 'XXXX-WXX-2TMO', '2026-11-24 08:00:00'],
  ['Mittwoch abend', 'XXXX-WXX-3TEV', '2026-11-25 16:00:00'],
  ['nachmittags am Mittwoch', 'XXXX-WXX-3TAF', '2026-11-25 12:00:00'],
  ['morgens am Montag', 'XXXX-WXX-1TMO', '2026-11-30 08:00:00'],
  ['am Vormittag am Donnerstag', 'XXXX-WXX-4TMO', '2026-11-26 08:00:00'],
  ['am Freitag gegen Mittag', 'XXXX-WXX-5T12', '2026-11-27 12:00:00'],
  ['Montag früh', 'XXXX-WXX-1TMO', '2026-11-30 08:00:00', FRIDAY],
  // a time with its part of the day: never twelve hours off
  ['morgen gegen halb acht abends', '2026-11-25T19:30', '2026-11-25 19:30:00'],
  ['halb acht abends', 'T19:30', '19:30:00'],
  ['um acht abends', 'T20', '20:00:00'],
  ['um 7 morgens', 'T07', '07:00:00'],
  ['viertel nach sechs nachmittags', 'T18:15', '18:15:00'],
  ['gegen drei am Nachmittag', 'T15', '15:00:00'],
  ['morgen um drei nachmittags', '2026-11-25T15', '2026-11-25 15:00:00'],
  ['morgen abends um sieben', '2026-11-25T19', '2026-11-25 19:00:00'],
  ['übermorgen um 9 Uhr vormittags', '2026-11-26T09', '2026-11-26 09:00:00'],
  ['Freitag um halb fünf nachmittags', 'XXXX-WXX-5T16:30', '2026-11-27 16:30:00'],
  ['morgen früh um 9', '2026-11-25T09', '2026-11-25 09:00:00'],
  ['morgen Vormittag gegen zehn', '2026-11-25T10', '2026-11-25 10:00:00'],
  ['gegen 14 Uhr morgen', '2026-11-25T14', '2026-11-25 14:00:00'],
  ['morgen zwischen 9 und 11 Uhr', '(2026-11-25T09,2026-11-25T11,PT2H)', '2026-11-25 09:00:00'],
  // a weekday inside a relative week
  ['übernächste Woche am Dienstag', '2026-12-08', '2026-12-08'],
  ['nächste Woche Donnerstag', '2026-12-03', '2026-12-03'],
  ['diese Woche noch am Freitag', '2026-11-27', '2026-11-27'],
  ['nächste Woche am Montag', '2026-11-30', '2026-11-30'],
  ['am Mittwoch nächster Woche', '2026-12-02', '2026-12-02'],
  ['übernächsten Freitag', '2026-12-11', '2026-12-11'],
  ['nächste Woche Dienstag vormittag', '2026-12-01TMO', '2026-12-01 08:00:00'],
  // as soon as possible
  ['so bald wie möglich', 'FUTURE_REF', '2026-11-24 10:00:00'],
  ['möglichst bald', 'FUTURE_REF'],
  ['asap', 'FUTURE_REF'],
  ['so schnell wie möglich', 'FUTURE_REF'],
  ['baldmöglichst', 'FUTURE_REF'],
  ['sofort', 'PRESENT_REF'],
  // periods callers name
  ['nach dem Wochenende', '2026-W48-WE', '2026-11-30'],
  ['nach dem Wochenende', '2026-W48-WE', '2026-11-30', FRIDAY],
  ['zwischen den Jahren', '(XXXX-12-27,XXXX-12-30,P3D)', '2026-12-27'],
  ['Anfang nächster Woche', '2026-W49', '2026-11-30'],
  ['Ende der Woche', '2026-W48', '2026-11-26'],
];

describe('times as callers say them', () => {
  it(`has at least 40 phrases (${CASES.length})`, () => {
    assert.ok(CASES.length >= 40);
  });
  for (const [text, timex, at, ref = TUESDAY] of CASES) {
    it(`"${text}" → ${timex}${at ? ` (${at})` : ''}${ref === FRIDAY ? ' on a Friday' : ''}`, () => {
      const results = recognizeDateTime(text, ref);
      assert.equal(results.length, 1, `one result: ${JSON.stringify(results)}`);
      const values = valuesOf(results[0]);
      const matching = values.filter((v) => v.timex === timex);
      assert.ok(matching.length > 0, `TIMEX ${timex}: ${JSON.stringify(values)}`);
      if (at)
        assert.ok(
          matching.some((v) => (v.value ?? v.start) === at),
          `${at}: ${JSON.stringify(values)}`,
        );
    });
  }
});
