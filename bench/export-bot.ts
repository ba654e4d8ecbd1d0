// A bot process for bench (k): `node --import tsx bench/export-bot.ts <sqlite file>`. Opens the file
// as the bot does, then 统计 and 导出 as an admin types them, another person asking 查询 every 150 ms
// during the export; prints what it measured as one line of JSON (BotRun).
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createCore } from '../src/app.ts';
import { openDb } from '../src/db/client.ts';
import { workbookRows } from '../src/features/export/workbook.ts';
import { meanwhile } from '../test/support/timer-watch.ts';

export interface BotRun {
  year: number;
  visitsInYear: number;
  rows: number;
  baselineMs: number;
  statsMs: number;
  report: string;
  chart: boolean;
  exportMs: number;
  fileBytes: number;
  asked: number;
  slowest: number;
  worstLate: number;
  /** Resident memory once the database is open and a 查询 answered, and the process's peak (bytes). */
  startRss: number;
  peakRss: number;
}

const ADMIN = { channel: 'telegram' as const, id: 'bench-admin', name: '管理员' };
const OTHER = { channel: 'telegram' as const, id: 'bench-other', name: '查询员' };

const store = await openDb(`file:${process.argv[2]}`);
try {
  const db = store.db;
  // The seeded visits' last year, whenever the bench runs: the year with a year's visits to export.
  const last = await db.visit.aggregate({ _max: { visitDate: true } });
  const year = Number(last._max.visitDate!.slice(0, 4));
  const visitsInYear = await db.visit.count({ where: { visitDate: { gte: `${year}-01-01`, lte: `${year}-12-31` } } });
  for (const who of [ADMIN, OTHER]) {
    await db.account.upsert({
      where: { channel_externalId: { channel: who.channel, externalId: who.id } },
      create: { channel: who.channel, externalId: who.id, displayName: who.name, role: who === ADMIN ? 'admin' : 'staff' },
      update: {},
    });
  }
  const core = createCore(db, pino({ level: 'silent' }), { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 10 << 20 });
  const run = `export-${Date.now().toString(36)}`;
  let update = 0;
  const send = (who: typeof ADMIN, text: string) => core.handle({ chat: { channel: who.channel, id: who.id, kind: 'private' }, sender: { id: who.id, name: who.name }, text, updateId: `${run}-${++update}` });

  await send(OTHER, '查询 B0000001'); // warm up
  const baseStart = performance.now();
  await send(OTHER, '查询 B0000001');
  const baselineMs = performance.now() - baseStart;
  const startRss = process.memoryUsage().rss;

  const statsStart = performance.now();
  const stats = await send(ADMIN, `统计 ${year}`);
  const statsMs = performance.now() - statsStart;

  const exportStart = performance.now();
  const { result, latencies, worstLate } = await meanwhile(send(ADMIN, `导出 ${year}`), () => send(OTHER, '查询 B0000001'), 150);
  const exportMs = performance.now() - exportStart;
  const file = result.find((r) => r.file)?.file;
  const measured: BotRun = {
    year,
    visitsInYear,
    rows: await workbookRows(db, year),
    baselineMs,
    statsMs,
    report: stats.map((r) => r.text).join('\n'),
    chart: stats.some((r) => r.image),
    exportMs,
    fileBytes: file?.data.length ?? 0,
    asked: latencies.length,
    slowest: Math.max(...latencies),
    worstLate,
    startRss,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
} finally {
  await store.close();
}
