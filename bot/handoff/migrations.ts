/**
 * The handoff tables (agents, queue, relay sessions, transcripts, callback tickets): its own database on SQLite
 * (DATA_DIR/handoff.sqlite), the shared one on PostgreSQL. The feature hands them to the storage (index.ts).
 */
import type { Migration, Schema } from '../storage/migrations';

export const HANDOFF_MIGRATIONS: readonly Migration[] = [
  {
    id: 'handoff-001',
    // The SQLite text is the schema this store created before migrations existed (IF NOT EXISTS: such a file
    // is taken over as it is).
    sqlite: `
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
  updated_at INTEGER NOT NULL, updated_by TEXT);`,
    postgres: `
CREATE TABLE agents (
  id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, salt TEXT NOT NULL, hash TEXT NOT NULL,
  created_at BIGINT NOT NULL, failed INTEGER NOT NULL DEFAULT 0, locked_until BIGINT NOT NULL DEFAULT 0);
CREATE TABLE agent_sessions (
  token_hash TEXT PRIMARY KEY, agent_id BIGINT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);
CREATE TABLE conversations (
  conversation_id TEXT PRIMARY KEY, tenant TEXT, reference TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE messages (
  id BIGSERIAL PRIMARY KEY, conversation_id TEXT NOT NULL, handoff_id TEXT, sender TEXT NOT NULL,
  author TEXT, text TEXT NOT NULL, at BIGINT NOT NULL, delivered INTEGER NOT NULL DEFAULT 1);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_undelivered ON messages (delivered) WHERE delivered = 0;
CREATE TABLE handoffs (
  id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, tenant TEXT NOT NULL, intent TEXT, service TEXT,
  topic TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, agent_id BIGINT, queue_order DOUBLE PRECISION NOT NULL,
  queued_at BIGINT NOT NULL, accepted_at BIGINT, ended_at BIGINT, ended_by TEXT, announced_position INTEGER);
CREATE INDEX handoffs_status ON handoffs (status, queue_order);
CREATE INDEX handoffs_conversation ON handoffs (conversation_id);
CREATE TABLE tickets (
  id BIGSERIAL PRIMARY KEY, reference TEXT UNIQUE, conversation_id TEXT, tenant TEXT NOT NULL,
  topic TEXT NOT NULL, phone TEXT NOT NULL, wished_at BIGINT NOT NULL, wished_text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'offen', note TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL, updated_by TEXT);`,
  },
  {
    id: 'handoff-002',
    // Which agent is connected to which instance, renewed every tick: with several instances, "an agent is
    // online" and "the agent of this chat is gone" are facts of the database, not of one process.
    // One open handoff per conversation, also when two instances queue the same conversation at once.
    sql: `CREATE TABLE agent_presence (
    agent_id BIGINT NOT NULL, instance_id TEXT NOT NULL, seen_at BIGINT NOT NULL, PRIMARY KEY (agent_id, instance_id));
    CREATE UNIQUE INDEX handoffs_one_open ON handoffs (conversation_id) WHERE status IN ('queued', 'active', 'external')`,
  },
  {
    id: 'handoff-003',
    // The name a citizen sees for an agent (agent:add --display-name); agents added before have none.
    sql: 'ALTER TABLE agents ADD COLUMN display_name TEXT',
  },
  {
    id: 'handoff-004',
    // Callback tickets agents can work: the service understood, the number as typed, the due time, where the
    // conversation stood at the request, and every status change with who and when. Tickets stored before get
    // their history from what they kept (created; the last change, if any).
    sqlite: `
ALTER TABLE tickets ADD COLUMN service TEXT;
ALTER TABLE tickets ADD COLUMN phone_display TEXT;
ALTER TABLE tickets ADD COLUMN due_at INTEGER;
ALTER TABLE tickets ADD COLUMN context_message_id INTEGER;
CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL, status TEXT NOT NULL, agent TEXT, agent_name TEXT, at INTEGER NOT NULL);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
CREATE INDEX tickets_created ON tickets (created_at);
INSERT INTO ticket_events (ticket_id, status, agent, agent_name, at) SELECT id, 'offen', NULL, NULL, created_at FROM tickets;
INSERT INTO ticket_events (ticket_id, status, agent, agent_name, at) SELECT id, status, updated_by, updated_by, updated_at FROM tickets WHERE status <> 'offen';`,
    postgres: `
ALTER TABLE tickets ADD COLUMN service TEXT, ADD COLUMN phone_display TEXT, ADD COLUMN due_at BIGINT, ADD COLUMN context_message_id BIGINT;
CREATE TABLE ticket_events (
  id BIGSERIAL PRIMARY KEY, ticket_id BIGINT NOT NULL, status TEXT NOT NULL, agent TEXT, agent_name TEXT, at BIGINT NOT NULL);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
CREATE INDEX tickets_created ON tickets (created_at);
INSERT INTO ticket_events (ticket_id, status, agent, agent_name, at) SELECT id, 'offen', NULL, NULL, created_at FROM tickets ORDER BY id;
INSERT INTO ticket_events (ticket_id, status, agent, agent_name, at) SELECT id, status, updated_by, updated_by, updated_at FROM tickets WHERE status <> 'offen' ORDER BY id;`,
  },
  {
    id: 'handoff-005',
    // The citizen's language beside the German: each bot line of the transcript keeps the language it was said in
    // and, when it was not German, the German wording of the same reply (channelData.language / .original of the
    // reply, see handoffMiddleware.ts); a handoff keeps the language its request named. Rows from before have
    // neither: German.
    sql: `ALTER TABLE messages ADD COLUMN language TEXT;
    ALTER TABLE messages ADD COLUMN original TEXT;
    ALTER TABLE handoffs ADD COLUMN language TEXT`,
  },
];

export const HANDOFF_SCHEMA: Schema = { database: 'handoff', migrations: HANDOFF_MIGRATIONS };
