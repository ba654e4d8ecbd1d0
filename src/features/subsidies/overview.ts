import type { CommandContext } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { formatMoney } from '../../domain/money.ts';
import { scheduleOf } from './policy-rule.ts';
import { honourKindsText, scheduleText } from './policy-words.ts';

/** Names listed per policy under 补助 名单; the rest are counted. */
const MAX_NAMES = 100;

/**
 * 补助 [year]: each policy's payments of the year, paid and unpaid with their totals, and the
 * policies in force; in a private chat (money).
 */
export async function overviewText(db: Db, ctx: CommandContext, year: number): Promise<string> {
  const t = ctx.t;
  const money = (fen: number) => formatMoney(fen, ctx.locale);
  const policies = await db.subsidyPolicy.findMany({ orderBy: { id: 'asc' } });
  if (!policies.length) return t('subsidies.none');
  const sums = await db.subsidyPayment.groupBy({ by: ['policyId', 'status'], where: { period: year }, _count: { _all: true }, _sum: { amountFen: true } });
  const lines = [t('subsidies.overview_title', { year })];
  let paidAll = 0;
  let unpaidAll = 0;
  for (const p of policies) {
    const of = (status: string) => sums.find((s) => s.policyId === p.id && s.status === status);
    const paid = of('paid');
    const unpaid = of('unpaid');
    const state = p.active ? '' : t('subsidies.switched_off');
    lines.push(t('subsidies.policy_line', { id: p.id, name: p.name, amount: money(p.amountFen), schedule: scheduleText(t, scheduleOf(p)), honours: honourKindsText(t, JSON.parse(p.honours) as Array<{ category: string; level: string }>), state }));
    if (!paid && !unpaid) {
      lines.push(t('subsidies.not_drawn'));
      continue;
    }
    const due = await db.subsidyPayment.findFirst({ where: { policyId: p.id, period: year }, select: { dueDate: true } });
    lines.push(
      t('subsidies.policy_totals', {
        due: due?.dueDate ?? '',
        paid: paid?._count._all ?? 0,
        paidSum: money(paid?._sum.amountFen ?? 0),
        unpaid: unpaid?._count._all ?? 0,
        unpaidSum: money(unpaid?._sum.amountFen ?? 0),
      }),
    );
    paidAll += paid?._sum.amountFen ?? 0;
    unpaidAll += unpaid?._sum.amountFen ?? 0;
  }
  lines.push(t('subsidies.overview_totals', { paid: money(paidAll), unpaid: money(unpaidAll) }));
  lines.push(t('subsidies.overview_hint'));
  return lines.join('\n');
}

/** 补助 名单 [#N] [year]: who is paid what, unpaid first, with when and the voucher of the paid ones; a page per policy. */
export async function listText(db: Db, ctx: CommandContext, year: number, policyId: number | null): Promise<string> {
  const t = ctx.t;
  const live = { period: year, status: { in: ['unpaid', 'paid'] }, ...(policyId ? { policyId } : {}) };
  const counts = await db.subsidyPayment.groupBy({ by: ['policyId'], where: live, _count: { _all: true }, orderBy: { policyId: 'asc' } });
  if (!counts.length) return t('subsidies.list_empty', { year });
  const lines: string[] = [];
  for (const { policyId: id, _count } of counts) {
    const policy = await db.subsidyPolicy.findUniqueOrThrow({ where: { id }, select: { name: true } });
    // Unpaid first ('unpaid' > 'paid'), then by file: the first MAX_NAMES only, read as such.
    const rows = await db.subsidyPayment.findMany({ where: { ...live, policyId: id }, orderBy: [{ status: 'desc' }, { honoreeId: 'asc' }], take: MAX_NAMES });
    const files = new Map((await db.honoree.findMany({ where: { id: { in: rows.map((p) => p.honoreeId) } }, select: { id: true, name: true, fileNo: true } })).map((h) => [h.id, h]));
    lines.push(t('subsidies.list_title', { id, name: policy.name, year, count: _count._all }));
    for (const p of rows) {
      const file = files.get(p.honoreeId)!;
      const amount = formatMoney(p.amountFen, ctx.locale);
      lines.push(p.status === 'paid' ? t('subsidies.list_paid', { ...file, amount, day: p.paidOn ?? '', reference: p.reference ?? '—' }) : t('subsidies.list_unpaid', { ...file, amount }));
    }
    if (_count._all > MAX_NAMES) lines.push(t('subsidies.list_more', { more: _count._all - MAX_NAMES }));
  }
  return lines.join('\n');
}
