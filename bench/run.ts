// `npm run bench`: performance goals, measured here, never in the test suite.
// `npm run bench -- 20000 lists latency` runs only those parts (search, latency, lists, digest (with lists), subsidies, export, dispatch, import, checkups) with that many honorees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/client.ts';
import { benchSearch } from './search.ts';
import { seedHonorees } from './seed.ts';

const args = process.argv.slice(2);
const COUNT = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const only = args.filter((a) => !/^\d+$/.test(a));
const wanted = (part: string) => !only.length || only.includes(part);
const out = (s: string) => process.stdout.write(`${s}\n`);

const dir = mkdtempSync(join(tmpdir(), 'hc-bench-'));
const file = join(dir, 'bench.db');
let store = await openDb(`file:${file}`);
try {
  const t0 = performance.now();
  const initials = await seedHonorees(store.db, COUNT);
  out(`seeded ${COUNT} honorees on SQLite in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  let pass = true;
  if (wanted('search')) {
    const search = await benchSearch(store.db, initials);
    search.lines.forEach(out);
    pass &&= search.pass;
  }
  if (wanted('latency')) {
    try {
      const { benchLatency } = await import('./latency.ts');
      const latency = await benchLatency(store.db, initials);
      latency.lines.forEach(out);
      pass &&= latency.pass;
    } catch (err) {
      out(`(a) latency bench unavailable: ${(err as Error).message}`);
      pass = false;
    }
  }
  // Last: it adds a million visits to the database the other parts measured.
  if (wanted('lists')) {
    const { benchLists } = await import('./lists.ts');
    const lists = await benchLists(store.db, COUNT);
    lists.lines.forEach(out);
    pass &&= lists.pass;
    // On the visits and surveys the lists part seeded.
    if (wanted('digest')) {
      const { benchDigest } = await import('./digest.ts');
      const digest = await benchDigest(store.db, COUNT);
      digest.lines.forEach(out);
      pass &&= digest.pass;
    }
  }
  // After lists and digest, whose visits and birth dates it reads (it seeds a few visits of its
  // own when they did not run); it adds honours, employment and next year's surveys.
  if (wanted('subsidies')) {
    const { benchSubsidies } = await import('./subsidies.ts');
    const subsidies = await benchSubsidies(store.db, COUNT);
    subsidies.lines.forEach(out);
    pass &&= subsidies.pass;
  }
  // After lists and subsidies, whose visits and honours it exports (it seeds its own when they did not run).
  // In a bot process of its own on the same file, which the bot holds alone: closed meanwhile.
  if (wanted('export')) {
    const { benchExport, prepareExport } = await import('./export.ts');
    out(await prepareExport(store.db, COUNT));
    await store.close();
    const exported = await benchExport(file);
    store = await openDb(`file:${file}`);
    exported.lines.forEach(out);
    pass &&= exported.pass;
  }
  // On a database of its own.
  if (wanted('dispatch')) {
    const { benchDispatch } = await import('./dispatch.ts');
    const dispatch = await benchDispatch();
    dispatch.lines.forEach(out);
    pass &&= dispatch.pass;
  }
  // On databases of its own (SQLite and PostgreSQL), so order does not matter.
  if (wanted('import')) {
    const { benchImport } = await import('./import.ts');
    const imports = await benchImport();
    imports.lines.forEach(out);
    pass &&= imports.pass;
  }
  // On a database of its own.
  if (wanted('checkups')) {
    const { benchCheckups } = await import('./checkups.ts');
    const checkups = await benchCheckups();
    checkups.lines.forEach(out);
    pass &&= checkups.pass;
  }
  out(pass ? 'all goals met' : 'SOME GOALS NOT MET');
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
