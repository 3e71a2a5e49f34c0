/**
 * What the dialogs need from the escalation machinery (bot/handoff implements it): queue a conversation for
 * an agent, and store a callback ticket. An interface, so that the dialogs stay testable without a server,
 * a database or agents.
 */
import type { TurnContext } from 'botbuilder';
import type { HandoffReason } from './answers/handoffAnswers';

export interface HandoffRequest {
  tenant: string;
  intent?: string;
  service?: string;
  /** Readable topic for the agent: "Kosten – Reisepass beantragen". */
  topic: string;
  reason: HandoffReason;
  /**
   * The citizen's language (ISO 639-1, e.g. "en"), when the conversation is not in German: the handoff keeps it, the
   * agent console shows it, and what the handoff says to the waiting citizen is in it. Undefined: German.
   */
  language?: string;
}

export type HandoffOutcome =
  | { kind: 'queued'; position: number; waitMinutes: number }
  /** Nobody is online in the agent console: offer a callback instead. */
  | { kind: 'unavailable' };

export interface CallbackRequest {
  conversationId?: string;
  tenant: string;
  /** What the citizen said it is about; '' when they gave no topic. */
  topic: string;
  /** The service the assistant understood before the request (id), if any. */
  service?: string;
  /** E.164, e.g. +491511234567. */
  phone: string;
  /** The number as the citizen typed it, national format: "0151 23456789". */
  phoneDisplay?: string;
  wishedAt: Date;
  /** When the call is due, if not at `wishedAt` (a day without a time: the end of its business hours). */
  dueAt?: Date;
  /** Absolute German description for the agent: "Mo, 30.11.2026, 7:00 Uhr". */
  wishedText: string;
}

export interface HandoffPort {
  request(context: TurnContext, request: HandoffRequest): Promise<HandoffOutcome>;
  createTicket(request: CallbackRequest): Promise<{ reference: string }>;
}

/**
 * What happens in a citizen's handoff outside their own turn, as the handoff machinery (bot/handoff) reports it.
 * The machinery knows no wording: dialogs/handoffNotifier.ts decides what the citizen is told. An agent appears by
 * the name citizens see (`agent`; null when the agent has none), never by the login name.
 */
export type CitizenEvent =
  /** An agent accepted the waiting citizen. */
  | { kind: 'connected'; conversationId: string; agent: string | null }
  /** An agent wrote to the citizen (the text exactly as typed). */
  | { kind: 'agent-message'; conversationId: string; agent: string | null; text: string }
  /** The agent ended the chat: the assistant takes over again. */
  | { kind: 'ended-by-agent'; conversationId: string; agent: string | null }
  /** The agent handed the citizen on: back to the front of the queue. */
  | { kind: 'transferred'; conversationId: string }
  /** The agent's connection was gone longer than the grace period: back to the front of the queue. */
  | { kind: 'agent-lost'; conversationId: string }
  /** The citizen moved up in the queue. */
  | { kind: 'position-changed'; conversationId: string; position: number; waitMinutes: number }
  /** Nobody accepted in time: the citizen is offered a callback. */
  | { kind: 'timed-out'; conversationId: string };

export type CitizenEventKind = CitizenEvent['kind'];

/**
 * Tells a citizen of a handoff event, outside their turn. Resolves true once the message (or the callback offer)
 * reached the citizen's channel: an agent's message that did not is kept and sent again.
 */
export interface CitizenNotifier {
  notify(event: CitizenEvent): Promise<boolean>;
}
