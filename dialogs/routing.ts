/**
 * Decides what to do with one understood utterance, given what the conversation talked about before.
 * Pure: no I/O, no Bot Framework types, so every rule here is unit-testable.
 */
import type { FacetId, LanguageCode } from '../knowledge/schema';
import type { Understanding } from '../intents/understanding';
import type { Conditions } from '../intents/facets';
import type { MessageTraits } from '../intents/language';

/** The intents answered about a service. */
export type ServiceIntent = 'documents' | 'fees' | 'howto' | 'contact' | 'hours';

/** What the conversation remembers between turns (kept in conversation state). */
export interface ConversationMemory {
  lastIntent?: ServiceIntent;
  lastService?: string;
  /** Consecutive turns the assistant could not answer. */
  misunderstandings: number;
  /** Where the citizen lives, once named: the Verwaltung of the Kommune's gazetteer that serves the place. */
  place?: RememberedPlace;
  /** The service not answered yet that was asked about last (the topic of a person or a callback asked for next). */
  lastOtherService?: string;
  /** The last reply offered to read out every document of lastService ("Soll ich Ihnen alle vorlesen?"). */
  offeredAllDocuments?: boolean;
  /** The facet the last answer was about ("wie lange gilt er?"), for "und wenn man unter 24 ist?". */
  lastFacet?: FacetId;
  /** The language the conversation is in (German when unset): kept until the citizen writes or asks for another. */
  language?: LanguageCode;
}

export interface RememberedPlace {
  /** The Kommune whose gazetteer has the place (may differ from the chat's Kommune). */
  tenant: string;
  verwaltung: string;
  /** As the citizen named it ("Wasbüttel"). */
  name: string;
}

/** What exactly a service question asks, beyond its intent. */
export interface Specifics {
  facet: FacetId | null;
  conditions: Conditions;
  fullDetail: boolean;
  /** Fees or documents asked for in so many words. */
  explicit: { fees: boolean; documents: boolean };
  /** Where to go is asked too, besides the facet ("Ich habe einen Schlüssel gefunden, wo gebe ich ihn ab?"). */
  asksWhere: boolean;
}

export type Decision =
  | ({ kind: 'answer'; intent: ServiceIntent; service: string } & Specifics)
  /** Only a place was named ("Ich wohne in Wasbüttel"), with no service talked about yet. */
  | { kind: 'place' }
  | { kind: 'ask-service'; intent: ServiceIntent; candidates: string[] }
  /** An hours or contact question without a service: about a named office, or the service center. */
  | { kind: 'office'; intent: 'hours' | 'contact' }
  | { kind: 'small-talk'; intent: 'greeting' | 'goodbye' | 'help' | 'agent' | 'callback' }
  /** "Bitte löschen Sie meine Daten": confirm, then delete what this conversation left behind. */
  | { kind: 'delete-data' }
  /** A service the assistant knows of but does not answer yet: said so, with who is responsible. */
  | { kind: 'other-service'; otherService: string }
  /** A language the assistant does not speak (Chinese, Greek, French…): the languages it speaks, no misunderstanding. */
  | { kind: 'other-language' }
  /** "in English please", "auf Deutsch bitte": the conversation goes on in that language. */
  | { kind: 'language'; language: LanguageCode }
  /** Not understood; `noise` when the message asked nothing (emoji, "???", "asdf"). */
  | { kind: 'not-understood'; unsure: boolean; noise: boolean };

/** After this many misunderstood real questions in a row, a person (or a callback) is offered. */
const MISUNDERSTANDINGS_BEFORE_PERSON = 2;

/**
 * The rule for a person after misunderstandings: only real questions count. Noise (emoji, punctuation, single
 * characters, keyboard mashing) and messages in another language leave the count as it was; anything
 * answered sets it back to 0 (see misunderstandingsAfter).
 */
function countsAsMisunderstanding(decision: Decision): boolean {
  return decision.kind === 'not-understood' && !decision.noise;
}

/** Misunderstood real questions in a row after this message. */
export function misunderstandingsAfter(memory: ConversationMemory, decision: Decision): number {
  if (countsAsMisunderstanding(decision)) return memory.misunderstandings + 1;
  if (decision.kind === 'not-understood' || decision.kind === 'other-language') return memory.misunderstandings;
  return 0;
}

