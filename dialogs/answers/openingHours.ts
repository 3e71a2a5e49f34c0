/**
 * The weekly opening hours in words: a sentence about today ("Das Bürgerbüro hat heute bis 12:00 Uhr
 * geöffnet.") and the week's lines (texts: knowledge/texte/de/oeffnungszeiten.yaml). What is open when is
 * knowledge/calendar/weeklyHours.ts's part.
 */
import { WEEKDAYS, type OpeningHours, type Weekday } from '../../knowledge/schema';
import type { TextId } from '../../knowledge/texts/catalog';
import type { Texts } from '../../knowledge/texts/texts';
import { openState, rangesOn, type LocalTime, type Range } from '../../knowledge/calendar/weeklyHours';

const WEEKDAY_NAME = {
  mo: 'zeit.montag',
  di: 'zeit.dienstag',
  mi: 'zeit.mittwoch',
  do: 'zeit.donnerstag',
  fr: 'zeit.freitag',
  sa: 'zeit.samstag',
  so: 'zeit.sonntag',
} as const satisfies Record<Weekday, TextId>;
const WEEKDAY_SHORT = {
  mo: 'zeit.mo',
  di: 'zeit.di',
  mi: 'zeit.mi',
  do: 'zeit.do',
  fr: 'zeit.fr',
  sa: 'zeit.sa',
  so: 'zeit.so',
} as const satisfies Record<Weekday, TextId>;

/** "Montag". */
export function weekdayName(texts: Texts, day: Weekday): string {
  return texts.render(WEEKDAY_NAME[day]);
}

/** "Mo". */
export function weekdayShort(texts: Texts, day: Weekday): string {
  return texts.render(WEEKDAY_SHORT[day]);
}

/** "07:30", "18:00". */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "08:00 bis 12:00 Uhr und 14:00 bis 16:00 Uhr". */
function rangesText(texts: Texts, ranges: readonly Range[]): string {
  return ranges.map((r) => texts.render('oeffnungszeiten.zeitspanne', { von: formatClock(r.from), bis: formatClock(r.to) })).join(' und ');
}

/** One sentence about today, e.g. "Das Bürgerbüro hat heute bis 12:00 Uhr geöffnet." */
export function todaySentence(texts: Texts, subject: string, hours: OpeningHours, now: LocalTime): string {
  const s = openState(hours, now);
  const amt = subject.charAt(0).toUpperCase() + subject.slice(1);
  if (s.kind === 'open') {
    return texts.render('oeffnungszeiten.heuteOffenBis', { amt, bis: formatClock(s.until), danach: rangesText(texts, s.laterToday) });
  }
  if (s.kind === 'opens-later-today') {
    return texts.render('oeffnungszeiten.oeffnetHeuteUm', { amt, um: formatClock(s.at), spannen: rangesText(texts, s.today) });
  }
  if (!s.next) return texts.render('oeffnungszeiten.keineRegelmaessigen', { amt });
  const ab = formatClock(s.next.at);
  const wann =
    s.next.daysAhead === 1
      ? texts.render('oeffnungszeiten.wiederMorgenAb', { ab })
      : texts.render('oeffnungszeiten.wiederAmAb', { wochentag: weekdayName(texts, s.next.weekday), ab });
  return texts.render('oeffnungszeiten.heuteNichtMehr', { amt, wann });
}

/** The week as lines: "Mo: 08:00–12:00, 14:00–16:00 Uhr"; days without hours are left out. */
export function weekLines(texts: Texts, hours: OpeningHours): string[] {
  return WEEKDAYS.filter((d) => (hours[d] ?? []).length > 0).map((d) =>
    texts.render('oeffnungszeiten.wochenzeile', {
      tag: weekdayShort(texts, d),
      zeiten: rangesOn(hours, d)
        .map((r) => `${formatClock(r.from)}–${formatClock(r.to)}`)
        .join(', '),
    }),
  );
}
