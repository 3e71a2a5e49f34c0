/**
 * Chooses the answer to a question about one service: the situation it describes, the facet it asks, the
 * fee or documents that apply, or the whole section when asked for ("Alle Unterlagen"). Pure: the dialog
 * passes what was understood and the service as the citizen's Kommune and place see it.
 */
import type { KnowledgeBase } from '../../knowledge/loader';
import type { TenantService } from '../../knowledge/resolve';
import { verwaltungOf } from '../../knowledge/resolve';
import type { Office } from '../../knowledge/schema';
import type { AskedTime } from '../../intents/askedTime';
import { foldGerman } from '../../intents/normalize';
import type { Decision, RememberedPlace } from '../routing';
import {
  allDocumentsAnswer,
  allFeesAnswer,
  facetAnswer,
  responsibleAnswer,
  shortDocumentsAnswer,
  shortFeesAnswer,
  shortHowtoAnswer,
  situationAnswer,
  situationFor,
  spokenOffice,
  unknownFacetAnswer,
  more,
} from './focusedAnswers';
import { howtoAnswer, officeHoursAnswer, officeDetails } from './serviceAnswers';
import { todaySentence } from './openingHours';
import { berlinParts } from '../../knowledge/calendar/berlinTime';
import type { Reply } from './reply';
import type { Texts } from '../../knowledge/texts/texts';

type AnswerDecision = Extract<Decision, { kind: 'answer' }>;

export interface AnswerContext {
  text: string;
  now: Date;
  asked?: AskedTime;
  /** The place the citizen named, as they named it. */
  placeName?: string;
}

/** Words of a text about money. */
const MONEY = /\b(kostenlos|kostenfrei|gebühr\w*|Gebühr\w*|Euro|€|bezahl\w*)/;

/** Facets that describe the case rather than ask a fact: a matching situation answers them. */
const CASE_FACETS = new Set(['verlust', 'kind', 'vollmacht']);

export function composeServiceAnswer(
  d: AnswerDecision,
  s: TenantService,
  ctx: AnswerContext,
): { reply: Reply; offeredAllDocuments: boolean } {
  // A situation or facet answered for a question that also asks where: the office is said, not only shown.
  const plain = (reply: Reply) => ({
    reply:
      d.asksWhere && reply.speak && !reply.expectsAnswer
        ? { ...reply, speak: `${reply.speak} ${s.tenant.texts.render('kurzantwort.gesprochenZustaendig', { amt: spokenOffice(s) })}` }
        : reply,
    offeredAllDocuments: false,
  });
  const situation = situationFor(s, ctx.text, d.facet);
  // A situation about money answers a question about money ("Kostet das Führungszeugnis fürs Ehrenamt etwas?").
  const aboutMoney = situation !== undefined && MONEY.test(situation.text);
  const explicit = (d.intent === 'fees' && d.explicit.fees && !aboutMoney) || (d.intent === 'documents' && d.explicit.documents);
  const answersSituation = d.intent !== 'hours' && !explicit && !d.fullDetail;
  // A situation named by its keywords answers a facet the service has no short answer for ("… überführen. Gibt es
  // da was Schnelles?" → Kurzzeitkennzeichen) better than "nicht hinterlegt".
  const facetAnswered = d.facet !== null && s.kurzantworten[d.facet] !== undefined;
  if (
    situation &&
    answersSituation &&
    (d.facet === null || d.facet === 'ort' || d.facet === situation.facette || CASE_FACETS.has(d.facet) || !facetAnswered)
  ) {
    // A situation about where to go says it itself (the Standesamt of the birthplace, not the local office).
    const reply = situationAnswer(s, situation);
    return situation.facette === 'ort' ? { reply, offeredAllDocuments: false } : plain(reply);
  }
  // Only a person described ("Ich bin 17 …", "für mein Baby"): what applies at that age.
  const c = d.conditions;
  const person = c.age !== undefined || c.cases.includes('kind');
  const facet = d.facet ?? (d.intent === 'howto' && person ? (s.kurzantworten.alter && (c.age ?? 0) >= 14 ? 'alter' : 'kind') : null);
  switch (d.intent) {
    case 'documents': {
      if (d.fullDetail) return plain(allDocumentsAnswer(s));
      const { reply, offersAll } = shortDocumentsAnswer(s, d.conditions);
      return { reply, offeredAllDocuments: offersAll };
    }
    case 'fees':
      return plain(d.fullDetail ? allFeesAnswer(s) : shortFeesAnswer(s, d.conditions, ctx.text));
    case 'howto': {
      const focused = facet ? facetAnswer(s, facet) : undefined;
      if (focused) return plain(focused);
      if (facet === 'ort') return plain(responsibleAnswer(s, ctx.placeName, compactOfficeLines(s.tenant.texts, ctx.now)));
      // A fact that is not on file: said honestly, with where to ask, rather than the whole procedure. A child
      // merely mentioned ("Meine Frau hat ein Baby bekommen …") is no question of its own.
      if (d.facet && d.facet !== 'kind') return plain(unknownFacetAnswer(s, d.facet));
      return plain(d.fullDetail ? howtoAnswer(s) : shortHowtoAnswer(s));
    }
    case 'contact':
      return { reply: responsibleAnswer(s, ctx.placeName, compactOfficeLines(s.tenant.texts, ctx.now)), offeredAllDocuments: false };
    case 'hours':
      // A group of offices without the citizen's place has no hours of its own: ask for the place.
      if (s.office.gruppe) return plain(responsibleAnswer(s, ctx.placeName, compactOfficeLines(s.tenant.texts, ctx.now)));
      return plain(officeHoursAnswer(s.office, s.tenant, ctx.now, ctx.asked));
  }
}

