import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld } from '../support/seed.ts';

describe.each(PROVIDERS)('honoree files on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
  });
  afterAll(() => t.destroy());

  it('finds one person by full name and shows a one-line summary', async () => {
    const text = await chat.say(STAFF, '查询 张三');
    expect(text).toContain('张三（LM00001）');
    expect(text).toContain('档案 LM00001');
  });

  it('finds by pinyin initials, with polyphonic surnames read as surnames', async () => {
    // 单 as a surname is "shan", so its initial is s, not d.
    const shan = await t.db.honoree.findFirst({ where: { name: { startsWith: '单' } } });
    expect(shan).not.toBeNull();
    expect(shan!.pinyinFull.startsWith('shan')).toBe(true);
    const text = await chat.say(STAFF, `查询 ${shan!.pinyinInitials}`);
    expect(text).toContain(shan!.name);
  });

  it('lists several matches as numbered choices, and a digit opens the chosen file', async () => {
    const replies = await chat.replies(STAFF, '查询 张');
    const last = replies.at(-1)!;
    expect(last.choices!.length).toBeGreaterThan(1);
    const second = last.choices![1].label;
    const file = await chat.say(STAFF, '2');
    expect(file).toContain('【档案】');
    expect(file).toContain(second.split('（')[0]);
  });

  it('lists the first ten of a long list and asks to narrow it', async () => {
    for (let i = 0; i < 12; i++) {
      await t.db.honoree.create({ data: { fileNo: `OY${String(i).padStart(3, '0')}`, name: `欧阳${'一二三四五六七八九十'[i % 10]}${i}`, pinyinFull: `ouyang${i}`, pinyinInitials: 'oy' } });
    }
    const last = (await chat.replies(STAFF, '查询 欧阳')).at(-1)!;
    expect(last.text).toContain('找到 10 位以上');
    expect(last.choices).toHaveLength(10);
    expect((await chat.replies(STAFF, '查询 oy')).at(-1)!.choices).toHaveLength(10);
  });

  it('finds by file number and by the last four phone digits', async () => {
    const p = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00007' } });
    expect(await chat.say(STAFF, '查询 lm00007')).toContain(p.name);
    expect(await chat.say(STAFF, `/find ${p.phone!.slice(-4)}`)).toContain(p.name);
  });

  it('says clearly when nobody matches, with an example', async () => {
    const text = await chat.say(STAFF, '查询 欧阳不存在');
    expect(text).toContain('没有找到「欧阳不存在」');
    expect(text).toContain('例如');
  });

  it('shows the whole file in private, and no ID, phone, income or health in a group', async () => {
    const p = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00002' } });
    const full = await chat.say(STAFF, '档案 LM00002');
    expect(full).toContain(p.idNumber!);
    expect(full).toContain(p.phone!);
    expect(full).toContain('五清摸底（2026 年）');
    const group = await chat.say(STAFF, '档案 LM00002', { group: 'g-1' });
    expect(group).toContain(p.name);
    expect(group).toContain('荣誉');
    for (const secret of [p.idNumber!, p.phone!, '收入', '健康', p.address!]) expect(group).not.toContain(secret);
  });

  it('adds a file through a guided conversation, validating each answer', async () => {
    expect(await chat.say(STAFF, '新增')).toContain('请输入姓名');
    expect(await chat.say(STAFF, '仇小红')).toContain('身份证号');
    // A wrong check digit is refused and the question asked again.
    const bad = await chat.say(STAFF, '999002199002140021');
    expect(bad).toContain('校验位');
    const good = (await import('../../src/domain/index.ts')).makeIdNumber('999002', '1990-02-14', '002');
    expect(await chat.say(STAFF, good)).toContain('民族');
    await chat.say(STAFF, '彝族');
    expect(await chat.say(STAFF, '12345')).toContain('电话号码格式不对');
    await chat.say(STAFF, '13900009999');
    await chat.say(STAFF, '示例乳业公司');
    await chat.say(STAFF, '跳过');
    await chat.say(STAFF, '在职');
    await chat.say(STAFF, '跳过');
    expect(await chat.say(STAFF, '2020 市级 劳动模范')).toContain('备注');
    const review = await chat.say(STAFF, '跳过');
    expect(review).toContain('请核对');
    expect(review).toContain('女'); // derived from the ID number
    expect(await t.db.honoree.count({ where: { name: '仇小红' } })).toBe(0);
    const saved = await chat.say(STAFF, '1');
    expect(saved).toMatch(/已建档：仇小红，档案号 LM\d{5}/);
    const row = await t.db.honoree.findFirstOrThrow({ where: { name: '仇小红' }, include: { honours: true } });
    expect(row.pinyinFull).toBe('qiuxiaohong');
    expect(row.birthDate).toBe('1990-02-14');
    expect(row.honours).toMatchObject([{ category: 'model_worker', level: 'municipal', year: 2020 }]);
    const audit = await t.db.auditEntry.findMany({ where: { entity: 'honoree', entityId: row.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorLabel).toBe(`telegram:${STAFF.id}`);
  });

  it('saves two files confirmed at the same moment by two people, each with its own file number', async () => {
    // Up to the review, every question after the name skipped.
    const upToReview = async (who: typeof STAFF, name: string) => {
      await chat.say(who, '新增');
      let reply = await chat.say(who, name);
      for (let i = 0; i < 15 && !reply.includes('请核对'); i++) reply = await chat.say(who, '跳过');
      expect(reply).toContain('请核对');
    };
    await upToReview(STAFF, '同时甲');
    await upToReview(ADMIN, '同时乙');
    const saved = await Promise.all([chat.say(STAFF, '1'), chat.say(ADMIN, '1')]);
    for (const reply of saved) expect(reply).toContain('已建档');
    const rows = await t.db.honoree.findMany({ where: { name: { in: ['同时甲', '同时乙'] } } });
    expect(rows).toHaveLength(2);
    expect(rows[0].fileNo).not.toBe(rows[1].fileNo);
  });

  it('cancels a guided add at any step, saving nothing', async () => {
    const before = await t.db.honoree.count();
    await chat.say(STAFF, '新增');
    await chat.say(STAFF, '李取消测试');
    expect(await chat.say(STAFF, '取消')).toContain('已取消');
    expect(await t.db.honoree.count()).toBe(before);
    expect(await chat.say(STAFF, '取消')).toContain('没有进行中的操作');
  });

  it('edits one field and audits before and after', async () => {
    const p = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00003' } });
    const text = await chat.say(STAFF, '修改 LM00003 电话 0871-67891234');
    expect(text).toContain('已修改');
    const after = await t.db.honoree.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.phone).toBe('0871-67891234');
    expect(after.phoneLast4).toBe('1234');
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'honoree', entityId: p.id, action: 'update' }, orderBy: { id: 'desc' } });
    expect(JSON.parse(entry.changes)).toEqual({ phone: [p.phone, '0871-67891234'] });
  });

  it('refuses a bad value with the reason and changes nothing', async () => {
    const p = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00004' } });
    expect(await chat.say(STAFF, '修改 LM00004 出生日期 2026-02-30')).toContain('出生日期不对');
    expect(await chat.say(STAFF, '修改 LM00004 血型 A')).toContain('例如：修改 LM00012 电话');
    const after = await t.db.honoree.findUniqueOrThrow({ where: { id: p.id } });
    expect(after).toEqual(p);
  });

  it('takes a file number as exact, even when it looks like the end of a phone number', async () => {
    const other = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00005' } });
    const last4 = other.phone!.slice(-4);
    await t.db.honoree.create({ data: { fileNo: last4, name: '编号测试', pinyinFull: 'bianhaoceshi', pinyinInitials: 'bhcs' } });
    expect(await chat.say(STAFF, `修改 ${last4} 备注 只改这个人`)).toContain('已修改 编号测试');
    expect((await t.db.honoree.findUniqueOrThrow({ where: { id: other.id } })).notes).toBe(other.notes);
    await t.db.honoree.delete({ where: { fileNo: last4 } });
  });

  it('never tells a group whose phone number ends in given digits', async () => {
    const p = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00006' } });
    const last4 = p.phone!.slice(-4);
    expect(await chat.say(STAFF, `查询 ${last4}`)).toContain(p.name);
    const inGroup = await chat.say(STAFF, `查询 ${last4}`, { group: 'g-1' });
    expect(inGroup).toContain('私聊');
    expect(inGroup).not.toContain(p.name);
    expect(await chat.say(STAFF, `档案 ${last4}`, { group: 'g-1' })).not.toContain(p.name);
  });

  it('gives new files numbers nobody has, whatever was imported before', async () => {
    await t.db.honoree.create({ data: { fileNo: 'LMA01', name: '字母编号', pinyinFull: 'zimu', pinyinInitials: 'zm' } });
    const highest = await t.db.honoree.findFirstOrThrow({ where: { fileNo: { startsWith: 'LM0' } }, orderBy: { fileNo: 'desc' } });
    const next = `LM${String(Number(highest.fileNo.slice(2)) + 1).padStart(5, '0')}`;
    await t.db.honoree.create({ data: { fileNo: next, name: '占号', pinyinFull: 'zhanhao', pinyinInitials: 'zh' } });
    await chat.say(STAFF, '新增');
    await chat.say(STAFF, '新编号');
    for (let i = 0; i < 11; i++) await chat.say(STAFF, '跳过');
    expect(await chat.say(STAFF, '1')).toContain(`LM${String(Number(highest.fileNo.slice(2)) + 2).padStart(5, '0')}`);
  });

  it('refuses a birth date without a year', async () => {
    expect(await chat.say(STAFF, '修改 LM00008 出生日期 今天')).toContain('出生日期不对');
    expect(await chat.say(STAFF, '修改 LM00008 出生日期 1968年5月12日')).toContain('1968-05-12');
  });

  it('keeps private commands out of group chats', async () => {
    expect(await chat.say(ADMIN, '新增', { group: 'g-1' })).toContain('请在与我的私聊中使用');
  });
});
