import type { Translate } from '../../core/i18n.ts';
import { UserError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { hitLine } from './format.ts';
import { COUNT_CAP, searchHonorees, type HonoreeHit } from './search.ts';

export type Resolved = { one: HonoreeHit; pick?: undefined } | { one?: undefined; pick: Reply };

/** How many people a pick-list offers. */
const PICK_LIMIT = 10;

/**
 * Finds the one person a command is about. None: a clear message. Several: a numbered list
 * whose choices re-run the command for the chosen file number (`commandFor`).
 */
export async function resolveHonoree(db: Db, t: Translate, query: string, commandFor: (fileNo: string) => string): Promise<Resolved> {
  const result = await searchHonorees(db, query, PICK_LIMIT);
  if (result.total === 0) throw new UserError('honorees.not_found', { query });
  if (result.total === 1) return { one: result.hits[0] };
  // An exact name or file number among several fragment matches is the one meant.
  const exact = result.hits.filter((h) => h.name === query || h.fileNo === query.toUpperCase());
  if (exact.length === 1) return { one: exact[0] };
  return { pick: pickList(t, result.total, result.hits, commandFor) };
}

export function pickList(t: Translate, total: number, hits: HonoreeHit[], commandFor: (fileNo: string) => string): Reply {
  const lines = [t('honorees.pick', { count: total >= COUNT_CAP ? `${COUNT_CAP}+` : total })];
  if (total > hits.length) lines.push(t('honorees.pick_more', { shown: hits.length }));
  return { text: lines.join('\n'), choices: hits.map((h) => ({ id: commandFor(h.fileNo), label: hitLine(t, h) })) };
}
