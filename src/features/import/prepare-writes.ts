/**
 * Everything the write transaction needs, computed before it opens: whole rows for new files
 * (search keys, automatic file numbers), the columns each changed file gets, and the honours.
 * The transaction then only inserts and updates many rows at a time.
 */
import { loopTurn } from '../../core/loop-turn.ts';
import type { Tx } from '../../db/client.ts';
import { changedFields } from '../audit/index.ts';
import { derivedColumns, HONOREE_FIELDS } from '../honorees/index.ts';
import { inChunks, type PlanItem, type StoredHonoree } from './plan-import.ts';
import type { HonourInput } from './validate-rows.ts';

/** The columns of a new file, every one given so that all rows of a multi-row insert look alike. */
export type NewHonoreeRow = Record<(typeof HONOREE_FIELDS)[number] | 'pinyinFull' | 'pinyinInitials' | 'phoneLast4', string | null> & {
  fileNo: string;
  name: string;
  pinyinFull: string;
  pinyinInitials: string;
  employmentStatus: string;
};

export interface HonoreeChange {
  stored: StoredHonoree;
  /** Columns to set (typed ones and those that follow from them), all text. */
  set: Record<string, string | null>;
  /** The audit entry's changes, as JSON. */
  audit: string;
}

/**
 * Audit changes of a row whose id (and for a new file's honours, the file's id) only the write
 * gives: written now with these marks in their place, which the write transaction's statements
 * replace with the ids (src/features/import/write-import.ts), so it does no JSON work.
 */
export const ID_MARK = -900_000_001;
export const HONOREE_ID_MARK = -900_000_002;

export interface NewHonour {
  honoreeId: number;
  category: string;
  level: string;
  year: number;
  awardingBody: string | null;
  documentNo: string | null;
}

export interface PreparedWrites {
  creates: { row: NewHonoreeRow; honours: HonourInput[]; audit: string; honourAudits: string[] }[];
  updates: HonoreeChange[];
  /** New honours of files that already exist. */
  honours: { row: NewHonour; audit: string }[];
  honourPatches: PlanItem['honourPatches'];
  /** Names of new and renamed files, for linking team members recorded by name. */
  named: string[];
}

/**
 * Automatic file numbers for `count` new files: the rule of nextFileNo (prefix + 5 digits, after
 * the highest such number, skipping any already taken), for a whole roster in a few queries.
 * `reserved` are the numbers the roster itself gives, which count as taken.
 */
async function autoFileNos(q: Tx, prefix: string, count: number, reserved: Set<string>): Promise<string[]> {
  if (!count) return [];
  const last = await q.honoree.findFirst({
    // Digits only after the prefix: ':' is the character after '9'.
    where: { fileNo: { gte: `${prefix}0`, lt: `${prefix}:` } },
    orderBy: { fileNo: 'desc' },
    select: { fileNo: true },
  });
  const highest = [last?.fileNo ?? '', ...[...reserved].filter((f) => f >= `${prefix}0` && f < `${prefix}:`)].reduce((a, b) => (b > a ? b : a));
  let n = highest ? Number(/(\d+)$/.exec(highest)?.[1] ?? 0) + 1 : 1;
  const out: string[] = [];
  while (out.length < count) {
    const candidates: string[] = [];
    for (; candidates.length < count - out.length; n++) {
      const candidate = `${prefix}${String(n).padStart(5, '0')}`;
      if (!reserved.has(candidate)) candidates.push(candidate);
    }
    const taken = new Set((await inChunks(candidates, (c) => q.honoree.findMany({ where: { fileNo: { in: c } }, select: { fileNo: true } }))).map((r) => r.fileNo));
    out.push(...candidates.filter((c) => !taken.has(c)));
  }
  return out;
}

function newRow(values: PlanItem['changes'], fileNo: string): NewHonoreeRow {
  const row = Object.fromEntries(HONOREE_FIELDS.map((f) => [f, values[f] ?? null])) as NewHonoreeRow;
  return {
    ...row,
    phoneLast4: null,
    ...(derivedColumns(values) as Partial<NewHonoreeRow>),
    fileNo,
    name: values.name!,
    // An empty employment status means the default, as in the guided add.
    employmentStatus: values.employmentStatus ?? 'employed',
  };
}

export const honourRow = (honoreeId: number, h: HonourInput): NewHonour => ({
  honoreeId,
  category: h.category,
  level: h.level,
  year: h.year,
  awardingBody: h.awardingBody ?? null,
  documentNo: h.documentNo ?? null,
});

const createAudit = (row: object) => JSON.stringify(changedFields(null, { id: ID_MARK, ...row }));

export async function prepareWrites(q: Tx, items: PlanItem[], fileNoPrefix: string): Promise<PreparedWrites> {
  const created = items.filter((i) => i.kind === 'create');
  // Files with a number given in the roster come first, then those numbered automatically, in file order.
  const numbered = [...created.filter((i) => i.changes.fileNo), ...created.filter((i) => !i.changes.fileNo)];
  const reserved = new Set(items.map((i) => i.changes.fileNo).filter((f): f is string => !!f));
  const auto = await autoFileNos(q, fileNoPrefix, numbered.length - created.filter((i) => i.changes.fileNo).length, reserved);
  const out: PreparedWrites = { creates: [], updates: [], honours: [], honourPatches: [], named: [] };
  let nextAuto = 0;
  for (const item of numbered) {
    // Pinyin keys cost real time over 20,000 names: let other chats in between.
    await loopTurn();
    const row = newRow(item.changes, item.changes.fileNo ?? auto[nextAuto++]);
    const honourAudits = item.honours.map((h) => createAudit(honourRow(HONOREE_ID_MARK, h)));
    out.creates.push({ row, honours: item.honours, audit: createAudit(row), honourAudits });
    out.named.push(item.changes.name!);
  }
  for (const item of items) {
    if (item.kind !== 'update') continue;
    await loopTurn();
    const stored = item.stored!;
    if (Object.keys(item.changes).length) {
      const set = { ...item.changes, ...derivedColumns(item.changes, stored) } as Record<string, string | null>;
      const { honours: _honours, ...before } = stored;
      out.updates.push({ stored, set, audit: JSON.stringify(changedFields(before, { ...before, ...set })) });
      if (item.changes.name) out.named.push(item.changes.name);
    }
    for (const honour of item.honours) {
      const row = honourRow(stored.id, honour);
      out.honours.push({ row, audit: createAudit(row) });
    }
    out.honourPatches.push(...item.honourPatches);
  }
  return out;
}
