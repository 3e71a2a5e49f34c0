/**
 * The long forms about one service for one Kommune (the documents' checklist card, the whole procedure), an
 * office's details and opening hours, and the service center's reachability. The short answers that lead
 * with what was asked are in focusedAnswers.ts. Every answer names its source and the date it was checked. The
 * texts: knowledge/texte/de/leistung.yaml and oeffnungszeiten.yaml.
 */
import type { TenantService } from '../../knowledge/resolve';
import type { DocumentEntry, Office, Source, TenantFile } from '../../knowledge/schema';
import type { TextId } from '../../knowledge/texts/catalog';
import type { Texts } from '../../knowledge/texts/texts';
import { bulletList, capitalise, numberedList, type Reply } from './reply';
import type { AskedTime } from '../../intents/askedTime';
import { askedHoursSentence } from './askedHours';
import { todaySentence, weekLines, weekdayName } from './openingHours';
import { berlinParts, isoDate } from '../../knowledge/calendar/berlinTime';
import {
  dayPlan,
  hoursStatus,
  officeCalendar,
  serviceCenterCalendar,
  type BusinessCalendar,
} from '../../knowledge/calendar/businessCalendar';
import { openingPhrase, reachabilitySentence } from './timePhrases';

export function sourceLine(texts: Texts, quellen: readonly Source[]): string {
  const q = quellen[0];
  return texts.render('leistung.quelle', { titel: q.titel, url: q.url, datum: texts.date(q.geprueft) });
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
  const t = s.tenant.texts;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang: 'de',
    speak: t.render('leistung.checklisteGesprochen', { anzahl: s.unterlagen.length, leistung: s.service.name }),
    body: [
      {
        type: 'TextBlock',
        text: t.render('leistung.checklisteTitel', { leistung: s.service.name }),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      ...s.unterlagen.map((d, i) => ({
        type: 'Input.Toggle',
        id: `unterlage${i + 1}`,
        title: documentLine(d),
        value: 'false',
        wrap: true,
      })),
      { type: 'TextBlock', text: sourceLine(t, s.quellen), isSubtle: true, size: 'Small', wrap: true },
    ],
    actions: [{ type: 'Action.OpenUrl', title: t.render('leistung.quelleOeffnen'), url: s.quellen[0].url }],
  };
}

export function howtoAnswer(s: TenantService): Reply {
  const t = s.tenant.texts;
  const parts = [`**${s.service.name}**: ${s.service.kurz}`, t.render('leistung.ablauf', { schritte: numberedList(s.verfahrensablauf) })];
  if (s.onlineDienst) parts.push(t.render('leistung.online', { name: s.onlineDienst.name, url: s.onlineDienst.url }));
  if (s.service.terminErforderlich) parts.push(t.render('leistung.terminNoetig'));
  if (s.service.bearbeitungsdauer) parts.push(t.render('leistung.bearbeitungsdauer', { dauer: s.service.bearbeitungsdauer }));
  if (s.service.fristen?.length) parts.push(t.render('leistung.fristen', { fristen: bulletList(s.service.fristen) }));
  if (s.hinweise.length > 0) parts.push(t.render('leistung.hinweise', { hinweise: bulletList(s.hinweise.slice(0, 3)) }));
  parts.push(sourceLine(t, s.quellen));
  return {
    text: parts.join('\n\n'),
    suggestions: [
      t.render('schaltflaechen.welcheUnterlagen'),
      t.render('schaltflaechen.wasKostet'),
      t.render('schaltflaechen.werZustaendig'),
    ],
  };
}

/** Contact details of an office, saying honestly which ones the Kommune still has to fill in. */
export function officeDetails(t: Texts, office: Office): string[] {
  const lines: string[] = [];
  if (office.gruppe && office.orte?.length) lines.push(t.render('leistung.orte', { orte: t.list(office.orte) }));
  if (office.adresse) lines.push(t.render('leistung.adresse', office.adresse));
  if (office.telefon) lines.push(t.render('leistung.telefon', { telefon: office.telefon }));
  if (office.email) lines.push(t.render('leistung.email', { email: office.email }));
  if (office.web) lines.push(t.render('leistung.internet', { web: office.web }));
  const missing = (office.platzhalter ?? []).filter((f) => f === 'telefon' || f === 'email' || f === 'adresse');
  if (missing.length > 0) {
    const angaben = t.list(missing.map((m) => t.render(MISSING_FIELD[m])));
    lines.push(t.render(missing.length > 1 ? 'leistung.angabenFehlen' : 'leistung.angabeFehlt', { angaben, web: office.web }));
  }
  if (office.hinweis) lines.push(office.hinweis);
  return lines;
}

/** The names of contact details a Kommune still has to fill in. */
const MISSING_FIELD = {
  telefon: 'leistung.angabeTelefon',
  email: 'leistung.angabeEmail',
  adresse: 'leistung.angabeAdresse',
} as const satisfies Record<string, TextId>;

/**
 * For a day or time the citizen asked about (with that day's holidays and closures); undefined when nothing
 * was asked, or today as a whole, which the "open now, open next" sentences answer better.
 */
