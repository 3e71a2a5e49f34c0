/**
 * Turns a Reply into a Bot Framework message activity: the one place where answers meet the SDK, for every sender
 * (the dialogs, the queue's notices, an agent's relayed message, the apology for a failed turn).
 */
import { ActionTypes, CardFactory, InputHints, MessageFactory, type Activity, type ChannelAccount } from 'botbuilder';
import type { ButtonValue, Reply } from './answers/reply';

export function toActivity(reply: Reply): Partial<Activity> {
  const activity = MessageFactory.text(reply.text, undefined, reply.expectsAnswer ? InputHints.ExpectingInput : InputHints.AcceptingInput);
  activity.textFormat = reply.format ?? 'markdown';
  activity.locale = 'de-DE';
  // Sending puts the bot's account in `from` (the conversation reference): whoever sends a reply with a speaker keeps
  // this name on it (bot/handoff/proactive.ts).
  if (reply.speaker) activity.from = { name: reply.speaker } as ChannelAccount;
  if (reply.relayed) activity.channelData = { relay: true } satisfies RelayChannelData;
  if (reply.suggestions?.length) {
    activity.suggestedActions = {
      to: [],
      actions: reply.suggestions.map((s) => {
        const value = reply.buttonValues?.[s];
        return value
          ? { type: ActionTypes.MessageBack, title: s, text: s, displayText: s, value }
          : { type: ActionTypes.ImBack, title: s, value: s };
      }),
    };
  }
  if (reply.card) activity.attachments = [CardFactory.adaptiveCard(reply.card)];
  // Plain text: bot/voiceMiddleware renders it for the ear of the reply's language and wraps it in its voice.
  if (reply.ssml) activity.speak = reply.ssml;
  else if (reply.speak) activity.speak = reply.speak;
  return activity;
}

/**
 * Channel data that marks an activity as relayed from an agent: not recorded again as a bot message. It names no
 * agent: the citizen's channel gets the display name in `from.name`, never the login name.
 */
export interface RelayChannelData {
  relay: true;
}

/** True for an agent's message relayed to the citizen (see RelayChannelData). */
export function isRelayed(activity: Partial<Activity>): boolean {
  return (activity.channelData as Partial<RelayChannelData> | undefined)?.relay === true;
}

/** The name a rendered reply names as its speaker (Reply.speaker), if it is not the assistant's. */
export function speakerOf(activity: Partial<Activity>): string | undefined {
  return activity.from?.name || undefined;
}

/** The value of a button the citizen pressed (messageBack, or a card's submit), when it is one of ours. */
export function buttonValueOf(activity: Partial<Activity>): ButtonValue | undefined {
  const value = activity.value as Partial<ButtonValue> | undefined;
  return value && typeof value === 'object' && typeof value.service === 'string' ? { service: value.service } : undefined;
}
