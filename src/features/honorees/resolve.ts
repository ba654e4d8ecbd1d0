import type { Translate } from '../../core/i18n.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { hitLine } from './format.ts';
import { notFound } from './not-found.ts';
import { fileRef, searchHonorees, type HonoreeHit, type SearchResult } from './search.ts';

export type Resolved = { one: HonoreeHit; pick?: undefined } | { one?: undefined; pick: Reply };

/** How many people a pick-list offers. */
const PICK_LIMIT = 10;

export interface ResolveOptions {
  /** Asked in a group chat: no look-up by phone ending, and no phone or ID number echoed. */
  group?: boolean;
}

/**
 * Finds the one person a command is about. None: a clear message. Several: a numbered list
 * whose choices re-run the command with a reference to the chosen file (`commandFor(ref)`;
 * the reference is opaque to the caller and found again by searchHonorees).
 */
export async function resolveHonoree(
  db: Db,
  t: Translate,
  query: string,
  commandFor: (ref: string) => string,
  options: ResolveOptions = {},
): Promise<Resolved> {
  const group = options.group ?? false;
  const result = await searchHonorees(db, query, PICK_LIMIT, { phone: !group });
  if (result.total === 0) throw notFound(query, group);
  if (result.total === 1) return { one: result.hits[0] };
  // An exact name or file number among several fragment matches is the one meant.
  const exact = result.hits.filter((h) => h.name === query || h.fileNo === query.toUpperCase());
  if (exact.length === 1) return { one: exact[0] };
  return { pick: pickList(t, result, commandFor) };
}

export function pickList(t: Translate, result: SearchResult, commandFor: (ref: string) => string): Reply {
  const text = result.more ? t('honorees.pick_more', { shown: result.hits.length }) : t('honorees.pick', { count: result.total });
  return { text, choices: result.hits.map((h) => ({ id: commandFor(fileRef(h.id)), label: hitLine(t, h) })) };
}