function askedSentence(
  t: Texts,
  subject: string,
  cal: BusinessCalendar | undefined,
  now: Date,
  asked: AskedTime | undefined,
): string | undefined {
  const today = isoDate(berlinParts(now).date);
  // Today as a whole is answered by the live status ("heute bis 18 Uhr"); a weekday every week is not.
  if (!cal || !asked || (asked.date === today && asked.from === undefined && !asked.recurring)) return undefined;
  const [y, m, d] = asked.date.split('-').map(Number);
  return askedHoursSentence(t, subject, dayPlan(cal, { y, m, d }), asked, today);
}

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
  const wann = status.next ? openingPhrase(tenant.texts, status.next) : undefined;
  return capitalise(
    status.today
      ? tenant.texts.render('oeffnungszeiten.heuteGeschlossen', { amt: subject, anlass: status.today.name, wann })
      : tenant.texts.render('oeffnungszeiten.heuteNichtMehr', { amt: subject, wann }),
  );
}

export function officeHoursAnswer(office: Office, tenant: TenantFile, now: Date, asked?: AskedTime): Reply {
  const t = tenant.texts;
  const subject = officeSubject(office);
  if (!office.oeffnungszeiten) {
    // What is known for the asked day still answers it: the office's hours are missing, the service
    // center's are not, and it can connect the caller in its hours.
    const tag = asked ? askedDayName(t, asked, now) : undefined;
    const amtGenitiv = genitiveOf(subject);
    const missing = t.render('oeffnungszeiten.fehlen', { amtGenitiv, tag, web: office.web });
    const center = serviceCenterParts(tenant, now, asked);
    const connect = t.render('oeffnungszeiten.servicecenterVerbindet', { amtDativ: dativeOf(subject) });
    return {
      text: `${missing}\n\n${center.sentence}${center.phone} ${connect}`,
      speak: `${t.render('oeffnungszeiten.fehlenGesprochen', { amtGenitiv, tag })} ${center.sentence} ${connect}`,
      suggestions: [t.render('schaltflaechen.werZustaendig')],
    };
  }
  const parts = [
    askedSentence(t, subject, officeCalendar(tenant, office), now, asked) ??
      holidaySentence(subject, office, tenant, now) ??
      todaySentence(t, subject, office.oeffnungszeiten, berlinParts(now)),
    t.render('oeffnungszeiten.liste', { amt: office.name, zeiten: bulletList(weekLines(t, office.oeffnungszeiten)) }),
  ];
  if (office.terminErforderlich) parts.push(t.render('oeffnungszeiten.terminVorher'));
  parts.push(t.render('oeffnungszeiten.feiertageGeschlossen'));
  parts.push(sourceLine(t, office.quellen?.length ? office.quellen : tenant.quellen));
  return { text: parts.join('\n\n') };
}

/** When the service center is reachable (with public holidays and closures), and its phone as a sentence of its own. */
function serviceCenterParts(tenant: TenantFile, now: Date, asked?: AskedTime): { sentence: string; phone: string } {
  const t = tenant.texts;
  const sc = tenant.servicecenter;
  const cal = serviceCenterCalendar(tenant);
  const subject = t.render('oeffnungszeiten.servicecenter', { name: sc.name });
  const today = askedSentence(t, subject, cal, now, asked) ?? reachabilitySentence(t, subject, cal, now);
  return {
    sentence: capitalise(today),
    phone: sc.telefon ? ` ${t.render('oeffnungszeiten.servicecenterTelefon', { telefon: sc.telefon })}` : '',
  };
}

/** When the service center is reachable, with public holidays and closures (knowledge/calendar/businessCalendar.ts), and its phone. */
export function serviceCenterSentence(tenant: TenantFile, now: Date, asked?: AskedTime): string {
  const { sentence, phone } = serviceCenterParts(tenant, now, asked);
  return `${sentence}${phone}`;
}

export function serviceCenterHoursAnswer(tenant: TenantFile, now: Date, asked?: AskedTime): Reply {
  const t = tenant.texts;
  const sc = tenant.servicecenter;
  return {
    text: [
      serviceCenterSentence(tenant, now, asked),
      t.render('oeffnungszeiten.erreichbarkeit', { name: sc.name, zeiten: bulletList(weekLines(t, sc.oeffnungszeiten)) }),
      t.render('oeffnungszeiten.feiertageGeschlossen'),
      t.render('oeffnungszeiten.anderesAmt'),
      sourceLine(t, tenant.quellen),
    ].join('\n\n'),
  };
}

export function officeContactAnswer(office: Office, tenant: TenantFile): Reply {
  const t = tenant.texts;
  const details = officeDetails(t, office);
  const parts = [`**${office.name}**`, details.join('\n')];
  parts.push(sourceLine(t, office.quellen?.length ? office.quellen : tenant.quellen));
  return { text: parts.filter(Boolean).join('\n\n'), suggestions: [t.render('schaltflaechen.wannGeoeffnet')] };
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
function askedDayName(t: Texts, asked: AskedTime, now: Date): string {
  const day = (offset: number): string => isoDate(berlinParts(new Date(now.getTime() + offset * 86_400_000)).date);
  const wochentag = weekdayName(t, asked.weekday);
  if (asked.recurring) return wochentag;
  if (asked.date === day(0)) return t.render('oeffnungszeiten.tagHeute', { wochentag });
  if (asked.date === day(1)) return t.render('oeffnungszeiten.tagMorgen', { wochentag });
  if (asked.date <= day(6)) return wochentag;
  const [, m, d] = asked.date.split('-').map(Number);
  return t.render('oeffnungszeiten.tagDatum', { tag: d, monat: m });
}
