import pg from 'pg';
import { APPLIED_MIGRATIONS, MIGRATIONS_TABLE, migrationFailed, recordMigration, type Migration } from './migration-record.ts';

// Any fixed number: several instances starting together on one PostgreSQL migrate one at a time.
const LOCK_KEY = 4_620_2611;

/**
 * PostgreSQL: one dedicated connection holds the advisory lock and runs every migration, each
 * as one script inside one transaction. The server parses the script itself, so strings and
 * `$$` function bodies that hold semicolons are safe, and the lock and the transaction are on
 * the same session by construction (not by a pool happening to reuse a connection).
 */
export async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query(MIGRATIONS_TABLE.postgres);
      const done = await client.query<{ migration_name: string }>(APPLIED_MIGRATIONS);
      const applied = new Set(done.rows.map((r) => r.migration_name));
      const now: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.name)) continue;
        try {
          await client.query('BEGIN');
          // No parameters: the simple query protocol runs the whole script as written.
          await client.query(m.sql);
          const record = recordMigration(m, 'postgres');
          await client.query(record.sql, record.args);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw migrationFailed(m, err);
        }
        now.push(m.name);
      }
      return now;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
