import { z } from 'zod';
import { ask, type Command, type CommandContext, type Flow, type Outcome } from '../../core/command.ts';
import { isUserError, UserError } from '../../core/errors.ts';
import type { IncomingFile, Reply } from '../../core/message.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { FeatureDeps } from '../feature.ts';
import { applyImport } from './apply-import.ts';
import { dropHeldFile, heldFile, holdFile } from './held-file.ts';
import { expectedHeader, mapColumns } from './columns.ts';
import { readTable } from './read-table.ts';
import { importReport } from './report.ts';
import { validateRows } from './validate-rows.ts';

const FLOW = 'import.file';
/** The question after a file sent alone was checked: import it (1) or not (2). */
const OFFER_FLOW = 'import.offer';
const OfferState = z.object({ heldId: z.number().int() });
/** Typed answers to that question, besides the digits. */
const YES_WORDS = new Set(['导入', '确认', '是', '好', 'yes', 'import']);
const NO_WORDS = new Set(['否', '不', '不导入', 'no']);
const DRY_RUN_WORDS = new Set(['试运行', '试导入', '预览', '预演', 'dry-run', 'dryrun', '--dry-run', 'preview']);
const FlowState = z.object({ dryRun: z.boolean() });

export const isDryRun = (words: string) => words.split(/\s+/).some((w) => DRY_RUN_WORDS.has(w.toLowerCase()));

/** A word that names a file (a terminal path the adapter could not find). */
const fileWord = (words: string) => words.split(/\s+/).find((w) => /[/\\]|\.(csv|xlsx|xls)$/i.test(w));

const MB = 1024 * 1024;
/** A file's size: "50.0 MB", one decimal so 10.04 MB over a 10 MB limit does not read "10 MB". */
export const formatSize = (bytes: number) => (bytes < MB ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / MB).toFixed(1)} MB`);
/** A limit: "10 MB" when round. */
export const formatLimit = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : formatSize(bytes));

/**
 * The office's date and time in a file name (20261123-100503): each error list gets a name of its
 * own, so saving a new one never overwrites the last.
 */
export function fileStamp(at: Date, timeZone = 'UTC'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}`;
}

/** The file's bytes, refused when too large: on the declared size before a byte is read, then on what arrived. */
async function readChecked(deps: FeatureDeps, file: IncomingFile): Promise<Uint8Array> {
  const tooLarge = (size: number) => new UserError('import.file.too_large', { size: formatSize(size), max: formatLimit(deps.maxUploadBytes) });
  if (file.size > deps.maxUploadBytes) throw tooLarge(file.size);
  const bytes = await file.read();
  // A platform's declared size is a claim; what arrived is the fact.
  if (bytes.length > deps.maxUploadBytes) throw tooLarge(bytes.length);
  return bytes;
}

interface Imported {
  report: Reply;
  /** People the import saves, or would save on a dry run (rows without errors). */
  importable: number;
}

/**
 * The whole import of one file's bytes: reading, columns, rows, database, answer. `offer`: a
 * dry run whose report is followed by the question whether to import (a file sent alone).
 */
async function importBytes(ctx: CommandContext, deps: FeatureDeps, name: string, bytes: Uint8Array, dryRun: boolean, offer = false): Promise<Imported> {
  const started = Date.now();
  const { format, rows } = await readTable(name, bytes);
  const { map, dataRows } = mapColumns(rows);
  const checked = await validateRows(dataRows, map, ctx.today());
  const result = await applyImport(deps.db, checked.people, { dryRun, actor: ctx.actor, fileNoPrefix: deps.fileNoPrefix, map });
  const errors = [...checked.errors, ...result.errors];
  // Counts only: a log line never carries names or ID numbers.
  ctx.log.info(
    { format, dryRun, rows: checked.rowCount, people: checked.people.length, created: result.created, updated: result.updated, unchanged: result.unchanged, errors: errors.length, ms: Date.now() - started },
    'roster import',
  );
  const importable = checked.people.length - result.errors.length;
  const report = importReport(ctx.t, {
    fileName: name,
    stamp: fileStamp(ctx.now(), deps.timeZone),
    dryRun,
    offer,
    rowCount: checked.rowCount,
    people: importable,
    counts: result,
    errors,
    warnings: checked.warnings,
    ignored: map.ignored,
  });
  return { report, importable };
}

/**
 * A unique constraint hit by the import's own SQL inserts: Prisma reports those as a failed raw
 * query (P2010) whose driver error names the kind, not as P2002.
 */
const isRawUniqueViolation = (err: unknown) =>
  typeof err === 'object' &&
  err !== null &&
  (err as { code?: string }).code === 'P2010' &&
  (err as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } }).meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';

