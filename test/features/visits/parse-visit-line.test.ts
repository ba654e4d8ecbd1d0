import { describe, expect, it } from 'vitest';
import { MAX_NOTES, parseVisitLine, type LineResult } from '../../../src/features/visits/parse-visit-line.ts';

const TODAY = '2026-11-23';
const parse = (text: string) => parseVisitLine(text, TODAY);

function line(text: string) {
  const r = parse(text);
  if (!r.ok) throw new Error(`expected ${text} to parse, got ${r.error.key}`);
  return r.line;
}

const errorKey = (r: LineResult) => (r.ok ? 'ok' : r.error.key);

describe('parseVisitLine', () => {
  it('reads person, kind, money and notes, with today as the default date', () => {
    expect(line('张三 电话 慰问金500元 身体恢复良好')).toEqual({
      who: '张三',
      rest: '电话 慰问金500元 身体恢复良好',
      restDated: `${TODAY} 电话 慰问金500元 身体恢复良好`,
      kind: 'phone',
      date: TODAY,
      moneyFen: 50000,
      notes: '身体恢复良好',
    });
  });

  it('reads a file number, a date word and gifts', () => {
    expect(line('LM00012 上门 昨天 500元 礼品:米一袋、油一桶 精神很好')).toEqual({
      who: 'LM00012',
      rest: '上门 2026-11-22 500元 礼品:米一袋、油一桶 精神很好',
      restDated: '上门 2026-11-22 500元 礼品:米一袋、油一桶 精神很好',
      kind: 'in_person',
      date: '2026-11-22',
      moneyFen: 50000,
      gifts: '米一袋、油一桶',
      notes: '精神很好',
    });
  });

  it('takes the parts in any order; the person is the first plain word', () => {
    const l = line('500.5元 前天 探病 zs 住院 观察');
    expect(l).toMatchObject({ who: 'zs', kind: 'hospital', date: '2026-11-21', moneyFen: 50050, notes: '住院 观察' });
    expect(l.rest).toBe('500.5元 2026-11-21 探病 住院 观察');
  });

  it('writes the date out in what is kept for later, so a later day reads the same date', () => {
    const later = (rest: string) => line(`LM00012 ${rest}`); // read again two days on: as the engine would
    const reRead = (rest: string) => {
      const r = parseVisitLine(`LM00012 ${rest}`, '2026-11-25');
      if (!r.ok) throw new Error(r.error.key);
      return r.line.date;
    };
    expect(line('张三 电话 昨天 慰问金200元')).toMatchObject({ rest: '电话 2026-11-22 慰问金200元', restDated: '电话 2026-11-22 慰问金200元' });
    expect(line('张三 前天 电话')).toMatchObject({ rest: '2026-11-21 电话', restDated: '2026-11-21 电话' });
    expect(line('张三 今天 电话').restDated).toBe(`${TODAY} 电话`);
    // No date: today, put first so that a bare 礼品: at the end does not take it as the gifts.
    expect(line('张三 电话 礼品:')).toMatchObject({ rest: '电话 礼品:', restDated: `${TODAY} 电话 礼品:` });
    // Two words for the same day become one date.
    expect(line('张三 昨天 电话 2026-11-22').restDated).toBe('2026-11-22 电话');
    for (const typed of ['张三 电话 昨天', '张三 电话 前天', '张三 电话', '张三 电话 11月20日', '张三 yesterday phone']) {
      const first = line(typed);
      expect(reRead(first.restDated), typed).toBe(first.date);
      expect(later(first.restDated)).toMatchObject({ date: first.date, kind: first.kind });
    }
  });

  it('stores money as exact fen, with full-width digits and 万', () => {
    expect(line('张三 电话 500.5元').moneyFen).toBe(50050);
    expect(line('张三 电话 0.29元').moneyFen).toBe(29);
    expect(line('张三 电话 ５００元').moneyFen).toBe(50000);
    expect(line('张三 电话 ￥1,200').moneyFen).toBe(120000);
    expect(line('张三 电话 0.5万').moneyFen).toBe(500000);
    expect(line('张三 电话 慰问金 300').moneyFen).toBe(30000);
    expect(line('张三 电话').moneyFen).toBe(0);
  });

  it('reads a plain number as the amount only when no amount with a unit is given', () => {
    expect(line('张三 电话 500 身体好').moneyFen).toBe(50000);
    expect(line('张三 电话 500元 住院 3 天')).toMatchObject({ moneyFen: 50000, notes: '住院 3 天' });
    expect(errorKey(parse('张三 电话 3 5'))).toBe('visits.invalid.two_amounts');
    expect(errorKey(parse('张三 电话 500元 慰问金300元'))).toBe('visits.invalid.two_amounts');
  });

  it('refuses amounts that cannot be right, naming the word', () => {
    const negative = parse('张三 电话 -5元');
    expect(negative).toEqual({ ok: false, error: { key: 'visits.invalid.money_negative', params: { token: '-5元' } } });
    expect(errorKey(parse('张三 电话 abc元'))).toBe('visits.invalid.money_format');
    expect(errorKey(parse('张三 电话 五百元'))).toBe('visits.invalid.money_format');
    expect(errorKey(parse('张三 电话 慰问金abc'))).toBe('visits.invalid.money_format');
    expect(errorKey(parse('张三 电话 1.005元'))).toBe('visits.invalid.money_format');
    expect(errorKey(parse('张三 电话 200000000元'))).toBe('visits.invalid.money_too_large');
    expect(parse('张三 电话 慰问金')).toMatchObject({ ok: false, error: { key: 'visits.invalid.money_format', params: { token: '慰问金' } } });
  });

  it('refuses an amount glued to other words rather than keeping it as notes and the visit as unpaid', () => {
    for (const token of ['500元慰问金', '发放慰问金500元', '现金1,000元']) {
      expect(parse(`张三 上门 ${token}`)).toEqual({ ok: false, error: { key: 'visits.invalid.money_in_word', params: { token } } });
    }
    // A flat number, or cakes counted, are notes.
    expect(line('张三 上门 2号楼5单元 蛋糕2块').notes).toBe('2号楼5单元 蛋糕2块');
  });

  it('reads a plain number that is a file number on record as the person', () => {
    const r = parseVisitLine('1037 电话 200', TODAY, new Set(['1037']));
    expect(r.ok && [r.line.who, r.line.moneyFen]).toEqual(['1037', 20000]);
    // Not a file number: the amount, as before.
    expect(line('张三 电话 1037').moneyFen).toBe(103700);
  });

  it('asks whether 11.20 is a date or an amount instead of guessing', () => {
    expect(parse('张三 电话 11.20')).toEqual({ ok: false, error: { key: 'visits.invalid.date_or_money', params: { token: '11.20' } } });
    expect(line('张三 电话 11.20元').moneyFen).toBe(1120);
    expect(line('张三 电话 13.5').moneyFen).toBe(1350);
  });

  it('keeps words that only end like money in the notes', () => {
    expect(line('张三 上门 住在3单元 慰问金已发放')).toMatchObject({ moneyFen: 0, notes: '住在3单元 慰问金已发放' });
  });

  it('refuses impossible and future dates', () => {
    expect(parse('张三 电话 2026-02-30')).toEqual({ ok: false, error: { key: 'visits.invalid.date_impossible', params: { token: '2026-02-30', today: TODAY } } });
    expect(errorKey(parse('张三 电话 2026-11-24'))).toBe('visits.invalid.date_future');
    expect(errorKey(parse('张三 电话 11月30日'))).toBe('visits.invalid.date_future');
    expect(errorKey(parse('张三 电话 明天'))).toBe('visits.invalid.date_future');
    expect(errorKey(parse('zs phone Tomorrow'))).toBe('visits.invalid.date_future');
    expect(line('张三 电话 2026年11月20日').date).toBe('2026-11-20');
    expect(line('张三 电话 11-20').date).toBe('2026-11-20');
    expect(line('张三 电话 今天').date).toBe(TODAY);
  });

  it('refuses dates before 2000-01-01, naming the earliest day taken', () => {
    expect(parse('张三 电话 1999-12-31')).toEqual({
      ok: false,
      error: { key: 'visits.invalid.date_too_early', params: { token: '1999-12-31', earliest: '2000-01-01' } },
    });
    expect(errorKey(parse('张三 电话 1900年1月1日'))).toBe('visits.invalid.date_too_early');
    expect(line('张三 电话 2000-01-01').date).toBe('2000-01-01');
  });

  it('refuses two different dates or kinds, but not the same one twice', () => {
    expect(errorKey(parse('张三 电话 昨天 前天'))).toBe('visits.invalid.two_dates');
    expect(line('张三 电话 昨天 2026-11-22').date).toBe('2026-11-22');
    expect(parse('张三 电话 上门')).toEqual({ ok: false, error: { key: 'visits.invalid.two_kinds', params: { first: '电话', second: '上门' } } });
    expect(line('张三 电话 phone').kind).toBe('phone');
  });

  it('knows every kind word, including the labels the bot prints and English', () => {
    expect(line('张三 慰问信').kind).toBe('letter');
    expect(line('张三 上门走访').kind).toBe('in_person');
    expect(line('张三 电话慰问').kind).toBe('phone');
    expect(line('zhangsan In Person yesterday 200 gifts:fruit doing well')).toMatchObject({
      who: 'zhangsan',
      kind: 'in_person',
      date: '2026-11-22',
      moneyFen: 20000,
      gifts: 'fruit',
      notes: 'doing well',
    });
  });

  it('leaves missing parts undefined so they can be asked for', () => {
    expect(line('张三 500元')).not.toHaveProperty('kind');
    expect(line('电话 500元')).toEqual({ rest: '电话 500元', restDated: `${TODAY} 电话 500元`, kind: 'phone', date: TODAY, moneyFen: 50000 });
    expect(line('')).toEqual({ rest: '', restDated: TODAY, date: TODAY, moneyFen: 0 });
    // A number is never taken for the person: it is an amount (phone tails are for 查询).
    expect(line('1234 电话')).toMatchObject({ moneyFen: 123400 });
    expect(line('1234 电话')).not.toHaveProperty('who');
  });

  it('reads gifts after 礼品: 礼品： or 慰问品:, with or without a space, joining several', () => {
    expect(line('张三 上门 礼品： 米一袋').gifts).toBe('米一袋');
    expect(line('张三 上门 慰问品:油一桶 礼品:米一袋').gifts).toBe('油一桶、米一袋');
    expect(line('张三 上门 礼品:')).not.toHaveProperty('gifts');
  });

  it('limits notes and gifts', () => {
    expect(line(`张三 电话 ${'好'.repeat(MAX_NOTES)}`).notes).toHaveLength(MAX_NOTES);
    expect(parse(`张三 电话 ${'好'.repeat(MAX_NOTES + 1)}`)).toEqual({
      ok: false,
      error: { key: 'visits.invalid.notes_too_long', params: { length: MAX_NOTES + 1, max: MAX_NOTES } },
    });
    expect(errorKey(parse(`张三 电话 礼品:${'米'.repeat(201)}`))).toBe('visits.invalid.gifts_too_long');
  });
});
