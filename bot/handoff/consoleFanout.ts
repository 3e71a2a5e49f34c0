/**
 * What the agents' consoles must hear, on every instance: the consoles connected to this instance, and the events
 * between instances that reach them. With several instances, what an agent must see goes through the event bus
 * (ids only; every instance, the sender included, delivers to the consoles connected to it and reads the rest from
 * the store).
 */
import type { Logger } from '../logger';
import type { EventBus, EventPayload } from '../storage/events';
import { transcriptLine, type ConsoleViews } from './consoleViews';
import type { HandoffStore } from './handoffStore';

/** The agent's side of a WebSocket, reduced to what the handoff needs (tests can fake it). */
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

/** What an agent's consoles must show; ids only (see EventBus). */
export type AgentEvent =
  | { agentId: number; kind: 'message'; handoffId: string; messageId: number }
  | { agentId: number; kind: 'ended'; handoffId: string; by: string }
  | { agentId: number; kind: 'sessions' };

const TOPIC_AGENT = 'handoff.agent';
const TOPIC_QUEUE = 'handoff.queue';
const TOPIC_TICKETS = 'handoff.tickets';

export class ConsoleFanout {
  private readonly connections = new Set<AgentConnection>();

  constructor(
    private readonly events: EventBus,
    private readonly store: HandoffStore,
    private readonly views: ConsoleViews,
    private readonly log: Logger,
  ) {
    events.subscribe(TOPIC_AGENT, (e) => {
      void this.onAgentEvent(e);
    });
    events.subscribe(TOPIC_QUEUE, () => {
      void this.sendQueueToLocal();
    });
    events.subscribe(TOPIC_TICKETS, () => this.broadcast({ type: 'tickets-changed' }));
  }

  // ---- the consoles connected to this instance ------------------------------------------------------

  add(conn: AgentConnection): void {
    this.connections.add(conn);
  }

  remove(conn: AgentConnection): void {
    this.connections.delete(conn);
  }

  /** The agents with a console connected to this instance. */
  localAgents(): number[] {
    return [...new Set([...this.connections].map((c) => c.agentId))];
  }

  /** Closes every console connected here (the instance shuts down). */
  closeAll(): void {
    for (const c of this.connections) c.socket.close(1001, 'server shutting down');
    this.connections.clear();
  }

  sendTo(conn: AgentConnection, message: unknown): void {
    try {
      conn.socket.send(JSON.stringify(message));
    } catch {
      /* a closing socket: its close handler cleans up */
    }
  }

  private broadcast(message: unknown): void {
    for (const c of this.connections) this.sendTo(c, message);
  }

  // ---- what every console on every instance must hear -----------------------------------------------

  /** Every console, on every instance, gets the new queue. */
  queueChanged(): Promise<void> {
    return this.publish(TOPIC_QUEUE, {});
  }

  /** Every console, on every instance, reloads the callback tickets. */
  ticketsChanged(): Promise<void> {
    return this.publish(TOPIC_TICKETS, {});
  }

  /** The consoles of one agent, on whichever instance they are connected. */
  tellAgent(event: AgentEvent): Promise<void> {
    return this.publish(TOPIC_AGENT, { ...event });
  }

  private async publish(topic: string, payload: EventPayload): Promise<void> {
    try {
      await this.events.publish(topic, payload);
    } catch (err) {
      // The event is lost, not the data: consoles catch up on their next refresh.
      this.log.error({ err: (err as Error).message, topic }, 'event not published');
    }
  }

  private async onAgentEvent(payload: EventPayload): Promise<void> {
    const e = payload as unknown as AgentEvent;
    const conns = [...this.connections].filter((c) => c.agentId === e.agentId);
    if (conns.length === 0) return;
    try {
      let message: unknown;
      if (e.kind === 'sessions') message = { type: 'sessions', items: await this.views.sessionsView(e.agentId) };
      else if (e.kind === 'ended') message = { type: 'ended', handoffId: e.handoffId, by: e.by };
      else {
        const m = e.messageId === undefined ? undefined : await this.store.message(e.messageId);
        if (!m) return;
        message = { type: 'message', handoffId: e.handoffId, message: transcriptLine(m) };
      }
      for (const c of conns) this.sendTo(c, message);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'agent event not delivered');
    }
  }

  private async sendQueueToLocal(): Promise<void> {
    if (this.connections.size === 0) return;
    try {
      this.broadcast({ type: 'queue', items: await this.views.queueView() });
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'queue not sent to consoles');
    }
  }
}
