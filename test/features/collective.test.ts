import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHonoree } from '../../src/features/honorees/index.ts';
import { ADMIN, join, STAFF, STRANGER, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld } from '../support/seed.ts';

describe.each(PROVIDERS)('collective honours on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
  });
  afterAll(() => t.destroy());

  const honourOf = (teamName: string) =>
    t.db.collectiveHonour.findFirstOrThrow({ where: { teamName }, include: { members: { orderBy: { id: 'asc' } } } });
  const auditOf = (id: number) => t.db.auditEntry.findMany({ where: { entity: 'collective_honour', entityId: id }, orderBy: { id: 'asc' } });
  /** A second file named 杨明 (the demo has one), made once by whichever test needs it first. */
  const secondYangMing = async () => {
    const files = await t.db.honoree.findMany({ where: { name: '杨明' }, orderBy: { id: 'asc' } });
    const second = files[1] ?? (await t.db.$transaction((tx) => createHonoree(tx, { name: '杨明' }, null, 'LM')));
    expect(await t.db.honoree.count({ where: { name: '杨明' } })).toBeGreaterThanOrEqual(2);
    return second;
  };
  const counts = async () => ({
    honours: await t.db.collectiveHonour.count(),
    members: await t.db.collectiveHonourMember.count(),
    audit: await t.db.auditEntry.count(),
  });

  it('records a team with members, links the one with a file, and shows the honour in that file', async () => {
    const zhang = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00001' } });
    expect(zhang.name).toBe('张三');
    const text = await chat.say(STAFF, '集体荣誉 添加 示例供电所变电运维班 2021 市级工人先锋号 成员：张三、李四、王五');
    expect(text).toContain('已登记集体荣誉：示例供电所变电运维班 2021 市级工人先锋号');
    expect(text).toContain('已关联档案（1 人）：张三（LM00001）');
    expect(text).toContain('无档案，只记姓名（2 人）：李四、王五');

    const row = await honourOf('示例供电所变电运维班');
    expect(row).toMatchObject({ category: 'worker_pioneer', level: 'municipal', year: 2021, awardingBody: null });
    expect(row.members.map((m) => [m.name, m.honoreeId])).toEqual([
      ['张三', zhang.id],
      ['李四', null],
      ['王五', null],
    ]);

    const file = await chat.say(STAFF, '档案 LM00001');
    expect(file).toContain('示例供电所变电运维班 2021 市级工人先锋号');
    // A file that is not a member does not show the team.
    expect(await chat.say(STAFF, '档案 LM00002')).not.toContain('示例供电所变电运维班');
  });

  it('audits the new honour as a create and its members as an update from none', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例审计班 2021 市级工人先锋号 成员：张三、李四、王五');
    const row = await honourOf('示例审计班');
    const audit = await auditOf(row.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit.every((a) => a.actorLabel === `telegram:${STAFF.id}`)).toBe(true);
    expect(JSON.parse(audit[0].changes)).toMatchObject({ teamName: [null, '示例审计班'], category: [null, 'worker_pioneer'], year: [null, 2021] });
    expect(JSON.parse(audit[1].changes)).toEqual({ members: [[], ['张三', '李四', '王五']] });
  });

  it('adds only the new member when the same honour is typed again with one more name', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例补员班 2021 市级工人先锋号 成员：张三、李四、王五');
    const row = await honourOf('示例补员班');
    const auditBefore = (await auditOf(row.id)).length;
    const text = await chat.say(STAFF, '/team add 示例补员班 2021 市级工人先锋号 成员：张三、李四、王五、李丽华');
    expect(text).toContain('示例补员班 已有这项集体荣誉');
    expect(text).toContain('已是成员，未重复添加（3 人）：张三、李四、王五');
    expect(text).not.toContain('已登记集体荣誉');

    const after = await honourOf('示例补员班');
    expect(after.id).toBe(row.id);
    expect(after.members.map((m) => m.name)).toEqual(['张三', '李四', '王五', '李丽华']);
    expect(await t.db.collectiveHonour.count({ where: { teamName: '示例补员班' } })).toBe(1);
    // 李丽华 is not in the demo files: kept as a name only.
    expect(after.members[3].honoreeId).toBeNull();

    const audit = await auditOf(row.id);
    expect(audit).toHaveLength(auditBefore + 1);
    expect(JSON.parse(audit.at(-1)!.changes)).toEqual({ members: [['张三', '李四', '王五'], ['张三', '李四', '王五', '李丽华']] });
  });

  it('changes and audits nothing when the very same line comes again', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例重复班 2021 市级工人先锋号 成员：张三、李四、王五');
    const before = await counts();
    const text = await chat.say(STAFF, '集体荣誉 添加 示例重复班 2021 市级工人先锋号 成员：张三、李四');
    expect(text).toContain('没有新成员需要添加');
    expect(await counts()).toEqual(before);
  });

  it('fills in an awarding body typed later, audited before and after', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例颁奖班 2021 市级工人先锋号 成员：张三');
    const row = await honourOf('示例颁奖班');
    const text = await chat.say(STAFF, '集体荣誉 添加 示例颁奖班 2021 市级工人先锋号 示例市总工会');
    expect(text).toContain('2021 市级工人先锋号（示例市总工会）');
    expect((await honourOf('示例颁奖班')).awardingBody).toBe('示例市总工会');
    expect(JSON.parse((await auditOf(row.id)).at(-1)!.changes)).toEqual({ awardingBody: [null, '示例市总工会'] });
  });

  it('does not link a name that two files share', async () => {
    const second = await secondYangMing();
    const text = await chat.say(STAFF, '集体荣誉 添加 示例烟草站收购组 2019 县级五一劳动奖状 成员：杨明、周建国');
    expect(text).toContain('有两位或以上同名，未自动关联，只记姓名（1 人）：杨明');
    expect(text).toContain('已关联档案（1 人）：周建国（LM00015）');
    const row = await honourOf('示例烟草站收购组');
    expect(row).toMatchObject({ category: 'may_day_award', level: 'county', year: 2019 });
    expect(row.members.find((m) => m.name === '杨明')!.honoreeId).toBeNull();
    expect(await chat.say(STAFF, `档案 ${second.fileNo}`)).not.toContain('示例烟草站收购组');
  });

  it('records a team without members and says how to add them', async () => {
    const text = await chat.say(STAFF, '集体荣誉添加 示例无成员班 2024 省级工人先锋号');
    expect(text).toContain('已登记集体荣誉：示例无成员班 2024 省级工人先锋号');
    expect(text).toContain('集体荣誉 添加 示例无成员班 2024 省级工人先锋号 成员：');
    expect((await honourOf('示例无成员班')).members).toHaveLength(0);
  });

  it('lists all teams, newest first, with the count, and a number opens one', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例中心小学教研组 2026 县级工人先锋号 成员：赵秀英');
    await chat.say(STAFF, '集体荣誉 添加 示例列表班 2020 市级工人先锋号 成员：张三');
    const teams = await t.db.collectiveHonour.findMany({ distinct: ['teamName'], select: { teamName: true } });
    const replies = await chat.replies(STAFF, '集体荣誉');
    const last = replies.at(-1)!;
    expect(last.text).toContain(`共 ${teams.length} 个班组获得集体荣誉`);
    const labels = last.choices!.map((c) => c.label);
    expect(labels[0]).toBe('示例中心小学教研组 · 2026 县级工人先锋号');
    // Newest first: the years never go up down the list (other stories add their teams in any order).
    const years = labels.map((l) => Number(/ · (\d{4}) /.exec(l)![1]));
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const opened = await chat.say(STAFF, String(labels.indexOf('示例列表班 · 2020 市级工人先锋号') + 1));
    expect(opened).toContain('【集体荣誉】示例列表班');
    expect(opened).toContain('成员 1 人：张三（LM00001）');
  });

  it('finds teams by a fragment of the name: several as a list, one shown whole', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例变电检修班 2024 省级工人先锋号');
    await chat.say(STAFF, '集体荣誉 添加 示例变电运维班 2021 市级工人先锋号 示例市总工会 成员：张三');
    const several = await chat.replies(STAFF, '集体荣誉 示例变电');
    expect(several.at(-1)!.text).toContain('名称含「示例变电」的班组共 2 个');
    expect(several.at(-1)!.choices!.map((c) => c.label)).toEqual(['示例变电检修班 · 2024 省级工人先锋号', '示例变电运维班 · 2021 市级工人先锋号']);

    // 示例变电运维 and not 变电运维: another story's 示例供电所变电运维班 may be on file already.
    const one = await chat.say(STAFF, '/team 示例变电运维');
    expect(one).toContain('【集体荣誉】示例变电运维班');
    expect(one).toContain('· 2021 市级工人先锋号（示例市总工会）');
    expect(one).toContain('张三（LM00001）');

    expect(await chat.say(STAFF, '集体荣誉 不存在的班组')).toContain('没有找到名称含「不存在的班组」的班组');
  });

  it('shows a team holding several honours, each with its own members', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例多项班 2021 市级工人先锋号 成员：张三、李四、王五、李丽华');
    await chat.say(STAFF, '集体荣誉 添加 示例多项班 2023 省级五一劳动奖状 成员：普德华');
    await chat.say(STAFF, '集体荣誉 添加 示例多项二班 2022 县级工人先锋号');
    const text = await chat.say(STAFF, '集体荣誉 示例多项班');
    const lines = text.split('\n');
    const may = lines.findIndex((l) => l.includes('2023 省级五一劳动奖状'));
    const pioneer = lines.findIndex((l) => l.includes('2021 市级工人先锋号'));
    expect(may).toBeGreaterThan(0);
    expect(pioneer).toBeGreaterThan(may); // newest first
    expect(lines[may + 1]).toContain('成员 1 人：普德华（LM00005）');
    expect(lines[pioneer + 1]).toContain('成员 4 人');
    // In a list the team is one line, with its newest honour and how many it holds.
    const list = await chat.replies(STAFF, '集体荣誉 示例多项');
    expect(list.at(-1)!.choices!.map((c) => c.label)).toContain('示例多项班 · 2023 省级五一劳动奖状 等 2 项');
  });

  it('shows member names but no file numbers in a group chat', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例群聊班 2021 市级工人先锋号 成员：张三、李四');
    const group = await chat.say(STAFF, '集体荣誉 示例群聊班', { group: 'g-1' });
    expect(group).toContain('张三');
    expect(group).toContain('2021 市级工人先锋号');
    expect(group).not.toMatch(/LM\d{5}/);
    expect(group).toContain('群聊中只显示班组、荣誉和成员姓名');

    const added = await chat.say(STAFF, '集体荣誉 添加 示例县人民医院急诊科 2022 市级工人先锋号 成员：马丽华', { group: 'g-1' });
    expect(added).toContain('已关联档案（1 人）：马丽华');
    expect(added).not.toMatch(/LM\d{5}/);
    expect((await honourOf('示例县人民医院急诊科')).members[0].honoreeId).not.toBeNull();
  });

  it('speaks English to an English-speaking account', async () => {
    await chat.say(ADMIN, '/lang en');
    const text = await chat.say(ADMIN, '/team add Substation-Team 2019 national may day award members: 张三, Li-Si');
    expect(text).toContain('Recorded collective honour: Substation-Team 2019 national May Day award');
    expect(text).toContain('Linked to their files (1): 张三 (LM00001)');
    expect(text).toContain('No file, name kept only (1): Li-Si');
    expect(await chat.say(ADMIN, '/team add Substation-Team 2030 national may day award')).toContain('2030 has not come yet; the latest possible year is 2026');
  });

  it('refuses bad lines with the reason and an example, writing nothing', async () => {
    const before = await counts();
    const cases: [string, string][] = [
      ['集体荣誉 添加', '请在「添加」后写上班组名称'],
      ['集体荣誉 添加 2021 市级工人先锋号 成员：张三', '第一个词应是班组名称'],
      ['集体荣誉 添加 示例班 2021 市级先进集体', '没有认出集体荣誉类别'],
      ['集体荣誉 添加 示例班 2021 市级劳动模范', '「劳动模范」是个人荣誉'],
      ['集体荣誉 添加 示例班 2021 工人先锋号', '没有认出荣誉级别'],
      ['集体荣誉 添加 示例班 2027 市级工人先锋号', '2027 年还没有到，获得年份最晚是 2026 年'],
      ['集体荣誉 添加 示例班 市级工人先锋号', '没有认出获得年份（1950 年至 2026 年）'],
      ['集体荣誉 添加 示例班 2021 市级工人先锋号 张三 李四', '没看懂「张三 李四」'],
      ['集体荣誉 添加 示例班 2021 市级工人先锋号 成员：', '「成员」后面没有姓名'],
      ['/team add 示例班 2021 市级工人先锋号 成员：张三、李4', '成员姓名「李4」不对'],
    ];
    for (const [line, reason] of cases) {
      const text = await chat.say(STAFF, line);
      expect(text, line).toContain(reason);
      expect(text, line).toContain('例如');
    }
    expect(await counts()).toEqual(before);
  });

  it('lists at most 30 teams and says how many there are', async () => {
    // The newest team (the same line again changes nothing if another story recorded it already).
    await chat.say(STAFF, '集体荣誉 添加 示例中心小学教研组 2026 县级工人先锋号 成员：赵秀英');
    const total = (await t.db.collectiveHonour.findMany({ distinct: ['teamName'], select: { id: true } })).length;
    await t.db.collectiveHonour.createMany({
      data: Array.from({ length: 32 }, (_, i) => ({ teamName: `示例批量班${String(i).padStart(2, '0')}`, category: 'worker_pioneer', level: 'county', year: 1990 + i })),
    });
    const last = (await chat.replies(STAFF, '集体荣誉')).at(-1)!;
    expect(last.text).toContain(`共 ${total + 32} 个班组`);
    expect(last.text).toContain('只列出最近的 30 个');
    expect(last.choices).toHaveLength(30);
    const labels = last.choices!.map((c) => c.label);
    expect(labels[0]).toBe('示例中心小学教研组 · 2026 县级工人先锋号');
    // The oldest fall off the end: the batch's years are 1990 to 2021.
    expect(labels).toContain('示例批量班31 · 2021 县级工人先锋号');
    expect(labels.some((l) => l.startsWith('示例批量班00'))).toBe(false);
  });

  it('is for bound staff only', async () => {
    const before = await counts();
    expect(await chat.say(STRANGER, '集体荣誉 添加 示例班 2021 市级工人先锋号 成员：张三')).toContain('仅供工会工作人员使用');
    expect(await counts()).toEqual(before);
  });

  it('shows a team whose name starts with 添加, by the hint it gives and from a list', async () => {
    const recorded = await chat.say(STAFF, '集体荣誉 添加 添加剂车间 2021 市级工人先锋号 成员：张三');
    expect(recorded).toContain('已登记集体荣誉：添加剂车间 2021 市级工人先锋号');
    expect(recorded).toContain('查看该班组：集体荣誉 添加剂车间');
    // The hint, typed as given.
    const viewed = await chat.say(STAFF, '集体荣誉 添加剂车间');
    expect(viewed).toContain('【集体荣誉】添加剂车间');
    expect(viewed).toContain('成员 1 人：张三（LM00001）');

    await chat.say(STAFF, '集体荣誉 添加 添加剂包装班 2022 县级工人先锋号');
    const list = (await chat.replies(STAFF, '集体荣誉 添加剂')).at(-1)!;
    expect(list.choices!.map((c) => c.label)).toEqual(['添加剂包装班 · 2022 县级工人先锋号', '添加剂车间 · 2021 市级工人先锋号']);
    const picked = join(await chat.press(STAFF, list.choices![1].id));
    expect(picked).toContain('【集体荣誉】添加剂车间');
    expect(picked).toContain('· 2021 市级工人先锋号');

    // 添加 glued to a name in an add line is refused, not saved under a guessed team name.
    const before = await counts();
    const glued = await chat.say(STAFF, '集体荣誉 添加剂车间 2022 县级五一劳动奖状');
    expect(glued).toContain('「添加」和班组名称之间请空一格');
    expect(glued).toContain('例如');
    expect(await counts()).toEqual(before);
  });

  it('links a member to a file made later, or renamed to match, unless the name is shared', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例水厂化验班 2022 市级工人先锋号 成员：郝晚来、韦改名');
    const members = async (team = '示例水厂化验班') => Object.fromEntries((await honourOf(team)).members.map((m) => [m.name, m.honoreeId]));
    expect(await members()).toEqual({ 郝晚来: null, 韦改名: null });

    // A file made after the team (by 新增, an import or here directly) shows the team.
    const late = await t.db.$transaction((tx) => createHonoree(tx, { name: '郝晚来' }, null, 'LM'));
    expect((await members()).郝晚来).toBe(late.id);
    expect(await chat.say(STAFF, `档案 ${late.fileNo}`)).toContain('示例水厂化验班 2022 市级工人先锋号');

    // A name put right on an existing file links too.
    const renamed = await t.db.$transaction((tx) => createHonoree(tx, { name: '韦该名' }, null, 'LM'));
    expect((await members()).韦改名).toBeNull();
    expect(await chat.say(STAFF, `修改 ${renamed.fileNo} 姓名 韦改名`)).toContain('的姓名：韦改名');
    expect((await members()).韦改名).toBe(renamed.id);
    // Each link is audited as a change of the team, by whoever renamed the file.
    const team = (await honourOf('示例水厂化验班')).id;
    const links = (await auditOf(team)).filter((e) => e.changes.includes('"member:'));
    expect(links.map((e) => [e.actorLabel, e.action, JSON.parse(e.changes)])).toEqual([
      ['system', 'update', { 'member:郝晚来': [null, late.id] }],
      [`telegram:${STAFF.id}`, 'update', { 'member:韦改名': [null, renamed.id] }],
    ]);

    // 杨明 is left unlinked, two files having that name: a third one changes nothing.
    await secondYangMing();
    await chat.say(STAFF, '集体荣誉 添加 示例同名班 2022 县级工人先锋号 成员：杨明');
    expect((await members('示例同名班')).杨明).toBeNull();
    await t.db.$transaction((tx) => createHonoree(tx, { name: '杨明' }, null, 'LM'));
    expect((await members('示例同名班')).杨明).toBeNull();
  });
});
