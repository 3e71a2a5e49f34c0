/**
 * The day or time a citizen asks about ("Hat das Standesamt am Freitagnachmittag auf?"), read with the
 * German date/time recognizer and reduced to what an opening-hours answer needs: a day in Berlin and,
 * optionally, a time or a span of that day.
 */
import { recognizeDateTime, valuesOf } from './datetime';
import { foldGerman } from './normalize';
import type { Weekday } from '../knowledge/schema';
import { berlinWallClock, weekdayOf as weekdayOfDate } from '../knowledge/calendar/berlinTime';

/**
 * Words (or digits) without which no day or time is named. Most hours questions name none ("Wann hat die
 * Zulassungsstelle geöffnet?"), and the full recognizer costs milliseconds a turn; this check costs
 * microseconds. Substrings on purpose: "Freitagnachmittag", "Wochenende", "vormittags".
 */
const DATE_OR_TIME_HINT = new RegExp(
  [
    'heute',
    'morgen',
    'gestern',
    'jetzt',
    'gerade',
    'gleich',
    'sofort',
    'montag',
    'dienstag',
    'mittwoch',
    'donnerstag',
    'freitag',
    'samstag',
    'sonnabend',
    'sonntag',
    'woche',
    'feiertag',
    'ostern',
    'pfingst',
    'weihnacht',
    'silvester',
    'neujahr',
    'heiligabend',
    'himmelfahrt',
    'reformation',
    'einheit',
    'tag der arbeit',
    'uhr',
    'mittag',
    'abend',
    'nacht',
    'frueh',
    'spaet',
    'halb',
    'viertel',
    'januar',
    'februar',
    'maerz',
    'april',
    'mai',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'dezember',
    '\\d',
  ].join('|'),
);

export interface AskedTime {
  /** The day, `YYYY-MM-DD`, in Europe/Berlin. */
  date: string;
  weekday: Weekday;
  /** Minutes since midnight: a moment when `from === to`, a span otherwise; absent for the whole day. */
  from?: number;
  to?: number;
  /** A part of the day named in words ("nachmittags"), to answer in the citizen's terms. */
  partOfDay?: string;
  /** Every such weekday ("donnerstags"): answered for the next one, in the citizen's terms. */
  recurring?: true;
}

const PART_OF_DAY: Record<string, string> = { MO: 'morgens', MI: 'mittags', AF: 'nachmittags', EV: 'abends', NI: 'nachts', DT: 'tagsüber' };
/** The recognizer's spans of the parts of the day (minutes), for a weekday every week ("montags vormittags"). */
const PART_OF_DAY_SPAN: Record<string, [number, number]> = {
  MO: [480, 720],
  MI: [720, 780],
  AF: [720, 960],
  EV: [960, 1200],
  NI: [1200, 1439],
};
/** "XXXX-WXX-4TAF": Thursday afternoons, every week. */
const WEEKLY = /^XXXX-WXX-([1-7])(?:T(MO|MI|AF|EV|NI|DT))?$/;

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "2026-11-27" → "fr". */
function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  return weekdayOfDate({ y, m, d });
}

/** "2026-11-27 14:30:00" → { date, minutes }. */
function splitValue(value: string): { date: string; minutes: number } {
  const [date, time = '00:00:00'] = value.split(' ');
  const [h, m] = time.split(':').map(Number);
  return { date, minutes: h * 60 + m };
}

/** The day or time asked about in `text`, or undefined when it names none (or only a longer period). */
export function askedTime(text: string, now: Date): AskedTime | undefined {
  if (!DATE_OR_TIME_HINT.test(foldGerman(text))) return undefined;
  const ref = berlinWallClock(now);
  const today = isoDay(ref);
  for (const result of recognizeDateTime(text, ref)) {
    const values = valuesOf(result);
    // "am Freitag" resolves to last and next Friday: an opening-hours question means the coming one.
    const upcoming = values.filter((v) => (v.value ?? v.start ?? '').slice(0, 10) >= today || v.type === 'time' || v.type === 'timerange');
    const v = upcoming[0] ?? values[values.length - 1];
    if (!v?.type) continue;
    const part = /T(MO|MI|AF|EV|NI|DT)$/.exec(v.timex ?? '')?.[1];
    const partOfDay = part ? PART_OF_DAY[part] : undefined;
    switch (v.type) {
      case 'date':
        if (v.value) return { date: v.value, weekday: weekdayOf(v.value) };
        break;
      case 'datetime':
        if (v.value) {
          const { date, minutes } = splitValue(v.value);
          return { date, weekday: weekdayOf(date), from: minutes, to: minutes };
        }
        break;
      case 'time':
        if (v.value) {
          const minutes = splitValue(`${today} ${v.value}`).minutes;
          return { date: today, weekday: weekdayOf(today), from: minutes, to: minutes };
        }
        break;
      case 'datetimerange':
        if (v.start && v.end) {
          const start = splitValue(v.start);
          const end = splitValue(v.end);
          if (start.date === end.date)
            return { date: start.date, weekday: weekdayOf(start.date), from: start.minutes, to: end.minutes, partOfDay };
        }
        break;
      case 'timerange':
        if (v.start && v.end) {
          const from = splitValue(`${today} ${v.start}`).minutes;
          const to = splitValue(`${today} ${v.end}`).minutes;
          return { date: today, weekday: weekdayOf(today), from, to, partOfDay };
        }
        break;
      case 'set': {
        // "donnerstags", "montags vormittags": the next such day, today included.
        const weekly = WEEKLY.exec(v.timex ?? '');
        if (!weekly) break;
        const date = nextWeekday(ref, Number(weekly[1]) % 7);
        const range = weekly[2] ? PART_OF_DAY_SPAN[weekly[2]] : undefined;
        const asked: AskedTime = { date, weekday: weekdayOf(date), recurring: true };
        return range ? { ...asked, from: range[0], to: range[1], partOfDay } : asked;
      }
      default:
        break;
    }
  }
  return undefined;
}

/** The date of the next day with JavaScript weekday `day` (0 = Sunday), from `ref` on. */
function nextWeekday(ref: Date, day: number): string {
  const d = new Date(ref.getFullYear(), ref.getMonth(), ref.getDate());
  d.setDate(d.getDate() + ((day - d.getDay() + 7) % 7));
  return isoDay(d);
}
