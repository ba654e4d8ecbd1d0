import { performance } from 'node:perf_hooks';
import type { Db } from '../src/db/client.ts';

/** The database, with the time of its longest transaction noted (an import's or a campaign's last, short step). */
export function timingTransactions(db: Db): { db: Db; longest: () => number } {
  let longest = 0;
  const timed = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== '$transaction') return Reflect.get(target, prop, receiver);
      return async (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return await (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          longest = Math.max(longest, performance.now() - t0);
        }
      };
    },
  });
  return { db: timed, longest: () => longest };
}
