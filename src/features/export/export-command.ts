import type { Command } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../core/command.ts';
import type { Translate } from '../../core/i18n.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { buildWorkbook } from './workbook.ts';

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

/**
 * 导出 (/export) [年份]: the year's workbook, sent as a file. Staff get it without the sensitive
 * columns (ID number, phone, address, income, health); admins get them too. Private chats only:
 * a group never gets a file with personal data.
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
      const m = /^(20\d{2})年?$/.exec(word);
      if (word && !m) return { text: ctx.t('export.usage', { year: Number(ctx.today().slice(0, 4)) }) };
      const year = m ? Number(m[1]) : Number(ctx.today().slice(0, 4));
      const sensitive = ctx.account.role === 'admin';
      const book = await exportYear(deps.db, { year, sensitive, t: ctx.t, actor: ctx.actor });
      return {
        text: ctx.t(sensitive ? 'export.done_sensitive' : 'export.done', { year, sheets: book.sheets.join('、') }),
        file: { name: `honorcare-${year}.xlsx`, mimeType: XLSX, data: book.data },
      };
    },
  };
}
