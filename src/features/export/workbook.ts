import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { Translate } from '../../core/i18n.ts';
import { loopTurn } from '../../core/loop-turn.ts';
import type { Db } from '../../db/client.ts';
import { yearStats } from '../stats/index.ts';
import { addSheet, type Column } from './sheet.ts';
import { statsRows } from './stats-sheet.ts';

/** Rows read per statement (and between two turns of the event loop). */
const CHUNK = 1_000;

export interface ExportOptions {
  year: number;
  /** Include the sensitive columns (an admin, in a private chat). */
  sensitive: boolean;
  t: Translate;
}

/** Every row of a table in id order, a chunk at a time, the event loop turning between chunks. */
async function readAll<T extends { id: number }>(read: (after: number, take: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let after = 0; ; ) {
    const rows = await read(after, CHUNK);
    all.push(...rows);
    if (rows.length < CHUNK) return all;
    after = rows.at(-1)!.id;
    await loopTurn();
  }
}

/** The rows of the year's workbook, about: counted by the database, to tell a long export from a short one. */
export async function workbookRows(db: Db, year: number): Promise<number> {
  const counts = await Promise.all([
    db.honoree.count(),
    db.honour.count(),
    db.collectiveHonour.count(),
    db.survey.count({ where: { year } }),
    db.visit.count({ where: { visitDate: { gte: `${year}-01-01`, lte: `${year}-12-31` } } }),
    db.checkupAppointment.count({ where: { campaign: { year, status: { not: 'draft' } } } }),
    db.subsidyPayment.count({ where: { period: year } }),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * The year's workbook for reporting upward: roster, honours, collective honours, the year's
 * surveys, visits, checkups and subsidies, and the statistics laid out as the report has them.
 * Returns the file and the names of its sheets.
 */
export async function buildWorkbook(db: Db, o: ExportOptions): Promise<{ data: Uint8Array; sheets: string[] }> {
  const { t, year, sensitive } = o;
  // Streamed: rows go out into the file as they are added, so memory stays bounded at any size.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const label = (group: string, value: string | null) => (value ? t(`vocab.${group}.${value}`) : null);
  const files = await readAll((after, take) => db.honoree.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take }));
  const fileOf = new Map(files.map((f) => [f.id, f]));
  const who = <R extends { honoreeId: number }>(): Array<Column<R>> => [
    { key: 'fileNo', kind: 'text', value: (r) => fileOf.get(r.honoreeId)?.fileNo ?? null },
    { key: 'name', kind: 'text', value: (r) => fileOf.get(r.honoreeId)?.name ?? null },
  ];
  const sheets: string[] = [];
  const add = async <R>(key: string, columns: Array<Column<R>>, rows: readonly R[]) => {
    const name = t(`export.sheets.${key}`);
    await addSheet(wb, t, name, columns, rows, sensitive);
    sheets.push(name);
  };

  await add<(typeof files)[number]>('roster', [
    { key: 'fileNo', kind: 'text', value: (f) => f.fileNo },
    { key: 'name', kind: 'text', value: (f) => f.name },
    { key: 'gender', kind: 'text', value: (f) => label('genders', f.gender) },
    { key: 'ethnicity', kind: 'text', value: (f) => f.ethnicity },
    { key: 'birthDate', kind: 'date', value: (f) => f.birthDate },
    { key: 'idNumber', kind: 'text', sensitive: true, value: (f) => f.idNumber },
    { key: 'phone', kind: 'text', sensitive: true, value: (f) => f.phone },
    { key: 'employer', kind: 'text', value: (f) => f.employer },
    { key: 'position', kind: 'text', value: (f) => f.position },
    { key: 'status', kind: 'text', value: (f) => label('statuses', f.employmentStatus) },
    { key: 'address', kind: 'text', sensitive: true, value: (f) => f.address },
  ], files);

  const honours = await readAll((after, take) => db.honour.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take }));
  await add<(typeof honours)[number]>('honours', [
    ...who(),
    { key: 'category', kind: 'text', value: (h) => label('categories', h.category) },
    { key: 'level', kind: 'text', value: (h) => label('levels', h.level) },
    { key: 'year', kind: 'int', value: (h) => h.year },
    { key: 'awardingBody', kind: 'text', value: (h) => h.awardingBody },
    { key: 'documentNo', kind: 'text', value: (h) => h.documentNo },
  ], honours);

  const teams = await db.collectiveHonour.findMany({ orderBy: [{ year: 'desc' }, { id: 'asc' }], include: { members: true } });
  await add<(typeof teams)[number]>('collective', [
    { key: 'teamName', kind: 'text', value: (c) => c.teamName },
    { key: 'employer', kind: 'text', value: (c) => c.employer },
    { key: 'category', kind: 'text', value: (c) => label('categories', c.category) },
    { key: 'level', kind: 'text', value: (c) => label('levels', c.level) },
    { key: 'year', kind: 'int', value: (c) => c.year },
    { key: 'members', kind: 'text', value: (c) => c.members.map((m) => (m.honoreeId ? fileOf.get(m.honoreeId)?.name : null) ?? m.name).join('、') },
  ], teams);

  const surveys = await readAll((after, take) => db.survey.findMany({ where: { id: { gt: after }, year }, orderBy: { id: 'asc' }, take }));
  await add<(typeof surveys)[number]>('surveys', [
    ...who(),
    { key: 'workSituation', kind: 'text', value: (s) => s.workSituation },
    { key: 'householdIncome', kind: 'money', sensitive: true, value: (s) => s.householdIncomeFen },
    { key: 'perCapitaIncome', kind: 'money', sensitive: true, value: (s) => s.perCapitaIncomeFen },
    { key: 'familyMembers', kind: 'text', value: (s) => s.familyMembers },
    { key: 'hardshipCauses', kind: 'text', value: (s) => s.hardshipCauses },
    { key: 'healthStatus', kind: 'text', sensitive: true, value: (s) => s.healthStatus },
    { key: 'priorityHardship', kind: 'text', value: (s) => (s.priorityHardship ? t('export.yes') : null) },
    { key: 'priorityHealth', kind: 'text', sensitive: true, value: (s) => (s.priorityHealth ? t('export.yes') : null) },
    { key: 'priorityReason', kind: 'text', sensitive: true, value: (s) => s.priorityReason },
  ], surveys);

  const visits = await readAll((after, take) => db.visit.findMany({ where: { id: { gt: after }, visitDate: { gte: `${year}-01-01`, lte: `${year}-12-31` } }, orderBy: { id: 'asc' }, take }));
  await add<(typeof visits)[number]>('visits', [
    { key: 'visitDate', kind: 'date', value: (v) => v.visitDate },
    ...who(),
    { key: 'kind', kind: 'text', value: (v) => label('visit_kinds', v.kind) },
    { key: 'money', kind: 'money', value: (v) => v.moneyFen || null },
    { key: 'gifts', kind: 'text', value: (v) => v.gifts },
    { key: 'notes', kind: 'text', value: (v) => v.notes },
  ], visits);

  const appointments = await readAll((after, take) =>
    db.checkupAppointment.findMany({ where: { id: { gt: after }, campaign: { year, status: { not: 'draft' } } }, orderBy: { id: 'asc' }, take, include: { campaign: true, slot: true } }),
  );
  await add<(typeof appointments)[number]>('checkups', [
    ...who(),
    { key: 'hospital', kind: 'text', value: (a) => a.campaign.hospital },
    { key: 'checkupDate', kind: 'date', value: (a) => a.slot?.date ?? null },
    { key: 'checkupStatus', kind: 'text', value: (a) => t(`checkups.history.statuses.${a.status}`) },
    { key: 'reportSummary', kind: 'text', sensitive: true, value: (a) => a.reportSummary },
    { key: 'findings', kind: 'text', sensitive: true, value: (a) => a.findings },
    { key: 'guidance', kind: 'text', sensitive: true, value: (a) => a.guidance },
  ], appointments);

  const payments = await readAll((after, take) => db.subsidyPayment.findMany({ where: { id: { gt: after }, period: year }, orderBy: { id: 'asc' }, take, include: { policy: { select: { name: true } } } }));
  await add<(typeof payments)[number]>('subsidies', [
    ...who(),
    { key: 'policy', kind: 'text', value: (p) => p.policy.name },
    { key: 'amount', kind: 'money', value: (p) => p.amountFen },
    { key: 'dueDate', kind: 'date', value: (p) => p.dueDate },
    { key: 'paymentStatus', kind: 'text', value: (p) => t(`export.payment_statuses.${p.status}`) },
    { key: 'paidOn', kind: 'date', value: (p) => p.paidOn },
    { key: 'reference', kind: 'text', value: (p) => p.reference },
  ], payments);

  const stats = await yearStats(db, { year });
  await add<{ item: string; value: number | string }>('stats', [
    { key: 'item', kind: 'text', value: (r) => r.item },
    { key: 'value', kind: 'text', value: (r) => r.value },
  ], statsRows(t, stats));

  await wb.commit();
  return { data: new Uint8Array(Buffer.concat(chunks)), sheets };
}
