/**
 * Decides what to do with one understood utterance, given what the conversation talked about before.
 * Pure: no I/O, no Bot Framework types, so every rule here is unit-testable.
 */
import type { IntentId } from '../knowledge/schema';
import type { Understanding } from '../intents/understanding';

export const SERVICE_INTENTS = ['documents', 'fees', 'howto', 'contact', 'hours'] as const;
export type ServiceIntent = (typeof SERVICE_INTENTS)[number];

export function isServiceIntent(intent: IntentId | undefined): intent is ServiceIntent {
  return (SERVICE_INTENTS as readonly string[]).includes(intent ?? '');
}

/** What the conversation remembers between turns (kept in conversation state). */
export interface ConversationMemory {
  lastIntent?: ServiceIntent;
  lastService?: string;
  /** Consecutive turns the assistant could not answer. */
  misunderstandings: number;
}

export type Decision =
  | { kind: 'answer'; intent: ServiceIntent; service: string }
  | { kind: 'ask-service'; intent: ServiceIntent; candidates: string[] }
  /** An hours or contact question without a service: about a named office, or the service center. */
  | { kind: 'office'; intent: 'hours' | 'contact' }
  | { kind: 'small-talk'; intent: 'greeting' | 'goodbye' | 'help' | 'agent' | 'callback' }
  /** "Bitte löschen Sie meine Daten": confirm, then delete what this conversation left behind. */
  | { kind: 'delete-data' }
  | { kind: 'not-understood'; unsure: boolean };

/** `namesOffice`: the text names one of the Kommune's offices ("Wann hat das Standesamt offen?"). */
export function decide(u: Understanding, memory: ConversationMemory, namesOffice = false): Decision {
  switch (u.intent) {
    case 'greeting': case 'goodbye': case 'help': case 'agent': case 'callback':
      return { kind: 'small-talk', intent: u.intent };
    case 'none':
      return { kind: 'not-understood', unsure: u.unsure };
    case 'delete-data':
      return { kind: 'delete-data' };
    default:
      break;
  }
  // "und für den Reisepass?": the new service, asked the way the last question was.
  const intent: ServiceIntent = u.serviceOnly && memory.lastIntent ? memory.lastIntent : u.intent;
  if (u.service) return { kind: 'answer', intent, service: u.service };
  if ((intent === 'hours' || intent === 'contact') && namesOffice) return { kind: 'office', intent };
  if (u.serviceCandidates.length > 1) return { kind: 'ask-service', intent, candidates: u.serviceCandidates };
  // "Und was kostet das?": the service talked about last.
  if (memory.lastService) return { kind: 'answer', intent, service: memory.lastService };
  if (intent === 'hours') return { kind: 'office', intent };
  return { kind: 'ask-service', intent, candidates: [] };
}

/** An answer about opening hours: of a service's office, a named office or the service center. */
export function isHoursQuestion(decision: Decision): boolean {
  return (decision.kind === 'answer' || decision.kind === 'office') && decision.intent === 'hours';
}
