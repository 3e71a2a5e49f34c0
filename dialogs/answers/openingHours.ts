/**
 * The weekly opening hours in words: a sentence about today ("Das Bürgerbüro hat heute bis 12:00 Uhr
 * geöffnet.") and the week's lines. What is open when is knowledge/calendar/weeklyHours.ts's part.
 */
import { WEEKDAYS, type OpeningHours, type Weekday } from '../../knowledge/schema';
import { openState, rangesOn, type LocalTime, type Range } from '../../knowledge/calendar/weeklyHours';

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

/** "07:30", "18:00". */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
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
