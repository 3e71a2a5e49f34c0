/**
 * Times and openings in words: "7:30 Uhr", "morgen ab 7 Uhr", "nach dem Feiertag am 3.11. ab 7 Uhr",
 * "Das Service-Center ist heute bis 18 Uhr erreichbar.", "am Montag, 30.11., um 7 Uhr" (texts:
 * knowledge/texte/de/zeit.yaml). The facts come from the calendar (knowledge/calendar); only the wording is here.
 */
import { berlinParts, daysBetween, weekdayOf, type CivilDate } from '../../knowledge/calendar/berlinTime';
import { hoursStatus, type BusinessCalendar, type Opening } from '../../knowledge/calendar/businessCalendar';
import type { Texts } from '../../knowledge/texts/texts';
import { weekdayName, weekdayShort } from './openingHours';

const pad = (n: number): string => String(n).padStart(2, '0');

const dayName = (texts: Texts, date: CivilDate): string => weekdayName(texts, weekdayOf(date));

/** "7 Uhr", "18 Uhr", "7:30 Uhr". */
export function clockText(texts: Texts, minutes: number): string {
  return texts.render('zeit.uhr', { zeit: texts.timeOfDay(minutes) });
}

/** "morgen ab 7 Uhr", "am Montag ab 7 Uhr", "nach den Feiertagen am 27.12. ab 7 Uhr". */
export function openingPhrase(texts: Texts, o: Opening): string {
  const uhrzeit = clockText(texts, o.minutes);
  if (o.skipped.length > 0 && o.daysAhead >= 2) {
    const holidays = o.skipped.some((s) => s.kind === 'holiday');
    const several = o.skipped.length > 1;
    const id = holidays
      ? several
        ? 'zeit.nachFeiertagen'
        : 'zeit.nachFeiertag'
      : several
        ? 'zeit.nachSchliesstagen'
        : 'zeit.nachSchliesstag';
    return texts.render(id, { datum: texts.dayMonth(o.date), uhrzeit });
  }
  if (o.daysAhead === 0) return texts.render('zeit.heuteAb', { uhrzeit });
  if (o.daysAhead === 1) return texts.render('zeit.morgenAb', { uhrzeit });
  if (o.daysAhead < 7) return texts.render('zeit.amWochentagAb', { wochentag: dayName(texts, o.date), uhrzeit });
  return texts.render('zeit.amDatumAb', { wochentag: dayName(texts, o.date), datum: texts.dayMonth(o.date), uhrzeit });
}

/** The next-opening part of a sentence: "heute bis 18 Uhr" when open, else when it opens. */
export function reachablePhrase(texts: Texts, cal: BusinessCalendar, now: Date): string {
  const s = hoursStatus(cal, now);
  if (s.open) return texts.render('zeit.heuteBis', { uhrzeit: clockText(texts, s.until) });
  return s.next ? openingPhrase(texts, s.next) : texts.render('zeit.keineFesteZeit');
}

/**
 * One sentence for the citizen: "Das Service-Center ist heute bis 18 Uhr erreichbar." or, when closed,
 * why today is different and when someone is there again.
 */
export function reachabilitySentence(texts: Texts, subject: string, cal: BusinessCalendar, now: Date): string {
  const Subject = subject.charAt(0).toUpperCase() + subject.slice(1);
  const s = hoursStatus(cal, now);
  if (s.open) return texts.render('zeit.erreichbarBis', { wer: Subject, uhrzeit: clockText(texts, s.until) });
  const next = s.next ? openingPhrase(texts, s.next) : undefined;
  // After "Heute ist Feiertag (…):" the sentence goes on with the subject as given.
  const wer = s.today ? subject : Subject;
  const satz = next ? texts.render('zeit.nichtBesetztBis', { wer, wann: next }) : texts.render('zeit.nichtBesetzt', { wer });
  if (!s.today) return satz;
  return texts.render(s.today.kind === 'holiday' ? 'zeit.heuteFeiertag' : 'zeit.heuteGeschlossen', { name: s.today.name, satz });
}

/** "heute", "morgen", "am Montag, 30.11.," (before "um …", "zwischen …", "im Laufe des Tages"). */
export function dayText(texts: Texts, at: Date, now: Date): string {
  const a = berlinParts(at);
  const days = daysBetween(berlinParts(now).date, a.date);
  if (days === 0) return texts.render('zeit.heute');
  if (days === 1) return texts.render('zeit.morgen');
  return texts.render('zeit.amDatum', { wochentag: dayName(texts, a.date), datum: texts.dayMonth(a.date) });
}

/** "heute um 14 Uhr", "morgen um 9:30 Uhr", "am Montag, 30.11., um 7 Uhr". */
export function slotText(texts: Texts, at: Date, now: Date): string {
  return texts.render('zeit.um', { tag: dayText(texts, at, now), uhrzeit: clockText(texts, berlinParts(at).minutes) });
}

/** "morgen zwischen 8 und 12 Uhr", "am Samstag, 28.11., zwischen 8 und 12 Uhr". */
export function stretchText(texts: Texts, from: Date, until: Date, now: Date): string {
  return texts.render('zeit.zwischen', {
    tag: dayText(texts, from, now),
    von: texts.timeOfDay(berlinParts(from).minutes),
    uhrzeit: clockText(texts, berlinParts(until).minutes),
  });
}

/** "heute im Laufe des Tages", "am Montag, 30.11., im Laufe des Tages". */
export function dayOnlyText(texts: Texts, at: Date, now: Date): string {
  return texts.render('zeit.imLaufeDesTages', { tag: dayText(texts, at, now) });
}

const clock = (minutes: number): string => `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;

/** Absolute, for agents and the ticket list: "Mo, 30.11.2026, 7:00 Uhr", "Mi, 25.11.2026, 8:00–12:00 Uhr" (Berlin time). */
export function absoluteText(texts: Texts, at: Date, dateOnly = false, until?: Date): string {
  const p = berlinParts(at);
  const day = weekdayShort(texts, weekdayOf(p.date));
  const tag = `${day}, ${p.date.d}.${p.date.m}.${p.date.y}`;
  if (dateOnly) return texts.render('zeit.absolutTag', { tag });
  const end = until ? berlinParts(until) : undefined;
  if (end && end.minutes > p.minutes && end.date.d === p.date.d) {
    return texts.render('zeit.absolutSpanne', { tag, von: clock(p.minutes), bis: clock(end.minutes) });
  }
  return texts.render('zeit.absolut', { tag, uhrzeit: clock(p.minutes) });
}
