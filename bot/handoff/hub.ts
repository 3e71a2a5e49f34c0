/**
 * The handoff hub: the queue, the agents' live connections and the relay between citizen and agent.
 *
 * State that matters lives in the HandoffStore (SQLite), so a restart loses nothing: the hub only keeps
 * who is connected right now. A periodic tick, restart-safe because it reads the store, applies the rules
 * that depend on time: no accept within the timeout → callback offer; an agent gone for longer than the
 * grace period → the citizen goes back to the front of the queue; a better queue position → the citizen is
 * told; agent messages the channel did not take → delivered again.
 */
import type { Activity } from 'botbuilder';
import type { HandoffConfig } from '../config';
import type { Logger } from '../logger';
import {
  AGENT_LOST, AFTER_HANDOFF_SUGGESTIONS, TICKET_RETENTION_DAYS, TRANSFERRED, agentEndedText, connectedText, isCancel, noAgentOfferText, positionUpdateText,
} from '../../dialogs/answers/handoffAnswers';
import type { HandoffRequest } from '../../dialogs/handoffPort';
import { MAX_MESSAGE_CHARS, type Handoff, type HandoffStore, type Message } from './store';

/** Reaches the citizen outside their own turn (bot/handoff/proactive.ts: continueConversationAsync). */
export interface CitizenChannel {
  send(conversationId: string, activity: Partial<Activity>): Promise<boolean>;
  /** Starts the callback offer of the main dialog in the citizen's conversation. */
  offerCallback(conversationId: string, text: string): Promise<boolean>;
}

/** The agent's side of a WebSocket, reduced to what the hub needs (tests can fake it). */
export interface AgentSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface AgentConnection { agentId: number; name: string; socket: AgentSocket }

export type CitizenAction =
  | { kind: 'none' }
  | { kind: 'queued'; position: number; waitMinutes: number }
  | { kind: 'left' }
  | { kind: 'relayed' }
  | { kind: 'ended' }
  | { kind: 'external' };

export interface TranscriptLine { id: number; sender: string; author: string | null; text: string; at: number }

/** What the console shows of a handoff. */
export interface HandoffView {
  id: string;
  tenant: string;
  tenantName: string;
  topic: string;
  intent: string | null;
  service: string | null;
  reason: string;
  status: string;
  queuedAt: number;
  acceptedAt: number | null;
  position?: number;
  transcript: TranscriptLine[];
}

/** Channel data that marks an activity as relayed from an agent: not recorded again as a bot message. */
export interface RelayChannelData { relay: true; agent?: string }

const line = (m: Message): TranscriptLine => ({ id: m.id, sender: m.sender, author: m.author, text: m.text, at: m.at });

export class HandoffHub {
  private readonly connections = new Set<AgentConnection>();
  /** Agents with open chats but no connection, since when. */
  private readonly disconnectedSince = new Map<number, number>();
  private readonly delivery = new Map<number, { attempts: number; nextAt: number }>();
  private channel: CitizenChannel | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private lastPurge = 0;

  constructor(
    private readonly store: HandoffStore,
    private readonly config: HandoffConfig,
    private readonly tenantName: (id: string) => string,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The channel is built after the adapter and the bot, which need the hub first. */
  attachChannel(channel: CitizenChannel): void { this.channel = channel; }

  start(): void {
    const now = this.clock();
    // After a restart no agent is connected: their chats wait the grace period for them to come back.
    for (const h of this.store.active()) if (h.agentId !== null) this.disconnectedSince.set(h.agentId, now);
    this.timer = setInterval(() => { void this.tick(); }, this.config.tickMilliseconds);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const c of this.connections) c.socket.close(1001, 'server shutting down');
    this.connections.clear();
  }

  agentsOnline(): number {
    return new Set([...this.connections].map((c) => c.agentId)).size;
  }

  // ---- the citizen's side -------------------------------------------------------------------------

  position(handoffId: string): number {
    return this.store.queued().findIndex((h) => h.id === handoffId) + 1;
  }

  waitMinutes(position: number): number {
    return Math.max(1, Math.ceil((position * this.config.averageChatMinutes) / Math.max(1, this.agentsOnline())));
  }

