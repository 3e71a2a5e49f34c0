/**
 * The one place that decides what a citizen is told of a handoff outside their own turn: each CitizenEvent of the
 * handoff machinery (bot/handoff) becomes a Reply in the wording of answers/handoffAnswers.ts, rendered by
 * toActivity like every other reply, and handed to a CitizenOutlet (bot/handoff/proactive.ts) that only delivers
 * it. A timeout is no message but the start of the callback offer, which the main dialog runs.
 */
import type { Activity } from 'botbuilder';
import type { Texts } from '../knowledge/texts/texts';
import {
  afterHandoffSuggestions,
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

/** What the citizen reads of an event, in the words of the conversation's Kommune. */
export function handoffEventReply(texts: Texts, event: MessageEvent): Reply {
  switch (event.kind) {
    case 'connected':
      return { text: connectedText(texts, event.agent), format: 'plain' };
    case 'agent-message': {
      // What a person typed goes out as plain text under their name; whether it asks something is read off it,
      // as for any message that does not say so itself.
      const text = agentMessageText(texts, event.agent, event.text);
      return { text, format: 'plain', speaker: agentSpeaker(texts, event.agent), relayed: true, expectsAnswer: asksQuestion(text) };
    }
    case 'ended-by-agent':
      return {
        text: agentEndedText(texts, event.agent),
        format: 'plain',
        expectsAnswer: true,
        suggestions: afterHandoffSuggestions(texts),
      };
    case 'transferred':
      return { text: texts.render('uebergabe.weitergegeben') };
    case 'agent-lost':
      return { text: texts.render('uebergabe.verbindungAbgebrochen') };
    case 'position-changed':
      return { text: positionUpdateText(texts, event.position, event.waitMinutes) };
  }
}

/** The text of the callback offer after nobody accepted in time. */
export function timedOutOfferText(texts: Texts): string {
  return noAgentOfferText(texts, 'timeout');
}

/**
 * The texts of a conversation's Kommune (the one its handoff was requested for), or the default Kommune's when the
 * conversation's is not known (any more).
 */
export type ConversationTexts = (conversationId: string) => Promise<Texts>;

export class HandoffNotifier implements CitizenNotifier {
  constructor(
    private readonly outlet: CitizenOutlet,
    private readonly textsOf: ConversationTexts,
  ) {}

  async notify(event: CitizenEvent): Promise<boolean> {
    const texts = await this.textsOf(event.conversationId);
    if (event.kind === 'timed-out') return this.outlet.offerCallback(event.conversationId, timedOutOfferText(texts));
    return this.outlet.send(event.conversationId, toActivity(handoffEventReply(texts, event)));
  }
}
