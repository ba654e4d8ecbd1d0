import { isPinyinQuery } from '../../domain/index.ts';
import type { Db } from '../../db/client.ts';
import { empty as nothing, join, sql, type Sql } from '../../db/sql.ts';

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

/** The last code point: `>= q AND < q + TOP` means "starts with q", answered from an index. */
const TOP = '\u{10FFFF}';

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
  if (ref) return page(db, sql`"id" = ${Number(ref[1])}`, sql`"id"`, limit);
  // A file number names one file exactly, whatever it looks like (LM00012, 1037, SL-2023-001);
  // every file number has a digit, so pinyin such as "zs" does not cost this look-up.
  if (/^[A-Za-z0-9-]{1,20}$/.test(q) && /\d/.test(q)) {
    const byFileNo = await page(db, sql`"fileNo" = ${q.toUpperCase()}`, sql`"fileNo"`, limit);
    if (byFileNo.total) return byFileNo;
  }
  if (/^\d{4}$/.test(q)) return options.phone === false ? empty : page(db, sql`"phoneLast4" = ${q}`, sql`"fileNo"`, limit);
  if (isPinyinQuery(q)) return byPinyin(db, q.toLowerCase().replace(/\s+/g, ''), limit);
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return page(db, sql`"name" LIKE ${pattern} ESCAPE '\\'`, sql`"name"`, limit);
}

const empty: SearchResult = { total: 0, more: false, hits: [] };

/** The reference a choice uses to name one file: stable, exact, and never a phone number. */
export const fileRef = (id: number) => `#${id}`;

/**
 * Initials first ("zs"), then full pinyin ("zhangs"): two queries that each walk their
 * (key, name) index in order and stop at the page, where one OR query would fetch and sort
 * every match.
 */
async function byPinyin(db: Db, p: string, limit: number): Promise<SearchResult> {
  const initials = await page(db, sql`"pinyinInitials" >= ${p} AND "pinyinInitials" < ${p + TOP}`, sql`"pinyinInitials", "name"`, limit);
  if (initials.more) return initials;
  const seen = initials.hits.length ? sql`AND "id" NOT IN (${join(initials.hits.map((h) => h.id))})` : nothing;
  const full = await page(db, sql`"pinyinFull" >= ${p} AND "pinyinFull" < ${p + TOP} ${seen}`, sql`"pinyinFull", "name"`, limit - initials.total);
  return { total: initials.total + full.total, more: full.more, hits: [...initials.hits, ...full.hits] };
}

type Row = Omit<HonoreeHit, 'honours'>;
type HonourRow = HonoreeHit['honours'][number] & { honoreeId: number };

/** The files matching `where` in `orderBy` order, each with its two latest honours. */
async function page(db: Db, where: Sql, orderBy: Sql, limit: number): Promise<SearchResult> {
  // One row past the page tells whether there are more, without a count over every match:
  // a person narrows a long list by typing more, not by reading its length.
  const rows = await db.$direct.query<Row>(sql`SELECT "id", "fileNo", "name", "employer" FROM "Honoree" WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit + 1}`);
  const more = rows.length > limit;
  const found = more ? rows.slice(0, limit) : rows;
  const honours = found.length
    ? await db.$direct.query<HonourRow>(sql`SELECT "honoreeId", "category", "level", "year" FROM "Honour" WHERE "honoreeId" IN (${join(found.map((r) => r.id))}) ORDER BY "year" DESC, "id"`)
    : [];
  const hits = found.map((r) => ({
    ...r,
    honours: honours.filter((h) => h.honoreeId === r.id).slice(0, 2).map(({ category, level, year }) => ({ category, level, year })),
  }));
  return { total: hits.length, more, hits };
}
