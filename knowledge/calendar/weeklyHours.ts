/**
 * The weekly opening hours of the knowledge ("mo: ['08:00-12:00', '14:00-16:00']") as ranges of minutes,
 * and what they say at a weekday and time: open now, opening later today, or closed until a later weekday.
 * Public holidays and closures are businessCalendar.ts's part.
 */
import { WEEKDAYS, type OpeningHours, type Weekday } from '../schema';

/** Minutes since midnight, from inclusive to exclusive. */
export interface Range {
  from: number;
  to: number;
}

/** A weekday and minutes since midnight on the Berlin wall clock (as berlinParts gives them). */
export interface LocalTime {
  weekday: Weekday;
  minutes: number;
}

/** "07:30-18:00" → { from: 450, to: 1080 }. */
export function parseRange(r: string): Range {
  const [a, b] = r.split('-');
  const toMin = (t: string): number => {
    const [h, m] = t.split(':').map(Number);
    return h * 60 + m;
  };
  return { from: toMin(a), to: toMin(b) };
}

/** The day's ranges, sorted. */
export function rangesOn(hours: OpeningHours, day: Weekday): Range[] {
  return (hours[day] ?? []).map(parseRange).sort((x, y) => x.from - y.from);
}

export type OpenState =
  | { kind: 'open'; until: number; laterToday: Range[] }
  | { kind: 'opens-later-today'; at: number; today: Range[] }
  | { kind: 'closed'; next?: { weekday: Weekday; daysAhead: number; at: number } };

export function openState(hours: OpeningHours, now: LocalTime): OpenState {
  const today = rangesOn(hours, now.weekday);
  const current = today.find((r) => r.from <= now.minutes && now.minutes < r.to);
  if (current) return { kind: 'open', until: current.to, laterToday: today.filter((r) => r.from > current.to) };
  const later = today.filter((r) => r.from > now.minutes);
  if (later.length > 0) return { kind: 'opens-later-today', at: later[0].from, today: later };
  const start = WEEKDAYS.indexOf(now.weekday);
  for (let ahead = 1; ahead <= 7; ahead++) {
    const day = WEEKDAYS[(start + ahead) % 7];
    const ranges = rangesOn(hours, day);
    if (ranges.length > 0) return { kind: 'closed', next: { weekday: day, daysAhead: ahead, at: ranges[0].from } };
  }
  return { kind: 'closed' };
}
