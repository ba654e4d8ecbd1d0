import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deliverer } from '../../src/core/delivery.ts';
import type { Db } from '../../src/db/client.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { ADMIN, STAFF, testChat, type Person } from '../support/chat.ts';
import { freshDb, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';
import { meanwhile } from '../support/timer-watch.ts';

/**
 * SQLite's driver is synchronous: a campaign written in one long transaction kept every other
 * chat waiting and stopped the timers. While staff confirm a campaign of thousands, another
 * person is still answered and timers still fire; and a campaign whose writing fails half-way,
 * or whose process dies, is never shown to anyone and never sends a word. All invented.
 */
const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
const NAMES = [
  ['张建华', 'zhangjianhua', 'zjh'],
  ['李秀英', 'lixiuying', 'lxy'],
  ['王志强', 'wangzhiqiang', 'wzq'],
  ['刘桂兰', 'liuguilan', 'lgl'],
  ['陈国庆', 'chenguoqing', 'cgq'],
] as const;

/** `count` files LM00001…, the first `bound` of them with an account of their own on Telegram (chat ids 880001…). */
async function honorees(db: Db, count: number, bound: number): Promise<number[]> {
  await db.honoree.createMany({
    data: Array.from({ length: count }, (_, i) => {
      const [name, pinyinFull, pinyinInitials] = NAMES[i % NAMES.length];
      return { fileNo: `LM${String(i + 1).padStart(5, '0')}`, name, pinyinFull, pinyinInitials, employer: '示例机械厂', createdAt: NOW, updatedAt: NOW };
    }),
  });
  const ids = (await db.honoree.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((h) => h.id);
  await db.account.createMany({ data: ids.slice(0, bound).map((id, i) => ({ channel: 'telegram', externalId: String(880_001 + i), displayName: '劳模', role: 'honoree', honoreeId: id, createdAt: NOW })) });
  return ids;
}

/** `count` slots of 500 places, the mornings of March 2027. */
const slotLines = (count: number) => Array.from({ length: count }, (_, i) => `2027-03-${String(i + 1).padStart(2, '0')} 上午 500人`).join('\n');

/** A dispatcher that would send anything due, however far ahead; what it sent. */
async function dispatchAll(t: TestDb, chat: ReturnType<typeof testChat>): Promise<number> {
  const sent: string[] = [];
  const capture: Deliverer = { deliver: async (to) => (sent.push(to.chatId), { outcome: 'sent', messageIds: ['1'], sentParts: 1 }), waitFor: () => 0 };
  const later = new Date('2027-12-31T00:00:00Z');
  const dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: chat.core.i18n, log: pino({ level: 'silent' }), defaultLocale: 'zh-CN', catchupDays: 3650, clock: () => later });
  dispatcher.serve('telegram', '', capture);
  try {
    await dispatcher.dispatchOnce(later);
  } finally {
    await dispatcher.stop();
  }
  return sent.length;
}

