import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { ModelResult } from '@microsoft/recognizers-text';
import { recognizeDateTime, recognizeNumber, valuesOf, type DateTimeValue } from '../../intents/datetime';
import { percent, scoreDateTime, scoreNumber } from '../../intents/datetime/specEval';
import { ROOT } from '../helpers/paths';

/** Tuesday 24 November 2026, 10:00 local time. */
const REF = new Date(2026, 10, 24, 10, 0, 0);

type Value = DateTimeValue;
const values = (r: ModelResult): Value[] => valuesOf(r);

function one(text: string, ref = REF): { text: string; type: string; timex: string[]; values: Value[] } {
  const results = recognizeDateTime(text, ref);
  assert.equal(results.length, 1, `${text}: ${JSON.stringify(results)}`);
  const r = results[0];
  return { text: r.text, type: r.typeName, timex: [...new Set(values(r).map((v) => v.timex))], values: values(r) };
}

function expect(text: string, type: string, timex: string | string[], ref = REF): ReturnType<typeof one> {
  const r = one(text, ref);
  assert.equal(r.type, `datetimeV2.${type}`, `${text}: ${JSON.stringify(r)}`);
  assert.deepEqual(r.timex, Array.isArray(timex) ? timex : [timex], `${text}: ${JSON.stringify(r)}`);
  return r;
}

/** What a case expects beyond type and TIMEX: its reference time, the matched text, the first value, all values, a value's start. */
interface Also {
  ref?: Date;
  text?: string;
  value?: string;
  values?: string[];
  start?: [index: number, start: string];
}
/** A case: the text, and the type and TIMEX it is recognised as; the type `nothing`: no date or time in it at all. */
type Case = [text: string, type: string, timex: string | string[], also?: Also];

function check([text, type, timex, also = {}]: Case): void {
  if (type === 'nothing') return assert.deepEqual(recognizeDateTime(text, REF), [], text);
  const r = expect(text, type, timex, also.ref);
  if (also.text !== undefined) assert.equal(r.text, also.text, text);
  if (also.value !== undefined) assert.equal(r.values[0].value, also.value, text);
  if (also.values)
    assert.deepEqual(
      r.values.map((v) => v.value),
      also.values,
      text,
    );
  if (also.start) assert.equal(r.values[also.start[0]].start, also.start[1], text);
}

