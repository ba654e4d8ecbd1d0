import type { Actor } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import { checkIdNumber, nameKeys, phoneLast4 } from '../../domain/index.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';
import type { HonoreeField } from './fields.ts';

/** Values of a file as parsed from what staff typed (null clears a field). */
export type HonoreeValues = Partial<Record<HonoreeField, string | null>>;

/** The stored columns that follow from typed ones: search keys, and what an ID number tells. */
export function derivedColumns(values: HonoreeValues, current?: { birthDate: string | null; gender: string | null; idNumber: string | null }) {
  const out: Record<string, string | null> = {};
  if (values.name) {
    const keys = nameKeys(values.name);
    out.pinyinFull = keys.full;
    out.pinyinInitials = keys.initials;
  }
  if (values.phone !== undefined) out.phoneLast4 = values.phone ? phoneLast4(values.phone) : null;
  if (values.idNumber) {
    const id = checkIdNumber(values.idNumber);
    // A new ID number brings the birth date and gender it states (the card is the official record,
    // and a file must not say one thing in its ID number and another beside it); the same one fills
    // them in where empty. Not where they come typed in the same change.
    const isNew = values.idNumber !== current?.idNumber;
    if (id.ok && values.birthDate === undefined && (isNew || !current?.birthDate)) out.birthDate = id.birthDate;
    if (id.ok && values.gender === undefined && (isNew || !current?.gender)) out.gender = id.gender;
  }
  return out;
}

/**
 * The next free automatic file number: prefix + 5 digits (LM00001, LM00002 ...). Only numbers
 * of that shape count (an imported "LMA01" does not), and a number already taken is skipped,
 * so a hand-given or imported file number can never be handed out again.
 */
export async function nextFileNo(tx: Tx, prefix: string): Promise<string> {
  const last = await tx.honoree.findFirst({
    // Digits only after the prefix: ':' is the character after '9'.
    where: { fileNo: { gte: `${prefix}0`, lt: `${prefix}:` } },
    orderBy: { fileNo: 'desc' },
    select: { fileNo: true },
  });
  let n = last ? Number(/(\d+)$/.exec(last.fileNo)?.[1] ?? 0) + 1 : 1;
  for (;;) {
    const candidate = `${prefix}${String(n).padStart(5, '0')}`;
    if (!(await tx.honoree.findUnique({ where: { fileNo: candidate }, select: { id: true } }))) return candidate;
    n++;
  }
}

async function assertUnique(tx: Tx, values: HonoreeValues, exceptId?: number): Promise<void> {
  if (values.idNumber) {
    const other = await tx.honoree.findUnique({ where: { idNumber: values.idNumber }, select: { id: true, fileNo: true, name: true } });
    if (other && other.id !== exceptId) throw new UserError('honorees.duplicate_id_number', { fileNo: other.fileNo, name: other.name });
  }
  if (values.fileNo) {
    const other = await tx.honoree.findUnique({ where: { fileNo: values.fileNo }, select: { id: true, name: true } });
    if (other && other.id !== exceptId) throw new UserError('honorees.duplicate_file_no', { fileNo: values.fileNo, name: other.name });
  }
}

/** Whether a write links team memberships now, or leaves it to one linkTeamMemberships call for a batch. */
export interface WriteOptions {
  linkTeams?: 'now' | 'later';
}

/** Creates a file and its audit entry, inside the caller's transaction. */
export async function createHonoree(tx: Tx, values: HonoreeValues & { name: string }, actor: Actor | null, fileNoPrefix: string, options: WriteOptions = {}) {
  await assertUnique(tx, values);
  const fileNo = values.fileNo ?? (await nextFileNo(tx, fileNoPrefix));
  // A skipped employment status means the default (employed), not "no status".
  if (values.employmentStatus === null) values = { ...values, employmentStatus: undefined };
  const data = { ...stripUndefined(values), ...derivedColumns(values), fileNo, name: values.name } as Parameters<Tx['honoree']['create']>[0]['data'];
  const row = await tx.honoree.create({ data });
  await recordAudit(tx, actor, 'honoree', row.id, 'create', null, row);
  if (options.linkTeams !== 'later') await linkTeamMemberships(tx, [row.name], actor);
  return row;
}

/** Changes some fields of a file and audits what changed, inside the caller's transaction. */
export async function updateHonoree(tx: Tx, id: number, values: HonoreeValues, actor: Actor | null, options: WriteOptions = {}) {
  const before = await tx.honoree.findUniqueOrThrow({ where: { id } });
  await assertUnique(tx, values, id);
  if (values.name === null) throw new UserError('honorees.invalid.name');
  const row = await tx.honoree.update({
    where: { id },
    data: { ...stripUndefined(values), ...derivedColumns(values, before) } as Parameters<Tx['honoree']['update']>[0]['data'],
  });
  await recordAudit(tx, actor, 'honoree', id, 'update', before, row);
  if (row.name !== before.name && options.linkTeams !== 'later') await linkTeamMemberships(tx, [row.name], actor);
  return row;
}

/**
 * A team recorded before a file existed (or before its name was put right) lists the person by
 * name only: link those memberships now, so the file shows the team. Not where several files
 * have the name: which of them is meant is for staff to say. Names of new or renamed files. Each
 * link is audited, as a change of its team (who did it: whoever added or renamed the file).
 */
export async function linkTeamMemberships(tx: Tx, names: string[], actor: Actor | null): Promise<void> {
  for (let i = 0; i < names.length; i += NAMES_PER_QUERY) {
    const waiting = await tx.collectiveHonourMember.findMany({
      where: { honoreeId: null, name: { in: names.slice(i, i + NAMES_PER_QUERY) } },
      select: { name: true },
      distinct: ['name'],
    });
    for (const { name } of waiting) {
      const files = await tx.honoree.findMany({ where: { name }, select: { id: true }, take: 2 });
      if (files.length !== 1) continue;
      const members = await tx.collectiveHonourMember.findMany({ where: { name, honoreeId: null }, orderBy: { id: 'asc' } });
      await tx.collectiveHonourMember.updateMany({ where: { id: { in: members.map((m) => m.id) } }, data: { honoreeId: files[0].id } });
      for (const m of members) {
        // Keyed by the member's name: the entry says who was linked to which file.
        await recordAudit(tx, actor, 'collective_honour', m.collectiveHonourId, 'update', { [`member:${m.name}`]: null }, { [`member:${m.name}`]: files[0].id });
      }
    }
  }
}

/** Well under every driver's limit of bound values in one statement. */
const NAMES_PER_QUERY = 500;

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