/**
 * An office's contact lines for a specific question: address, phone, e-mail, today's hours, and what is
 * missing; its long note only in its first sentence.
 */
function compactOfficeLines(texts: Texts, now: Date): (office: Office) => string[] {
  return (office) => {
    const lines = officeDetails(texts, { ...office, orte: undefined, hinweis: undefined });
    if (office.oeffnungszeiten) lines.push(todaySentence(texts, office.kurzname ?? office.name, office.oeffnungszeiten, berlinParts(now)));
    if (office.hinweis) lines.push(office.hinweis.split(/(?<=[.!?])\s/)[0]);
    return lines;
  };
}

/**
 * "Ich wohne in Wasbüttel" with nothing asked yet: where that is, and what the citizen can ask about it (the
 * texts: knowledge/texte/de/wohnort.yaml).
 */
export function placeAnswer(knowledge: KnowledgeBase, texts: Texts, place: RememberedPlace | undefined): Reply {
  const verwaltung = place ? verwaltungOf(knowledge, place.tenant, place.verwaltung) : undefined;
  const wasWissen = texts.render('wohnort.wasWissen');
  if (!place || !verwaltung) return { text: wasWissen, expectsAnswer: true };
  const tenant = knowledge.tenants.get(place.tenant);
  const same = foldGerman(verwaltung.name).endsWith(foldGerman(place.name));
  const values = { ort: place.name, verwaltung: verwaltung.name };
  const office = knowledge.offices.get(Object.values(verwaltung.aemter ?? {})[0] ?? '');
  let text: string;
  if (verwaltung.art === 'Stadt' && tenant?.art === 'kreisfreie Stadt') text = texts.render('wohnort.kreisfreieStadt', values);
  else {
    const where = same ? texts.render('wohnort.wohnenIn', values) : texts.render('wohnort.gehoertZu', values);
    const wo = tenant && tenant.art === 'Landkreis' ? texts.render('wohnort.imLandkreis', { wo: where, kommune: tenant.name }) : where;
    const buero = office
      ? texts.render('wohnort.buergerbuero', { buero: office.kurzname ?? office.name })
      : texts.render('wohnort.buergerbueroUnbekannt');
    text = texts.render('wohnort.danke', { wo, buero });
  }
  const m = more(texts);
  return {
    text: `${text} ${wasWissen}`,
    suggestions: [texts.render('schaltflaechen.woPersonalausweis'), texts.render('schaltflaechen.woAnmelden'), m.contact],
    expectsAnswer: true,
  };
}