  request(conversationId: string, req: HandoffRequest): { handoff: Handoff; position: number; waitMinutes: number } {
    const handoff = this.store.enqueue({
      conversationId, tenant: req.tenant, intent: req.intent ?? null, service: req.service ?? null, topic: req.topic, reason: req.reason, now: this.clock(),
    });
    const position = Math.max(1, this.position(handoff.id));
    this.store.setAnnouncedPosition(handoff.id, position);
    this.broadcastQueue();
    this.log.info({ handoff: handoff.id, tenant: req.tenant, reason: req.reason, position }, 'citizen queued');
    return { handoff, position, waitMinutes: this.waitMinutes(position) };
  }

  /** A citizen's message while the conversation may be with an agent: what happened to it. */
  citizenMessage(conversationId: string, text: string): CitizenAction {
    const h = this.store.openFor(conversationId);
    if (!h) return { kind: 'none' };
    const now = this.clock();
    if (h.status === 'queued') {
      if (isCancel(text)) {
        this.store.finish(h.id, 'cancelled', 'citizen', now);
        this.broadcastQueue();
        return { kind: 'left' };
      }
      if (text) this.store.addMessage({ conversationId, handoffId: h.id, sender: 'citizen', text, at: now });
      this.broadcastQueue();
      const position = Math.max(1, this.position(h.id));
      return { kind: 'queued', position, waitMinutes: this.waitMinutes(position) };
    }
    if (h.status === 'active') {
      if (isCancel(text)) {
        this.store.finish(h.id, 'ended', 'citizen', now);
        if (h.agentId !== null) {
          this.sendToAgent(h.agentId, { type: 'ended', handoffId: h.id, by: 'citizen' });
          this.sendSessions(h.agentId);
        }
        return { kind: 'ended' };
      }
      if (text) {
        const m = this.store.addMessage({ conversationId, handoffId: h.id, sender: 'citizen', text, at: now });
        if (h.agentId !== null) this.sendToAgent(h.agentId, { type: 'message', handoffId: h.id, message: line(m) });
      }
      return { kind: 'relayed' };
    }
    if (text) this.store.addMessage({ conversationId, handoffId: h.id, sender: 'citizen', text, at: now });
    return { kind: 'external' };
  }

  /**
   * handoff.status from a contact-center platform. Returns what the bot should do next in the citizen's
   * conversation.
   */
  platformStatus(conversationId: string, state: string, tenant: string): 'accepted' | 'completed' | 'failed' | 'ignored' {
    const now = this.clock();
    const open = this.store.openFor(conversationId);
    switch (state) {
      case 'accepted': {
        const h = open ?? this.store.enqueue({ conversationId, tenant, topic: 'Übernahme durch Kontaktcenter', reason: 'agent', now });
        this.store.setExternal(h.id);
        this.broadcastQueue();
        return 'accepted';
      }
      case 'completed':
        if (open) this.store.finish(open.id, 'ended', 'platform', now);
        this.broadcastQueue();
        return 'completed';
      case 'failed':
        if (open) this.store.finish(open.id, 'timeout', 'platform', now);
        this.broadcastQueue();
        return 'failed';
      default:
        return 'ignored';
    }
  }

  // ---- the agents' side ---------------------------------------------------------------------------

  connect(conn: AgentConnection): void {
    this.connections.add(conn);
    this.disconnectedSince.delete(conn.agentId);
    this.sendTo(conn, { type: 'hello', agent: { id: conn.agentId, name: conn.name } });
    this.sendTo(conn, { type: 'queue', items: this.queueView() });
    this.sendTo(conn, { type: 'sessions', items: this.sessionsView(conn.agentId) });
    this.log.info({ agent: conn.agentId }, 'agent connected');
  }

  disconnect(conn: AgentConnection): void {
    this.connections.delete(conn);
    if (![...this.connections].some((c) => c.agentId === conn.agentId)) this.disconnectedSince.set(conn.agentId, this.clock());
    this.log.info({ agent: conn.agentId }, 'agent disconnected');
  }

