import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/core/i18n.ts';
import { parseTeamArgs, parseTeamEntry, TEAM_LINE_ERRORS } from '../../src/features/collective/parse-team-line.ts';

const MAX = 2026;
const entry = (line: string) => {
  const r = parseTeamEntry(line, MAX);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.value;
};
const reason = (line: string) => {
  const r = parseTeamEntry(line, MAX);
  return r.ok ? 'accepted' : r.reason;
};

describe('parseTeamArgs: what follows 集体荣誉', () => {
  it('lists all teams when nothing follows, and searches by any other text', () => {
    expect(parseTeamArgs('', MAX)).toEqual({ ok: true, value: { kind: 'list' } });
    expect(parseTeamArgs('  变电 ', MAX)).toEqual({ ok: true, value: { kind: 'search', query: '变电' } });
    // A Latin word that merely starts with "add" is a search, not an add.
    expect(parseTeamArgs('address', MAX)).toEqual({ ok: true, value: { kind: 'search', query: 'address' } });
  });

  it('refuses an overlong search', () => {
    expect(parseTeamArgs('班'.repeat(51), MAX)).toMatchObject({ ok: false, reason: 'query_too_long', params: { max: 50 } });
  });

  it('reads the documented add line in Chinese, 添加 followed by a space', () => {
    const expected = {
      kind: 'add',
      entry: { teamName: '示例供电所变电运维班', honour: { category: 'worker_pioneer', level: 'municipal', year: 2021 }, members: ['张三', '李四', '王五'] },
    };
    expect(parseTeamArgs('添加 示例供电所变电运维班 2021 市级工人先锋号 成员：张三、李四、王五', MAX)).toEqual({ ok: true, value: expected });
    expect(parseTeamArgs('添加\u3000示例供电所变电运维班 2021 市级工人先锋号 成员：张三、李四、王五', MAX)).toEqual({ ok: true, value: expected });
  });

  it('reads a team name starting with 添加 as a name, so the team can be viewed as it can be recorded', () => {
    expect(parseTeamArgs('添加剂车间', MAX)).toEqual({ ok: true, value: { kind: 'search', query: '添加剂车间' } });
    expect(parseTeamArgs('添加剂', MAX)).toEqual({ ok: true, value: { kind: 'search', query: '添加剂' } });
    expect(parseTeamArgs('添加 添加剂车间 2021 市级工人先锋号', MAX)).toEqual({
      ok: true,
      value: { kind: 'add', entry: { teamName: '添加剂车间', honour: { category: 'worker_pioneer', level: 'municipal', year: 2021 }, members: [] } },
    });
  });

  it('refuses 添加 glued to the team name in an add line instead of guessing where the name starts', () => {
    // 剂车间 or 添加剂车间? Either reading could be wrong: ask for the space.
    expect(parseTeamArgs('添加示例供电所变电运维班 2021 市级工人先锋号 成员：张三、李四、王五', MAX)).toMatchObject({ ok: false, reason: 'add_space' });
    expect(parseTeamArgs('添加剂车间 2021 市级工人先锋号', MAX)).toMatchObject({ ok: false, reason: 'add_space' });
  });

  it('refuses a team named only 添加 or add, which could never be viewed', () => {
    expect(parseTeamArgs('添加 添加 2021 市级工人先锋号', MAX)).toMatchObject({ ok: false, reason: 'team_missing' });
    expect(parseTeamArgs('add ADD 2021 municipal worker pioneer', MAX)).toMatchObject({ ok: false, reason: 'team_missing' });
  });

  it('reads the slash form in English', () => {
    const r = parseTeamArgs('add Substation-Team 2019 national may day award members: 张三, 李四', MAX);
    expect(r).toEqual({
      ok: true,
      value: { kind: 'add', entry: { teamName: 'Substation-Team', honour: { category: 'may_day_award', level: 'national', year: 2019 }, members: ['张三', '李四'] } },
    });
  });

  it('refuses 添加 with nothing after it', () => {
    expect(parseTeamArgs('添加', MAX)).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseTeamArgs('add   ', MAX)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('parseTeamEntry: one team honour and its members', () => {
  it('accepts year, level and category glued together, and 成员 glued to the honour', () => {
    expect(entry('示例班 2021年市级工人先锋号成员：张三，李四 王五')).toEqual({
      teamName: '示例班',
      honour: { category: 'worker_pioneer', level: 'municipal', year: 2021 },
      members: ['张三', '李四', '王五'],
    });
  });

  it('takes one leftover word as the awarding body, in any order', () => {
    expect(entry('示例班 全国五一劳动奖状 2019年 中华全国总工会').honour).toEqual({
      category: 'may_day_award',
      level: 'national',
      year: 2019,
      awardingBody: '中华全国总工会',
    });
    expect(entry('示例班 示例县总工会 县级 先锋号 2020').honour).toEqual({ category: 'worker_pioneer', level: 'county', year: 2020, awardingBody: '示例县总工会' });
  });

  it('reads the level next to the category, not the 市 inside the awarding body', () => {
    expect(entry('示例班 2020 县级工人先锋号 示例市总工会').honour.level).toBe('county');
  });

  it('has no members when no 成员 part is given, and drops names typed twice', () => {
    expect(entry('示例班 2021 市级工人先锋号').members).toEqual([]);
    expect(entry('示例班 2021 市级工人先锋号 成员: 张三、张三、李四。').members).toEqual(['张三', '李四']);
  });

  it('keeps names with the middle dot of transliterated names', () => {
    expect(entry('示例班 2021 市级工人先锋号 成员：阿依古丽·买买提、张三').members).toEqual(['阿依古丽·买买提', '张三']);
  });

  it('lets a team name contain 成员 and trailing punctuation', () => {
    const e = entry('示例成员服务班， 2021 市级工人先锋号');
    expect(e.teamName).toBe('示例成员服务班');
    expect(e.members).toEqual([]);
  });

  it('refuses a line without a team name', () => {
    expect(reason('2021 市级工人先锋号 成员：张三')).toBe('team_missing');
    expect(reason('市级 工人先锋号 2021')).toBe('team_missing');
    expect(reason('工人先锋号 2021 市级')).toBe('team_missing');
    expect(reason('成员：张三、李四')).toBe('team_missing');
    expect(reason(`${'班'.repeat(51)} 2021 市级工人先锋号`)).toBe('team_too_long');
  });

  it('refuses an unknown honour kind, and points individual honours to the person', () => {
    expect(reason('示例班 2021 市级先进集体')).toBe('category');
    expect(reason('示例班')).toBe('category');
    expect(parseTeamEntry('示例班 2021 市级劳动模范', MAX)).toEqual({ ok: false, reason: 'individual', params: { word: '劳动模范' } });
    expect(reason('示例班 2021 省级五一劳动奖章')).toBe('individual');
  });

  it('refuses a missing level', () => {
    expect(reason('示例班 2021 工人先锋号')).toBe('level');
    // A level hidden inside another word is not guessed.
    expect(reason('示例班 2021 工人先锋号 示例市总工会')).toBe('level');
  });

  it('refuses a missing, too early or future year', () => {
    expect(reason('示例班 市级工人先锋号')).toBe('year');
    expect(reason('示例班 1949 市级工人先锋号')).toBe('year');
    expect(parseTeamEntry('示例班 2027 市级工人先锋号', MAX)).toEqual({ ok: false, reason: 'year_future', params: { year: 2027, max: 2026 } });
    expect(reason('示例班 2026 市级工人先锋号')).toBe('accepted');
  });

  it('refuses leftover words that are not one awarding body (members without 成员)', () => {
    expect(parseTeamEntry('示例班 2021 市级工人先锋号 张三 李四', MAX)).toEqual({ ok: false, reason: 'extra', params: { text: '张三 李四' } });
    expect(reason('示例班 2021 市级工人先锋号 2019')).toBe('extra');
    expect(reason(`示例班 2021 市级工人先锋号 ${'会'.repeat(61)}`)).toBe('awarding_body_too_long');
  });

  it('refuses an empty member list and names that are not names', () => {
    expect(reason('示例班 2021 市级工人先锋号 成员：')).toBe('members_empty');
    expect(reason('示例班 2021 市级工人先锋号 成员：、，')).toBe('members_empty');
    expect(parseTeamEntry('示例班 2021 市级工人先锋号 成员：张三、李4', MAX)).toMatchObject({ ok: false, reason: 'member_name', params: { name: '李4' } });
    expect(reason(`示例班 2021 市级工人先锋号 成员：${'张'.repeat(31)}`)).toBe('member_name');
  });
});

describe('refusal messages', () => {
  it('exist in both languages for every reason the parser gives, with an example', () => {
    const catalogs = loadCatalogs();
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const reason of TEAM_LINE_ERRORS) {
        const text = catalogs[locale].get(`collective.invalid.${reason}`);
        expect(text, `${locale} ${reason}`).toBeDefined();
        expect(text, `${locale} ${reason}`).toMatch(locale === 'en' ? /e\.g\./ : /例如/);
      }
    }
  });
});
