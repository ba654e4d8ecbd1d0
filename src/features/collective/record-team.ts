import type { Actor } from '../../core/command.ts';
import type { Db, Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { TeamEntry } from './parse-team-line.ts';

/**
 * What happened to one typed member name. A name is linked to a file only when exactly one
 * file has that exact name: guessing between two people of the same name would put an honour
 * in the wrong person's file.
 */
export type MemberOutcome =
  | { name: string; status: 'linked'; fileNo: string }
  | { name: string; status: 'no_file' | 'ambiguous' | 'already' };

export interface RecordResult {
  created: boolean;
  teamName: string;
  category: string;
  level: string;
  year: number;
  awardingBody: string | null;
  members: MemberOutcome[];
}

/**
 * Records a collective honour and adds the members not yet on it, in one transaction with
 * its audit entries: a create for a new honour, and an update whose `members` (and
 * `awardingBody`) show the list before and after. Typing the same line twice changes nothing.
 */
export async function recordTeamHonour(db: Db, entry: TeamEntry, actor: Actor): Promise<RecordResult> {
  try {
    return await db.$transaction((tx) => recordIn(tx, entry, actor));
  } catch (err) {
    // Two people recorded the same new honour at the same moment: the other one's row now
    // exists, so a second attempt adds to it instead of failing.
    if (!isUniqueViolation(err)) throw err;
    return db.$transaction((tx) => recordIn(tx, entry, actor));
  }
}

async function recordIn(tx: Tx, entry: TeamEntry, actor: Actor): Promise<RecordResult> {
  const { category, level, year, awardingBody } = entry.honour;
  const key = { teamName: entry.teamName, category, level, year };
  const include = { members: { orderBy: { id: 'asc' as const }, select: { name: true } } };

  let row = await tx.collectiveHonour.findUnique({ where: { teamName_category_level_year: key }, include });
  const created = !row;
  if (!row) {
    row = await tx.collectiveHonour.create({ data: { ...key, awardingBody: awardingBody ?? null }, include });
    const { members: _members, ...columns } = row;
    await recordAudit(tx, actor, 'collective_honour', row.id, 'create', null, columns);
  }
  const before = { awardingBody: row.awardingBody, members: row.members.map((m) => m.name) };

  // A body typed on a later line fills in or corrects the stored one, as for individual honours.
  let current = row.awardingBody;
  if (!created && awardingBody && awardingBody !== row.awardingBody) {
    current = (await tx.collectiveHonour.update({ where: { id: row.id }, data: { awardingBody } })).awardingBody;
  }

  const known = new Set(before.members);
  const fresh = entry.members.filter((n) => !known.has(n));
  const files = await filesByName(tx, fresh);
  const outcomes: MemberOutcome[] = entry.members.map((name) => {
    if (known.has(name)) return { name, status: 'already' };
    const found = files.get(name) ?? [];
    if (found.length === 1) return { name, status: 'linked', fileNo: found[0].fileNo };
    return { name, status: found.length ? 'ambiguous' : 'no_file' };
  });
  if (fresh.length) {
    await tx.collectiveHonourMember.createMany({
      data: fresh.map((name) => {
        const found = files.get(name) ?? [];
        return { collectiveHonourId: row.id, name, honoreeId: found.length === 1 ? found[0].id : null };
      }),
    });
  }
  // Writes nothing when neither the body nor the member list changed.
  await recordAudit(tx, actor, 'collective_honour', row.id, 'update', before, { awardingBody: current, members: [...before.members, ...fresh] });

  return { created, teamName: row.teamName, category, level, year, awardingBody: current, members: outcomes };
}

/** Files whose name is exactly one of `names`; at most two per name tell "one" from "several". */
async function filesByName(tx: Tx, names: string[]): Promise<Map<string, { id: number; fileNo: string }[]>> {
  const out = new Map<string, { id: number; fileNo: string }[]>();
  if (!names.length) return out;
  const rows = await tx.honoree.findMany({ where: { name: { in: names } }, select: { id: true, name: true, fileNo: true }, orderBy: { id: 'asc' } });
  for (const r of rows) {
    const list = out.get(r.name) ?? [];
    if (list.length < 2) list.push({ id: r.id, fileNo: r.fileNo });
    out.set(r.name, list);
  }
  return out;
}
