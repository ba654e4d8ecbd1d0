import type { Command } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import type { DigestFor, DigestSection } from '../feature.ts';
import { findActiveGroup } from '../groups/index.ts';
import { composeDigest } from './compose.ts';

/**
 * `今日` (/today): the daily digest on demand. In a registered group, the group's own; in a
 * private chat, the person's: their reminders, and the office's lists (with the words of their
 * own undelivered messages, or everyone's for an admin; a group sees none).
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
      let forWhom: DigestFor = { accountId: ctx.account.id, role: ctx.account.role };
      if (ctx.isGroup) {
        const group = await findActiveGroup(db, chat);
        if (!group) return { text: ctx.t('digest.group_not_registered') };
        forWhom = { groupId: group.id };
      }
      return { text: await composeDigest(sections, { for: forWhom, now: ctx.now(), today: ctx.today(), timeZone, t: ctx.t, locale: ctx.locale }) };
    },
  };
}
