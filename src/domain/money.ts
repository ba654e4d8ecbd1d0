/**
 * Money is stored as an integer number of fen (1 yuan = 100 fen).
 * Amounts are parsed from their digits as integers, never through floating point,
 * so "0.29" is 29 fen, not 28.999… and rounded.
 */

/**
 * Largest accepted amount: 10,000,000 yuan (1,000,000,000 fen). Amounts are stored in 32-bit
 * integer columns (at most 2,147,483,647 fen on PostgreSQL), and no subsidy, gift or household
 * income of an honoree comes near it.
 */
export const MAX_FEN = 10_000_000 * 100;

/** Result of {@link parseYuan}. */
export type YuanResult =
  | { ok: true; fen: number }
  | { ok: false; reason: 'format' | 'negative' | 'too_large' };

/**
 * sign, currency sign (the sign may come before or after it), integer part (plain or with comma groups of three), decimals, unit.
 * Comma groups are checked so "1,20" (a typo for 1.20?) is refused rather than read as 120.
 */
const AMOUNT =
  /^([-−])?\s*¥?\s*([-−])?(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?\s*(元|块钱|块|万元|万块钱|万块|万)?$/;

/**
 * Reads an amount in yuan as staff type it: `500`, `500元`, `500.5元`, `￥500`, `¥1,200.50`,
 * `1200块`, `0.5万`, `2万元`. At most 2 decimals (1.005 is refused); with 万 up to 6,
 * as long as the result is whole fen (1.2345万 = 12,345元). Limit {@link MAX_FEN}.
 */
export function parseYuan(text: string): YuanResult {
  // NFKC: full-width ￥, digits and commas from Chinese keyboards become ASCII.
  // Spaces are allowed around the sign and unit ("¥ 500 元") but not inside the number: "500 600" is two.
  const t = text.normalize('NFKC').trim();
  const m = AMOUNT.exec(t);
  if (!m) return { ok: false, reason: 'format' };
  const [, sign1, sign2, intPart, decimals = '', unit = ''] = m;
  if (sign1 && sign2) return { ok: false, reason: 'format' };
  const wan = unit.startsWith('万');
  // Scale to fen: ×100 for yuan, ×1,000,000 for 万. Decimals beyond the scale would be fractions of a fen.
  const scaleDigits = wan ? 6 : 2;
  if (decimals.length > scaleDigits) return { ok: false, reason: 'format' };
  const digits = intPart.replaceAll(',', '') + decimals.padEnd(scaleDigits, '0');
  const fen = BigInt(digits); // BigInt so 30-digit input is compared exactly, not rounded
  if (fen > 0n && (sign1 || sign2)) return { ok: false, reason: 'negative' };
  if (fen > BigInt(MAX_FEN)) return { ok: false, reason: 'too_large' };
  return { ok: true, fen: Number(fen) };
}

/** "1234567" → "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Yuan part with separators and ".50" only when there are fen: 120000 → "1,200", 50050 → "500.50". */
function yuanText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a whole number of fen: ${fen}`);
  const abs = Math.abs(fen);
  const yuan = groupThousands(String(Math.floor(abs / 100)));
  const rest = abs % 100;
  return rest === 0 ? yuan : `${yuan}.${String(rest).padStart(2, '0')}`;
}

/**
 * Chinese display: 50000 → `500元`, 50050 → `500.50元`, 120000 → `1,200元`, -50000 → `-500元`.
 * @throws RangeError if `fen` is not a safe integer.
 */
export function formatFen(fen: number): string {
  return `${fen < 0 ? '-' : ''}${yuanText(fen)}元`;
}

/**
 * English display: 50000 → `¥500`, 50050 → `¥500.50`, 120000 → `¥1,200`, -50000 → `-¥500`.
 * @throws RangeError if `fen` is not a safe integer.
 */
export function formatFenEn(fen: number): string {
  return `${fen < 0 ? '-' : ''}¥${yuanText(fen)}`;
}

/** An amount in the reader's language: 500元 in Chinese, ¥500 in English. */
export function formatMoney(fen: number, locale: string): string {
  return locale === 'en' ? formatFenEn(fen) : formatFen(fen);
}
