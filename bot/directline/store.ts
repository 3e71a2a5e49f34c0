/**
 * Direct Line conversations and their activities in an embedded SQLite file next to the bot's state
 * (DATA_DIR/directline.sqlite), so a restart keeps every conversation and what was said in it: Web Chat
 * resumes with its watermark. The watermark is the sequence number of a conversation's last activity.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StoredConversation {
  id: string;
  tenant: string;
  userId: string;
  created: number;
  /** True once the conversation was started (the bot was told the citizen joined). */
  started: boolean;
}

export interface StoredActivity { seq: number; activity: Record<string, unknown> }

/** Activity ids as the public Direct Line writes them: `<conversationId>|0000007`. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

export class DirectLineStore {
  private readonly db: Database.Database;
  private readonly insertConversation: Database.Statement<[string, string, string, number]>;
  private readonly selectConversation: Database.Statement<[string], { id: string; tenant: string; user_id: string; created: number; started: number }>;
  private readonly markStarted: Database.Statement<[string]>;
  private readonly nextSeq: Database.Statement<[string], { seq: number }>;
  private readonly insertActivity: Database.Statement<[string, number, string, number]>;
  private readonly selectAfter: Database.Statement<[string, number, number], { seq: number; json: string }>;
  private readonly selectLast: Database.Statement<[string], { seq: number | null }>;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS dl_conversations (
        id TEXT PRIMARY KEY, tenant TEXT NOT NULL, user_id TEXT NOT NULL, created INTEGER NOT NULL, started INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS dl_activities (
        conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, created INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, seq));`);
    this.insertConversation = this.db.prepare('INSERT INTO dl_conversations (id, tenant, user_id, created) VALUES (?, ?, ?, ?)');
    this.selectConversation = this.db.prepare('SELECT id, tenant, user_id, created, started FROM dl_conversations WHERE id = ?');
    this.markStarted = this.db.prepare('UPDATE dl_conversations SET started = 1 WHERE id = ? AND started = 0');
    this.nextSeq = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM dl_activities WHERE conversation_id = ?');
    this.insertActivity = this.db.prepare('INSERT INTO dl_activities (conversation_id, seq, json, created) VALUES (?, ?, ?, ?)');
    this.selectAfter = this.db.prepare('SELECT seq, json FROM dl_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.selectLast = this.db.prepare('SELECT MAX(seq) AS seq FROM dl_activities WHERE conversation_id = ?');
  }

  createConversation(id: string, tenant: string, userId: string, now = Date.now()): StoredConversation {
    this.insertConversation.run(id, tenant, userId, now);
    return { id, tenant, userId, created: now, started: false };
  }

  conversation(id: string): StoredConversation | undefined {
    const row = this.selectConversation.get(id);
    return row && { id: row.id, tenant: row.tenant, userId: row.user_id, created: row.created, started: row.started === 1 };
  }

  /** Marks the conversation started; true only for the call that started it. */
  start(id: string): boolean {
    return this.markStarted.run(id).changes === 1;
  }

  /** Appends an activity, giving it the next sequence number and the matching Direct Line id. */
  append(conversationId: string, build: (id: string, seq: number) => Record<string, unknown>, now = Date.now()): StoredActivity {
    const tx = this.db.transaction((): StoredActivity => {
      const { seq } = this.nextSeq.get(conversationId) as { seq: number };
      const activity = build(activityId(conversationId, seq), seq);
      this.insertActivity.run(conversationId, seq, JSON.stringify(activity), now);
      return { seq, activity };
    });
    return tx();
  }

  /** Activities after a watermark, oldest first. */
  after(conversationId: string, watermark: number, limit = 500): StoredActivity[] {
    return this.selectAfter.all(conversationId, watermark, limit).map((r) => ({ seq: r.seq, activity: JSON.parse(r.json) as Record<string, unknown> }));
  }

  /** The conversation's current watermark (0 when nothing was said yet). */
  watermark(conversationId: string): number {
    return this.selectLast.get(conversationId)?.seq ?? 0;
  }

  /** Deletes a conversation's activities (the citizen asked for their data to be deleted); the conversation
   * itself stays open, so the chat goes on without its history. */
  forgetActivities(conversationId: string): void {
    this.db.prepare('DELETE FROM dl_activities WHERE conversation_id = ?').run(conversationId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
