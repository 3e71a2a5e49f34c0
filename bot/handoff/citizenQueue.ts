/**
 * The queue and the citizen's side of a handoff, as the citizen's own turns reach it (HandoffService for the
 * dialogs, HandoffMiddleware for the turns of a conversation that is with an agent): queue a citizen, record and
 * route their messages, take a contact-center platform's status, and say where they stand. It tells no citizen
 * anything outside their turn: what it decides is answered in the turn, by the caller.
 */
import type { HandoffConfig } from '../config';
import type { Logger } from '../logger';
import type { HandoffRequest } from '../../dialogs/handoffPort';
import { isCancel } from '../../intents/shortReplies';
import type { AgentPresence } from './agentPresence';
import { languageCode } from './citizenLanguage';
import type { ConsoleFanout } from './consoleFanout';
import type { Handoff, HandoffStore, Message } from './handoffStore';
import { estimateWaitMinutes } from './waitEstimate';

/** Told when a wait ends (service-level metrics): accepted by an agent, or abandoned before one came. */
export interface WaitObserver {
  accepted(h: Handoff, waitedMs: number): void;
  abandoned(h: Handoff, reason: 'left' | 'timeout', waitedMs: number): void;
}

/** Nobody listens (tests, tools). */
export const UNOBSERVED_WAITS: WaitObserver = { accepted: () => undefined, abandoned: () => undefined };

/**
 * What became of a citizen's message, as the conversation may be queued or with an agent. What the citizen is to be
 * answered carries the handoff's Kommune and language (ISO 639-1; undefined: German), so the answer needs no state.
 */
export type CitizenAction =
  | { kind: 'none' }
  | { kind: 'queued'; tenant: string; language?: string; position: number; waitMinutes: number }
  | { kind: 'left'; tenant: string; language?: string }
  | { kind: 'relayed' }
  | { kind: 'ended'; tenant: string; language?: string }
  | { kind: 'external' };

export type PlatformOutcome = 'accepted' | 'completed' | 'failed' | 'ignored';

export class CitizenQueue {
  constructor(
    private readonly store: HandoffStore,
    private readonly presence: AgentPresence,
    private readonly consoles: ConsoleFanout,
    private readonly config: Pick<HandoffConfig, 'averageChatMinutes'>,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    private readonly waits: WaitObserver = UNOBSERVED_WAITS,
  ) {}

  async agentsOnline(): Promise<number> {
    return (await this.presence.connected(this.clock())).size;
  }

  async position(handoffId: string): Promise<number> {
    return (await this.store.queued()).findIndex((h) => h.id === handoffId) + 1;
  }

  /** The wait told to the citizen at `position`: 0 when a free agent can take them (bot/handoff/waitEstimate.ts). */
  async waitMinutes(position: number): Promise<number> {
    const online = await this.presence.connected(this.clock());
    const busy = new Set((await this.store.active()).flatMap((h) => (h.agentId !== null && online.has(h.agentId) ? [h.agentId] : [])));
    return estimateWaitMinutes({
      position,
      agentsOnline: online.size,
      agentsBusy: busy.size,
      averageChatMinutes: this.config.averageChatMinutes,
    });
  }

  async request(conversationId: string, req: HandoffRequest): Promise<{ handoff: Handoff; position: number; waitMinutes: number }> {
    const handoff = await this.store.enqueue({
      conversationId,
      tenant: req.tenant,
      intent: req.intent ?? null,
      service: req.service ?? null,
      topic: req.topic,
      reason: req.reason,
      now: this.clock(),
      language: languageCode(req.language),
    });
    const position = Math.max(1, await this.position(handoff.id));
    await this.store.setAnnouncedPosition(handoff.id, position);
    await this.consoles.queueChanged();
    this.log.info({ handoff: handoff.id, tenant: req.tenant, reason: req.reason, language: handoff.language, position }, 'citizen queued');
    return { handoff, position, waitMinutes: await this.waitMinutes(position) };
  }

  /**
   * A citizen's message, recorded in the transcript (when it has text); what happened to it, as the
   * conversation may be with an agent.
   */
  async citizenMessage(conversationId: string, text: string): Promise<CitizenAction> {
    const now = this.clock();
    let line: Message | undefined;
    let h: Handoff | undefined;
    if (text) {
      const recorded = await this.store.addCitizenLine(conversationId, text, now);
      line = recorded.message;
      h = recorded.handoffId === null ? undefined : await this.store.handoff(recorded.handoffId);
    } else {
      h = await this.store.openFor(conversationId);
    }
    if (!h) return { kind: 'none' };
    const language = h.language ?? undefined;
    if (h.status === 'queued') {
      if (isCancel(text)) {
        if (await this.store.finish(h.id, 'cancelled', 'citizen', now)) this.waits.abandoned(h, 'left', now - h.queuedAt);
        await this.consoles.queueChanged();
        return { kind: 'left', tenant: h.tenant, language };
      }
      await this.consoles.queueChanged();
      const position = Math.max(1, await this.position(h.id));
      return { kind: 'queued', tenant: h.tenant, language, position, waitMinutes: await this.waitMinutes(position) };
    }
    if (h.status === 'active') {
      if (isCancel(text)) {
        await this.store.finish(h.id, 'ended', 'citizen', now);
        if (h.agentId !== null) {
          await this.consoles.tellAgent({ agentId: h.agentId, kind: 'ended', handoffId: h.id, by: 'citizen' });
          await this.consoles.tellAgent({ agentId: h.agentId, kind: 'sessions' });
        }
        return { kind: 'ended', tenant: h.tenant, language };
      }
      if (line && h.agentId !== null) {
        await this.consoles.tellAgent({ agentId: h.agentId, kind: 'message', handoffId: h.id, messageId: line.id });
      }
      return { kind: 'relayed' };
    }
    return { kind: 'external' };
  }

  /**
   * handoff.status from a contact-center platform. Returns what the bot should do next in the citizen's
   * conversation.
   */
  async platformStatus(conversationId: string, state: string, tenant: string): Promise<PlatformOutcome> {
    const now = this.clock();
    const open = await this.store.openFor(conversationId);
    switch (state) {
      case 'accepted': {
        const h =
          open ?? (await this.store.enqueue({ conversationId, tenant, topic: 'Übernahme durch Kontaktcenter', reason: 'agent', now }));
        await this.store.setExternal(h.id);
        await this.consoles.queueChanged();
        return 'accepted';
      }
      case 'completed':
        if (open) await this.store.finish(open.id, 'ended', 'platform', now);
        await this.consoles.queueChanged();
        return 'completed';
      case 'failed':
        if (open) await this.store.finish(open.id, 'timeout', 'platform', now);
        await this.consoles.queueChanged();
        return 'failed';
      default:
        return 'ignored';
    }
  }
}
