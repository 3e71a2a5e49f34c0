/**
 * Business hours as data: weekly hours from the knowledge, public holidays of the Land from date-holidays
 * (type "public" only: "observance" and "bank" days such as Heiligabend are not days off by law), and the
 * closures configured in the tenant's YAML (schliesstage, schliessungen). Everything is computed on the
 * Berlin wall clock (berlinTime.ts), so daylight saving and the server's own time zone do not matter.
 *
 * Pure: no Bot Framework types, no I/O, no wording; `now` is always passed in, so every case is testable
 * with a fixed clock. The sentences about it are dialogs/answers' part.
 */
import Holidays from 'date-holidays';
import type { Closure, Office, OpeningHours, TenantFile } from '../schema';
import { addDays, berlinParts, fromBerlin, isoDate, weekdayOf, type CivilDate } from './berlinTime';
import { parseRange, rangesOn, type Range } from './weeklyHours';

export interface BusinessCalendar {
  hours: OpeningHours;
  /** "MM-DD" days closed every year. */
  recurring: readonly string[];
  dated: readonly Closure[];
  /** Two-letter state code of date-holidays ("NI"). */
  state: string;
}

export interface ClosedDay {
  kind: 'holiday' | 'closure';
  name: string;
}

export interface DayPlan {
  /** Open ranges of the day after holidays and closures, sorted. */
  ranges: Range[];
  /** The weekly ranges of that weekday. */
  regular: Range[];
  /** Why regular hours do not apply (whole day or in part). */
  closed?: ClosedDay;
}

export interface Opening {
  at: Date;
  date: CivilDate;
  minutes: number;
  /** Calendar days from today (0 = later today). */
  daysAhead: number;
  /** Holidays and closures between now and the opening, when at least one of them cost a working day. */
  skipped: ClosedDay[];
}

export type HoursStatus = { open: true; until: number; closesAt: Date } | { open: false; today?: ClosedDay; next?: Opening };

// ---- holidays and closures --------------------------------------------------------------------------

const holidayCache = new Map<string, Map<string, string>>();

/** The public holiday on `date` in the state, or undefined. Cached per state and year. */
export function publicHoliday(date: CivilDate, state: string): string | undefined {
  const key = `${state}:${date.y}`;
  let days = holidayCache.get(key);
  if (!days) {
    days = new Map();
    for (const h of new Holidays('DE', state).getHolidays(date.y) || []) {
      if (h.type === 'public') days.set(h.date.slice(0, 10), h.name);
    }
    holidayCache.set(key, days);
  }
  return days.get(isoDate(date));
}

function subtract(ranges: Range[], cut: Range): Range[] {
  return ranges.flatMap((r) => {
    if (cut.to <= r.from || cut.from >= r.to) return [r];
    const out: Range[] = [];
    if (cut.from > r.from) out.push({ from: r.from, to: cut.from });
    if (cut.to < r.to) out.push({ from: cut.to, to: r.to });
    return out;
  });
}

export function dayPlan(cal: BusinessCalendar, date: CivilDate): DayPlan {
  const regular = rangesOn(cal.hours, weekdayOf(date));
  const holiday = publicHoliday(date, cal.state);
  if (holiday) return { ranges: [], regular, closed: { kind: 'holiday', name: holiday } };
  const md = isoDate(date).slice(5);
  if (cal.recurring.includes(md)) {
    const name = md === '12-24' ? 'Heiligabend' : md === '12-31' ? 'Silvester' : 'Schließtag';
    return { ranges: [], regular, closed: { kind: 'closure', name } };
  }
  let ranges = regular;
  let closed: ClosedDay | undefined;
  for (const c of cal.dated.filter((x) => x.datum === isoDate(date))) {
    ranges = c.zeit ? subtract(ranges, parseRange(c.zeit)) : [];
    closed = { kind: 'closure', name: c.grund };
  }
  return { ranges, regular, ...(closed ? { closed } : {}) };
}

// ---- status and next opening ------------------------------------------------------------------------

/** How far ahead to look for an opening: long enough for any realistic closure. */
const HORIZON_DAYS = 60;

export function nextOpening(cal: BusinessCalendar, now: Date): Opening | undefined {
  const here = berlinParts(now);
  const skipped: ClosedDay[] = [];
  let costWorkingDay = false;
  for (let ahead = 0; ahead <= HORIZON_DAYS; ahead++) {
    const date = addDays(here.date, ahead);
    const plan = dayPlan(cal, date);
    const after = ahead === 0 ? here.minutes : -1;
    const start = plan.ranges.find((r) => r.from > after);
    if (start) {
      return { at: fromBerlin(date, start.from), date, minutes: start.from, daysAhead: ahead, skipped: costWorkingDay ? skipped : [] };
    }
    if (plan.closed) {
      skipped.push(plan.closed);
      if (plan.regular.some((r) => r.to > after)) costWorkingDay = true;
    }
  }
  return undefined;
}

