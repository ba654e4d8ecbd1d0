import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createCore } from '../src/app.ts';
import { openDb } from '../src/db/client.ts';
import { meanwhile } from '../test/support/timer-watch.ts';
import { seedHonorees } from './seed.ts';
import { timingTransactions } from './transactions.ts';

/** Issue 9's goal: invitations for 5,000 honorees planned and queued in under 10 s. */
const GOAL_MS = 10_000;
const HONOREES = 5000;
const STAFF = { channel: 'terminal' as const, id: 'bench-staff', name: '工作人员' };
const OTHER = { channel: 'terminal' as const, id: 'bench-other', name: '查询员' };

/**
 * (g) A checkup campaign for 5,000 honorees, every one with an account, on a SQLite database of
 * its own: the time of the step that writes the campaign, 50 slots, 5,000 appointments with
 * their audit entries, and 15,000 outbox rows (each invitation and its two reminders). Against
 * a baseline in the same run: one 查询, the cost of any message. Meanwhile another person asks
 * 查询 every 150 ms and a 100 ms timer runs: how long the one transaction that makes the
 * campaign live takes, the slowest answer and the timer's worst lateness.
 */
export async function benchCheckups() {
  const dir = mkdtempSync(join(tmpdir(), 'hc-bench-ck-'));
  const store = await openDb(`file:${join(dir, 'bench.db')}`);
  try {
    const db = store.db;
    await seedHonorees(db, HONOREES);
    const now = new Date();
    const ids = (await db.honoree.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((h) => h.id);
    await db.account.createMany({ data: ids.map((id) => ({ channel: 'telegram', externalId: `9${id}`, displayName: '劳模', role: 'honoree', honoreeId: id, createdAt: now })) });
    for (const who of [STAFF, OTHER]) await db.account.create({ data: { channel: who.channel, externalId: who.id, displayName: who.name, role: 'staff' } });
    const timed = timingTransactions(db);
    const core = createCore(timed.db, pino({ level: 'silent' }), { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 10 << 20, quietHours: null });
    const sayAs = async (who: typeof STAFF, text: string) => (await core.handle({ chat: { channel: who.channel, id: who.id, kind: 'private' }, sender: { id: who.id, name: who.name }, text })).map((r) => r.text).join('\n');
    const say = (text: string) => sayAs(STAFF, text);
    const year = now.getUTCFullYear() + 1;
    const slots = Array.from({ length: 50 }, (_, i) => `${year}-03-${String(1 + (i % 25)).padStart(2, '0')} ${i < 25 ? '上午' : '下午'} 100人`).join('\n');
    // The baseline first: a 查询 typed into the open form would be a question about leaving it.
    const baseStart = performance.now();
    await say('查询 B0000001');
    const baseline = performance.now() - baseStart;
    for (const step of ['体检 新建', String(year), '示例县人民医院', '示例县健康路1号', '空腹', slots, '1']) {
      const reply = await say(step);
      if (process.env.BENCH_DEBUG) process.stdout.write(`${reply}\n`);
    }
    const start = performance.now();
    let ms = 0;
    const confirmed = say('1').finally(() => (ms = performance.now() - start));
    // Every 查询 asked while the campaign is written counts, also one answered only after it.
    const { result: answer, latencies, worstLate } = await meanwhile(confirmed, () => sayAs(OTHER, '查询 B0000001'), 150);
    const slowest = Math.max(...latencies);
    const queued = await db.notification.count({ where: { kind: { startsWith: 'checkup' } } });
    const appointments = await db.checkupAppointment.count();
    const met = appointments === HONOREES && ms <= GOAL_MS && answer.includes('已创建');
    const responsive = slowest < 1000 && worstLate < 250;
    return {
      lines: [
        `(g) checkup campaign for ${appointments} honorees planned and queued (${queued} outbox rows): ${ms.toFixed(0)} ms, ${(ms / baseline).toFixed(0)}× one 查询 (${baseline.toFixed(1)} ms) (goal ≤ ${GOAL_MS} ms) ${met ? 'met' : 'NOT MET'}`,
        `    the transaction that makes it live ${Math.round(timed.longest())} ms; meanwhile ${latencies.length} 查询 by another person, slowest ${Math.round(slowest)} ms (goal < 1000 ms); ` +
          `worst lateness of a 100 ms timer ${Math.round(worstLate)} ms (goal < 250 ms) ${responsive ? 'ok' : 'NOT MET'}`,
      ],
      pass: met && responsive,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
