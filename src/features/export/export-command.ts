import { randomUUID } from 'node:crypto';
import type { Actor, Command, CommandContext } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { yearWord } from '../../domain/dates.ts';
import type { Translate } from '../../core/i18n.ts';
import { enqueue, withdraw } from '../../outbox/enqueue.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { buildWorkbook, workbookRows } from './workbook.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Builds the year's workbook and audits the export (who, when, which sheets, with or without the
 * sensitive columns), the audit written once the file is made.
 */
export async function exportYear(db: Db, o: { year: number; sensitive: boolean; t: Translate; actor: Actor | null }): Promise<{ data: Uint8Array; sheets: string[] }> {
  const book = await buildWorkbook(db, o);
  await db.$transaction((tx) => recordAudit(tx, o.actor, 'export', o.year, 'create', null, { year: o.year, sheets: book.sheets.join('、'), sensitive: o.sensitive }));
  return book;
}

/** A workbook of more rows than this takes a few seconds: the person is told it is being made. */
export const WORKING_LINE_ROWS = 5_000;

/**
 * The "working" line of a long export, sent through the outbox right away while the workbook is
 * made (the reply itself can only come with the file). Returns its dedupe key, to take it back if
 * the file is ready before it left; null for a workbook quick enough to need none.
 */
async function sayWorking(db: Db, ctx: CommandContext, year: number): Promise<string | null> {
  const rows = await workbookRows(db, year);
  if (rows <= WORKING_LINE_ROWS) return null;
  const { chat, updateId } = ctx.incoming;
  // By the update where there is one: the same message delivered again announces nothing twice.
  const dedupeKey = `export:${chat.channel}:${chat.via ?? ''}:${chat.id}:${updateId ?? randomUUID()}`;
  const now = ctx.now();
  await db.$transaction((tx) =>
    enqueue(tx, { dedupeKey, to: { channel: chat.channel, via: chat.via, chatId: chat.id, kind: chat.kind }, accountId: ctx.account.id, kind: 'export', messageKey: 'export.working', params: { year, rows: rows.toLocaleString('en-US') }, dueAt: now }, now),
  );
  return dedupeKey;
}

/**
 * 导出 (/export) [年份]: the year's workbook, sent as a file. Staff get it without the sensitive
 * columns (ID number, phone, address, income, health); admins get them too. Private chats only:
 * a group never gets a file with personal data. A long one is announced by a "working" line first;
 * other chats go on meanwhile (the workbook is written in short stretches, see sheet.ts).
 */
export function exportCommand(deps: FeatureDeps): Command {
  return {
    id: 'export',
    keywords: ['导出', 'export'],
    slash: 'export',
    roles: ['staff'],
    where: 'private',
    run: async (ctx, args) => {
      const word = args.trim().normalize('NFKC');
      const written = yearWord(word);
      if (word && !written) return { text: ctx.t('export.usage', { word, year: Number(ctx.today().slice(0, 4)) }) };
      const year = written ?? Number(ctx.today().slice(0, 4));
      const sensitive = ctx.account.role === 'admin';
      const working = await sayWorking(deps.db, ctx, year);
      const book = await exportYear(deps.db, { year, sensitive, t: ctx.t, actor: ctx.actor }).finally(async () => {
        // A line left behind is only untimely: it must not turn a finished export into an error.
        if (working) await deps.db.$transaction((tx) => withdraw(tx, working, ctx.now())).catch((err: unknown) => ctx.log.warn({ err: { name: (err as Error)?.name, code: (err as { code?: string })?.code } }, 'export: working line not withdrawn'));
      });
      return {
        text: ctx.t(sensitive ? 'export.done_sensitive' : 'export.done', { year, sheets: book.sheets.join('、') }),
        file: { name: `honorcare-${year}.xlsx`, mimeType: XLSX, data: book.data },
      };
    },
  };
}