/** This message is the misunderstanding after which a person is offered rather than asking again. */
function offersPerson(memory: ConversationMemory, decision: Decision): boolean {
  return countsAsMisunderstanding(decision) && misunderstandingsAfter(memory, decision) >= MISUNDERSTANDINGS_BEFORE_PERSON;
}

/**
 * The intent a facet asks under. A facet is what the question is about, whatever the classifier guessed from
 * its other words ("Wann ist mein Pass fertig?" sounds like opening hours, "Brauche ich einen Termin?" like
 * documents): it is answered as part of the procedure, and "wo" as a question of responsibility. Only a
 * question that names fees or documents in so many words ("Was kostet ein Pass für mein Kind?") keeps its
 * intent, and the facet is then the case it asks about.
 */
function intentForFacet(intent: ServiceIntent, u: Understanding): ServiceIntent {
  const facet = u.facet;
  // Named in so many words, fees or documents are what is asked, whatever the classifier guessed.
  if (u.explicit.fees !== u.explicit.documents && (intent === 'fees' || intent === 'documents' || intent === 'howto')) {
    return u.explicit.fees ? 'fees' : 'documents';
  }
  if ((intent === 'fees' && u.explicit.fees) || (intent === 'documents' && u.explicit.documents)) return intent;
  if (facet === null) return intent;
  if (facet === 'ort') return intent === 'hours' ? 'hours' : 'contact';
  return 'howto';
}

export interface DecideOptions {
  /** The text names one of the Kommune's offices ("Wann hat das Standesamt offen?"). */
  namesOffice?: boolean;
  /** The message says yes ("ja, bitte"): to an offer of the last reply. */
  saysYes?: boolean;
  /** What the message is before its meaning: language, noise, an English request (intents/language.ts). */
  message?: MessageTraits;
}

/** Hours or contact, whichever the understanding found likelier. */
function officeQuestion(u: Understanding): 'hours' | 'contact' {
  if (u.explicit.hours) return 'hours';
  const best = u.alternatives.find((a) => a.intent === 'hours' || a.intent === 'contact');
  return best?.intent === 'contact' ? 'contact' : 'hours';
}

export function decide(u: Understanding, memory: ConversationMemory, options: DecideOptions = {}): Decision {
  const message = options.message;
  // "Talk to a person", "Call me back" (the English reply's buttons): the request, in any language.
  if (message?.request) return { kind: 'small-talk', intent: message.request };
  // "in English please": the conversation's language, before any reading of its words.
  if (message?.switchTo) return { kind: 'language', language: message.switchTo };
  // A language the assistant does not speak: said honestly, with the ones it does.
  if (message?.language === 'other') return { kind: 'other-language' };
  // "und wenn man unter 24 ist?": only a condition, asked the way the last question was.
  const onlyCondition =
    u.facet === null &&
    !u.explicit.fees &&
    !u.explicit.documents &&
    u.service === null &&
    (u.conditions.age !== undefined || u.conditions.cases.length > 0);
  // "Gebrauchtes Fahrzeug" after "Geht es um ein neues oder ein gebrauchtes Fahrzeug?": the documents again, for that case.
  if (onlyCondition && memory.lastService && (memory.lastFacet || memory.lastIntent === 'documents' || memory.lastIntent === 'fees')) {
    const intent: ServiceIntent = memory.lastFacet ? 'howto' : memory.lastIntent === 'fees' ? 'fees' : 'documents';
    return {
      kind: 'answer',
      intent,
      service: memory.lastService,
      facet: memory.lastFacet ?? null,
      conditions: u.conditions,
      fullDetail: false,
      explicit: u.explicit,
      asksWhere: false,
    };
  }
  const specifics: Specifics = {
    facet: u.facet,
    conditions: u.conditions,
    fullDetail: u.fullDetail,
    explicit: u.explicit,
    asksWhere: u.facets.includes('ort'),
  };
  // "Soll ich Ihnen alle vorlesen?" – "Ja, bitte." (a request of its own, "Bitte löschen Sie meine Daten", is none)
  const request = u.intent === 'delete-data' || u.intent === 'agent' || u.intent === 'callback' || u.service !== null;
  if (options.saysYes && !request && memory.offeredAllDocuments && memory.lastService) {
    return { kind: 'answer', intent: 'documents', service: memory.lastService, ...specifics, facet: null, fullDetail: true };
  }
  switch (u.intent) {
    case 'greeting':
    case 'goodbye':
    case 'help':
    case 'agent':
    case 'callback':
      return { kind: 'small-talk', intent: u.intent };
    case 'none':
      // "Ich wohne in Wasbüttel": the answer of the last question again, now for that place.
      if (u.residenceOnly && memory.lastService)
        return { kind: 'answer', intent: memory.lastIntent ?? 'contact', service: memory.lastService, ...specifics };
      if (u.residenceOnly) return { kind: 'place' };
      // "Hat das Entsorgungszentrum samstags offen?": one of the Kommune's offices named is answered as that office.
      if (u.otherService && options.namesOffice) return { kind: 'office', intent: officeQuestion(u) };
      if (u.otherService) return { kind: 'other-service', otherService: u.otherService };
      return { kind: 'not-understood', unsure: u.unsure, noise: message?.kind === 'noise' };
    case 'delete-data':
      return { kind: 'delete-data' };
    default:
      break;
  }
  // "und für den Reisepass?": the new service, asked the way the last question was; a procedure's fact too ("Wie lange
  // dauert es?" – „Reisepass beantragen“, the button of "Um welche Leistung geht es?").
  const asked: ServiceIntent = u.serviceOnly && memory.lastIntent ? memory.lastIntent : u.intent;
  const intent = intentForFacet(asked, u);
  const facet = u.facet ?? (u.serviceOnly && asked === 'howto' ? (memory.lastFacet ?? null) : null);
  // A service named in the message wins over the one talked about.
  if (u.service) return { kind: 'answer', intent, service: u.service, ...specifics, facet };
  if ((intent === 'hours' || intent === 'contact') && options.namesOffice) return { kind: 'office', intent };
  // A word several services share ("verlängern", "die Karte") names none: the conversation's service goes on.
  if (u.serviceCandidates.length > 1 && memory.lastService) return { kind: 'answer', intent, service: memory.lastService, ...specifics };
  if (u.serviceCandidates.length > 1) return { kind: 'ask-service', intent, candidates: u.serviceCandidates };
  // "Und was kostet das?": the service talked about last.
  if (memory.lastService) return { kind: 'answer', intent, service: memory.lastService, ...specifics };
  if (intent === 'hours') return { kind: 'office', intent };
  return { kind: 'ask-service', intent, candidates: [] };
}

