/**
 * Answers that answer the question asked: one facet of a service ("Wie lange dauert das?"), a situation
 * ("Mein Pass ist weg"), the fee or documents that apply to the person asked about ("für meine
 * 15-jährige Tochter"), and the office of the citizen's own Gemeinde. Each leads with the fact in one or two
 * sentences, adds the single most useful next step, and offers the whole section as a button. The spoken
 * form (`speak`) says the fact in its first sentence and stays within one breath.
 */
import type { TenantService } from '../../knowledge/resolve';
import type { CaseId, DocumentEntry, FacetId, FeeEntry, Office, Situation, Source } from '../../knowledge/schema';
import type { Conditions } from '../../intents/facets';
import { FILLER_WORDS, foldGerman, stem } from '../../intents/normalize';
import { bulletList, countWordFeminine, formatEuro, formatIsoDate, joinGerman, type Reply } from './reply';
import { documentLine, documentsChecklistCard, flatAside } from './serviceAnswers';
import { withoutParentheses } from '../voice';

/** The buttons after a short answer: the other sections of the same service. */
export const MORE = { documents: 'Alle Unterlagen', fees: 'Kosten', howto: 'Ablauf', contact: 'Wer ist zuständig?' } as const;

/** One short source line: the first source as a link with its check date. */
export function shortSource(quellen: readonly Source[]): string {
  const q = quellen[0];
  return `Quelle: [${q.titel}](${q.url}), Stand ${formatIsoDate(q.geprueft)}`;
}

/** The office as a voice names it: its full name without asides ("Wohngeldstelle beim Landkreis Gifhorn"). */
export function spokenOffice(s: TenantService): string {
  if (s.verwaltung && s.office === s.groupOffice) return `die ${s.verwaltung.name}`;
  return withoutParentheses(s.office.name);
}

/** The office's phone, when on file: ", Telefon 05361 28-0". */
function phoneOf(office: Office): string {
  return office.telefon ? `, Telefon ${office.telefon}` : '';
}

/** The service as a heading: "Reisepass" rather than "Reisepass beantragen". */
export function subject(s: TenantService): string {
  return s.service.kurzname ?? s.service.name;
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
  if (facet !== 'online' && facet !== 'verlust' && s.onlineDienst) return `Online: [${s.onlineDienst.name}](${s.onlineDienst.url})`;
  const appointment = s.service.terminErforderlich || s.office.terminErforderlich;
  const where = `${officeLine(s)}${phoneOf(s.office)}`;
  return appointment ? `Termin bei: ${where}` : `Zuständig: ${where}`;
}

