/**
 * The long forms about one service for one Kommune (the documents' checklist card, the whole procedure), an
 * office's details and opening hours, and the service center's reachability. The short answers that lead
 * with what was asked are in focusedAnswers.ts. Every answer names its source and the date it was checked.
 */
import type { TenantService } from '../../knowledge/resolve';
import type { DocumentEntry, Office, Source, TenantFile } from '../../knowledge/schema';
import { bulletList, capitalise, formatIsoDate, joinGerman, numberedList, type Reply } from './reply';
import type { AskedTime } from '../../intents/askedTime';
import { askedHoursSentence } from './askedHours';
import { WEEKDAY_NAMES, todaySentence, weekLines } from './openingHours';
import { berlinParts, isoDate } from '../../knowledge/calendar/berlinTime';
import {
  dayPlan,
  hoursStatus,
  officeCalendar,
  serviceCenterCalendar,
  type BusinessCalendar,
} from '../../knowledge/calendar/businessCalendar';
import { openingPhrase, reachabilitySentence } from './timePhrases';

export function sourceLine(quellen: readonly Source[]): string {
  const q = quellen[0];
  return `Quelle: ${q.titel} (${q.url}), Stand: ${formatIsoDate(q.geprueft)}`;
}

/** How an office is named inside a sentence ("das Bürgerbüro"). */
export function officeSubject(office: Office): string {
  return office.kurzname ?? office.name;
}

/** "wenn vorhanden (auch wenn abgelaufen)" → "wenn vorhanden, auch wenn abgelaufen": no brackets in brackets. */
export function flatAside(text: string): string {
  return text.replace(/\s*\(([^()]*)\)/g, ', $1');
}

export function documentLine(d: DocumentEntry): string {
  return d.bedingung ? `${d.text} (${flatAside(d.bedingung)})` : d.text;
}

/** An Adaptive Card checklist the citizen can tick off while collecting the documents. */
export function documentsChecklistCard(s: TenantService): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang: 'de',
    speak: `Checkliste mit ${s.unterlagen.length} Unterlagen für ${s.service.name}.`,
    body: [
      { type: 'TextBlock', text: `Checkliste: ${s.service.name}`, weight: 'Bolder', size: 'Medium', wrap: true },
      ...s.unterlagen.map((d, i) => ({
        type: 'Input.Toggle',
        id: `unterlage${i + 1}`,
        title: documentLine(d),
        value: 'false',
        wrap: true,
      })),
      { type: 'TextBlock', text: sourceLine(s.quellen), isSubtle: true, size: 'Small', wrap: true },
    ],
    actions: [{ type: 'Action.OpenUrl', title: 'Quelle öffnen', url: s.quellen[0].url }],
  };
}

export function howtoAnswer(s: TenantService): Reply {
  const parts = [`**${s.service.name}**: ${s.service.kurz}`, `So geht es:\n${numberedList(s.verfahrensablauf)}`];
  if (s.onlineDienst) parts.push(`Online: ${s.onlineDienst.name} (${s.onlineDienst.url})`);
  if (s.service.terminErforderlich) parts.push('Für die Vorsprache brauchen Sie einen Termin.');
  if (s.service.bearbeitungsdauer) parts.push(`Bearbeitungsdauer: ${s.service.bearbeitungsdauer}`);
  if (s.service.fristen?.length) parts.push(`Fristen:\n${bulletList(s.service.fristen)}`);
  if (s.hinweise.length > 0) parts.push(`Hinweise:\n${bulletList(s.hinweise.slice(0, 3))}`);
  parts.push(sourceLine(s.quellen));
  return { text: parts.join('\n\n'), suggestions: ['Welche Unterlagen brauche ich?', 'Was kostet das?', 'Wer ist zuständig?'] };
}

