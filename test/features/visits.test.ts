import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '../../src/domain/index.ts';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { ADMIN, join, STAFF, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

// The test clock is 2026-11-23 10:00 China time.
const TEST_NOW = new Date('2026-11-23T02:00:00Z');
const UNKNOWN = '没有看懂这条消息。发送「帮助」查看可用的命令，例如：查询 张三';

describe.each(PROVIDERS)('visits on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  let staffId: number;
  const person = (fileNo: string) => t.db.honoree.findUniqueOrThrow({ where: { fileNo } });
  const visitsOf = async (fileNo: string) => t.db.visit.findMany({ where: { honoreeId: (await person(fileNo)).id }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    await loadDemoData(t.db, 2026);
    // Counts below are exact: start from no visits even if the demo data comes to include some.
    await t.db.visit.deleteMany();
    chat = testChat(t.db);
    staffId = (await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } })).id;
  });
  afterAll(() => t.destroy());

  it('takes a plain number that is a file number on record as the person, not as an amount', async () => {
    await t.db.honoree.create({ data: { fileNo: '1037', name: '数字档案', pinyinFull: 'shuzidangan', pinyinInitials: 'szda' } });
    const text = await chat.say(STAFF, '走访 1037 电话 200');
    expect(text).toContain('已记录走访：数字档案（1037）');
    expect(text).toContain('慰问金：200元');
    expect((await visitsOf('1037')).at(-1)).toMatchObject({ kind: 'phone', moneyFen: 20000 });
    // The other tests here share the database: the file goes again, with its visit.
    await t.db.honoree.delete({ where: { fileNo: '1037' } });
  });

  it('records a visit given in one line, with its audit entry', async () => {
    const text = await chat.say(STAFF, '走访 LM00001 上门 昨天 500元 礼品:米一袋、油一桶 精神很好');
    expect(text).toContain('已记录走访：张三（LM00001）');
    expect(text).toContain('日期：2026-11-22');
    expect(text).toContain('方式：上门走访');
    expect(text).toContain('慰问金：500元');
    expect(text).toContain('礼品：米一袋、油一桶');
    expect(text).toContain('备注：精神很好');
    const row = (await visitsOf('LM00001')).at(-1)!;
    expect(row).toMatchObject({ kind: 'in_person', visitDate: '2026-11-22', moneyFen: 50000, gifts: '米一袋、油一桶', notes: '精神很好', recordedById: staffId });
    const audit = await t.db.auditEntry.findMany({ where: { entity: 'visit', entityId: row.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actorLabel: `telegram:${STAFF.id}`, actorId: staffId });
    expect(JSON.parse(audit[0].changes)).toMatchObject({ kind: [null, 'in_person'], moneyFen: [null, 50000], visitDate: [null, '2026-11-22'] });
  });

  it('stores money in fen exactly and takes today when no date is given', async () => {
    // 海燕 is also picked from lists in other tests, in any order: only this test's visits are looked at.
    const before = (await visitsOf('LM00002')).length;
    const text = await chat.say(STAFF, '慰问 李海燕 电话 慰问金500.5元 身体恢复良好');
    expect(text).toContain('慰问金：500.50元');
    expect(text).toContain('日期：2026-11-23（今天）');
    const saved = (await visitsOf('LM00002')).slice(before);
    expect(saved).toMatchObject([{ kind: 'phone', visitDate: '2026-11-23', moneyFen: 50050, notes: '身体恢复良好', gifts: null }]);
    // The same kind for the same person on the same day is saved, with a note in case it was sent twice.
    const sameDay = (await visitsOf('LM00002')).filter((v) => v.kind === 'phone' && v.visitDate === '2026-11-23').length;
    expect(await chat.say(STAFF, '走访 李海燕 电话 回访')).toContain(`提醒：李海燕 在 2026-11-23 已有 ${sameDay} 条「电话慰问」记录`);
    expect(await visitsOf('LM00002')).toHaveLength(before + 2);
  });

  it('asks for a missing kind, remembers the rest, and saves on a typed digit', async () => {
    // Other tests record visits for 张三 too, in any order: count from what is there now.
    const before = (await visitsOf('LM00001')).length;
    const asked = await chat.replies(STAFF, '走访 zs 慰问金200元 腿脚不便');
    expect(asked.at(-1)!.text).toContain('张三（LM00001）这次是哪种走访');
    expect(asked.at(-1)!.choices!.map((c) => c.label)).toEqual(['上门走访', '电话慰问', '慰问信', '探病']);
    expect(await visitsOf('LM00001')).toHaveLength(before);
    const saved = await chat.say(STAFF, '2');
    expect(saved).toContain('方式：电话慰问');
    expect((await visitsOf('LM00001')).at(-1)).toMatchObject({ kind: 'phone', moneyFen: 20000, notes: '腿脚不便', visitDate: '2026-11-23' });
    // The question is closed: a digit now picks nothing.
    expect(await chat.say(STAFF, '2')).toBe(UNKNOWN);
    expect(await visitsOf('LM00001')).toHaveLength(before + 1);
  });

  it('asks for a missing person, then the kind, answered by a button', async () => {
    const askWho = await chat.say(STAFF, '走访 昨天 100元');
    expect(askWho).toContain('这次走访的是谁');
    // A name nobody has is asked again, the rest kept.
    expect(await chat.say(STAFF, '欧阳不存在')).toContain('没有找到「欧阳不存在」');
    const askKind = await chat.replies(STAFF, '王晓东');
    const letter = askKind.at(-1)!.choices![2];
    expect(letter.label).toBe('慰问信');
    const saved = await chat.press(STAFF, letter.id);
    expect(saved[0].text).toContain('已记录走访：王晓东（LM00003）');
    expect(await visitsOf('LM00003')).toMatchObject([{ kind: 'letter', visitDate: '2026-11-22', moneyFen: 10000 }]);
  });

  it('offers a pick-list for an ambiguous name and records for the person picked', async () => {
    const replies = await chat.replies(STAFF, '走访 海燕 电话 100元 选人测试');
    const choices = replies.at(-1)!.choices!;
    expect(choices.length).toBe(3);
    const second = choices[1].label;
    const fileNo = /（(LM\d{5})）/.exec(second)![1];
    const saved = await chat.say(STAFF, '2');
    expect(saved).toContain(`（${fileNo}）`);
    expect((await visitsOf(fileNo)).filter((v) => v.notes === '选人测试')).toMatchObject([{ kind: 'phone', moneyFen: 10000 }]);
  });

  it('records the date the pick-list was offered for, even when a choice is picked days later', async () => {
    const pickLate = async (line: string, notes: string) => {
      chat.setNow(TEST_NOW);
      const offered = (await chat.replies(STAFF, `${line} ${notes}`)).at(-1)!;
      expect(offered.choices!.length).toBe(3);
      const fileNo = /（(LM\d{5})）/.exec(offered.choices![0].label)![1];
      // Two days on, the button is pressed: 昨天 (or no date) must not be read against that day.
      chat.setNow(new Date('2026-11-25T02:00:00Z'));
      try {
        return { fileNo, saved: join(await chat.press(STAFF, offered.choices![0].id)) };
      } finally {
        chat.setNow(TEST_NOW);
      }
    };
    const yesterday = await pickLate('走访 海燕 电话 昨天', '迟选昨天');
    expect(yesterday.saved).toContain('日期：2026-11-22\n');
    expect((await visitsOf(yesterday.fileNo)).filter((v) => v.notes === '迟选昨天')).toMatchObject([{ kind: 'phone', visitDate: '2026-11-22' }]);

    const undated = await pickLate('走访 海燕 电话', '迟选无日期');
    expect(undated.saved).toContain('日期：2026-11-23\n');
    expect((await visitsOf(undated.fileNo)).filter((v) => v.notes === '迟选无日期')).toMatchObject([{ kind: 'phone', visitDate: '2026-11-23' }]);

    // A digit typed later picks the same way as a button.
    chat.setNow(TEST_NOW);
    await chat.replies(STAFF, '走访 海燕 上门 昨天 迟选数字');
    chat.setNow(new Date('2026-11-26T02:00:00Z'));
    try {
      expect(await chat.say(STAFF, '1')).toContain('日期：2026-11-22\n');
    } finally {
      chat.setNow(TEST_NOW);
    }
    expect(await t.db.visit.findMany({ where: { notes: '迟选数字' } })).toMatchObject([{ kind: 'in_person', visitDate: '2026-11-22' }]);
  });

  it('saves nothing when cancelled mid-way', async () => {
    const before = await t.db.visit.count();
    const audited = await t.db.auditEntry.count({ where: { entity: 'visit' } });
    expect(await chat.say(STAFF, '走访 赵秀英 300元 取消测试')).toContain('哪种走访');
    expect(await chat.say(STAFF, '取消')).toContain('已取消');
    expect(await chat.say(STAFF, '1')).toBe(UNKNOWN);
    expect(await t.db.visit.count()).toBe(before);
    expect(await t.db.auditEntry.count({ where: { entity: 'visit' } })).toBe(audited);
  });

  it('starts over when a whole new visit line is typed instead of an answer', async () => {
    expect(await chat.say(STAFF, '走访 王红 200元 第一次')).toContain('哪种走访');
    const saved = await chat.say(STAFF, '走访 王红 电话 100元 重新开始');
    expect(saved).toContain('之前未完成的操作已放弃');
    expect(saved).toContain('已记录走访：王红（LM00023）');
    expect(await visitsOf('LM00023')).toMatchObject([{ kind: 'phone', moneyFen: 10000, notes: '重新开始' }]);
    // A bare kind word is still an answer, not a new command.
    await chat.say(STAFF, '走访 王红 300元 再次');
    expect(await chat.say(STAFF, '走访')).toContain('方式：上门走访');
    expect((await visitsOf('LM00023')).map((v) => v.notes)).toEqual(['重新开始', '再次']);
  });

  it('refuses impossible and future dates with an example, saving nothing', async () => {
    const before = await t.db.visit.count();
    const impossible = await chat.say(STAFF, '走访 张三 电话 2026-02-30');
    expect(impossible).toContain('日期「2026-02-30」不存在');
    expect(impossible).toContain('例如：走访 张三 电话 2026-11-20');
    expect(await chat.say(STAFF, '走访 张三 电话 2026-11-24')).toContain('日期「2026-11-24」还没到（今天是 2026-11-23）');
    expect(await chat.say(STAFF, '走访 张三 电话 11月30日')).toContain('还没到');
    expect(await t.db.visit.count()).toBe(before);
  });

  it('refuses bad amounts, long notes and unknown names clearly, saving nothing', async () => {
    const before = await t.db.visit.count();
    expect(await chat.say(STAFF, '走访 张三 电话 -5元')).toContain('金额「-5元」不能是负数。例如：慰问金500元');
    expect(await chat.say(STAFF, '走访 张三 电话 abc元')).toContain('金额「abc元」看不懂。请用数字加「元」，例如');
    expect(await chat.say(STAFF, `走访 张三 电话 ${'身体'.repeat(300)}`)).toContain('备注太长（600 字），请控制在 500 字以内');
    expect(await chat.say(STAFF, `走访 张三 电话 ${'好'.repeat(2000)}`)).toContain('消息太长');
    const unknown = await chat.say(STAFF, '走访 欧阳不存在 电话');
    expect(unknown).toContain('没有找到「欧阳不存在」');
    expect(unknown).toContain('例如：走访 张三 电话');
    // Typed without spaces, the whole line is read as a name; the message shows only its start.
    expect(await chat.say(STAFF, `走访${'张三电话五百元身体很好'.repeat(5)}`)).toMatch(/没有找到「.{20}…」/);
    expect(await t.db.visit.count()).toBe(before);
  });

  it('keeps visits out of group chats', async () => {
    expect(await chat.say(STAFF, '走访 张三 电话', { group: 'g-1' })).toContain('请在与我的私聊中使用');
    expect(await chat.say(STAFF, '走访记录', { group: 'g-1' })).toContain('请在与我的私聊中使用');
  });

  it('lists one person’s visits, newest first, with count and money total', async () => {
    await chat.say(STAFF, '走访 普德华 上门 2026-10-15 300元 国庆前走访');
    await chat.say(STAFF, '走访 普德华 电话 2026-11-20 慰问金200.5元 电话问候');
    await chat.say(STAFF, '走访 普德华 慰问信 2026-09-01');
    const text = await chat.say(STAFF, '走访记录 普德华');
    expect(text).toContain('普德华（LM00005）的走访记录：共 3 次，慰问金合计 500.50元');
    const lines = text.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(lines).toEqual([
      '2026-11-20 普德华（LM00005）电话慰问 200.50元：电话问候',
      '2026-10-15 普德华（LM00005）上门走访 300元：国庆前走访',
      '2026-09-01 普德华（LM00005）慰问信',
    ]);
    const october = await chat.say(STAFF, '走访记录 LM00005 2026-10');
    expect(october).toContain('在2026年10月的走访记录：共 1 次，慰问金合计 300元');
    expect(await chat.say(STAFF, '走访记录 毕春梅')).toContain('毕春梅（LM00006）还没有走访记录');
  });

  it('lists a period with count, people and money total; nothing given means this month', async () => {
    // Its own visits first: the other tests' visits may or may not be there yet (any order).
    await chat.say(STAFF, '走访 LM00012 上门 2026-10-08 慰问金300元 十月走访');
    await chat.say(STAFF, '走访 LM00012 电话 2026-11-02 慰问金100元 月初回访');
    await chat.say(STAFF, '走访 LM00013 慰问信 2026-11-05');
    await chat.say(STAFF, '走访 LM00014 探病 2026-11-20 慰问金1000元 住院');
    await chat.say(STAFF, '走访 LM00015 上门 2026-09-30 国庆前');
    const inPeriod = async (from: string, to: string) => {
      const rows = await t.db.visit.findMany({ where: { visitDate: { gte: from, lte: to } } });
      return { rows, count: rows.length, people: new Set(rows.map((r) => r.honoreeId)).size, money: formatFen(rows.reduce((s, r) => s + r.moneyFen, 0)) };
    };
    const november = await inPeriod('2026-11-01', '2026-11-30');
    expect(november.count).toBeGreaterThanOrEqual(3);
    const expected = `2026年11月走访记录：共 ${november.count} 次，涉及 ${november.people} 人，慰问金合计 ${november.money}`;
    for (const ask of ['走访记录 2026-11', '走访记录', '走访记录 本月', '/visits this month']) {
      const text = await chat.say(STAFF, ask);
      expect(text).toContain(expected);
      expect(text.split('\n').filter((l) => /^2026-11-\d{2} /.test(l))).toHaveLength(Math.min(november.count, 30));
    }
    const october = await inPeriod('2026-10-01', '2026-10-31');
    expect(await chat.say(STAFF, '走访记录 上月')).toContain(`2026年10月走访记录：共 ${october.count} 次，涉及 ${october.people} 人，慰问金合计 ${october.money}`);
    const range = await inPeriod('2026-10-01', '2026-11-21');
    expect(await chat.say(STAFF, '走访记录 2026-10-01 2026-11-21')).toContain(
      `2026-10-01 至 2026-11-21 走访记录：共 ${range.count} 次，涉及 ${range.people} 人，慰问金合计 ${range.money}`,
    );
    const year = await inPeriod('2026-01-01', '2026-12-31');
    expect(year.count).toBeGreaterThan(november.count + october.count);
    expect(await chat.say(STAFF, '走访记录 今年')).toContain(`共 ${year.count} 次`);
    expect(await chat.say(STAFF, '走访记录 2024')).toContain('2024年没有走访记录');
    expect(await chat.say(STAFF, '走访记录 2026-13')).toContain('时间段「2026-13」不对');
    expect(await chat.say(STAFF, '走访记录 2026-11-30 2026-11-01')).toContain('开始晚于结束');
  });

  it('shows at most 30 lines and says how many more there are', async () => {
    const who = await person('LM00010');
    await t.db.visit.createMany({
      data: Array.from({ length: 35 }, (_, i) => ({ honoreeId: who.id, kind: 'phone', visitDate: `2025-03-${String(i % 28 + 1).padStart(2, '0')}`, moneyFen: 100 })),
    });
    const text = await chat.say(STAFF, '走访记录 2025年3月');
    expect(text).toContain('2025年3月走访记录：共 35 次，涉及 1 人，慰问金合计 35元');
    expect(text.split('\n').filter((l) => l.startsWith('2025-03-'))).toHaveLength(30);
    expect(text).toContain('另有 5 条未列出');
  });

  it('speaks English to an English-speaking account', async () => {
    expect(await chat.say(ADMIN, 'language English')).toContain('English');
    const saved = await chat.say(ADMIN, '/visit 杨明 phone 500 recovering well');
    expect(saved).toContain('Visit recorded: 杨明 (LM00010)');
    expect(saved).toContain('Kind: phone call');
    expect(saved).toContain('Money: ¥500');
    expect(saved).toContain('Notes: recovering well');
    expect(await chat.say(ADMIN, '/visit 杨明 phone 2026-02-30')).toContain('The date "2026-02-30" does not exist');
    await chat.say(ADMIN, '/visit 杨明 letter 2025-04-02 200');
    expect(await chat.say(ADMIN, '/visits 2025-04')).toContain('Visits in 4/2025: 1 in all, to 1 honoree(s), money total ¥200');
  });
});
