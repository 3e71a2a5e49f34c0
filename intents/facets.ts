/**
 * What exactly a question asks about a service (its facet: "Wie lange dauert das?" → dauer) and the
 * conditions it states ("für meine Tochter, sie ist 15" → age 15; "Gebrauchtwagen" → gebrauchtfahrzeug).
 * Rules over the folded text (ä → ae): facets are a closed set that German expresses in a few recurring
 * constructions, and a rule says why it fired, which the editors' report and the tests can show.
 */
import type { CaseId, FacetId } from '../knowledge/schema';

/**
 * Each facet's cues, as regular expressions over folded text. Word boundaries are spaces there, so `\b`
 * is safe (folding turned every umlaut into ASCII).
 */
const FACET_CUES: Record<FacetId, RegExp> = {
  verlust:
    /\b(verloren|verlier\w*|verlust\w*|gestohlen|geklaut|geklaud|diebstahl|abhanden|verlegt|weg ist|ist weg|sind weg|nicht mehr (auf)?find\w*|nirgends|finde \w+ (\w+ )?nicht)\b/,
  dauer:
    /\b(wie lange dauer\w*|dauer\w*|bearbeitungs(zeit|dauer)\w*|wartezeit\w*|wann (ist|sind|wird|werden|bekomm\w*|krieg\w*|kann ich|hab\w*|hole|kommt)\b.*\b(fertig|da|abhol\w*|zugeschickt|bekomm\w*|krieg\w*|geschickt|bescheid|ausgezahlt|erhalte\w*)|wie viele (wochen|tage)|in wie vielen (wochen|tagen)|wie lang\w* muss ich warten|wie lange wart\w*|bis (er|sie|es|der|die|das) \w* ?fertig)\b/,
  gueltigkeit:
    /\b(gueltig\w*|verlaenger\w*|wie lange gilt|fuer wie lange|wie lange (wird|bekomm\w*|gibt|krieg\w*)|gilt (der|die|das|er|sie|es)\b.*\blange|wie lang\w* (ist|sind) \w+ (\w+ )?gueltig|laeuft \w+ (\w+ )?ab\b|wann laeuft|ablaufdatum|haltbar)/,
  frist:
    /\b(frist\w*|bis wann|fruehestens|ab wann (muss|kann|darf|soll) ich \w+|wann muss ich (\w+ ){0,3}(an|ab|um)?melden|wann muss ich (\w+ ){0,3}beantrag\w*|wie (lange|viel zeit) hab\w*|wie viel zeit|spaetestens|zu spaet|verspaet\w*|bussgeld\w*|wie schnell muss|innerhalb welche\w*|nach dem umzug wie lange|wie lange nach)\b/,
  express:
    /\b(express\w*|eilig\w*|eilt|eilverfahren|schnell\w*|beschleunig\w*|sofort|dringend\w*|kurzfristig\w*|vorlaeufig\w*|notfall\w*|schneller|zuegig)\b/,
  online:
    /\b(online|telefonisch|per telefon|am telefon|internet|digital\w*|von zu ?hause|per (post|mail|e ?mail|brief)|elektronisch\w*|app|ohne vorbeizukommen|persoenlich\w*|vorbei ?komm\w*|vorbei ?geh\w*|erschein\w*|selbst hin\w*|da hin|dahin (muss|gehen)|hingehen|vor ort)\b/,
  termin: /\b(termin\w*|ohne anmeldung|einfach vorbei\w*|spontan|wartemarke|wartenummer)\b/,
  vollmacht:
    /\b(vollmacht\w*|bevollmaecht\w*|vertret\w*|jemand (anders|anderes)|(eine|ein|die) andere person|andere person|fuer mich (abhol\w*|beantrag\w*|erledig\w*|hingeh\w*|mach\w*)|(abholen|beantragen|erledigen|anmelden|abmelden) lassen|(mein|meine) (mann|sohn|vater|bruder|partner|nachbar|kumpel|freund|frau|tochter|mutter|schwester|partnerin|nachbarin|freundin|steuerberater\w*|anwalt|chef) (\w+ ){0,6}(abhol\w*|beantrag\w*|hingeh\w*|erledig\w*|anmeld\w*|abmeld\w*|holen)|fuer mich (\w+ ){0,3}(an|ab)?melden|fuer mich \w+ holen|fuer (ihn|sie|uns|meinen \w+|meine \w+|meinem \w+) (\w+ ){0,2}(beantrag\w*|abhol\w*|anmeld\w*|abmeld\w*|erledig\w*|vornehm\w*)|kann ich (\w+ ){0,3}(seinen|seine|sein|ihren|ihre|ihr) (\w+ ){0,3}(abhol\w*|beantrag\w*)|(selber|selbst) (\w+ ){0,2}(machen|stellen|beantragen|einreichen|unterschreiben|erledigen)|wer (muss|darf|kann|soll) (\w+ ){0,4}(stellen|unterschreiben|einreichen|beantragen))\b/,
  alter:
    /\b(darf (er|sie|man|mein\w* \w+) (\w+ ){0,2}(schon|bereits|ueberhaupt|auch)|(darf|duerfen) (er|sie|man) (\w+ ){0,6}(waehlen|fahren|heiraten|beantragen)|ab welche\w* alter|welche\w* alter|wie alt|(ab|mit) wie viel\w* jahren|ab wann (muss|braucht|darf|kann) (man|ein kind|jede\w*|mein\w* (kind|sohn|tochter))|pflicht\w*|muss (man|ich|jeder) (einen|eine|ein) \w+ (haben|besitzen)|altersgrenze|mindestalter)\b/,
  bezahlung:
    /\b(wie (\w+ ){0,3}(bezahl\w*|zahl\w*|gezahlt|ausgezahlt|ueberwiesen)|bar( zahlen| bezahlen| bezahl\w*| ausgezahlt)?|bargeld\w*|aufs konto|in bar|ec ?karte|girocard|karte (zahlen|bezahlen)|mit karte|kartenzahlung|kreditkarte|ueberweis\w*|wie (kann|muss) ich (das )?(be)?zahlen|zahlungsart\w*|paypal|lastschrift)\b/,
  kind: /\b(kind\w*|baby\w*|saeugling\w*|tochter|sohn|neugeboren\w*|minderjaehrig\w*|enkel\w*|nachwuchs|teenager|jugendlich\w*)\b/,
  ort: /\b(wo (beantrag\w*|bekomm\w*|krieg\w*|melde|kann|muss|mach\w*|find\w*|gibt|ist|hin|erledig\w*|geh\w*|stell\w*|reich\w*|hol\w*|lass\w*|geb\w*|bring\w*|wend\w*|sind|soll\w*|duerf\w*|koenn\w*|muess\w*)|wohin|welche\w* (amt|behoerde|stelle|buergerbuero|rathaus)|bei wem|adresse|anschrift|wer ist zustaendig|zustaendig\w*)\b/,
};

