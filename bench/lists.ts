import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createCore } from '../src/app.ts';
import type { Db } from '../src/db/client.ts';
import { MAX_PAGES } from '../src/features/visits/visits-list.ts';
import { BUSY_FILE, seedVisitsEtc } from './seed-visits.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1).padStart(5);
/** Goals: every list command answers within 1 s; what it leaves on the heap does not grow with the data. */
const GOAL_MS = 1000;
const GOAL_MB = 50;
const RUNS = 5;
const STAFF_ID = '7003';

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * (c) List commands at 1,000,000 visits on SQLite, through the whole core as a staff member
 * would type them: the worst of RUNS runs, and the largest growth of the heap and of the
 * process's resident memory across one command (run with `--expose-gc` for steadier figures).
 */
export async function benchLists(db: Db, honorees: number, visits = 1_000_000) {
  const year = Number(new Date().toISOString().slice(0, 4));
  // A larger page cache for the seed only: a million random inserts into the person index.
  await db.$executeRawUnsafe('PRAGMA cache_size = -262144');
  const t0 = performance.now();
  await seedVisitsEtc(db, { honorees, visits, year, teams: 5000 });
  await db.$executeRawUnsafe('PRAGMA cache_size = -2000');
  out(`(c) seeded ${visits} visits, ${honorees} surveys and 10000 team honours set-based in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return timeLists(db, honorees, visits, year);
}

/** Times the list commands on a database seeded by seedVisitsEtc. */
export async function timeLists(db: Db, honorees: number, visits: number, year: number) {
  await db.account.upsert({
    where: { channel_externalId: { channel: 'telegram', externalId: STAFF_ID } },
    create: { channel: 'telegram', externalId: STAFF_ID, role: 'staff' },
    update: {},
  });
  const options = { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 10 << 20 } as const;
  const core = createCore(db, pino({ level: 'silent' }), options);
  // Update ids of their own: the database remembers handled ones, and may be reused.
  const run = `lists-${Date.now().toString(36)}`;
  let update = 0;
  const say = async (text: string) => {
    const chat = { channel: 'telegram', id: STAFF_ID, kind: 'private' } as const;
    const replies = await core.handle({ chat, sender: { id: STAFF_ID, name: '基准' }, text, updateId: `${run}-${++update}` });
    return replies.map((r) => r.text).join('\n');
  };
  // The deepest page one can turn to: the last, or MAX_PAGES.
  const lastPage = async (text: string) => Math.min(MAX_PAGES, Number(/第 1\/(\d+) 页/.exec(await say(text))?.[1] ?? 1));

  const all = `${'2017-01-01'} ${year}-12-31`;
  const commands = [
    '走访记录 本月',
    `走访记录 ${year}`,
    `走访记录 ${year} 第${await lastPage(`走访记录 ${year}`)}页`,
    `走访记录 ${all}`,
    `走访记录 ${all} 第${await lastPage(`走访记录 ${all}`)}页`,
    `走访记录 ${BUSY_FILE}`,
    `走访记录 ${BUSY_FILE} 第${await lastPage(`走访记录 ${BUSY_FILE}`)}页`,
    `走访记录 B0000002 ${year}`,
    `删除走访 ${BUSY_FILE} 2020`,
    `重点登记 ${year}`,
    '集体荣誉',
    '集体荣誉 示例班组12',
    '查询 张',
  ];
  const lines = [
    `(c) list commands, ${visits} visits, ${honorees} honorees; worst of ${RUNS} runs (goal ≤ ${GOAL_MS} ms, heap and RSS growth ≤ ${GOAL_MB} MB)`,
  ];
  let pass = true;
  for (const text of commands) {
    await say(text); // warm up: statements prepared, pages cached
    let worst = 0;
    let heap = 0;
    let rss = 0;
    let first = '';
    for (let i = 0; i < RUNS; i++) {
      gc?.();
      const before = process.memoryUsage();
      const start = performance.now();
      const reply = await say(text);
      worst = Math.max(worst, performance.now() - start);
      const after = process.memoryUsage();
      heap = Math.max(heap, after.heapUsed - before.heapUsed);
      rss = Math.max(rss, after.rss - before.rss);
      first ||= reply.split('\n')[0].slice(0, 40);
    }
    const met = first !== '' && worst <= GOAL_MS && heap <= GOAL_MB * MB && rss <= GOAL_MB * MB;
    pass &&= met;
    lines.push(
      `    ${text.padEnd(34)} ${worst.toFixed(1).padStart(7)} ms  heap +${mb(heap)} MB  rss +${mb(rss)} MB  ${met ? 'met' : 'NOT MET'}  「${first}」`,
    );
  }
  return { lines, pass };
}
