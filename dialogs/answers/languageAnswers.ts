/**
 * What the assistant says to a message it does not take as a German question: English (or a script it
 * does not read), and noise (emoji, "???", keyboard mashing). Honest about what it can do in English today:
 * it answers in German, the service center is reachable in its hours, a person or a callback is one button
 * away. Pure, like every answer; the spoken form is SSML with the English part in an English voice.
 */
import type { TenantFile, Weekday } from '../../knowledge/schema';
import { hoursStatus, serviceCenterCalendar, type Opening } from '../../knowledge/calendar/businessCalendar';
import { DEFAULT_VOICE, escapeXml, spokenText, stripMarkdown } from '../voice';
import type { Reply } from './reply';
import { EXAMPLES } from './conversationAnswers';

/** The buttons of the English reply; intents/language.ts reads them (englishRequest). */
export const TALK_TO_PERSON = 'Talk to a person';
export const CALL_ME_BACK = 'Call me back';

/** The voice that reads the English part. */
export const ENGLISH_VOICE = 'en-GB-SoniaNeural';

const DAY_NAMES: Record<Weekday, string> = {
  mo: 'Monday',
  di: 'Tuesday',
  mi: 'Wednesday',
  do: 'Thursday',
  fr: 'Friday',
  sa: 'Saturday',
  so: 'Sunday',
};
const ORDER: Weekday[] = ['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'];

/** 420 → "7 am", 1080 → "6 pm", 510 → "8:30 am" (as said in British English). */
export function englishClock(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''} ${h < 12 ? 'am' : 'pm'}`;
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** "Monday to Friday, 7 am to 6 pm": the weekly hours of the service center, when every open day is alike. */
export function englishWeeklyHours(tenant: TenantFile): string {
  const hours = tenant.servicecenter.oeffnungszeiten;
  const days = ORDER.filter((d) => (hours[d] ?? []).length > 0);
  if (days.length === 0) return 'by appointment';
  const ranges = (d: Weekday): string =>
    (hours[d] ?? [])
      .map((r) => {
        const [from, to] = r.split('-');
        return `${englishClock(toMinutes(from))} to ${englishClock(toMinutes(to))}`;
      })
      .join(' and ');
  const alike = days.every((d) => ranges(d) === ranges(days[0]));
  const consecutive = days.every((d, i) => i === 0 || ORDER.indexOf(d) === ORDER.indexOf(days[i - 1]) + 1);
  if (alike && consecutive && days.length > 1) return `${DAY_NAMES[days[0]]} to ${DAY_NAMES[days[days.length - 1]]}, ${ranges(days[0])}`;
  return days.map((d) => `${DAY_NAMES[d]} ${ranges(d)}`).join('; ');
}

/** "today from 7 am", "tomorrow from 7 am", "on Monday from 7 am", "on Monday, 28 December, from 7 am". */
export function englishOpening(o: Opening): string {
  const at = `from ${englishClock(o.minutes)}`;
  const weekday = DAY_NAMES[ORDER[(new Date(Date.UTC(o.date.y, o.date.m - 1, o.date.d)).getUTCDay() + 6) % 7]];
  if (o.daysAhead === 0) return `today ${at}`;
  if (o.daysAhead === 1) return `tomorrow ${at}`;
  const month = new Date(Date.UTC(o.date.y, o.date.m - 1, o.date.d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  if (o.daysAhead < 7 && o.skipped.length === 0) return `on ${weekday} ${at}`;
  return `on ${weekday}, ${o.date.d} ${month}, ${at}`;
}

/**
 * The reply to English (or to a script the assistant does not read): one English paragraph on what it can
 * do in English today, checked against the service center's calendar, then a short German line; buttons for
 * a person (in hours) and a callback.
 */
export function englishAnswer(tenant: TenantFile, now: Date): Reply {
  const status = hoursStatus(serviceCenterCalendar(tenant), now);
  const phone = tenant.servicecenter.telefon ? ` (phone ${tenant.servicecenter.telefon})` : '';
  const intro =
    'Sorry, I can only answer questions in German for now. ' +
    `The service centre of ${tenant.name}${phone} is staffed ${englishWeeklyHours(tenant)}, German time, except on public holidays.`;
  let reachable: string;
  let buttons: string[];
  if (status.open) {
    reachable =
      `It is staffed right now, until ${englishClock(status.until)}: choose “${TALK_TO_PERSON}” and a member of staff can take over this chat ` +
      `(whether they can reply in English depends on who is on duty), or “${CALL_ME_BACK}” for a callback.`;
    buttons = [TALK_TO_PERSON, CALL_ME_BACK];
  } else {
    const why = status.today ? ` (${status.today.kind === 'holiday' ? 'public holiday' : 'closed today'}: ${status.today.name})` : '';
    const next = status.next ? `, and staffed again ${englishOpening(status.next)}` : '';
    reachable = `It is closed right now${why}${next}. Choose “${CALL_ME_BACK}” and we will call you back in its hours.`;
    buttons = [CALL_ME_BACK];
  }
  const english = `${intro} ${reachable} The questions for a callback (phone number, time) are asked in German.`;
  const german = 'Ich antworte auf Deutsch. Fragen Sie zum Beispiel: „Was kostet ein Reisepass?“';
  return {
    text: `${english}\n\n*Auf Deutsch:* ${german}`,
    suggestions: buttons,
    expectsAnswer: true,
    ssml: bilingualSsml(english, german, tenant.stimme ?? DEFAULT_VOICE),
  };
}

/**
 * SSML with an English part in an English voice (`xml:lang="en-GB"` on its voice element, as SSML 1.0 allows)
 * and a German part in the Kommune's voice.
 */
export function bilingualSsml(english: string, german: string, voice: string): string {
  const spokenEnglish = stripMarkdown(english).replace(/[“”]/g, '').replace(/\s+/g, ' ').trim();
  return (
    '<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="de-DE">' +
    `<voice xml:lang="en-GB" name="${ENGLISH_VOICE}">${escapeXml(spokenEnglish)}</voice>` +
    `<voice name="${escapeXml(voice)}">${escapeXml(spokenText({ text: german }))}</voice></speak>`
  );
}

/** Emoji, "???", "asdf": no question, so nothing misunderstood; a friendly nudge with examples. */
export function noiseAnswer(): Reply {
  return {
    text: 'Wie kann ich Ihnen helfen? Schreiben Sie Ihre Frage am besten in einem Satz, zum Beispiel „Was kostet ein Reisepass?“.',
    suggestions: EXAMPLES,
    expectsAnswer: true,
  };
}
