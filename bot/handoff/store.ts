/**
 * Persistence of everything the escalation needs, in an embedded SQLite file next to the conversation
 * state (WAL; every write is durable when the call returns, so a kill -9 loses nothing that was
 * acknowledged): agents and their sessions, conversation references for proactive messages, the bot and
 * relay transcript, the queue and relay sessions (handoffs), and callback tickets.
 *
 * Synchronous on purpose (better-sqlite3): each method is one short transaction, and a queue decision such
 * as "accept only if still queued" cannot interleave with another.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

export type HandoffStatus = 'queued' | 'active' | 'external' | 'ended' | 'cancelled' | 'timeout';
export const OPEN_STATUSES: readonly HandoffStatus[] = ['queued', 'active', 'external'];
export type Sender = 'citizen' | 'bot' | 'agent' | 'system';
export type TicketStatus = 'offen' | 'erledigt' | 'nicht_erreicht';
export const TICKET_STATUSES: readonly TicketStatus[] = ['offen', 'erledigt', 'nicht_erreicht'];

export interface Agent { id: number; name: string; salt: string; hash: string; failed: number; lockedUntil: number }

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
}

export interface Ticket {
  id: number;
  reference: string;
  conversationId: string | null;
  tenant: string;
  topic: string;
  phone: string;
  wishedAt: number;
  wishedText: string;
  status: TicketStatus;
  note: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
}

export interface NewTicket {
  conversationId?: string;
  tenant: string;
  topic: string;
  phone: string;
  wishedAt: number;
  wishedText: string;
}

/** Longest text kept per message: enough for any chat message, bounded against abuse. */
export const MAX_MESSAGE_CHARS = 4000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS agents (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, salt TEXT NOT NULL, hash TEXT NOT NULL,
  created_at INTEGER NOT NULL, failed INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS agent_sessions (
  token_hash TEXT PRIMARY KEY, agent_id INTEGER NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
  conversation_id TEXT PRIMARY KEY, tenant TEXT, reference TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL, handoff_id TEXT, sender TEXT NOT NULL,
  author TEXT, text TEXT NOT NULL, at INTEGER NOT NULL, delivered INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages (conversation_id, id);
CREATE INDEX IF NOT EXISTS messages_undelivered ON messages (delivered) WHERE delivered = 0;
CREATE TABLE IF NOT EXISTS handoffs (
  id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, tenant TEXT NOT NULL, intent TEXT, service TEXT,
  topic TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, agent_id INTEGER, queue_order REAL NOT NULL,
  queued_at INTEGER NOT NULL, accepted_at INTEGER, ended_at INTEGER, ended_by TEXT, announced_position INTEGER);
CREATE INDEX IF NOT EXISTS handoffs_status ON handoffs (status, queue_order);
CREATE INDEX IF NOT EXISTS handoffs_conversation ON handoffs (conversation_id);
CREATE TABLE IF NOT EXISTS tickets (
  id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT UNIQUE, conversation_id TEXT, tenant TEXT NOT NULL,
  topic TEXT NOT NULL, phone TEXT NOT NULL, wished_at INTEGER NOT NULL, wished_text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'offen', note TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, updated_by TEXT);
`;

type Row = Record<string, unknown>;

function toHandoff(r: Row): Handoff {
  return {
    id: String(r.id), conversationId: String(r.conversation_id), tenant: String(r.tenant),
    intent: (r.intent as string | null) ?? null, service: (r.service as string | null) ?? null,
    topic: String(r.topic), reason: String(r.reason), status: r.status as HandoffStatus,
    agentId: (r.agent_id as number | null) ?? null, queueOrder: Number(r.queue_order), queuedAt: Number(r.queued_at),
    acceptedAt: (r.accepted_at as number | null) ?? null, endedAt: (r.ended_at as number | null) ?? null,
    endedBy: (r.ended_by as string | null) ?? null, announcedPosition: (r.announced_position as number | null) ?? null,
  };
}

function toMessage(r: Row): Message {
  return {
    id: Number(r.id), conversationId: String(r.conversation_id), handoffId: (r.handoff_id as string | null) ?? null,
    sender: r.sender as Sender, author: (r.author as string | null) ?? null, text: String(r.text), at: Number(r.at),
    delivered: Number(r.delivered) === 1,
  };
}

function toTicket(r: Row): Ticket {
  return {
    id: Number(r.id), reference: String(r.reference), conversationId: (r.conversation_id as string | null) ?? null,
    tenant: String(r.tenant), topic: String(r.topic), phone: String(r.phone), wishedAt: Number(r.wished_at),
    wishedText: String(r.wished_text), status: r.status as TicketStatus, note: String(r.note),
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at), updatedBy: (r.updated_by as string | null) ?? null,
  };
}

const OPEN_SQL = `status IN ('queued', 'active', 'external')`;

export class HandoffStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL: in WAL mode every committed write survives a killed process (kill -9); only a power cut can lose
    // the last moments. Transcript lines are written two or three times a turn, and a sync to disk each time
    // would cost more than the whole turn. Callback tickets, which a citizen is promised, are synced (FULL).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 2000');
    this.db.exec(SCHEMA);
  }

  close(): void { if (this.db.open) this.db.close(); }

  private readonly statements = new Map<string, Database.Statement>();
  /** A prepared statement, prepared once: preparing costs more than running most of these queries. */
  private sql(source: string): Database.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  // ---- agents and sessions ------------------------------------------------------------------------

  addAgent(name: string, salt: string, hash: string, now = Date.now()): Agent {
    this.sql('INSERT INTO agents (name, salt, hash, created_at) VALUES (?, ?, ?, ?)').run(name, salt, hash, now);
    return this.agentByName(name) as Agent;
  }

  setAgentPassword(name: string, salt: string, hash: string): boolean {
    return this.sql('UPDATE agents SET salt = ?, hash = ?, failed = 0, locked_until = 0 WHERE name = ?').run(salt, hash, name).changes === 1;
  }

  agentByName(name: string): Agent | undefined {
    const r = this.sql('SELECT * FROM agents WHERE name = ?').get(name) as Row | undefined;
    return r && { id: Number(r.id), name: String(r.name), salt: String(r.salt), hash: String(r.hash), failed: Number(r.failed), lockedUntil: Number(r.locked_until) };
  }

  agentName(id: number): string | undefined {
    const r = this.sql('SELECT name FROM agents WHERE id = ?').get(id) as { name: string } | undefined;
    return r?.name;
  }

  recordLoginFailure(id: number, maxFailures: number, lockUntil: number): void {
    this.db.transaction(() => {
      this.sql('UPDATE agents SET failed = failed + 1 WHERE id = ?').run(id);
      this.sql('UPDATE agents SET locked_until = ?, failed = 0 WHERE id = ? AND failed >= ?').run(lockUntil, id, maxFailures);
    })();
  }

  recordLoginSuccess(id: number): void {
    this.sql('UPDATE agents SET failed = 0, locked_until = 0 WHERE id = ?').run(id);
  }

  createSession(tokenHash: string, agentId: number, now: number, expiresAt: number): void {
    this.sql('INSERT INTO agent_sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, agentId, now, expiresAt);
  }

  session(tokenHash: string, now: number): { agentId: number; name: string; expiresAt: number } | undefined {
    const r = this.sql(`SELECT s.agent_id, s.expires_at, a.name FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
      WHERE s.token_hash = ? AND s.expires_at > ?`).get(tokenHash, now) as Row | undefined;
    return r && { agentId: Number(r.agent_id), name: String(r.name), expiresAt: Number(r.expires_at) };
  }

  deleteSession(tokenHash: string): void {
    this.sql('DELETE FROM agent_sessions WHERE token_hash = ?').run(tokenHash);
  }

  purgeExpiredSessions(now: number): void {
    this.sql('DELETE FROM agent_sessions WHERE expires_at <= ?').run(now);
  }

  // ---- conversations and transcripts --------------------------------------------------------------

  saveReference(conversationId: string, reference: unknown, tenant: string | undefined, now: number): void {
    this.sql(`INSERT INTO conversations (conversation_id, tenant, reference, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at,
      tenant = COALESCE(excluded.tenant, conversations.tenant)`).run(conversationId, tenant ?? null, JSON.stringify(reference), now);
  }

  reference(conversationId: string): unknown {
    const r = this.sql('SELECT reference FROM conversations WHERE conversation_id = ?').get(conversationId) as { reference: string } | undefined;
    return r ? JSON.parse(r.reference) : undefined;
  }

  addMessage(m: { conversationId: string; handoffId?: string | null; sender: Sender; author?: string | null; text: string; at: number; delivered?: boolean }): Message {
    const text = m.text.slice(0, MAX_MESSAGE_CHARS);
    const info = this.sql('INSERT INTO messages (conversation_id, handoff_id, sender, author, text, at, delivered) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(m.conversationId, m.handoffId ?? null, m.sender, m.author ?? null, text, m.at, m.delivered === false ? 0 : 1);
    return { id: Number(info.lastInsertRowid), conversationId: m.conversationId, handoffId: m.handoffId ?? null, sender: m.sender, author: m.author ?? null, text, at: m.at, delivered: m.delivered !== false };
  }

  /** The last `limit` messages of a conversation, oldest first. */
  transcript(conversationId: string, limit = 200): Message[] {
    const rows = this.sql('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?').all(conversationId, limit) as Row[];
    return rows.reverse().map(toMessage);
  }

  undeliveredToCitizens(limit = 50): Message[] {
    return (this.sql(`SELECT * FROM messages WHERE delivered = 0 ORDER BY id LIMIT ?`).all(limit) as Row[]).map(toMessage);
  }

  markDelivered(id: number): void {
    this.sql('UPDATE messages SET delivered = 1 WHERE id = ?').run(id);
  }

  /**
   * Everything kept of one conversation, on the citizen's request: transcript, conversation reference,
   * queue entries and callback tickets (with the phone number). One transaction: all or nothing.
   */
  forgetConversation(conversationId: string): void {
    this.db.transaction(() => {
      for (const table of ['messages', 'handoffs', 'tickets', 'conversations']) {
        this.sql(`DELETE FROM ${table} WHERE conversation_id = ?`).run(conversationId);
      }
    })();
  }

  /** Transcripts older than the retention are deleted (DSGVO: keep no longer than needed). */
  purgeMessagesBefore(at: number): number {
    return this.sql('DELETE FROM messages WHERE at < ? AND delivered = 1').run(at).changes;
  }

  // ---- queue and relay sessions -------------------------------------------------------------------

  /** Queues the conversation, unless it already has an open handoff (then that one is returned). */
  enqueue(h: { conversationId: string; tenant: string; intent?: string | null; service?: string | null; topic: string; reason: string; now: number }): Handoff {
    return this.db.transaction(() => {
      const open = this.openFor(h.conversationId);
      if (open) return open;
      const max = this.sql('SELECT MAX(queue_order) AS m FROM handoffs').get() as { m: number | null };
      const id = randomUUID();
      this.sql(`INSERT INTO handoffs (id, conversation_id, tenant, intent, service, topic, reason, status, queue_order, queued_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`).run(id, h.conversationId, h.tenant, h.intent ?? null, h.service ?? null, h.topic, h.reason, (max.m ?? 0) + 1, h.now);
      return this.handoff(id) as Handoff;
    })();
  }

  handoff(id: string): Handoff | undefined {
    const r = this.sql('SELECT * FROM handoffs WHERE id = ?').get(id) as Row | undefined;
    return r && toHandoff(r);
  }

  openFor(conversationId: string): Handoff | undefined {
    const r = this.sql(`SELECT * FROM handoffs WHERE conversation_id = ? AND ${OPEN_SQL} ORDER BY queued_at DESC LIMIT 1`).get(conversationId) as Row | undefined;
    return r && toHandoff(r);
  }

  queued(): Handoff[] {
    return (this.sql(`SELECT * FROM handoffs WHERE status = 'queued' ORDER BY queue_order`).all() as Row[]).map(toHandoff);
  }

  active(): Handoff[] {
    return (this.sql(`SELECT * FROM handoffs WHERE status = 'active' ORDER BY accepted_at`).all() as Row[]).map(toHandoff);
  }

  /** Only a queued handoff can be accepted: two agents clicking at once get one winner. */
  accept(id: string, agentId: number, now: number): Handoff | undefined {
    const changed = this.sql(`UPDATE handoffs SET status = 'active', agent_id = ?, accepted_at = ? WHERE id = ? AND status = 'queued'`).run(agentId, now, id).changes;
    return changed === 1 ? this.handoff(id) : undefined;
  }

  /** Ends an open handoff; returns it, or undefined if it was not open. */
  finish(id: string, status: Exclude<HandoffStatus, 'queued' | 'active' | 'external'>, by: string, now: number): Handoff | undefined {
    const changed = this.sql(`UPDATE handoffs SET status = ?, ended_at = ?, ended_by = ? WHERE id = ? AND ${OPEN_SQL}`).run(status, now, by, id).changes;
    return changed === 1 ? this.handoff(id) : undefined;
  }

  /**
   * Back to the queue, at its front: the citizen has waited already. The accept timeout starts again
   * (queued_at), so a transferred citizen is not offered a callback at once.
   */
  requeueFront(id: string, now: number): Handoff | undefined {
    return this.db.transaction(() => {
      const min = this.sql(`SELECT MIN(queue_order) AS m FROM handoffs WHERE status = 'queued'`).get() as { m: number | null };
      const changed = this.sql(`UPDATE handoffs SET status = 'queued', agent_id = NULL, accepted_at = NULL, announced_position = 1, queue_order = ?,
        queued_at = ? WHERE id = ? AND status IN ('active', 'external')`).run((min.m ?? 1) - 1, now, id).changes;
      return changed === 1 ? this.handoff(id) : undefined;
    })();
  }

  setExternal(id: string): void {
    this.sql(`UPDATE handoffs SET status = 'external' WHERE id = ? AND ${OPEN_SQL}`).run(id);
  }

  setAnnouncedPosition(id: string, position: number): void {
    this.sql('UPDATE handoffs SET announced_position = ? WHERE id = ?').run(position, id);
  }

  // ---- callback tickets ---------------------------------------------------------------------------

  /** Creates the ticket and its reference (RR-<year>-<6-digit id>) in one transaction. */
  createTicket(t: NewTicket, year: number, now: number): Ticket {
    this.db.pragma('synchronous = FULL');
    try {
      return this.insertTicket(t, year, now);
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  private insertTicket(t: NewTicket, year: number, now: number): Ticket {
    return this.db.transaction(() => {
      const info = this.sql(`INSERT INTO tickets (conversation_id, tenant, topic, phone, wished_at, wished_text, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(t.conversationId ?? null, t.tenant, t.topic, t.phone, t.wishedAt, t.wishedText, now, now);
      const id = Number(info.lastInsertRowid);
      const reference = `RR-${year}-${String(id).padStart(6, '0')}`;
      this.sql('UPDATE tickets SET reference = ? WHERE id = ?').run(reference, id);
      return this.ticket(id) as Ticket;
    })();
  }

  /** How many tickets there are of each status (all of them, not a page of the list). */
  ticketCounts(): { status: TicketStatus; count: number }[] {
    return this.sql('SELECT status, COUNT(*) AS count FROM tickets GROUP BY status').all() as { status: TicketStatus; count: number }[];
  }

  ticket(id: number): Ticket | undefined {
    const r = this.sql('SELECT * FROM tickets WHERE id = ?').get(id) as Row | undefined;
    return r && toTicket(r);
  }

  tickets(limit = 500): Ticket[] {
    return (this.sql(`SELECT * FROM tickets ORDER BY CASE status WHEN 'offen' THEN 0 ELSE 1 END, wished_at, id LIMIT ?`).all(limit) as Row[]).map(toTicket);
  }

  /** Tickets requested before `at` are deleted with their phone numbers (the promise of the consent text). */
  purgeTicketsBefore(at: number): number {
    return this.sql('DELETE FROM tickets WHERE created_at < ?').run(at).changes;
  }

  updateTicket(id: number, status: TicketStatus, note: string, by: string, now: number): Ticket | undefined {
    const changed = this.sql('UPDATE tickets SET status = ?, note = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(status, note, by, now, id).changes;
    return changed === 1 ? this.ticket(id) : undefined;
  }
}