/** The recognition's cases: a describe per topic, an `it` per name, each case checked by `check`. */
const RECOGNISED: Record<string, Record<string, Case[]>> = {
  dates: {
    'relative days, also with umlauts and without': [
      ['heute', 'date', '2026-11-24', { value: '2026-11-24' }],
      ['morgen', 'date', '2026-11-25'],
      ['übermorgen', 'date', '2026-11-26'],
      ['uebermorgen', 'date', '2026-11-26'],
      ['gestern', 'date', '2026-11-23'],
    ],
    'weekdays, with past and future values': [['am Freitag', 'date', 'XXXX-WXX-5', { values: ['2026-11-20', '2026-11-27'] }]],
    'day and month, numeric dates': [
      ['am 3. Dezember', 'date', 'XXXX-12-03', { text: '3. dezember' }],
      ['03.12.2026', 'date', '2026-12-03'],
      ['24.12.', 'date', 'XXXX-12-24'],
      ['zweiten Mai', 'date', 'XXXX-05-02'],
    ],
    '"nächsten Montag" from a Sunday is the next day': [
      ['nächsten Montag', 'date', '2026-11-30', { ref: new Date(2026, 10, 29, 12, 0, 0), value: '2026-11-30' }],
    ],
    'month and year ends roll over': [
      ['morgen', 'date', '2027-01-01', { ref: new Date(2026, 11, 31, 9, 0, 0) }],
      ['übermorgen', 'date', '2026-12-01', { ref: new Date(2026, 10, 29, 9, 0, 0) }],
      ['in drei Tagen', 'date', '2027-01-02', { ref: new Date(2026, 11, 30, 9, 0, 0) }],
    ],
  },
  times: {
    'hours and minutes, ambiguous hours get both halves of the day': [
      ['um 9', 'time', ['T09', 'T21'], { text: '9' }],
      ['9 Uhr', 'time', ['T09', 'T21']],
      ['9:45', 'time', ['T09:45', 'T21:45']],
      ['17 Uhr 30', 'time', 'T17:30'],
    ],
    'German clock idioms': [
      ['halb elf', 'time', ['T10:30', 'T22:30']],
      ['viertel nach neun', 'time', ['T09:15', 'T21:15']],
      ['dreiviertel 8', 'time', ['T07:45', 'T19:45']],
      ['viertel nach 8 abends', 'time', 'T20:15'],
    ],
    'parts of the day': [
      ['morgens', 'timerange', 'TMO'],
      ['vormittags', 'timerange', 'TMO'],
      ['nachmittags', 'timerange', 'TAF'],
      ['abends', 'timerange', 'TEV'],
      ['9 Uhr morgens', 'time', 'T09'],
    ],
  },
  'date and time': {
    // without a part of the day an hour up to 12 is read both ways, as "dienstag 11:00 uhr" in the specification;
    // "morgen" is tomorrow, not the morning
    'date with time, ASR style': [
      ['morgen um 10 Uhr', 'datetime', ['2026-11-25T10', '2026-11-25T22'], { value: '2026-11-25 10:00:00' }],
      ['morgen um zehn uhr', 'datetime', ['2026-11-25T10', '2026-11-25T22']],
      ['Rufen Sie mich morgen um 10 zurück', 'datetime', ['2026-11-25T10', '2026-11-25T22']],
      ['morgen früh um 10', 'datetime', '2026-11-25T10'],
    ],
    'weekday with part of the day': [
      [
        'Hat das Standesamt am Freitagnachmittag auf?',
        'datetimerange',
        'XXXX-WXX-5TAF',
        { text: 'freitagnachmittag', start: [1, '2026-11-27 12:00:00'] },
      ],
    ],
    'across the daylight-saving change (29 March 2026)': [
      [
        'morgen um 10 Uhr',
        'datetime',
        ['2026-03-29T10', '2026-03-29T22'],
        { ref: new Date(2026, 2, 28, 12, 0, 0), value: '2026-03-29 10:00:00' },
      ],
      ['in zwei Stunden', 'datetime', '2026-03-29T03:30:00', { ref: new Date(2026, 2, 29, 1, 30, 0) }],
    ],
  },
  'periods and ranges': {
    'time ranges': [
      ['zwischen 14 und 16 Uhr', 'timerange', '(T14,T16,PT2H)', { start: [0, '14:00:00'] }],
      ['von 14 bis 16 Uhr', 'timerange', '(T14,T16,PT2H)'],
    ],
    'date ranges': [
      ['von Montag bis Mittwoch', 'daterange', '(XXXX-WXX-1,XXXX-WXX-3,P2D)'],
      ['nächste Woche', 'daterange', '2026-W49'],
      ['am Wochenende', 'daterange', '2026-W48-WE'],
      ['im Dezember', 'daterange', 'XXXX-12'],
      ['nächstes Jahr', 'daterange', '2027'],
    ],
  },
  'durations and relative points': {
    durations: [
      ['zwei Stunden', 'duration', 'PT2H', { value: '7200' }],
      ['drei Wochen', 'duration', 'P3W'],
      ['anderthalb Stunden', 'duration', 'PT1.5H'],
      ['eine Viertelstunde', 'duration', 'PT0.25H', { value: '900' }],
      ['eine Dreiviertelstunde', 'duration', 'PT0.75H'],
    ],
    'in N units, also fractional hours': [
      ['in zwei Stunden', 'datetime', '2026-11-24T12:00:00'],
      ['in drei Tagen', 'date', '2026-11-27'],
      ['in anderthalb Stunden', 'datetime', '2026-11-24T11:30:00'],
      ['in einer halben Stunde', 'datetime', '2026-11-24T10:30:00'],
    ],
    '"vor" + duration is a point in the past': [
      ['vor zwei Tagen', 'date', '2026-11-22'],
      ['vor drei Wochen', 'date', '2026-11-03'],
      ['vor zwei Stunden', 'datetime', '2026-11-24T08:00:00'],
    ],
  },
  'German numeric and ordinal dates': {
    'ordinal months after "am" or a weekday, not on their own': [
      ['am 7. vierter', 'date', 'XXXX-04-07'],
      ['am siebten vierten', 'date', 'XXXX-04-07'],
      ['am dritter/11.', 'date', 'XXXX-11-03'],
      ['Donnerstag, den 7. vierter 2016', 'date', '2016-04-07'],
      ['7. vierter Platz', 'nothing', []],
    ],
    'a weekday with the day of the month names a date of the reference month': [['Mittwoch, der 25.', 'date', '2026-11-25']],
    '"Jahr 2009" is the year': [['im Jahr 2009', 'daterange', '2009']],
  },
  sets: {
    'recurring weekdays': [
      ['montags', 'set', 'XXXX-WXX-1'],
      ['jeden Dienstag', 'set', 'XXXX-WXX-2'],
      ['jeden Mittwoch um 16 Uhr', 'set', 'XXXX-WXX-3T16'],
    ],
    'every day at a time, every n days': [
      ['jeden Tag um 10 Uhr', 'set', 'T10'],
      ['alle zwei Tage', 'set', 'P2D'],
    ],
  },
};

