/**
 * Every feature's schema, in the order they are applied (on PostgreSQL into one database): the server, the
 * command-line tools that open the same storage, and the storage contract tests use this one list.
 */
import type { Migration, Schema } from './storage/migrations';
import { ASSISTANT_SCHEMA } from './assistant/migrations';
import { HANDOFF_SCHEMA } from './handoff/migrations';
import { DIRECTLINE_SCHEMA } from './directline/migrations';

export const SCHEMAS: readonly Schema[] = [ASSISTANT_SCHEMA, HANDOFF_SCHEMA, DIRECTLINE_SCHEMA];

/** Every store's migrations, for one database holding them all (PostgreSQL, the contract tests). */
export const ALL_MIGRATIONS: readonly Migration[] = SCHEMAS.flatMap((s) => s.migrations);
