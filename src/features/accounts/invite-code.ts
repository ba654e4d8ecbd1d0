import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud and typed on phones. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A fresh 8-character one-time code. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What a person typed, tidied: "k7m2-q9xd " -> "K7M2Q9XD". */
export const normaliseInviteCode = (raw: string) => raw.toUpperCase().replace(/[\s-]/g, '');
