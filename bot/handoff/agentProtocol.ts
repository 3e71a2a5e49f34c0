/**
 * The agent console's WebSocket protocol: a console connects and gets hello, queue and sessions; then each command
 * (accept, send, end, requeue, ping) is checked and carried out. What the citizen must hear of it is a
 * CitizenEvent for the notifier; what the agent's consoles must see goes out through the fan-out.
 */
import type { HandoffConfig } from '../config';
import type { Logger } from '../logger';
import type { CitizenNotifier } from '../../dialogs/handoffPort';
import type { AgentMessages } from './agentMessages';
import type { AgentPresence } from './agentPresence';
import { UNOBSERVED_WAITS, type WaitObserver } from './citizenQueue';
import type { AgentConnection, ConsoleFanout } from './consoleFanout';
import type { ConsoleViews } from './consoleViews';
import { MAX_RELAYED_MESSAGE_CHARS, type Handoff, type HandoffStore } from './handoffStore';

export interface AgentProtocolDeps {
  store: HandoffStore;
  consoles: ConsoleFanout;
  presence: AgentPresence;
  views: ConsoleViews;
  messages: AgentMessages;
  notifier: CitizenNotifier;
  config: Pick<HandoffConfig, 'waitTargetSeconds'>;
  log: Logger;
  clock?: () => number;
  waits?: WaitObserver;
}

export class AgentProtocol {
  private readonly store: HandoffStore;
  private readonly consoles: ConsoleFanout;
  private readonly clock: () => number;
  private readonly waits: WaitObserver;

  constructor(private readonly deps: AgentProtocolDeps) {
    this.store = deps.store;
    this.consoles = deps.consoles;
    this.clock = deps.clock ?? Date.now;
    this.waits = deps.waits ?? UNOBSERVED_WAITS;
  }

  async connect(conn: AgentConnection): Promise<void> {
    this.consoles.add(conn);
    await this.deps.presence.arrived(conn.agentId, this.clock());
    this.consoles.sendTo(conn, {
      type: 'hello',
      agent: { id: conn.agentId, name: conn.name, displayName: conn.displayName },
      waitTargetSeconds: this.deps.config.waitTargetSeconds,
    });
    this.consoles.sendTo(conn, { type: 'queue', items: await this.deps.views.queueView() });
    this.consoles.sendTo(conn, { type: 'sessions', items: await this.deps.views.sessionsView(conn.agentId) });
    this.deps.log.info({ agent: conn.agentId }, 'agent connected');
  }

  async disconnect(conn: AgentConnection): Promise<void> {
    this.consoles.remove(conn);
    await this.deps.presence.left(conn.agentId);
    this.deps.log.info({ agent: conn.agentId }, 'agent disconnected');
  }

  /** One command from the console; bad input gets an error message, never an exception. */
  async command(conn: AgentConnection, raw: string): Promise<void> {
    let msg: { type?: unknown; id?: unknown; text?: unknown };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      this.refuse(conn, 'Ungültige Nachricht (kein JSON).');
      return;
    }
    if (typeof msg !== 'object' || msg === null || typeof msg.type !== 'string') {
      this.refuse(conn, 'Ungültige Nachricht.');
      return;
    }
    if (msg.type === 'ping') {
      this.consoles.sendTo(conn, { type: 'pong' });
      return;
    }
    const id = typeof msg.id === 'string' ? msg.id : '';
    const h = id ? await this.store.handoff(id) : undefined;
    if (!h) {
      this.refuse(conn, 'Dieses Gespräch gibt es nicht (mehr).');
      return;
    }
    switch (msg.type) {
      case 'accept':
        return this.accept(conn, h);
      case 'send':
        return this.send(conn, h, msg.text);
      case 'end':
        return this.end(conn, h);
      case 'requeue':
        return this.requeue(conn, h);
      default:
        this.refuse(conn, `Unbekannter Befehl „${msg.type.slice(0, 30)}“.`);
    }
  }

  /** Tells the agent's console what went wrong (the console shows `message`). */
  private refuse(conn: AgentConnection, message: string): void {
    this.consoles.sendTo(conn, { type: 'error', message });
  }

  private async accept(conn: AgentConnection, h: Handoff): Promise<void> {
    const accepted = await this.store.accept(h.id, conn.agentId, this.clock());
    if (!accepted) {
      this.refuse(conn, 'Dieses Gespräch wurde bereits angenommen oder beendet.');
      return;
    }
    this.waits.accepted(accepted, (accepted.acceptedAt ?? h.queuedAt) - h.queuedAt);
    this.deps.log.info({ handoff: h.id, agent: conn.agentId }, 'handoff accepted');
    await this.consoles.tellAgent({ agentId: conn.agentId, kind: 'sessions' });
    await this.consoles.queueChanged();
    await this.deps.notifier.notify({ kind: 'connected', conversationId: h.conversationId, agent: conn.displayName });
  }

  private owned(conn: AgentConnection, h: Handoff): boolean {
    if (h.status === 'active' && h.agentId === conn.agentId) return true;
    this.refuse(conn, 'Dieses Gespräch führen Sie nicht (mehr).');
    return false;
  }

  private async send(conn: AgentConnection, h: Handoff, text: unknown): Promise<void> {
    if (!this.owned(conn, h)) return;
    if (typeof text !== 'string' || text.trim() === '') {
      this.refuse(conn, 'Leere Nachricht.');
      return;
    }
    if (text.length > MAX_RELAYED_MESSAGE_CHARS) {
      this.refuse(conn, `Die Nachricht ist zu lang (höchstens ${MAX_RELAYED_MESSAGE_CHARS} Zeichen).`);
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
    await this.consoles.tellAgent({ agentId: conn.agentId, kind: 'message', handoffId: h.id, messageId: m.id });
    await this.deps.messages.deliver(m, conn.displayName);
  }

  private async end(conn: AgentConnection, h: Handoff): Promise<void> {
    if (!this.owned(conn, h)) return;
    await this.store.finish(h.id, 'ended', `agent:${conn.agentId}`, this.clock());
    await this.consoles.tellAgent({ agentId: conn.agentId, kind: 'ended', handoffId: h.id, by: 'agent' });
    await this.consoles.tellAgent({ agentId: conn.agentId, kind: 'sessions' });
    this.deps.log.info({ handoff: h.id, agent: conn.agentId }, 'handoff ended by agent');
    await this.deps.notifier.notify({ kind: 'ended-by-agent', conversationId: h.conversationId, agent: conn.displayName });
  }

  private async requeue(conn: AgentConnection, h: Handoff): Promise<void> {
    if (!this.owned(conn, h)) return;
    await this.store.requeueFront(h.id, this.clock());
    await this.consoles.tellAgent({ agentId: conn.agentId, kind: 'sessions' });
    await this.consoles.queueChanged();
    await this.deps.notifier.notify({ kind: 'transferred', conversationId: h.conversationId });
  }
}
