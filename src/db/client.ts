import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../generated/postgres/client.ts';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { adapterFactoryFor } from './adapter.ts';
import { directSql, sharedConnection, type DirectSql } from './direct-sql.ts';
import { applyMigrations } from './migrate.ts';
import { providerOf, type Provider } from './provider.ts';

/**
 * The database handle every feature uses. Both generated clients have the same models and
 * methods (one schema per provider, same models), so features are typed against one of them.
 */
export type Db = SqliteClient & {
  /** Statements of the per-message hot path, straight to the driver adapter (src/db/direct-sql.ts). */
  readonly $direct: DirectSql;
};
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

export interface OpenDb {
  db: Db;
  provider: Provider;
  /** Migration names applied by this start (empty when the database was current). */
  migrated: string[];
  close(): Promise<void>;
}

/** Opens the database behind `url`, applying any pending migrations first. */
export async function openDb(url: string): Promise<OpenDb> {
  const provider = providerOf(url);
  const migrated = await applyMigrations(url);
  const db = createClient(provider, adapterFactoryFor(url));
  if (provider === 'sqlite') {
    // One process per SQLite file, and it holds the file from the start: EXCLUSIVE, set before
    // anything is read, keeps the WAL index in this process's memory and the file lock for the
    // whole run. Each statement then skips the file and shared-memory locks it took and released
    // every time (about 30 µs a statement on the machines measured: half a `查询`'s database time).
    // A second bot on the same file stops at start with a clear message (SQLITE_BUSY, see
    // src/start-failure.ts) instead of sending every reminder twice, and the lock dies with
    // the process, so a restart after a crash is never blocked by it.
    await db.$queryRawUnsafe('PRAGMA locking_mode = EXCLUSIVE');
    // WAL lets a crash lose no committed transaction; foreign keys are off in SQLite by default.
    // synchronous=NORMAL in WAL mode loses no committed transaction when the bot crashes (only
    // on a power cut, the last moments), and spares an fsync on every message.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    // A write that changes nothing takes the lock now, not at the first message.
    await db.$executeRawUnsafe('DELETE FROM "ProcessedUpdate" WHERE 0 = 1');
  }
  return { db, provider, migrated, close: () => db.$disconnect() };
}

/** The Prisma client of the provider on one shared connection, with its direct statements. */
export function createClient(provider: Provider, adapterFactory: SqlDriverAdapterFactory): Db {
  const shared = sharedConnection(adapterFactory);
  const factory = shared.factory;
  // 'minimal' errors: the default captures a stack trace on every query (for pretty messages
  // that point at the calling line), a cost on every message; errors are logged by kind only.
  // On SQLite a transaction waits for the one before it (src/db/sqlite-lock.ts): wait longer
  // than Prisma's default 2 s to start one, so a burst of messages during an import is not refused,
  // and give a started one 20 s rather than 5 (a busy machine must not turn a slow answer into an error).
  const transactionOptions = { maxWait: 15_000, timeout: 20_000 };
  const client =
    provider === 'postgres'
      ? (new PostgresClient({ adapter: factory, errorFormat: 'minimal', transactionOptions }) as unknown as SqliteClient)
      : new SqliteClient({ adapter: factory, errorFormat: 'minimal', transactionOptions });
  return Object.assign(client, { $direct: directSql(shared.adapter, provider) });
}
