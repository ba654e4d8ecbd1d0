import { isPinyinQuery } from '../../domain/index.ts';
import type { Db } from '../../db/client.ts';

export interface HonoreeHit {
  id: number;
  fileNo: string;
  name: string;
  employer: string | null;
  honours: { category: string; level: string; year: number }[];
}

export interface SearchResult {
  /** How many match, counted up to COUNT_CAP (a longer count says nothing more to a person). */
  total: number;
  hits: HonoreeHit[];
}

/** Past this many matches the exact number does not matter: the person must narrow the search. */
export const COUNT_CAP = 500;

const select = {
  id: true,
  fileNo: true,
  name: true,
  employer: true,
  honours: { select: { category: true, level: true, year: true }, orderBy: { year: 'desc' as const }, take: 2 },
};

/** A range that means "starts with" and that both databases answer from an index. */
const prefix = (q: string) => ({ gte: q, lt: `${q}\u{10FFFF}` });

/**
 * Finds files by what staff remember: a file number, the last 4 digits of a phone, pinyin
 * (full or initials, "zs" finds 张三) or a fragment of the name.
 */
export async function searchHonorees(db: Db, raw: string, limit = 10): Promise<SearchResult> {
  const q = raw.trim();
  if (/^\d{4}$/.test(q)) return run(db, { phoneLast4: q }, limit);
  if (/^[A-Za-z]{1,6}-?\d{2,}$/.test(q)) {
    const byFileNo = await run(db, { fileNo: q.toUpperCase() }, limit);
    if (byFileNo.total) return byFileNo;
  }
  if (isPinyinQuery(q)) {
    const p = q.toLowerCase().replace(/\s+/g, '');
    return run(db, { OR: [{ pinyinInitials: prefix(p) }, { pinyinFull: prefix(p) }] }, limit, [{ pinyinInitials: 'asc' }, { name: 'asc' }]);
  }
  return run(db, { name: { contains: q } }, limit, [{ name: 'asc' }]);
}

type Where = NonNullable<Parameters<Db['honoree']['findMany']>[0]>['where'];
type OrderBy = NonNullable<Parameters<Db['honoree']['findMany']>[0]>['orderBy'];

async function run(db: Db, where: Where, limit: number, orderBy: OrderBy = [{ fileNo: 'asc' }]): Promise<SearchResult> {
  const hits = await db.honoree.findMany({ where, select, orderBy, take: limit });
  // Most searches find a handful: count only when the page is full.
  const total = hits.length < limit ? hits.length : await db.honoree.count({ where, take: COUNT_CAP });
  return { total, hits };
}
