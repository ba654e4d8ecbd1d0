/**
 * The writes of an import, in two steps.
 *
 * Staging, before the write transaction: new files and new honours go into the staging tables
 * (ImportStagedFile, ImportStagedHonour) under the import's id, many rows per statement, each
 * statement on its own. Binding thousands of values is most of an import's database time; done
 * here, it keeps nobody waiting: on SQLite other chats' statements run between these ones.
 *
 * Writing, inside the one write transaction: a few set-based statements copy the staged rows
 * into Honoree and Honour, write their audit entries with the new ids filled in by the database,
 * update changed files, and remove the staged rows. SQLite has one writer, so this transaction
 * is what another person's message may wait for: measured, a third of the time the same rows
 * took as bound inserts. All or nothing still holds: nothing staged is a file until it commits.
 */
import type { Actor } from '../../core/command.ts';
import { loopTurn } from '../../core/loop-turn.ts';
import type { Tx } from '../../db/client.ts';
import type { DirectStatements } from '../../db/direct-sql.ts';
import { empty, join, sql, type Sql } from '../../db/sql.ts';
import { auditEntryData } from '../audit/index.ts';
import { linkTeamMemberships } from '../honorees/index.ts';
import { HONOREE_ID_MARK, ID_MARK, type HonoreeChange, type PreparedWrites } from './prepare-writes.ts';

/** Rows per multi-row statement: well under every driver's limit of bound values, and a short stretch between turns of the loop. */
const ROWS_PER_STATEMENT = 250;

/** Staged rows older than this belong to an import whose process died; the next import removes them. */
const STALE_STAGING_MS = 24 * 3600 * 1000;

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

/** Removes what imports that died left in the staging tables. */
export async function clearStaleStaging(writes: DirectStatements, now: Date): Promise<void> {
  const before = new Date(now.getTime() - STALE_STAGING_MS);
  await writes.execute(sql`DELETE FROM "ImportStagedFile" WHERE "createdAt" < ${before}`);
  await writes.execute(sql`DELETE FROM "ImportStagedHonour" WHERE "createdAt" < ${before}`);
}

/** Removes this import's staged rows (after it wrote them, or when it failed). */
export async function clearStaging(writes: DirectStatements, importId: string): Promise<void> {
  await writes.execute(sql`DELETE FROM "ImportStagedFile" WHERE "importId" = ${importId}`);
  await writes.execute(sql`DELETE FROM "ImportStagedHonour" WHERE "importId" = ${importId}`);
}

/** Puts the new files and honours of `prepared` in the staging tables, stamped `now`. */
export async function stageImport(writes: DirectStatements, importId: string, prepared: PreparedWrites, now: Date): Promise<void> {
  const stamp = { importId, createdAt: now };
  await inStatements(prepared.creates, (chunk) =>
    writes.execute(insertStatement('ImportStagedFile', chunk.map((c) => ({ ...stamp, ...c.row, idNumber: c.row.idNumber!, audit: c.audit })))),
  );
  const honours = [
    // Honours of new files find their file by ID number once it is written.
    ...prepared.creates.flatMap((c) =>
      c.honours.map((h, i) => ({ idNumber: c.row.idNumber!, honoreeId: null, category: h.category, level: h.level, year: h.year, awardingBody: h.awardingBody ?? null, documentNo: h.documentNo ?? null, audit: c.honourAudits[i] })),
    ),
    ...prepared.honours.map(({ row, audit }) => ({ idNumber: null, ...row, audit })),
  ];
  await inStatements(honours, (chunk) => writes.execute(insertStatement('ImportStagedHonour', chunk.map((h) => ({ ...stamp, ...h })))));
}

/** Ids filled into a staged audit text: `[null,<mark>]` becomes `[null,<id>]`. */
const fill = (text: Sql, mark: number, id: Sql): Sql => sql`REPLACE(${text}, ${`[null,${mark}]`}, '[null,' || ${id} || ']')`;

/** The staged honours (s) with their file (f) when it is a new one: its id is COALESCE(s."honoreeId", f."id"). */
const STAGED_HONOURS = sql`FROM "ImportStagedHonour" s LEFT JOIN "Honoree" f ON s."honoreeId" IS NULL AND f."idNumber" = s."idNumber"`;