/**
 * Which facet wins when a question has several cues: a loss is urgent and changes everything; asked facts
 * ("wie lange", "online") come before the circumstances a question mentions (a child, someone else).
 */
const FACET_PRIORITY: readonly FacetId[] = [
  'verlust',
  'dauer',
  'frist',
  'gueltigkeit',
  'express',
  'alter',
  'termin',
  'online',
  'vollmacht',
  'bezahlung',
  'kind',
  'ort',
];

/** Every facet the folded text has cues for, most important first. */
export function facetsOf(folded: string): FacetId[] {
  return FACET_PRIORITY.filter((f) => FACET_CUES[f].test(folded));
}

/** Words that make a question about fees explicit ("Was kostet …?"), whatever facet it also has. */
const FEE_CUES =
  /\b(kost\w*|gebuehr\w*|teuer\w*|preis\w*|guenstig\w*|was muss ich (be)?zahlen|wie ?viel muss ich (be)?zahlen|blechen|abdruecken|berappen|loehnen|was nehmen (die|sie|ihr))\b/;
/** Words that make a question about documents explicit ("Was muss ich mitbringen?"). */
const DOCUMENT_CUES =
  /\b(unterlag\w*|dokument\w*|mitbring\w*|mitnehm\w*|nachweis\w*|papiere|vorleg\w*|checklist\w*|passbild\w*|passfoto\w*|lichtbild\w*|biometrisch\w*|was (brauch|benoetig)\w* (ich|wir|man|sie|er)( da| dafuer| alles| noch| denn)*( alles)?$|reicht (der|die|das|mein|meine|ein|eine) (alte\w* |neue\w* )?(perso\w*|ausweis\w*|pass|reisepass|kopie\w*|bescheinigung\w*|urkunde\w*|nachweis\w*|wahlbenachrichtigung\w*|formular\w*|foto\w*))\b/;
