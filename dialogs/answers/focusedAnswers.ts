/**
 * Answers that answer the question asked: one facet of a service ("Wie lange dauert das?"), a situation
 * ("Mein Pass ist weg"), the fee or documents that apply to the person asked about ("für meine
 * 15-jährige Tochter"), and the office of the citizen's own Gemeinde. Each leads with the fact in one or two
 * sentences, adds the single most useful next step, and offers the whole section as a button. The spoken
 * form (`speak`) says the fact in its first sentence and stays within one breath. The texts:
 * knowledge/texte/de/kurzantwort.yaml, facetten.yaml and faelle.yaml.
 */
import type { LocalizedService } from '../../knowledge/translations';
import type { TenantService } from '../../knowledge/resolve';
import type { CaseId, DocumentEntry, FacetId, FeeEntry, Office, Situation, Source } from '../../knowledge/schema';
import type { Conditions } from '../../intents/facets';
import { FILLER_WORDS, foldGerman, stem } from '../../intents/normalize';
import { bulletList, capitalise, countWordFeminine, type Reply } from './reply';
import { documentLine, documentsChecklistCard, flatAside } from './serviceAnswers';
import { withoutParentheses } from '../voice';
import type { TextId } from '../../knowledge/texts/catalog';
import type { Texts } from '../../knowledge/texts/texts';

/** The buttons after a short answer: the other sections of the same service. */
export function more(t: Texts): { documents: string; fees: string; howto: string; contact: string } {
  return {
    documents: t.render('schaltflaechen.alleUnterlagen'),
    fees: t.render('schaltflaechen.kosten'),
    howto: t.render('schaltflaechen.ablauf'),
    contact: t.render('schaltflaechen.werZustaendig'),
  };
}

/** One short source line: the first source as a link with its check date. */
export function shortSource(t: Texts, quellen: readonly Source[]): string {
  const q = quellen[0];
  return t.render('kurzantwort.quelle', { titel: q.titel, url: q.url, datum: t.date(q.geprueft) });
}

/** The office as a voice names it: its full name without asides ("Wohngeldstelle beim Landkreis Gifhorn"). */
export function spokenOffice(s: TenantService): string {
  if (s.verwaltung && s.office === s.groupOffice)
    return s.tenant.texts.render('kurzantwort.dieVerwaltung', { verwaltung: s.verwaltung.name });
  return withoutParentheses(s.office.name);
}

/** The office with its phone, when on file: "Bürgerbüro, Telefon 05361 28-0". */
function withPhone(s: TenantService, amt: string): string {
  return s.tenant.texts.render('kurzantwort.amtMitTelefon', { amt, telefon: s.office.telefon });
}

/** The service as a heading: "Reisepass" rather than "Reisepass beantragen". */
export function subject(s: TenantService): string {
  return capitalise(s.service.kurzname ?? s.service.name);
}

/** The kind of office a group stands for: "Bürgerbüro Ihrer Gemeinde …" → Bürgerbüro, "Standesamt …" → Standesamt. */
function officeKind(office: Office): string {
  return office.name.split(' ')[0];
}

/** The office named in a line of its own: its full name, or the Verwaltung when only that is known. */
function officeLine(s: TenantService): string {
  if (s.verwaltung && s.office === s.groupOffice) return `${s.verwaltung.name} (${officeKind(s.office)})`;
  return s.office.name;
}

/** The single most useful next step after a short answer: the online service, or where to go. */
export function nextStep(s: TenantService, facet?: FacetId): string {
  const t = s.tenant.texts;
  if (facet !== 'online' && facet !== 'verlust' && s.onlineDienst)
    return t.render('kurzantwort.online', { name: s.onlineDienst.name, url: s.onlineDienst.url });
  const appointment = s.service.terminErforderlich || s.office.terminErforderlich;
  const amt = withPhone(s, officeLine(s));
  return appointment ? t.render('kurzantwort.terminBei', { amt }) : t.render('kurzantwort.zustaendig', { amt });
}

