/**
 * The writes of an import, many rows per statement: new files and honours in multi-row inserts
 * that return their rows (for the audit), changed files in one UPDATE per chunk, audit entries in
 * multi-row inserts. Runs inside the import's transaction, which is kept short: everything was
 * prepared before it opened.
 */
import type { Actor } from '../../core/command.ts';
import { loopTurn } from '../../core/loop-turn.ts';
import type { Tx } from '../../db/client.ts';
import { join, sql, type Sql } from '../../db/sql.ts';
import { auditEntryData } from '../audit/index.ts';
import { linkTeamMemberships } from '../honorees/index.ts';
import type { HonoreeChange, PreparedWrites } from './prepare-writes.ts';

/** Rows per multi-row statement: at most 8,000 bound values, under every driver's limit. */
const ROWS_PER_STATEMENT = 500;

type StoredRow = Record<string, unknown> & { id: number; idNumber?: string };
type AuditData = NonNullable<ReturnType<typeof auditEntryData>>;

async function inStatements<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await write(rows.slice(i, i + ROWS_PER_STATEMENT));
    // Timers and I/O get their turn between statements.
    await loopTurn();
  }
}

/** A double-quoted table or column name; only the schema's own names come here, never input. */
const name = (identifier: string): Sql => {
  if (!/^[A-Za-z0-9]+$/.test(identifier)) throw new Error(`not a column name: ${identifier}`);
  return sql([`"${identifier}"`]);
};

type Value = string | number | Date | null;

/**
 * One INSERT of many rows, returning them as stored. Plain SQL rather than createMany: Prisma
 * builds each row of a createMany on its own, several times slower than the statement itself.
 * Times are bound as Dates, which each driver stores the way Prisma reads them back.
 */
async function insertRows<R>(tx: Tx, table: string, rows: Record<string, Value>[]): Promise<R[]> {
  const columns = Object.keys(rows[0]);
  const values = rows.map((r) => sql`(${join(columns.map((c) => r[c]))})`);
  return tx.$queryRaw<R[]>`INSERT INTO ${name(table)} (${join(columns.map(name))}) VALUES ${join(values)} RETURNING *`;
}

/**
 * One UPDATE for many files, each with its own values: `SET "phone" = CASE "id" WHEN 7 THEN '…'
 * … ELSE "phone" END`. Every imported column is text, which both databases read alike.
 */
function updateStatement(chunk: HonoreeChange[], now: Date): Sql {
  const columns = [...new Set(chunk.flatMap((c) => Object.keys(c.set)))];
  const sets = columns.map((column) => {
    const cases = chunk.filter((c) => column in c.set).map((c) => sql`WHEN ${c.stored.id} THEN ${c.set[column]}`);
    return sql`${name(column)} = CASE "id" ${join(cases, ' ')} ELSE ${name(column)} END`;
  });
  return sql`UPDATE "Honoree" SET ${join(sets, ', ')}, "updatedAt" = ${now} WHERE "id" IN (${join(chunk.map((c) => c.stored.id))})`;
}

export async function writeImport(tx: Tx, prepared: PreparedWrites, actor: Actor): Promise<void> {
  const audit: AuditData[] = [];
  const note = (entry: AuditData | null) => entry && audit.push(entry);
  const now = new Date();
  const newHonours: { honoreeId: number; category: string; level: string; year: number; awardingBody: string | null; documentNo: string | null }[] = [];

  await inStatements(prepared.creates, async (chunk) => {
    const rows = await insertRows<StoredRow>(tx, 'Honoree', chunk.map((c) => ({ ...c.row, createdAt: now, updatedAt: now })));
    const idOf = new Map(rows.map((r) => [r.idNumber, r.id]));
    for (const row of rows) note(auditEntryData(actor, 'honoree', row.id, 'create', null, row));
    for (const c of chunk) for (const h of c.honours) newHonours.push({ honoreeId: idOf.get(c.row.idNumber!)!, ...honourColumns(h) });
  });

  await inStatements(prepared.updates, async (chunk) => {
    await tx.$executeRaw(updateStatement(chunk, now));
    for (const c of chunk) {
      const { honours: _honours, ...before } = c.stored;
      note(auditEntryData(actor, 'honoree', c.stored.id, 'update', before, { ...before, ...c.set, updatedAt: now }));
    }
  });

  for (const { honoreeId, honour } of prepared.honours) newHonours.push({ honoreeId, ...honourColumns(honour) });
  await inStatements(newHonours, async (chunk) => {
    const rows = await insertRows<StoredRow>(tx, 'Honour', chunk.map((h) => ({ ...h, createdAt: now })));
    for (const row of rows) note(auditEntryData(actor, 'honour', row.id, 'create', null, row));
  });

  // Details of honours already held: rare, so one statement each.
  for (const { stored, patch } of prepared.honourPatches) {
    const after = await tx.honour.update({ where: { id: stored.id }, data: patch });
    note(auditEntryData(actor, 'honour', stored.id, 'update', stored, after));
    await loopTurn();
  }

  await inStatements(audit, (chunk) => insertRows(tx, 'AuditEntry', chunk.map((a) => ({ ...a, at: now }))));
  // Team memberships waiting for these names are linked once at the end, not row by row.
  await linkTeamMemberships(tx, [...new Set(prepared.named)]);
}

const honourColumns = (h: PreparedWrites['honours'][number]['honour']) => ({
  category: h.category,
  level: h.level,
  year: h.year,
  awardingBody: h.awardingBody ?? null,
  documentNo: h.documentNo ?? null,
});
