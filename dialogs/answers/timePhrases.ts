/**
 * Times and openings in words: "7:30 Uhr", "morgen ab 7 Uhr", "nach dem Feiertag am 3.11. ab 7 Uhr",
 * "Das Service-Center ist heute bis 18 Uhr erreichbar.", "am Montag, 30.11., um 7 Uhr". The facts come from
 * the calendar (knowledge/calendar); only the wording is here.
 */
import { berlinParts, daysBetween, weekdayOf, type CivilDate } from '../../knowledge/calendar/berlinTime';
import { hoursStatus, type BusinessCalendar, type Opening } from '../../knowledge/calendar/businessCalendar';
import { WEEKDAY_NAMES } from './openingHours';

const pad = (n: number): string => String(n).padStart(2, '0');

/** "27.12." – the day without a leading zero, as people write it. */
export const shortDate = (date: CivilDate): string => `${date.d}.${date.m}.`;
export const dayName = (date: CivilDate): string => WEEKDAY_NAMES[weekdayOf(date)];

/** "7 Uhr", "18 Uhr", "7:30 Uhr". */
export function clockText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} Uhr` : `${h}:${pad(m)} Uhr`;
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

/** "heute um 14 Uhr", "morgen um 9:30 Uhr", "am Montag, 30.11., um 7 Uhr". */
export function slotText(at: Date, now: Date): string {
  const a = berlinParts(at);
  const n = berlinParts(now);
  const days = daysBetween(n.date, a.date);
  const time = `um ${clockText(a.minutes)}`;
  if (days === 0) return `heute ${time}`;
  if (days === 1) return `morgen ${time}`;
  return `am ${dayName(a.date)}, ${shortDate(a.date)}, ${time}`;
}

/** "morgen zwischen 8 und 12 Uhr", "am Samstag, 28.11., zwischen 8 und 12 Uhr". */
export function stretchText(from: Date, until: Date, now: Date): string {
  const day = slotText(from, now).replace(/ um .*$/, '');
  return `${day} zwischen ${clockText(berlinParts(from).minutes).replace(/ Uhr$/, '')} und ${clockText(berlinParts(until).minutes)}`;
}

const DAY_SHORT = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];

const clock = (minutes: number): string => `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;

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