/** Opening hours in so many words ("Öffnungszeiten", "zu welchen Zeiten", "wann … offen"), folded text. */
const HOURS_CUES =
  /\b(oeffnungszeit\w*|sprechzeit\w*|sprechstunde\w*|geoeffnet|zu welchen zeiten|wann (hat|haben|ist|sind)\b.{0,40}\b(offen|auf|geoeffnet|erreichbar|besetzt)|^(hat|haben|ist|sind)\b.{0,60}\b(offen|geoeffnet|besetzt)$|open)\b/;
export function asksHours(folded: string): boolean {
  return HOURS_CUES.test(folded);
}
/** How to do it, in so many words ("wie beantrage ich das", "was müssen wir da machen"), folded text. */
const PROCEDURE_CUES =
  /\b(wie (geht|funktioniert|laeuft|beantrag\w*|bekomm\w*|krieg\w*|komm\w* (ich|wir|man) (da )?(dran|ran)|mach\w*|stell\w*|anmelde\w*|abmelde\w*)|was (muss|muessen|soll|sollen) (ich|wir|man) (\w+ ){0,2}(machen|tun|unternehmen))\b/;
export function asksProcedure(folded: string): boolean {
  return PROCEDURE_CUES.test(folded);
}
export function asksFees(folded: string): boolean {
  return FEE_CUES.test(folded);
}
export function asksDocuments(folded: string): boolean {
  return DOCUMENT_CUES.test(folded);
}

/** "Alle Unterlagen", "die ganze Liste", "ausführlich": the whole section rather than the short answer (folded text). */
const FULL_DETAIL =
  /\b(alle (unterlagen|kosten|gebuehren|dokumente|schritte|details|infos|informationen)|ganze\w* liste|komplett\w* liste|vollstaendig\w*|ausfuehrlich\w*|im detail|alle details|checkliste)\b/;
export function wantsFullDetail(folded: string): boolean {
  return FULL_DETAIL.test(folded);
}

/** What a question says about the person or case: an age in years, and the cases of CASE_IDS. */
export interface Conditions {
  age?: number;
  cases: CaseId[];
}

