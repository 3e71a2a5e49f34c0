/**
 * The callback time the citizen wishes ("morgen Vormittag", "Freitag 10:30", "so bald wie möglich"), read by
 * the German date/time recognizer (intents/datetime) on the Berlin wall clock and weighed against the
 * service center's calendar: of several readings, one in business hours wins. Pure: no SDK types.
 */
import type { ModelResult } from '@microsoft/recognizers-text';
import type { LanguageCode } from '../knowledge/schema';
import { recognizeDateTime, recognizeEnglishDateTime, valuesOf } from './datetime';
import { foldGerman } from './normalize';
import { berlinParts, berlinWallClock, fromBerlin, isoDate, type CivilDate } from '../knowledge/calendar/berlinTime';
import { dayPlan, isOpen, openWithin, type BusinessCalendar } from '../knowledge/calendar/businessCalendar';

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
/** "So bald wie möglich" (the callback dialog's own button), folded. */
const ASAP = 'so bald wie moeglich';
/** Answers that name no time but leave it to the service center. */
const ANY_TIME = /\b(?:jederzeit|egal|gleich|wann immer)\b/;
const ANY_TIME_ENGLISH = /\b(?:any ?time|whenever|(?:does ?n[o']?t|do ?n[o']?t) (?:matter|mind)|no preference)\b/;

/**
 * The recognizer for a language: English has Recognizers-Text's own model; the other languages have none in
 * the package (Turkish, Ukrainian, Arabic, Russian), so their citizens' digits ("10:30", "14 Uhr") and the
 * dialog's buttons, pressed in their language and read as the German titles, go to the German one.
 */
function recognizerFor(language: LanguageCode): (text: string, ref: Date) => ModelResult[] {
  return language === 'en' ? recognizeEnglishDateTime : recognizeDateTime;
}

/**
 * The wished callback time in `text`, relative to `now`. Among the recognizer's readings (weekdays give
 * last and next week, "10:30" gives morning and evening) it takes a future one, preferring one in
 * business hours. A stretch of time ("morgen Vormittag", "heute Abend") keeps its end in `until`.
 */
export function understandWish(text: string, now: Date, cal: BusinessCalendar, language: LanguageCode = 'de'): Wish | undefined {
  const folded = foldGerman(text);
  if (folded === ASAP || ANY_TIME.test(folded)) return { kind: 'asap' };
  if (language === 'en' && ANY_TIME_ENGLISH.test(text.toLowerCase())) return { kind: 'asap' };
  const recognize = recognizerFor(language);
  let results = recognize(text.slice(0, 300), berlinWallClock(now));
  // A button of the dialog's own, pressed in English, comes as its German title ("Morgen Vormittag").
  if (results.length === 0 && language === 'en') results = recognizeDateTime(text.slice(0, 300), berlinWallClock(now));
  const candidates: { at: Date; dateOnly: boolean; inHours: boolean; until?: Date }[] = [];
  // A time said apart from its day ("heute, nach 16 Uhr", "tomorrow after 4 pm") is on that day, else today.
  const dayOfTimes =
    results.flatMap((r) => valuesOf(r)).find((v) => v.type === 'date' && v.value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v.value))
      ?.value ?? isoDate(berlinParts(now).date);
  for (const r of results) {
    const values = valuesOf(r);
    if (values.some((v) => ASAP_TIMEX.has(v.timex))) return { kind: 'asap' };
    for (const v of values) {
      const range = v.type.endsWith('range');
      const raw = v.type === 'datetime' || v.type === 'date' || v.type === 'time' ? v.value : range ? v.start : undefined;
      if (!raw) continue;
      const timeOnly = v.type === 'time' || v.type === 'timerange';
      const parsed = wallToInstant(timeOnly ? `${dayOfTimes} ${raw}` : raw);
      if (!parsed) continue;
      if (parsed.dateOnly) {
        const isPast = parsed.at.getTime() + 86400000 <= now.getTime();
        if (!isPast) candidates.push({ at: parsed.at, dateOnly: true, inHours: dayPlan(cal, parsed.date).ranges.length > 0 });
        continue;
      }
      let at = parsed.at;
      const end = range && v.end ? wallToInstant(timeOnly ? `${dayOfTimes} ${v.end}` : v.end) : undefined;
      const until = end && !end.dateOnly && end.at.getTime() > at.getTime() ? end.at : undefined;
      // A stretch that has begun ("heute Nachmittag" at 14:00) starts now.
      if (until && at.getTime() < now.getTime() && until.getTime() > now.getTime()) at = now;
      if (at.getTime() < now.getTime() - 60000) continue;
      candidates.push({ at, dateOnly: false, inHours: until ? openWithin(cal, at, until, now) : isOpen(cal, at), until });
    }
  }
  if (candidates.length === 0) return undefined;
  // A day with a time on it says more than the day alone.
  const timed = new Set(candidates.filter((c) => !c.dateOnly).map((c) => isoDate(berlinParts(c.at).date)));
  if (timed.size > 0)
    candidates.splice(0, candidates.length, ...candidates.filter((c) => !c.dateOnly || !timed.has(isoDate(berlinParts(c.at).date))));
  candidates.sort((a, b) => Number(b.inHours) - Number(a.inHours) || a.at.getTime() - b.at.getTime());
  const best = candidates[0];
  return { kind: 'at', at: best.at, dateOnly: best.dateOnly, ...(best.until ? { until: best.until } : {}) };
}
