/**
 * A robot's text is limited in bytes of UTF-8, not in characters: a line of Chinese takes three
 * bytes a character, so 2,048 bytes hold about 680 of them. What is longer goes as several
 * messages, cut between lines where possible.
 */

/** Bytes of one code point in UTF-8. */
const utf8Bytes = (codePoint: number): number => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Bytes of a text in UTF-8 (a lone surrogate counts as the replacement character it becomes: 3). */
export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Cuts `text` into pieces of at most `maxBytes` bytes of UTF-8, in order: whole lines where they
 * fit, the line break at each cut dropped; a single line longer than that is cut between
 * characters (never inside one, so each piece is valid UTF-8 on its own). Pieces with nothing
 * visible are left out: a robot refuses an empty text, and a blank message says nothing.
 */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  const keep = (piece: string) => {
    if (piece.trim()) pieces.push(piece);
  };
  let current: string | null = null;
  let currentBytes = 0;
  for (const line of text.split('\n')) {
    const bytes = byteLength(line);
    if (current !== null && currentBytes + 1 + bytes <= maxBytes) {
      current += `\n${line}`;
      currentBytes += 1 + bytes;
      continue;
    }
    if (current !== null) keep(current);
    if (bytes <= maxBytes) {
      current = line;
      currentBytes = bytes;
      continue;
    }
    const cut = cutLine(line, maxBytes);
    cut.slice(0, -1).forEach(keep);
    current = cut.at(-1) ?? '';
    currentBytes = byteLength(current);
  }
  if (current !== null) keep(current);
  return pieces;
}

/** One over-long line in pieces of at most `maxBytes`, cut between code points. */
function cutLine(line: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const char of line) {
    const size = utf8Bytes(char.codePointAt(0)!);
    if (bytes + size > maxBytes) {
      pieces.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  pieces.push(piece);
  return pieces;
}