export function hoursStatus(cal: BusinessCalendar, now: Date): HoursStatus {
  const here = berlinParts(now);
  const plan = dayPlan(cal, here.date);
  const current = plan.ranges.find((r) => r.from <= here.minutes && here.minutes < r.to);
  if (current) return { open: true, until: current.to, closesAt: fromBerlin(here.date, current.to) };
  const next = nextOpening(cal, now);
  return { open: false, ...(plan.closed ? { today: plan.closed } : {}), ...(next ? { next } : {}) };
}

export function isOpen(cal: BusinessCalendar, at: Date): boolean {
  return hoursStatus(cal, at).open;
}

/** When the day of `at` closes (its last range's end), or undefined when it is closed all day. */
export function closingOf(cal: BusinessCalendar, at: Date): Date | undefined {
  const { date } = berlinParts(at);
  const ranges = dayPlan(cal, date).ranges;
  return ranges.length > 0 ? fromBerlin(date, ranges[ranges.length - 1].to) : undefined;
}

// ---- callback slots ---------------------------------------------------------------------------------

/** Callbacks need time to be made: the last slot of a range starts this long before it closes. */
const SLOT_BEFORE_CLOSE_MINUTES = 30;

export interface Slot {
  at: Date;
  exact: boolean;
}

/**
 * The wished time if it is in business hours (and not in the past), else the nearest valid slot:
 * the last one before the wish (if still ahead of `now`) or the next opening after it, whichever is closer.
 */
export function nearestSlot(cal: BusinessCalendar, wished: Date, now: Date): Slot | undefined {
  const earliest = new Date(Math.max(wished.getTime(), now.getTime()));
  const bp = berlinParts(earliest);
  const plan = dayPlan(cal, bp.date);
  const inside = plan.ranges.find((r) => r.from <= bp.minutes && bp.minutes <= r.to - SLOT_BEFORE_CLOSE_MINUTES);
  if (inside && wished.getTime() >= now.getTime()) return { at: wished, exact: true };
  const candidates: Date[] = [];
  if (inside) candidates.push(earliest);
  const after = nextOpening(cal, earliest);
  if (after) candidates.push(after.at);
  // The last slot before the wish on the same day (e.g. 17:30 for a wish of 19:00).
  const before = plan.ranges.filter((r) => r.to - SLOT_BEFORE_CLOSE_MINUTES < bp.minutes).pop();
  if (before) {
    const at = fromBerlin(bp.date, Math.max(before.from, before.to - SLOT_BEFORE_CLOSE_MINUTES));
    if (at.getTime() >= now.getTime()) candidates.push(at);
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => Math.abs(a.getTime() - wished.getTime()) - Math.abs(b.getTime() - wished.getTime()));
  return { at: candidates[0], exact: false };
}

/** Whether calls are taken at some moment from `from` to `until`. */
export function openWithin(cal: BusinessCalendar, from: Date, until: Date, now: Date): boolean {
  const slot = nearestSlot(cal, from, now);
  return slot !== undefined && slot.at.getTime() >= from.getTime() && slot.at.getTime() < until.getTime();
}

/**
 * The first moment from `from` to `until` when calls are taken, and whether they are for the whole
 * stretch (checked every quarter of an hour, up to half an hour before closing); undefined when it is
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

// ---- calendars from the knowledge -------------------------------------------------------------------

export function serviceCenterCalendar(tenant: TenantFile): BusinessCalendar {
  const sc = tenant.servicecenter;
  return {
    hours: sc.oeffnungszeiten,
    recurring: [...(tenant.schliesstage ?? []), ...(sc.schliesstage ?? [])],
    dated: [...(tenant.schliessungen ?? []), ...(sc.schliessungen ?? [])],
    state: tenant.bundesland,
  };
}

export function officeCalendar(tenant: TenantFile, office: Office): BusinessCalendar | undefined {
  if (!office.oeffnungszeiten) return undefined;
  return {
    hours: office.oeffnungszeiten,
    recurring: [...(tenant.schliesstage ?? []), ...(office.schliesstage ?? [])],
    dated: [...(tenant.schliessungen ?? []), ...(office.schliessungen ?? [])],
    state: tenant.bundesland,
  };
}
