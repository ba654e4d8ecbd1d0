import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { Translate } from '../../core/i18n.ts';
import { loopTurn } from '../../core/loop-turn.ts';
import type { Db } from '../../db/client.ts';
import { yearStats } from '../stats/index.ts';
import { addSheet, inMemory, type Column, type RowSource } from './sheet.ts';
import { statsRows } from './stats-sheet.ts';

/** Rows read per statement (and between two turns of the event loop). */
const CHUNK = 1_000;

export interface ExportOptions {
  year: number;
  /** Include the sensitive columns (an admin, in a private chat). */
  sensitive: boolean;
  t: Translate;
}

/**
 * A table's rows in id order as a sheet's source: read a chunk at a time each time the sheet goes
 * through them, the event loop turning between chunks. Only a chunk is held at once.
 */
function paged<T extends { id: number }>(read: (after: number, take: number) => Promise<T[]>): RowSource<T> {
  return async (each) => {
    for (let after = 0; ; ) {
      const rows = await read(after, CHUNK);
      if (rows.length && (await each(rows)) === 'enough') return;
      if (rows.length < CHUNK) return;
      after = rows.at(-1)!.id;
      await loopTurn();
    }
  };
}

/** The row type of a source. */
type RowOf<S> = S extends RowSource<infer R> ? R : never;

/** Ids per statement when names are looked up: SQLite takes at most 999 bound values in one. */
const IDS_PER_STATEMENT = 500;

type Named<T> = T & { honoree: { fileNo: string; name: string } };

/**
 * A table's chunk read with its people's file numbers and names looked up by id (a statement per
 * 500 people): no table of everyone's names is held through the export.
 */
function withNames<T extends { id: number; honoreeId: number }>(db: Db, read: (after: number, take: number) => Promise<T[]>): (after: number, take: number) => Promise<Array<Named<T>>> {
  return async (after, take) => {
    const rows = await read(after, take);
    const ids = [...new Set(rows.map((r) => r.honoreeId))];
    const names = new Map<number, { fileNo: string; name: string }>();
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
      const found = await db.honoree.findMany({ where: { id: { in: ids.slice(i, i + IDS_PER_STATEMENT) } }, select: { id: true, fileNo: true, name: true } });
      for (const h of found) names.set(h.id, { fileNo: h.fileNo, name: h.name });
    }
    // A file removed meanwhile (cascading its rows) leaves nothing to name: the row reads empty.
    return rows.map((r) => ({ ...r, honoree: names.get(r.honoreeId) ?? { fileNo: '', name: '' } }));
  };
}

/** What the year's sheets hold of each table, for the sheets and for counting them alike. */
function ofYear(year: number) {
  return {
    surveys: { year },
    visits: { visitDate: { gte: `${year}-01-01`, lte: `${year}-12-31` } },
    appointments: { campaign: { year, status: { not: 'draft' } } },
    payments: { period: year },
  } as const;
}

