import type { CommandContext } from '../../core/command.ts';
import type { Translate } from '../../core/i18n.ts';
import { LAST_SEEN_STEP_MS } from './directory.ts';

const ROLE_WORDS: Record<string, 'admin' | 'staff'> = { staff: 'staff', 工作人员: 'staff', 员工: 'staff', admin: 'admin', 管理员: 'admin' };

/** 工作人员 / 管理员 / staff / admin, or null. */
export function roleWord(args: string): 'admin' | 'staff' | null {
  return ROLE_WORDS[args.trim().toLowerCase()] ?? null;
}

/** An account number as typed: "3" or "#3". */
export function accountNumber(args: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(args.trim());
  return m ? Number(m[1]) : null;
}

/** "小李（3 号账号）", or "3 号账号" when the platform gave no name. */
export function accountLabel(t: Translate, row: { id: number; displayName: string }): string {
  return row.displayName ? t('accounts.account_named', { name: row.displayName, number: row.id }) : t('accounts.account_number', { number: row.id });
}

/** The channel in the reader's language: 终端, Telegram, 微信. */
export const channelName = (t: Translate, channel: string) => t(`accounts.channels.${channel}`);

/** How long ago, to the hour at best: last seen is only written once an hour. */
export function lastSeenWords(ctx: CommandContext, lastSeenAt: Date | null): string {
  if (!lastSeenAt) return ctx.t('accounts.seen_never');
  const ago = ctx.now().getTime() - lastSeenAt.getTime();
  if (ago < LAST_SEEN_STEP_MS) return ctx.t('accounts.seen_within_hour');
  if (ago < 24 * LAST_SEEN_STEP_MS) return ctx.t('accounts.seen_hours_ago', { hours: Math.floor(ago / LAST_SEEN_STEP_MS) });
  return ctx.t('accounts.seen_days_ago', { days: Math.floor(ago / (24 * LAST_SEEN_STEP_MS)) });
}
