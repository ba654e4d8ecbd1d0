/**
 * A long text as several messages: pieces of at most `max` characters (UTF-16 units, as Telegram
 * counts), cut between lines where possible; a single longer line is cut without splitting a
 * surrogate pair. The line break at a cut is dropped, and pieces with nothing visible are left
 * out (platforms refuse empty messages). Every channel with a size limit cuts this way.
 */
export function splitAtLines(text: string, max: number): string[] {
  if (text.length <= max) return text.trim() ? [text] : [];
  const chunks: string[] = [];
  let current: string | null = null;
  const flush = () => {
    if (current !== null && current.trim()) chunks.push(current);
    current = null;
  };
  for (const line of text.split('\n')) {
    if (current !== null && current.length + 1 + line.length <= max) {
      current += `\n${line}`;
      continue;
    }
    flush();
    if (line.length <= max) {
      current = line;
      continue;
    }
    const pieces = cutLine(line, max);
    for (const piece of pieces.slice(0, -1)) if (piece.trim()) chunks.push(piece);
    current = pieces.at(-1) ?? '';
  }
  flush();
  return chunks;
}

function cutLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < line.length) {
    let end = Math.min(start + max, line.length);
    // Do not end a piece between the two halves of a surrogate pair (emoji, rare CJK).
    if (end < line.length && isHighSurrogate(line.charCodeAt(end - 1))) end--;
    pieces.push(line.slice(start, end));
    start = end;
  }
  return pieces;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