/** The situation whose keywords the question uses (the facet's own first), or undefined. */
export function situationFor(s: TenantService, text: string, facet: FacetId | null): Situation | undefined {
  // A translated service's keywords are in its language: folded keeping every script (German folding keeps a–z only).
  const fold = (s.service as LocalizedService).translation ? foldAnyScript : foldGerman;
  const words = fold(text).split(' ');
  const uses = (keyword: string): boolean => {
    const k = fold(keyword);
    if (!k) return false;
    if (k.includes(' ')) return ` ${words.join(' ')} `.includes(` ${k} `) || words.join(' ').includes(k);
    return words.some((w) => w === k || (k.length >= 5 && w.startsWith(k)));
  };
  // In the editors' order: a service's file lists its more specific situations first.
  const matching = s.situationen.filter((sit) => sit.stichworte.some(uses));
  // Without a keyword, a situation written for the facet asked still answers it ("Darf sie mit 16 …?").
  const forFacet =
    facet !== null && facet !== 'ort' && !s.kurzantworten[facet] ? s.situationen.find((sit) => sit.facette === facet) : undefined;
  // A question that asks a facet is answered by it; only a question without one is compared with the situations'.
  return (
    matching.find((sit) => facet !== null && sit.facette === facet) ??
    forFacet ??
    matching[0] ??
    (facet === null ? likeQuestion(s, words) : undefined)
  );
}

/** Lowercase letters and digits of any script, diacritics and the dotless i folded ("kimliğimi" = "kimligimi"). */
function foldAnyScript(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064B-\u065F\u0670]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words that say nothing about which situation is meant. */
const QUESTION_STEMS = new Set([
  'kann',
  'muss',
  'brauch',
  'mocht',
  'wann',
  'welch',
  'wied',
  'etwa',
  'bitt',
  'dann',
  'noch',
  'schon',
  'eigentlich',
]);

/**
 * Without a keyword: the situation whose own question ("frage") and keywords share at least two content words
 * with the citizen's question, beyond the service's name ("Wer muss den Bauantrag unterschreiben?" ~ "Muss ein
 * Architekt den Bauantrag unterschreiben?"). The editors' question is the best description of what it answers.
 */
function likeQuestion(s: TenantService, words: readonly string[]): Situation | undefined {
  const own = new Set(
    foldGerman(`${s.service.name} ${subject(s)} ${s.service.synonyme.join(' ')}`)
      .split(' ')
      .map(stem),
  );
  const content = (ws: readonly string[]): Set<string> =>
    new Set(
      ws
        .filter((w) => w.length >= 4 && !FILLER_WORDS.has(w))
        .map(stem)
        .filter((st) => !own.has(st) && !QUESTION_STEMS.has(st)),
    );
  const asked = content(words);
  let best: { sit: Situation; shared: number } | undefined;
  for (const sit of s.situationen) {
    const described = content(foldGerman(`${sit.frage} ${sit.stichworte.join(' ')}`).split(' '));
    // A word also counts as the last part of a compound there ("Grenze" ~ "Einkommensgrenze").
    const shared = [...asked].filter((st) => described.has(st) || (st.length >= 5 && [...described].some((d) => d.endsWith(st)))).length;
    if (shared >= 2 && (!best || shared > best.shared)) best = { sit, shared };
  }
  return best?.sit;
}

export function situationAnswer(s: TenantService, situation: Situation): Reply {
  const t = s.tenant.texts;
  const m = more(t);
  return {
    text: [situation.text.trim(), nextStep(s, situation.facette), shortSource(t, [situation.quelle])].join('\n\n'),
    speak: situation.gesprochen,
    suggestions: [m.documents, m.fees, m.howto],
  };
}

/**
 * The short answer to one facet: the editors' own (kurzantworten), or one derived from the fields
 * (Bearbeitungsdauer, Termin, Online-Dienst, Fristen, the fees of the express case). Undefined when the
 * knowledge has nothing to say about it: the caller then answers the whole section.
 */
