import type { CommandContext, Outcome } from '../../core/command.ts';
import { looksLikeDate, parseDateWord } from '../../domain/dates.ts';
import { formatMoney } from '../../domain/money.ts';
import { auditEntryData, recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { findNamed } from '../honorees/index.ts';

const ALL_WORDS = new Set(['全部', '所有', 'all']);
const MAX_REFERENCE = 60;
const MAX_REASON = 200;

/** `#3` (a policy's number) taken out of the words, and what is left. */
function policyIn(words: string[]): { policyId: number | null; rest: string[] } {
  const at = words.findIndex((w) => /^#\d+$/.test(w.normalize('NFKC')));
  if (at < 0) return { policyId: null, rest: words };
  return { policyId: Number(words[at].normalize('NFKC').slice(1)), rest: words.filter((_, i) => i !== at) };
}

/** Whom the words name: everyone, or files by name or number (the problem said plainly). */
async function whoIn(deps: FeatureDeps, ctx: CommandContext, word: string, usage: string): Promise<{ ids: number[] | 'all' } | { reply: string }> {
  if (ALL_WORDS.has(word.toLowerCase())) return { ids: 'all' };
  const named = await findNamed(deps.db, word, { offRollToo: true });
  if ('problem' in named) return { reply: `${ctx.t(`subsidies.names_${named.problem}`, named.params)}\n${ctx.t(usage)}` };
  return { ids: named.ids };
}

/** When several policies have payments to act on and none was named: which one, with their numbers. */
async function whichPolicy(deps: FeatureDeps, ctx: CommandContext, ids: number[], usage: string): Promise<string> {
  const policies = await deps.db.subsidyPolicy.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, select: { id: true, name: true } });
  return [ctx.t('subsidies.which_policy'), ...policies.map((p) => `  #${p.id} ${p.name}`), ctx.t(usage)].join('\n');
}

/**
 * 补助 已发 <全部|names> [#N] [date] [reference]: marks unpaid payments paid, with the day (today
 * when not given) and the bank batch or voucher number, all in one transaction, each audited.
 */
export async function markPaid(deps: FeatureDeps, ctx: CommandContext, args: string): Promise<Outcome> {
  const usage = 'subsidies.paid_usage';
  const { policyId, rest } = policyIn(args.split(/\s+/).filter(Boolean));
  if (!rest.length) return { text: ctx.t(usage) };
  const who = await whoIn(deps, ctx, rest[0], usage);
  if ('reply' in who) return { text: who.reply };
  let paidOn = ctx.today();
  let tail = rest.slice(1);
  if (tail.length && looksLikeDate(tail[0])) {
    const day = parseDateWord(tail[0], ctx.today());
    if (!day.ok || day.date > ctx.today()) return { text: `${ctx.t('subsidies.bad_paid_date', { value: tail[0] })}\n${ctx.t(usage)}` };
    paidOn = day.date;
    tail = tail.slice(1);
  }
  const reference = tail.join(' ') || null;
  if (reference && reference.length > MAX_REFERENCE) return { text: ctx.t('subsidies.bad_reference', { max: MAX_REFERENCE }) };

  const due = await deps.db.subsidyPayment.findMany({
    where: { status: 'unpaid', ...(policyId ? { policyId } : {}), ...(who.ids === 'all' ? {} : { honoreeId: { in: who.ids } }) },
    orderBy: { id: 'asc' },
  });
  if (!due.length) return { text: ctx.t('subsidies.nothing_unpaid') };
  const policies = [...new Set(due.map((p) => p.policyId))];
  if (policies.length > 1) return { text: await whichPolicy(deps, ctx, policies, usage) };
  const now = ctx.now();
  const marked = await deps.db.$transaction(async (tx) => {
    const paid = { status: 'paid', paidOn, reference, paidById: ctx.account.id, paidAt: now, updatedAt: now };
    // Only what is still unpaid when the transaction runs: a second 已发 at the same moment marks nothing twice.
    const { count } = await tx.subsidyPayment.updateMany({ where: { id: { in: due.map((p) => p.id) }, status: 'unpaid' }, data: paid });
    if (count !== due.length) throw new Error('payments changed while being marked');
    await tx.auditEntry.createMany({ data: due.map((p) => auditEntryData(ctx.actor, 'subsidy_payment', p.id, 'update', { status: 'unpaid' }, { status: 'paid', paidOn, reference })!) });
    return due;
  });
  const total = marked.reduce((n, p) => n + p.amountFen, 0);
  return { text: ctx.t(reference ? 'subsidies.marked_paid_ref' : 'subsidies.marked_paid', { count: marked.length, total: formatMoney(total, ctx.locale), day: paidOn, reference: reference ?? '' }) };
}

/**
 * 补助 撤销 <name or file number> [#N] <reason>: a payment marked paid goes back to unpaid, with
 * the reason; never edited in place. The reason is required, and the whole history is audited.
 */
export async function reversePayment(deps: FeatureDeps, ctx: CommandContext, args: string): Promise<Outcome> {
  const usage = 'subsidies.reverse_usage';
  const { policyId, rest } = policyIn(args.split(/\s+/).filter(Boolean));
  if (rest.length < 2) return { text: ctx.t(usage) };
  const who = await whoIn(deps, ctx, rest[0], usage);
  if ('reply' in who) return { text: who.reply };
  if (who.ids === 'all' || who.ids.length !== 1) return { text: ctx.t(usage) };
  const reason = rest.slice(1).join(' ');
  if (reason.length > MAX_REASON) return { text: ctx.t('subsidies.bad_reason', { max: MAX_REASON }) };
  const paid = await deps.db.subsidyPayment.findMany({ where: { status: 'paid', honoreeId: who.ids[0], ...(policyId ? { policyId } : {}) }, orderBy: { period: 'desc' } });
  if (!paid.length) return { text: ctx.t('subsidies.nothing_paid') };
  const policies = [...new Set(paid.map((p) => p.policyId))];
  if (policies.length > 1) return { text: await whichPolicy(deps, ctx, policies, usage) };
  // The latest period's payment of that policy.
  const payment = paid[0];
  const now = ctx.now();
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.subsidyPayment.updateMany({
      where: { id: payment.id, status: 'paid' },
      data: { status: 'unpaid', paidOn: null, reference: null, paidById: null, paidAt: null, reversedAt: now, reversedById: ctx.account.id, reverseReason: reason, updatedAt: now },
    });
    if (count !== 1) throw new Error('payment changed while being reversed');
    await recordAudit(tx, ctx.actor, 'subsidy_payment', payment.id, 'update', { status: 'paid', paidOn: payment.paidOn, reference: payment.reference }, { status: 'unpaid', paidOn: null, reference: null, reverseReason: reason });
  });
  const file = await deps.db.honoree.findUniqueOrThrow({ where: { id: payment.honoreeId }, select: { name: true, fileNo: true } });
  return { text: ctx.t('subsidies.reversed', { ...file, period: payment.period, amount: formatMoney(payment.amountFen, ctx.locale), reason }) };
}
