import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/command.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { ColumnMap } from './columns.ts';
import { countPlan, planImport, type ImportCounts, type PlanItem } from './plan-import.ts';
import { prepareWrites, type PreparedWrites } from './prepare-writes.ts';
import type { ImportPerson, RowIssue } from './validate-rows.ts';
import { clearStaging, clearStaleStaging, stageImport, writeImport } from './write-import.ts';

export type { ImportCounts } from './plan-import.ts';

export interface ImportResult extends ImportCounts {
  /** People refused on checks that need the database (a file number taken, another name on a known ID number). */
  errors: RowIssue[];
}

export interface ImportOptions {
  dryRun: boolean;
  actor: Actor;
  fileNoPrefix: string;
  map: ColumnMap;
}

/** Generous: the writes of 20,000 rows take well under a second; this only bounds a stuck database. */
const TRANSACTION_TIMEOUT_MS = 2 * 60_000;

/**
 * A cheap summary of the files, honours and audit trail: if it is the same inside the write
 * transaction as when the plan was made, nobody changed a file in between (every change to a
 * person's data is audited and touches updatedAt or the counts).
 */
async function fingerprint(q: Tx): Promise<string> {
  const honorees = await q.honoree.aggregate({ _count: { _all: true }, _max: { id: true, updatedAt: true } });
  const honours = await q.honour.aggregate({ _count: { _all: true }, _max: { id: true } });
  const audit = await q.auditEntry.aggregate({ _max: { id: true } });
  return JSON.stringify([honorees, honours, audit]);
}

interface Planned {
  items: PlanItem[];
  errors: RowIssue[];
  prepared: PreparedWrites;
}

async function planAndPrepare(q: Tx, people: ImportPerson[], options: ImportOptions): Promise<Planned> {
  const { items, errors } = await planImport(q, people, options.map);
  return { items, errors, prepared: await prepareWrites(q, items, options.fileNoPrefix) };
}

/**
 * Upserts the valid people by ID number. The comparison with stored files, all preparation and
 * the staging of new rows happen first, outside any transaction, letting other chats in; the
 * transaction then only checks that nothing changed meanwhile (else it plans and stages again
 * inside) and copies the staged rows in a few statements. All or nothing; an unchanged person is
 * not written and gets no audit entry.
 */
export async function applyImport(db: Db, people: ImportPerson[], options: ImportOptions): Promise<ImportResult> {
  if (options.dryRun) {
    const { items, errors } = await planImport(db, people, options.map);
    return { ...countPlan(items), errors };
  }
  const importId = randomUUID();
  const now = new Date();
  const seen = await fingerprint(db);
  const early = await planAndPrepare(db, people, options);
  await clearStaleStaging(db.$direct, now);
  try {
    await stageImport(db.$direct, importId, early.prepared, now);
    return await db.$transaction(
      async (tx) => {
        const writes = db.$direct.within(tx);
        let planned = early;
        if ((await fingerprint(tx)) !== seen) {
          planned = await planAndPrepare(tx, people, options);
          await clearStaging(writes, importId);
          await stageImport(writes, importId, planned.prepared, now);
        }
        await writeImport(tx, writes, importId, planned.prepared, options.actor, now);
        return { ...countPlan(planned.items), errors: planned.errors };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
    );
  } catch (err) {
    // The transaction took its own writes back; the staged rows were written before it.
    await clearStaging(db.$direct, importId).catch(() => undefined);
    throw err;
  }
}