/** Contact details of an office, saying honestly which ones the Kommune still has to fill in. */
export function officeDetails(office: Office): string[] {
  const lines: string[] = [];
  if (office.gruppe && office.orte?.length) lines.push(`Das sind: ${joinGerman(office.orte)}.`);
  if (office.adresse) lines.push(`Adresse: ${office.adresse.strasse}, ${office.adresse.plz} ${office.adresse.ort}`);
  if (office.telefon) lines.push(`Telefon: ${office.telefon}`);
  if (office.email) lines.push(`E-Mail: ${office.email}`);
  if (office.web) lines.push(`Internet: ${office.web}`);
  const missing = (office.platzhalter ?? []).filter((f) => f !== 'oeffnungszeiten' && f !== 'web');
  if (missing.length > 0) {
    const names: Record<string, string> = { telefon: 'Telefonnummer', email: 'E-Mail-Adresse', adresse: 'Adresse' };
    lines.push(
      `${joinGerman(missing.map((m) => names[m] ?? m))} ${missing.length > 1 ? 'sind' : 'ist'} hier noch nicht hinterlegt; die Kommune trägt sie nach.${office.web ? ' Bitte sehen Sie bis dahin auf der Website nach.' : ''}`,
    );
  }
  if (office.hinweis) lines.push(office.hinweis);
  return lines;
}

/**
 * For a day or time the citizen asked about (with that day's holidays and closures); undefined when nothing
 * was asked, or today as a whole, which the "open now, open next" sentences answer better.
 */
function askedSentence(subject: string, cal: BusinessCalendar | undefined, now: Date, asked: AskedTime | undefined): string | undefined {
  const today = isoDate(berlinParts(now).date);
  // Today as a whole is answered by the live status ("heute bis 18 Uhr"); a weekday every week is not.
  if (!cal || !asked || (asked.date === today && asked.from === undefined && !asked.recurring)) return undefined;
  const [y, m, d] = asked.date.split('-').map(Number);
  return askedHoursSentence(subject, dayPlan(cal, { y, m, d }), asked, today);
}

const HOLIDAY_NOTE = 'An gesetzlichen Feiertagen ist geschlossen.';

/**
 * When a public holiday or a closure changes today's answer: "Das Bürgerbüro hat heute geschlossen
 * (Ostermontag). Geöffnet ist wieder nach dem Feiertag am 13.4. ab 8 Uhr." Otherwise undefined, and the
 * weekly hours speak.
 */
function holidaySentence(subject: string, office: Office, tenant: TenantFile, now: Date): string | undefined {
  const cal = officeCalendar(tenant, office);
  if (!cal) return undefined;
  const status = hoursStatus(cal, now);
  if (status.open || (!status.today && !status.next?.skipped.length)) return undefined;
  const why = status.today ? ` (${status.today.name})` : '';
  const next = status.next ? ` Geöffnet ist wieder ${openingPhrase(status.next)}.` : '';
  return status.today
    ? `${capitalise(subject)} hat heute geschlossen${why}.${next}`
    : `${capitalise(subject)} hat heute nicht mehr geöffnet.${next}`;
}

export function officeHoursAnswer(office: Office, tenant: TenantFile, now: Date, asked?: AskedTime): Reply {
  const subject = officeSubject(office);
  if (!office.oeffnungszeiten) {
    // What is known for the asked day still answers it: the office's hours are missing, the service
    // center's are not, and it can connect the caller in its hours.
    const where = office.web ? ` Bitte sehen Sie auf ${office.web} nach.` : '';
    const day = asked ? ` für ${askedDayName(asked, now)}` : '';
    const missing = `Die Öffnungszeiten ${genitiveOf(subject)} sind hier noch nicht hinterlegt, deshalb kann ich${day} nichts Sicheres sagen; die Kommune trägt sie nach.${where}`;
    const center = serviceCenterSentence(tenant, now, asked);
    const connect = `In seinen Zeiten verbindet es Sie auch mit ${dativeOf(subject)}.`;
    return {
      text: `${missing}\n\n${center} ${connect}`,
      speak: `Die Öffnungszeiten ${genitiveOf(subject)}${day} habe ich leider noch nicht. ${center.replace(/ Telefon: .*$/, '')} ${connect}`,
      suggestions: ['Wer ist zuständig?'],
    };
  }
  const parts = [
    askedSentence(subject, officeCalendar(tenant, office), now, asked) ??
      holidaySentence(subject, office, tenant, now) ??
      todaySentence(subject, office.oeffnungszeiten, berlinParts(now)),
    `Öffnungszeiten – ${office.name}:\n${bulletList(weekLines(office.oeffnungszeiten))}`,
  ];
  if (office.terminErforderlich) parts.push('Bitte vereinbaren Sie vorher einen Termin.');
  parts.push(HOLIDAY_NOTE);
  parts.push(sourceLine(office.quellen?.length ? office.quellen : tenant.quellen));
  return { text: parts.join('\n\n') };
}