export function facetAnswer(s: TenantService, facet: FacetId): Reply | undefined {
  const t = s.tenant.texts;
  const m = more(t);
  const own = s.kurzantworten[facet];
  if (own) {
    return {
      text: [own.text.trim(), nextStep(s, facet), shortSource(t, own.quelle ? [own.quelle] : s.quellen)].join('\n\n'),
      speak: own.gesprochen,
      suggestions: [m.documents, m.fees, m.howto],
    };
  }
  const derived = derivedFacet(s, facet);
  if (!derived) return undefined;
  return {
    text: [derived.text, nextStep(s, facet), shortSource(t, s.quellen)].join('\n\n'),
    speak: derived.speak,
    suggestions: [m.documents, m.fees, m.howto],
  };
}

function derivedFacet(s: TenantService, facet: FacetId): { text: string; speak: string } | undefined {
  const t = s.tenant.texts;
  const leistung = s.service.name;
  switch (facet) {
    case 'dauer': {
      const dauer = s.service.bearbeitungsdauer;
      if (!dauer) return undefined;
      return { text: t.render('kurzantwort.dauer', { leistung, dauer }), speak: t.render('kurzantwort.dauerGesprochen', { dauer }) };
    }
    case 'termin': {
      const needed = s.service.terminErforderlich ?? s.office.terminErforderlich;
      if (needed === undefined) return undefined;
      return needed
        ? { text: t.render('kurzantwort.terminJa', { leistung }), speak: t.render('kurzantwort.terminJaGesprochen') }
        : { text: t.render('kurzantwort.terminNein', { leistung }), speak: t.render('kurzantwort.terminNeinGesprochen') };
    }
    case 'online':
      if (!s.onlineDienst) return undefined;
      return {
        text: t.render('kurzantwort.onlineJa', { leistung, name: s.onlineDienst.name, url: s.onlineDienst.url }),
        speak: t.render('kurzantwort.onlineJaGesprochen', { name: s.onlineDienst.name }),
      };
    case 'frist':
      if (!s.service.fristen?.length) return undefined;
      return { text: `**${leistung}**: ${s.service.fristen[0]}`, speak: s.service.fristen[0] };
    case 'express': {
      const fees = s.kosten.filter((k) => k.faelle?.includes('express'));
      if (fees.length === 0) return undefined;
      return {
        text: t.render('kurzantwort.schneller', { leistung, gebuehren: bulletList(fees.map((k) => feeLine(t, k))) }),
        speak: fees.map((k) => spokenFee(t, k)).join('; '),
      };
    }
    default:
      return undefined;
  }
}

/**
 * A facet the knowledge says nothing about: said honestly, with the office that knows, rather than a
 * section that does not answer it. How the facet is asked about: knowledge/texte/de/facetten.yaml.
 */
export function unknownFacetAnswer(s: TenantService, facet: FacetId): Reply {
  const t = s.tenant.texts;
  const m = more(t);
  const frage = t.render(`facetten.${facet}` as const);
  return {
    text: [
      t.render('kurzantwort.unbekannt', { frage, leistung: subject(s), amt: withPhone(s, officeLine(s)) }),
      shortSource(t, s.quellen),
    ].join('\n\n'),
    speak: t.render('kurzantwort.unbekanntGesprochen', { frage, leistung: subject(s), amt: spokenOffice(s) }),
    suggestions: [m.howto, m.documents, m.fees],
  };
}

