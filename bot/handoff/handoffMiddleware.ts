/**
 * Middleware in front of the bot: keeps the conversation reference (for proactive messages) and the
 * transcript (citizen and bot lines, for the agent), and while a conversation is with an agent routes the
 * citizen's messages to the queue (and on to the agent) instead of the dialog. It also takes `handoff.status` events from a
 * contact-center platform. Texts are stored, never logged. What it answers in the citizen's turn is worded in
 * dialogs/answers/handoffAnswers.ts and rendered by toActivity, like every reply.
 */
import { TurnContext, type Activity, type Middleware, type ResourceResponse } from 'botbuilder';
import {
  citizenEndedAnswer,
  externalAcceptedAnswer,
  leftQueueAnswer,
  noAgentOfferText,
  platformEndedAnswer,
  stillQueuedAnswer,
} from '../../dialogs/answers/handoffAnswers';
import { isRelayed, toActivity } from '../../dialogs/replyActivity';
import type { Texts } from '../../knowledge/texts/texts';
import { conversationTag, type Logger } from '../logger';
import { setBounded } from '../boundedMap';
import type { CitizenQueue } from './citizenQueue';
import { MAX_RELAYED_MESSAGE_CHARS, type HandoffStore } from './handoffStore';

export interface RelayHooks {
  /** Starts the callback offer of the main dialog in this turn. */
  offerCallback(context: TurnContext, text: string): Promise<void>;
  /** The conversation's tenant (resolved as the bot does). */
  tenantOf(context: TurnContext): Promise<string>;
  /** The reply texts of a Kommune (the default Kommune's for an unknown or no id). */
  textsFor(tenant: string | undefined): Texts;
}

/** How many conversations' last saved references are remembered (oldest forgotten first). */
const REMEMBERED_REFERENCES = 10_000;
/** A remembered reference is written again after this long. */
const REFERENCE_REFRESH_MS = 10 * 60 * 1000;

export class HandoffMiddleware implements Middleware {
  /**
   * The reference last saved per conversation, without its activity id. A citizen's next message usually
   * comes from the same place (same serviceUrl, user, bot, conversation), and rewriting the unchanged row
   * was a database write on every turn. The activity id alone is no reason to write: a proactive message is
   * no reply to one particular message of the citizen.
   */
  private readonly savedReferences = new Map<string, { key: string; at: number }>();

  constructor(
    private readonly store: HandoffStore,
    private readonly queue: Pick<CitizenQueue, 'citizenMessage' | 'platformStatus'>,
    private readonly hooks: RelayHooks,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id;
    if (!conversationId || typeof conversationId !== 'string') return next();

    // What the bot says goes into the transcript, except relayed agent messages (stored as such already).
    context.onSendActivities(async (_ctx, activities: Partial<Activity>[], nextSend: () => Promise<ResourceResponse[]>) => {
      for (const a of activities) {
        if (a.type === 'message' && typeof a.text === 'string' && a.text !== '' && !isRelayed(a)) {
          // A reply is not held back because the transcript cannot be written (the database is away):
          // the citizen at least hears the apology.
          await this.store
            .addMessage({ conversationId, sender: 'bot', text: a.text, at: this.clock() })
            .catch((err: Error) => this.log.warn({ err: err.message }, 'bot reply not recorded in the transcript'));
        }
      }
      return nextSend();
    });

    if (activity.type === 'event' && activity.name === 'handoff.status') return this.platformStatus(context, conversationId);
    if (activity.type !== 'message') return next();

    // The latest reference: proactive messages go where the citizen is now.
    await this.saveReference(conversationId, activity);
    const text = typeof activity.text === 'string' ? activity.text.slice(0, MAX_RELAYED_MESSAGE_CHARS).trim() : '';
    const action = await this.queue.citizenMessage(conversationId, text);
    switch (action.kind) {
      case 'none':
        return next();
      // In the words of the Kommune the handoff was asked for (the handoff's row knows it: no state to read).
      case 'queued':
        await context.sendActivity(toActivity(stillQueuedAnswer(this.hooks.textsFor(action.tenant), action.position, action.waitMinutes)));
        return;
      case 'left':
        await context.sendActivity(toActivity(leftQueueAnswer(this.hooks.textsFor(action.tenant))));
        return;
      case 'ended':
        await context.sendActivity(toActivity(citizenEndedAnswer(this.hooks.textsFor(action.tenant))));
        return;
      case 'relayed':
      case 'external':
        // The agent (or the platform) answers; the bot stays silent.
        return;
    }
  }

  private async saveReference(conversationId: string, activity: Partial<Activity>): Promise<void> {
    const reference = TurnContext.getConversationReference(activity);
    const { activityId: _activityId, ...where } = reference;
    const key = JSON.stringify(where);
    const now = this.clock();
    const saved = this.savedReferences.get(conversationId);
    // Written again now and then all the same: it keeps the conversation from expiring while it goes on, and
    // another instance may have deleted it (the citizen's data deletion).
    if (saved?.key === key && now - saved.at < REFERENCE_REFRESH_MS) return;
    await this.store.saveReference(conversationId, reference, undefined, now);
    setBounded(this.savedReferences, conversationId, { key, at: now }, REMEMBERED_REFERENCES);
  }

  /** The conversation's data was deleted (its reference too): the next message saves the reference again. */
  forget(conversationId: string): void {
    this.savedReferences.delete(conversationId);
  }

  private async platformStatus(context: TurnContext, conversationId: string): Promise<void> {
    const value = context.activity.value as { state?: unknown } | undefined;
    const state = typeof value?.state === 'string' ? value.state : '';
    const tenant = await this.hooks.tenantOf(context);
    const outcome = await this.queue.platformStatus(conversationId, state, tenant);
    this.log.info({ conversation: conversationTag(conversationId), state: state.slice(0, 20), outcome }, 'handoff.status');
    const texts = this.hooks.textsFor(tenant);
    if (outcome === 'accepted') await context.sendActivity(toActivity(externalAcceptedAnswer(texts)));
    else if (outcome === 'completed') await context.sendActivity(toActivity(platformEndedAnswer(texts)));
    else if (outcome === 'failed') await this.hooks.offerCallback(context, noAgentOfferText(texts, 'timeout'));
  }
}
