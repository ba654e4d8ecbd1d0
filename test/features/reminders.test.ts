import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planReminders } from '../../src/features/reminders/index.ts';
import { ADMIN, STAFF, STRANGER, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedDue } from '../support/outbox.ts';
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

  it('a one-off handed to the outbox is done: no longer listed once sent, and 取消提醒 says it was already sent', async () => {
    await chat.say(STAFF, '提醒 明天 9:00 给张三打电话');
    await planReminders(t.db, new Date('2026-11-24T00:30:00Z'), TZ);
    expect(await t.db.reminder.findFirstOrThrow()).toMatchObject({ status: 'done', nextAt: null });
    // Still waiting in the outbox: listed at its time, and cancelling it stops it.
    await chat.say(STAFF, '提醒 明天 9:30 核对名单');
    await planReminders(t.db, new Date('2026-11-24T00:45:00Z'), TZ);
    chat.setNow(new Date('2026-11-24T00:50:00Z'));
    expect(await chat.say(STAFF, '提醒')).toContain('#2 2026-11-24 周二 09:30 核对名单');
    expect(await chat.say(STAFF, '取消提醒 2')).toContain('已取消提醒 #2：核对名单');
    expect((await notifications()).map((n) => n.status)).toEqual(['pending', 'cancelled']);
    // Once the dispatcher has sent #1, it is neither upcoming nor cancellable.
    await t.db.notification.updateMany({ where: { reminderId: 1 }, data: { status: 'sent', sentAt: new Date('2026-11-24T01:00:00Z') } });
    chat.setNow(new Date('2026-11-24T01:05:00Z'));
    const list = await chat.say(STAFF, '提醒');
    expect(list).not.toContain('#1');
    expect(list).toContain('目前没有待发的提醒');
    const answer = await chat.say(STAFF, '取消提醒 1');
    expect(answer).toContain('提醒 #1 已经发出');
    expect(answer).not.toContain('已取消');
    expect(await t.db.reminder.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'done' });
    expect((await notifications())[0].status).toBe('sent');
  });

  it('setting and cancelling a reminder are audited: who, what, which reminder', async () => {
    const staff = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
    await chat.say(STAFF, '提醒 每天 8:00 看报表');
    await chat.say(STAFF, '取消提醒 1');
    const entries = await t.db.auditEntry.findMany({ where: { entity: 'reminder' }, orderBy: { id: 'asc' } });
    expect(entries).toMatchObject([
      { actorId: staff.id, actorLabel: `telegram:${STAFF.id}`, entityId: 1, action: 'create' },
      { actorId: staff.id, actorLabel: `telegram:${STAFF.id}`, entityId: 1, action: 'update' },
    ]);
    expect(JSON.parse(entries[0].changes)).toMatchObject({ text: [null, '看报表'], status: [null, 'pending'], ownerId: [null, staff.id] });
    expect(JSON.parse(entries[1].changes)).toEqual({ status: ['pending', 'cancelled'], nextAt: ['2026-11-24T00:00:00.000Z', null] });
    // Refused (someone else's), or nothing left to cancel: nothing changes, nothing is recorded.
    await chat.say(ADMIN, '取消提醒 1');
    await chat.say(STAFF, '取消提醒 1');
    expect(await t.db.auditEntry.count({ where: { entity: 'reminder' } })).toBe(2);
  });

  it('a deactivated account gets no more of its private reminders (its group ones still go to the group); they come back if it is enabled again', async () => {
    await t.db.notifyGroup.create({ data: { channel: 'telegram', chatId: GROUP, title: '示例县总工会', createdAt: NOW, updatedAt: NOW } });
    const staff = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
    await chat.say(STAFF, '提醒 每天 8:00 看报表');
    await chat.say(STAFF, '提醒 明天 9:00 回电话');
    await chat.say(STAFF, '/remind 明天 9:30 开会', { group: GROUP });
    expect(await chat.say(ADMIN, `停用 ${staff.id}`)).toContain('已停用');
    for (let h = 0; h <= 48; h++) await planReminders(t.db, new Date(NOW.getTime() + h * 3600_000), TZ);
    expect((await notifications()).map((n) => [n.chatId, n.dueAt.toISOString()])).toEqual([[GROUP, '2026-11-24T01:30:00.000Z']]);
    // The one-off's time passed unsent: it is over. The daily one waits for the account.
    expect(await t.db.reminder.findMany({ orderBy: { id: 'asc' }, select: { status: true } })).toEqual([{ status: 'pending' }, { status: 'cancelled' }, { status: 'done' }]);
    expect(await chat.say(ADMIN, `启用 ${staff.id}`)).toContain('已启用');
    await planReminders(t.db, new Date('2026-11-25T23:30:00Z'), TZ);
    expect((await notifications()).map((n) => [n.chatId, n.dueAt.toISOString()])).toEqual([
      [GROUP, '2026-11-24T01:30:00.000Z'],
      [STAFF.id, '2026-11-26T00:00:00.000Z'],
    ]);
  });

  describe('重发 and 作废 of what could not be sent (admins)', () => {
    beforeEach(async () => {
      // Three reminders the dispatcher is through with: one failed, one skipped after an outage, one sent.
      await seedDue(t.db, { count: 3, via: '42', dueAt: new Date(NOW.getTime() - 3600_000) });
      for (const [i, status] of ['failed', 'skipped', 'sent'].entries()) await t.db.notification.update({ where: { id: i + 1 }, data: { status, lastError: 'x' } });
    });

    it('each is audited with the change it made: who, what, which notification', async () => {
      const admin = await t.db.account.findFirstOrThrow({ where: { externalId: ADMIN.id } });
      expect(await chat.say(ADMIN, '重发 1')).toContain('通知 #1 将重新发送');
      expect(await chat.say(ADMIN, '作废 2')).toContain('通知 #2 已作废');
      const entries = await t.db.auditEntry.findMany({ where: { entity: 'notification' }, orderBy: { id: 'asc' } });
      expect(entries).toMatchObject([
        { actorId: admin.id, actorLabel: `telegram:${ADMIN.id}`, entityId: 1, action: 'update' },
        { actorId: admin.id, actorLabel: `telegram:${ADMIN.id}`, entityId: 2, action: 'update' },
      ]);
      expect(JSON.parse(entries[0].changes)).toEqual({ status: ['failed', 'pending'] });
      expect(JSON.parse(entries[1].changes)).toEqual({ status: ['skipped', 'cancelled'] });
      expect((await t.db.notification.findMany({ orderBy: { id: 'asc' } })).map((n) => n.status)).toEqual(['pending', 'cancelled', 'sent']);
    });

    it('a notification that is not undelivered is left alone, and nothing is recorded', async () => {
      expect(await chat.say(ADMIN, '重发 3')).toContain('没有未能发出的通知 #3');
      expect(await chat.say(ADMIN, '作废 3')).toContain('没有未能发出的通知 #3');
      expect(await chat.say(ADMIN, '作废 99')).toContain('没有未能发出的通知 #99');
      expect(await t.db.auditEntry.count({ where: { entity: 'notification' } })).toBe(0);
      expect((await t.db.notification.findUniqueOrThrow({ where: { id: 3 } })).status).toBe('sent');
    });
  });
});
