import type { CommandContext } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { callList } from './call-list.ts';
import { callLine } from './digest-section.ts';

/** 体检 电话: everyone of each open campaign staff should phone, and why, calls that ended unanswered included. */
export async function callsText(db: Db, ctx: CommandContext): Promise<string> {
  const t = ctx.t;
  const campaigns = await db.checkupCampaign.findMany({ where: { status: 'open' }, orderBy: { id: 'asc' }, select: { id: true } });
  if (!campaigns.length) return t('checkups.board.none');
  const lines: string[] = [];
  for (const c of campaigns) {
    const calls = await callList(db, c.id, { now: ctx.now(), today: ctx.today(), actionable: false });
    lines.push(calls.length ? t('checkups.calls.title', { id: c.id, count: calls.length }) : t('checkups.calls.none', { id: c.id }));
    lines.push(...calls.map((e) => `  ${callLine(t, e)}`));
  }
  lines.push(t('checkups.calls.footer'));
  return lines.join('\n');
}
