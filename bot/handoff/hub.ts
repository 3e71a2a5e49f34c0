/**
 * The handoff hub: the queue, the agents' live connections and the relay between citizen and agent.
 *
 * State that matters lives in the HandoffStore (SQLite or PostgreSQL), so a restart loses nothing: the hub
 * only keeps who is connected to this instance right now. With several instances, what an agent must see
 * goes through the event bus (ids only; every instance delivers to the consoles connected to it), and
 * which agent is connected anywhere is in the store (agent_presence, renewed every tick).
 *
 * A periodic tick, restart-safe because it reads the store, applies the rules that depend on time, on the
 * leading instance only, so that no citizen hears anything twice: no accept within the timeout → callback
 * offer; an agent gone for longer than the grace period → the citizen goes back to the front of the queue; a
 * better queue position → the citizen is told; agent messages the channel did not take → delivered again.
 */
import type { Activity } from 'botbuilder';
import type { HandoffConfig } from '../config';
import type { Logger } from '../logger';
import { LocalEvents, type EventBus, type EventPayload } from '../storage/events';
import {
  AGENT_LOST,
  AFTER_HANDOFF_SUGGESTIONS,
  TRANSFERRED,
  agentEndedText,
  agentMessageText,
  agentSpeaker,
  connectedText,
  noAgentOfferText,
  positionUpdateText,
} from '../../dialogs/answers/handoffAnswers';
import type { HandoffRequest } from '../../dialogs/handoffPort';
import { isCancel } from '../../intents/shortReplies';
import { MAX_RELAYED_MESSAGE_CHARS, type Handoff, type HandoffStore, type Message } from './handoffStore';
import { estimateWaitMinutes } from './waitEstimate';

export interface SendOptions {
  /** Who speaks, as the citizen is to see it (`from.name`); the bot when not given. */
  speaker?: string;
}

/** Reaches the citizen outside their own turn (bot/handoff/proactive.ts: continueConversationAsync). */
export interface CitizenChannel {
  send(conversationId: string, activity: Partial<Activity>, options?: SendOptions): Promise<boolean>;
  /** Starts the callback offer of the main dialog in the citizen's conversation. */
  offerCallback(conversationId: string, text: string): Promise<boolean>;
}

/** Told when a wait ends (service-level metrics): accepted by an agent, or abandoned before one came. */
export interface WaitObserver {
  accepted(h: Handoff, waitedMs: number): void;
  abandoned(h: Handoff, reason: 'left' | 'timeout', waitedMs: number): void;
}

/** The agent's side of a WebSocket, reduced to what the hub needs (tests can fake it). */
export interface AgentSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface AgentConnection {
  agentId: number;
  /** The login name: shown in the console, never to a citizen. */
  name: string;
  /** The name citizens see; null: a neutral "Mitarbeiterin oder Mitarbeiter des Service-Centers". */
  displayName: string | null;
  socket: AgentSocket;
}

export type CitizenAction =
  | { kind: 'none' }
  | { kind: 'queued'; position: number; waitMinutes: number }
  | { kind: 'left' }
  | { kind: 'relayed' }
  | { kind: 'ended' }
  | { kind: 'external' };

export interface TranscriptLine {
  id: number;
  sender: string;
  author: string | null;
  text: string;
  at: number;
}

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

/**
 * Channel data that marks an activity as relayed from an agent: not recorded again as a bot message. It names no
 * agent: the citizen's channel gets the display name in `from.name`, never the login name.
 */
export interface RelayChannelData {
  relay: true;
}

const TOPIC_AGENT = 'handoff.agent';
const TOPIC_QUEUE = 'handoff.queue';
const TOPIC_TICKETS = 'handoff.tickets';
/** An undelivered agent message younger than this is left to the instance that is sending it. */
const RETRY_AFTER_MS = 5000;

/** What an agent's consoles must show; ids only (see EventBus). */
type AgentEvent =
  | { agentId: number; kind: 'message'; handoffId: string; messageId: number }
  | { agentId: number; kind: 'ended'; handoffId: string; by: string }
  | { agentId: number; kind: 'sessions' };

const line = (m: Message): TranscriptLine => ({ id: m.id, sender: m.sender, author: m.author, text: m.text, at: m.at });