describe('the bot stays responsive while a checkup campaign is written on SQLite', () => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    t = await freshDb('sqlite');
    await seedAccounts(t.db);
    chat = testChat(t.db, { now: NOW });
  });
  afterEach(() => t.destroy());

  /** Staff answer the form for a 2027 campaign inviting everyone, up to the question whether to send. */
  async function upToConfirm(slots: string): Promise<string> {
    let last = '';
    for (const answer of ['体检 新建', '2027', '示例县人民医院', '示例县健康路1号', '跳过', slots, '1']) last = await chat.say(STAFF, answer);
    return last;
  }

  /** Every row a campaign writes, by kind. */
  async function counts() {
    const db = t.db;
    return {
      campaigns: await db.checkupCampaign.count(),
      open: await db.checkupCampaign.count({ where: { status: 'open' } }),
      slots: await db.checkupSlot.count(),
      appointments: await db.checkupAppointment.count(),
      notifications: await db.notification.count(),
      pending: await db.notification.count({ where: { status: 'pending' } }),
      audits: await db.auditEntry.count({ where: { entity: { in: ['checkup_campaign', 'checkup_appointment'] } } }),
    };
  }

  it('answers another person’s 查询 within 1 s, and a 100 ms timer is never more than 250 ms late, while 5,000 invitations are written', async () => {
    const ids = await honorees(t.db, 5000, 500);
    expect(await upToConfirm(slotLines(11))).toContain('共 5000 人');

    const { result, latencies, worstLate } = await meanwhile(
      chat.say(STAFF, '1'),
      async () => expect(await chat.say(ADMIN, '查询 zjh')).toContain('张建华'),
      0,
    );
    expect(result).toContain('邀请 5000 人：500 人的邀请已排队发送；4500 人没有绑定账号或已退订，需要电话联系');
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect(worstLate).toBeLessThan(250);
    // The questions came while the campaign was written (a fifth of a second to a second), not after it.
    expect(latencies.length).toBeGreaterThanOrEqual(2);

    // Exactly the campaign: 11 slots, 5,000 appointments with their audit entries, each bound
    // honoree's invitation and two reminders pending, nothing held back.
    expect(await counts()).toEqual({ campaigns: 1, open: 1, slots: 11, appointments: 5000, notifications: 1500, pending: 1500, audits: 5001 });
    const slots = await t.db.checkupSlot.findMany();
    expect(slots.reduce((n, s) => n + s.taken, 0)).toBe(5000);
    expect(Math.max(...slots.map((s) => s.taken)) - Math.min(...slots.map((s) => s.taken))).toBeLessThanOrEqual(1);
    const first = await t.db.checkupAppointment.findFirstOrThrow({ where: { honoreeId: ids[0] } });
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'checkup_appointment', entityId: first.id } });
    expect(JSON.parse(audit.changes)).toEqual({ id: [null, first.id], honoreeId: [null, ids[0]], slotId: [null, first.slotId], status: [null, 'invited'] });
    expect(audit.actorLabel).toBe(`telegram:${STAFF.id}`);
    const invites = await t.db.notification.findMany({ where: { kind: 'checkup_invite' }, select: { accountId: true, dueAt: true } });
    expect(new Set(invites.map((n) => n.accountId)).size).toBe(500);
    expect(invites.every((n) => n.dueAt.getTime() === NOW.getTime())).toBe(true);
  }, 60_000);

  it('leaves nothing live and nothing to send when writing fails half-way', async () => {
    await honorees(t.db, 600, 400);
    await upToConfirm(slotLines(2));
    // The disk fills up after 900 messages: the first step of 250 invitations (750 messages) is written, the second fails.
    await t.db.$executeRawUnsafe(`CREATE TRIGGER "disk_full" BEFORE INSERT ON "Notification" WHEN (SELECT COUNT(*) FROM "Notification") >= 900
      BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`);
    expect(await chat.say(STAFF, '1')).toContain('处理时出了问题，已记录，未保存任何内容');
    expect(await counts()).toEqual({ campaigns: 0, open: 0, slots: 0, appointments: 0, notifications: 0, pending: 0, audits: 0 });
    expect(await chat.say(ADMIN, '体检')).toContain('目前没有进行中的体检活动');
    expect(await dispatchAll(t, chat)).toBe(0);

    // With room on the disk again, 确认 once more writes the campaign whole, once.
    await t.db.$executeRawUnsafe('DROP TRIGGER "disk_full"');
    expect(await chat.say(STAFF, '1')).toContain('邀请 600 人：400 人的邀请已排队发送');
    expect(await counts()).toEqual({ campaigns: 1, open: 1, slots: 2, appointments: 600, notifications: 1200, pending: 1200, audits: 601 });
  });

  it('a campaign whose process died before it went live is never shown nor sent, and is removed once an hour old', async () => {
    await honorees(t.db, 600, 400);
    const honoree: Person = { channel: 'telegram', id: '880001', name: '劳模' };
    await upToConfirm(slotLines(2));
    // The process dies just before the campaign would open, and so never removes its draft.
    await t.db.$executeRawUnsafe(`CREATE TRIGGER "dies_before_open" BEFORE UPDATE OF "status" ON "CheckupCampaign" WHEN NEW."status" = 'open'
      BEGIN SELECT RAISE(ABORT, 'process died (simulated)'); END`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER "dead_cannot_clean" BEFORE DELETE ON "Notification" BEGIN SELECT RAISE(ABORT, 'process died (simulated)'); END`);
    await chat.say(STAFF, '1');
    await t.db.$executeRawUnsafe('DROP TRIGGER "dies_before_open"');
    await t.db.$executeRawUnsafe('DROP TRIGGER "dead_cannot_clean"');
    await chat.say(STAFF, '取消');

    // Written whole, but a draft: its 1,200 messages held.
    expect(await counts()).toEqual({ campaigns: 1, open: 0, slots: 2, appointments: 600, notifications: 1200, pending: 0, audits: 0 });
    expect(await chat.say(STAFF, '体检')).toContain('目前没有进行中的体检活动');
    expect(await chat.say(STAFF, '档案 LM00001')).not.toContain('示例县人民医院');
    expect(await chat.say(honoree, '我的体检')).toContain('体检：目前没有安排');
    expect(await chat.say(STAFF, '体检 结束 1')).toContain('没有');
    expect(await dispatchAll(t, chat)).toBe(0);

    // The hourly tidy-up leaves it while it may still be being written, and removes it once it is an hour old.
    const tidy = chat.core.planners.find((p) => p.name === 'checkups.drafts')!;
    await tidy.run(new Date(NOW.getTime() + 30 * 60_000));
    expect((await counts()).campaigns).toBe(1);
    await tidy.run(new Date(NOW.getTime() + 61 * 60_000));
    expect(await counts()).toEqual({ campaigns: 0, open: 0, slots: 0, appointments: 0, notifications: 0, pending: 0, audits: 0 });

    // Staff create the campaign again: only the new one is there, whole.
    await upToConfirm(slotLines(2));
    expect(await chat.say(STAFF, '1')).toContain('邀请 600 人：400 人的邀请已排队发送');
    expect(await counts()).toEqual({ campaigns: 1, open: 1, slots: 2, appointments: 600, notifications: 1200, pending: 1200, audits: 601 });
    expect(await chat.say(STAFF, '档案 LM00001')).toContain('2027 示例县人民医院 3月1日（周一）上午 08:00–12:00：未回复');
  });

  it('refuses with nothing written when the files grew past the places between the count and 确认', async () => {
    await honorees(t.db, 500, 100);
    expect(await upToConfirm(slotLines(1))).toContain('共 500 人');
    await t.db.honoree.create({ data: { fileNo: 'LM00501', name: '赵春生', pinyinFull: 'zhaochunsheng', pinyinInitials: 'zcs' } });
    expect(await chat.say(STAFF, '1')).toContain('要邀请 501 人，但名额只有 500 个');
    expect(await counts()).toEqual({ campaigns: 0, open: 0, slots: 0, appointments: 0, notifications: 0, pending: 0, audits: 0 });
  });
});
