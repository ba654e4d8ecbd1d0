import type { Locale, Translate } from '../../core/i18n.ts';
import type { ChannelName } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { todayIn, wallClock } from '../../domain/index.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import type { DigestSection } from '../feature.ts';
import { activeGroups } from '../groups/index.ts';
import { composeDigest } from './compose.ts';

export interface DigestPlanOptions {
  sections: readonly DigestSection[];
  timeZone: string;
  /** HH:MM, office time. */
  digestTime: string;
  /** Groups have no language of their own: the office's. */
  t: Translate;
  locale: Locale;
}

/**
 * The digest planner: from the digest time on, each active notification group gets today's
 * digest once (its dedupe key names the group and the day). It runs at the digest time and at
 * every start, so a bot that was down at 08:30 sends that day's digest when it comes back; a
 * day it was down entirely is not sent late. Returns how many digests it wrote.
 */
export async function planDigests(db: Db, now: Date, o: DigestPlanOptions): Promise<number> {
  if (wallClock(now, o.timeZone).time < o.digestTime) return 0;
  const today = todayIn(o.timeZone, now);
  const groups = await activeGroups(db);
  let written = 0;
  for (const g of groups) {
    const dedupeKey = `digest:${g.id}:${today}`;
    // Composing costs a few queries: not again for a group that has today's already.
    if (await db.notification.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
    const body = await composeDigest(o.sections, { for: { groupId: g.id }, now, today, timeZone: o.timeZone, t: o.t, locale: o.locale });
    const to = { channel: g.channel as ChannelName, via: g.via || undefined, chatId: g.chatId, kind: 'group' as const };
    const created = await db.$transaction((tx) =>
      enqueue(tx, { dedupeKey, to, groupId: g.id, kind: 'digest', messageKey: 'digest.message', params: { body }, dueAt: now }, now),
    );
    if (created) written++;
  }
  return written;
}
