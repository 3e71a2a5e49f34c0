import { strict as assert } from 'node:assert';
import { shippedTexts } from '../../helpers/texts';
import { fromBerlin } from '../../../knowledge/calendar/berlinTime';
import { hoursStatus, isOpen, nearestSlot, nextOpening } from '../../../knowledge/calendar/businessCalendar';
import { reachabilitySentence, reachablePhrase, slotText } from '../../../dialogs/answers/timePhrases';
import { at, serviceCenter } from '../../knowledge/calendar/serviceCenterFixture';

/**
 * A day the service center stays closed: the status says why, and the phrase and the sentence say when it is
 * reachable again.
 */
function assertClosedDay(now: Date, today: { kind: string; name: string }, phrase: string, sentence: string): void {
  const s = hoursStatus(serviceCenter, now);
  assert.equal(s.open, false);
  assert.deepEqual(!s.open && s.today, today);
  assert.equal(reachablePhrase(shippedTexts(), serviceCenter, now), phrase);
  assert.equal(reachabilitySentence(shippedTexts(), 'das Service-Center', serviceCenter, now), sentence);
}

describe('business hours (Europe/Berlin, Niedersachsen holidays, closures)', () => {
  it('Friday 17:59 is open, "heute bis 18 Uhr"', () => {
    const now = at('2026-11-27T16:59:00Z'); // CET = UTC+1
    assert.equal(isOpen(serviceCenter, now), true);
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, now), 'heute bis 18 Uhr');
    assert.equal(
      reachabilitySentence(shippedTexts(), 'das Service-Center', serviceCenter, now),
      'Das Service-Center ist heute bis 18 Uhr erreichbar.',
    );
  });

  it('Friday 18:00 is closed: "am Montag ab 7 Uhr"', () => {
    const now = at('2026-11-27T17:00:00Z');
    assert.equal(isOpen(serviceCenter, now), false);
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, now), 'am Montag ab 7 Uhr');
    assert.equal(nextOpening(serviceCenter, now)?.at.toISOString(), '2026-11-30T06:00:00.000Z');
  });

  it('Saturday: "am Montag ab 7 Uhr"; Sunday: "morgen ab 7 Uhr"; early Monday: "heute ab 7 Uhr"', () => {
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-11-28T10:00:00Z')), 'am Montag ab 7 Uhr');
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-11-29T10:00:00Z')), 'morgen ab 7 Uhr');
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-11-30T05:59:00Z')), 'heute ab 7 Uhr');
    assert.equal(
      reachabilitySentence(shippedTexts(), 'das Service-Center', serviceCenter, at('2026-11-28T10:00:00Z')),
      'Das Service-Center ist gerade nicht besetzt, wieder erreichbar am Montag ab 7 Uhr.',
    );
  });

  it('Reformationstag (31.10., a Niedersachsen holiday) on a Friday: closed, "nach dem Feiertag am 3.11. ab 7 Uhr"', () => {
    assertClosedDay(
      at('2025-10-31T09:00:00Z'),
      { kind: 'holiday', name: 'Reformationstag' },
      'nach dem Feiertag am 3.11. ab 7 Uhr',
      'Heute ist Feiertag (Reformationstag): das Service-Center ist gerade nicht besetzt, wieder erreichbar nach dem Feiertag am 3.11. ab 7 Uhr.',
    );
    // The evening before, too.
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2025-10-30T17:30:00Z')), 'nach dem Feiertag am 3.11. ab 7 Uhr');
    // On a Tuesday (2028) the next day is simply "morgen".
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2028-10-31T09:00:00Z')), 'morgen ab 7 Uhr');
  });

  it('a holiday on a Saturday changes nothing: "am Montag ab 7 Uhr"', () => {
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-10-30T17:30:00Z')), 'am Montag ab 7 Uhr');
  });

  it('daylight saving, spring: Monday after the switch opens at 7:00 CEST = 05:00 UTC', () => {
    // Last Sunday of March 2026 is the 29th.
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-03-29T10:00:00Z')), 'morgen ab 7 Uhr');
    assert.equal(nextOpening(serviceCenter, at('2026-03-29T10:00:00Z'))?.at.toISOString(), '2026-03-30T05:00:00.000Z');
    assert.equal(isOpen(serviceCenter, at('2026-03-30T04:59:00Z')), false);
    assert.equal(isOpen(serviceCenter, at('2026-03-30T05:00:00Z')), true);
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-03-30T15:59:00Z')), 'heute bis 18 Uhr');
    assert.equal(isOpen(serviceCenter, at('2026-03-30T16:00:00Z')), false);
    // The Friday before, still winter time: 17:59 CET = 16:59 UTC.
    assert.equal(isOpen(serviceCenter, at('2026-03-27T16:59:00Z')), true);
    assert.equal(isOpen(serviceCenter, at('2026-03-27T17:00:00Z')), false);
  });

  it('daylight saving, autumn: Monday after the switch opens at 7:00 CET = 06:00 UTC', () => {
    // Last Sunday of October 2026 is the 25th.
    assert.equal(nextOpening(serviceCenter, at('2026-10-25T10:00:00Z'))?.at.toISOString(), '2026-10-26T06:00:00.000Z');
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-10-26T05:30:00Z')), 'heute ab 7 Uhr');
    assert.equal(isOpen(serviceCenter, at('2026-10-26T06:00:00Z')), true);
    // Friday before: 17:30 CEST = 15:30 UTC is open, 18:00 CEST = 16:00 UTC is closed.
    assert.equal(isOpen(serviceCenter, at('2026-10-23T15:30:00Z')), true);
    assert.equal(isOpen(serviceCenter, at('2026-10-23T16:00:00Z')), false);
  });

  it('24.12. (closure) and Christmas: "nach den Feiertagen am 28.12. ab 7 Uhr" (2026), "am 27.12." (2027)', () => {
    assertClosedDay(
      at('2026-12-24T09:00:00Z'), // Thursday
      { kind: 'closure', name: 'Heiligabend' },
      'nach den Feiertagen am 28.12. ab 7 Uhr',
      'Heute ist geschlossen (Heiligabend): das Service-Center ist gerade nicht besetzt, wieder erreichbar nach den Feiertagen am 28.12. ab 7 Uhr.',
    );
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2027-12-24T09:00:00Z')), 'nach den Feiertagen am 27.12. ab 7 Uhr');
    // 23.12.2026 after closing: Heiligabend and Christmas lie ahead.
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-12-23T18:00:00Z')), 'nach den Feiertagen am 28.12. ab 7 Uhr');
    // 31.12.2026 (Thursday), Neujahr on Friday.
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-12-31T09:00:00Z')), 'nach den Feiertagen am 4.1. ab 7 Uhr');
  });

  it('a dated closure for part of a day (staff meeting from 12:00)', () => {
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-12-02T10:00:00Z')), 'heute bis 12 Uhr');
    assert.equal(reachablePhrase(shippedTexts(), serviceCenter, at('2026-12-02T12:00:00Z')), 'morgen ab 7 Uhr');
    assert.match(
      reachabilitySentence(shippedTexts(), 'das Service-Center', serviceCenter, at('2026-12-02T12:00:00Z')),
      /Personalversammlung/,
    );
  });

  it('callback slots: the wish if in hours, else the nearest valid slot', () => {
    const now = at('2026-11-24T09:00:00Z'); // Tuesday 10:00
    const wish = fromBerlin({ y: 2026, m: 11, d: 25 }, 10 * 60 + 30);
    assert.deepEqual(nearestSlot(serviceCenter, wish, now), { at: wish, exact: true });
    // Wednesday 19:00: 17:30 the same day is nearer than Thursday 7:00.
    const evening = nearestSlot(serviceCenter, fromBerlin({ y: 2026, m: 11, d: 25 }, 19 * 60), now);
    assert.equal(evening?.exact, false);
    assert.equal(evening && slotText(shippedTexts(), evening.at, now), 'morgen um 17:30 Uhr');
    // Wednesday 6:00: 7:00 the same day.
    const early = nearestSlot(serviceCenter, fromBerlin({ y: 2026, m: 11, d: 25 }, 6 * 60), now);
    assert.equal(early && slotText(shippedTexts(), early.at, now), 'morgen um 7 Uhr');
    // Saturday 11:00: Monday 7:00 is nearer than... there is nothing on Saturday; Friday 17:30 is farther.
    const saturday = nearestSlot(serviceCenter, fromBerlin({ y: 2026, m: 11, d: 28 }, 11 * 60), now);
    assert.equal(saturday && slotText(shippedTexts(), saturday.at, now), 'am Montag, 30.11., um 7 Uhr');
    // On the holiday: the next working day.
    const holiday = nearestSlot(serviceCenter, fromBerlin({ y: 2026, m: 12, d: 25 }, 10 * 60), now);
    assert.equal(holiday && slotText(shippedTexts(), holiday.at, now), 'am Montag, 28.12., um 7 Uhr');
    // In the past: not before now.
    const past = nearestSlot(serviceCenter, at('2026-11-24T08:00:00Z'), now);
    assert.equal(past?.at.toISOString(), now.toISOString());
  });
});
