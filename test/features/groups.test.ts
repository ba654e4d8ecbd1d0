import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MembershipEvent } from '../../src/core/membership.ts';
import { activeGroups, findActiveGroup } from '../../src/features/groups/index.ts';
import { planReminders } from '../../src/features/reminders/index.ts';
import { ADMIN, STAFF, STRANGER, testChat, type Person } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

/** Monday 2026-11-23, 10:00 in China. */
const NOW = new Date('2026-11-23T02:00:00Z');
const OFFICE = { id: '-100501', title: '工会办公室' };
const COUNTY = { id: '-100502', title: '县总工会工作群' };

describe.each(PROVIDERS)('notification groups (绑定群 / 解绑群) on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    chat = testChat(t.db, { now: NOW });
  });
  afterEach(() => t.destroy());

  /** What `who` sees after typing `text` in a group chat with a title, as Telegram hands it over. */
  const inGroup = async (who: Person, text: string, group = OFFICE) => {
    const replies = await chat.send(who, { text, chat: { channel: 'telegram', id: group.id, kind: 'group', title: group.title } });
    return replies.map((r) => r.text).join('\n');
  };
  const groupRow = (id = OFFICE.id) => t.db.notifyGroup.findFirst({ where: { chatId: id } });
  const audits = () => t.db.auditEntry.findMany({ where: { entity: 'notify_group' }, orderBy: { id: 'asc' } });
  const adminId = async () => (await t.db.account.findFirstOrThrow({ where: { externalId: ADMIN.id } })).id;

  it('an admin registers the group they write in; the bot confirms there, and the change is audited', async () => {
    expect(await inGroup(ADMIN, '绑定群')).toContain('已绑定：本群成为通知群');
    const row = await groupRow();
    expect(row).toMatchObject({ channel: 'telegram', via: '', title: '工会办公室', active: true, boundById: await adminId() });
    const [entry] = await audits();
    expect(entry).toMatchObject({ entity: 'notify_group', entityId: row!.id, action: 'create', actorId: await adminId(), actorLabel: `telegram:${ADMIN.id}` });
    expect(JSON.parse(entry.changes)).toMatchObject({ chatId: [null, OFFICE.id], active: [null, true] });
    // Saying it again changes nothing and says so.
    expect(await inGroup(ADMIN, '/group')).toContain('本群已是通知群');
    expect(await audits()).toHaveLength(1);
    expect(await findActiveGroup(t.db, { channel: 'telegram', id: OFFICE.id, kind: 'group' })).toMatchObject({ id: row!.id });
  });

  it('is for admins: staff get the short refusal, a stranger silence (or the not-bound line for a slash command), and nothing is saved', async () => {
    expect(await inGroup(STAFF, '绑定群')).toContain('您没有使用这个命令的权限');
    expect(await inGroup(STAFF, '/group')).toContain('您没有使用这个命令的权限');
    expect(await inGroup(STAFF, '解绑群')).toContain('您没有使用这个命令的权限');
    // Not taken for 绑定 with the code 群: a stranger's words in a group get no answer.
    expect(await inGroup(STRANGER, '绑定群')).toBe('');
    expect(await inGroup(STRANGER, '/group')).toContain('仅供工会工作人员使用');
    expect(await chat.say(STRANGER, '绑定群')).toContain('仅供工会工作人员使用');
    expect(await t.db.notifyGroup.count()).toBe(0);
    expect(await audits()).toHaveLength(0);
    // The help of staff does not list it; the admin's does.
    expect(await chat.say(STAFF, '帮助')).not.toContain('/group');
    expect(await chat.say(ADMIN, '帮助')).toContain('绑定群（/group）');
  });

  it('in a private chat, says to send it in the group, with an example, and lists the groups there are', async () => {
    const first = await chat.say(ADMIN, '绑定群');
    expect(first).toContain('请在要接收通知的群里发送「绑定群」');
    expect(first).toContain('例如：把我拉进工会办公室的群');
    expect(first).toContain('目前还没有通知群');
    await inGroup(ADMIN, '绑定群');
    expect(await chat.say(ADMIN, '/group')).toContain('目前的通知群（1 个）：\n• 工会办公室');
    expect(await chat.say(ADMIN, '解绑群')).toContain('请在要解绑的群里发送「解绑群」');
    expect(await t.db.notifyGroup.count()).toBe(1);
  });

  it('unregisters with 解绑群, and registering again brings the same group back under its new title', async () => {
    await inGroup(ADMIN, '绑定群');
    const { id } = (await groupRow())!;
    expect(await inGroup(ADMIN, '解绑群')).toContain('已解绑');
    expect(await groupRow()).toMatchObject({ id, active: false });
    expect(await findActiveGroup(t.db, { channel: 'telegram', id: OFFICE.id, kind: 'group' })).toBeNull();
    expect(await inGroup(ADMIN, '/ungroup')).toContain('本群不是通知群');
    expect(await inGroup(ADMIN, '绑定群', { id: OFFICE.id, title: '工会办公室（新）' })).toContain('已绑定');
    expect(await groupRow()).toMatchObject({ id, active: true, title: '工会办公室（新）' });
    expect(await t.db.notifyGroup.count()).toBe(1);
    const entries = await audits();
    expect(entries.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(JSON.parse(entries[1].changes)).toEqual({ active: [true, false] });
    expect(JSON.parse(entries[2].changes)).toEqual({ active: [false, true], title: ['工会办公室', '工会办公室（新）'] });
  });

  it('allows several groups', async () => {
    await inGroup(ADMIN, '绑定群', OFFICE);
    await inGroup(ADMIN, '绑定群', COUNTY);
    expect((await activeGroups(t.db)).map((g) => g.title)).toEqual(['工会办公室', '县总工会工作群']);
    await inGroup(ADMIN, '解绑群', OFFICE);
    expect((await activeGroups(t.db)).map((g) => g.title)).toEqual(['县总工会工作群']);
  });

  it('a registered group gets its reminders; unregistered, what waited for it is cancelled and reminders are refused', async () => {
    expect(await inGroup(STAFF, '/remind 1分钟后 开会')).toContain('本群还不是通知群');
    await inGroup(ADMIN, '/group');
    expect(await inGroup(STAFF, '/remind 1分钟后 开会')).toContain('到时我会在本群提醒');
    expect(await inGroup(STAFF, '/remind 每天 9:00 晨会')).toContain('每天 09:00');
    const [row] = await t.db.notification.findMany();
    expect(row).toMatchObject({ chatId: OFFICE.id, chatKind: 'group', groupId: (await groupRow())!.id, status: 'pending' });
    await inGroup(ADMIN, '/ungroup');
    expect((await t.db.notification.findMany()).map((n) => n.status)).toEqual(['cancelled']);
    expect(await inGroup(STAFF, '提醒')).toContain('本群还不是通知群');
    // The planner drops the group's daily reminder rather than posting to a group that is no longer one.
    await planReminders(t.db, new Date('2026-11-24T00:30:00Z'), 'Asia/Shanghai');
    expect(await t.db.notification.count({ where: { status: 'pending' } })).toBe(0);
  });

  describe('when the bot is removed, blocked or the group moves', () => {
    const event = (e: Partial<MembershipEvent> & Pick<MembershipEvent, 'change'>): MembershipEvent => ({
      chat: { channel: 'telegram', id: OFFICE.id, kind: 'group', title: OFFICE.title },
      at: new Date('2026-11-23T02:05:00Z'),
      ...e,
    });

    it('a registered group the bot was removed from becomes inactive, and each active admin on its channel is told once', async () => {
      await inGroup(ADMIN, '绑定群');
      const second = await t.db.account.create({ data: { channel: 'telegram', externalId: '1002', displayName: '副主席', role: 'admin', adminVia: 'admin' } });
      await t.db.account.create({ data: { channel: 'telegram', externalId: '1003', displayName: '已停用', role: 'admin', active: false } });
      await t.db.account.create({ data: { channel: 'terminal', externalId: 'operator', displayName: '终端操作员', role: 'admin', adminVia: 'config' } });
      await chat.core.membership(event({ change: 'kicked', updateId: 'u-1' }));
      // Told twice (redelivered, or a second update of the same removal): nothing twice.
      await chat.core.membership(event({ change: 'kicked', updateId: 'u-1' }));
      await chat.core.membership(event({ change: 'left', updateId: 'u-2' }));
      const group = (await groupRow())!;
      expect(group.active).toBe(false);
      const told = await t.db.notification.findMany({ orderBy: { accountId: 'asc' } });
      expect(told.map((n) => [n.accountId, n.chatId])).toEqual([
        [await adminId(), ADMIN.id],
        [second.id, '1002'],
      ]);
      for (const n of told) {
        expect(n).toMatchObject({ channel: 'telegram', chatKind: 'private', kind: 'group_lost', messageKey: 'groups.lost', status: 'pending', dueAt: NOW });
        expect(JSON.parse(n.params)).toEqual({ title: '工会办公室' });
        expect(n.dedupeKey).toBe(`group-lost:${group.id}:2026-11-23T02:05:00.000Z:${n.accountId}`);
      }
      const [, lost] = await audits();
      expect(lost).toMatchObject({ action: 'update', actorId: null, actorLabel: 'system' });
      expect(JSON.parse(lost.changes)).toEqual({ active: [true, false] });
    });

    it('an unregistered group, or the bot joining one, changes nothing and tells nobody', async () => {
      await chat.core.membership(event({ change: 'joined' }));
      await chat.core.membership(event({ change: 'kicked' }));
      expect(await t.db.notifyGroup.count()).toBe(0);
      expect(await t.db.notification.count()).toBe(0);
    });

    it('a group upgraded to a supergroup keeps working under its new id, with what waits for it', async () => {
      await inGroup(ADMIN, '绑定群');
      await inGroup(STAFF, '/remind 30分钟后 开会');
      await chat.core.membership(event({ change: 'migrated', newChatId: '-1009001' }));
      expect(await groupRow('-1009001')).toMatchObject({ active: true, title: '工会办公室' });
      expect(await groupRow()).toBeNull();
      expect((await t.db.notification.findMany()).map((n) => n.chatId)).toEqual(['-1009001']);
      expect(JSON.parse((await audits()).at(-1)!.changes)).toEqual({ chatId: [OFFICE.id, '-1009001'] });
      expect(await inGroup(STAFF, '提醒', { id: '-1009001', title: '工会办公室' })).toContain('本群的提醒（1 条）');
    });

    it('a person blocking or unblocking the bot is handled without a change to groups', async () => {
      const person = { channel: 'telegram' as const, id: STAFF.id, kind: 'private' as const };
      await chat.core.membership({ chat: person, change: 'blocked', updateId: 'b-1' });
      await chat.core.membership({ chat: person, change: 'unblocked', updateId: 'b-2' });
      expect(await t.db.processedUpdate.count({ where: { key: { in: ['telegram:b-1', 'telegram:b-2'] } } })).toBe(2);
      expect(await t.db.notifyGroup.count()).toBe(0);
    });
  });
});
