/**
 * The bot's side of the self-hosted Direct Line: what the bot sends into one of its conversations (a reply,
 * or a proactive message through continueConversationAsync) is stored and announced to every stream of the
 * conversation, on every instance. The adapter (bot/adapter/assistantAdapter.ts) hands such activities here
 * in-process; this needs only the store and the events, so it exists before the adapter that uses it.
 */
import type { Activity, ResourceResponse } from 'botbuilder';
import type { LocalChannel } from '../adapter/assistantAdapter';
import type { Logger } from '../logger';
import type { EventBus } from '../storage/events';
import type { DirectLineStore } from './directLineStore';
import { DirectLineError } from './errors';

export const CHANNEL_ID = 'directline';
/** Marks conversations of this server's own Direct Line; never a reachable URL, never accepted from outside. */
export const LOCAL_SERVICE_URL = 'https://directline.local/kommune-assistant';
/** New activities of a conversation are announced on this topic (streams on every instance read them). */
export const TOPIC_ACTIVITY = 'directline.activity';

export type ActivityRecord = Record<string, unknown>;

/** The bot as the Direct Line names it in activities. */
export interface BotIdentity {
  id: string;
  name: string;
}

/** Every stream of the conversation, on every instance, reads what is new. */
export async function announceActivity(events: EventBus, log: Logger, conversationId: string): Promise<void> {
  try {
    await events.publish(TOPIC_ACTIVITY, { conversationId });
  } catch (err) {
    // Stored all the same: a polling client gets it, a stream with its next activity or reconnect.
    log.warn({ err: (err as Error).message }, 'Direct Line activity not announced');
  }
}

export class DirectLineChannel implements LocalChannel {
  constructor(
    private readonly store: DirectLineStore,
    private readonly events: EventBus,
    private readonly bot: BotIdentity,
    private readonly log: Logger,
  ) {}

  /**
   * Only the server itself sets this serviceUrl (/api/messages refuses it from outside), and `receive` looks
   * the conversation up anyway: no database read here, once per reply.
   */
  owns(activity: Partial<Activity>): boolean {
    return activity.channelId === CHANNEL_ID && activity.serviceUrl === LOCAL_SERVICE_URL;
  }

  /** The bot's activity in a conversation of ours (a reply, or a proactive message). */
  async receive(conversationId: string, sent: Partial<Activity>): Promise<ResourceResponse> {
    const conversation = await this.store.conversation(conversationId);
    if (!conversation) throw new DirectLineError(404, 'NotFound', `Unknown Direct Line conversation.`);
    const { activity } = await this.store.append(conversation.id, (id) => ({
      ...(sent as ActivityRecord),
      id,
      timestamp: new Date().toISOString(),
      channelId: CHANNEL_ID,
      conversation: { id: conversation.id },
      from: { id: this.bot.id, name: this.bot.name, ...((sent.from as object | undefined) ?? {}), role: 'bot' },
      recipient: { id: conversation.userId, role: 'user' },
      serviceUrl: undefined,
    }));
    await announceActivity(this.events, this.log, conversation.id);
    return { id: activity.id as string };
  }
}
