/**
 * The one place that decides what a citizen is told of a handoff outside their own turn: each CitizenEvent of the
 * handoff machinery (bot/handoff) becomes a Reply in the wording of answers/handoffAnswers.ts, rendered by
 * toActivity like every other reply, and handed to a CitizenOutlet (bot/handoff/proactive.ts) that only delivers
 * it. A timeout is no message but the start of the callback offer, which the main dialog runs.
 */
import type { Activity } from 'botbuilder';
import {
  AFTER_HANDOFF_SUGGESTIONS,
  AGENT_LOST,
  TRANSFERRED,
  agentEndedText,
  agentMessageText,
  agentSpeaker,
  connectedText,
  noAgentOfferText,
  positionUpdateText,
} from './answers/handoffAnswers';
import type { Reply } from './answers/reply';
import type { CitizenEvent, CitizenNotifier } from './handoffPort';
import { toActivity } from './replyActivity';
import { asksQuestion } from './voice';

/** Reaches a citizen's conversation outside their turn (bot/handoff/proactive.ts: continueConversationAsync). */
export interface CitizenOutlet {
  /** Delivers a finished activity; false when the channel did not take it. */
  send(conversationId: string, activity: Partial<Activity>): Promise<boolean>;
  /** Starts the main dialog's callback offer with this text; false when it did not reach the citizen. */
  offerCallback(conversationId: string, text: string): Promise<boolean>;
}

type MessageEvent = Exclude<CitizenEvent, { kind: 'timed-out' }>;

/** What the citizen reads of an event. */
export function handoffEventReply(event: MessageEvent): Reply {
  switch (event.kind) {
    case 'connected':
      return { text: connectedText(event.agent), format: 'plain' };
    case 'agent-message': {
      // What a person typed goes out as plain text under their name; whether it asks something is read off it,
      // as for any message that does not say so itself.
      const text = agentMessageText(event.agent, event.text);
      return { text, format: 'plain', speaker: agentSpeaker(event.agent), relayed: true, expectsAnswer: asksQuestion(text) };
    }
    case 'ended-by-agent':
      return { text: agentEndedText(event.agent), format: 'plain', expectsAnswer: true, suggestions: [...AFTER_HANDOFF_SUGGESTIONS] };
    case 'transferred':
      return { text: TRANSFERRED };
    case 'agent-lost':
      return { text: AGENT_LOST };
    case 'position-changed':
      return { text: positionUpdateText(event.position, event.waitMinutes) };
  }
}

/** The text of the callback offer after nobody accepted in time. */
export function timedOutOfferText(): string {
  return noAgentOfferText('timeout');
}

export class HandoffNotifier implements CitizenNotifier {
  constructor(private readonly outlet: CitizenOutlet) {}

  notify(event: CitizenEvent): Promise<boolean> {
    if (event.kind === 'timed-out') return this.outlet.offerCallback(event.conversationId, timedOutOfferText());
    return this.outlet.send(event.conversationId, toActivity(handoffEventReply(event)));
  }
}
