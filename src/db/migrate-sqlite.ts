import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { APPLIED_MIGRATIONS, MIGRATIONS_TABLE, migrationFailed, recordMigration, type Migration } from './migration-record.ts';
import { sqliteFilePath } from './provider.ts';

/**
 * SQLite: each migration in one transaction, with foreign keys switched off OUTSIDE it.
 * `PRAGMA foreign_keys` is a no-op inside a transaction, so a table redefinition (create the new
 * table, copy, drop the old one, rename) run with them on cascades the drop: every honour, visit
 * and survey of the redefined table's rows would go. Before COMMIT, `foreign_key_check` proves no
 * row points nowhere; then the keys are switched on again.
 *
 * The runner uses its own connection of the same driver Prisma's adapter uses, before the app's
 * client opens: start-up, one statement after another, nothing else running.
 */
export async function migrateSqlite(url: string, migrations: Migration[]): Promise<string[]> {
  const file = sqliteFilePath(url);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  try {
    db.exec(MIGRATIONS_TABLE.sqlite);
    const applied = () => new Set(db.prepare(APPLIED_MIGRATIONS).pluck().all().map(String));
    const now: string[] = [];
    for (const m of migrations) {
      if (applied().has(m.name)) continue;
      db.pragma('foreign_keys = OFF');
      try {
        // IMMEDIATE takes the write lock at once: a second process starting on the same file
        // waits here, then finds the migration applied.
        db.exec('BEGIN IMMEDIATE');
        if (applied().has(m.name)) {
          db.exec('COMMIT');
          continue;
        }
        db.exec(m.sql);
        const dangling = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
        if (dangling.length) {
          const first = dangling[0];
          throw new Error(`it would leave ${dangling.length} row(s) pointing nowhere (first: ${first.table} -> ${first.parent})`);
        }
        const record = recordMigration(m, 'sqlite');
        db.prepare(record.sql).run(...record.args);
        db.exec('COMMIT');
        now.push(m.name);
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw migrationFailed(m, err);
      } finally {
        db.pragma('foreign_keys = ON');
      }
    }
    return now;
  } finally {
    db.close();
  }
}
