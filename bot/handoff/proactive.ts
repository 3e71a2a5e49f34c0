/**
 * Messages to a citizen outside their own turn, on every channel: continueConversationAsync with the
 * stored ConversationReference sends to the channel's serviceUrl (Bot Framework connector, Direct Line,
 * or a test connector). It delivers what dialogs/handoffNotifier.ts has worded and rendered, and starts the main
 * dialog's callback offer; it composes nothing itself.
 */
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { CitizenOutlet } from '../../dialogs/handoffNotifier';
import { speakerOf } from '../../dialogs/replyActivity';
import { conversationTag, type Logger } from '../logger';
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

/**
 * Everything sent in this turn names `speaker` as its sender. Sending puts the conversation reference's bot account
 * in `from`; its id stays (channels take messages from their bot only), the name becomes the person's.
 */
function spokenBy(context: TurnContext, speaker: string): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) if (activity.from) activity.from = { ...activity.from, name: speaker };
    return next();
  });
}

export class ProactiveDelivery implements CitizenOutlet {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly store: HandoffStore,
    /** Starts the main dialog's callback offer in this context (AssistantBot.offerCallback). */
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

  send(conversationId: string, activity: Partial<Activity>): Promise<boolean> {
    return this.continue(conversationId, async (context) => {
      const speaker = speakerOf(activity);
      if (speaker) spokenBy(context, speaker);
      await context.sendActivity(activity);
    });
  }

  offerCallback(conversationId: string, text: string): Promise<boolean> {
    return this.continue(conversationId, (context) => this.offer(context, text));
  }
}
