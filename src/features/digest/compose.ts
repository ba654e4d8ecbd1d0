import { weekdayOf } from '../../domain/index.ts';
import type { DigestQuery, DigestSection } from '../feature.ts';

/** What a digest is composed for: the same as what each section is asked. */
export type DigestRequest = DigestQuery;

/**
 * The digest as one text: a dated heading, then each section that has something, in the order
 * given, a blank line apart. A day with nothing at all is one short line. Sections run one
 * after another: each is a few bounded queries, and one digest must not hog the database.
 */
export async function composeDigest(sections: readonly DigestSection[], r: DigestRequest): Promise<string> {
  const parts: string[][] = [];
  for (const s of sections) {
    const lines = await s.collect(r);
    if (lines.length) parts.push(lines);
  }
  const day = r.t('digest.day', { date: r.today, weekday: r.t(`reminders.weekdays.${weekdayOf(r.today)}`) });
  if (!parts.length) return r.t('digest.nothing', { day });
  return [r.t('digest.heading', { day }), ...parts.map((p) => p.join('\n'))].join('\n\n');
}
