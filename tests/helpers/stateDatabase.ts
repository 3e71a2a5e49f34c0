/** A conversation-state database for tests that run the bot on SQL storage. */
import { SqliteDatabase } from '../../bot/storage/database';
import { migrate } from '../../bot/storage/migrations';
import { STATE_MIGRATIONS } from '../../bot/storage/sqlStorage';

/**
 * An in-memory SQLite database with the state tables, new for each test of the calling mocha suite and closed
 * after it. Call it before the suite's own beforeEach, which may then use `db`.
 */
export function useStateDatabase(): { readonly db: SqliteDatabase } {
  let db: SqliteDatabase | undefined;
  beforeEach(async () => {
    db = new SqliteDatabase(':memory:');
    await migrate(db, STATE_MIGRATIONS);
  });
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  return {
    get db(): SqliteDatabase {
      if (!db) throw new Error('the state database exists only during a test');
      return db;
    },
  };
}
