import type { Actor } from '../../core/command.ts';
import type { Db, Tx } from '../../db/client.ts';
import { addHonour, createHonoree, HONOREE_FIELDS, linkTeamMemberships, updateHonoree, type HonoreeValues } from '../honorees/index.ts';
import type { ColumnMap } from './columns.ts';
import type { HonourInput, ImportPerson, RowIssue } from './validate-rows.ts';

/** What importing one person does. */
interface PlanItem {
  person: ImportPerson;
  kind: 'create' | 'update' | 'unchanged';
  existingId?: number;
  /** Fields whose value differs from the stored one (all given fields for a new file). */
  changes: HonoreeValues;
  /** Honours to hand to addHonour: new ones, and known ones whose details change. */
  honours: HonourInput[];
  honoursAdded: number;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  honoursAdded: number;
}

export interface ImportResult extends ImportCounts {
  /** People refused on checks that need the database (a file number taken by someone else). */
  errors: RowIssue[];
}

export interface ImportOptions {
  dryRun: boolean;
  actor: Actor;
  fileNoPrefix: string;
  map: ColumnMap;
}

/** Rows per query when loading by ID number or file number: well under every driver's parameter limit. */
const CHUNK = 500;
/**
 * One import is one transaction, so it may take longer than Prisma's 5-second default:
 * 20,000 rows write in well under this on SQLite and a local PostgreSQL.
 */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

async function inChunks<T, R>(items: T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await load(items.slice(i, i + CHUNK))));
  return out;
}

const honourKey = (h: { category: string; level: string; year: number }) => `${h.category}|${h.level}|${h.year}`;

/**
 * Compares the file with the database: a few queries for the whole file, not one per row.
 * The same plan serves the dry run and the real run, so both report the same counts.
 */
async function plan(q: Tx, people: ImportPerson[], map: ColumnMap): Promise<{ items: PlanItem[]; errors: RowIssue[] }> {
  const existing = await inChunks(people, (chunk) =>
    q.honoree.findMany({ where: { idNumber: { in: chunk.map((p) => p.idNumber) } }, include: { honours: true } }),
  );
  const byId = new Map(existing.map((h) => [h.idNumber!, h]));
  const fileNos = people.map((p) => p.values.fileNo).filter((f): f is string => !!f);
  const owners = await inChunks(fileNos, (chunk) =>
    q.honoree.findMany({ where: { fileNo: { in: chunk } }, select: { fileNo: true, name: true, idNumber: true } }),
  );
  const ownerOf = new Map(owners.map((o) => [o.fileNo, o]));

  const items: PlanItem[] = [];
  const errors: RowIssue[] = [];
  for (const person of people) {
    const fileNo = person.values.fileNo;
    const owner = fileNo ? ownerOf.get(fileNo) : undefined;
    if (owner && owner.idNumber !== person.idNumber) {
      errors.push({ row: person.rows[0], column: map.fields.fileNo, value: fileNo!, key: 'import.invalid.fileNo_taken', params: { fileNo: fileNo!, name: owner.name } });
      continue;
    }
    const stored = byId.get(person.idNumber);
    if (!stored) {
      items.push({ person, kind: 'create', changes: person.values, honours: person.honours, honoursAdded: person.honours.length });
      continue;
    }
    const changes: HonoreeValues = {};
    for (const f of HONOREE_FIELDS) {
      const value = person.values[f];
      if (value !== undefined && value !== null && value !== stored[f]) changes[f] = value;
    }
    // The same rule as addHonour: an honour is (category, level, year); details only fill or correct.
    const held = new Map(stored.honours.map((h) => [honourKey(h), h]));
    const honours = person.honours.filter((h) => {
      const had = held.get(honourKey(h));
      return !had || (h.awardingBody && h.awardingBody !== had.awardingBody) || (h.documentNo && h.documentNo !== had.documentNo);
    });
    const honoursAdded = honours.filter((h) => !held.has(honourKey(h))).length;
    const kind = Object.keys(changes).length || honours.length ? 'update' : 'unchanged';
    items.push({ person, kind, existingId: stored.id, changes, honours, honoursAdded });
  }
  return { items, errors };
}

async function write(tx: Tx, items: PlanItem[], options: ImportOptions): Promise<void> {
  // Files with a number given in the roster are created before those numbered automatically,
  // so an automatic number can never take one the roster asks for further down.
  const order = [
    ...items.filter((i) => i.kind === 'update'),
    ...items.filter((i) => i.kind === 'create' && i.changes.fileNo),
    ...items.filter((i) => i.kind === 'create' && !i.changes.fileNo),
  ];
  // Team memberships waiting for these names are linked once at the end, not row by row.
  const later = { linkTeams: 'later' } as const;
  const named: string[] = [];
  for (const item of order) {
    let id = item.existingId;
    if (item.kind === 'create') {
      const row = await createHonoree(tx, item.person.values, options.actor, options.fileNoPrefix, later);
      id = row.id;
      named.push(row.name);
    } else if (Object.keys(item.changes).length) {
      await updateHonoree(tx, id!, item.changes, options.actor, later);
      if (item.changes.name) named.push(item.changes.name);
    }
    for (const h of item.honours) await addHonour(tx, id!, h, options.actor);
  }
  await linkTeamMemberships(tx, [...new Set(named)]);
}

const count = (items: PlanItem[]): ImportCounts => ({
  created: items.filter((i) => i.kind === 'create').length,
  updated: items.filter((i) => i.kind === 'update').length,
  unchanged: items.filter((i) => i.kind === 'unchanged').length,
  honoursAdded: items.reduce((n, i) => n + i.honoursAdded, 0),
});

/**
 * Upserts the valid people by ID number. A real run plans and writes inside one transaction:
 * a failure anywhere leaves the database as it was, and nobody can slip a file in between the
 * comparison and the writing. Audit entries come from the honoree functions, so an unchanged
 * person gets none.
 */
export async function applyImport(db: Db, people: ImportPerson[], options: ImportOptions): Promise<ImportResult> {
  if (options.dryRun) {
    const { items, errors } = await plan(db, people, options.map);
    return { ...count(items), errors };
  }
  return db.$transaction(
    async (tx) => {
      const { items, errors } = await plan(tx, people, options.map);
      await write(tx, items, options);
      return { ...count(items), errors };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
  );
}
