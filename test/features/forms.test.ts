import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testChat, type Person } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld, seedAccounts } from '../support/seed.ts';

// The test clock starts at 2026-11-23 10:00 China time.
const START = new Date('2026-11-23T02:00:00Z');
const minutesLater = (m: number) => new Date(START.getTime() + m * 60_000);

/** Each story is told by its own clerk: a conversation left open by one story never reaches another. */
const clerk = (id: string): Person => ({ channel: 'telegram', id, name: `工作人员${id}` });

describe.each(PROVIDERS)('guided forms and the commands typed into them, on %s', (provider) => {
  let t: TestDb;
  /** A chat with its own clock, starting at START. */
  const chatAt = (options: { formTtlMinutes?: number } = {}) => testChat(t.db, { now: START, ...options });
  const visitsOf = (fileNo: string) => t.db.visit.findMany({ where: { honoree: { fileNo } }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    ({ t } = await demoWorld(provider));
    await seedAccounts(t.db, ['3101', '3102', '3103', '3104', '3105', '3106', '3107', '3108', '3109', '3110', '3111'].map(clerk));
  });
  afterAll(() => t.destroy());

  it('drops a form left idle: a search typed four weeks later is answered as a search, saying the form was dropped', async () => {
    const me = clerk('3101');
    const chat = chatAt();
    expect(await chat.say(me, '新增')).toContain('请输入姓名');
    chat.setNow(new Date('2026-12-21T02:00:00Z'));
    const text = await chat.say(me, '查询 张三');
    expect(text).toContain('「新增」已超过 30 分钟没有回复，已自动放弃，没有保存');
    expect(text).toContain('张三（LM00001）');
    expect(text).not.toContain('身份证号');
    expect(await chat.say(me, '取消')).toContain('当前没有进行中的操作');
  });

  it('keeps a form open within HONORCARE_FORM_TTL_MIN and drops it after, even when the answer would fit', async () => {
    const me = clerk('3102');
    const chat = chatAt({ formTtlMinutes: 10 });
    await chat.say(me, '新增');
    chat.setNow(minutesLater(9));
    expect(await chat.say(me, '王时限')).toContain('身份证号');
    // Ten minutes counted from the last answer, not from the start.
    chat.setNow(minutesLater(18));
    expect(await chat.say(me, '跳过')).toContain('性别');
    chat.setNow(minutesLater(29));
    const late = await chat.say(me, '男');
    expect(late).toContain('「新增」已超过 10 分钟没有回复');
    expect(late).toContain('没有看懂这条消息');
    // 取消 after the form expired says so once, not "nothing to cancel" as well.
    await chat.say(me, '新增');
    chat.setNow(minutesLater(45));
    expect(await chat.say(me, '取消')).toBe('（「新增」已超过 10 分钟没有回复，已自动放弃，没有保存。）');
    expect(await t.db.honoree.count({ where: { name: '王时限' } })).toBe(0);
  });

  it('drops a form half-answered before forms kept their time, by the time its record was written', async () => {
    const me = clerk('3103');
    // As an older version left it: no time in the record, only the row's.
    const record = { flow: 'honorees.add', state: { step: 'idNumber', values: { name: '旧表单' }, honours: [] } };
    await t.db.conversationState.create({
      data: { key: `telegram:${me.id}:${me.id}`, flow: record.flow, data: JSON.stringify(record), updatedAt: new Date('2026-10-01T02:00:00Z') },
    });
    const text = await chatAt().say(me, '查询 张三');
    expect(text).toContain('之前未完成的操作已超过 30 分钟没有回复');
    expect(text).toContain('张三（LM00001）');
  });

  it('never stores a command as a field: it asks whether to leave the form, and runs the command if so', async () => {
    const me = clerk('3104');
    const chat = chatAt();
    await chat.say(me, '新增');
    await chat.say(me, '王命令');
    for (let i = 0; i < 5; i++) await chat.say(me, '跳过');
    const asked = (await chat.replies(me, '查询 张三')).at(-1)!;
    expect(asked.text).toContain('「查询 张三」是一条命令，而「新增」还没有完成');
    expect(asked.choices!.map((c) => c.label)).toEqual(['放弃「新增」，执行命令', '不，这是对「新增」的回答']);
    const left = await chat.say(me, '1');
    expect(left).toContain('之前未完成的操作已放弃');
    expect(left).toContain('张三（LM00001）');
    expect(await chat.say(me, '取消')).toContain('当前没有进行中的操作');
    expect(await t.db.honoree.count({ where: { name: '王命令' } })).toBe(0);
  });

  it('keeps the form when the person answers the question instead, or says the command was the answer', async () => {
    const me = clerk('3105');
    const chat = chatAt();
    await chat.say(me, '新增');
    await chat.say(me, '王回答');
    for (let i = 0; i < 5; i++) await chat.say(me, '跳过');
    await chat.say(me, '查询 张三');
    // An answer typed instead of picking: the question was a detour, the form goes on.
    expect(await chat.say(me, '红星机械厂')).toContain('职务');
    const asked = (await chat.replies(me, '查找资料员')).at(-1)!;
    expect(asked.text).toContain('是一条命令');
    // Pressed: only then is it taken as the answer.
    expect(await chat.press(me, asked.choices![1].id).then((r) => r.at(-1)!.text)).toContain('就业状态');
    for (let i = 0; i < 4; i++) await chat.say(me, '跳过');
    const review = await chat.say(me, '跳过');
    expect(review).toContain('工作单位：红星机械厂');
    expect(review).toContain('职务：查找资料员');
    expect(review).not.toContain('查询 张三');
    expect(await chat.say(me, '取消')).toContain('已取消「新增」，没有保存任何内容');
  });

  it('shows 帮助 inside a form and keeps the form open', async () => {
    const me = clerk('3106');
    const chat = chatAt();
    await chat.say(me, '新增');
    const help = await chat.say(me, '帮助');
    expect(help).toContain('劳模关爱助手 · 可用命令');
    expect(help).toContain('「新增」还没有完成：请继续回答上面的问题');
    expect(await chat.say(me, '王帮助')).toContain('身份证号');
    expect(await chat.say(me, '/help')).toContain('可用命令');
    expect(await chat.say(me, '跳过')).toContain('性别');
    expect(await chat.say(me, '取消')).toContain('已取消「新增」');
  });

  it('takes a survey answer that starts like a command only when told it is the answer', async () => {
    const me = clerk('3107');
    const chat = chatAt();
    expect(await chat.say(me, '摸底 LM00007')).toContain('工作情况');
    expect(await chat.say(me, '帮助孩子上学')).toContain('是一条命令');
    expect(await chat.say(me, '2')).toContain('家庭年收入');
    expect(await chat.say(me, '取消')).toContain('已取消「摸底」');
  });

  it('saves no money nobody typed: a bare 走访, then 走访记录 1900, then a name', async () => {
    const me = clerk('3108');
    const chat = chatAt();
    const before = (await visitsOf('LM00008')).length;
    expect(await chat.say(me, '走访')).toContain('这次走访的是谁');
    expect(await chat.say(me, '走访记录 1900')).toContain('是一条命令');
    // Even taken as the answer on purpose, a name not found keeps nothing of it.
    expect(await chat.say(me, '2')).toContain('没有找到「走访记录」');
    const saved = await chat.say(me, 'LM00008 电话');
    expect(saved).toContain('慰问金：无');
    expect(saved).toContain('备注：无');
    expect((await visitsOf('LM00008')).slice(before)).toMatchObject([{ kind: 'phone', moneyFen: 0, notes: null }]);
  });

  it('makes no visit notes of another command’s words', async () => {
    const me = clerk('3109');
    const chat = chatAt();
    const before = (await visitsOf('LM00009')).length;
    await chat.say(me, '走访');
    await chat.say(me, '查询 张三');
    expect(await chat.say(me, '2')).toContain('没有找到「查询」');
    const saved = await chat.say(me, 'LM00009 上门');
    expect(saved).toContain('备注：无');
    expect((await visitsOf('LM00009')).slice(before)).toMatchObject([{ kind: 'in_person', moneyFen: 0, notes: null }]);
  });

  it('says what 取消 ended: a pick-list, a confirmation, a form', async () => {
    const me = clerk('3110');
    const chat = chatAt();
    expect((await chat.replies(me, '查询 张')).at(-1)!.choices!.length).toBeGreaterThan(1);
    expect(await chat.say(me, '取消')).toBe('已取消「查询」列出的选项，没有做任何更改。');
    expect(await chat.say(me, '1')).toContain('没有看懂这条消息');

    await chat.say(me, '走访 LM00011 电话 取消测试');
    const recorded = (await visitsOf('LM00011')).length;
    await chat.say(me, '删除走访 LM00011');
    expect(await chat.say(me, '1')).toContain('确定删除这条走访记录吗');
    expect(await chat.say(me, '取消')).toBe('已取消「删除走访」列出的选项，没有做任何更改。');
    expect(await visitsOf('LM00011')).toHaveLength(recorded);

    await chat.say(me, '走访 LM00011 慰问金100元');
    expect(await chat.say(me, '取消')).toBe('已取消「走访」，没有保存任何内容。');
    expect(await chat.say(me, '取消')).toBe('当前没有进行中的操作。');
  });

  it('speaks English to an English-speaking account inside a form', async () => {
    const me = clerk('3111');
    const chat = chatAt();
    await chat.say(me, 'language English');
    await chat.say(me, '/add');
    const asked = await chat.say(me, 'find Zhang');
    expect(asked).toContain('"find Zhang" is a command, and "/add" is not finished');
    expect(asked).toContain('Leave "/add", run the command');
    expect(await chat.say(me, 'cancel')).toBe('Cancelled "/add"; nothing was saved.');
  });
});
