/**
 * The writes of an import, many rows per statement: new files and honours in multi-row inserts
 * that return their ids, changed files in one UPDATE per chunk, audit entries (prepared before
 * the transaction) in multi-row inserts. Runs inside the import's transaction, which is kept
 * short: everything else was done before it opened.
 */
import type { Actor } from '../../core/command.ts';
import { loopTurn } from '../../core/loop-turn.ts';
import type { Tx } from '../../db/client.ts';
import type { DirectStatements } from '../../db/direct-sql.ts';
import { join, sql, type Sql } from '../../db/sql.ts';
import { auditEntryData } from '../audit/index.ts';
import { linkTeamMemberships } from '../honorees/index.ts';
import { fillMarks, honourRow, type HonoreeChange, type NewHonour, type PreparedWrites } from './prepare-writes.ts';

/** Rows per multi-row statement: at most 4,000 bound values, and a short stretch between turns of the loop. */
const ROWS_PER_STATEMENT = 250;

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
 * One INSERT of many rows. Plain SQL rather than createMany: Prisma builds each row of a
 * createMany on its own, several times slower than the statement itself. Times are bound as
 * Dates, which each driver stores the way Prisma reads them back.
 */
function insertStatement(table: string, rows: Record<string, Value>[]): Sql {
  const columns = Object.keys(rows[0]);
  const values = rows.map((r) => sql`(${join(columns.map((c) => r[c]))})`);
  return sql`INSERT INTO ${name(table)} (${join(columns.map(name))}) VALUES ${join(values)}`;
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

const honourKey = (h: { honoreeId: number; category: string; level: string; year: number }) => `${h.honoreeId}|${h.category}|${h.level}|${h.year}`;

/**
 * `writes` runs the many-row statements: on SQLite straight on the open transaction, where
 * Prisma's raw path would spend more on the bound values than the database spends on the rows.
 */
export async function writeImport(tx: Tx, writes: DirectStatements, prepared: PreparedWrites, actor: Actor): Promise<void> {
  const now = new Date();
  const audit: { entity: 'honoree' | 'honour'; entityId: number; action: 'create' | 'update'; changes: string }[] = [];
  const newHonours: { row: NewHonour; audit: string }[] = [...prepared.honours];

  await inStatements(prepared.creates, async (chunk) => {
    const rows = chunk.map((c) => ({ ...c.row, createdAt: now, updatedAt: now }));
    // Matched back by ID number (unique), not by position: RETURNING promises no order.
    const ids = await writes.query<{ id: number; idNumber: string }>(sql`${insertStatement('Honoree', rows)} RETURNING "id", "idNumber"`);
    const idOf = new Map(ids.map((r) => [r.idNumber, Number(r.id)]));
    for (const c of chunk) {
      const id = idOf.get(c.row.idNumber!)!;
      audit.push({ entity: 'honoree', entityId: id, action: 'create', changes: fillMarks(c.audit, { id }) });
      c.honours.forEach((h, i) => newHonours.push({ row: honourRow(id, h), audit: fillMarks(c.honourAudits[i], { honoreeId: id }) }));
    }
  });

  await inStatements(prepared.updates, async (chunk) => {
    await writes.execute(updateStatement(chunk, now));
    for (const c of chunk) audit.push({ entity: 'honoree', entityId: c.stored.id, action: 'update', changes: c.audit });
  });

  await inStatements(newHonours, async (chunk) => {
    const rows = chunk.map((h) => ({ ...h.row, createdAt: now }));
    const ids = await writes.query<{ id: number; honoreeId: number; category: string; level: string; year: number }>(
      sql`${insertStatement('Honour', rows)} RETURNING "id", "honoreeId", "category", "level", "year"`,
    );
    const idOf = new Map(ids.map((r) => [honourKey({ ...r, honoreeId: Number(r.honoreeId), year: Number(r.year) }), Number(r.id)]));
    for (const h of chunk) {
      const id = idOf.get(honourKey(h.row))!;
      audit.push({ entity: 'honour', entityId: id, action: 'create', changes: fillMarks(h.audit, { id }) });
    }
  });

  // Details of honours already held: rare, so one statement each.
  for (const { stored, patch } of prepared.honourPatches) {
    const after = await tx.honour.update({ where: { id: stored.id }, data: patch });
    const entry = auditEntryData(actor, 'honour', stored.id, 'update', stored, after);
    if (entry) audit.push(entry as (typeof audit)[number]);
    await loopTurn();
  }

  const by = { actorId: actor?.accountId ?? null, actorLabel: actor?.label ?? 'system', at: now };
  await inStatements(audit, (chunk) => writes.execute(insertStatement('AuditEntry', chunk.map((a) => ({ ...by, ...a })))));
  // Team memberships waiting for these names are linked once at the end, not row by row.
  await linkTeamMemberships(tx, [...new Set(prepared.named)]);
}
