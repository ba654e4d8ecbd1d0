import type { Command } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import type { DigestSection } from '../feature.ts';
import { findActiveGroup } from '../groups/index.ts';
import { composeDigest } from './compose.ts';

/**
 * `今日` (/today): the daily digest on demand. In a registered group, the group's own; in a
 * private chat, the person's: their reminders, and the office's lists (with the words of
 * undelivered messages, which a group does not see).
 */
export function todayCommand(db: Db, sections: readonly DigestSection[], timeZone: string): Command {
  return {
    id: 'today',
    keywords: ['今日'],
    slash: 'today',
    roles: ['staff'],
    where: 'any',
    async run(ctx) {
      const chat = ctx.incoming.chat;
      let forWhom: { groupId: number } | { accountId: number } = { accountId: ctx.account.id };
      if (ctx.isGroup) {
        const group = await findActiveGroup(db, chat);
        if (!group) return { text: ctx.t('digest.group_not_registered') };
        forWhom = { groupId: group.id };
      }
      return { text: await composeDigest(sections, { for: forWhom, now: ctx.now(), today: ctx.today(), timeZone, t: ctx.t }) };
    },
  };
}
