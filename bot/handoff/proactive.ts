/**
 * Messages to a citizen outside their own turn, on every channel: continueConversationAsync with the
 * stored ConversationReference sends to the channel's serviceUrl (Bot Framework connector, Direct Line,
 * or a test connector). A conversation reference puts the bot in `from`; a message spoken by someone else
 * (an agent) names that person in `from.name`, the bot's id stays (channels take messages from their bot only).
 */
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { conversationTag, type Logger } from '../logger';
import type { CitizenChannel, SendOptions } from './hub';
import type { HandoffStore } from './handoffStore';

/**
 * A proactive turn's activity is the continuation event, with a fresh id that no client has seen, and botbuilder
 * makes everything sent in that turn a reply to it (`replyToId`). Web Chat holds an incoming activity whose
 * `replyToId` names an activity it does not have, for about five seconds ("Timed out while waiting for activity
 * … is replying to"). A proactive message answers nothing the citizen sent: it goes out without `replyToId`.
 */
export function sendWithoutReplyTo(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

/** Everything sent in this turn names `speaker` as its sender (the bot's id, the person's name). */
function spokenBy(context: TurnContext, speaker: string): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) if (activity.from) activity.from = { ...activity.from, name: speaker };
    return next();
  });
}

export class ProactiveChannel implements CitizenChannel {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly store: HandoffStore,
    private readonly offer: (context: TurnContext, text: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  private async continue(conversationId: string, logic: (context: TurnContext) => Promise<void>): Promise<boolean> {
    const reference = (await this.store.reference(conversationId)) as Partial<ConversationReference> | undefined;
    if (!reference?.serviceUrl) return false;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        sendWithoutReplyTo(context);
        await logic(context);
      });
      return true;
    } catch (err) {
      // The channel may be unreachable (a test channel, a closed browser): the caller keeps what must not be lost.
      this.log.warn(
        { conversation: conversationTag(conversationId), err: (err as Error).message.slice(0, 200) },
        'proactive message not delivered',
      );
      return false;
    }
  }

  send(conversationId: string, activity: Partial<Activity>, options: SendOptions = {}): Promise<boolean> {
    return this.continue(conversationId, async (context) => {
      if (options.speaker) spokenBy(context, options.speaker);
      await context.sendActivity(activity);
    });
  }

  offerCallback(conversationId: string, text: string): Promise<boolean> {
    return this.continue(conversationId, (context) => this.offer(context, text));
  }
}
