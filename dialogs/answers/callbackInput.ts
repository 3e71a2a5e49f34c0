/**
 * Understanding the citizen's answers in the callback dialog: the wished time (intents/datetime, the German
 * date/time recognizer) against the service center's hours. The phone number is intents/phoneNumber.ts's. Pure: no SDK types.
 */
import { recognizeDateTime, wallClock } from '../../intents/datetime';
import { ASAP } from './handoffAnswers';
import {
  SLOT_BEFORE_CLOSE_MINUTES,
  TIME_ZONE,
  berlinParts,
  dayPlan,
  fromBerlin,
  isOpen,
  nearestSlot,
  type BusinessCalendar,
  type CivilDate,
} from './businessHours';

export type Wish =
  | { kind: 'asap' }
  /** `until`: the end of a wished stretch of time ("morgen Vormittag": 8 to 12 Uhr); `at` is its start. */
  | { kind: 'at'; at: Date; dateOnly: boolean; until?: Date };

/** "2026-11-25 10:30:00" / "2026-11-25" (Berlin wall clock) → instant and whether a time was given. */
function wallToInstant(value: string): { at: Date; date: CivilDate; dateOnly: boolean } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?/.exec(value);
  if (!m) return undefined;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const dateOnly = m[4] === undefined;
  return { at: fromBerlin(date, dateOnly ? 0 : Number(m[4]) * 60 + Number(m[5])), date, dateOnly };
}

/** The recognizer's "as soon as possible" ("so bald wie möglich", "asap") and "now" ("sofort"). */
const ASAP_TIMEX = new Set(['FUTURE_REF', 'PRESENT_REF']);
/** Answers that name no time but leave it to the service center. */
const ANY_TIME = /\b(?:jederzeit|egal|gleich|wann immer)\b/;

/**
 * The wished callback time in `text`, relative to `now`. Among the recognizer's readings (weekdays give
 * last and next week, "10:30" gives morning and evening) it takes a future one, preferring one in
 * business hours. A stretch of time ("morgen Vormittag", "heute Abend") keeps its end in `until`.
 */
export function understandWish(text: string, now: Date, cal: BusinessCalendar): Wish | undefined {
  const t = text.trim().toLowerCase();
  if (t === ASAP.toLowerCase() || ANY_TIME.test(t)) return { kind: 'asap' };
  const results = recognizeDateTime(text.slice(0, 300), wallClock(now, TIME_ZONE));
  const candidates: { at: Date; dateOnly: boolean; inHours: boolean; until?: Date }[] = [];
  const today = berlinParts(now).date;
  const todayText = `${today.y}-${String(today.m).padStart(2, '0')}-${String(today.d).padStart(2, '0')}`;
  for (const r of results) {
    const values = (r.resolution?.values ?? []) as Record<string, string>[];
    if (values.some((v) => ASAP_TIMEX.has(v.timex))) return { kind: 'asap' };
    for (const v of values) {
      const range = v.type?.endsWith('range') === true;
      const raw = v.type === 'datetime' || v.type === 'date' || v.type === 'time' ? v.value : range ? v.start : undefined;
      if (!raw) continue;
      const timeOnly = v.type === 'time' || v.type === 'timerange';
      const parsed = wallToInstant(timeOnly ? `${todayText} ${raw}` : raw);
      if (!parsed) continue;
      if (parsed.dateOnly) {
        const isPast = parsed.at.getTime() + 86400000 <= now.getTime();
        if (!isPast) candidates.push({ at: parsed.at, dateOnly: true, inHours: dayPlan(cal, parsed.date).ranges.length > 0 });
        continue;
      }
      let at = parsed.at;
      const end = range && v.end ? wallToInstant(timeOnly ? `${todayText} ${v.end}` : v.end) : undefined;
      const until = end && !end.dateOnly && end.at.getTime() > at.getTime() ? end.at : undefined;
      // A stretch that has begun ("heute Nachmittag" at 14:00) starts now.
      if (until && at.getTime() < now.getTime() && until.getTime() > now.getTime()) at = now;
      if (at.getTime() < now.getTime() - 60000) continue;
      candidates.push({ at, dateOnly: false, inHours: until ? openWithin(cal, at, until, now) : isOpen(cal, at), until });
    }
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => Number(b.inHours) - Number(a.inHours) || a.at.getTime() - b.at.getTime());
  const best = candidates[0];
  return { kind: 'at', at: best.at, dateOnly: best.dateOnly, ...(best.until ? { until: best.until } : {}) };
}

/** Whether the service center takes calls at some moment from `from` to `until`. */
function openWithin(cal: BusinessCalendar, from: Date, until: Date, now: Date): boolean {
  const slot = nearestSlot(cal, from, now);
  return slot !== undefined && slot.at.getTime() >= from.getTime() && slot.at.getTime() < until.getTime();
}

/**
 * The first moment from `from` to `until` when the service center takes calls, and whether it does for the
 * whole stretch (checked every quarter of an hour, up to half an hour before closing); undefined when it is
 * closed all the time.
 */
export function openPartOf(cal: BusinessCalendar, from: Date, until: Date, now: Date): { at: Date; whole: boolean } | undefined {
  const slot = nearestSlot(cal, from, now);
  if (!slot || slot.at.getTime() < from.getTime() || slot.at.getTime() >= until.getTime()) return undefined;
  const last = until.getTime() - SLOT_BEFORE_CLOSE_MINUTES * 60000;
  let whole = slot.at.getTime() === from.getTime();
  for (let t = from.getTime(); whole && t <= last; t += 15 * 60000)
    whole = isOpen(cal, new Date(t)) && nearestSlot(cal, new Date(t), now)?.exact === true;
  return { at: slot.at, whole };
}

const DAY_SHORT = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];

const clock = (minutes: number): string => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/** Absolute, for agents and the ticket list: "Mo, 30.11.2026, 7:00 Uhr", "Mi, 25.11.2026, 8:00–12:00 Uhr" (Berlin time). */
export function absoluteText(at: Date, dateOnly = false, until?: Date): string {
  const p = berlinParts(at);
  const day = DAY_SHORT[new Date(Date.UTC(p.date.y, p.date.m - 1, p.date.d)).getUTCDay()];
  const date = `${day}, ${p.date.d}.${p.date.m}.${p.date.y}`;
  if (dateOnly) return `${date}, im Laufe des Tages`;
  const end = until ? berlinParts(until) : undefined;
  if (end && end.minutes > p.minutes && end.date.d === p.date.d) return `${date}, ${clock(p.minutes)}–${clock(end.minutes)} Uhr`;
  return `${date}, ${clock(p.minutes)} Uhr`;
}
