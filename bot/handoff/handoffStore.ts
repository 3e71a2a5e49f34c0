/**
 * Persistence of everything the escalation needs, on the SQL database (SQLite or PostgreSQL; every write
 * is durable when the call resolves, so a kill -9 loses nothing that was acknowledged): agents and their
 * sessions, conversation references for proactive messages, the bot and relay transcript, the queue and
 * relay sessions (handoffs), and callback tickets.
 *
 * Queue decisions are single conditional statements or transactions ("accept only if still queued"), so
 * they cannot interleave with another, on one instance or on several.
 */
import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from '../storage/database';

export type HandoffStatus = 'queued' | 'active' | 'external' | 'ended' | 'cancelled' | 'timeout';
export const OPEN_STATUSES: readonly HandoffStatus[] = ['queued', 'active', 'external'];
export type Sender = 'citizen' | 'bot' | 'agent' | 'system';
export type TicketStatus = 'offen' | 'in_bearbeitung' | 'erledigt' | 'nicht_erreicht';
export const TICKET_STATUSES: readonly TicketStatus[] = ['offen', 'in_bearbeitung', 'erledigt', 'nicht_erreicht'];
/** Statuses of a ticket that still needs a call: such a ticket is overdue once its due time has passed. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['offen', 'in_bearbeitung'];

export interface Agent {
  id: number;
  /** The login name: it stays in the console, the citizen never sees it. */
  name: string;
  /** How the citizen sees the agent ("Frau Schmidt"); null: a neutral "Mitarbeiterin oder Mitarbeiter". */
  displayName: string | null;
  salt: string;
  hash: string;
  failed: number;
  lockedUntil: number;
}

export interface Handoff {
  id: string;
  conversationId: string;
  tenant: string;
  intent: string | null;
  service: string | null;
  topic: string;
  reason: string;
  status: HandoffStatus;
  agentId: number | null;
  queueOrder: number;
  queuedAt: number;
  acceptedAt: number | null;
  endedAt: number | null;
  endedBy: string | null;
  announcedPosition: number | null;
  /** The citizen's language as the handoff request named it (ISO 639-1, e.g. "en"); null: not said (German). */
  language: string | null;
}

export interface Message {
  id: number;
  conversationId: string;
  handoffId: string | null;
  sender: Sender;
  author: string | null;
  text: string;
  at: number;
  delivered: boolean;
  /** A bot line: the language it was said in (ISO 639-1); null for German, people's lines and lines from before. */
  language: string | null;
  /** A bot line said in another language: the German wording of the same reply, when the dialogs gave it. */
  original: string | null;
}

export interface Ticket {
  id: number;
  reference: string;
  conversationId: string | null;
  tenant: string;
  /** What the citizen said it is about; '' when they gave no topic. */
  topic: string;
  /** The service the assistant understood before the request (a service id), if any. */
  service: string | null;
  /** E.164, for the tel: link. */
  phone: string;
  /** The number as the citizen typed it, in national format ("0151 23456789"). */
  phoneDisplay: string;
  wishedAt: number;
  wishedText: string;
  /** When the call is due: the wished time, or the end of the business day for a wish without a time. */
  dueAt: number;
  status: TicketStatus;
  note: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
  /** The conversation's last message when the ticket was created: its context ends there. */
  contextMessageId: number | null;
}

/** One change of a ticket's status: which, by whom (null: the citizen's request in the chat), when. */
export interface TicketEvent {
  ticketId: number;
  status: TicketStatus;
  /** The agent's login name (the console's audit), or null for the request itself. */
  agent: string | null;
  /** How the agent is shown: the display name, or the login name when there is none. */
  agentName: string | null;
  at: number;
}

export interface NewTicket {
  conversationId?: string;
  tenant: string;
  topic: string;
  service?: string | null;
  phone: string;
  /** The number as typed, national format; derived from `phone` when not given. */
  phoneDisplay?: string;
  wishedAt: number;
  wishedText: string;
  /** Defaults to `wishedAt`. */
  dueAt?: number;
}

/** "+491511234567" → "01511234567": the national form of a German E.164 number, when nothing better is known. */
export function nationalForm(e164: string): string {
  return e164.startsWith('+49') ? `0${e164.slice(3)}` : e164;
}

