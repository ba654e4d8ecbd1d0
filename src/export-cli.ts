/**
 * `npm run export -- --year 2026 --out report.xlsx [--sensitive]`: the year's workbook and its
 * figures from the command line, for scripting (the same workbook as 导出 and the same report as
 * 统计 in a chat). Without `--out`, only the report is printed. A composition root beside main.ts:
 * config, database, the export and statistics features, one file out, the report on stdout.
 * `--sensitive` adds the sensitive columns; whoever runs it holds the database anyway. Every
 * export is audited, as from the CLI.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createI18n } from './core/i18n.ts';
import { commandLine, openOrSay } from './command-line.ts';
import { loadConfig } from './config.ts';
import { exportYear, yearReport } from './features/index.ts';

async function run(argv: string[]): Promise<number> {
  const config = loadConfig();
  const t = createI18n().for(config.locale);
  let args;
  try {
    args = parseArgs({ args: argv, options: { year: { type: 'string' }, out: { type: 'string' }, sensitive: { type: 'boolean', default: false } } }).values;
  } catch {
    args = null;
  }
  const year = Number(args?.year ?? new Date().getFullYear());
  if (!args || !Number.isInteger(year) || year < 2000 || year > 2100) {
    process.stderr.write(`${t('export.cli_usage')}\n`);
    return 2;
  }
  const store = await openOrSay(config.databaseUrl);
  if (!store) return 1;
  try {
    if (args.out) {
      const book = await exportYear(store.db, { year, sensitive: args.sensitive ?? false, t, actor: null });
      const out = resolve(args.out);
      writeFileSync(out, book.data);
      process.stdout.write(`${t('export.cli_done', { out, year, sheets: book.sheets.join('、') })}\n`);
    }
    process.stdout.write(`${await yearReport(store.db, year, t, config.locale)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

commandLine(run);
