import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planReminders } from '../../src/features/reminders/index.ts';
import { ADMIN, STAFF, STRANGER, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

const TZ = 'Asia/Shanghai';
/** Monday 2026-11-23, 10:00 in China. */
const NOW = new Date('2026-11-23T02:00:00Z');
const GROUP = '-100777';

describe.each(PROVIDERS)('reminders (提醒) on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    chat = testChat(t.db, { now: NOW });
    await t.db.honoree.create({ data: { fileNo: 'LM00001', name: '张三', pinyinFull: 'zhangsan', pinyinInitials: 'zs' } });
  });
  afterEach(() => t.destroy());

  const notifications = () => t.db.notification.findMany({ orderBy: { dueAt: 'asc' } });

  it('sets a one-off for tomorrow, confirms the full date, weekday and time, and links the file it names', async () => {
    const text = await chat.say(STAFF, '提醒 明天 9:00 给张三打电话');
    expect(text).toContain('已设提醒 #1：2026-11-24 周二 09:00 给张三打电话');
    expect(text).toContain('已关联档案：张三（LM00001）');
    const [r] = await t.db.reminder.findMany();
    expect(r).toMatchObject({ text: '给张三打电话', status: 'pending', groupId: null, chatId: STAFF.id, nextAt: new Date('2026-11-24T01:00:00Z') });
    // Handed to the outbox within the hour before it falls due, once however often planned.
    expect(await notifications()).toHaveLength(0);
    await planReminders(t.db, new Date('2026-11-24T00:30:00Z'), TZ);
    await planReminders(t.db, new Date('2026-11-24T00:45:00Z'), TZ);
    const rows = await notifications();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ chatId: STAFF.id, chatKind: 'private', kind: 'reminder', messageKey: 'reminders.due_with_file', status: 'pending', dueAt: new Date('2026-11-24T01:00:00Z') });
    expect(JSON.parse(rows[0].params)).toEqual({ text: '给张三打电话', fileNo: 'LM00001' });
  });

  it('N分钟后 is now plus N minutes to the second, in the outbox at once', async () => {
    const at = new Date('2026-11-23T02:00:37Z');
    chat.setNow(at);
    expect(await chat.say(STAFF, '提醒 30分钟后 回电话')).toContain('2026-11-23 周一 10:30 回电话');
    const [row] = await notifications();
    expect(row.dueAt).toEqual(new Date(at.getTime() + 30 * 60_000));
    expect(row.messageKey).toBe('reminders.due');
  });

  it('a weekly reminder comes once a week, however often the planner runs', async () => {
    // Monday 10:00: this Monday's 9:00 has passed, so the first is next Monday.
    expect(await chat.say(STAFF, '提醒 每周一 9:00 例会')).toContain('每周一 09:00，下次 2026-11-30 周一 09:00');
    for (let h = 0; h < 24 * 22; h += 6) await planReminders(t.db, new Date(NOW.getTime() + h * 3600_000), TZ);
    const due = (await notifications()).map((n) => n.dueAt.toISOString());
    expect(due).toEqual(['2026-11-30T01:00:00.000Z', '2026-12-07T01:00:00.000Z', '2026-12-14T01:00:00.000Z']);
  });

  it('a monthly reminder on the 31st comes on the last day of shorter months', async () => {
    await chat.say(STAFF, '提醒 每月31日 9:00 月末核对');
    for (let d = 0; d < 100; d++) await planReminders(t.db, new Date(NOW.getTime() + d * 24 * 3600_000), TZ);
    const days = (await notifications()).map((n) => n.dueAt.toISOString().slice(0, 10));
    expect(days).toEqual(['2026-11-30', '2026-12-31', '2027-01-31', '2027-02-28']);
  });

  it('lists the upcoming ones with their numbers, and cancels one (a repeating one: every future time)', async () => {
    await chat.say(STAFF, '提醒 30分钟后 回电话');
    await chat.say(STAFF, '提醒 每天 8:00 看报表');
    const list = await chat.say(STAFF, '提醒');
    expect(list).toContain('您的提醒（2 条）');
    expect(list.indexOf('#1 2026-11-23 周一 10:30')).toBeLessThan(list.indexOf('#2 2026-11-24 周二 08:00（每天 08:00） 看报表'));
    // Someone else's reminder is not theirs to cancel.
    expect(await chat.say(ADMIN, '取消提醒 1')).toContain('没有找到您的待发提醒 #1');
    expect(await chat.say(STAFF, '取消提醒 1')).toContain('已取消提醒 #1：回电话');
    expect((await notifications()).map((n) => n.status)).toEqual(['cancelled']);
    expect(await chat.say(STAFF, '取消提醒 2')).toContain('已取消提醒 #2');
    await planReminders(t.db, new Date(NOW.getTime() + 3 * 24 * 3600_000), TZ);
    expect(await t.db.notification.count({ where: { status: 'pending' } })).toBe(0);
    expect(await chat.say(STAFF, '提醒')).toContain('目前没有待发的提醒');
  });

  it.each([
    ['提醒 明天', '请写上时间，例如「明天 9:00」'],
    ['提醒 明天 给张三打电话', '请写上时间'],
    ['提醒 25:00 x', '时间「25:00」不对'],
    ['提醒 2020-01-01 9:00 x', '2020-01-01 09:00 已经过去了'],
    ['提醒 2026-02-30 9:00 x', '日期「2026-02-30」不存在'],
    ['提醒 0分钟后 x', '超出范围'],
    [`提醒 明天 9:00 ${'长'.repeat(600)}`, '提醒内容太长（600 字），最多 500 字'],
  ])('%s gets a clear answer with an example, and nothing is saved', async (line, expected) => {
    const text = await chat.say(STAFF, line);
    expect(text).toContain(expected);
    expect(text).toContain('例如：提醒 明天 9:00 给张三打电话');
    expect(await t.db.reminder.count()).toBe(0);
    expect(await t.db.notification.count()).toBe(0);
  });

  it('in a registered group the reminder goes to the group; an unregistered group is told how to register', async () => {
    expect(await chat.say(STAFF, '/remind 1分钟后 开会', { group: GROUP })).toContain('本群还不是通知群');
    const now = NOW;
    await t.db.notifyGroup.create({ data: { channel: 'telegram', chatId: GROUP, title: '示例县总工会', createdAt: now, updatedAt: now } });
    const text = await chat.say(STAFF, '/remind 1分钟后 开会', { group: GROUP });
    expect(text).toContain('到时我会在本群提醒');
    const [row] = await notifications();
    expect(row).toMatchObject({ chatId: GROUP, chatKind: 'group', accountId: null, dueAt: new Date(NOW.getTime() + 60_000) });
    expect(await chat.say(STAFF, '提醒', { group: GROUP })).toContain('本群的提醒（1 条）');
    // The group's list is not the person's.
    expect(await chat.say(STAFF, '提醒')).toContain('目前没有待发的提醒');
  });

  it('is for staff: a stranger is refused and nothing is saved', async () => {
    expect(await chat.say(STRANGER, '提醒 明天 9:00 x')).toContain('仅供工会工作人员使用');
    expect(await t.db.reminder.count()).toBe(0);
  });
});
