/**
 * Business hours as data: weekly hours from the knowledge, public holidays of the Land from date-holidays
 * (type "public" only: "observance" and "bank" days such as Heiligabend are not days off by law), and the
 * closures configured in the tenant's YAML. Everything is computed on the Europe/Berlin wall clock, so
 * daylight saving and the server's own time zone do not matter.
 *
 * Pure: no Bot Framework types, no I/O; `now` is always passed in, so every case is testable with a fixed clock.
 */
import Holidays from 'date-holidays';
import { WEEKDAYS, type Closure, type Office, type OpeningHours, type TenantFile, type Weekday } from '../../knowledge/schema';

// One definition of the time zone, the weekday names and a time range, shared with the weekly view.
import { TIME_ZONE, WEEKDAY_NAMES, type Range } from './openingHours';

export { TIME_ZONE, type Range };

/** A calendar day on the Berlin wall clock. */
export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

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

// ---- Berlin wall clock ------------------------------------------------------------------------------

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface BerlinParts {
  date: CivilDate;
  weekday: Weekday;
  minutes: number;
}

export function berlinParts(at: Date): BerlinParts {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  const date = { y: Number(p.year), m: Number(p.month), d: Number(p.day) };
  return { date, weekday: weekdayOf(date), minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** Offset of Berlin from UTC at `at`, in minutes (60 in winter, 120 in summer). */
function berlinOffset(at: Date): number {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The instant of a Berlin wall-clock time (times skipped by the spring switch move forward an hour). */
export function fromBerlin(date: CivilDate, minutes: number): Date {
  const naive = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  let guess = naive - berlinOffset(new Date(naive)) * 60000;
  guess = naive - berlinOffset(new Date(guess)) * 60000;
  return new Date(guess);
}

export function weekdayOf(date: CivilDate): Weekday {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7];
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad = (n: number): string => String(n).padStart(2, '0');
export const isoDate = (date: CivilDate): string => `${date.y}-${pad(date.m)}-${pad(date.d)}`;
/** "27.12." – the day without a leading zero, as people write it. */
export const shortDate = (date: CivilDate): string => `${date.d}.${date.m}.`;
export const dayName = (date: CivilDate): string => WEEKDAY_NAMES[weekdayOf(date)];

/** "7 Uhr", "18 Uhr", "7:30 Uhr". */
export function clockText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} Uhr` : `${h}:${pad(m)} Uhr`;
}

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

function parseRange(r: string): Range {
  const [a, b] = r.split('-');
  const toMin = (t: string): number => {
    const [h, m] = t.split(':').map(Number);
    return h * 60 + m;
  };
  return { from: toMin(a), to: toMin(b) };
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
  const regular = (cal.hours[weekdayOf(date)] ?? []).map(parseRange).sort((a, b) => a.from - b.from);
  const holiday = publicHoliday(date, cal.state);
  if (holiday) return { ranges: [], regular, closed: { kind: 'holiday', name: holiday } };
  const md = `${pad(date.m)}-${pad(date.d)}`;
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

/** "morgen ab 7 Uhr", "am Montag ab 7 Uhr", "nach den Feiertagen am 27.12. ab 7 Uhr". */
export function openingPhrase(o: Opening): string {
  const at = `ab ${clockText(o.minutes)}`;
  if (o.skipped.length > 0 && o.daysAhead >= 2) {
    const holidays = o.skipped.some((s) => s.kind === 'holiday');
    const what = o.skipped.length > 1 ? (holidays ? 'den Feiertagen' : 'den Schließtagen') : holidays ? 'dem Feiertag' : 'dem Schließtag';
    return `nach ${what} am ${shortDate(o.date)} ${at}`;
  }
  if (o.daysAhead === 0) return `heute ${at}`;
  if (o.daysAhead === 1) return `morgen ${at}`;
  if (o.daysAhead < 7) return `am ${dayName(o.date)} ${at}`;
  return `am ${dayName(o.date)}, ${shortDate(o.date)}, ${at}`;
}

/** The next-opening part of a sentence: "heute bis 18 Uhr" when open, else when it opens. */
export function reachablePhrase(cal: BusinessCalendar, now: Date): string {
  const s = hoursStatus(cal, now);
  if (s.open) return `heute bis ${clockText(s.until)}`;
  return s.next ? openingPhrase(s.next) : 'derzeit zu keiner festen Zeit';
}

/**
 * One sentence for the citizen: "Das Service-Center ist heute bis 18 Uhr erreichbar." or, when closed,
 * why today is different and when someone is there again.
 */
export function reachabilitySentence(subject: string, cal: BusinessCalendar, now: Date): string {
  const Subject = subject.charAt(0).toUpperCase() + subject.slice(1);
  const s = hoursStatus(cal, now);
  if (s.open) return `${Subject} ist heute bis ${clockText(s.until)} erreichbar.`;
  const why = s.today
    ? s.today.kind === 'holiday'
      ? `Heute ist Feiertag (${s.today.name}): `
      : `Heute ist geschlossen (${s.today.name}): `
    : '';
  const next = s.next ? openingPhrase(s.next) : undefined;
  const lead = why ? `${why}${subject}` : Subject;
  return next ? `${lead} ist gerade nicht besetzt, wieder erreichbar ${next}.` : `${lead} ist gerade nicht besetzt.`;
}

// ---- callback slots ---------------------------------------------------------------------------------

/** Callbacks need time to be made: the last slot of a range starts this long before it closes. */
export const SLOT_BEFORE_CLOSE_MINUTES = 30;

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

/** "heute um 14 Uhr", "morgen um 9:30 Uhr", "am Montag, 30.11., um 7 Uhr". */
export function slotText(at: Date, now: Date): string {
  const a = berlinParts(at);
  const n = berlinParts(now);
  const days = Math.round((Date.UTC(a.date.y, a.date.m - 1, a.date.d) - Date.UTC(n.date.y, n.date.m - 1, n.date.d)) / 86400000);
  const time = `um ${clockText(a.minutes)}`;
  if (days === 0) return `heute ${time}`;
  if (days === 1) return `morgen ${time}`;
  return `am ${dayName(a.date)}, ${shortDate(a.date)}, ${time}`;
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
