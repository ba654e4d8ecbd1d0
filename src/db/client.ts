import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../generated/postgres/client.ts';
import { adapterFactoryFor } from './adapter.ts';
import { applyMigrations } from './migrate.ts';
import { providerOf, type Provider } from './provider.ts';

/**
 * The database handle every feature uses. Both generated clients have the same models and
 * methods (one schema per provider, same models), so features are typed against one of them.
 */
export type Db = SqliteClient;
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
  const factory = adapterFactoryFor(url);
  // 'minimal' errors: the default captures a stack trace on every query (for pretty messages
  // that point at the calling line), a cost on every message; errors are logged by kind only.
  // On SQLite a transaction waits for the one before it (src/db/sqlite-lock.ts): wait longer
  // than Prisma's default 2 s to start one, so a burst of messages during an import is not refused,
  // and give a started one 20 s rather than 5 (a busy machine must not turn a slow answer into an error).
  const transactionOptions = { maxWait: 15_000, timeout: 20_000 };
  const db = (
    provider === 'postgres'
      ? (new PostgresClient({ adapter: factory, errorFormat: 'minimal', transactionOptions }) as unknown as Db)
      : new SqliteClient({ adapter: factory, errorFormat: 'minimal', transactionOptions })
  );
  if (provider === 'sqlite') {
    // WAL lets readers go on while one writer writes; foreign keys are off in SQLite by default.
    // synchronous=NORMAL in WAL mode loses no committed transaction when the bot crashes (only
    // on a power cut, the last moments), and spares an fsync on every message.
    await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  }
  return { db, provider, migrated, close: () => db.$disconnect() };
}
