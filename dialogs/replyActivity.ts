/** Turns a Reply into a Bot Framework message activity: the one place where answers meet the SDK. */
import { ActionTypes, CardFactory, InputHints, MessageFactory, type Activity } from 'botbuilder';
import type { ButtonValue, Reply } from './answers/reply';
import { forTheEar } from './voice';

export function toActivity(reply: Reply): Partial<Activity> {
  const activity = MessageFactory.text(reply.text, undefined, reply.expectsAnswer ? InputHints.ExpectingInput : InputHints.AcceptingInput);
  activity.textFormat = 'markdown';
  activity.locale = 'de-DE';
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
  // Plain text: bot/voiceMiddleware wraps it in the Kommune's voice.
  if (reply.ssml) activity.speak = reply.ssml;
  else if (reply.speak) activity.speak = forTheEar(reply.speak);
  return activity;
}

/** The value of a button the citizen pressed (messageBack, or a card's submit), when it is one of ours. */
export function buttonValueOf(activity: Partial<Activity>): ButtonValue | undefined {
  const value = activity.value as Partial<ButtonValue> | undefined;
  return value && typeof value === 'object' && typeof value.service === 'string' ? { service: value.service } : undefined;
}