/** An answer about opening hours: of a service's office, a named office or the service center. */
export function isHoursQuestion(decision: Decision): boolean {
  return (decision.kind === 'answer' || decision.kind === 'office') && decision.intent === 'hours';
}

/**
 * Where a message goes after it is understood and decided: answered in this turn, or into a dialog (a
 * question back, a person, a callback, the deletion of data). One table, read top to bottom, for the
 * main dialog and its fast path alike.
 */
export type Route =
  | { kind: 'answer' }
  | { kind: 'ask-service' }
  /** A person: queued in business hours with an agent online, else a callback offered. */
  | { kind: 'person'; reason: 'not-helped' | 'agent' | 'misunderstood' }
  | { kind: 'callback' }
  | { kind: 'delete-data' };

/** What the router reads of a message. */
export interface RoutedMessage {
  decision: Decision;
  memory: ConversationMemory;
  /** „Das hat mir nicht geholfen“: straight to a person, whatever else the message says. */
  notHelped: boolean;
}

const isSmallTalk = (d: Decision, intent: 'agent' | 'callback'): boolean => d.kind === 'small-talk' && d.intent === intent;

/** The first row whose condition holds decides; a message no row takes is answered in this turn. */
const ROUTES: readonly { when: (m: RoutedMessage) => boolean; route: Route }[] = [
  { when: (m) => m.notHelped, route: { kind: 'person', reason: 'not-helped' } },
  { when: (m) => m.decision.kind === 'ask-service', route: { kind: 'ask-service' } },
  { when: (m) => isSmallTalk(m.decision, 'agent'), route: { kind: 'person', reason: 'agent' } },
  { when: (m) => isSmallTalk(m.decision, 'callback'), route: { kind: 'callback' } },
  { when: (m) => m.decision.kind === 'delete-data', route: { kind: 'delete-data' } },
  // The second misunderstood real question in a row: a person rather than asking again.
  { when: (m) => offersPerson(m.memory, m.decision), route: { kind: 'person', reason: 'misunderstood' } },
];

const ANSWER: Route = { kind: 'answer' };

export function routeOf(message: RoutedMessage): Route {
  return ROUTES.find((r) => r.when(message))?.route ?? ANSWER;
}
