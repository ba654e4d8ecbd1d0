/**
 * Chinese resident identity card numbers (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd for men), 1 check character (0-9 or X).
 * Only the shape, birth date and check digit are verified: region codes change over time
 * and an old card keeps its old code, so a region table would reject real people.
 */
import { isRealDate } from './dates.ts';

/** ISO 7064 MOD 11-2 weights for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character by (weighted sum mod 11). */
const CHECK = '10X98765432';

/**
 * The check character (0-9 or X) for the first 17 digits of an ID number.
 * @throws RangeError if `first17` is not exactly 17 digits.
 */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('An ID number check digit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Result of {@link checkIdNumber}. */
export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; reason: 'length' | 'characters' | 'birth_date' | 'check_digit' | 'future' };

/**
 * Validates a typed ID number. Spaces are dropped (people group the digits when reading them out),
 * full-width digits become ASCII and a final lower-case x becomes X, so `value` is the stored form.
 * Reasons are checked in order: length, characters, birth date (a real day, year ≥ 1900), check digit,
 * and, when `today` (`YYYY-MM-DD`) is given, a birth date after today ('future'): nobody has a card
 * before they are born, so such a number is mistyped wherever it comes from.
 */
export function checkIdNumber(raw: string, today?: string): IdNumberResult {
  const value = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'characters' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1900-01-01') return { ok: false, reason: 'birth_date' };
  if (idCheckDigit(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'check_digit' };
  if (today !== undefined && birthDate > today) return { ok: false, reason: 'future' };
  // The 17th character is the last digit of the sequence number: odd for men, even for women.
  const gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, gender };
}

/**
 * Builds a valid ID number, for demo data and tests (never use real people's numbers there).
 * @param region6 six digits, e.g. an invented `990101`
 * @param birthDate `YYYY-MM-DD`
 * @param seq3 three digits; the last is odd for a man, even for a woman
 * @throws RangeError on malformed parts.
 */
export function makeIdNumber(region6: string, birthDate: string, seq3: string): string {
  if (!/^\d{6}$/.test(region6)) throw new RangeError('region6 must be 6 digits');
  if (!isRealDate(birthDate) || birthDate < '1900-01-01') throw new RangeError('birthDate must be a real date from 1900');
  if (!/^\d{3}$/.test(seq3)) throw new RangeError('seq3 must be 3 digits');
  const first17 = region6 + birthDate.replaceAll('-', '') + seq3;
  return first17 + idCheckDigit(first17);
}
