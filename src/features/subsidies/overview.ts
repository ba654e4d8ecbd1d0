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

/** 补助 名单 [#N] [year]: who is paid what, unpaid first, with when and the voucher of the paid ones. */
export async function listText(db: Db, ctx: CommandContext, year: number, policyId: number | null): Promise<string> {
  const t = ctx.t;
  const payments = await db.subsidyPayment.findMany({
    where: { period: year, status: { in: ['unpaid', 'paid'] }, ...(policyId ? { policyId } : {}) },
    orderBy: [{ policyId: 'asc' }, { status: 'desc' }, { honoreeId: 'asc' }],
    include: { policy: { select: { name: true } } },
  });
  if (!payments.length) return t('subsidies.list_empty', { year });
  const files = new Map((await db.honoree.findMany({ where: { id: { in: [...new Set(payments.map((p) => p.honoreeId))] } }, select: { id: true, name: true, fileNo: true } })).map((h) => [h.id, h]));
  const lines: string[] = [];
  for (const id of [...new Set(payments.map((p) => p.policyId))]) {
    const of = payments.filter((p) => p.policyId === id);
    lines.push(t('subsidies.list_title', { id, name: of[0].policy.name, year, count: of.length }));
    for (const p of of.slice(0, MAX_NAMES)) {
      const file = files.get(p.honoreeId)!;
      const amount = formatMoney(p.amountFen, ctx.locale);
      lines.push(p.status === 'paid' ? t('subsidies.list_paid', { ...file, amount, day: p.paidOn ?? '', reference: p.reference ?? '—' }) : t('subsidies.list_unpaid', { ...file, amount }));
    }
    if (of.length > MAX_NAMES) lines.push(t('subsidies.list_more', { more: of.length - MAX_NAMES }));
  }
  return lines.join('\n');
}