describe('German date/time recognition', () => {
  for (const [topic, tests] of Object.entries(RECOGNISED))
    describe(topic, () => {
      for (const [name, cases] of Object.entries(tests)) it(name, () => cases.forEach(check));
    });

  describe('holidays', () => {
    // movable holidays have no month and day of their own: a bare XXXX (as in the specification)
    const cases: [string, string, string][] = [
      ['Neujahr', 'XXXX-01-01', '2027-01-01'],
      ['Karfreitag', 'XXXX', '2027-03-26'],
      ['Ostermontag', 'XXXX', '2027-03-29'],
      ['Tag der Arbeit', 'XXXX-05-01', '2027-05-01'],
      ['Christi Himmelfahrt', 'XXXX', '2027-05-06'],
      ['Pfingstmontag', 'XXXX', '2027-05-17'],
      ['Tag der Deutschen Einheit', 'XXXX-10-03', '2027-10-03'],
      ['Reformationstag', 'XXXX-10-31', '2027-10-31'],
      ['Heiligabend', 'XXXX-12-24', '2026-12-24'],
      ['Weihnachten', 'XXXX-12-25', '2026-12-25'],
      ['Silvester', 'XXXX-12-31', '2026-12-31'],
    ];
    for (const [name, timex, next] of cases) {
      it(`${name} → next ${next}`, () => {
        const r = expect(name, 'date', timex);
        assert.equal(r.values[r.values.length - 1].value, next);
      });
    }
    it("a movable holiday with a year is that year's date", () => {
      const cases: Case[] = [
        ['Pfingsten 2022', 'date', '2022-06-05'],
        ['Ostermontag 2027', 'date', '2027-03-29'],
      ];
      cases.forEach(check);
    });
  });

  it('results are sorted and do not overlap', () => {
    const rs = recognizeDateTime('morgen um 10 Uhr oder am Freitag zwischen 14 und 16 Uhr, aber nicht an Heiligabend', REF);
    assert.ok(rs.length >= 3, JSON.stringify(rs));
    for (let i = 1; i < rs.length; i++) assert.ok(rs[i].start > rs[i - 1].end);
  });

  it('nothing in text without a date', () => {
    assert.deepEqual(recognizeDateTime('guten Morgen', REF), []);
    assert.deepEqual(recognizeDateTime('Was kostet ein Reisepass?', REF), []);
  });
});

describe('German numbers', () => {
  const value = (text: string): string[] => recognizeNumber(text).map((r) => (r.resolution as { value: string }).value);
  it('compound words, halves and ordinals', () => {
    assert.deepEqual(value('dreiundzwanzig'), ['23']);
    assert.deepEqual(value('zweieinhalb'), ['2,5']);
    assert.deepEqual(value('anderthalb'), ['1,5']);
    assert.deepEqual(value('zweihundertsechsundfünfzig'), ['256']);
    assert.deepEqual(value('2.000,352'), ['2000,352']);
  });
});

describe('Recognizers-Text German specification', function () {
  this.timeout(60000);
  // Thresholds are what this implementation reaches; raise them, never lower them.
  // Targets (issue 3): DateTimeModel type+TIMEX ≥ 85 %, strict ≥ 70 %; NumberModel ≥ 85 %.
  it('DateTimeModel.json pass rates', () => {
    const s = scoreDateTime();
    assert.ok(s.total > 190);
    assert.ok(percent(s.strict, s.total) >= 86.5, `strict ${percent(s.strict, s.total)} %`);
    assert.ok(percent(s.typeTimex, s.total) >= 95, `type+TIMEX ${percent(s.typeTimex, s.total)} %`);
  });
  it('NumberModel.json pass rate', () => {
    const s = scoreNumber();
    assert.ok(s.total >= 55);
    assert.ok(percent(s.strict, s.total) >= 98, `number ${percent(s.strict, s.total)} %`);
  });
});

describe('recognize CLI', function () {
  this.timeout(60000);
  it('writes one JSON array per input line and nothing else, survives bad JSON', () => {
    const input =
      ['morgen um zehn uhr', '{"text":"halb elf","ref":"2026-11-24T10:00:00"}', '{kaputt', '', 'zwischen 14 und 16 Uhr'].join('\n') + '\n';
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'intents', 'datetime', 'cli', 'recognize.js'), '--ref', '2026-11-24T10:00:00'],
      {
        input,
        encoding: 'utf8',
        cwd: ROOT,
        timeout: 60000,
      },
    );
    assert.equal(r.status, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 5);
    const rows = lines.map((l) => JSON.parse(l) as ModelResult[]);
    for (const row of rows) assert.ok(Array.isArray(row));
    assert.equal((rows[0][0].resolution as { values: Value[] }).values[0].timex, '2026-11-25T10');
    assert.equal(rows[1][0].text, 'halb elf');
    assert.deepEqual(rows[2], []);
    assert.deepEqual(rows[3], []);
    assert.equal(rows[4][0].typeName, 'datetimeV2.timerange');
  });
});
