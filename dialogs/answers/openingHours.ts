/**
 * The weekly view of opening hours on the Berlin wall clock (a weekday and minutes since midnight, as
 * businessHours.berlinParts gives them): what is open now, today and next by the weekly hours, and the
 * week's lines. Public holidays and closures are businessHours' part.
 */
import { WEEKDAYS, type OpeningHours, type Weekday } from '../../knowledge/schema';

export const TIME_ZONE = 'Europe/Berlin';

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mo: 'Montag',
  di: 'Dienstag',
  mi: 'Mittwoch',
  do: 'Donnerstag',
  fr: 'Freitag',
  sa: 'Samstag',
  so: 'Sonntag',
};
const SHORT: Record<Weekday, string> = { mo: 'Mo', di: 'Di', mi: 'Mi', do: 'Do', fr: 'Fr', sa: 'Sa', so: 'So' };

export interface LocalTime {
  weekday: Weekday;
  minutes: number;
}

export interface Range {
  from: number;
  to: number;
}

function parseRange(r: string): Range {
  const [a, b] = r.split('-');
  const toMin = (t: string): number => {
    const [h, m] = t.split(':').map(Number);
    return h * 60 + m;
  };
  return { from: toMin(a), to: toMin(b) };
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

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

function rangeText(r: Range): string {
  return `${formatClock(r.from)} bis ${formatClock(r.to)} Uhr`;
}

/** One sentence about today, e.g. "Das Bürgerbüro hat heute bis 12:00 Uhr geöffnet." */
export function todaySentence(subject: string, hours: OpeningHours, now: LocalTime): string {
  const s = openState(hours, now);
  const Subject = subject.charAt(0).toUpperCase() + subject.slice(1);
  if (s.kind === 'open') {
    const again = s.laterToday.length > 0 ? `, danach wieder von ${s.laterToday.map(rangeText).join(' und ')}` : '';
    return `${Subject} hat heute bis ${formatClock(s.until)} Uhr geöffnet${again}.`;
  }
  if (s.kind === 'opens-later-today') {
    return `${Subject} öffnet heute um ${formatClock(s.at)} Uhr (heute: ${s.today.map(rangeText).join(' und ')}).`;
  }
  if (!s.next) return `${Subject} hat keine regelmäßigen Öffnungszeiten.`;
  const when = s.next.daysAhead === 1 ? 'morgen' : `am ${WEEKDAY_NAMES[s.next.weekday]}`;
  return `${Subject} hat heute nicht mehr geöffnet. Geöffnet ist wieder ${when} ab ${formatClock(s.next.at)} Uhr.`;
}

/** The week as lines: "Mo: 08:00–12:00, 14:00–16:00 Uhr"; days without hours are left out. */
export function weekLines(hours: OpeningHours): string[] {
  return WEEKDAYS.filter((d) => (hours[d] ?? []).length > 0).map(
    (d) =>
      `${SHORT[d]}: ${rangesOn(hours, d)
        .map((r) => `${formatClock(r.from)}–${formatClock(r.to)}`)
        .join(', ')} Uhr`,
  );
}
