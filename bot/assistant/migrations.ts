/**
 * The bot's tables: conversation and user state, unanswered questions, conversation outcomes. Their own
 * database on SQLite (DATA_DIR/state.sqlite), the shared one on PostgreSQL.
 */
import type { Schema } from '../storage/migrations';
import { STATE_MIGRATIONS } from '../storage/sqlStorage';
import { UNANSWERED_MIGRATIONS } from '../storage/unansweredStore';
import { OUTCOME_MIGRATIONS } from '../storage/outcomeStore';

export const ASSISTANT_SCHEMA: Schema = {
  database: 'state',
  migrations: [...STATE_MIGRATIONS, ...UNANSWERED_MIGRATIONS, ...OUTCOME_MIGRATIONS],
};