async function run(ctx: CommandContext, deps: FeatureDeps, file: IncomingFile, dryRun: boolean): Promise<Outcome> {
  return answered(ctx, async () => (await importBytes(ctx, deps, file.name, await readChecked(deps, file), dryRun)).report);
}

/**
 * A roster file sent alone: checked at once as a dry run, and if anyone in it can be imported,
 * held while the sender answers `1` (import) or `2` (cancel).
 */
async function offer(ctx: CommandContext, deps: FeatureDeps, file: IncomingFile): Promise<Outcome> {
  return answered(ctx, async () => {
    const bytes = await readChecked(deps, file);
    const { report, importable } = await importBytes(ctx, deps, file.name, bytes, true, true);
    if (importable === 0) return report;
    const heldId = await holdFile(deps.db, ctx.account.id, { name: file.name, ...(file.mimeType ? { mimeType: file.mimeType } : {}), data: bytes }, ctx.now());
    return ask(OFFER_FLOW, { heldId }, report, offerQuestion(ctx, ctx.t('import.offer.question', { people: importable })));
  });
}

const offerQuestion = (ctx: CommandContext, text: string): Reply => ({
  text,
  choices: [
    { id: 'import', label: ctx.t('import.offer.import') },
    { id: 'cancel', label: ctx.t('import.offer.cancel') },
  ],
});

/** Runs an import, answering the errors a person can act on with their message. */
async function answered(ctx: CommandContext, work: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await work();
  } catch (err) {
    // Two imports, or an import and a guided add, creating the same file at once on PostgreSQL.
    if (isUniqueViolation(err) || isRawUniqueViolation(err)) return { text: ctx.t('import.conflict_retry') };
    // Answered here rather than by the engine, so a flow waiting for the file ends with the answer.
    if (isUserError(err)) return { text: ctx.t(err.key, err.params) };
    throw err;
  }
}

function askForFile(ctx: CommandContext, deps: FeatureDeps, dryRun: boolean, missingWord?: string): Outcome {
  const question = ctx.t(dryRun ? 'import.ask_file_dry_run' : 'import.ask_file', { max: formatLimit(deps.maxUploadBytes), expected: expectedHeader() });
  const text = missingWord ? `${ctx.t('import.no_such_file', { word: missingWord })}\n${question}` : question;
  return ask(FLOW, { dryRun }, { text });
}

/** 导入 /import: a roster file (attached, or asked for) upserted by ID number; 试运行 only reports. */
export function importCommand(deps: FeatureDeps): { command: Command; flows: Flow[] } {
  const command: Command = {
    id: 'import',
    keywords: ['导入', '导入花名册', 'import'],
    slash: 'import',
    roles: ['staff'],
    // Rosters carry ID numbers and phones: never in a group.
    where: 'private',
    takesFile: true,
    run: async (ctx, args) => {
      const dryRun = isDryRun(args);
      const file = ctx.incoming.file;
      if (!file) return askForFile(ctx, deps, dryRun, fileWord(args));
      return run(ctx, deps, file, dryRun);
    },
    fileAlone: (ctx) => offer(ctx, deps, ctx.incoming.file!),
  };

  const flow: Flow = {
    name: FLOW,
    // Waiting for a file: every message answers the question until a file comes or 取消.
    interruptible: false,
    // The file it waits for is its answer, whatever its caption says (`导入`, `导入 试运行`).
    claims: (_state, input) => input.file !== undefined,
    async step(ctx, raw, input) {
      const state = FlowState.safeParse(raw);
      const dryRun = (state.success && state.data.dryRun) || isDryRun(input.text ?? '');
      if (!input.file) return ask(FLOW, { dryRun }, { text: ctx.t('import.still_waiting') });
      return run(ctx, deps, input.file, dryRun);
    },
  };
  const offered: Flow = {
    name: OFFER_FLOW,
    // A question with two choices: another command simply runs, and the file waits no longer.
    interruptible: true,
    async step(ctx, raw, input) {
      const state = OfferState.safeParse(raw);
      if (!state.success) return { text: ctx.t('import.offer.gone') };
      const { heldId } = state.data;
      const word = (input.text ?? '').trim().toLowerCase();
      if (input.choice === 'cancel' || NO_WORDS.has(word)) {
        await dropHeldFile(deps.db, heldId, ctx.account.id);
        return { text: ctx.t('import.offer.cancelled') };
      }
      if (input.choice !== 'import' && !YES_WORDS.has(word)) return ask(OFFER_FLOW, state.data, offerQuestion(ctx, ctx.t('import.offer.again')));
      const file = await heldFile(deps.db, heldId, ctx.account.id);
      if (!file) return { text: ctx.t('import.offer.gone') };
      const outcome = await run(ctx, deps, file, false);
      await dropHeldFile(deps.db, heldId, ctx.account.id);
      return outcome;
    },
  };
  return { command, flows: [flow, offered] };
}
