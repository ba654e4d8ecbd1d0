import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { createHonoree } from '../../src/features/honorees/index.ts';
import { saveSurvey } from '../../src/features/survey/index.ts';
import { join, STAFF, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

// The test clock is 2026-11-23 in China: "this year" is 2026, and the demo data already holds a
// 2026 survey for each demo person. New people (欧阳晓梅, 司马青云) start without one.
describe.each(PROVIDERS)('five-clears survey and priority register on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  let staffId: number;
  let ouyang: { id: number; fileNo: string };
  let sima: { id: number; fileNo: string };

  // Entries by one actor, so these tests hold whether or not the demo loader audits its surveys.
  const surveyAudits = (entityId: number, actorLabel = `telegram:${STAFF.id}`) =>
    t.db.auditEntry.findMany({ where: { entity: 'survey', entityId, actorLabel }, orderBy: { id: 'asc' } });
  const demo = (fileNo: string) => t.db.honoree.findUniqueOrThrow({ where: { fileNo } });
  const survey2026 = (honoreeId: number) => t.db.survey.findUnique({ where: { honoreeId_year: { honoreeId, year: 2026 } } });

  beforeAll(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    await loadDemoData(t.db, 2026);
    chat = testChat(t.db);
    staffId = (await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } })).id;
    [ouyang, sima] = await t.db.$transaction(async (tx) => [
      await createHonoree(tx, { name: '欧阳晓梅', employer: '示例乳业公司' }, null, 'LM'),
      await createHonoree(tx, { name: '司马青云' }, null, 'LM'),
    ]);
  });
  afterAll(() => t.destroy());

  it('surveys a new person question by question, saving fen amounts, the per-capita income and an audit entry', async () => {
    const start = await chat.say(STAFF, '摸底 欧阳晓梅');
    expect(start).toContain(`开始 欧阳晓梅（${ouyang.fileNo}）2026 年摸底调查`);
    expect(start).toContain('工作情况');
    expect(start).not.toContain('当前：'); // nothing stored yet, so nothing to show
    expect(await chat.say(STAFF, '在职，车间主任')).toContain('家庭年收入');
    expect(await chat.say(STAFF, '5万')).toContain('家庭人口数');
    expect(await chat.say(STAFF, '3人')).toContain('家庭成员');
    expect(await chat.say(STAFF, '配偶、儿子')).toContain('困难原因');
    expect(await chat.say(STAFF, '配偶患病，医疗支出大')).toContain('健康状况');
    const hardship = await chat.replies(STAFF, '腰椎劳损');
    expect(join(hardship)).toContain('是否生活困难');
    expect(hardship.at(-1)!.choices!.map((c) => c.label)).toEqual(['是', '否']);
    // A pressed button and a typed digit both answer a yes/no question.
    expect(join(await chat.press(STAFF, hardship.at(-1)!.choices![0].id))).toContain('是否健康状况差');
    expect(await chat.say(STAFF, '2')).toContain('重点登记原因');
    const review = await chat.say(STAFF, '配偶长期患病，家庭收入低');
    expect(review).toContain('请核对');
    // 50,000 yuan for 3 people: 16,666.666… yuan, rounded to the fen.
    expect(review).toContain('年收入 50,000元，人均 16,666.67元');
    expect(review).toContain('家庭人口：3 人');
    expect(review).toContain('重点登记：生活困难（原因：配偶长期患病，家庭收入低）');
    expect(await survey2026(ouyang.id)).toBeNull();

    const saved = await chat.say(STAFF, '1');
    expect(saved).toContain(`已保存 欧阳晓梅（${ouyang.fileNo}）2026 年摸底调查`);
    expect(saved).toContain('已列入 2026 年重点登记：生活困难');
    const row = await survey2026(ouyang.id);
    expect(row).toMatchObject({
      workSituation: '在职，车间主任',
      householdIncomeFen: 5_000_000,
      perCapitaIncomeFen: 1_666_667,
      familyMembers: '配偶、儿子',
      hardshipCauses: '配偶患病，医疗支出大',
      healthStatus: '腰椎劳损',
      priorityHardship: true,
      priorityHealth: false,
      priorityReason: '配偶长期患病，家庭收入低',
      surveyedById: staffId,
    });
    const audits = await surveyAudits(row!.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'create', actorLabel: `telegram:${STAFF.id}` });
    expect(JSON.parse(audits[0].changes).householdIncomeFen).toEqual([null, 5_000_000]);
  });

  it('refuses unreadable answers with an example and asks the same question again', async () => {
    const auditsBefore = await t.db.auditEntry.count({ where: { entity: 'survey' } });
    await chat.say(STAFF, '摸底 司马青云');
    await chat.say(STAFF, '已退休');
    const bad = await chat.say(STAFF, 'abc');
    expect(bad).toContain('没有看懂这个金额');
    expect(bad).toContain('例如');
    expect(bad).toContain('家庭年收入');
    expect(await chat.say(STAFF, '-500')).toContain('收入不能是负数');
    expect(await chat.say(STAFF, '3.6万')).toContain('家庭人口数');
    for (const people of ['0', '25', '很多']) {
      const again = await chat.say(STAFF, people);
      expect(again).toContain('1 到 20 之间的整数，例如：3');
      expect(again).toContain('家庭人口数');
    }
    expect(await chat.say(STAFF, '两口')).toContain('家庭成员');
    await chat.say(STAFF, '配偶');
    await chat.say(STAFF, '无');
    await chat.say(STAFF, '良好');
    const yesNo = await chat.say(STAFF, '也许');
    expect(yesNo).toContain('请回复「是」或「否」');
    expect(yesNo).toContain('是否生活困难');
    // Cancelled at the last question: nothing of it is saved.
    expect(await chat.say(STAFF, '取消')).toContain('已取消「摸底」，没有保存任何内容');
    expect(await survey2026(sima.id)).toBeNull();
    expect(await t.db.auditEntry.count({ where: { entity: 'survey' } })).toBe(auditsBefore);
    // The form is over: the next text is no answer.
    expect(await chat.say(STAFF, '3')).toContain('没有看懂');
  });

  it('cancelling an update leaves the stored survey as it was', async () => {
    const p = await demo('LM00006');
    const before = await survey2026(p.id);
    await chat.say(STAFF, '摸底 LM00006');
    await chat.say(STAFF, '换了新岗位');
    await chat.say(STAFF, '1万');
    expect(await chat.say(STAFF, '取消')).toContain('已取消');
    expect(await survey2026(p.id)).toEqual(before);
    expect(await surveyAudits(before!.id)).toHaveLength(0);
  });

  it('updates an existing survey: 跳过 keeps each value, and the audit lists only the changed field', async () => {
    const p = await demo('LM00005');
    const before = (await survey2026(p.id))!;
    expect(before.healthStatus).toBe('良好');
    const start = await chat.say(STAFF, '摸底 LM00005');
    expect(start).toContain('已有摸底记录');
    expect(start).toContain(`当前：${before.workSituation}`);
    expect(await chat.say(STAFF, '跳过')).toContain('当前：96,000元');
    expect(await chat.say(STAFF, '跳过')).toContain('当前：3 人'); // 96,000 / 32,000 per person
    expect(await chat.say(STAFF, '跳过')).toContain('当前：配偶、子女一人');
    await chat.say(STAFF, '跳过');
    expect(await chat.say(STAFF, '跳过')).toContain('当前：良好');
    expect(await chat.say(STAFF, '术后恢复中')).toContain('当前：否');
    await chat.say(STAFF, '跳过');
    const review = await chat.say(STAFF, '跳过');
    expect(review).toContain('改动 1 项');
    expect(review).toContain('健康状况：术后恢复中');
    expect(await chat.say(STAFF, '保存')).toContain(`已更新 ${p.name}（LM00005）2026 年摸底调查`);

    const after = (await survey2026(p.id))!;
    expect({ ...after, updatedAt: null, surveyedById: null }).toEqual({ ...before, healthStatus: '术后恢复中', updatedAt: null, surveyedById: null });
    const audits = await surveyAudits(before.id);
    expect(audits).toHaveLength(1);
    expect(audits[0].action).toBe('update');
    expect(JSON.parse(audits[0].changes)).toEqual({ healthStatus: ['良好', '术后恢复中'] });

    // Going through again and keeping everything saves and audits nothing.
    await chat.say(STAFF, '/survey LM00005');
    let last = '';
    for (let i = 0; i < 8; i++) last = await chat.say(STAFF, '跳过');
    expect(last).toContain('与已有记录相同');
    expect(await chat.say(STAFF, '1')).toContain('没有变化');
    expect(await surveyAudits(before.id)).toHaveLength(1);
  });

  it('writes back only what the form changed: a health flag saved meanwhile by someone else stays', async () => {
    // A person of this test's own: the others here count the register.
    const p = await t.db.$transaction((tx) => createHonoree(tx, { name: '并发摸底' }, null, 'LM'));
    await t.db.$transaction((tx) => saveSurvey(tx, p.id, 2026, { workSituation: '退休在家', healthStatus: '良好' }, null));
    expect(await chat.say(STAFF, `摸底 ${p.fileNo}`)).toContain('已有摸底记录');
    // Meanwhile a checkup report puts the person on the register for health.
    await t.db.survey.updateMany({ where: { honoreeId: p.id, year: 2026 }, data: { priorityHealth: true, priorityReason: '体检发现：血压偏高' } });
    expect(await chat.say(STAFF, '在社区做志愿者')).toContain('当前');
    let review = '';
    for (let i = 0; i < 10 && !review.includes('改动'); i++) review = await chat.say(STAFF, '跳过');
    expect(review).toContain('改动 1 项');
    expect(await chat.say(STAFF, '保存')).toContain('已更新');
    expect(await survey2026(p.id)).toMatchObject({ workSituation: '在社区做志愿者', healthStatus: '良好', priorityHealth: true, priorityReason: '体检发现：血压偏高' });
    await t.db.honoree.delete({ where: { id: p.id } });
  });

  it('lists the priority register by group with counts, and the file view shows the flags', async () => {
    // A person of this story's own with a 2026 survey as the guided survey saves it (stories run in any order).
    const shangguan = await t.db.$transaction((tx) => createHonoree(tx, { name: '上官明月' }, null, 'LM'));
    const answers = {
      workSituation: '在职，车间主任', householdIncomeFen: 5_000_000, perCapitaIncomeFen: 1_666_667, familyMembers: '配偶、儿子',
      hardshipCauses: '配偶患病，医疗支出大', healthStatus: '腰椎劳损', priorityHardship: true, priorityHealth: false, priorityReason: '配偶长期患病，家庭收入低',
    };
    await t.db.survey.create({ data: { honoreeId: shangguan.id, year: 2026, ...answers } });
    const hardship = await t.db.survey.count({ where: { year: 2026, priorityHardship: true } });
    const health = await t.db.survey.count({ where: { year: 2026, priorityHealth: true } });
    const anyFlag = await t.db.survey.count({ where: { year: 2026, OR: [{ priorityHardship: true }, { priorityHealth: true }] } });
    expect(hardship).toBeGreaterThan(1);
    const text = await chat.say(STAFF, '重点登记');
    expect(text).toContain(`【重点登记】2026 年，共 ${anyFlag} 人`);
    expect(text).toContain(`生活困难（${hardship} 人）`);
    expect(text).toContain(`健康状况差（${health} 人）`);
    const [hardshipPart, healthPart] = text.split('健康状况差（');
    expect(hardshipPart).toContain(`上官明月（${shangguan.fileNo}）配偶长期患病，家庭收入低`);
    expect(healthPart).not.toContain('上官明月');
    expect(text).not.toContain('LM00005'); // not flagged

    const file = await chat.say(STAFF, `档案 ${shangguan.fileNo}`);
    expect(file).toContain('五清摸底（2026 年）');
    expect(file).toContain('年收入 50,000元，人均 16,666.67元');
    expect(file).toContain('重点登记：生活困难（原因：配偶长期患病，家庭收入低）');

    expect(await chat.say(STAFF, '重点登记 2025')).toContain('2025 年没有人列入重点登记');
    expect(await chat.say(STAFF, '/priority 明年')).toContain('例如：重点登记 或 重点登记 2025');
  });

  it('takes a person off the register when the hardship is over (「无」 clears, 「否」 unflags)', async () => {
    const p = await demo('LM00003');
    expect((await survey2026(p.id))!.priorityHardship).toBe(true);
    await chat.say(STAFF, '摸底 LM00003');
    for (let i = 0; i < 4; i++) await chat.say(STAFF, '跳过');
    await chat.say(STAFF, '无'); // causes of hardship
    await chat.say(STAFF, '跳过'); // health
    await chat.say(STAFF, '否'); // hardship
    const review = await chat.say(STAFF, '跳过'); // health flag stays "no": no reason asked
    expect(review).toContain('重点登记：否');
    await chat.say(STAFF, '1');
    expect(await survey2026(p.id)).toMatchObject({ hardshipCauses: null, priorityHardship: false, priorityReason: null });
    expect(await chat.say(STAFF, '重点登记')).not.toContain('LM00003');
  });

  it('offers a pick-list when the name is ambiguous, and the chosen number starts that survey', async () => {
    const list = await chat.replies(STAFF, '摸底 张');
    expect(list.at(-1)!.choices!.length).toBeGreaterThan(1);
    const chosen = list.at(-1)!.choices![0].label.split('（')[0];
    const start = await chat.say(STAFF, '1');
    expect(start).toContain(`${chosen}（`);
    expect(start).toContain('工作情况');
    await chat.say(STAFF, '取消');
  });

  it('keeps the survey and the register out of group chats', async () => {
    expect(await chat.say(STAFF, '摸底 张三', { group: 'g-1' })).toContain('请在与我的私聊中使用');
    expect(await chat.say(STAFF, '重点登记', { group: 'g-1' })).toContain('请在与我的私聊中使用');
  });

  it('saveSurvey with the same values twice writes one audit entry and no second write', async () => {
    const actor = { accountId: staffId, label: 'saveSurvey-test' };
    const values = { workSituation: '在职', householdIncomeFen: 3_600_000, perCapitaIncomeFen: 1_200_000, priorityHealth: true, priorityReason: '慢性病' };
    expect(await t.db.$transaction((tx) => saveSurvey(tx, sima.id, 2020, values, actor))).toEqual({ created: true, changed: true });
    const first = await t.db.survey.findUniqueOrThrow({ where: { honoreeId_year: { honoreeId: sima.id, year: 2020 } } });
    // Blank text is the same as nothing known: not a change either.
    expect(await t.db.$transaction((tx) => saveSurvey(tx, sima.id, 2020, { ...values, familyMembers: '  ' }, actor))).toEqual({ created: false, changed: false });
    expect(await t.db.survey.findUniqueOrThrow({ where: { id: first.id } })).toEqual(first);
    expect(await surveyAudits(first.id, actor.label)).toHaveLength(1);

    // Fields left out keep what is stored; only the one that changed is audited.
    expect(await t.db.$transaction((tx) => saveSurvey(tx, sima.id, 2020, { priorityReason: '慢性病，行动不便' }, actor))).toEqual({ created: false, changed: true });
    const audits = await surveyAudits(first.id, actor.label);
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[1].changes)).toEqual({ priorityReason: ['慢性病', '慢性病，行动不便'] });
    expect(await t.db.survey.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ workSituation: '在职', householdIncomeFen: 3_600_000, priorityHealth: true });
  });

  it('saveSurvey refuses values outside the schema and writes nothing', async () => {
    const bad = [
      { householdIncomeFen: -1 },
      { householdIncomeFen: 12.5 },
      { healthStatus: '很'.repeat(501) },
      { householdIncomeFen: 100, perCapitaIncomeFen: 200 },
      { income: 100 },
    ];
    for (const values of bad) {
      await expect(t.db.$transaction((tx) => saveSurvey(tx, sima.id, 2021, values as never, null))).rejects.toThrow();
    }
    await expect(t.db.$transaction((tx) => saveSurvey(tx, sima.id, 26, {}, null))).rejects.toThrow();
    expect(await t.db.survey.count({ where: { honoreeId: sima.id, year: { not: 2020 } } })).toBe(0);
  });
});
