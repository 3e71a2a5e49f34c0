/**
 * Direct Line conversations and their activities on the SQL database (SQLite: DATA_DIR/directline.sqlite;
 * or PostgreSQL), so a restart, or another instance, keeps every conversation and what was said in it:
 * Web Chat resumes with its watermark. The watermark is the sequence number of a conversation's last activity.
 */
import type { SqlDatabase } from '../storage/database';

export interface StoredConversation {
  id: string;
  tenant: string;
  userId: string;
  created: number;
  /** True once the conversation was started (the bot was told the citizen joined). */
  started: boolean;
}

export interface StoredActivity {
  seq: number;
  activity: Record<string, unknown>;
}

/** Activity ids as the public Direct Line writes them: `<conversationId>|0000007`. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

export class DirectLineStore {
  constructor(private readonly db: SqlDatabase) {}

  async createConversation(id: string, tenant: string, userId: string, now = Date.now()): Promise<StoredConversation> {
    await this.db.run('INSERT INTO dl_conversations (id, tenant, user_id, created) VALUES (?, ?, ?, ?)', [id, tenant, userId, now]);
    return { id, tenant, userId, created: now, started: false };
  }

  async conversation(id: string): Promise<StoredConversation | undefined> {
    const row = await this.db.get<{ id: string; tenant: string; user_id: string; created: number; started: number }>(
      'SELECT id, tenant, user_id, created, started FROM dl_conversations WHERE id = ?',
      [id],
    );
    return row && { id: row.id, tenant: row.tenant, userId: row.user_id, created: Number(row.created), started: Number(row.started) === 1 };
  }

  /** Marks the conversation started; true only for the call that started it (on any instance). */
  async start(id: string): Promise<boolean> {
    return (await this.db.run('UPDATE dl_conversations SET started = 1 WHERE id = ? AND started = 0', [id])) === 1;
  }

  /** Appends an activity, giving it the next sequence number and the matching Direct Line id. */
  async append(
    conversationId: string,
    build: (id: string, seq: number) => Record<string, unknown>,
    now = Date.now(),
  ): Promise<StoredActivity> {
    const row = await this.db.get<{ seq: number }>(
      'UPDATE dl_conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq AS seq',
      [conversationId],
    );
    if (!row) throw new Error('unknown Direct Line conversation');
    const seq = Number(row.seq);
    const activity = build(activityId(conversationId, seq), seq);
    await this.db.run('INSERT INTO dl_activities (conversation_id, seq, json, created) VALUES (?, ?, ?, ?)', [
      conversationId,
      seq,
      JSON.stringify(activity),
      now,
    ]);
    return { seq, activity };
  }

  /** Activities after a watermark, oldest first. */
  async after(conversationId: string, watermark: number, limit = 500): Promise<StoredActivity[]> {
    const rows = await this.db.all<{ seq: number; json: string }>(
      'SELECT seq, json FROM dl_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [conversationId, watermark, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), activity: JSON.parse(r.json) as Record<string, unknown> }));
  }

  /** The conversation's current watermark (0 when nothing was said yet). */
  async watermark(conversationId: string): Promise<number> {
    return Number(
      (await this.db.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM dl_activities WHERE conversation_id = ?', [conversationId]))
        ?.seq ?? 0,
    );
  }

  /** Deletes a conversation's activities (the citizen asked for their data to be deleted); the conversation
   * itself stays open, so the chat goes on without its history. */
  async forgetActivities(conversationId: string): Promise<void> {
    await this.db.run('DELETE FROM dl_activities WHERE conversation_id = ?', [conversationId]);
  }

  /** The secret all instances on this database share: the first to ask stores `generated`, all read the same. */
  async sharedSecret(generated: string): Promise<string> {
    await this.db.run(`INSERT INTO dl_settings (name, value) VALUES ('secret', ?) ON CONFLICT (name) DO NOTHING`, [generated]);
    return String((await this.db.get<{ value: string }>(`SELECT value FROM dl_settings WHERE name = 'secret'`))?.value);
  }

  /** Activities older than the retention are deleted, and conversations idle as long with them. */
  async purgeBefore(at: number): Promise<number> {
    const activities = await this.db.run('DELETE FROM dl_activities WHERE created < ?', [at]);
    const conversations = await this.db.run(
      `DELETE FROM dl_conversations WHERE created < ?
      AND NOT EXISTS (SELECT 1 FROM dl_activities a WHERE a.conversation_id = dl_conversations.id)`,
      [at],
    );
    return activities + conversations;
  }
}
