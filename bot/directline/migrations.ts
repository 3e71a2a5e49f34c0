/**
 * The Direct Line tables (conversations and their activities): its own database on SQLite
 * (DATA_DIR/directline.sqlite), the shared one on PostgreSQL. The feature hands them to the storage.
 */
import type { Migration, Schema } from '../storage/migrations';

export const DIRECTLINE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'directline-001',
    sqlite: `
    CREATE TABLE IF NOT EXISTS dl_conversations (
      id TEXT PRIMARY KEY, tenant TEXT NOT NULL, user_id TEXT NOT NULL, created INTEGER NOT NULL, started INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS dl_activities (
      conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, created INTEGER NOT NULL,
      PRIMARY KEY (conversation_id, seq));`,
    postgres: `
    CREATE TABLE dl_conversations (
      id TEXT PRIMARY KEY, tenant TEXT NOT NULL, user_id TEXT NOT NULL, created BIGINT NOT NULL, started INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE dl_activities (
      conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, created BIGINT NOT NULL,
      PRIMARY KEY (conversation_id, seq));`,
  },
  {
    id: 'directline-002',
    // Each conversation counts its activities itself: the row lock of that counter gives two instances
    // appending at once different numbers, without retries.
    sql: `ALTER TABLE dl_conversations ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;
    UPDATE dl_conversations SET last_seq = COALESCE((SELECT MAX(seq) FROM dl_activities a WHERE a.conversation_id = dl_conversations.id), 0);
    CREATE INDEX dl_activities_created ON dl_activities (created)`,
  },
  {
    id: 'directline-003',
    // The Direct Line secret generated for all instances of one database (when DIRECTLINE_SECRET is not set).
    sql: 'CREATE TABLE dl_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
  },
];

export const DIRECTLINE_SCHEMA: Schema = { database: 'directline', migrations: DIRECTLINE_MIGRATIONS };
