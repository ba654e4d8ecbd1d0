import {
  ColumnTypeEnum,
  type ArgType,
  type ColumnType,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQueryable,
} from '@prisma/driver-adapter-utils';
import type { Provider } from './provider.ts';
import type { HoldsOpenTransaction, RunsPreparedStatements } from './sqlite-lock.ts';
import type { Sql } from './sql.ts';

/**
 * The few statements that run on nearly every message (the update log, the account, the saved
 * conversation, the search), sent past Prisma's query path, which costs 40–100 µs per statement
 * in the bot's process, several times the statement itself. On PostgreSQL they go to the driver
 * adapter the client uses (about 15 µs); on SQLite to statements kept prepared on the adapter's
 * own connection (src/db/sqlite-statements.ts), since the adapter prepares each one anew. Same
 * connection, same SQLite lock, same value formats (dates are bound as Prisma binds them), so
 * both paths read each other's rows.
 */
export interface DirectSql extends DirectStatements {
  /**
   * Statements inside the Prisma transaction `tx` (many-row writes of an import). On SQLite they
   * go straight to the one open transaction of the one connection, which the statement lock
   * keeps for `tx` alone; on PostgreSQL, where the transaction has a pooled connection of its
   * own, through `tx` itself.
   */
  within(tx: RawTx): DirectStatements;
}

export interface DirectStatements {
  /** Rows as objects by column name: integers as numbers, dates as Date. */
  query<T extends object>(q: Sql): Promise<T[]>;
  /** The number of rows changed. */
  execute(q: Sql): Promise<number>;
}

/** What `within` needs of a Prisma transaction client. */
export interface RawTx {
  $queryRaw<T = unknown>(query: Sql): PromiseLike<T>;
  $executeRaw(query: Sql): PromiseLike<number>;
}

/** A factory whose connection is made once and shared by the Prisma client and direct statements. */
export function sharedConnection(factory: SqlDriverAdapterFactory): { factory: SqlDriverAdapterFactory; adapter: () => Promise<SqlDriverAdapter> } {
  let connected: Promise<SqlDriverAdapter> | undefined;
  const adapter = () =>
    (connected ??= factory.connect().then((a) => {
      const dispose = a.dispose.bind(a);
      a.dispose = () => {
        connected = undefined;
        return dispose();
      };
      return a;
    }));
  return { factory: { provider: factory.provider, adapterName: factory.adapterName, connect: adapter }, adapter };
}

export function directSql(adapter: () => Promise<SqlDriverAdapter>, provider: Provider): DirectSql {
  const statement = (q: Sql) => ({ sql: provider === 'postgres' ? q.text : q.sql, args: q.values, argTypes: q.values.map(argTypeOf) });
  const on = (target: () => Promise<SqlQueryable>): DirectStatements => ({
    async query<T extends object>(q: Sql) {
      const result = await (await target()).queryRaw(statement(q));
      const { columnNames, columnTypes } = result;
      return result.rows.map((row) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < columnNames.length; i++) out[columnNames[i]] = valueOf(row[i], columnTypes[i]);
        return out as T;
      });
    },
    async execute(q: Sql) {
      return (await target()).executeRaw(statement(q));
    },
  });
  const openTransaction = async () => {
    const open = ((await adapter()) as Partial<HoldsOpenTransaction>).openTransaction;
    if (!open) throw new Error('no transaction is open on this connection');
    return open;
  };
  // On SQLite, statements kept prepared on the same connection and lock, where the adapter offers them.
  const prepared: DirectStatements = {
    async query<T extends object>(q: Sql) {
      const a = (await adapter()) as Partial<RunsPreparedStatements>;
      return a.preparedQuery ? ((await a.preparedQuery(q.sql, q.values)) as T[]) : on(adapter).query<T>(q);
    },
    async execute(q: Sql) {
      const a = (await adapter()) as Partial<RunsPreparedStatements>;
      return a.preparedExecute ? a.preparedExecute(q.sql, q.values) : on(adapter).execute(q);
    },
  };
  return {
    ...(provider === 'sqlite' ? prepared : on(adapter)),
    within: (tx) =>
      provider === 'sqlite'
        ? on(openTransaction)
        : { query: async <T extends object>(q: Sql) => (await tx.$queryRaw<T[]>(q)) as T[], execute: async (q: Sql) => tx.$executeRaw(q) },
  };
}

function argTypeOf(value: unknown): ArgType {
  const scalar = (scalarType: ArgType['scalarType']): ArgType => ({ scalarType, arity: 'scalar' });
  if (value === null || value === undefined) return scalar('unknown');
  if (typeof value === 'number') return scalar(Number.isInteger(value) ? 'int' : 'float');
  if (typeof value === 'bigint') return scalar('bigint');
  if (typeof value === 'boolean') return scalar('boolean');
  if (value instanceof Date) return scalar('datetime');
  return scalar('string');
}

function valueOf(value: unknown, type: ColumnType): unknown {
  if (value === null) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
    case ColumnTypeEnum.Int64:
    case ColumnTypeEnum.Float:
    case ColumnTypeEnum.Double:
    case ColumnTypeEnum.Numeric:
    case ColumnTypeEnum.UnknownNumber:
      return Number(value);
    case ColumnTypeEnum.Boolean:
      return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
    case ColumnTypeEnum.DateTime:
      return new Date(value as string);
    default:
      return value;
  }
}