/** The situation whose keywords the question uses (the facet's own first), or undefined. */
export function situationFor(s: TenantService, text: string, facet: FacetId | null): Situation | undefined {
  const words = foldGerman(text).split(' ');
  const uses = (keyword: string): boolean => {
    const k = foldGerman(keyword);
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
  return {
    text: [situation.text.trim(), nextStep(s, situation.facette), shortSource([situation.quelle])].join('\n\n'),
    speak: situation.gesprochen,
    suggestions: [MORE.documents, MORE.fees, MORE.howto],
  };
}

/**
 * The short answer to one facet: the editors' own (kurzantworten), or one derived from the fields
 * (Bearbeitungsdauer, Termin, Online-Dienst, Fristen, the fees of the express case). Undefined when the
 * knowledge has nothing to say about it: the caller then answers the whole section.
 */
export function facetAnswer(s: TenantService, facet: FacetId): Reply | undefined {
  const own = s.kurzantworten[facet];
  if (own) {
    return {
      text: [own.text.trim(), nextStep(s, facet), shortSource(own.quelle ? [own.quelle] : s.quellen)].join('\n\n'),
      speak: own.gesprochen,
      suggestions: [MORE.documents, MORE.fees, MORE.howto],
    };
  }
  const derived = derivedFacet(s, facet);
  if (!derived) return undefined;
  return {
    text: [derived.text, nextStep(s, facet), shortSource(s.quellen)].join('\n\n'),
    speak: derived.speak,
    suggestions: [MORE.documents, MORE.fees, MORE.howto],
  };
}

function derivedFacet(s: TenantService, facet: FacetId): { text: string; speak: string } | undefined {
  const name = s.service.name;
  switch (facet) {
    case 'dauer':
      if (!s.service.bearbeitungsdauer) return undefined;
      return {
        text: `**${name}**: Die Bearbeitung dauert ${s.service.bearbeitungsdauer}.`,
        speak: `Die Bearbeitung dauert ${s.service.bearbeitungsdauer}.`,
      };
    case 'termin': {
      const needed = s.service.terminErforderlich ?? s.office.terminErforderlich;
      if (needed === undefined) return undefined;
      return needed
        ? { text: `Ja, für **${name}** brauchen Sie einen Termin.`, speak: `Ja, dafür brauchen Sie einen Termin.` }
        : { text: `Für **${name}** ist kein Termin vorgeschrieben.`, speak: 'Dafür ist kein Termin vorgeschrieben.' };
    }
    case 'online':
      if (!s.onlineDienst) return undefined;
      return {
        text: `Ja, **${name}** geht auch online: [${s.onlineDienst.name}](${s.onlineDienst.url}).`,
        speak: `Ja, das geht auch online, über ${s.onlineDienst.name}.`,
      };
    case 'frist':
      if (!s.service.fristen?.length) return undefined;
      return { text: `**${name}**: ${s.service.fristen[0]}`, speak: s.service.fristen[0] };
    case 'express': {
      const fees = s.kosten.filter((k) => k.faelle?.includes('express'));
      if (fees.length === 0) return undefined;
      return { text: `**${name}** geht schneller:\n${bulletList(fees.map(feeLine))}`, speak: fees.map(spokenFee).join('; ') };
    }
    default:
      return undefined;
  }
}

/** How a facet is asked about, for an honest "not on file" answer. */
const FACET_QUESTION: Record<FacetId, string> = {
  dauer: 'Wie lange die Bearbeitung dauert',
  online: 'Ob das online geht',
  termin: 'Ob Sie dafür einen Termin brauchen',
  gueltigkeit: 'Wie lange das gilt',
  frist: 'Welche Frist dafür gilt',
  alter: 'Welche Altersgrenzen gelten',
  verlust: 'Was bei Verlust zu tun ist',
  kind: 'Was für Kinder gilt',
  vollmacht: 'Ob jemand anderes das für Sie erledigen darf',
  bezahlung: 'Wie Sie bezahlen können',
  express: 'Ob es schneller geht',
  ort: 'Wer zuständig ist',
};

/**
 * A facet the knowledge says nothing about: said honestly, with the office that knows, rather than a
 * section that does not answer it.
 */
export function unknownFacetAnswer(s: TenantService, facet: FacetId): Reply {
  const what = FACET_QUESTION[facet];
  const where = officeLine(s);
  return {
    text: [
      `${what}, ist für **${subject(s)}** hier nicht hinterlegt. Das beantwortet Ihnen ${where}${phoneOf(s.office)}, oder das Service-Center verbindet Sie.`,
      shortSource(s.quellen),
    ].join('\n\n'),
    speak: `${what}, weiß ich für ${subject(s)} leider nicht. Das beantwortet Ihnen ${spokenOffice(s)}.`,
    suggestions: [MORE.howto, MORE.documents, MORE.fees],
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
function feeLine(k: FeeEntry): string {
  return feeText(k, (amount) => `**${amount}**`);
}

/** A fee as one line; `strong` marks the amount (Markdown in the chat, nothing in the agents' plain-text snippets). */
export function feeText(k: FeeEntry, strong: (amount: string) => string): string {
  const amount = k.betrag !== undefined ? strong(formatEuro(k.betrag)) : '';
  const detail = [amount, k.betragText].filter(Boolean).join(', ');
  const condition = k.bedingung && !foldGerman(k.text).includes(foldGerman(k.bedingung)) ? ` (${flatAside(k.bedingung)})` : '';
  return `${k.text}${condition}: ${detail}`;
}

/** "unter 24 Jahren 37,50 €", "Antrag und Bearbeitung kostenlos": what a fee is for, and its amount. */
function spokenFee(k: FeeEntry): string {
  const amount = k.betrag !== undefined ? formatEuro(k.betrag) : (k.betragText ?? '').split(/[;:]/)[0];
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

/** "für Ihre Angaben (15 Jahre, Verlust)" */
function describeConditions(c: Conditions): string {
  const parts: string[] = [];
  if (c.age !== undefined) parts.push(c.age === 0 ? 'Baby' : `${c.age} Jahre`);
  const names: Partial<Record<CaseId, string>> = {
    erstantrag: 'erster Antrag',
    verlust: 'Verlust',
    neufahrzeug: 'Neufahrzeug',
    gebrauchtfahrzeug: 'Gebrauchtfahrzeug',
    express: 'Eilfall',
    vollmacht: 'mit Vollmacht',
    namensaenderung: 'Namensänderung',
  };
  for (const k of c.cases) if (names[k]) parts.push(names[k] as string);
  if (c.age === undefined && c.cases.includes('kind')) parts.push('Kind');
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
  const lead = specific && stated(c) ? `**${name}** – Kosten in Ihrem Fall (${describeConditions(c)}):` : `**${name}** – Kosten:`;
  const parts = [shown.length === 1 ? `${lead} ${feeLine(shown[0])}` : `${lead}\n${bulletList(shown.map(feeLine))}`];
  // A base fee with surcharges for the case asked about (a passport under 24 as an express passport): the sum.
  const surcharges = shown.filter((k) => /^zuschlag/i.test(k.text) && k.betrag !== undefined);
  const bases = shown.filter(
    (k) => !surcharges.includes(k) && k.betrag !== undefined && (k.alterAb !== undefined || k.alterUnter !== undefined),
  );
  const total =
    surcharges.length > 0 && bases.length === 1 ? [...bases, ...surcharges].reduce((n, k) => n + (k.betrag ?? 0), 0) : undefined;
  if (total !== undefined) parts.push(`Zusammen: **${formatEuro(total)}**`);
  // One or two other fees are shown with their case ("wenn Sie den Sperrmüll selbst hinbringen"); more are one tap away.
  const others = s.kosten.filter((k) => !shown.includes(k));
  if (others.length > 0 && others.length <= 2) parts.push(`Außerdem:\n${bulletList(others.map(feeLine))}`);
  else if (others.length > 2) parts.push(`Für andere Fälle gibt es ${others.length} weitere Gebühren; alle zeigt „Alle Kosten“.`);
  parts.push(shortSource(s.quellen));
  const speak =
    total !== undefined
      ? `${name}: Das kostet in Ihrem Fall zusammen ${formatEuro(total)}.`
      : `${name}: ${joinGerman(shown.slice(0, 3).map(spokenFee))}.`;
  return {
    text: parts.join('\n\n'),
    speak,
    suggestions: others.length > 2 ? ['Alle Kosten', MORE.documents, MORE.howto] : [MORE.documents, MORE.howto],
  };
}

/** Every fee, with its conditions (on request: "Alle Kosten"). */
export function allFeesAnswer(s: TenantService): Reply {
  const speak = `${subject(s)}: ${s.kosten.map((k) => spokenFee({ ...k, bedingung: undefined })).join('; ')}.`;
  return {
    text: [`Alle Kosten – **${subject(s)}**:\n${bulletList(s.kosten.map(feeLine))}`, shortSource(s.quellen)].join('\n\n'),
    speak,
    suggestions: [MORE.documents, MORE.howto],
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
const DECIDING_CASES: readonly { cases: readonly [CaseId, CaseId]; question: string; buttons: readonly [string, string] }[] = [
  {
    cases: ['neufahrzeug', 'gebrauchtfahrzeug'],
    question: 'Geht es um ein neues oder ein gebrauchtes Fahrzeug?',
    buttons: ['Neues Fahrzeug', 'Gebrauchtes Fahrzeug'],
  },
];

/**
 * The documents, short: those everyone brings, plus those of the cases the question states; the other
 * cases' documents are named by their condition and one button away. Spoken: the count, the first ones, and
 * the offer to read all of them. Where one case decides the list and is not stated, it asks for it.
 */
export function shortDocumentsAnswer(s: TenantService, c: Conditions): { reply: Reply; offersAll: boolean } {
  const name = subject(s);
  const always = s.unterlagen.filter(isAlways);
  const decide = DECIDING_CASES.find(
    (d) => d.cases.every((k) => s.unterlagen.some((u) => u.faelle?.includes(k))) && !d.cases.some((k) => c.cases.includes(k)),
  );
  if (decide) {
    return {
      reply: {
        text: [
          `**${name}** – das bringen Sie in jedem Fall mit:\n${bulletList(always.map(documentLine))}`,
          decide.question,
          shortSource(s.quellen),
        ].join('\n\n'),
        speak: `${name}: Sie brauchen unter anderem ${joinGerman(always.slice(0, 2).map(spokenDocument))}. ${decide.question}`,
        suggestions: [...decide.buttons, MORE.documents],
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
      ? `**${name}** – Unterlagen in Ihrem Fall (${describeConditions(c)}):`
      : `**${name}** – das bringen Sie mit:`;
  const parts = [`${lead}\n${bulletList(list.map(documentLine))}`];
  const cases = [...new Set(others.map((d) => d.bedingung).filter((b): b is string => b !== undefined))].slice(0, 3);
  if (others.length > 0) parts.push(`Je nach Fall kommt mehr hinzu${cases.length ? `, etwa ${joinGerman(cases, 'oder')}` : ''}.`);
  parts.push(shortSource(s.quellen));
  // Said first: what the stated case needs most, then what everyone brings in the editors' order (their weight);
  // four short names or three long ones.
  const first = [...forCase.slice(0, 1), ...always, ...forCase.slice(1)].slice(0, 4).map(spokenDocument);
  while (first.length > 3 && first.join(' ').split(' ').length > 16) first.pop();
  const offersAll = list.length > 2 || others.length > 0;
  const count = list.length === 1 ? 'eine Unterlage' : `${countWordFeminine(list.length)} Unterlagen`;
  // Everything of this case said, the other cases' documents can still be read out.
  const offer = !offersAll
    ? ''
    : first.length < list.length
      ? ' Soll ich Ihnen alle vorlesen?'
      : ' Je nach Fall kommt mehr hinzu. Soll ich Ihnen alle vorlesen?';
  const speak = `${name}: Sie brauchen ${count}${list.length > 3 ? ', vor allem' : ':'} ${joinGerman(first)}.${offer}`;
  const rest = others.length;
  return {
    reply: {
      text: parts.join('\n\n'),
      speak,
      expectsAnswer: offersAll,
      suggestions: [MORE.documents, MORE.fees, MORE.howto].filter((b) => rest > 0 || b !== MORE.documents),
    },
    offersAll,
  };
}

/**
 * Every document with its condition, once: as a checklist card to tick off (with the source), the text only
 * introducing it; read out in full by voice.
 */
export function allDocumentsAnswer(s: TenantService): Reply {
  return {
    text: `Alle Unterlagen für **${subject(s)}** als Checkliste zum Abhaken:`,
    card: documentsChecklistCard(s),
    speak: `${subject(s)}: ${s.unterlagen.map((d) => withoutParentheses(`${spokenDocument(d)}${d.bedingung ? `, ${d.bedingung}` : ''}`)).join('; ')}.`,
    suggestions: [MORE.fees, MORE.howto],
  };
}

/** The procedure, short: what it is, the steps, the next step; the details (deadlines, notes) on request. */
export function shortHowtoAnswer(s: TenantService): Reply {
  const steps = s.verfahrensablauf.map((step, i) => `${i + 1}. ${step}`).join('\n');
  const parts = [`**${s.service.name}**: ${s.service.kurz.trim()}`, `So geht es:\n${steps}`, nextStep(s), shortSource(s.quellen)];
  // By voice: what it is, and who does it (the steps are on the screen, or one question away).
  const speak = `${s.service.gesprochen ?? s.service.kurz} Zuständig: ${spokenOffice(s)}.`;
  return { text: parts.join('\n\n'), speak, suggestions: [MORE.documents, MORE.fees, 'Wie lange dauert das?'] };
}

/** Asked once when a Gemeinde-level service needs the citizen's place and it is not known yet. */
export const ASK_PLACE = 'In welcher Stadt, Gemeinde oder Samtgemeinde wohnen Sie? Dann nenne ich Ihnen das zuständige Bürgerbüro.';

/**
 * Who is responsible, for the citizen's own place: the concrete office of their Gemeinde with address,
 * phone and hours; the Verwaltung's name when its office is not on file yet; or, for a group of offices
 * with no place known, the rule and one question for the place.
 */
export function responsibleAnswer(s: TenantService, placeName: string | undefined, officeLines: (office: Office) => string[]): Reply {
  const name = subject(s);
  if (s.office.gruppe && !s.verwaltung) {
    const who = s.office.kurzname ?? s.office.name;
    return {
      text: [
        `**${name}** – zuständig ist ${s.tenant.art === 'Landkreis' ? `im ${s.tenant.name} ${who}, nicht die Kreisverwaltung` : who}.`,
        ASK_PLACE,
      ].join('\n\n'),
      speak: `Zuständig ist ${who}. ${ASK_PLACE}`,
      expectsAnswer: true,
    };
  }
  const forPlace = placeName ? ` für ${placeName}` : '';
  if (s.verwaltung && s.office === s.groupOffice) {
    const kind = officeKind(s.office);
    return {
      text: [
        `**${name}** – zuständig${forPlace}: die **${s.verwaltung.name}** (${kind}${s.verwaltung.sitz ? ` in ${s.verwaltung.sitz}` : ''}).`,
        `Adresse, Telefon und Öffnungszeiten sind hier noch nicht hinterlegt; die Kommune trägt sie nach. Bitte sehen Sie bis dahin auf der Website der ${s.verwaltung.art} nach.`,
        shortSource(s.quellen),
      ].join('\n\n'),
      speak: `Zuständig${forPlace}: ${kind === 'Bürgerbüro' ? 'die' : `das ${kind} der`} ${s.verwaltung.name}.`,
      suggestions: [MORE.documents, MORE.fees],
    };
  }
  const sources = [...(s.office.quellen ?? []), ...s.quellen];
  const address = s.office.adresse ? `, ${s.office.adresse.strasse} in ${s.office.adresse.ort}` : '';
  return {
    text: [`**${name}** – zuständig${forPlace}: **${s.office.name}**`, officeLines(s.office).join('  \n'), shortSource(sources)]
      .filter(Boolean)
      .join('\n\n'),
    speak: `Zuständig${forPlace}: ${spokenOffice(s)}${address}.${s.office.telefon ? ` Telefon ${s.office.telefon}.` : ''}`,
    suggestions: ['Wann ist geöffnet?', MORE.documents, MORE.fees],
  };
}
