/**
 * What the assistant says to a message it does not take as a German question: English (or a script it
 * does not read), and noise (emoji, "???", keyboard mashing). Honest about what it can do in English today:
 * it answers in German, the service center is reachable in its hours, a person or a callback is one button
 * away. Pure, like every answer; the spoken form is SSML with the English part in an English voice. The
 * texts: knowledge/texte/en/englisch.yaml and knowledge/texte/de/sprache.yaml.
 */
import type { TenantFile, Weekday } from '../../knowledge/schema';
import { hoursStatus, serviceCenterCalendar, type Opening } from '../../knowledge/calendar/businessCalendar';
import { DEFAULT_VOICE, escapeXml, spokenText, stripMarkdown } from '../voice';
import type { Reply } from './reply';
import { examples } from './conversationAnswers';
import type { TextId } from '../../knowledge/texts/catalog';
import type { Texts } from '../../knowledge/texts/texts';

/** The voice that reads the English part. */
export const ENGLISH_VOICE = 'en-GB-SoniaNeural';

/** The English day names are texts of knowledge/texte/en/englisch.yaml. */
const DAY_TEXT = {
  mo: 'englisch.montag',
  di: 'englisch.dienstag',
  mi: 'englisch.mittwoch',
  do: 'englisch.donnerstag',
  fr: 'englisch.freitag',
  sa: 'englisch.samstag',
  so: 'englisch.sonntag',
} as const satisfies Record<Weekday, TextId>;
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
  const t = tenant.texts;
  const hours = tenant.servicecenter.oeffnungszeiten;
  const days = ORDER.filter((d) => (hours[d] ?? []).length > 0);
  if (days.length === 0) return t.render('englisch.nachVereinbarung');
  const day = (d: Weekday): string => t.render(DAY_TEXT[d]);
  const ranges = (d: Weekday): string =>
    (hours[d] ?? [])
      .map((r) => {
        const [from, to] = r.split('-');
        return t.render('englisch.zeitspanne', { von: englishClock(toMinutes(from)), bis: englishClock(toMinutes(to)) });
      })
      .join(` ${t.render('englisch.und')} `);
  const alike = days.every((d) => ranges(d) === ranges(days[0]));
  const consecutive = days.every((d, i) => i === 0 || ORDER.indexOf(d) === ORDER.indexOf(days[i - 1]) + 1);
  if (alike && consecutive && days.length > 1)
    return t.render('englisch.tageBis', { von: day(days[0]), bis: day(days[days.length - 1]), zeiten: ranges(days[0]) });
  return days.map((d) => t.render('englisch.tagZeiten', { tag: day(d), zeiten: ranges(d) })).join('; ');
}

/** "today from 7 am", "tomorrow from 7 am", "on Monday from 7 am", "on Monday, 28 December, from 7 am". */
export function englishOpening(texts: Texts, o: Opening): string {
  const ab = texts.render('englisch.ab', { uhrzeit: englishClock(o.minutes) });
  const wochentag = texts.render(DAY_TEXT[ORDER[(new Date(Date.UTC(o.date.y, o.date.m - 1, o.date.d)).getUTCDay() + 6) % 7]]);
  if (o.daysAhead === 0) return texts.render('englisch.heute', { ab });
  if (o.daysAhead === 1) return texts.render('englisch.morgen', { ab });
  const month = new Date(Date.UTC(o.date.y, o.date.m - 1, o.date.d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  if (o.daysAhead < 7 && o.skipped.length === 0) return texts.render('englisch.amWochentag', { wochentag, ab });
  return texts.render('englisch.amDatum', { wochentag, tag: o.date.d, monat: month, ab });
}

/**
 * The reply to English (or to a script the assistant does not read): one English paragraph on what it can
 * do in English today, checked against the service center's calendar, then a short German line; buttons for
 * a person (in hours) and a callback.
 */
export function englishAnswer(tenant: TenantFile, now: Date): Reply {
  const t = tenant.texts;
  const status = hoursStatus(serviceCenterCalendar(tenant), now);
  const knopfPerson = t.render('englisch.knopfPerson');
  const knopfRueckruf = t.render('englisch.knopfRueckruf');
  const einleitung = t.render('englisch.einleitung', {
    kommune: tenant.name,
    telefon: tenant.servicecenter.telefon,
    zeiten: englishWeeklyHours(tenant),
  });
  let erreichbar: string;
  let buttons: string[];
  if (status.open) {
    erreichbar = t.render('englisch.besetzt', { bis: englishClock(status.until), knopfPerson, knopfRueckruf });
    buttons = [knopfPerson, knopfRueckruf];
  } else {
    const anlass = status.today
      ? t.render(status.today.kind === 'holiday' ? 'englisch.feiertag' : 'englisch.heuteGeschlossen', { name: status.today.name })
      : undefined;
    const wann = status.next ? englishOpening(t, status.next) : undefined;
    erreichbar = t.render('englisch.geschlossen', { anlass, wann, knopfRueckruf });
    buttons = [knopfRueckruf];
  }
  const english = t.render('englisch.antwort', { einleitung, erreichbar });
  const german = t.render('sprache.nurDeutsch');
  return {
    text: t.render('sprache.englischeAntwort', { englisch: english, deutsch: german }),
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
export function noiseAnswer(texts: Texts): Reply {
  return {
    text: texts.render('sprache.unklar'),
    suggestions: examples(texts),
    expectsAnswer: true,
  };
}
