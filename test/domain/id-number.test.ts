import { describe, it, expect } from 'vitest';
import { idCheckDigit, checkIdNumber, makeIdNumber } from '../../src/domain/id-number.ts';

// Region 99xxxx is not assigned to any place, so none of these can be a real person's number.
// Expected check digits below were computed separately (by hand-rolled MOD 11-2 in another language).

describe('idCheckDigit', () => {
  it('computes digits and X', () => {
    expect(idCheckDigit('99010119800101000')).toBe('6');
    expect(idCheckDigit('99010119800101001')).toBe('4');
    expect(idCheckDigit('99010119800101003')).toBe('0');
    expect(idCheckDigit('99010119800101009')).toBe('X');
    expect(idCheckDigit('99010119800101017')).toBe('X');
    expect(idCheckDigit('99020220000229002')).toBe('1');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idCheckDigit('9901011980010100')).toThrow(RangeError);
    expect(() => idCheckDigit('990101198001010001')).toThrow(RangeError);
    expect(() => idCheckDigit('9901011980010100A')).toThrow(RangeError);
  });
});

describe('makeIdNumber', () => {
  it('builds a valid number', () => {
    expect(makeIdNumber('990101', '1980-01-01', '009')).toBe('99010119800101009X');
    expect(makeIdNumber('990202', '2000-02-29', '002')).toBe('990202200002290021');
  });

  it('round-trips through checkIdNumber', () => {
    const id = makeIdNumber('990303', '1954-12-31', '013');
    expect(checkIdNumber(id)).toEqual({ ok: true, value: id, birthDate: '1954-12-31', gender: 'male' });
  });

  it('refuses bad parts', () => {
    expect(() => makeIdNumber('99010', '1980-01-01', '001')).toThrow(RangeError);
    expect(() => makeIdNumber('990101', '1981-02-29', '001')).toThrow(RangeError);
    expect(() => makeIdNumber('990101', '1899-12-31', '001')).toThrow(RangeError);
    expect(() => makeIdNumber('990101', '1980-01-01', '1')).toThrow(RangeError);
  });
});

describe('checkIdNumber', () => {
  it('accepts a valid number: odd 17th digit is male, even is female', () => {
    expect(checkIdNumber('990101198001010014')).toEqual({
      ok: true, value: '990101198001010014', birthDate: '1980-01-01', gender: 'male',
    });
    expect(checkIdNumber('990202200002290021')).toEqual({
      ok: true, value: '990202200002290021', birthDate: '2000-02-29', gender: 'female',
    });
  });

  it('normalises lower-case x, surrounding and inner spaces, full-width digits', () => {
    const expected = { ok: true, value: '99010119800101009X', birthDate: '1980-01-01', gender: 'male' };
    expect(checkIdNumber(' 99010119800101009x ')).toEqual(expected);
    expect(checkIdNumber('990101 19800101 009X')).toEqual(expected);
    expect(checkIdNumber('９９０１０１１９８００１０１００９Ｘ')).toEqual(expected);
  });

  it('reports wrong length', () => {
    expect(checkIdNumber('')).toEqual({ ok: false, reason: 'length' });
    expect(checkIdNumber('99010119800101001')).toEqual({ ok: false, reason: 'length' });
    expect(checkIdNumber('9901011980010100144')).toEqual({ ok: false, reason: 'length' });
  });

  it('reports bad characters, including X anywhere but last', () => {
    expect(checkIdNumber('99010119800101001A')).toEqual({ ok: false, reason: 'characters' });
    expect(checkIdNumber('9901011980010100X4')).toEqual({ ok: false, reason: 'characters' });
    expect(checkIdNumber('99010119800101-014')).toEqual({ ok: false, reason: 'characters' });
  });

  it('reports impossible birth dates', () => {
    // Feb 29 only exists in leap years; 1900 was not one.
    expect(checkIdNumber(makeIdNumberUnchecked('990101', '19810229', '001'))).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkIdNumber(makeIdNumberUnchecked('990101', '19000229', '001'))).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkIdNumber(makeIdNumberUnchecked('990101', '19801301', '001'))).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkIdNumber(makeIdNumberUnchecked('990101', '18991231', '001'))).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkIdNumber(makeIdNumber('990101', '1900-01-01', '001')).ok).toBe(true);
  });

  it('reports a wrong check digit', () => {
    expect(checkIdNumber('990101198001010015')).toEqual({ ok: false, reason: 'check_digit' });
    expect(checkIdNumber('990101198001010094')).toEqual({ ok: false, reason: 'check_digit' });
    // X where a digit belongs, and a digit where X belongs
    expect(checkIdNumber('99010119800101001X')).toEqual({ ok: false, reason: 'check_digit' });
    expect(checkIdNumber('990101198001010090')).toEqual({ ok: false, reason: 'check_digit' });
  });

  it('reports a birth date after the given today, and accepts one born today', () => {
    const tomorrow = makeIdNumber('990101', '2026-11-24', '002');
    expect(checkIdNumber(tomorrow, '2026-11-23')).toEqual({ ok: false, reason: 'future' });
    expect(checkIdNumber(tomorrow, '2026-11-24').ok).toBe(true);
    // Without a clock the date is not judged: the caller says what today is.
    expect(checkIdNumber(tomorrow).ok).toBe(true);
  });

  it('catches two swapped digits', () => {
    // MOD 11-2 exists to catch transpositions; 0014 → 0104 with the old check digit must fail.
    expect(checkIdNumber('990101198001010104')).toEqual({ ok: false, reason: 'check_digit' });
  });
});

/** An ID number with a correct check digit but an unchecked birth date, to test birth-date errors alone. */
function makeIdNumberUnchecked(region6: string, yyyymmdd: string, seq3: string): string {
  const first17 = region6 + yyyymmdd + seq3;
  return first17 + idCheckDigit(first17);
}
