import { strict as assert } from 'node:assert';
import { askedTime } from '../../intents/askedTime';

describe('the day or time asked about (Europe/Berlin)', () => {
  // Monday 23 Nov 2026, 10:00 in Berlin.
  const monday = new Date('2026-11-23T09:00:00Z');

  it('reads a weekday as the coming one, with a part of the day as a span', () => {
    assert.deepEqual(askedTime('Hat das Standesamt am Freitagnachmittag auf?', monday), {
      date: '2026-11-27',
      weekday: 'fr',
      from: 12 * 60,
      to: 16 * 60,
      partOfDay: 'nachmittags',
    });
  });

  it('reads a date with a time as a moment, and a plain day as the whole day', () => {
    assert.deepEqual(askedTime('ist das amt am 24.12. um 9:30 offen', monday), {
      date: '2026-12-24',
      weekday: 'do',
      from: 9 * 60 + 30,
      to: 9 * 60 + 30,
    });
    assert.deepEqual(askedTime('Haben Sie übermorgen geöffnet?', monday), { date: '2026-11-25', weekday: 'mi' });
  });

  it("uses the date in Berlin, not the server's, around midnight", () => {
    // 23:30 UTC on Monday is 00:30 on Tuesday in Berlin.
    assert.equal(askedTime('Haben Sie heute offen?', new Date('2026-11-23T23:30:00Z'))?.date, '2026-11-24');
  });

  it("reads a weekday every week as the next such day, today included, in the citizen's terms", () => {
    assert.deepEqual(askedTime('Ich kann nur donnerstags.', monday), { date: '2026-11-26', weekday: 'do', recurring: true });
    assert.deepEqual(askedTime('Haben Sie montags geöffnet?', monday), { date: '2026-11-23', weekday: 'mo', recurring: true });
    assert.deepEqual(askedTime('geht es montags vormittags', monday), {
      date: '2026-11-23',
      weekday: 'mo',
      recurring: true,
      from: 8 * 60,
      to: 12 * 60,
      partOfDay: 'morgens',
    });
  });

  it('returns nothing when no day or time is named', () => {
    assert.equal(askedTime('Wann hat die Zulassungsstelle geöffnet?', monday), undefined);
    assert.equal(askedTime('', monday), undefined);
  });
});
