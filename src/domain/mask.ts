/**
 * Masking and tidying of phone and ID numbers. Group chats and lists show masked forms
 * so a screenshot doesn't leak a model worker's contact details.
 */

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * `13812341234` → `138****1234` (any way of typing a mainland mobile gives that form).
 * Anything else keeps its last 4 characters and masks the rest with *; empty gives ''.
 */
export function maskPhone(phone: string): string {
  const normal = normalisePhone(phone);
  if (normal.ok && MOBILE.test(normal.value)) return `${normal.value.slice(0, 3)}****${normal.value.slice(7)}`;
  const t = phone.trim();
  return '*'.repeat(Math.max(0, t.length - 4)) + t.slice(-4);
}

/**
 * `53012619850312001X` → `5301**********001X`: first 4 (province and city, which say little)
 * and last 4 kept, the rest (including the birth date) masked. Strings of 8 or fewer
 * characters keep only their last 4, so nothing short is shown whole by accident.
 */
export function maskIdNumber(id: string): string {
  const t = id.trim().toUpperCase();
  if (t.length <= 8) return '*'.repeat(Math.max(0, t.length - 4)) + t.slice(-4);
  return t.slice(0, 4) + '*'.repeat(t.length - 8) + t.slice(-4);
}

/** The last 4 digits of a phone number (other characters ignored), or null with fewer than 4 digits. */
export function phoneLast4(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/**
 * True if a text holds 7 or more digits (full-width ones too), in one run or spread out: a
 * landline's local number has 7, so fewer cannot be a phone or ID number, and a text with more
 * might hold one. For deciding what a group chat may be shown of what someone typed.
 */
export function mayHoldPhoneOrId(text: string): boolean {
  return (text.normalize('NFKC').match(/\d/g)?.length ?? 0) >= 7;
}

/** Result of {@link normalisePhone}. */
export type PhoneResult = { ok: true; value: string } | { ok: false };

/**
 * Reads a mainland phone number into one stored form, so the same number typed two ways matches.
 * - Mobiles: 11 digits starting 13-19, optionally after +86, 86 or 0086 → `13812341234`.
 * - Landlines: area code with its 0 plus a 7-8 digit local number starting 2-9 → `0871-67891234`.
 *   The area code is 3 digits for 010 and 02x (Beijing, the big cities), otherwise 4, so the dash
 *   goes back in the right place however it was typed; `+86 871 6789 1234` is read too.
 * Spaces, dashes, dots and brackets between digits are ignored.
 */
export function normalisePhone(raw: string): PhoneResult {
  const t = raw.normalize('NFKC').trim();
  if (!/^\+?[\d\s\-.()]+$/.test(t)) return { ok: false };
  let digits = t.replace(/\D/g, '');
  const international = t.startsWith('+') || digits.startsWith('0086');
  if (t.startsWith('+')) {
    if (!digits.startsWith('86')) return { ok: false };
    digits = digits.slice(2);
  } else if (digits.startsWith('0086')) {
    digits = digits.slice(4);
  }
  // A bare 86 prefix only counts before a mobile: 13 digits can't be anything else.
  if (!international && digits.length === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2))) {
    digits = digits.slice(2);
  }
  if (MOBILE.test(digits)) return { ok: true, value: digits };
  // International form drops the trunk 0 of the area code.
  if (international && !digits.startsWith('0')) digits = '0' + digits;
  const areaLength = /^0(10|2\d)/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  const local = digits.slice(areaLength);
  if (/^0[1-9]\d+$/.test(area) && /^[2-9]\d{6,7}$/.test(local)) return { ok: true, value: `${area}-${local}` };
  return { ok: false };
}
