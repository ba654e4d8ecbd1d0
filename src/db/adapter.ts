import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { providerOf, sqliteFilePath } from './provider.ts';
import { lockedSqlite } from './sqlite-lock.ts';

/** The Prisma driver adapter for a DATABASE_URL; creates the SQLite data folder if missing. */
export function adapterFactoryFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === 'postgres') return new PrismaPg({ connectionString: url });
  const file = sqliteFilePath(url);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // A busy connection waits instead of failing at once: the bot, an import and a bench may share a file.
  return lockedSqlite(new PrismaBetterSqlite3({ url: file, timeout: 5000 }));
}
