import type { Command, CommandContext, Outcome } from '../../core/command.ts';
import { HONOREE_ROLES } from '../../core/roles.ts';
import { readOptOut } from '../../domain/checkup-answer.ts';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * 退订: the honoree (or their proxy) wants no more messages the bot starts on its own; staff
 * see it on the file and call instead. 订阅 undoes it. Both audited: a change to the file.
 */
export function optOutCommands(db: Db): Command[] {
  const optOut: Command = {
    id: 'unsubscribe',
    keywords: ['退订', 'TD', '取消订阅', '不要再发', 'unsubscribe'],
    slash: 'unsubscribe',
    roles: HONOREE_ROLES,
    where: 'private',
    run: async (ctx) => {
      // Stopping every message to an elderly person must be what they asked, not a word in a
      // question (退订以后还能体检吗？): only the word alone, or the slash command, counts.
      const text = ctx.incoming.text ?? '';
      if (!text.startsWith('/') && !readOptOut(text)) return { text: ctx.t('checkups.opt_out_exact') };
      return setMessagesOff(db, ctx, true);
    },
  };
  const optIn: Command = {
    id: 'subscribe',
    keywords: ['订阅', '恢复通知', 'subscribe'],
    slash: 'subscribe',
    roles: HONOREE_ROLES,
    where: 'private',
    run: (ctx) => setMessagesOff(db, ctx, false),
  };
  return [optOut, optIn];
}

async function setMessagesOff(db: Db, ctx: CommandContext, off: boolean): Promise<Outcome> {
  const id = ctx.account.honoreeId;
  if (id === null) return { text: ctx.t('checkups.mine_not_honoree') };
  await db.$transaction(async (tx) => {
    const before = await tx.honoree.findUnique({ where: { id } });
    if (!before || (before.messagesOffAt !== null) === off) return;
    const after = await tx.honoree.update({ where: { id }, data: { messagesOffAt: off ? ctx.now() : null } });
    await recordAudit(tx, ctx.actor, 'honoree', id, 'update', before, after);
  });
  return { text: ctx.t(off ? 'checkups.opted_out' : 'checkups.opted_in') };
}
