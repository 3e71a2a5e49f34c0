/**
 * An agent's messages on their way to the citizen. A message is stored before it is sent; it counts as delivered
 * once the citizen's channel took it, and the leader sends the undelivered ones again (retryUndelivered).
 */
import type { CitizenNotifier } from '../../dialogs/handoffPort';
import type { HandoffStore, Message } from './handoffStore';

/** An undelivered agent message younger than this is left to the instance that is sending it. */
const RETRY_AFTER_MS = 5000;
/** Attempts per message and process before it is given up. */
const MAX_ATTEMPTS = 8;

export class AgentMessages {
  /** Failed attempts per message, and when the next one is due (this process only). */
  private readonly attempts = new Map<number, { attempts: number; nextAt: number }>();

  constructor(
    private readonly store: HandoffStore,
    private readonly notifier: CitizenNotifier,
  ) {}

  /**
   * Sends a stored agent message to the citizen, named by the agent's display name (from the agent's account when
   * it is sent again later), never by the login name that `author` keeps for the console. True once delivered.
   */
  async deliver(m: Message, displayName?: string | null): Promise<boolean> {
    const agent = displayName !== undefined ? displayName : await this.displayNameOf(m.author);
    const ok = await this.notifier.notify({ kind: 'agent-message', conversationId: m.conversationId, agent, text: m.text });
    if (ok) {
      await this.store.markDelivered(m.id);
      this.attempts.delete(m.id);
    }
    return ok;
  }

  /**
   * Undelivered agent messages, with growing pauses; given up for this process after 8 attempts. Only
   * messages older than a few seconds: a younger one is still being delivered by the instance it came from.
   */
  async retryUndelivered(now: number): Promise<void> {
    for (const m of await this.store.undeliveredToCitizens()) {
      if (now - m.at < RETRY_AFTER_MS) continue;
      const state = this.attempts.get(m.id) ?? { attempts: 0, nextAt: 0 };
      if (state.attempts >= MAX_ATTEMPTS || state.nextAt > now) continue;
      if (await this.deliver(m)) continue;
      state.attempts += 1;
      state.nextAt = now + Math.min(60_000, 1000 * 2 ** state.attempts);
      this.attempts.set(m.id, state);
    }
  }

  private async displayNameOf(login: string | null): Promise<string | null> {
    return login === null ? null : ((await this.store.agentByName(login))?.displayName ?? null);
  }
}
