/**
 * Turns the bytes of a CSV file into text. Excel in China saves "CSV (逗号分隔)" in the system
 * code page (GBK/GB18030), newer Excel and WPS save UTF-8 with a byte order mark, other tools
 * UTF-8 without one: all three must read the same.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Decodes CSV bytes: a byte order mark decides; else UTF-8 if the bytes are valid UTF-8; else GB18030. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  // Excel's "Unicode text" export is UTF-16 with a byte order mark.
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    // fatal: GBK bytes are almost never valid UTF-8, so a decoding error is the signal to switch.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // GB18030 is a superset of GBK and GB2312, so one decoder covers every Chinese Excel.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** True if the bytes look like a binary file rather than text (a NUL byte outside UTF-16). */
export function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  // The first 64 KB are enough: a binary file shows NULs early, and a 10 MB scan is wasted time.
  return bytes.subarray(0, 65536).includes(0);
}
