/** Turns a Reply into a Bot Framework message activity: the one place where answers meet the SDK. */
import { ActionTypes, CardFactory, InputHints, MessageFactory, type Activity } from 'botbuilder';
import type { Reply } from './answers/reply';
import { forTheEar } from './voice';

export function toActivity(reply: Reply): Partial<Activity> {
  const activity = MessageFactory.text(reply.text, undefined, reply.expectsAnswer ? InputHints.ExpectingInput : InputHints.AcceptingInput);
  activity.textFormat = 'markdown';
  activity.locale = 'de-DE';
  if (reply.suggestions?.length) {
    activity.suggestedActions = {
      to: [],
      actions: reply.suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s, value: s })),
    };
  }
  if (reply.card) activity.attachments = [CardFactory.adaptiveCard(reply.card)];
  // Plain text: bot/voiceMiddleware wraps it in the Kommune's voice.
  if (reply.ssml) activity.speak = reply.ssml;
  else if (reply.speak) activity.speak = forTheEar(reply.speak);
  return activity;
}
