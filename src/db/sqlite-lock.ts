import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils';
import type { Database } from 'better-sqlite3';
import { loopTurn } from '../core/loop-turn.ts';
import { SqliteStatements } from './sqlite-statements.ts';

/**
 * Isolation and a turning event loop for SQLite.
 *
 * Prisma's better-sqlite3 adapter has one connection, and only its transactions take the
 * adapter's mutex: a statement from another person's message ran inside whatever transaction
 * was open, reading its uncommitted rows, and its own write vanished when that transaction
 * rolled back. Here every statement takes one lock, and a transaction holds it from BEGIN to
 * COMMIT or ROLLBACK, so requests see only committed data and an acknowledged write stays.
 *
 * The driver is synchronous and the adapter answers with resolved promises, so a chain of
 * queries never gave timers or other chats a turn. After each statement, `loopTurn()` yields
 * when the loop has not turned for a few milliseconds (see src/core/loop-turn.ts).
 */
export function lockedSqlite(inner: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => new LockedAdapter(await inner.connect()),
    connectToShadowDb: async () => new LockedAdapter(await inner.connectToShadowDb()),
  };
}

/** A first-come, first-served lock; `acquire` resolves with the function that releases it. */
class StatementLock {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  acquire(): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held = false;
    };
  }
}

async function underLock<T>(lock: StatementLock, work: () => Promise<T>): Promise<T> {
  const release = await lock.acquire();
  try {
    return await work();
  } finally {
    release();
    await loopTurn();
  }
}

/** A connection that knows the transaction open on it, if any (on SQLite there is at most one). */
export interface HoldsOpenTransaction {
  readonly openTransaction: Transaction | undefined;
}

/** Statements kept prepared on the connection, under the same lock (src/db/sqlite-statements.ts). */
export interface RunsPreparedStatements {
  preparedQuery(sql: string, args: unknown[]): Promise<Record<string, unknown>[]>;
  preparedExecute(sql: string, args: unknown[]): Promise<number>;
}

class LockedAdapter implements SqlDriverAdapter, HoldsOpenTransaction, Partial<RunsPreparedStatements> {
  readonly lock = new StatementLock();
  openTransaction: Transaction | undefined;
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  readonly preparedQuery?: RunsPreparedStatements['preparedQuery'];
  readonly preparedExecute?: RunsPreparedStatements['preparedExecute'];

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    // The adapter's better-sqlite3 connection (a public field of @prisma/adapter-better-sqlite3
    // 7.10, pinned); without it, direct statements take the adapter's path.
    const client = (inner as { client?: Database }).client;
    if (typeof client?.prepare === 'function') {
      const statements = new SqliteStatements(client);
      this.preparedQuery = (sql, args) => underLock(this.lock, async () => statements.query(sql, args));
      this.preparedExecute = (sql, args) => underLock(this.lock, async () => statements.execute(sql, args));
    }
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return underLock(this.lock, () => this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return underLock(this.lock, () => this.inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return underLock(this.lock, () => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const release = await this.lock.acquire();
    try {
      const open = new LockedTransaction(await this.inner.startTransaction(isolationLevel), () => {
        this.openTransaction = undefined;
        release();
      });
      this.openTransaction = open;
      return open;
    } catch (err) {
      release();
      throw err;
    }
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** Holds the lock until COMMIT or ROLLBACK; lets the loop turn between its statements. */
class LockedTransaction implements Transaction {
  readonly provider: Transaction['provider'];
  readonly adapterName: string;
  readonly options: Transaction['options'];

  constructor(
    private readonly inner: Transaction,
    private readonly release: () => void,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const result = await this.inner.queryRaw(query);
    await loopTurn();
    return result;
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    const changed = await this.inner.executeRaw(query);
    await loopTurn();
    return changed;
  }

  async commit(): Promise<void> {
    try {
      await this.inner.commit();
    } finally {
      this.release();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.inner.rollback();
    } finally {
      this.release();
    }
  }

  createSavepoint(name: string): Promise<void> {
    return this.inner.createSavepoint!(name);
  }

  rollbackToSavepoint(name: string): Promise<void> {
    return this.inner.rollbackToSavepoint!(name);
  }

  releaseSavepoint(name: string): Promise<void> {
    return this.inner.releaseSavepoint!(name);
  }
}
