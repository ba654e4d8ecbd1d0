import { performance } from 'node:perf_hooks';
import type { Db } from '../src/db/client.ts';
import { searchHonorees } from '../src/features/honorees/index.ts';
import { fmt, summary } from './stats.ts';

/**
 * (b) 查询 by pinyin initials over the seeded honorees, against a primary-key lookup of the
 * same table in the same run as the baseline. Goal: p99 ≤ 10 ms on SQLite.
 */
export async function benchSearch(db: Db, initials: string[], rounds = 2000) {
  const queries = Array.from({ length: rounds }, (_, i) => initials[(i * 7919) % initials.length]);
  for (const q of queries.slice(0, 100)) await searchHonorees(db, q); // warm up
  const search: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await searchHonorees(db, q);
    search.push(performance.now() - t0);
  }
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await db.honoree.findUnique({ where: { fileNo: `B${String(((i * 7919) % initials.length) + 1).padStart(7, '0')}` } });
    baseline.push(performance.now() - t0);
  }
  const s = summary(search);
  const b = summary(baseline);
  return {
    lines: [
      `(b) 查询 by pinyin initials, ${initials.length} honorees, ${rounds} queries`,
      `    search   p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}   (goal: p99 ≤ 10 ms)`,
      `    baseline p50 ${fmt(b.p50)}  p99 ${fmt(b.p99)}   (primary-key lookup)`,
      `    ratio    p50 ${(s.p50 / b.p50).toFixed(2)}×  p99 ${(s.p99 / b.p99).toFixed(2)}×`,
    ],
    pass: s.p99 <= 10,
  };
}