/**
 * Longest text kept per relayed or stored message (citizen ↔ agent): enough for any chat message, bounded against
 * abuse. What the assistant itself reads is bounded by bot/assistantBot.ts's MAX_MESSAGE_CHARS.
 */
export const MAX_RELAYED_MESSAGE_CHARS = 4000;

type Row = Record<string, unknown>;

function toHandoff(r: Row): Handoff {
  return {
    id: String(r.id),
    conversationId: String(r.conversation_id),
    tenant: String(r.tenant),
    intent: (r.intent as string | null) ?? null,
    service: (r.service as string | null) ?? null,
    topic: String(r.topic),
    reason: String(r.reason),
    status: r.status as HandoffStatus,
    agentId: (r.agent_id as number | null) ?? null,
    queueOrder: Number(r.queue_order),
    queuedAt: Number(r.queued_at),
    acceptedAt: (r.accepted_at as number | null) ?? null,
    endedAt: (r.ended_at as number | null) ?? null,
    endedBy: (r.ended_by as string | null) ?? null,
    announcedPosition: (r.announced_position as number | null) ?? null,
    language: (r.language as string | null) ?? null,
  };
}

function toMessage(r: Row): Message {
  return {
    id: Number(r.id),
    conversationId: String(r.conversation_id),
    handoffId: (r.handoff_id as string | null) ?? null,
    sender: r.sender as Sender,
    author: (r.author as string | null) ?? null,
    text: String(r.text),
    at: Number(r.at),
    delivered: Number(r.delivered) === 1,
    language: (r.language as string | null) ?? null,
    original: (r.original as string | null) ?? null,
  };
}

function toTicket(r: Row): Ticket {
  const phone = String(r.phone);
  return {
    id: Number(r.id),
    reference: String(r.reference),
    conversationId: (r.conversation_id as string | null) ?? null,
    tenant: String(r.tenant),
    topic: String(r.topic),
    service: (r.service as string | null) ?? null,
    phone,
    phoneDisplay: (r.phone_display as string | null) ?? nationalForm(phone),
    wishedAt: Number(r.wished_at),
    wishedText: String(r.wished_text),
    dueAt: Number(r.due_at ?? r.wished_at),
    status: r.status as TicketStatus,
    note: String(r.note),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    updatedBy: (r.updated_by as string | null) ?? null,
    contextMessageId: r.context_message_id === null || r.context_message_id === undefined ? null : Number(r.context_message_id),
  };
}

function toTicketEvent(r: Row): TicketEvent {
  return {
    ticketId: Number(r.ticket_id),
    status: r.status as TicketStatus,
    agent: (r.agent as string | null) ?? null,
    agentName: (r.agent_name as string | null) ?? null,
    at: Number(r.at),
  };
}

/** An agent's login name and the name citizens see (columns name, display_name of agents). */
function toAgentNames(r: Row): { name: string; displayName: string | null } {
  return { name: String(r.name), displayName: (r.display_name as string | null) ?? null };
}

const OPEN_SQL = `status IN ('queued', 'active', 'external')`;

export class HandoffStore {
  constructor(private readonly db: SqlDatabase) {}

  // ---- agents and sessions ------------------------------------------------------------------------

  async addAgent(name: string, salt: string, hash: string, now = Date.now(), displayName: string | null = null): Promise<Agent> {
    await this.db.run('INSERT INTO agents (name, salt, hash, created_at, display_name) VALUES (?, ?, ?, ?, ?)', [
      name,
      salt,
      hash,
      now,
      displayName,
    ]);
    return (await this.agentByName(name)) as Agent;
  }

  /** Sets (or with null removes) the name citizens see; false when there is no such agent. */
  async setAgentDisplayName(name: string, displayName: string | null): Promise<boolean> {
    return (await this.db.run('UPDATE agents SET display_name = ? WHERE name = ?', [displayName, name])) === 1;
  }

  async setAgentPassword(name: string, salt: string, hash: string): Promise<boolean> {
    return (
      (await this.db.run('UPDATE agents SET salt = ?, hash = ?, failed = 0, locked_until = 0 WHERE name = ?', [salt, hash, name])) === 1
    );
  }

