/**
 * The bot: per turn it resolves the conversation's Kommune, runs the main dialog and saves the state.
 * Channel concerns stay in server.ts; conversation logic stays in dialogs/.
 */
import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { TENANT_KEY, type MainDialog } from '../dialogs/mainDialog';
import { forgetRequested } from '../dialogs/deleteDataDialog';
import { tooLongAnswer } from '../dialogs/answers/turnAnswers';
import { toActivity } from '../dialogs/replyActivity';
import type { TenantResolver } from './tenant';
import { conversationTag, type Logger } from './logger';
import { heldReplies } from './holdReplies';
import { ETagConflictError } from './storage/sqlStorage';
import { LocalTurnLock, type TurnLock } from './storage/turnLock';

/** How often a turn is run when other turns keep changing the conversation first. */
const TURN_ATTEMPTS = 3;

/** Longest message the assistant reads; longer ones get a polite request to shorten them. */
export const MAX_MESSAGE_CHARS = 2000;

export class AssistantBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly dialog: MainDialog,
    private readonly tenants: TenantResolver,
    private readonly log: Logger,
    /** Deletes what other stores keep of a conversation (transcript, queue, callback tickets, Direct Line). */
    private readonly forgetElsewhere: (conversationId: string) => Promise<void> = async () => undefined,
    /** Told when a turn runs again after a conflict (metrics). */
    private readonly observeConflict: () => void = () => undefined,
    /** Runs turns of one conversation one at a time (across instances with PostgreSQL). */
    private readonly turnLock: TurnLock = new LocalTurnLock({ log }),
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');

    this.onMessage(async (context, next) => {
      await this.prepare(context);
      if ((context.activity.text ?? '').length > MAX_MESSAGE_CHARS) {
        // Nobody asks a question in this much text; answering part of it would be a guess.
        await context.sendActivity(toActivity(tooLongAnswer(this.dialog.textsOf(context))));
        await next();
        return;
      }
      await this.dialog.run(context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (joined.length > 0) {
        await this.prepare(context);
        await this.dialog.greet(context);
      }
      await next();
    });
  }

  private async prepare(context: TurnContext): Promise<string> {
    const tenant = await this.tenants.resolve(context);
    context.turnState.set(TENANT_KEY, tenant);
    this.log.info({ conversation: conversationTag(context.activity.conversation?.id), tenant, type: context.activity.type }, 'turn');
    return tenant;
  }

  /** The conversation's Kommune (kept in conversation state, like in a normal turn). */
  async tenantOf(context: TurnContext): Promise<string> {
    const tenant = await this.prepare(context);
    await this.conversationState.saveChanges(context, false);
    return tenant;
  }

  /**
   * Offers a callback in this context (a proactive turn after a queue timeout, or a failed platform handoff):
   * the dialog state is loaded and saved as in a normal turn, but only once the offer has reached the citizen:
   * an offer the channel refused is not remembered as pending (the citizen's next message would be taken as
   * its answer).
   */
  async offerCallback(context: TurnContext, text: string): Promise<void> {
    await this.prepare(context);
    await this.dialog.offerCallback(context, this.dialogState, text);
    await heldReplies(context).release();
    await this.conversationState.saveChanges(context, false);
  }

  /**
   * One turn, after the turns of the same conversation that came before it, on this instance or (PostgreSQL)
   * any other: a double-click, a client's retry or two messages sent at once are answered one after the other
   * instead of racing for the state. Should a turn run without the lock (it waited too long), the save still
   * uses optimistic concurrency (runAttempts).
   */
  override async run(context: TurnContext): Promise<void> {
    const conversation = context.activity.conversation?.id;
    if (!conversation) return this.runAttempts(context);
    return this.turnLock.run(conversation, () => this.runAttempts(context));
  }

  /**
   * One turn, saved with optimistic concurrency: when another turn saved the conversation first (one that ran
   * without the lock, or a proactive turn), this one runs again on the fresh state, up to TURN_ATTEMPTS times.
   */
  private async runAttempts(context: TurnContext): Promise<void> {
    const replies = heldReplies(context);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.runOnce(context);
        break;
      } catch (err) {
        if (!(err instanceof ETagConflictError) || attempt >= TURN_ATTEMPTS) throw err;
        replies.discard();
        this.observeConflict();
        this.log.info(
          { conversation: conversationTag(context.activity.conversation?.id), attempt },
          'conversation changed meanwhile: turn runs again on the fresh state',
        );
        await this.conversationState.load(context, true);
      }
    }
    if (forgetRequested(context)) {
      // Once the confirmation has gone out (and with it into the transcript and the Direct Line history), so
      // that nothing of the conversation stays behind.
      await replies.release();
      await this.conversationState.delete(context);
      await this.forgetElsewhere(context.activity.conversation.id);
      this.log.info({ conversation: conversationTag(context.activity.conversation.id) }, 'conversation data deleted on request');
    }
  }

  private async runOnce(context: TurnContext): Promise<void> {
    await super.run(context);
    // A conversation to be forgotten is not saved: it is deleted after the turn (run).
    if (!forgetRequested(context)) await this.conversationState.saveChanges(context, false);
  }
}
