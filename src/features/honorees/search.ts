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
  /** How many match; when `more` is true, at least this many (the page is full and more exist). */
  total: number;
  more: boolean;
  hits: HonoreeHit[];
}

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
  // One row past the page tells whether there are more, without a count over every match:
  // a person narrows a long list by typing more, not by reading its length.
  const rows = await db.honoree.findMany({ where, select, orderBy, take: limit + 1 });
  const more = rows.length > limit;
  const hits = more ? rows.slice(0, limit) : rows;
  return { total: hits.length, more, hits };
}