/** The rows of the year's workbook, about: counted by the database, to tell a long export from a short one. */
export async function workbookRows(db: Db, year: number): Promise<number> {
  const of = ofYear(year);
  const counts = await Promise.all([
    db.honoree.count(),
    db.honour.count(),
    db.collectiveHonour.count(),
    db.survey.count({ where: of.surveys }),
    db.visit.count({ where: of.visits }),
    db.checkupAppointment.count({ where: of.appointments }),
    db.subsidyPayment.count({ where: of.payments }),
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
  const of = ofYear(year);
  // Streamed: rows are read a chunk at a time and go out into the file as they are added, so memory
  // holds the compressed file and a chunk of rows with its people's names, at any size.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  // zlib's usual level 6: a fifth smaller than exceljs's default (10 MB against 12.6 at 100,000
  // people), in the same time, the deflate running beside the writing (sheet.ts keeps up with it).
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 6 } } });
  const label = (group: string, value: string | null) => (value ? t(`vocab.${group}.${value}`) : null);
  const files = paged((after, take) => db.honoree.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take }));
  const who = <R extends { honoree: { fileNo: string; name: string } }>(): Array<Column<R>> => [
    { key: 'fileNo', kind: 'text', value: (r) => r.honoree.fileNo },
    { key: 'name', kind: 'text', value: (r) => r.honoree.name },
  ];
  const sheets: string[] = [];
  const add = async <R>(key: string, columns: Array<Column<R>>, rows: RowSource<R>) => {
    const name = t(`export.sheets.${key}`);
    await addSheet(wb, t, name, columns, rows, sensitive);
    sheets.push(name);
  };

  await add<RowOf<typeof files>>('roster', [
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

  const honours = paged(withNames(db, (after, take) => db.honour.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take })));
  await add<RowOf<typeof honours>>('honours', [
    ...who(),
    { key: 'category', kind: 'text', value: (h) => label('categories', h.category) },
    { key: 'level', kind: 'text', value: (h) => label('levels', h.level) },
    { key: 'year', kind: 'int', value: (h) => h.year },
    { key: 'awardingBody', kind: 'text', value: (h) => h.awardingBody },
    { key: 'documentNo', kind: 'text', value: (h) => h.documentNo },
  ], honours);

  const teams = await db.collectiveHonour.findMany({ orderBy: [{ year: 'desc' }, { id: 'asc' }], include: { members: { include: { honoree: { select: { name: true } } } } } });
  await add<(typeof teams)[number]>('collective', [
    { key: 'teamName', kind: 'text', value: (c) => c.teamName },
    { key: 'employer', kind: 'text', value: (c) => c.employer },
    { key: 'category', kind: 'text', value: (c) => label('categories', c.category) },
    { key: 'level', kind: 'text', value: (c) => label('levels', c.level) },
    { key: 'year', kind: 'int', value: (c) => c.year },
    { key: 'members', kind: 'text', value: (c) => c.members.map((m) => m.honoree?.name ?? m.name).join('、') },
  ], inMemory(teams));

  const surveys = paged(withNames(db, (after, take) => db.survey.findMany({ where: { id: { gt: after }, ...of.surveys }, orderBy: { id: 'asc' }, take })));
  await add<RowOf<typeof surveys>>('surveys', [
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

  const visits = paged(withNames(db, (after, take) => db.visit.findMany({ where: { id: { gt: after }, ...of.visits }, orderBy: { id: 'asc' }, take })));
  await add<RowOf<typeof visits>>('visits', [
    { key: 'visitDate', kind: 'date', value: (v) => v.visitDate },
    ...who(),
    { key: 'kind', kind: 'text', value: (v) => label('visit_kinds', v.kind) },
    { key: 'money', kind: 'money', value: (v) => v.moneyFen || null },
    { key: 'gifts', kind: 'text', value: (v) => v.gifts },
    { key: 'notes', kind: 'text', value: (v) => v.notes },
  ], visits);

  const appointments = paged(withNames(db, (after, take) =>
    db.checkupAppointment.findMany({ where: { id: { gt: after }, ...of.appointments }, orderBy: { id: 'asc' }, take, include: { campaign: true, slot: true } }),
  ));
  await add<RowOf<typeof appointments>>('checkups', [
    ...who(),
    { key: 'hospital', kind: 'text', value: (a) => a.campaign.hospital },
    { key: 'checkupDate', kind: 'date', value: (a) => a.slot?.date ?? null },
    { key: 'checkupStatus', kind: 'text', value: (a) => t(`checkups.history.statuses.${a.status}`) },
    { key: 'reportSummary', kind: 'text', sensitive: true, value: (a) => a.reportSummary },
    { key: 'findings', kind: 'text', sensitive: true, value: (a) => a.findings },
    { key: 'guidance', kind: 'text', sensitive: true, value: (a) => a.guidance },
  ], appointments);

  const payments = paged(withNames(db, (after, take) => db.subsidyPayment.findMany({ where: { id: { gt: after }, ...of.payments }, orderBy: { id: 'asc' }, take, include: { policy: { select: { name: true } } } })));
  await add<RowOf<typeof payments>>('subsidies', [
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
  ], inMemory(statsRows(t, stats)));

  await wb.commit();
  return { data: new Uint8Array(Buffer.concat(chunks)), sheets };
}
