import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planDigests } from '../../src/features/digest/index.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { ADMIN, STAFF, testChat, type Person as ChatPerson } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

const TZ = 'Asia/Shanghai';
/** Monday 2026-11-23, 10:00 in China. */
const NOW = new Date('2026-11-23T02:00:00Z');
const GROUP = '-100888';
const t = createI18n().for('zh-CN');
/** A second member of staff, who must not read the first one's private reminders. */
const COLLEAGUE: ChatPerson = { channel: 'telegram', id: '3003', name: '工作人员小周' };

/** Things the digest must never show a group (all invented). */
const PRIVATE_WORDS = ['11010519491231002X', '13800001111', '幸福路8号', '120000', '1,200', '高血压', '下岗', '私事：去医院复查'];

type Person = { fileNo: string; name: string; birthDate?: string; employmentStatus?: string; priority?: 'hardship' | 'health'; visits?: string[] };

const PEOPLE: Person[] = [
  { fileNo: 'LM00001', name: '张三', priority: 'hardship', visits: ['2026-07-01'] },
  { fileNo: 'LM00002', name: '李四', priority: 'health', visits: ['2026-03-01', '2026-11-01'] },
  { fileNo: 'LM00003', name: '王五', priority: 'health' },
  { fileNo: 'LM00004', name: '钱七', priority: 'hardship', employmentStatus: 'deceased' },
  { fileNo: 'LM00005', name: '赵六', birthDate: '1946-11-26' },
  { fileNo: 'LM00006', name: '孙八', birthDate: '1947-11-26' },
  { fileNo: 'LM00007', name: '周九', birthDate: '1956-11-23' },
  { fileNo: 'LM00008', name: '吴十', birthDate: '1936-12-05' },
];