/** Does an entry's condition hold for what the question says? Unstated conditions count as unknown (undefined). */
function applies(entry: DocumentEntry | FeeEntry, c: Conditions): boolean | undefined {
  let known = false;
  if (entry.alterAb !== undefined || entry.alterUnter !== undefined) {
    if (c.age === undefined) {
      // "für mein Kind" without an age: minors' entries apply, adults' do not.
      if (c.cases.includes('kind') && entry.alterUnter !== undefined && entry.alterUnter <= 18) return true;
      if (c.cases.includes('kind') && entry.alterAb !== undefined && entry.alterAb >= 18) return false;
      if (c.cases.includes('erwachsen') && entry.alterUnter !== undefined && entry.alterUnter <= 18) return false;
      return undefined;
    }
    if (entry.alterAb !== undefined && c.age < entry.alterAb) return false;
    if (entry.alterUnter !== undefined && c.age >= entry.alterUnter) return false;
    known = true;
  }
  if (entry.faelle) {
    if (!entry.faelle.some((f) => c.cases.includes(f))) return known ? undefined : false;
    return true;
  }
  return known ? true : undefined;
}

const hasCondition = (e: DocumentEntry | FeeEntry): boolean =>
  e.alterAb !== undefined || e.alterUnter !== undefined || e.faelle !== undefined;

/**
 * A document shown without being asked for: everything without an age or a case. One with only a condition
 * in words ("wenn Sie nicht selbst Eigentümer sind") may well apply, so it is shown too.
 */
const isAlways = (d: DocumentEntry): boolean => !hasCondition(d);

/** "Reisepass für Personen unter 24 Jahren: **37,50 €**" */
function feeLine(t: Texts, k: FeeEntry): string {
  return feeText(t, k, (amount) => `**${amount}**`);
}

/** A fee as one line; `strong` marks the amount (Markdown in the chat, nothing in the agents' plain-text snippets). */
export function feeText(t: Texts, k: FeeEntry, strong: (amount: string) => string): string {
  const amount = k.betrag !== undefined ? strong(t.euro(k.betrag)) : '';
  const detail = [amount, k.betragText].filter(Boolean).join(', ');
  const condition = k.bedingung && !foldGerman(k.text).includes(foldGerman(k.bedingung)) ? ` (${flatAside(k.bedingung)})` : '';
  return `${k.text}${condition}: ${detail}`;
}

/** "unter 24 Jahren 37,50 €", "Antrag und Bearbeitung kostenlos": what a fee is for, and its amount. */
function spokenFee(t: Texts, k: FeeEntry): string {
  const amount = k.betrag !== undefined ? t.euro(k.betrag) : (k.betragText ?? '').split(/[;:]/)[0];
  const what = k.bedingung ?? withoutParentheses(k.text).split(/[,:;]/)[0];
  return withoutParentheses(`${what ? `${what} ` : ''}${amount}`).trim();
}

/**
 * The entries a question names by one of their own words ("Was kostet eine Niederlassungserlaubnis?",
 * "… der Expresspass?"): words of six letters or more that begin alike. Empty when none is named.
 */
function namedEntries<T extends { text: string }>(entries: readonly T[], question: string, serviceWords: ReadonlySet<string>): T[] {
  const words = foldGerman(question)
    .split(' ')
    .filter((w) => w.length >= 6 && !serviceWords.has(w) && !GENERIC_FEE_WORDS.has(w));
  if (words.length === 0) return [];
  const sameStart = (a: string, b: string): boolean =>
    a.slice(0, 6) === b.slice(0, 6) && (a.startsWith(b.slice(0, Math.min(a.length, b.length) - 2)) || a.length <= 7 || b.length <= 7);
  return entries.filter((e) =>
    foldGerman(e.text)
      .split(' ')
      .some((t) => t.length >= 6 && words.some((w) => sameStart(w, t))),
  );
}
/**
 * The service's name words and its short names that are part of its own ("Ausweis", "Perso" of
 * "Personalausweis"): naming the service names none of its fees. Other names may name one ("Express-Reisepass",
 * "Niederlassungserlaubnis" of the Aufenthaltstitel).
 */
function serviceWordsOf(s: TenantService): Set<string> {
  const own = foldGerman(`${s.service.name} ${subject(s)}`).split(' ');
  const partOfOwn = s.service.synonyme
    .map((n) => foldGerman(n))
    .filter((n) => !n.includes(' ') && own.some((w) => w !== n && (w.endsWith(n) || w.startsWith(n))));
  return new Set([...own, ...partOfOwn]);
}

