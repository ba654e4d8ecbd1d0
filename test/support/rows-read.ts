import type { SqlDriverAdapter, SqlQueryable, Transaction } from '@prisma/driver-adapter-utils';
import { adapterFactoryFor } from '../../src/db/adapter.ts';
import { createClient, type Db } from '../../src/db/client.ts';
import { providerOf } from '../../src/db/provider.ts';

/**
 * A client of its own on a test database (on SQLite, open it after the test's own client is
 * closed: the bot holds its SQLite file alone) that counts the rows the database hands over, so a test
 * can show that a list is computed by the database (one row of totals, one page of lines)
 * rather than fetched whole and counted in memory.
 */
export interface RowCounter {
  db: Db;
  /** Rows returned by every query since the last reset, and by the largest one. */
  read(): { total: number; largest: number };
  reset(): void;
  close(): Promise<void>;
}

export function countRowsRead(url: string): RowCounter {
  let total = 0;
  let largest = 0;
  // Wraps queryRaw of a connection or transaction; everything else passes through unchanged.
  const counting = <T extends SqlQueryable>(target: T): T =>
    new Proxy(target, {
      get(obj, name, receiver) {
        const value = Reflect.get(obj, name, receiver);
        if (typeof value !== 'function') return value;
        if (name === 'queryRaw') {
          return async (...args: Parameters<SqlQueryable['queryRaw']>) => {
            const result = await obj.queryRaw(...args);
            total += result.rows.length;
            largest = Math.max(largest, result.rows.length);
            return result;
          };
        }
        // The direct statements kept prepared on SQLite (src/db/sqlite-statements.ts).
        if (name === 'preparedQuery') {
          return async (...args: unknown[]) => {
            const rows = (await (value as (...a: unknown[]) => Promise<unknown[]>).apply(obj, args)) as unknown[];
            total += rows.length;
            largest = Math.max(largest, rows.length);
            return rows;
          };
        }
        if (name === 'startTransaction') {
          return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
            counting<Transaction>(await (obj as unknown as SqlDriverAdapter).startTransaction(...args));
        }
        return value.bind(obj);
      },
    });
  const factory = adapterFactoryFor(url);
  const wrapped = new Proxy(factory, {
    get(obj, name, receiver) {
      if (name === 'connect') return async () => counting(await obj.connect());
      const value = Reflect.get(obj, name, receiver);
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
  const db = createClient(providerOf(url), wrapped);
  return {
    db,
    read: () => ({ total, largest }),
    reset: () => {
      total = 0;
      largest = 0;
    },
    close: () => db.$disconnect(),
  };
}