/**
 * The write transaction's part: staged rows become files and honours with their audit entries,
 * changed files are updated, and the staging rows go. `writes` runs on the open transaction.
 */
export async function writeImport(tx: Tx, writes: DirectStatements, importId: string, prepared: PreparedWrites, actor: Actor, now: Date): Promise<void> {
  const by = sql`CAST(${actor?.accountId ?? null} AS INTEGER), CAST(${actor?.label ?? 'system'} AS TEXT)`;
  const FILE_COLUMNS = join(
    ['fileNo', 'name', 'pinyinFull', 'pinyinInitials', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'phone', 'phoneLast4', 'employer', 'position', 'employmentStatus', 'address', 'notes'].map(name),
  );
  await writes.execute(sql`
    INSERT INTO "Honoree" (${FILE_COLUMNS}, "createdAt", "updatedAt")
    SELECT ${FILE_COLUMNS}, "createdAt", "createdAt" FROM "ImportStagedFile" WHERE "importId" = ${importId} ORDER BY "id"`);
  await writes.execute(sql`
    INSERT INTO "AuditEntry" ("at", "actorId", "actorLabel", "entity", "entityId", "action", "changes")
    SELECT s."createdAt", ${by}, 'honoree', f."id", 'create', ${fill(sql`s."audit"`, ID_MARK, sql`f."id"`)}
    FROM "ImportStagedFile" s JOIN "Honoree" f ON f."idNumber" = s."idNumber" WHERE s."importId" = ${importId} ORDER BY s."id"`);

  const audit: { entity: 'honoree' | 'honour'; entityId: number; action: 'update'; changes: string }[] = [];
  await inStatements(prepared.updates, async (chunk) => {
    await writes.execute(updateStatement(chunk, now));
    for (const c of chunk) audit.push({ entity: 'honoree', entityId: c.stored.id, action: 'update', changes: c.audit });
  });

  await writes.execute(sql`
    INSERT INTO "Honour" ("honoreeId", "category", "level", "year", "awardingBody", "documentNo", "createdAt")
    SELECT COALESCE(s."honoreeId", f."id"), s."category", s."level", s."year", s."awardingBody", s."documentNo", s."createdAt"
    ${STAGED_HONOURS} WHERE s."importId" = ${importId} ORDER BY s."id"`);
  // Two statements, each joining on plain columns the indexes cover (a COALESCE in the join
  // left PostgreSQL scanning Honour once per staged row: 27 s at 20,000 rows).
  const honourAudit = (file: Sql, fileId: Sql, where: Sql) => sql`
    INSERT INTO "AuditEntry" ("at", "actorId", "actorLabel", "entity", "entityId", "action", "changes")
    SELECT s."createdAt", ${by}, 'honour', h."id", 'create', ${fill(fill(sql`s."audit"`, ID_MARK, sql`h."id"`), HONOREE_ID_MARK, sql`h."honoreeId"`)}
    FROM "ImportStagedHonour" s ${file}
    JOIN "Honour" h ON h."honoreeId" = ${fileId} AND h."category" = s."category" AND h."level" = s."level" AND h."year" = s."year"
    WHERE s."importId" = ${importId} AND ${where} ORDER BY s."id"`;
  await writes.execute(honourAudit(sql`JOIN "Honoree" f ON f."idNumber" = s."idNumber"`, sql`f."id"`, sql`s."honoreeId" IS NULL`));
  await writes.execute(honourAudit(empty, sql`s."honoreeId"`, sql`s."honoreeId" IS NOT NULL`));

  // Details of honours already held: rare, so one statement each.
  for (const { stored, patch } of prepared.honourPatches) {
    const after = await tx.honour.update({ where: { id: stored.id }, data: patch });
    const entry = auditEntryData(actor, 'honour', stored.id, 'update', stored, after);
    if (entry) audit.push(entry as (typeof audit)[number]);
    await loopTurn();
  }

  const stamp = { actorId: actor?.accountId ?? null, actorLabel: actor?.label ?? 'system', at: now };
  await inStatements(audit, (chunk) => writes.execute(insertStatement('AuditEntry', chunk.map((a) => ({ ...stamp, ...a })))));
  await clearStaging(writes, importId);
  // Team memberships waiting for these names are linked once at the end, not row by row.
  await linkTeamMemberships(tx, [...new Set(prepared.named)], actor);
}
