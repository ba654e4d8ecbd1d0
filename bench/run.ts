// `npm run bench`: performance goals, measured here, never in the test suite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/client.ts';
import { benchSearch } from './search.ts';
import { seedHonorees } from './seed.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const out = (s: string) => process.stdout.write(`${s}\n`);

const dir = mkdtempSync(join(tmpdir(), 'hc-bench-'));
const store = await openDb(`file:${join(dir, 'bench.db')}`);
try {
  const t0 = performance.now();
  const initials = await seedHonorees(store.db, COUNT);
  out(`seeded ${COUNT} honorees on SQLite in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const search = await benchSearch(store.db, initials);
  search.lines.forEach(out);
  let latencyPass = true;
  try {
    const { benchLatency } = await import('./latency.ts');
    const latency = await benchLatency(store.db, initials);
    latency.lines.forEach(out);
    latencyPass = latency.pass;
  } catch (err) {
    out(`(a) latency bench unavailable: ${(err as Error).message}`);
    latencyPass = false;
  }
  const { benchImport } = await import('./import.ts');
  const imports = await benchImport();
  imports.lines.forEach(out);
  out(search.pass && latencyPass && imports.pass ? 'all goals met' : 'SOME GOALS NOT MET');
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
