import { strict as assert } from 'node:assert';
import {
  addDays,
  berlinParts,
  berlinWallClock,
  daysBetween,
  fromBerlin,
  isoDate,
  sameBerlinDay,
  weekdayOf,
} from '../../../knowledge/calendar/berlinTime';

describe('Berlin wall clock (knowledge/calendar/berlinTime)', () => {
  it('wallClock shows an instant as local fields of a time zone, across daylight saving', () => {
    const summer = berlinWallClock(new Date(Date.UTC(2026, 6, 1, 8, 0)));
    assert.deepEqual([summer.getHours(), summer.getDate()], [10, 1]);
    const winter = berlinWallClock(new Date(Date.UTC(2026, 0, 1, 8, 0)));
    assert.deepEqual([winter.getHours(), winter.getDate()], [9, 1]);
  });

  it('berlinParts: the day, weekday and minutes in Berlin, also where the UTC day differs', () => {
    assert.deepEqual(berlinParts(new Date('2026-12-31T23:30:00Z')), { date: { y: 2027, m: 1, d: 1 }, weekday: 'fr', minutes: 30 });
    assert.deepEqual(berlinParts(new Date('2026-07-01T08:00:00Z')), { date: { y: 2026, m: 7, d: 1 }, weekday: 'mi', minutes: 600 });
  });

  it('fromBerlin is the inverse, in winter, in summer and across the spring switch', () => {
    assert.equal(fromBerlin({ y: 2026, m: 11, d: 30 }, 7 * 60).toISOString(), '2026-11-30T06:00:00.000Z');
    assert.equal(fromBerlin({ y: 2026, m: 7, d: 1 }, 10 * 60).toISOString(), '2026-07-01T08:00:00.000Z');
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 07:00 that morning is summer time.
    assert.equal(fromBerlin({ y: 2026, m: 3, d: 29 }, 7 * 60).toISOString(), '2026-03-29T05:00:00.000Z');
    // A time the switch skips moves forward an hour.
    assert.equal(fromBerlin({ y: 2026, m: 3, d: 29 }, 2 * 60 + 30).toISOString(), '2026-03-29T01:30:00.000Z');
  });

  it('days: weekday, adding days across months and years, days between, same day in Berlin', () => {
    assert.equal(weekdayOf({ y: 2026, m: 11, d: 24 }), 'di');
    assert.deepEqual(addDays({ y: 2026, m: 12, d: 30 }, 3), { y: 2027, m: 1, d: 2 });
    assert.equal(isoDate({ y: 2026, m: 3, d: 5 }), '2026-03-05');
    assert.equal(daysBetween({ y: 2026, m: 11, d: 27 }, { y: 2026, m: 11, d: 30 }), 3);
    assert.equal(daysBetween({ y: 2026, m: 3, d: 30 }, { y: 2026, m: 3, d: 28 }), -2);
    assert.ok(sameBerlinDay(new Date('2026-11-24T23:30:00Z'), new Date('2026-11-25T10:00:00Z')));
    assert.ok(!sameBerlinDay(new Date('2026-11-24T22:30:00Z'), new Date('2026-11-24T23:30:00Z')));
  });
});
