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

export interface SearchOptions {
  /**
   * Whether 4 digits may mean the end of a phone number. Off in group chats: there a match
   * would tell the group whose phone number ends that way.
   */
  phone?: boolean;
}

/**
 * Finds files by what staff remember: a file number, the last 4 digits of a phone, pinyin
 * (full or initials, "zs" finds 张三) or a fragment of the name. `#123` is the bot's own
 * reference to file id 123, used in the choices it offers.
 */
export async function searchHonorees(db: Db, raw: string, limit = 10, options: SearchOptions = {}): Promise<SearchResult> {
  const q = raw.trim();
  const ref = /^#(\d{1,9})$/.exec(q);
  if (ref) return run(db, { id: Number(ref[1]) }, limit);
  // A file number names one file exactly, whatever it looks like (LM00012, 1037, SL-2023-001);
  // every file number has a digit, so pinyin such as "zs" does not cost this look-up.
  if (/^[A-Za-z0-9-]{1,20}$/.test(q) && /\d/.test(q)) {
    const byFileNo = await run(db, { fileNo: q.toUpperCase() }, limit);
    if (byFileNo.total) return byFileNo;
  }
  if (/^\d{4}$/.test(q)) return options.phone === false ? empty : run(db, { phoneLast4: q }, limit);
  if (isPinyinQuery(q)) {
    const p = q.toLowerCase().replace(/\s+/g, '');
    return run(db, { OR: [{ pinyinInitials: prefix(p) }, { pinyinFull: prefix(p) }] }, limit, [{ pinyinInitials: 'asc' }, { name: 'asc' }]);
  }
  return run(db, { name: { contains: q } }, limit, [{ name: 'asc' }]);
}

const empty: SearchResult = { total: 0, more: false, hits: [] };

/** The reference a choice uses to name one file: stable, exact, and never a phone number. */
export const fileRef = (id: number) => `#${id}`;

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
