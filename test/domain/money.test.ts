import { describe, it, expect } from 'vitest';
import { parseYuan, formatFen, formatFenEn, MAX_FEN } from '../../src/domain/money.ts';

const fen = (n: number) => ({ ok: true, fen: n });

describe('parseYuan', () => {
  it('reads plain amounts and units', () => {
    expect(parseYuan('500')).toEqual(fen(50000));
    expect(parseYuan('500元')).toEqual(fen(50000));
    expect(parseYuan('500.5元')).toEqual(fen(50050));
    expect(parseYuan('500.05')).toEqual(fen(50005));
    expect(parseYuan('1200块')).toEqual(fen(120000));
    expect(parseYuan('1200块钱')).toEqual(fen(120000));
    expect(parseYuan('0')).toEqual(fen(0));
    expect(parseYuan(' 500 元 ')).toEqual(fen(50000));
    expect(parseYuan('¥ 1,200')).toEqual(fen(120000));
  });

  it('reads currency signs and thousands separators', () => {
    expect(parseYuan('￥500')).toEqual(fen(50000)); // full-width sign
    expect(parseYuan('¥500')).toEqual(fen(50000));
    expect(parseYuan('¥1,200.50')).toEqual(fen(120050));
    expect(parseYuan('1,234,567元')).toEqual(fen(123456700));
    expect(parseYuan('１２００元')).toEqual(fen(120000)); // full-width digits
  });

  it('reads 万 as ten thousand', () => {
    expect(parseYuan('0.5万')).toEqual(fen(500000));
    expect(parseYuan('2万元')).toEqual(fen(2000000));
    expect(parseYuan('1.2345万')).toEqual(fen(1234500));
    expect(parseYuan('1.000001万')).toEqual(fen(1000001));
    expect(parseYuan('1000万')).toEqual(fen(MAX_FEN));
  });

  it('never goes through floating point', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseYuan('0.29')).toEqual(fen(29));
    expect(parseYuan('1.15')).toEqual(fen(115));
    expect(parseYuan('0.07万')).toEqual(fen(70000));
  });

  it('refuses more than 2 decimals (6 with 万)', () => {
    expect(parseYuan('1.005')).toEqual({ ok: false, reason: 'format' });
    expect(parseYuan('1.005元')).toEqual({ ok: false, reason: 'format' });
    expect(parseYuan('1.0000001万')).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses other shapes', () => {
    for (const text of ['', '元', 'abc', '500 600', '5 00', '1, 200', '1 .5', '5O0', '1,20', '12,00.5', '1.2.3', '500.', '.5', '--5', '5元元', '五百', '500$']) {
      expect(parseYuan(text), text).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('reports negative amounts', () => {
    expect(parseYuan('-500')).toEqual({ ok: false, reason: 'negative' });
    expect(parseYuan('¥-1.5')).toEqual({ ok: false, reason: 'negative' });
    expect(parseYuan('-¥1,200')).toEqual({ ok: false, reason: 'negative' });
    expect(parseYuan('−2万')).toEqual({ ok: false, reason: 'negative' });
  });

  it('reports amounts over 10,000,000 yuan', () => {
    expect(parseYuan('10000000')).toEqual(fen(1_000_000_000));
    expect(parseYuan('10000000.01')).toEqual({ ok: false, reason: 'too_large' });
    expect(parseYuan('1000.0001万')).toEqual({ ok: false, reason: 'too_large' });
    expect(MAX_FEN).toBeLessThan(2 ** 31); // fits the INTEGER columns of both databases
    expect(parseYuan('99999999999999999999999999')).toEqual({ ok: false, reason: 'too_large' });
    expect(parseYuan('1' + '0'.repeat(400))).toEqual({ ok: false, reason: 'too_large' });
  });
});

describe('formatFen', () => {
  it('shows yuan with separators, dropping .00', () => {
    expect(formatFen(50000)).toBe('500元');
    expect(formatFen(50050)).toBe('500.50元');
    expect(formatFen(50005)).toBe('500.05元');
    expect(formatFen(120000)).toBe('1,200元');
    expect(formatFen(123456789)).toBe('1,234,567.89元');
    expect(formatFen(0)).toBe('0元');
    expect(formatFen(7)).toBe('0.07元');
    expect(formatFen(-50000)).toBe('-500元');
    expect(formatFen(MAX_FEN)).toBe('10,000,000元');
  });

  it('refuses fractions of a fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips with parseYuan', () => {
    for (const n of [0, 1, 99, 100, 50050, 120000, 987654321]) {
      expect(parseYuan(formatFen(n))).toEqual(fen(n));
      expect(parseYuan(formatFenEn(n))).toEqual(fen(n));
    }
  });
});

describe('formatFenEn', () => {
  it('shows ¥ before the amount', () => {
    expect(formatFenEn(50000)).toBe('¥500');
    expect(formatFenEn(50050)).toBe('¥500.50');
    expect(formatFenEn(120000)).toBe('¥1,200');
    expect(formatFenEn(-50000)).toBe('-¥500');
  });
});
