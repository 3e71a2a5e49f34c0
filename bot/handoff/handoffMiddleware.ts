/**
 * Middleware in front of the bot: keeps the conversation reference (for proactive messages) and the
 * transcript (citizen and bot lines, for the agent), and while a conversation is with an agent routes the
 * citizen's messages to the queue (and on to the agent) instead of the dialog. It also takes `handoff.status` events from a
 * contact-center platform. Texts are stored, never logged. What it answers in the citizen's turn is worded in
 * dialogs/answers/handoffAnswers.ts and rendered by toActivity, like every reply.
 *
 * The citizen's language (the contract with the dialogs, see citizenLanguage.ts): a bot reply in a conversation that
 * is not German carries `channelData.language` (ISO 639-1) and, when the German wording is known,
 * `channelData.original`; both are recorded beside the reply's text, for the agent. What this middleware answers a
 * waiting citizen is in the language the handoff was requested in (the handoff row's), German when it named none.
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
import type { Reply } from '../../dialogs/answers/reply';
import { GERMAN, replyLanguage } from './citizenLanguage';
import { setBounded } from '../boundedMap';
import type { CitizenQueue } from './citizenQueue';
import { MAX_RELAYED_MESSAGE_CHARS, type HandoffStore } from './handoffStore';

export interface RelayHooks {
  /** Starts the callback offer of the main dialog in this turn. */
  offerCallback(context: TurnContext, text: string): Promise<void>;
  /** The conversation's tenant (resolved as the bot does). */
  tenantOf(context: TurnContext): Promise<string>;
  /**
   * The reply texts of a Kommune (the default Kommune's for an unknown or no id), in `language` (ISO 639-1; German
   * when undefined or not one of the Kommune's languages).
   */
  textsFor(tenant: string | undefined, language?: string): Texts;
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

    // What the bot says goes into the transcript, except relayed agent messages (stored as such already). Recorded
    // once the rest of the send pipeline has run: the voice middleware after this one gives a reply in another
    // language its channelData.language. Recorded when the send failed too (the transcript says what was said).
    context.onSendActivities(async (_ctx, activities: Partial<Activity>[], nextSend: () => Promise<ResourceResponse[]>) => {
      try {
        return await nextSend();
      } finally {
        await this.record(conversationId, activities);
      }
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
      // In the words of the Kommune the handoff was asked for, in the language it was asked in (the handoff's row
      // knows both: no state to read).
      case 'queued':
        await context.sendActivity(
          this.answer(action.tenant, action.language, (texts) => stillQueuedAnswer(texts, action.position, action.waitMinutes)),
        );
        return;
      case 'left':
        await context.sendActivity(this.answer(action.tenant, action.language, leftQueueAnswer));
        return;
      case 'ended':
        await context.sendActivity(this.answer(action.tenant, action.language, citizenEndedAnswer));
        return;
      case 'relayed':
      case 'external':
        // The agent (or the platform) answers; the bot stays silent.
        return;
    }
  }

  /**
   * An answer of the handoff to the citizen, in the Kommune's words in `language`. Not German, it keeps the contract
   * of every reply (citizenLanguage.ts): channelData.language, and the same answer in German as channelData.original.
   */
  private answer(tenant: string, language: string | undefined, answer: (texts: Texts) => Reply): Partial<Activity> {
    const activity = toActivity(answer(this.hooks.textsFor(tenant, language)));
    if (language && language !== GERMAN) {
      const original = answer(this.hooks.textsFor(tenant)).text;
      activity.channelData = { ...(activity.channelData as object | undefined), language, original };
    }
    return activity;
  }

  /** The bot's messages of one send, with their language and German original (channelData.language / .original). */
  private async record(conversationId: string, activities: Partial<Activity>[]): Promise<void> {
    for (const a of activities) {
      if (a.type !== 'message' || typeof a.text !== 'string' || a.text === '' || isRelayed(a)) continue;
      const { language, original } = replyLanguage(a);
      // A transcript that cannot be written (the database is away) does not fail the reply: the citizen at least
      // hears the apology.
      await this.store
        .addMessage({ conversationId, sender: 'bot', text: a.text, at: this.clock(), language, original })
        .catch((err: Error) => this.log.warn({ err: err.message }, 'bot reply not recorded in the transcript'));
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
    if (outcome === 'ignored') return;
    // The language of the conversation's handoff (the citizen's own request, which the platform took over).
    const language = await this.store.conversationLanguage(conversationId).catch(() => undefined);
    if (outcome === 'accepted') await context.sendActivity(this.answer(tenant, language, externalAcceptedAnswer));
    else if (outcome === 'completed') await context.sendActivity(this.answer(tenant, language, platformEndedAnswer));
    else if (outcome === 'failed')
      await this.hooks.offerCallback(context, noAgentOfferText(this.hooks.textsFor(tenant, language), 'timeout'));
  }
}