/** When the service center is reachable, with public holidays and closures (knowledge/calendar/businessCalendar.ts). */
export function serviceCenterSentence(tenant: TenantFile, now: Date, asked?: AskedTime): string {
  const sc = tenant.servicecenter;
  const cal = serviceCenterCalendar(tenant);
  const today = askedSentence(`das ${sc.name}`, cal, now, asked) ?? reachabilitySentence(`das ${sc.name}`, cal, now);
  const phone = sc.telefon ? ` Telefon: ${sc.telefon}.` : '';
  return `${capitalise(today)}${phone}`;
}

export function serviceCenterHoursAnswer(tenant: TenantFile, now: Date, asked?: AskedTime): Reply {
  const sc = tenant.servicecenter;
  return {
    text: [
      serviceCenterSentence(tenant, now, asked),
      `Erreichbarkeit ${sc.name}:\n${bulletList(weekLines(sc.oeffnungszeiten))}`,
      HOLIDAY_NOTE,
      'Für die Öffnungszeiten eines bestimmten Amtes nennen Sie es einfach, zum Beispiel „Wann hat die Zulassungsstelle geöffnet?“.',
      sourceLine(tenant.quellen),
    ].join('\n\n'),
  };
}

export function officeContactAnswer(office: Office, tenant: TenantFile): Reply {
  const details = officeDetails(office);
  const parts = [`**${office.name}**`, details.join('\n')];
  parts.push(sourceLine(office.quellen?.length ? office.quellen : tenant.quellen));
  return { text: parts.filter(Boolean).join('\n\n'), suggestions: ['Wann ist geöffnet?'] };
}

/**
 * "das Bürgerbüro der Samtgemeinde Isenbüttel" → "des Bürgerbüros der Samtgemeinde Isenbüttel", "die
 * Zulassungsstelle" → "der Zulassungsstelle" (names without article stay). The genitive ending goes on the head noun.
 */
export function genitiveOf(subject: string): string {
  if (/^die /.test(subject)) return subject.replace(/^die /, 'der ');
  if (/^das /.test(subject)) return subject.replace(/^das (\S+)/, (_, noun: string) => `des ${/[sßxz]$/.test(noun) ? noun : `${noun}s`}`);
  return `von ${subject}`;
}

/** "die Zulassungsstelle" → "der Zulassungsstelle", "das Bürgerbüro" → "dem Bürgerbüro". */
function dativeOf(subject: string): string {
  if (/^die /.test(subject)) return subject.replace(/^die /, 'der ');
  if (/^das /.test(subject)) return subject.replace(/^das /, 'dem ');
  return subject;
}

/** An asked day as said: "heute (Donnerstag)", "morgen (Freitag)", "Samstag" within the week, else "den 24.12.". */
function askedDayName(asked: AskedTime, now: Date): string {
  const day = (offset: number): string => isoDate(berlinParts(new Date(now.getTime() + offset * 86_400_000)).date);
  const weekday = WEEKDAY_NAMES[asked.weekday];
  if (asked.recurring) return weekday;
  if (asked.date === day(0)) return `heute (${weekday})`;
  if (asked.date === day(1)) return `morgen (${weekday})`;
  if (asked.date <= day(6)) return weekday;
  const [, m, d] = asked.date.split('-').map(Number);
  return `den ${d}.${m}.`;
}
