/**
 * Middleware, in front of all others: holds back what a turn sends until the turn is done and its state is
 * saved. When the save meets a conflict, the bot runs the turn again on the fresh state and discards the
 * earlier attempt's replies, so that the citizen sees, and the transcript keeps, only the replies of the
 * attempt that counted. Being first, its send handler runs before the others (the transcript's among them),
 * and each held send keeps its own continuation of the send pipeline, which runs on release.
 */
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from './logger';

/** What a turn has sent so far, held back until the turn's state is saved. */
export interface HeldReplies {
  /** Sends what is held, and from then on sends at once. */
  release(): Promise<void>;
  /** Forgets what is held (the attempt that sent it did not count). */
  discard(): void;
}

const HELD_REPLIES = Symbol('heldReplies');

/** The turn's held replies (the HoldReplies middleware must be in front). */
export function heldReplies(context: TurnContext): HeldReplies {
  const replies = context.turnState.get(HELD_REPLIES) as HeldReplies | undefined;
  if (!replies) throw new Error('the HoldReplies middleware must be in front of the others');
  return replies;
}

interface HeldSend {
  activities: Partial<Activity>[];
  send: () => Promise<ResourceResponse[]>;
}

export class HoldReplies implements Middleware {
  constructor(private readonly log: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    let held: HeldSend[] = [];
    let holding = true;
    context.onSendActivities(async (_ctx, activities: Partial<Activity>[], send) => {
      if (!holding) return send();
      held.push({ activities, send });
      return activities.map(() => ({ id: '' }));
    });
    const log = this.log;
    const replies: HeldReplies = {
      async release() {
        holding = false;
        const sends = held;
        held = [];
        let failed: unknown;
        for (const { activities, send } of sends) {
          try {
            await send();
          } catch (err) {
            // What the citizen should read or hear failing fails the turn (its error handler apologises). An
            // event for a contact-center platform (handoff.initiate) that the channel refuses does not: the
            // citizen's own replies still go out.
            if (activities.some((a) => a.type === 'message')) failed ??= err;
            else log.warn({ err: (err as Error).message.slice(0, 200), types: activities.map((a) => a.type) }, 'event not sent');
          }
        }
        if (failed !== undefined) throw failed;
      },
      discard() {
        held = [];
      },
    };
    context.turnState.set(HELD_REPLIES, replies);
    try {
      await next();
    } catch (err) {
      // What was said before the error goes out, and the error handler's apology after it.
      await replies.release().catch(() => undefined);
      throw err;
    }
    await replies.release();
  }
}
