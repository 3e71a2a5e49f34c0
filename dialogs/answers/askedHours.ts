/**
 * Opening hours for the day or time the citizen asked about: a clear yes or no first, then that day's
 * hours ("Nein, am Freitag, 27.11., hat das Standesamt nachmittags nicht geöffnet. An diesem Tag: …").
 */
import type { AskedTime } from '../../intents/askedTime';
import { addDays, isoDate } from '../../knowledge/calendar/berlinTime';
import type { DayPlan } from '../../knowledge/calendar/businessCalendar';
import type { Range } from '../../knowledge/calendar/weeklyHours';
import { WEEKDAY_NAMES, formatClock } from './openingHours';
import { capitalise, joinGerman } from './reply';

function dayLabel(asked: AskedTime, today: string): string {
  // "donnerstags": the citizen's own word, for every such day.
  if (asked.recurring) return `${WEEKDAY_NAMES[asked.weekday].toLowerCase()}s`;
  if (asked.date === today) return 'heute';
  const [, m, d] = asked.date.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  // The weekday too: whoever asked about "Freitag" must hear it answered.
  if (isoDate(addDays({ y: ty, m: tm, d: td }, 1)) === asked.date) return `morgen (${WEEKDAY_NAMES[asked.weekday]})`;
  return `am ${WEEKDAY_NAMES[asked.weekday]}, ${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.,`;
}

function timeLabel(asked: AskedTime): string {
  if (asked.from === undefined || asked.to === undefined) return '';
  if (asked.from === asked.to) return ` um ${formatClock(asked.from)} Uhr`;
  if (asked.partOfDay) return ` ${asked.partOfDay}`;
  return ` zwischen ${formatClock(asked.from)} und ${formatClock(asked.to)} Uhr`;
}

const span = (r: Range): string => `${formatClock(r.from)} bis ${formatClock(r.to)} Uhr`;

/**
 * The answer sentence for `subject` ("das Standesamt") for the asked day or time, from that day's plan
 * (weekly hours less holidays and closures). `today` is Berlin's date (`YYYY-MM-DD`).
 */
export function askedHoursSentence(subject: string, plan: DayPlan, asked: AskedTime, today: string): string {
  const day = plan.ranges;
  const when = `${dayLabel(asked, today)}${timeLabel(asked)}`;
  const why = plan.closed && day.length === 0 ? ` (${plan.closed.name})` : '';
  const dayHours = day.length > 0 ? `An diesem Tag ist von ${joinGerman(day.map(span))} geöffnet.` : `An diesem Tag ist geschlossen${why}.`;

  if (asked.from === undefined || asked.to === undefined) {
    return day.length > 0
      ? `${capitalise(when)} hat ${subject} von ${joinGerman(day.map(span))} geöffnet.`
      : `${capitalise(when)} hat ${subject} geschlossen${why}.`;
  }
  const from = asked.from;
  const to = asked.to;
  if (from === to) {
    const open = day.find((r) => r.from <= from && from < r.to);
    return open ? `Ja, ${when} hat ${subject} geöffnet (${span(open)}).` : `Nein, ${when} hat ${subject} nicht geöffnet. ${dayHours}`;
  }
  const overlapping = day.map((r) => ({ from: Math.max(r.from, from), to: Math.min(r.to, to) })).filter((r) => r.from < r.to);
  return overlapping.length > 0
    ? `Ja, ${when} hat ${subject} von ${joinGerman(overlapping.map(span))} geöffnet.`
    : `Nein, ${when} hat ${subject} nicht geöffnet. ${dayHours}`;
}