/** Words of fee questions that name no fee ("kostet", "Gebühren"). */
const GENERIC_FEE_WORDS = new Set([
  'kostet',
  'kosten',
  'gebuehr',
  'gebuehren',
  'bezahlen',
  'zahlen',
  'eigentlich',
  'ungefaehr',
  'beantragen',
  'brauche',
  'brauchen',
]);

/** An optional extra ("auf Wunsch"): shown with its case or on request, never as the price of the service. */
const isExtra = (k: FeeEntry): boolean => /^auf wunsch/i.test(k.bedingung ?? '');

/** How a case is said back (knowledge/texte/de/faelle.yaml); "kind" and "erwachsen" are said by the age. */
const CASE_TEXT = {
  erstantrag: 'faelle.erstantrag',
  verlust: 'faelle.verlust',
  neufahrzeug: 'faelle.neufahrzeug',
  gebrauchtfahrzeug: 'faelle.gebrauchtfahrzeug',
  express: 'faelle.express',
  vollmacht: 'faelle.vollmacht',
  namensaenderung: 'faelle.namensaenderung',
} as const satisfies Partial<Record<CaseId, TextId>>;
type CaseTextId = (typeof CASE_TEXT)[keyof typeof CASE_TEXT];

/** "für Ihre Angaben (15 Jahre, Verlust)" */
function describeConditions(t: Texts, c: Conditions): string {
  const parts: string[] = [];
  if (c.age !== undefined) parts.push(c.age === 0 ? t.render('faelle.baby') : t.render('faelle.alter', { jahre: c.age }));
  for (const k of c.cases) {
    const id = (CASE_TEXT as Partial<Record<CaseId, CaseTextId>>)[k];
    if (id) parts.push(t.render(id));
  }
  if (c.age === undefined && c.cases.includes('kind')) parts.push(t.render('faelle.kind'));
  return parts.join(', ');
}

function stated(c: Conditions): boolean {
  return c.age !== undefined || c.cases.length > 0;
}

/**
 * What a service costs, short: the fees that apply to the person or case asked about; without any, the
 * main fees (those that depend on age only, or on nothing), and the rest one button away.
 */
export function shortFeesAnswer(s: TenantService, c: Conditions, question = ''): Reply {
  const t = s.tenant.texts;
  const m = more(t);
  const name = subject(s);
  // The fee the question names itself comes first; then those of the person or case it describes.
  const named = namedEntries(s.kosten, question, serviceWordsOf(s));
  const byCondition = s.kosten.filter((k) => applies(k, c) === true && (!isExtra(k) || k.faelle !== undefined));
  // A named surcharge comes with the person's own fee ("… im Express, ich bin 30": 70 € and 32 €).
  const ageFees = byCondition.filter((k) => k.alterAb !== undefined || k.alterUnter !== undefined);
  const matching =
    named.length > 0 && named.length < s.kosten.length
      ? [...ageFees.filter((k) => !named.includes(k)), ...named.filter((k) => applies(k, c) !== false)]
      : byCondition;
  const main = s.kosten.filter(
    (k) => !k.faelle && !isExtra(k) && (!k.bedingung || k.alterAb !== undefined || k.alterUnter !== undefined) && applies(k, c) !== false,
  );
  const specific = (stated(c) || named.length > 0) && matching.length > 0;
  const shown = specific ? matching : main.length > 0 ? main : s.kosten.slice(0, 3);
  const lead =
    specific && stated(c)
      ? t.render('kurzantwort.kostenImFall', { leistung: name, angaben: describeConditions(t, c) })
      : t.render('kurzantwort.kosten', { leistung: name });
  const parts = [shown.length === 1 ? `${lead} ${feeLine(t, shown[0])}` : `${lead}\n${bulletList(shown.map((k) => feeLine(t, k)))}`];
  // A base fee with surcharges for the case asked about (a passport under 24 as an express passport): the sum.
  const surcharges = shown.filter((k) => /^zuschlag/i.test(k.text) && k.betrag !== undefined);
  const bases = shown.filter(
    (k) => !surcharges.includes(k) && k.betrag !== undefined && (k.alterAb !== undefined || k.alterUnter !== undefined),
  );
  const total =
    surcharges.length > 0 && bases.length === 1 ? [...bases, ...surcharges].reduce((n, k) => n + (k.betrag ?? 0), 0) : undefined;
  if (total !== undefined) parts.push(t.render('kurzantwort.zusammen', { betrag: t.euro(total) }));
  // One or two other fees are shown with their case ("wenn Sie den Sperrmüll selbst hinbringen"); more are one tap away.
  const others = s.kosten.filter((k) => !shown.includes(k));
  const allFees = t.render('schaltflaechen.alleKosten');
  if (others.length > 0 && others.length <= 2)
    parts.push(t.render('kurzantwort.ausserdem', { gebuehren: bulletList(others.map((k) => feeLine(t, k))) }));
  else if (others.length > 2) parts.push(t.render('kurzantwort.weitereGebuehren', { anzahl: others.length, schaltflaeche: allFees }));
  parts.push(shortSource(t, s.quellen));
  const speak =
    total !== undefined
      ? t.render('kurzantwort.zusammenGesprochen', { leistung: name, betrag: t.euro(total) })
      : `${name}: ${t.list(shown.slice(0, 3).map((k) => spokenFee(t, k)))}.`;
  return {
    text: parts.join('\n\n'),
    speak,
    suggestions: others.length > 2 ? [allFees, m.documents, m.howto] : [m.documents, m.howto],
  };
}

