import type { CommandContext, Outcome } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { resolveHonoree } from '../honorees/index.ts';
import { createInvite } from './create-invite.ts';

/**
 * An honoree's code goes by phone or on paper, often through a family member, and is used when
 * they get round to it: it stays valid for a month, not the staff codes' hours.
 */
export const HONOREE_INVITE_DAYS = 30;

const HONOREE_WORDS = new Set(['本人', '劳模', '劳模本人', 'honoree']);
const PROXY_WORDS = new Set(['代理人', '代理', '家属', '代办', 'proxy']);

/** `张三`, `张三 代理人`, `代理人 张三`, `honoree LM00001`: whose code, and for whom. */
export function readHonoreeInvite(args: string): { role: 'honoree' | 'proxy'; query: string } | null {
  const words = args.trim().split(/\s+/).filter(Boolean);
  let role: 'honoree' | 'proxy' = 'honoree';
  for (const at of [0, words.length - 1]) {
    const w = words[at]?.toLowerCase();
    if (w === undefined || words.length < 2) continue;
    if (HONOREE_WORDS.has(w) || PROXY_WORDS.has(w)) {
      role = PROXY_WORDS.has(w) ? 'proxy' : 'honoree';
      words.splice(at, 1);
      break;
    }
  }
  const query = words.join(' ');
  return query ? { role, query } : null;
}

export interface HonoreeInviteOptions {
  telegramBotUsername?: () => string | undefined;
}

/**
 * `邀请 张三` (`/invite honoree 张三`), `邀请 张三 代理人`: a one-time code that binds an account
 * to that file, as the honoree or as a family member acting for them. Several people of that
 * name: a list to pick from.
 */
export async function inviteHonoree(db: Db, ctx: CommandContext, args: string, o: HonoreeInviteOptions): Promise<Outcome> {
  const wanted = readHonoreeInvite(args);
  if (!wanted) throw new UserError('accounts.invite_usage');
  const found = await resolveHonoree(db, ctx.t, wanted.query, (ref) => `/invite ${wanted.role} ${ref}`);
  if (found.pick) return found.pick;
  const honoree = found.one;
  const file = await db.honoree.findUniqueOrThrow({ where: { id: honoree.id }, select: { employmentStatus: true } });
  if (file.employmentStatus === 'deceased') throw new UserError('accounts.invite_deceased', { name: honoree.name, fileNo: honoree.fileNo });
  const { code } = await db.$transaction((tx) =>
    createInvite(tx, { role: wanted.role, honoreeId: honoree.id, createdById: ctx.account.id, actor: ctx.actor, now: ctx.now(), ttlHours: HONOREE_INVITE_DAYS * 24 }),
  );
  const bot = o.telegramBotUsername?.();
  const who = ctx.t('honorees.name_and_file', { name: honoree.name, fileNo: honoree.fileNo });
  return {
    text: [
      ctx.t(`accounts.invite_${wanted.role}_created`, { who, name: honoree.name, code, days: HONOREE_INVITE_DAYS }),
      ctx.t('accounts.invite_honoree_ways', { code }),
      bot ? ctx.t('accounts.invite_honoree_link', { link: `https://t.me/${bot}?start=${code}` }) : '',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}
