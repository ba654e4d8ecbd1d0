import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratePostgres } from './migrate-postgres.ts';
import { migrateSqlite } from './migrate-sqlite.ts';
import type { Migration } from './migration-record.ts';
import { providerOf, type Provider } from './provider.ts';

/**
 * Applies prisma/<provider>/migrations at start, with no network and no native engine.
 * It keeps Prisma's `_prisma_migrations` table (checksum = SHA-256 hex of migration.sql), so
 * `prisma migrate deploy` still agrees wherever the native engine is available.
 */

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

export function migrationsDir(provider: Provider): string {
  return join(projectRoot, 'prisma', provider, 'migrations');
}

export type { Migration } from './migration-record.ts';

/** The migrations in a folder of `<name>/migration.sql`, in name (time) order. */
export function readMigrations(provider: Provider, dir: string = migrationsDir(provider)): Migration[] {
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

/**
 * Applies what is not applied yet to the database behind `url`, each migration whole or not at
 * all; returns the names it applied.
 */
export function applyMigrations(url: string, migrations: Migration[] = readMigrations(providerOf(url))): Promise<string[]> {
  return providerOf(url) === 'postgres' ? migratePostgres(url, migrations) : migrateSqlite(url, migrations);
}
