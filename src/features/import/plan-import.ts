/**
 * Compares the people of a roster with the files already stored: a few queries for the whole
 * file, not one per row. The same plan serves the dry run and the real run, so both report the
 * same counts. Reads only: it runs before the write transaction, so that transaction stays short.
 */
import { loopTurn } from '../../core/loop-turn.ts';
import type { Tx } from '../../db/client.ts';
import { HONOREE_FIELDS, type HonoreeValues } from '../honorees/index.ts';
import type { ColumnMap } from './columns.ts';
import type { HonourInput, ImportPerson, RowIssue } from './validate-rows.ts';

/** A stored file as loaded for the comparison, with its honours. */
export type StoredHonoree = Awaited<ReturnType<typeof loadByIdNumber>>[number];
export type StoredHonour = StoredHonoree['honours'][number];

/** What importing one person does. */
export interface PlanItem {
  person: ImportPerson;
  kind: 'create' | 'update' | 'unchanged';
  stored?: StoredHonoree;
  /** Fields whose value differs from the stored one (all given fields for a new file). */
  changes: HonoreeValues;
  /** New honours. */
  honours: HonourInput[];
  /** Known honours whose awarding body or document number the roster fills or corrects. */
  honourPatches: { stored: StoredHonour; patch: { awardingBody?: string; documentNo?: string } }[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  honoursAdded: number;
}

/** Values per query when loading by ID number or file number: well under every driver's parameter limit. */
export const CHUNK = 500;

export async function inChunks<T, R>(items: T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await load(items.slice(i, i + CHUNK))));
  return out;
}

const loadByIdNumber = (q: Tx, idNumbers: string[]) =>
  inChunks(idNumbers, (chunk) => q.honoree.findMany({ where: { idNumber: { in: chunk } }, include: { honours: true } }));

const honourKey = (h: { category: string; level: string; year: number }) => `${h.category}|${h.level}|${h.year}`;

/** Compares one person with the stored file of the same ID number. */
function compare(person: ImportPerson, stored: StoredHonoree): PlanItem {
  const changes: HonoreeValues = {};
  for (const f of HONOREE_FIELDS) {
    const value = person.values[f];
    if (value !== undefined && value !== null && value !== stored[f]) changes[f] = value;
  }
  // The same rule as addHonour: an honour is (category, level, year); details only fill or correct.
  const held = new Map(stored.honours.map((h) => [honourKey(h), h]));
  const honours: HonourInput[] = [];
  const honourPatches: PlanItem['honourPatches'] = [];
  for (const h of person.honours) {
    const had = held.get(honourKey(h));
    if (!had) {
      honours.push(h);
      continue;
    }
    const patch = {
      ...(h.awardingBody && h.awardingBody !== had.awardingBody ? { awardingBody: h.awardingBody } : {}),
      ...(h.documentNo && h.documentNo !== had.documentNo ? { documentNo: h.documentNo } : {}),
    };
    if (Object.keys(patch).length) honourPatches.push({ stored: had, patch });
  }
  const kind = Object.keys(changes).length || honours.length || honourPatches.length ? 'update' : 'unchanged';
  return { person, kind, stored, changes, honours, honourPatches };
}

export async function planImport(q: Tx, people: ImportPerson[], map: ColumnMap): Promise<{ items: PlanItem[]; errors: RowIssue[] }> {
  const byId = new Map((await loadByIdNumber(q, people.map((p) => p.idNumber))).map((h) => [h.idNumber!, h]));
  const fileNos = people.map((p) => p.values.fileNo).filter((f): f is string => !!f);
  const owners = await inChunks(fileNos, (chunk) =>
    q.honoree.findMany({ where: { fileNo: { in: chunk } }, select: { fileNo: true, name: true, idNumber: true } }),
  );
  const ownerOf = new Map(owners.map((o) => [o.fileNo, o]));

  const items: PlanItem[] = [];
  const errors: RowIssue[] = [];
  for (const person of people) {
    await loopTurn();
    const fileNo = person.values.fileNo;
    const owner = fileNo ? ownerOf.get(fileNo) : undefined;
    if (owner && owner.idNumber !== person.idNumber) {
      errors.push({ row: person.rows[0], column: map.fields.fileNo, value: fileNo!, key: 'import.invalid.fileNo_taken', params: { fileNo: fileNo!, name: owner.name } });
      continue;
    }
    const stored = byId.get(person.idNumber);
    if (!stored) {
      items.push({ person, kind: 'create', changes: person.values, honours: person.honours, honourPatches: [] });
      continue;
    }
    // Another name on a known ID number is a different person or a typo, not a rename: staff
    // check it, and a real change of name is made with 修改 on the file.
    if (person.values.name !== stored.name) {
      errors.push({
        row: person.rows[0],
        column: map.fields.name,
        value: person.values.name,
        key: 'import.invalid.name_differs_stored',
        params: { fileNo: stored.fileNo, name: stored.name },
      });
      continue;
    }
    items.push(compare(person, stored));
  }
  return { items, errors };
}

export const countPlan = (items: PlanItem[]): ImportCounts => ({
  created: items.filter((i) => i.kind === 'create').length,
  updated: items.filter((i) => i.kind === 'update').length,
  unchanged: items.filter((i) => i.kind === 'unchanged').length,
  honoursAdded: items.reduce((n, i) => n + i.honours.length, 0),
});
