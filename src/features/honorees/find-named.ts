import type { Db } from '../../db/client.ts';
import { OFF_ROLL_STATUSES } from '../../domain/vocabulary.ts';

/** Names or file numbers in one message: 张三、LM00002，李四 (or one a line). */
const SEPARATORS = /[\s、，,；;]+/;
const MAX_NAMES = 500;

export type NamedResult = { ids: number[] } | { problem: 'empty' | 'too_many' | 'unknown' | 'ambiguous'; params: Record<string, string | number> };

/**
 * The files a list names, each exactly: a file number, or a name only one file has. A name
 * several files share must be given by file number; a word that is nobody is reported. Files of
 * those no longer on the roll (died, left) count only when asked for (money paid to them is
 * still history to correct).
 */
export async function findNamed(db: Db, text: string, o: { offRollToo?: boolean } = {}): Promise<NamedResult> {
  const words = [...new Set(text.split(SEPARATORS).map((w) => w.trim()).filter(Boolean))];
  if (!words.length) return { problem: 'empty', params: {} };
  if (words.length > MAX_NAMES) return { problem: 'too_many', params: { max: MAX_NAMES } };
  const upper = words.map((w) => w.toUpperCase());
  const rows = await db.honoree.findMany({
    where: { OR: [{ fileNo: { in: upper } }, { name: { in: words } }], ...(o.offRollToo ? {} : { employmentStatus: { notIn: [...OFF_ROLL_STATUSES] } }) },
    select: { id: true, name: true, fileNo: true },
  });
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const byFile = rows.find((r) => r.fileNo === word.toUpperCase());
    if (byFile) {
      ids.push(byFile.id);
      continue;
    }
    const byName = rows.filter((r) => r.name === word);
    if (byName.length > 1) return { problem: 'ambiguous', params: { name: word, count: byName.length, fileNos: byName.map((r) => r.fileNo).join('、') } };
    if (byName.length === 1) ids.push(byName[0].id);
    else unknown.push(word);
  }
  if (unknown.length) return { problem: 'unknown', params: { names: unknown.join('、') } };
  return { ids: [...new Set(ids)] };
}
