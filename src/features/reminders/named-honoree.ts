import type { Db } from '../../db/client.ts';

/** Names are 2 to 4 Chinese characters; longer runs are cut into every such piece. */
const NAME_LENGTHS = [2, 3, 4];
/** Every file a text's pieces match is looked at (up to this many), so no namesake is missed. */
const MOST_FOUND = 50;

/**
 * The one file a reminder's text names (`给张三打电话` → 张三), or null when it names none, or a
 * name two files share, or two different people: a reminder is linked only when it is certain.
 */
export async function honoreeNamedIn(db: Db, text: string): Promise<{ id: number; name: string; fileNo: string } | null> {
  const pieces = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (const n of NAME_LENGTHS) for (let i = 0; i + n <= chars.length; i++) pieces.add(chars.slice(i, i + n).join(''));
  }
  if (!pieces.size) return null;
  const found = await db.honoree.findMany({ where: { name: { in: [...pieces].slice(0, 2000) } }, select: { id: true, name: true, fileNo: true }, take: MOST_FOUND });
  // So many files named in one text (a list of names) is not one certain person.
  if (found.length === MOST_FOUND) return null;
  // A shorter name inside a longer one found too (张三 in 张三丰) is the same mention: keep the longest.
  const longest = found.filter((f) => !found.some((g) => g !== f && g.name.length > f.name.length && g.name.includes(f.name)));
  return longest.length === 1 && found.filter((f) => f.name === longest[0].name).length === 1 ? longest[0] : null;
}