const NUMBER_WORDS: Record<string, number> = {
  null: 0,
  eins: 1,
  ein: 1,
  eine: 1,
  einem: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fuenf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwoelf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fuenfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
  zwanzig: 20,
  einundzwanzig: 21,
  zweiundzwanzig: 22,
  dreiundzwanzig: 23,
  vierundzwanzig: 24,
  fuenfundzwanzig: 25,
  dreissig: 30,
  vierzig: 40,
  fuenfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
};
const NUMBER = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const AGE_PATTERNS: RegExp[] = [
  new RegExp(`\\b${NUMBER} ?(jahre|jahren|jahr|jaehrig\\w*|j)\\b(?! (gueltig|lang|alt\\w* (ist|sind) (der|die|das) (pass|ausweis)))`),
  new RegExp(
    `\\b(?:ist|bin|wird|werde|alter von|alter) ${NUMBER}\\b(?! (euro|uhr|wochen|tage|tagen|monate|prozent|cm|kg|kinder\\w*|personen|hunde\\w*|mal))`,
  ),
];
/** The same patterns for every occurrence (withoutAges), compiled once. */
const AGES_ANYWHERE = AGE_PATTERNS.map((re) => new RegExp(re.source, 'g'));
/** "unter 24", "über 60", "ab 18": an age on one side of a bound. */
const AGE_BOUND = new RegExp(`\\b(unter|ueber|ab) ${NUMBER}\\b(?! (euro|uhr|wochen|tage|tagen|monate|prozent|kg))`);
const BABY = /\b(baby\w*|saeugling\w*|neugeboren\w*)\b/;
const MINOR = /\b(kind|kinder|kindes|tochter|sohn|minderjaehrig\w*|enkel\w*|schueler\w*|teenager|jugendlich\w*)\b/;
const ADULT = /\b(volljaehrig\w*|erwachsen\w*|rentner\w*|senior\w*)\b/;

const CASE_CUES: [CaseId, RegExp][] = [
  ['erstantrag', /\b(zum ersten mal|erstmal\w*|erstantrag\w*|noch nie\w*|noch keinen|noch keine|erste\w* (ausweis|pass|antrag|mal))\b/],
  ['verlust', FACET_CUES.verlust],
  [
    'neufahrzeug',
    /\b(neuwagen\w*|neufahrzeug\w*|fabrikneu\w*|neues (auto|fahrzeug|motorrad)|neuen (wagen|pkw|auto)|vom haendler neu|nagelneu\w*)\b/,
  ],
  ['gebrauchtfahrzeug', /\b(gebraucht\w*|von privat|privat gekauft|vorbesitzer\w*|umschreib\w*|ummeld\w* (auto|fahrzeug))\b/],
  ['express', FACET_CUES.express],
  ['vollmacht', FACET_CUES.vollmacht],
  [
    'namensaenderung',
    /\b(geheiratet|heirat\w*|hochzeit\w*|namensaenderung\w*|neuer name\w*|neuen namen|nachname\w*|ehename\w*|geschieden|scheidung)\b/,
  ],
];

/**
 * The text without the ages it states ("ich bin vierzig", "für meine 22-jährige Schwester"): they decide
 * which fee applies, but say nothing about what is asked, and unknown number words would make the question
 * look out of scope.
 */
export function withoutAges(folded: string): string {
  return AGES_ANYWHERE.reduce((t, re) => t.replace(re, ' '), folded)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The conditions a question states, from its folded text (foldGerman). */
export function conditionsOf(folded: string): Conditions {
  const cases = CASE_CUES.filter(([, re]) => re.test(folded)).map(([id]) => id);
  let age: number | undefined;
  for (const re of AGE_PATTERNS) {
    const m = re.exec(folded);
    if (!m) continue;
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]];
    if (n !== undefined && n <= 120) {
      age = n;
      break;
    }
  }
  // "unter 24", "über 60": an age on the side the question is about.
  const bound = age === undefined ? AGE_BOUND.exec(folded) : null;
  if (bound) {
    const n = /^\d+$/.test(bound[2]) ? Number(bound[2]) : NUMBER_WORDS[bound[2]];
    if (n !== undefined && n > 0 && n <= 120) age = bound[1] === 'unter' ? n - 1 : bound[1] === 'ueber' ? n + 1 : n;
  }
  if (age === undefined && BABY.test(folded)) age = 0;
  if (age !== undefined) cases.push(age < 18 ? 'kind' : 'erwachsen');
  else if (MINOR.test(folded)) cases.push('kind');
  else if (ADULT.test(folded)) cases.push('erwachsen');
  return age === undefined ? { cases } : { age, cases };
}
