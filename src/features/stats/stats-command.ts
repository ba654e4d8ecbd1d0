import type { Command } from '../../core/command.ts';
import { yearWord } from '../../domain/dates.ts';
import { honourCategoryOf, levelOf } from '../../domain/vocabulary.ts';
import type { FeatureDeps } from '../feature.ts';
import { statsChartPng } from './chart.ts';
import { reportText } from './report-text.ts';
import { yearStats, type StatsFilter } from './year-stats.ts';

const EMPLOYER = /^(?:单位|employer)[:：=](.+)$/i;

/** The filter the words give, or the word not understood. */
function readFilter(words: string[], thisYear: number): StatsFilter | { unknown: string } {
  const f: StatsFilter = { year: thisYear };
  for (const word of words) {
    const w = word.normalize('NFKC');
    const year = yearWord(w);
    const employer = EMPLOYER.exec(w);
    if (year) f.year = year;
    else if (employer) f.employer = employer[1].trim();
    else if (levelOf(w)) f.level = levelOf(w);
    else if (honourCategoryOf(w)) f.category = honourCategoryOf(w);
    else return { unknown: word };
  }
  return f;
}

/**
 * 统计 (/stats) [年份] [级别] [类别] [单位:…]: the year's figures in the words of the report an office
 * sends upward: honorees by level and kind, collective honours, visits by kind and people reached,
 * money given, checkups done, subsidies paid and unpaid, the priority register; with them a chart
 * (PNG) of people by level, visits by kind and checkups done. Counted by the database; money, so a
 * private chat.
 */
export function statsCommand(deps: FeatureDeps): Command {
  return {
    id: 'stats',
    keywords: ['统计', 'stats'],
    slash: 'stats',
    roles: ['staff'],
    where: 'private',
    run: async (ctx, args) => {
      const thisYear = Number(ctx.today().slice(0, 4));
      const f = readFilter(args.split(/\s+/).filter(Boolean), thisYear);
      if ('unknown' in f) return { text: ctx.t('stats.usage', { word: f.unknown, year: thisYear }) };
      const stats = await yearStats(deps.db, f);
      // One reply: Telegram shows the chart as a photo with the report as its caption, WeChat the
      // report and then the picture.
      const image = { name: `honorcare-stats-${f.year}.png`, mimeType: 'image/png', data: await statsChartPng(ctx.t, stats, f) };
      return { text: reportText(ctx.t, ctx.locale, f, stats), image };
    },
  };
}
