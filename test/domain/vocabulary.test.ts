import { describe, expect, it } from 'vitest';
import { parseHonourText } from '../../src/domain/vocabulary.ts';

describe('reading an honour as staff type it', () => {
  it.each([
    ['2018 省级劳动模范', { category: 'model_worker', level: 'provincial', year: 2018 }],
    // As rosters write it: the year against the honour, in brackets, 年度, full-width digits.
    ['2018年省级劳动模范', { category: 'model_worker', level: 'provincial', year: 2018 }],
    ['省级劳动模范（2018年）', { category: 'model_worker', level: 'provincial', year: 2018 }],
    ['2015年度全国劳动模范', { category: 'model_worker', level: 'national', year: 2015 }],
    ['２０１８ 省级劳动模范', { category: 'model_worker', level: 'provincial', year: 2018 }],
    ['2018年 省级 劳动模范 示例省人民政府', { category: 'model_worker', level: 'provincial', year: 2018, awardingBody: '示例省人民政府' }],
    ['2020 全国劳动模范 中华全国总工会', { category: 'model_worker', level: 'national', year: 2020, awardingBody: '中华全国总工会' }],
    ['2018 云南省劳动模范 云南省人民政府', { category: 'model_worker', level: 'provincial', year: 2018, awardingBody: '云南省人民政府' }],
    ['市级 工匠 2021 昆明市总工会', { category: 'craftsman', level: 'municipal', year: 2021, awardingBody: '昆明市总工会' }],
    ['2023 石林县工匠', { category: 'craftsman', level: 'county', year: 2023 }],
    ['2024 市级名匠', { category: 'master_craftsman', level: 'municipal', year: 2024 }],
    ['2019 省级五一劳动奖章', { category: 'may_day_medal', level: 'provincial', year: 2019 }],
    ['2015 provincial model worker', { category: 'model_worker', level: 'provincial', year: 2015 }],
  ])('%s', (text, expected) => {
    expect(parseHonourText(text, 2026)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2018 省级 好人', 'category'],
    ['2018 劳动模范 示例单位', 'level'],
    ['省级劳动模范', 'year'],
    ['2030 省级劳动模范', 'year'],
    ['1949 省级劳动模范', 'year'],
  ])('refuses %s (%s)', (text, reason) => {
    expect(parseHonourText(text, 2026)).toEqual({ ok: false, reason });
  });
});
