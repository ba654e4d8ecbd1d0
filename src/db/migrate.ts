import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import type { Provider } from './provider.ts';

/**
 * Applies prisma/<provider>/migrations at start, with no network and no native engine.
 * It keeps Prisma's `_prisma_migrations` table (checksum = SHA-256 hex of migration.sql), so
 * `prisma migrate deploy` still agrees wherever the native engine is available.
 */

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

export function migrationsDir(provider: Provider): string {
  return join(projectRoot, 'prisma', provider, 'migrations');
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(provider: Provider): Migration[] {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const createTable: Record<Provider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0);`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0);`,
};

// Any fixed number: several instances starting together on one PostgreSQL migrate one at a time.
const PG_LOCK_KEY = 4_620_2611;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Applies what is not applied yet; returns the names it applied. */
export async function applyMigrations(
  adapter: SqlDriverAdapter,
  provider: Provider,
  migrations: Migration[] = readMigrations(provider),
): Promise<string[]> {
  if (provider === 'postgres') await adapter.executeScript(`SELECT pg_advisory_lock(${PG_LOCK_KEY});`);
  try {
    await adapter.executeScript(createTable[provider]);
    const done = await adapter.queryRaw({
      sql: `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      args: [],
      argTypes: [],
    });
    const applied = new Set(done.rows.map((r) => String(r[0])));
    const now: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      // One transaction per migration: a failing script leaves neither tables nor a record behind.
      try {
        await adapter.executeScript(
          `BEGIN;\n${m.sql}\nINSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES (${quote(randomUUID())}, ${quote(m.checksum)}, ${quote(m.name)}, current_timestamp, 1);\nCOMMIT;`,
        );
      } catch (err) {
        await adapter.executeScript('ROLLBACK;').catch(() => undefined);
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      now.push(m.name);
    }
    return now;
  } finally {
    if (provider === 'postgres') await adapter.executeScript(`SELECT pg_advisory_unlock(${PG_LOCK_KEY});`);
  }
}