export class HandoffHub {
  private readonly connections = new Set<AgentConnection>();
  /** Agents with open chats but no connection anywhere, since when (leader only). */
  private readonly disconnectedSince = new Map<number, number>();
  private readonly delivery = new Map<number, { attempts: number; nextAt: number }>();
  private channel: CitizenChannel | undefined;
  private waits: WaitObserver | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly store: HandoffStore,
    private readonly config: HandoffConfig,
    private readonly tenantName: (id: string) => string,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    private readonly events: EventBus = new LocalEvents(),
  ) {
    events.subscribe(TOPIC_AGENT, (e) => {
      void this.onAgentEvent(e);
    });
    events.subscribe(TOPIC_QUEUE, () => {
      void this.sendQueueToLocal();
    });
    events.subscribe(TOPIC_TICKETS, () => this.broadcast({ type: 'tickets-changed' }));
  }

  /** The channel is built after the adapter and the bot, which need the hub first. */
  attachChannel(channel: CitizenChannel): void {
    this.channel = channel;
  }

  /** Who hears how waits end (bot/metrics.ts). */
  observeWaits(observer: WaitObserver): void {
    this.waits = observer;
  }

  start(): void {
    this.timer = setInterval(() => {
      void this.tick();
    }, this.config.tickMilliseconds);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const c of this.connections) c.socket.close(1001, 'server shutting down');
    this.connections.clear();
    // This instance's consoles are gone: other instances need not wait for the rows to go stale.
    await this.store.purgePresence(0, this.events.instanceId).catch(() => undefined);
  }

  /** An agent counts as connected while some instance has renewed its presence within this time. */
  private get presenceMs(): number {
    return Math.max(5000, 3 * this.config.tickMilliseconds);
  }

  private localAgents(): number[] {
    return [...new Set([...this.connections].map((c) => c.agentId))];
  }

  /** Agents connected to any instance: present in the store, or connected here (before the first tick). */
  private async connectedAgents(now: number): Promise<Set<number>> {
    return new Set([...(await this.store.presentAgents(now - this.presenceMs)), ...this.localAgents()]);
  }

  async agentsOnline(): Promise<number> {
    return (await this.connectedAgents(this.clock())).size;
  }

  // ---- the citizen's side -------------------------------------------------------------------------

  async position(handoffId: string): Promise<number> {
    return (await this.store.queued()).findIndex((h) => h.id === handoffId) + 1;
  }

  /** The wait told to the citizen at `position`: 0 when a free agent can take them (bot/handoff/waitEstimate.ts). */
  async waitMinutes(position: number): Promise<number> {
    const online = await this.connectedAgents(this.clock());
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
    });
    const position = Math.max(1, await this.position(handoff.id));
    await this.store.setAnnouncedPosition(handoff.id, position);
    await this.queueChanged();
    this.log.info({ handoff: handoff.id, tenant: req.tenant, reason: req.reason, position }, 'citizen queued');
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
    if (h.status === 'queued') {
      if (isCancel(text)) {
        if (await this.store.finish(h.id, 'cancelled', 'citizen', now)) this.waits?.abandoned(h, 'left', now - h.queuedAt);
        await this.queueChanged();
        return { kind: 'left' };
      }
      await this.queueChanged();
      const position = Math.max(1, await this.position(h.id));
      return { kind: 'queued', position, waitMinutes: await this.waitMinutes(position) };
    }
    if (h.status === 'active') {
      if (isCancel(text)) {
        await this.store.finish(h.id, 'ended', 'citizen', now);
        if (h.agentId !== null) {
          await this.tellAgent({ agentId: h.agentId, kind: 'ended', handoffId: h.id, by: 'citizen' });
          await this.tellAgent({ agentId: h.agentId, kind: 'sessions' });
        }
        return { kind: 'ended' };
      }
      if (line && h.agentId !== null) await this.tellAgent({ agentId: h.agentId, kind: 'message', handoffId: h.id, messageId: line.id });
      return { kind: 'relayed' };
    }
    return { kind: 'external' };
  }

  /**
   * handoff.status from a contact-center platform. Returns what the bot should do next in the citizen's
   * conversation.
   */
  async platformStatus(conversationId: string, state: string, tenant: string): Promise<'accepted' | 'completed' | 'failed' | 'ignored'> {
    const now = this.clock();
    const open = await this.store.openFor(conversationId);
    switch (state) {
      case 'accepted': {
        const h =
          open ?? (await this.store.enqueue({ conversationId, tenant, topic: 'Übernahme durch Kontaktcenter', reason: 'agent', now }));
        await this.store.setExternal(h.id);
        await this.queueChanged();
        return 'accepted';
      }
      case 'completed':
        if (open) await this.store.finish(open.id, 'ended', 'platform', now);
        await this.queueChanged();
        return 'completed';
      case 'failed':
        if (open) await this.store.finish(open.id, 'timeout', 'platform', now);
        await this.queueChanged();
        return 'failed';
      default:
        return 'ignored';
    }
  }

  // ---- the agents' side ---------------------------------------------------------------------------

  async connect(conn: AgentConnection): Promise<void> {
    this.connections.add(conn);
    await this.store.markPresent([conn.agentId], this.events.instanceId, this.clock());
    this.sendTo(conn, {
      type: 'hello',
      agent: { id: conn.agentId, name: conn.name, displayName: conn.displayName },
      waitTargetSeconds: this.config.waitTargetSeconds,
    });
    this.sendTo(conn, { type: 'queue', items: await this.queueView() });
    this.sendTo(conn, { type: 'sessions', items: await this.sessionsView(conn.agentId) });
    this.log.info({ agent: conn.agentId }, 'agent connected');
  }

  async disconnect(conn: AgentConnection): Promise<void> {
    this.connections.delete(conn);
    if (!this.localAgents().includes(conn.agentId)) await this.store.markAbsent(conn.agentId, this.events.instanceId);
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
    if (msg.type === 'ping') {
      this.sendTo(conn, { type: 'pong' });
      return;
    }
    const id = typeof msg.id === 'string' ? msg.id : '';
    const h = id ? await this.store.handoff(id) : undefined;
    if (!h) {
      this.sendTo(conn, { type: 'error', message: 'Dieses Gespräch gibt es nicht (mehr).' });
      return;
    }
    switch (msg.type) {
      case 'accept':
        return this.accept(conn, h);
      case 'send':
        return this.agentSend(conn, h, msg.text);
      case 'end':
        return this.agentEnd(conn, h);
      case 'requeue':
        return this.requeue(conn, h);
      default:
        this.sendTo(conn, { type: 'error', message: `Unbekannter Befehl „${msg.type.slice(0, 30)}“.` });
    }
  }

  private async accept(conn: AgentConnection, h: Handoff): Promise<void> {
    const accepted = await this.store.accept(h.id, conn.agentId, this.clock());
    if (!accepted) {
      this.sendTo(conn, { type: 'error', message: 'Dieses Gespräch wurde bereits angenommen oder beendet.' });
      return;
    }
    this.waits?.accepted(accepted, (accepted.acceptedAt ?? h.queuedAt) - h.queuedAt);
    this.log.info({ handoff: h.id, agent: conn.agentId }, 'handoff accepted');
    await this.tellAgent({ agentId: conn.agentId, kind: 'sessions' });
    await this.queueChanged();
    await this.channel?.send(h.conversationId, {
      type: 'message',
      text: connectedText(conn.displayName),
      textFormat: 'plain',
      locale: 'de-DE',
    });
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
    if (text.length > MAX_RELAYED_MESSAGE_CHARS) {
      this.sendTo(conn, { type: 'error', message: `Die Nachricht ist zu lang (höchstens ${MAX_RELAYED_MESSAGE_CHARS} Zeichen).` });
      return;
    }
    // Persisted before it is sent: if the channel is down now, the leader's tick delivers it later.
    const m = await this.store.addMessage({
      conversationId: h.conversationId,
      handoffId: h.id,
      sender: 'agent',
      author: conn.name,
      text: text.trim(),
      at: this.clock(),
      delivered: false,
    });
    await this.tellAgent({ agentId: conn.agentId, kind: 'message', handoffId: h.id, messageId: m.id });
    await this.deliver(m, conn.displayName);
  }

  private async agentEnd(conn: AgentConnection, h: Handoff): Promise<void> {
    if (!this.owned(conn, h)) return;
    await this.store.finish(h.id, 'ended', `agent:${conn.agentId}`, this.clock());
    await this.tellAgent({ agentId: conn.agentId, kind: 'ended', handoffId: h.id, by: 'agent' });
    await this.tellAgent({ agentId: conn.agentId, kind: 'sessions' });
    this.log.info({ handoff: h.id, agent: conn.agentId }, 'handoff ended by agent');
    await this.channel?.send(h.conversationId, {
      type: 'message',
      text: agentEndedText(conn.displayName),
      textFormat: 'plain',
      locale: 'de-DE',
      inputHint: 'expectingInput',
      suggestedActions: { to: [], actions: AFTER_HANDOFF_SUGGESTIONS.map((s) => ({ type: 'imBack', title: s, value: s })) },
    });
  }

  private async requeue(conn: AgentConnection, h: Handoff): Promise<void> {
    if (!this.owned(conn, h)) return;
    await this.store.requeueFront(h.id, this.clock());
    await this.tellAgent({ agentId: conn.agentId, kind: 'sessions' });
    await this.queueChanged();
    await this.channel?.send(h.conversationId, { type: 'message', text: TRANSFERRED, locale: 'de-DE' });
  }

  async ticketsChanged(): Promise<void> {
    await this.publish(TOPIC_TICKETS, {});
  }

  // ---- time-driven rules --------------------------------------------------------------------------

  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.clock();
      await this.store.markPresent(this.localAgents(), this.events.instanceId, now);
      await this.events.campaign();
      if (this.events.isLeader()) await this.leaderTick(now);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'handoff tick failed');
    } finally {
      this.ticking = false;
    }
  }

  /** The rules that must run once across all instances. */
  private async leaderTick(now: number): Promise<void> {
    let changed = false;
    for (const q of await this.store.queued()) {
      if (now - q.queuedAt < this.config.acceptTimeoutSeconds * 1000) continue;
      if (!(await this.store.finish(q.id, 'timeout', 'system', now))) continue;
      this.waits?.abandoned(q, 'timeout', now - q.queuedAt);
      changed = true;
      this.log.info({ handoff: q.id }, 'nobody accepted in time: callback offered');
      await this.channel?.offerCallback(q.conversationId, noAgentOfferText('timeout'));
    }
    const present = await this.connectedAgents(now);
    for (const agentId of this.disconnectedSince.keys()) if (present.has(agentId)) this.disconnectedSince.delete(agentId);
    for (const a of await this.store.active()) {
      if (a.agentId === null || present.has(a.agentId)) continue;
      const since = this.disconnectedSince.get(a.agentId) ?? now;
      if (!this.disconnectedSince.has(a.agentId)) this.disconnectedSince.set(a.agentId, now);
      if (now - since < this.config.agentGraceSeconds * 1000) continue;
      if (!(await this.store.requeueFront(a.id, now))) continue;
      changed = true;
      this.log.info({ handoff: a.id, agent: a.agentId }, 'agent lost: back to the front of the queue');
      await this.channel?.send(a.conversationId, { type: 'message', text: AGENT_LOST, locale: 'de-DE' });
    }
    const queue = await this.store.queued();
    for (let i = 0; i < queue.length; i++) {
      const position = i + 1;
      const announced = queue[i].announcedPosition;
      if (announced === position) continue;
      await this.store.setAnnouncedPosition(queue[i].id, position);
      // Only improvements are news; the first position was told when the citizen was queued.
      if (announced !== null && position < announced) {
        await this.channel?.send(queue[i].conversationId, {
          type: 'message',
          text: positionUpdateText(position, await this.waitMinutes(position)),
          locale: 'de-DE',
        });
      }
    }
    await this.retryDeliveries(now);
    if (changed) await this.queueChanged();
  }

  /**
   * An agent's message to the citizen, as plain text: what a person typed is never read as Markdown or HTML by the
   * citizen's client (Web Chat renders both in `text`), so no link, image or markup of an agent reaches a citizen.
   * It names the agent by their display name (from the agent's account when it is sent again later), never by the
   * login name that `author` keeps for the console.
   */
  private async deliver(m: Message, displayName?: string | null): Promise<boolean> {
    const speaker = displayName !== undefined ? displayName : await this.displayNameOf(m.author);
    const ok =
      (await this.channel?.send(
        m.conversationId,
        {
          type: 'message',
          text: agentMessageText(speaker, m.text),
          textFormat: 'plain',
          locale: 'de-DE',
          channelData: { relay: true } satisfies RelayChannelData,
        },
        { speaker: agentSpeaker(speaker) },
      )) ?? false;
    if (ok) {
      await this.store.markDelivered(m.id);
      this.delivery.delete(m.id);
    }
    return ok;
  }

  private async displayNameOf(login: string | null): Promise<string | null> {
    return login === null ? null : ((await this.store.agentByName(login))?.displayName ?? null);
  }

  /**
   * Undelivered agent messages, with growing pauses; given up for this process after 8 attempts. Only
   * messages older than a few seconds: a younger one is still being delivered by the instance it came from.
   */
  private async retryDeliveries(now: number): Promise<void> {
    for (const m of await this.store.undeliveredToCitizens()) {
      if (now - m.at < RETRY_AFTER_MS) continue;
      const state = this.delivery.get(m.id) ?? { attempts: 0, nextAt: 0 };
      if (state.attempts >= 8 || state.nextAt > now) continue;
      if (await this.deliver(m)) continue;
      state.attempts += 1;
      state.nextAt = now + Math.min(60_000, 1000 * 2 ** state.attempts);
      this.delivery.set(m.id, state);
    }
  }

  // ---- views, and what the consoles on every instance must hear -------------------------------------

  /** The console's view of handoffs, with the last `limit` lines of each transcript (read in one query). */
  private async views(handoffs: readonly Handoff[], limit: number): Promise<HandoffView[]> {
    const transcripts = await this.store.transcripts([...new Set(handoffs.map((h) => h.conversationId))], limit);
    return handoffs.map((h) => ({
      id: h.id,
      tenant: h.tenant,
      tenantName: this.tenantName(h.tenant),
      topic: h.topic,
      intent: h.intent,
      service: h.service,
      reason: h.reason,
      status: h.status,
      queuedAt: h.queuedAt,
      acceptedAt: h.acceptedAt,
      transcript: (transcripts.get(h.conversationId) ?? []).map(line),
    }));
  }

  async queueView(): Promise<HandoffView[]> {
    const queued = (await this.store.queued()).slice(0, 100);
    return (await this.views(queued, 60)).map((view, i) => ({ ...view, position: i + 1 }));
  }

  async sessionsView(agentId: number): Promise<HandoffView[]> {
    const mine = (await this.store.active()).filter((h) => h.agentId === agentId);
    return this.views(mine, 300);
  }

  private async publish(topic: string, payload: EventPayload): Promise<void> {
    try {
      await this.events.publish(topic, payload);
    } catch (err) {
      // The event is lost, not the data: consoles catch up on their next refresh.
      this.log.error({ err: (err as Error).message, topic }, 'event not published');
    }
  }

  /** Every console, on every instance, gets the new queue. */
  queueChanged(): Promise<void> {
    return this.publish(TOPIC_QUEUE, {});
  }

  private tellAgent(event: AgentEvent): Promise<void> {
    return this.publish(TOPIC_AGENT, { ...event });
  }

  private async onAgentEvent(payload: EventPayload): Promise<void> {
    const e = payload as unknown as AgentEvent;
    const conns = [...this.connections].filter((c) => c.agentId === e.agentId);
    if (conns.length === 0) return;
    try {
      let message: unknown;
      if (e.kind === 'sessions') message = { type: 'sessions', items: await this.sessionsView(e.agentId) };
      else if (e.kind === 'ended') message = { type: 'ended', handoffId: e.handoffId, by: e.by };
      else {
        const m = e.messageId === undefined ? undefined : await this.store.message(e.messageId);
        if (!m) return;
        message = { type: 'message', handoffId: e.handoffId, message: line(m) };
      }
      for (const c of conns) this.sendTo(c, message);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'agent event not delivered');
    }
  }

  private async sendQueueToLocal(): Promise<void> {
    if (this.connections.size === 0) return;
    try {
      this.broadcast({ type: 'queue', items: await this.queueView() });
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'queue not sent to consoles');
    }
  }

  private sendTo(conn: AgentConnection, message: unknown): void {
    try {
      conn.socket.send(JSON.stringify(message));
    } catch {
      /* a closing socket: its close handler cleans up */
    }
  }

  private broadcast(message: unknown): void {
    for (const c of this.connections) this.sendTo(c, message);
  }
}