describe.each(PROVIDERS)('the daily digest (今日) on %s', (provider) => {
  let db: TestDb;
  let chat: ReturnType<typeof testChat>;
  let groupId: number;
  beforeEach(async () => {
    db = await freshDb(provider);
    await seedAccounts(db.db, [ADMIN, STAFF, COLLEAGUE]);
    chat = testChat(db.db, { now: NOW });
    groupId = (await db.db.notifyGroup.create({ data: { channel: 'telegram', chatId: GROUP, title: '示例县总工会', createdAt: NOW, updatedAt: NOW } })).id;
  });
  afterEach(() => db.destroy());

  const plan = (at: string) => planDigests(db.db, new Date(at), { sections: sectionsOf(), timeZone: TZ, digestTime: '08:30', t, locale: 'zh-CN' });
  const sectionsOf = () => chat.core.digestSections;

  async function craftDay(): Promise<void> {
    for (const p of PEOPLE) {
      const h = await db.db.honoree.create({
        data: {
          fileNo: p.fileNo, name: p.name, pinyinFull: 'x', pinyinInitials: 'x', birthDate: p.birthDate ?? '1960-05-05',
          employmentStatus: p.employmentStatus ?? 'retired',
          // Sensitive fields filled in on purpose: none may reach the group.
          ...(p.fileNo === 'LM00001' ? { idNumber: '11010519491231002X', phone: '13800001111', address: '幸福路8号' } : {}),
        },
      });
      if (p.priority) {
        await db.db.survey.create({
          data: { honoreeId: h.id, year: 2026, priorityHardship: p.priority === 'hardship', priorityHealth: p.priority === 'health', householdIncomeFen: 12_000_000, healthStatus: '高血压', hardshipCauses: '下岗', priorityReason: '下岗' },
        });
      }
      for (const d of p.visits ?? []) await db.db.visit.create({ data: { honoreeId: h.id, kind: 'in_person', visitDate: d } });
    }
    expect(await chat.say(STAFF, '/remind 15:00 开会', { group: GROUP })).toContain('到时我会在本群提醒');
    expect(await chat.say(STAFF, '提醒 16:00 私事：去医院复查')).toContain('已设提醒');
    expect(await chat.say(STAFF, '提醒 明天 9:00 明天的事')).toContain('已设提醒');
    const staff = await db.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
    await db.db.phoneTask.create({ data: { accountId: staff.id, about: '⏰ 提醒：私事：去医院复查', reason: 'blocked', status: 'open', createdAt: NOW } });
  }

  it('sends each group one digest a day from the digest time, with every section of a crafted day and nothing private', async () => {
    await craftDay();
    expect(await plan('2026-11-23T00:29:00Z')).toBe(0); // 08:29
    expect(await plan('2026-11-23T00:30:00Z')).toBe(1);
    expect(await plan('2026-11-23T00:31:00Z')).toBe(0);
    const digests = await db.db.notification.findMany({ where: { kind: 'digest' } });
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ chatId: GROUP, chatKind: 'group', groupId, messageKey: 'digest.message', status: 'pending', dedupeKey: `digest:${groupId}:2026-11-23` });
    const body = (JSON.parse(digests[0].params) as { body: string }).body;
    expect(body).toBe(
      [
        '【今日要事】2026-11-23 周一',
        '',
        '【今日提醒】1 条\n15:00 开会',
        '',
        '【该走访了】重点登记中 2 人已 90 天以上未走访：\n王五（LM00003）尚无走访记录\n张三（LM00001）上次 2026-07-01',
        '',
        '【整寿生日】未来 7 天 2 人：\n今天 周九（LM00007）70 岁\n11-26 赵六（LM00005）80 岁',
        '',
        '【待打电话】1 项（消息发不到，请电话联系）：\n#1 打电话给 工作人员小李（对方屏蔽了机器人）\n打完后发送：完成 编号（如 完成 3）',
      ].join('\n'),
    );
    for (const word of PRIVATE_WORDS) expect(body).not.toContain(word);
    // 今日 in the group shows the same, on demand.
    expect(await chat.say(STAFF, '/today', { group: GROUP })).toBe(body);
    // The next day it comes again, once.
    expect(await plan('2026-11-24T00:30:00Z')).toBe(1);
    expect(await db.db.notification.count({ where: { kind: 'digest' } })).toBe(2);
  });

  it('in a private chat shows the person their own reminders and the words of undelivered messages', async () => {
    await craftDay();
    const mine = await chat.say(STAFF, '今日');
    expect(mine).toContain('【今日提醒】1 条\n16:00 私事：去医院复查');
    expect(mine).not.toContain('开会');
    expect(mine).not.toContain('明天的事');
    expect(mine).toContain('未送达的消息：⏰ 提醒：私事：去医院复查');
  });

  it('a one-off already handed to the outbox is among today\'s reminders; one sent yesterday is not', async () => {
    chat.setNow(new Date(NOW.getTime() - 24 * 3600_000));
    expect(await chat.say(STAFF, '提醒 10:20 昨天的事')).toContain('已设提醒 #1');
    await db.db.notification.updateMany({ data: { status: 'sent' } });
    chat.setNow(NOW);
    expect(await chat.say(STAFF, '提醒 10:20 寄材料')).toContain('已设提醒 #2');
    // Both are done: handed out within the hour before they fall due.
    expect((await db.db.reminder.findMany({ orderBy: { id: 'asc' } })).map((r) => r.status)).toEqual(['done', 'done']);
    const mine = await chat.say(STAFF, '今日');
    expect(mine).toContain('【今日提醒】1 条\n10:20 寄材料');
    expect(mine).not.toContain('昨天的事');
  });

  it('another member of staff sees whom to call but not the words of a private message; its owner and admins do', async () => {
    await craftDay();
    const words = '私事：去医院复查';
    const call = '#1 打电话给 工作人员小李（对方屏蔽了机器人）';
    for (const command of ['今日', '提醒']) {
      const theirs = await chat.say(COLLEAGUE, command);
      expect(theirs).toContain(call);
      expect(theirs).not.toContain(words);
      expect(theirs).not.toContain('未送达的消息');
      expect(await chat.say(STAFF, command)).toContain(`未送达的消息：⏰ 提醒：${words}`);
      expect(await chat.say(ADMIN, command)).toContain(`未送达的消息：⏰ 提醒：${words}`);
    }
  });

  it('a day with nothing is one short line; an unregistered or unregistered-again group gets none', async () => {
    await db.db.notifyGroup.create({ data: { channel: 'telegram', chatId: '-100999', title: '旧群', active: false, createdAt: NOW, updatedAt: NOW } });
    expect(await plan('2026-11-23T01:00:00Z')).toBe(1);
    const [row] = await db.db.notification.findMany({ where: { kind: 'digest' } });
    expect(row.chatId).toBe(GROUP);
    expect(JSON.parse(row.params)).toEqual({ body: '2026-11-23 周一：今天没有待办事项。' });
    expect(await chat.say(STAFF, '今日', { group: '-100999' })).toContain('本群还不是通知群');
  });

  it('完成 N closes a phone-call task (audited); it leaves the digest and the reminders list', async () => {
    await craftDay();
    expect(await chat.say(STAFF, '提醒')).toContain('#1 打电话给 工作人员小李（对方屏蔽了机器人）');
    expect(await chat.say(STAFF, '完成 x')).toContain('请写上任务编号，例如：完成 3');
    expect(await chat.say(ADMIN, '完成 1')).toContain('已完成任务 #1');
    expect(await chat.say(ADMIN, '完成 1')).toContain('没有待办的任务 #1');
    const task = await db.db.phoneTask.findFirstOrThrow();
    expect(task).toMatchObject({ status: 'done', doneAt: NOW });
    expect(await db.db.auditEntry.count({ where: { entity: 'phone_task', entityId: task.id, action: 'update' } })).toBe(1);
    expect(await chat.say(STAFF, '今日', { group: GROUP })).not.toContain('待打电话');
  });
});
