import { describe, it, expect } from 'vitest';
import { maskPhone, maskIdNumber, mayHoldPhoneOrId, phoneLast4, normalisePhone } from '../../src/domain/mask.ts';
import { makeIdNumber } from '../../src/domain/id-number.ts';

describe('maskPhone', () => {
  it('masks the middle of a mobile', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138 1234 1234')).toBe('138****1234');
  });

  it('keeps only the last 4 of anything else', () => {
    expect(maskPhone('0871-67891234')).toBe('*********1234');
    expect(maskPhone('12345')).toBe('*2345');
    expect(maskPhone('1234')).toBe('1234');
    expect(maskPhone('12')).toBe('12');
    expect(maskPhone('')).toBe('');
    expect(maskPhone('   ')).toBe('');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first and last 4', () => {
    const id = makeIdNumber('990101', '1980-01-01', '009');
    expect(id).toBe('99010119800101009X');
    expect(maskIdNumber(id)).toBe('9901**********009X');
    expect(maskIdNumber(' 99010119800101009x ')).toBe('9901**********009X');
  });

  it('never shows short values whole', () => {
    expect(maskIdNumber('123456789')).toBe('1234*6789');
    expect(maskIdNumber('12345678')).toBe('****5678');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('phoneLast4', () => {
  it('takes the last 4 digits', () => {
    expect(phoneLast4('13812341234')).toBe('1234');
    expect(phoneLast4('0871-6789-5678')).toBe('5678');
    expect(phoneLast4('12-34')).toBe('1234');
  });

  it('is null with fewer than 4 digits', () => {
    expect(phoneLast4('123')).toBeNull();
    expect(phoneLast4('abc-12')).toBeNull();
    expect(phoneLast4('')).toBeNull();
  });
});

describe('normalisePhone', () => {
  it('reads mobiles typed in many ways', () => {
    for (const raw of ['13812341234', '138 1234 1234', '138-1234-1234', '+8613812341234', '+86 138 1234 1234',
      '8613812341234', '008613812341234', '１３８１２３４１２３４']) {
      expect(normalisePhone(raw), raw).toEqual({ ok: true, value: '13812341234' });
    }
    expect(normalisePhone('19912341234')).toEqual({ ok: true, value: '19912341234' });
  });

  it('reads landlines, putting the dash after the area code', () => {
    expect(normalisePhone('0871-67891234')).toEqual({ ok: true, value: '0871-67891234' });
    expect(normalisePhone('087167891234')).toEqual({ ok: true, value: '0871-67891234' });
    expect(normalisePhone('(0871) 6789 1234')).toEqual({ ok: true, value: '0871-67891234' });
    expect(normalisePhone('0871-6789123')).toEqual({ ok: true, value: '0871-6789123' });
    expect(normalisePhone('01067891234')).toEqual({ ok: true, value: '010-67891234' });
    expect(normalisePhone('021-67891234')).toEqual({ ok: true, value: '021-67891234' });
    expect(normalisePhone('+86 871 6789 1234')).toEqual({ ok: true, value: '0871-67891234' });
  });

  it('refuses other input', () => {
    for (const raw of ['', '1381234123', '138123412345', '12812341234', '23812341234', '+1 415 555 0100',
      '0871-0789123', '0871-678912345', '0871-67891', 'abc', '138****1234', '13812341234 ext 5', '8823812341234']) {
      expect(normalisePhone(raw), raw).toEqual({ ok: false });
    }
  });
});

describe('mayHoldPhoneOrId', () => {
  it('is true from 7 digits on, however they are written', () => {
    for (const s of ['13812341234', '99900119680512001X', '6789123', '0871-6789 1234', '张三１３８１２３４１２３４', '+86 138 1234 1234']) {
      expect(mayHoldPhoneOrId(s), s).toBe(true);
    }
  });

  it('is false for names, file numbers and phone endings', () => {
    for (const s of ['张三', 'zs', 'LM00012', 'SL-23-001', '1740', '']) expect(mayHoldPhoneOrId(s), s).toBe(false);
  });
});
