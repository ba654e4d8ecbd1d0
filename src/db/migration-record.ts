import { randomUUID } from 'node:crypto';
import type { Provider } from './provider.ts';

/** One migration folder: its name, its script, and the checksum Prisma records for it. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma's own bookkeeping table, created as `prisma migrate` would. */
export const MIGRATIONS_TABLE: Record<Provider, string> = {
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

export const APPLIED_MIGRATIONS = `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** The statement that records `m` as applied, with its parameters ($1 style for PostgreSQL, ? for SQLite). */
export function recordMigration(m: Migration, provider: Provider): { sql: string; args: string[] } {
  const p = provider === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
  return {
    sql: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
          VALUES (${p[0]}, ${p[1]}, ${p[2]}, current_timestamp, 1)`,
    args: [randomUUID(), m.checksum, m.name],
  };
}

export function migrationFailed(m: Migration, err: unknown): Error {
  return new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
}