  /** One command from the console; bad input gets an error message, never an exception. */
  async command(conn: AgentConnection, raw: string): Promise<void> {
    let msg: { type?: unknown; id?: unknown; text?: unknown };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      this.sendTo(conn, { type: 'error', message: 'Ungültige Nachricht (kein JSON).' });
      return;
    }
    if (typeof msg !== 'object' || msg === null || typeof msg.type !== 'string') {
      this.sendTo(conn, { type: 'error', message: 'Ungültige Nachricht.' });
      return;
    }
    if (msg.type === 'ping') { this.sendTo(conn, { type: 'pong' }); return; }
    const id = typeof msg.id === 'string' ? msg.id : '';
    const h = id ? this.store.handoff(id) : undefined;
    if (!h) {
      this.sendTo(conn, { type: 'error', message: 'Dieses Gespräch gibt es nicht (mehr).' });
      return;
    }
    switch (msg.type) {
      case 'accept': return this.accept(conn, h);
      case 'send': return this.agentSend(conn, h, msg.text);
      case 'end': return this.agentEnd(conn, h);
      case 'requeue': return this.requeue(conn, h);
      default:
        this.sendTo(conn, { type: 'error', message: `Unbekannter Befehl „${msg.type.slice(0, 30)}“.` });
    }
  }

  private async accept(conn: AgentConnection, h: Handoff): Promise<void> {
    const accepted = this.store.accept(h.id, conn.agentId, this.clock());
    if (!accepted) {
      this.sendTo(conn, { type: 'error', message: 'Dieses Gespräch wurde bereits angenommen oder beendet.' });
      return;
    }
    this.log.info({ handoff: h.id, agent: conn.agentId }, 'handoff accepted');
    this.sendSessions(conn.agentId);
    this.broadcastQueue();
    await this.channel?.send(h.conversationId, { type: 'message', text: connectedText(conn.name), locale: 'de-DE' });
  }

  private owned(conn: AgentConnection, h: Handoff): boolean {
    if (h.status === 'active' && h.agentId === conn.agentId) return true;
    this.sendTo(conn, { type: 'error', message: 'Dieses Gespräch führen Sie nicht (mehr).' });
    return false;
  }

  private async agentSend(conn: AgentConnection, h: Handoff, text: unknown): Promise<void> {
    if (!this.owned(conn, h)) return;
    if (typeof text !== 'string' || text.trim() === '') {
      this.sendTo(conn, { type: 'error', message: 'Leere Nachricht.' });
      return;
    }
    if (text.length > MAX_MESSAGE_CHARS) {
      this.sendTo(conn, { type: 'error', message: `Die Nachricht ist zu lang (höchstens ${MAX_MESSAGE_CHARS} Zeichen).` });
      return;
    }
    // Persisted before it is sent: if the channel is down now, the tick delivers it later.
    const m = this.store.addMessage({ conversationId: h.conversationId, handoffId: h.id, sender: 'agent', author: conn.name, text: text.trim(), at: this.clock(), delivered: false });
    this.sendToAgent(conn.agentId, { type: 'message', handoffId: h.id, message: line(m) });
    await this.deliver(m);
  }

  private async agentEnd(conn: AgentConnection, h: Handoff): Promise<void> {
    if (!this.owned(conn, h)) return;
    this.store.finish(h.id, 'ended', `agent:${conn.agentId}`, this.clock());
    this.sendToAgent(conn.agentId, { type: 'ended', handoffId: h.id, by: 'agent' });
    this.sendSessions(conn.agentId);
    this.log.info({ handoff: h.id, agent: conn.agentId }, 'handoff ended by agent');
    await this.channel?.send(h.conversationId, {
      type: 'message', text: agentEndedText(conn.name), locale: 'de-DE', inputHint: 'expectingInput',
      suggestedActions: { to: [], actions: AFTER_HANDOFF_SUGGESTIONS.map((s) => ({ type: 'imBack', title: s, value: s })) },
    });
  }

  private async requeue(conn: AgentConnection, h: Handoff): Promise<void> {
    if (!this.owned(conn, h)) return;
    this.store.requeueFront(h.id, this.clock());
    this.sendSessions(conn.agentId);
    this.broadcastQueue();
    await this.channel?.send(h.conversationId, { type: 'message', text: TRANSFERRED, locale: 'de-DE' });
  }

  ticketsChanged(): void {
    this.broadcast({ type: 'tickets-changed' });
  }

  // ---- time-driven rules --------------------------------------------------------------------------

  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.clock();
      let changed = false;
      for (const q of this.store.queued()) {
        if (now - q.queuedAt < this.config.acceptTimeoutSeconds * 1000) continue;
        if (!this.store.finish(q.id, 'timeout', 'system', now)) continue;
        changed = true;
        this.log.info({ handoff: q.id }, 'nobody accepted in time: callback offered');
        await this.channel?.offerCallback(q.conversationId, noAgentOfferText('timeout'));
      }
      for (const a of this.store.active()) {
        if (a.agentId === null || [...this.connections].some((c) => c.agentId === a.agentId)) continue;
        const since = this.disconnectedSince.get(a.agentId) ?? now;
        if (!this.disconnectedSince.has(a.agentId)) this.disconnectedSince.set(a.agentId, now);
        if (now - since < this.config.agentGraceSeconds * 1000) continue;
        if (!this.store.requeueFront(a.id, now)) continue;
        changed = true;
        this.log.info({ handoff: a.id, agent: a.agentId }, 'agent lost: back to the front of the queue');
        await this.channel?.send(a.conversationId, { type: 'message', text: AGENT_LOST, locale: 'de-DE' });
      }
      const queue = this.store.queued();
      for (let i = 0; i < queue.length; i++) {
        const position = i + 1;
        const announced = queue[i].announcedPosition;
        this.store.setAnnouncedPosition(queue[i].id, position);
        // Only improvements are news; the first position was told when the citizen was queued.
        if (announced !== null && position < announced) {
          await this.channel?.send(queue[i].conversationId, { type: 'message', text: positionUpdateText(position, this.waitMinutes(position)), locale: 'de-DE' });
        }
      }
      await this.retryDeliveries(now);
      if (changed) this.broadcastQueue();
      if (now - this.lastPurge > 3600_000) {
        this.lastPurge = now;
        this.store.purgeExpiredSessions(now);
        const removed = this.store.purgeMessagesBefore(now - this.config.transcriptRetentionDays * 86400_000);
        if (removed > 0) this.log.info({ removed }, 'expired transcript lines deleted');
        const tickets = this.store.purgeTicketsBefore(now - TICKET_RETENTION_DAYS * 86400_000);
        if (tickets > 0) {
          this.log.info({ removed: tickets }, 'expired callback tickets deleted');
          this.ticketsChanged();
        }
      }
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'handoff tick failed');
    } finally {
      this.ticking = false;
    }
  }

  private async deliver(m: Message): Promise<boolean> {
    const ok = await this.channel?.send(m.conversationId, {
      type: 'message', text: `${m.author ?? 'Service-Center'} (Service-Center): ${m.text}`, locale: 'de-DE',
      channelData: { relay: true, agent: m.author ?? undefined } satisfies RelayChannelData,
    }) ?? false;
    if (ok) {
      this.store.markDelivered(m.id);
      this.delivery.delete(m.id);
    }
    return ok;
  }

  /** Undelivered agent messages, with growing pauses; given up for this process after 8 attempts. */
  private async retryDeliveries(now: number): Promise<void> {
    for (const m of this.store.undeliveredToCitizens()) {
      const state = this.delivery.get(m.id) ?? { attempts: 0, nextAt: 0 };
      if (state.attempts >= 8 || state.nextAt > now) continue;
      if (await this.deliver(m)) continue;
      state.attempts += 1;
      state.nextAt = now + Math.min(60_000, 1000 * 2 ** state.attempts);
      this.delivery.set(m.id, state);
    }
  }

  // ---- views and broadcasting ---------------------------------------------------------------------

  private view(h: Handoff, limit: number): HandoffView {
    return {
      id: h.id, tenant: h.tenant, tenantName: this.tenantName(h.tenant), topic: h.topic, intent: h.intent, service: h.service,
      reason: h.reason, status: h.status, queuedAt: h.queuedAt, acceptedAt: h.acceptedAt,
      transcript: this.store.transcript(h.conversationId, limit).map(line),
    };
  }

  queueView(): HandoffView[] {
    return this.store.queued().slice(0, 100).map((h, i) => ({ ...this.view(h, 60), position: i + 1 }));
  }

  sessionsView(agentId: number): HandoffView[] {
    return this.store.active().filter((h) => h.agentId === agentId).map((h) => this.view(h, 300));
  }

  private sendTo(conn: AgentConnection, message: unknown): void {
    try {
      conn.socket.send(JSON.stringify(message));
    } catch { /* a closing socket: its close handler cleans up */ }
  }

  private sendToAgent(agentId: number, message: unknown): void {
    for (const c of this.connections) if (c.agentId === agentId) this.sendTo(c, message);
  }

  private sendSessions(agentId: number): void {
    this.sendToAgent(agentId, { type: 'sessions', items: this.sessionsView(agentId) });
  }

  private broadcast(message: unknown): void {
    for (const c of this.connections) this.sendTo(c, message);
  }

  broadcastQueue(): void {
    if (this.connections.size === 0) return;
    this.broadcast({ type: 'queue', items: this.queueView() });
  }
}