/** Every fee, with its conditions (on request: "Alle Kosten"). */
export function allFeesAnswer(s: TenantService): Reply {
  const t = s.tenant.texts;
  const m = more(t);
  const speak = `${subject(s)}: ${s.kosten.map((k) => spokenFee(s.tenant.texts, { ...k, bedingung: undefined })).join('; ')}.`;
  return {
    text: [
      t.render('kurzantwort.alleKosten', { leistung: subject(s), gebuehren: bulletList(s.kosten.map((k) => feeLine(t, k))) }),
      shortSource(t, s.quellen),
    ].join('\n\n'),
    speak,
    suggestions: [m.documents, m.howto],
  };
}

/** A document's name for the ear: its first clause, without asides. */
function spokenDocument(d: DocumentEntry): string {
  return inSentence(d.text.split(/[:;(]|, (?:vom|über|oder am|etwa)/)[0].trim());
}

/**
 * A list item as part of a sentence: an adjective that opened the item is written small there ("vor allem
 * bisherige Kennzeichenschilder"); nouns keep their capital. An inflected word before a noun is the adjective.
 */
function inSentence(item: string): string {
  return /^\p{Lu}\p{Ll}+(?:e|er|es|en|em) \p{Lu}/u.test(item) ? item[0].toLowerCase() + item.slice(1) : item;
}

/**
 * Cases that exclude each other and decide the documents: when a service's list depends on one and the question
 * does not say which, one short question with buttons beats printing every case.
 */
const DECIDING_CASES: readonly {
  cases: readonly [CaseId, CaseId];
  question: 'kurzantwort.frageFahrzeug';
  buttons: readonly ['schaltflaechen.neuesFahrzeug', 'schaltflaechen.gebrauchtesFahrzeug'];
}[] = [
  {
    cases: ['neufahrzeug', 'gebrauchtfahrzeug'],
    question: 'kurzantwort.frageFahrzeug',
    buttons: ['schaltflaechen.neuesFahrzeug', 'schaltflaechen.gebrauchtesFahrzeug'],
  },
];

/**
 * The documents, short: those everyone brings, plus those of the cases the question states; the other
 * cases' documents are named by their condition and one button away. Spoken: the count, the first ones, and
 * the offer to read all of them. Where one case decides the list and is not stated, it asks for it.
 */
export function shortDocumentsAnswer(s: TenantService, c: Conditions): { reply: Reply; offersAll: boolean } {
  const t = s.tenant.texts;
  const m = more(t);
  const name = subject(s);
  const always = s.unterlagen.filter(isAlways);
  const decide = DECIDING_CASES.find(
    (d) => d.cases.every((k) => s.unterlagen.some((u) => u.faelle?.includes(k))) && !d.cases.some((k) => c.cases.includes(k)),
  );
  if (decide) {
    const frage = t.render(decide.question);
    return {
      reply: {
        text: [
          t.render('kurzantwort.unterlagenJedenfalls', { leistung: name, unterlagen: bulletList(always.map(documentLine)) }),
          frage,
          shortSource(t, s.quellen),
        ].join('\n\n'),
        speak: t.render('kurzantwort.unterlagenJedenfallsGesprochen', {
          leistung: name,
          unterlagen: t.list(always.slice(0, 2).map(spokenDocument)),
          frage,
        }),
        suggestions: [...decide.buttons.map((b) => t.render(b)), m.documents],
        expectsAnswer: true,
      },
      offersAll: false,
    };
  }
  const forCase = s.unterlagen.filter((d) => hasCondition(d) && applies(d, c) === true);
  const list = [...always, ...forCase];
  const others = s.unterlagen.filter((d) => !list.includes(d));
  const lead =
    stated(c) && forCase.length > 0
      ? t.render('kurzantwort.unterlagenImFall', { leistung: name, angaben: describeConditions(t, c) })
      : t.render('kurzantwort.unterlagen', { leistung: name });
  const parts = [`${lead}\n${bulletList(list.map(documentLine))}`];
  const cases = [...new Set(others.map((d) => d.bedingung).filter((b): b is string => b !== undefined))].slice(0, 3);
  if (others.length > 0) parts.push(t.render('kurzantwort.mehrJeNachFall', { faelle: t.list(cases, 'oder') }));
  parts.push(shortSource(t, s.quellen));
  // Said first: what the stated case needs most, then what everyone brings in the editors' order (their weight);
  // four short names or three long ones.
  const first = [...forCase.slice(0, 1), ...always, ...forCase.slice(1)].slice(0, 4).map(spokenDocument);
  while (first.length > 3 && first.join(' ').split(' ').length > 16) first.pop();
  const offersAll = list.length > 2 || others.length > 0;
  const anzahl =
    list.length === 1
      ? t.render('kurzantwort.eineUnterlage')
      : t.render('kurzantwort.unterlagenAnzahl', { anzahl: countWordFeminine(list.length) });
  // Everything of this case said, the other cases' documents can still be read out.
  const offer = !offersAll
    ? ''
    : first.length < list.length
      ? ` ${t.render('kurzantwort.alleVorlesen')}`
      : ` ${t.render('kurzantwort.mehrJeNachFall', { faelle: '' })} ${t.render('kurzantwort.alleVorlesen')}`;
  const said = { leistung: name, anzahl, unterlagen: t.list(first) };
  const speak = `${t.render(list.length > 3 ? 'kurzantwort.unterlagenVorAllemGesprochen' : 'kurzantwort.unterlagenGesprochen', said)}${offer}`;
  const rest = others.length;
  return {
    reply: {
      text: parts.join('\n\n'),
      speak,
      expectsAnswer: offersAll,
      suggestions: [m.documents, m.fees, m.howto].filter((b) => rest > 0 || b !== m.documents),
    },
    offersAll,
  };
}

/**
 * Every document with its condition, once: as a checklist card to tick off (with the source), the text only
 * introducing it; read out in full by voice.
 */
export function allDocumentsAnswer(s: TenantService): Reply {
  const t = s.tenant.texts;
  const m = more(t);
  return {
    text: t.render('kurzantwort.alleUnterlagen', { leistung: subject(s) }),
    card: documentsChecklistCard(s),
    speak: `${subject(s)}: ${s.unterlagen.map((d) => withoutParentheses(`${spokenDocument(d)}${d.bedingung ? `, ${d.bedingung}` : ''}`)).join('; ')}.`,
    suggestions: [m.fees, m.howto],
  };
}

/** The procedure, short: what it is, the steps, the next step; the details (deadlines, notes) on request. */
export function shortHowtoAnswer(s: TenantService): Reply {
  const t = s.tenant.texts;
  const m = more(t);
  const steps = s.verfahrensablauf.map((step, i) => `${i + 1}. ${step}`).join('\n');
  const parts = [
    `**${s.service.name}**: ${s.service.kurz.trim()}`,
    t.render('leistung.ablauf', { schritte: steps }),
    nextStep(s),
    shortSource(t, s.quellen),
  ];
  // By voice: what it is, and who does it (the steps are on the screen, or one question away).
  const speak = `${s.service.gesprochen ?? s.service.kurz} ${t.render('kurzantwort.gesprochenZustaendig', { amt: spokenOffice(s) })}`;
  return { text: parts.join('\n\n'), speak, suggestions: [m.documents, m.fees, t.render('schaltflaechen.wieLange')] };
}

/**
 * Who is responsible, for the citizen's own place: the concrete office of their Gemeinde with address,
 * phone and hours; the Verwaltung's name when its office is not on file yet; or, for a group of offices
 * with no place known, the rule and one question for the place.
 */
export function responsibleAnswer(s: TenantService, placeName: string | undefined, officeLines: (office: Office) => string[]): Reply {
  const t = s.tenant.texts;
  const m = more(t);
  const leistung = subject(s);
  if (s.office.gruppe && !s.verwaltung) {
    const amt = s.office.kurzname ?? s.office.name;
    // Asked once when a Gemeinde-level service needs the citizen's place and it is not known yet.
    const frage = t.render('kurzantwort.wohnortFrage');
    return {
      text: [
        s.tenant.art === 'Landkreis'
          ? t.render('kurzantwort.zustaendigGruppeImLandkreis', { leistung, kommune: s.tenant.name, amt })
          : t.render('kurzantwort.zustaendigGruppe', { leistung, amt }),
        frage,
      ].join('\n\n'),
      speak: t.render('kurzantwort.zustaendigGruppeGesprochen', { amt, frage }),
      expectsAnswer: true,
    };
  }
  const ort = placeName;
  if (s.verwaltung && s.office === s.groupOffice) {
    const art = officeKind(s.office);
    const verwaltung = s.verwaltung.name;
    return {
      text: [
        t.render('kurzantwort.zustaendigVerwaltung', { leistung, ort, verwaltung, art, sitz: s.verwaltung.sitz }),
        t.render('kurzantwort.verwaltungAngabenFehlen', { art: s.verwaltung.art }),
        shortSource(t, s.quellen),
      ].join('\n\n'),
      speak:
        art === 'Bürgerbüro'
          ? t.render('kurzantwort.zustaendigBuergerbueroGesprochen', { ort, verwaltung })
          : t.render('kurzantwort.zustaendigAmtDerVerwaltungGesprochen', { ort, art, verwaltung }),
      suggestions: [m.documents, m.fees],
    };
  }
  const sources = [...(s.office.quellen ?? []), ...s.quellen];
  return {
    text: [
      t.render('kurzantwort.zustaendigAmt', { leistung, ort, amt: s.office.name }),
      officeLines(s.office).join('  \n'),
      shortSource(t, sources),
    ]
      .filter(Boolean)
      .join('\n\n'),
    speak: t.render('kurzantwort.zustaendigAmtGesprochen', {
      ort,
      amt: spokenOffice(s),
      strasse: s.office.adresse?.strasse,
      amtOrt: s.office.adresse?.ort,
      telefon: s.office.telefon,
    }),
    suggestions: [t.render('schaltflaechen.wannGeoeffnet'), m.documents, m.fees],
  };
}
