import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createCore } from '../src/app.ts';
import type { Db } from '../src/db/client.ts';
import { planDigests } from '../src/features/digest/index.ts';

const MB = 1024 * 1024;
/** Goals of issue 7: planning at 100,000 honorees under 5 s and 300 MB peak (resident memory). */
const GOAL_MS = 5000;
const GOAL_MB = 300;
const GROUPS = 3;

/**
 * (e) The daily digest planned for a large office, on the database benchLists seeded (honorees,
 * surveys with a priority register, a million visits): birth dates are spread over seventy years,
 * GROUPS notification groups get one digest each. Time of one planning run, and how far the
 * process's resident memory grows above where it stood before (sampled every 10 ms).
 */
export async function benchDigest(db: Db, honorees: number) {
  await db.$executeRawUnsafe(`UPDATE "Honoree" SET "birthDate" = date('1926-01-01', '+' || (("id" * 37) % 27000) || ' days')`);
  const now = new Date();
  for (let g = 1; g <= GROUPS; g++) {
    await db.notifyGroup.create({ data: { channel: 'telegram', via: '1', chatId: `-100${g}`, title: `示例群${g}`, createdAt: now, updatedAt: now } });
  }
  const core = createCore(db, pino({ level: 'silent' }), { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 10 << 20 });
  const t = core.i18n.for('zh-CN');
  // The process already holds the seeded database's pages and the other parts' heap: what the
  // planning costs is its growth over that.
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const start = performance.now();
  // Digest time 00:00: "now" is always past it, so every group gets today's digest.
  const written = await planDigests(db, now, { sections: core.digestSections, timeZone: 'Asia/Shanghai', digestTime: '00:00', t, locale: 'zh-CN' });
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const body = (await db.notification.findFirst({ where: { kind: 'digest' }, orderBy: { id: 'asc' } }))?.params ?? '{}';
  const lines = JSON.parse(body).body?.split('\n').length ?? 0;
  const growth = peak - base;
  const met = written === GROUPS && ms <= GOAL_MS && growth <= GOAL_MB * MB;
  return {
    lines: [
      `(e) daily digest planned for ${GROUPS} groups at ${honorees} honorees with their visits: ${ms.toFixed(0)} ms, resident memory +${(growth / MB).toFixed(0)} MB at its peak (process ${(peak / MB).toFixed(0)} MB with the seeded data), ${lines} lines each (goal ≤ ${GOAL_MS} ms, ≤ ${GOAL_MB} MB) ${met ? 'met' : 'NOT MET'}`,
    ],
    pass: met,
  };
}