  async agentByName(name: string): Promise<Agent | undefined> {
    const r = await this.db.get('SELECT * FROM agents WHERE name = ?', [name]);
    return (
      r && {
        id: Number(r.id),
        ...toAgentNames(r),
        salt: String(r.salt),
        hash: String(r.hash),
        failed: Number(r.failed),
        lockedUntil: Number(r.locked_until),
      }
    );
  }

  async agentName(id: number): Promise<string | undefined> {
    return (await this.db.get<{ name: string }>('SELECT name FROM agents WHERE id = ?', [id]))?.name;
  }

  async recordLoginFailure(id: number, maxFailures: number, lockUntil: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('UPDATE agents SET failed = failed + 1 WHERE id = ?', [id]);
      await tx.run('UPDATE agents SET locked_until = ?, failed = 0 WHERE id = ? AND failed >= ?', [lockUntil, id, maxFailures]);
    });
  }

  async recordLoginSuccess(id: number): Promise<void> {
    await this.db.run('UPDATE agents SET failed = 0, locked_until = 0 WHERE id = ?', [id]);
  }

  async createSession(tokenHash: string, agentId: number, now: number, expiresAt: number): Promise<void> {
    await this.db.run('INSERT INTO agent_sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
      tokenHash,
      agentId,
      now,
      expiresAt,
    ]);
  }

  async session(
    tokenHash: string,
    now: number,
  ): Promise<{ agentId: number; name: string; displayName: string | null; expiresAt: number } | undefined> {
    const r = await this.db.get(
      `SELECT s.agent_id, s.expires_at, a.name, a.display_name FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
      WHERE s.token_hash = ? AND s.expires_at > ?`,
      [tokenHash, now],
    );
    return (
      r && {
        agentId: Number(r.agent_id),
        ...toAgentNames(r),
        expiresAt: Number(r.expires_at),
      }
    );
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM agent_sessions WHERE token_hash = ?', [tokenHash]);
  }

  async purgeExpiredSessions(now: number): Promise<void> {
    await this.db.run('DELETE FROM agent_sessions WHERE expires_at <= ?', [now]);
  }

  // ---- agent presence (which instance an agent's console is connected to) ---------------------------

  async markPresent(agentIds: readonly number[], instanceId: string, now: number): Promise<void> {
    for (const agentId of agentIds) {
      await this.db.run(
        `INSERT INTO agent_presence (agent_id, instance_id, seen_at) VALUES (?, ?, ?)
        ON CONFLICT (agent_id, instance_id) DO UPDATE SET seen_at = excluded.seen_at`,
        [agentId, instanceId, now],
      );
    }
  }

  async markAbsent(agentId: number, instanceId: string): Promise<void> {
    await this.db.run('DELETE FROM agent_presence WHERE agent_id = ? AND instance_id = ?', [agentId, instanceId]);
  }

  /** Agents seen on any instance since `since`. */
  async presentAgents(since: number): Promise<number[]> {
    return (await this.db.all<{ agent_id: number }>('SELECT DISTINCT agent_id FROM agent_presence WHERE seen_at >= ?', [since])).map((r) =>
      Number(r.agent_id),
    );
  }

  /** An instance that stops (or died: the leader calls this for stale rows) is no longer anyone's connection. */
  async purgePresence(before: number, instanceId?: string): Promise<void> {
    if (instanceId) await this.db.run('DELETE FROM agent_presence WHERE instance_id = ?', [instanceId]);
    else await this.db.run('DELETE FROM agent_presence WHERE seen_at < ?', [before]);
  }

  // ---- conversations and transcripts --------------------------------------------------------------

  async saveReference(conversationId: string, reference: unknown, tenant: string | undefined, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO conversations (conversation_id, tenant, reference, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at,
      tenant = COALESCE(excluded.tenant, conversations.tenant)`,
      [conversationId, tenant ?? null, JSON.stringify(reference), now],
    );
  }

  /** The Kommune a conversation's handoff was requested for (saved with its reference), if any. */
  async conversationTenant(conversationId: string): Promise<string | undefined> {
    const r = await this.db.get<{ tenant: string | null }>('SELECT tenant FROM conversations WHERE conversation_id = ?', [conversationId]);
    return r?.tenant ?? undefined;
  }

  /** The language the conversation's latest handoff was requested in, if it named one (else German). */
  async conversationLanguage(conversationId: string): Promise<string | undefined> {
    const r = await this.db.get<{ language: string | null }>(
      'SELECT language FROM handoffs WHERE conversation_id = ? ORDER BY queued_at DESC LIMIT 1',
      [conversationId],
    );
    return r?.language ?? undefined;
  }

  async reference(conversationId: string): Promise<unknown> {
    const r = await this.db.get<{ reference: string }>('SELECT reference FROM conversations WHERE conversation_id = ?', [conversationId]);
    return r ? JSON.parse(r.reference) : undefined;
  }

  async addMessage(m: {
    conversationId: string;
    handoffId?: string | null;
    sender: Sender;
    author?: string | null;
    text: string;
    at: number;
    delivered?: boolean;
    /** A bot line's language (ISO 639-1), when the reply said it was not German. */
    language?: string | null;
    /** A translated bot line's German wording. */
    original?: string | null;
  }): Promise<Message> {
    const text = m.text.slice(0, MAX_RELAYED_MESSAGE_CHARS);
    const original = m.original ? m.original.slice(0, MAX_RELAYED_MESSAGE_CHARS) : null;
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO messages (conversation_id, handoff_id, sender, author, text, at, delivered, language, original)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        m.conversationId,
        m.handoffId ?? null,
        m.sender,
        m.author ?? null,
        text,
        m.at,
        m.delivered === false ? 0 : 1,
        m.language ?? null,
        original,
      ],
    );
    return {
      id: Number(row?.id),
      conversationId: m.conversationId,
      handoffId: m.handoffId ?? null,
      sender: m.sender,
      author: m.author ?? null,
      text,
      at: m.at,
      delivered: m.delivered !== false,
      language: m.language ?? null,
      original,
    };
  }

  /**
   * Records a citizen's line, and in the same statement finds the conversation's open handoff (if any): the
   * common turn, with no agent involved, costs one statement instead of two.
   */
  async addCitizenLine(conversationId: string, text: string, at: number): Promise<{ message: Message; handoffId: string | null }> {
    const clipped = text.slice(0, MAX_RELAYED_MESSAGE_CHARS);
    const row = await this.db.get<{ id: number; handoff_id: string | null }>(
      `INSERT INTO messages (conversation_id, handoff_id, sender, text, at, delivered)
      VALUES (?, (SELECT id FROM handoffs WHERE conversation_id = ? AND ${OPEN_SQL} ORDER BY queued_at DESC LIMIT 1), 'citizen', ?, ?, 1)
      RETURNING id, handoff_id`,
      [conversationId, conversationId, clipped, at],
    );
    const handoffId = row?.handoff_id ?? null;
    return {
      message: {
        id: Number(row?.id),
        conversationId,
        handoffId,
        sender: 'citizen',
        author: null,
        text: clipped,
        at,
        delivered: true,
        language: null,
        original: null,
      },
      handoffId,
    };
  }

  async message(id: number): Promise<Message | undefined> {
    const r = await this.db.get('SELECT * FROM messages WHERE id = ?', [id]);
    return r && toMessage(r);
  }

  /** The last `limit` messages of a conversation, oldest first. */
  async transcript(conversationId: string, limit = 200): Promise<Message[]> {
    const rows = await this.db.all('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?', [conversationId, limit]);
    return rows.reverse().map(toMessage);
  }

  /** The last `limit` messages of each of several conversations, oldest first: one query for a queue view. */
  async transcripts(conversationIds: readonly string[], limit = 200): Promise<Map<string, Message[]>> {
    const result = new Map<string, Message[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return result;
    const rows = await this.db.all(
      `SELECT * FROM (
        SELECT m.*, ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY id DESC) AS recent
        FROM messages m WHERE conversation_id IN (${conversationIds.map(() => '?').join(', ')})
      ) latest WHERE recent <= ? ORDER BY id`,
      [...conversationIds, limit],
    );
    for (const r of rows) result.get(String(r.conversation_id))?.push(toMessage(r));
    return result;
  }

  async undeliveredToCitizens(limit = 50): Promise<Message[]> {
    return (await this.db.all('SELECT * FROM messages WHERE delivered = 0 ORDER BY id LIMIT ?', [limit])).map(toMessage);
  }

  async markDelivered(id: number): Promise<void> {
    await this.db.run('UPDATE messages SET delivered = 1 WHERE id = ?', [id]);
  }

  /**
   * Everything kept of one conversation, on the citizen's request: transcript, conversation reference,
   * queue entries and callback tickets (with the phone number). One transaction: all or nothing.
   */
  async forgetConversation(conversationId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE conversation_id = ?)', [conversationId]);
      for (const table of ['messages', 'handoffs', 'tickets', 'conversations']) {
        await tx.run(`DELETE FROM ${table} WHERE conversation_id = ?`, [conversationId]);
      }
    });
  }

  /** Transcripts older than the retention are deleted (DSGVO: keep no longer than needed). */
  async purgeMessagesBefore(at: number): Promise<number> {
    return this.db.run('DELETE FROM messages WHERE at < ? AND delivered = 1', [at]);
  }

  /** Conversation references and closed queue entries older than the retention. */
  async purgeConversationsBefore(at: number): Promise<number> {
    const refs = await this.db.run('DELETE FROM conversations WHERE updated_at < ?', [at]);
    const handoffs = await this.db.run(`DELETE FROM handoffs WHERE NOT ${OPEN_SQL} AND COALESCE(ended_at, queued_at) < ?`, [at]);
    return refs + handoffs;
  }

  // ---- queue and relay sessions -------------------------------------------------------------------

  /** Queues the conversation, unless it already has an open handoff (then that one is returned). */
  async enqueue(h: {
    conversationId: string;
    tenant: string;
    intent?: string | null;
    service?: string | null;
    topic: string;
    reason: string;
    now: number;
    /** The citizen's language (ISO 639-1), when the request named one. */
    language?: string | null;
  }): Promise<Handoff> {
    const open = await this.openFor(h.conversationId);
    if (open) return open;
    const max = await this.db.get<{ m: number | null }>('SELECT MAX(queue_order) AS m FROM handoffs');
    const id = randomUUID();
    // The unique index on open handoffs decides a race between two instances: the second insert does nothing.
    const inserted = await this.db.run(
      `INSERT INTO handoffs (id, conversation_id, tenant, intent, service, topic, reason, status, queue_order, queued_at, language)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT (conversation_id) WHERE ${OPEN_SQL} DO NOTHING`,
      [
        id,
        h.conversationId,
        h.tenant,
        h.intent ?? null,
        h.service ?? null,
        h.topic,
        h.reason,
        (max?.m ?? 0) + 1,
        h.now,
        h.language ?? null,
      ],
    );
    return (await (inserted === 1 ? this.handoff(id) : this.openFor(h.conversationId))) as Handoff;
  }

  handoff(id: string): Promise<Handoff | undefined> {
    return handoff(this.db, id);
  }

  async openFor(conversationId: string): Promise<Handoff | undefined> {
    const r = await this.db.get(`SELECT * FROM handoffs WHERE conversation_id = ? AND ${OPEN_SQL} ORDER BY queued_at DESC LIMIT 1`, [
      conversationId,
    ]);
    return r && toHandoff(r);
  }

  async queued(): Promise<Handoff[]> {
    return (await this.db.all(`SELECT * FROM handoffs WHERE status = 'queued' ORDER BY queue_order`)).map(toHandoff);
  }

  async active(): Promise<Handoff[]> {
    return (await this.db.all(`SELECT * FROM handoffs WHERE status = 'active' ORDER BY accepted_at`)).map(toHandoff);
  }

  /** Only a queued handoff can be accepted: two agents clicking at once, on one instance or two, get one winner. */
  async accept(id: string, agentId: number, now: number): Promise<Handoff | undefined> {
    const changed = await this.db.run(
      `UPDATE handoffs SET status = 'active', agent_id = ?, accepted_at = ? WHERE id = ? AND status = 'queued'`,
      [agentId, now, id],
    );
    return changed === 1 ? this.handoff(id) : undefined;
  }

  /** Ends an open handoff; returns it, or undefined if it was not open (then someone else ended it first). */
  async finish(
    id: string,
    status: Exclude<HandoffStatus, 'queued' | 'active' | 'external'>,
    by: string,
    now: number,
  ): Promise<Handoff | undefined> {
    const changed = await this.db.run(`UPDATE handoffs SET status = ?, ended_at = ?, ended_by = ? WHERE id = ? AND ${OPEN_SQL}`, [
      status,
      now,
      by,
      id,
    ]);
    return changed === 1 ? this.handoff(id) : undefined;
  }

  /**
   * Back to the queue, at its front: the citizen has waited already. The accept timeout starts again
   * (queued_at), so a transferred citizen is not offered a callback at once.
   */
  async requeueFront(id: string, now: number): Promise<Handoff | undefined> {
    return this.db.transaction(async (tx) => {
      const min = await tx.get<{ m: number | null }>(`SELECT MIN(queue_order) AS m FROM handoffs WHERE status = 'queued'`);
      const changed = await tx.run(
        `UPDATE handoffs SET status = 'queued', agent_id = NULL, accepted_at = NULL, announced_position = 1, queue_order = ?,
        queued_at = ? WHERE id = ? AND status IN ('active', 'external')`,
        [(min?.m ?? 1) - 1, now, id],
      );
      return changed === 1 ? handoff(tx, id) : undefined;
    });
  }

  async setExternal(id: string): Promise<void> {
    await this.db.run(`UPDATE handoffs SET status = 'external' WHERE id = ? AND ${OPEN_SQL}`, [id]);
  }

  async setAnnouncedPosition(id: string, position: number): Promise<void> {
    await this.db.run('UPDATE handoffs SET announced_position = ? WHERE id = ?', [position, id]);
  }

  // ---- callback tickets ---------------------------------------------------------------------------

  /**
   * Creates the ticket, its reference (RR-<year>-<6-digit id>) and the first entry of its history in one durable
   * transaction; the ticket remembers the conversation's last message, where its context ends.
   */
  async createTicket(t: NewTicket, year: number, now: number): Promise<Ticket> {
    return this.db.transaction(
      async (tx) => {
        const last = t.conversationId
          ? await tx.get<{ m: number | null }>('SELECT MAX(id) AS m FROM messages WHERE conversation_id = ?', [t.conversationId])
          : undefined;
        const row = await tx.get<{ id: number }>(
          `INSERT INTO tickets (conversation_id, tenant, topic, service, phone, phone_display, wished_at,
        wished_text, due_at, context_message_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [
            t.conversationId ?? null,
            t.tenant,
            t.topic,
            t.service ?? null,
            t.phone,
            t.phoneDisplay ?? nationalForm(t.phone),
            t.wishedAt,
            t.wishedText,
            t.dueAt ?? t.wishedAt,
            last?.m ?? null,
            now,
            now,
          ],
        );
        const id = Number(row?.id);
        await tx.run('UPDATE tickets SET reference = ? WHERE id = ?', [`RR-${year}-${String(id).padStart(6, '0')}`, id]);
        await tx.run(`INSERT INTO ticket_events (ticket_id, status, agent, agent_name, at) VALUES (?, 'offen', NULL, NULL, ?)`, [id, now]);
        return toTicket((await tx.get('SELECT * FROM tickets WHERE id = ?', [id])) as Row);
      },
      { durable: true },
    );
  }

  /** The ticket of this conversation for this phone number and time, if one was created since `since`. */
  async recentTicket(conversationId: string, phone: string, wishedAt: number, since: number): Promise<Ticket | undefined> {
    const r = await this.db.get(
      'SELECT * FROM tickets WHERE conversation_id = ? AND phone = ? AND wished_at = ? AND created_at >= ? ORDER BY id DESC LIMIT 1',
      [conversationId, phone, wishedAt, since],
    );
    return r && toTicket(r);
  }

  /** How many tickets there are of each status (all of them, not a page of the list). */
  async ticketCounts(): Promise<{ status: TicketStatus; count: number }[]> {
    return (
      await this.db.all<{ status: TicketStatus; count: number }>('SELECT status, COUNT(*) AS count FROM tickets GROUP BY status')
    ).map((r) => ({ status: r.status, count: Number(r.count) }));
  }

  async ticket(id: number): Promise<Ticket | undefined> {
    const r = await this.db.get('SELECT * FROM tickets WHERE id = ?', [id]);
    return r && toTicket(r);
  }

  /** Tickets that still need a call first (by due time), then the worked ones (most recent first). */
  async tickets(limit = 500): Promise<Ticket[]> {
    return (
      await this.db.all(
        `SELECT * FROM tickets ORDER BY CASE WHEN status IN ('offen', 'in_bearbeitung') THEN 0 ELSE 1 END,
      CASE WHEN status IN ('offen', 'in_bearbeitung') THEN COALESCE(due_at, wished_at) ELSE -updated_at END, id LIMIT ?`,
        [limit],
      )
    ).map(toTicket);
  }

  /** Tickets created in [from, to), oldest first (the day's export). */
  async ticketsCreatedBetween(from: number, to: number): Promise<Ticket[]> {
    return (await this.db.all('SELECT * FROM tickets WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id', [from, to])).map(
      toTicket,
    );
  }

  /** The status history of each of several tickets, oldest first. */
  async ticketHistories(ids: readonly number[]): Promise<Map<number, TicketEvent[]>> {
    const result = new Map<number, TicketEvent[]>(ids.map((id) => [id, []]));
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.all(`SELECT * FROM ticket_events WHERE ticket_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY id`, [
        ...chunk,
      ]);
      for (const r of rows) result.get(Number(r.ticket_id))?.push(toTicketEvent(r));
    }
    return result;
  }

  /**
   * The conversation up to the callback request (its last `limit` lines, oldest first): what the agent reads
   * before calling. Empty for a ticket without a conversation or once the transcript has expired.
   */
  async ticketContext(t: Ticket, limit = 100): Promise<Message[]> {
    if (!t.conversationId) return [];
    const rows =
      t.contextMessageId !== null
        ? await this.db.all('SELECT * FROM messages WHERE conversation_id = ? AND id <= ? ORDER BY id DESC LIMIT ?', [
            t.conversationId,
            t.contextMessageId,
            limit,
          ])
        : await this.db.all('SELECT * FROM messages WHERE conversation_id = ? AND at <= ? ORDER BY id DESC LIMIT ?', [
            t.conversationId,
            t.createdAt,
            limit,
          ]);
    return rows.reverse().map(toMessage);
  }

  /** Tickets requested before `at` are deleted with their phone numbers and history (the promise of the consent text). */
  async purgeTicketsBefore(at: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE created_at < ?)', [at]);
      return tx.run('DELETE FROM tickets WHERE created_at < ?', [at]);
    });
  }

  /**
   * Sets status and note; a new status goes into the history with the agent (login and shown name) and the time.
   * Resolves to the ticket and its status before, or undefined for an unknown ticket.
   */
  async changeTicket(
    id: number,
    status: TicketStatus,
    note: string,
    by: string,
    now: number,
    byName: string = by,
  ): Promise<{ ticket: Ticket; previous: TicketStatus } | undefined> {
    return this.db.transaction(
      async (tx) => {
        const before = await tx.get<{ status: TicketStatus }>('SELECT status FROM tickets WHERE id = ?', [id]);
        if (!before) return undefined;
        await tx.run('UPDATE tickets SET status = ?, note = ?, updated_by = ?, updated_at = ? WHERE id = ?', [status, note, by, now, id]);
        if (before.status !== status) {
          await tx.run('INSERT INTO ticket_events (ticket_id, status, agent, agent_name, at) VALUES (?, ?, ?, ?, ?)', [
            id,
            status,
            by,
            byName,
            now,
          ]);
        }
        return { ticket: toTicket((await tx.get('SELECT * FROM tickets WHERE id = ?', [id])) as Row), previous: before.status };
      },
      { durable: true },
    );
  }
}

async function handoff(db: SqlExecutor, id: string): Promise<Handoff | undefined> {
  const r = await db.get('SELECT * FROM handoffs WHERE id = ?', [id]);
  return r && toHandoff(r);
}
