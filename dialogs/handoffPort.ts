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
