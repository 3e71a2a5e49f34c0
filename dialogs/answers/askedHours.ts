/**
 * Opening hours for the day or time the citizen asked about: a clear yes or no first, then that day's
 * hours ("Nein, am Freitag, 27.11., hat das Standesamt nachmittags nicht geöffnet. An diesem Tag: …"). The texts:
 * knowledge/texte/de/oeffnungszeiten.yaml.
 */
import type { AskedTime } from '../../intents/askedTime';
import { addDays, isoDate } from '../../knowledge/calendar/berlinTime';
import type { DayPlan } from '../../knowledge/calendar/businessCalendar';
import type { Range } from '../../knowledge/calendar/weeklyHours';
import { formatClock, weekdayName } from './openingHours';
import { capitalise } from './reply';
import type { Texts } from '../../knowledge/texts/texts';

function dayLabel(t: Texts, asked: AskedTime, today: string): string {
  const wochentag = weekdayName(t, asked.weekday);
  // "donnerstags": the citizen's own word, for every such day.
  if (asked.recurring) return t.render('oeffnungszeiten.gefragtJedeWoche', { wochentag: wochentag.toLowerCase() });
  if (asked.date === today) return t.render('oeffnungszeiten.gefragtHeute');
  const [, m, d] = asked.date.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  // The weekday too: whoever asked about "Freitag" must hear it answered.
  if (isoDate(addDays({ y: ty, m: tm, d: td }, 1)) === asked.date) return t.render('oeffnungszeiten.gefragtMorgen', { wochentag });
  return t.render('oeffnungszeiten.gefragtDatum', { wochentag, tag: String(d).padStart(2, '0'), monat: String(m).padStart(2, '0') });
}

function timeLabel(t: Texts, asked: AskedTime): string {
  if (asked.from === undefined || asked.to === undefined) return '';
  if (asked.from === asked.to) return ` ${t.render('oeffnungszeiten.uhrzeit', { uhrzeit: formatClock(asked.from) })}`;
  if (asked.partOfDay) return ` ${asked.partOfDay}`;
  return ` ${t.render('oeffnungszeiten.zwischen', { von: formatClock(asked.from), bis: formatClock(asked.to) })}`;
}

const spans = (t: Texts, ranges: readonly Range[]): string =>
  t.list(ranges.map((r) => t.render('oeffnungszeiten.zeitspanne', { von: formatClock(r.from), bis: formatClock(r.to) })));

/**
 * The answer sentence for `subject` ("das Standesamt") for the asked day or time, from that day's plan
 * (weekly hours less holidays and closures). `today` is Berlin's date (`YYYY-MM-DD`).
 */
export function askedHoursSentence(t: Texts, subject: string, plan: DayPlan, asked: AskedTime, today: string): string {
  const day = plan.ranges;
  const wann = `${dayLabel(t, asked, today)}${timeLabel(t, asked)}`;
  const anlass = plan.closed && day.length === 0 ? plan.closed.name : undefined;
  const anDiesemTag =
    day.length > 0
      ? t.render('oeffnungszeiten.anDiesemTagGeoeffnet', { zeiten: spans(t, day) })
      : t.render('oeffnungszeiten.anDiesemTagGeschlossen', { anlass });

  if (asked.from === undefined || asked.to === undefined) {
    return capitalise(
      day.length > 0
        ? t.render('oeffnungszeiten.gefragtGeoeffnet', { wann, amt: subject, zeiten: spans(t, day) })
        : t.render('oeffnungszeiten.gefragtGeschlossen', { wann, amt: subject, anlass }),
    );
  }
  const from = asked.from;
  const to = asked.to;
  if (from === to) {
    const open = day.find((r) => r.from <= from && from < r.to);
    return open
      ? t.render('oeffnungszeiten.jaGeoeffnetUm', { wann, amt: subject, zeit: spans(t, [open]) })
      : t.render('oeffnungszeiten.neinGeschlossen', { wann, amt: subject, anDiesemTag });
  }
  const overlapping = day.map((r) => ({ from: Math.max(r.from, from), to: Math.min(r.to, to) })).filter((r) => r.from < r.to);
  return overlapping.length > 0
    ? t.render('oeffnungszeiten.jaGeoeffnetVon', { wann, amt: subject, zeiten: spans(t, overlapping) })
    : t.render('oeffnungszeiten.neinGeschlossen', { wann, amt: subject, anDiesemTag });
}
