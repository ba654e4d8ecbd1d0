import type { CommandContext, Outcome } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import { looksLikeDate, parseDateWord, takeYear } from '../../domain/dates.ts';
import { formatMoney } from '../../domain/money.ts';
import { sql } from '../../db/sql.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { findNamed } from '../honorees/index.ts';
import { auditScope, holdPolicy, scopeWhere } from './payment-scope.ts';

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
 * 补助 已发 <全部|names> [#N] [year] [date] [reference]: marks a year's unpaid payments paid, with
 * the day (today when not given) and the bank batch or voucher number. The year is this year's
 * list, or next year's when this year has nothing unpaid (a list drawn ahead); an older year's
 * owed payments are named by their year. Set-based: one UPDATE and one audit INSERT … SELECT in a
 * short transaction, however many people.
 */
export async function markPaid(deps: FeatureDeps, ctx: CommandContext, args: string): Promise<Outcome> {
  const usage = 'subsidies.paid_usage';
  const { policyId, rest: words } = policyIn(args.split(/\s+/).filter(Boolean));
  if (!words.length) return { text: ctx.t(usage) };
  const who = await whoIn(deps, ctx, words[0], usage);
  if ('reply' in who) return { text: who.reply };
  const { year, rest } = takeYear(words.slice(1));
  let paidOn = ctx.today();
  let tail = rest;
  if (tail.length && looksLikeDate(tail[0])) {
    const day = parseDateWord(tail[0], ctx.today());
    if (!day.ok || day.date > ctx.today()) return { text: `${ctx.t('subsidies.bad_paid_date', { value: tail[0] })}\n${ctx.t(usage)}` };
    paidOn = day.date;
    tail = tail.slice(1);
  }
  const reference = tail.join(' ') || null;
  if (reference && reference.length > MAX_REFERENCE) return { text: ctx.t('subsidies.bad_reference', { max: MAX_REFERENCE }) };
  // 补助 已发 张三 李四 PB1: names apart by a space would be read as the voucher; a list takes 、.
  // 补助 已发 张三 李四 too: the one word left after the names is a name, not the voucher.
  if (tail.length >= 1 && 'ids' in (await findNamed(deps.db, tail[0]))) return { text: `${ctx.t('subsidies.names_apart')}\n${ctx.t(usage)}` };

  const honoreeIds = who.ids === 'all' ? undefined : who.ids;
  const thisYear = Number(ctx.today().slice(0, 4));
  const unpaidIn = (period: number) =>
    deps.db.subsidyPayment.groupBy({ by: ['policyId'], where: { status: 'unpaid', period, ...(policyId ? { policyId } : {}), ...(honoreeIds ? { honoreeId: { in: honoreeIds } } : {}) }, _count: { _all: true } });
  let period = year ?? thisYear;
  let groups = await unpaidIn(period);
  // Nothing unpaid this year: next year's list (drawn ahead) is meant, unless the people named
  // were paid this year. Then it is 已发 sent twice, and next year's payment must wait its turn.
  if (!groups.length && year === null && honoreeIds) {
    const paid = await deps.db.subsidyPayment.count({ where: { status: 'paid', period: thisYear, honoreeId: { in: honoreeIds }, ...(policyId ? { policyId } : {}) } });
    if (paid) return { text: ctx.t('subsidies.paid_already', { year: thisYear, next: thisYear + 1, name: words[0] }) };
  }
  if (!groups.length && year === null) groups = await unpaidIn((period = thisYear + 1));
  if (!groups.length) return { text: ctx.t('subsidies.nothing_unpaid', { year: year ?? thisYear }) };
  if (groups.length > 1) return { text: await whichPolicy(deps, ctx, groups.map((g) => g.policyId), usage) };
  const scope = { policyId: groups[0].policyId, period, honoreeIds, status: 'unpaid' as const };
  const now = ctx.now();
  const marked = await deps.db.$transaction(async (tx) => {
    await holdPolicy(tx, scope.policyId, now);
    const total = await tx.subsidyPayment.aggregate({ where: { policyId: scope.policyId, period, status: 'unpaid', ...(honoreeIds ? { honoreeId: { in: honoreeIds } } : {}) }, _count: { _all: true }, _sum: { amountFen: true } });
    // The audit first, of exactly the rows the UPDATE then marks (the policy is held meanwhile).
    await auditScope(tx, ctx.actor, scope, { status: ['unpaid', 'paid'], paidOn: [null, paidOn], reference: [null, reference] }, now);
    await tx.$executeRaw(sql`UPDATE "SubsidyPayment" SET "status" = 'paid', "paidOn" = ${paidOn}, "reference" = ${reference}, "paidById" = ${ctx.account.id}, "paidAt" = ${now}, "updatedAt" = ${now}
      WHERE "id" IN (SELECT p."id" FROM "SubsidyPayment" p WHERE ${scopeWhere(scope)})`);
    return { count: total._count._all, fen: total._sum.amountFen ?? 0 };
  });
  return { text: ctx.t(reference ? 'subsidies.marked_paid_ref' : 'subsidies.marked_paid', { count: marked.count, total: formatMoney(marked.fen, ctx.locale), day: paidOn, reference: reference ?? '', year: period }) };
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
  const { year, rest: reasonWords } = takeYear(rest.slice(1));
  const reason = reasonWords.join(' ');
  if (!reason) return { text: ctx.t(usage) };
  if (reason.length > MAX_REASON) return { text: ctx.t('subsidies.bad_reason', { max: MAX_REASON }) };
  const paid = await deps.db.subsidyPayment.findMany({ where: { status: 'paid', honoreeId: who.ids[0], ...(policyId ? { policyId } : {}), ...(year ? { period: year } : {}) }, orderBy: { period: 'desc' } });
  if (!paid.length) return { text: ctx.t('subsidies.nothing_paid') };
  const policies = [...new Set(paid.map((p) => p.policyId))];
  if (policies.length > 1) return { text: await whichPolicy(deps, ctx, policies, usage) };
  // The latest period's payment of that policy, or the year's named. Not an older one when the
  // latest is unpaid: that is 撤销 sent twice, and an older year is named by its year.
  const payment = paid[0];
  if (!year) {
    const latest = await deps.db.subsidyPayment.findFirst({ where: { policyId: payment.policyId, honoreeId: payment.honoreeId, status: { in: ['paid', 'unpaid'] } }, orderBy: { period: 'desc' } });
    if (latest && latest.period > payment.period && latest.reversedAt) return { text: ctx.t('subsidies.reversed_already', { period: latest.period, older: payment.period, name: rest[0] }) };
  }
  const now = ctx.now();
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.subsidyPayment.updateMany({
      where: { id: payment.id, status: 'paid' },
      data: { status: 'unpaid', paidOn: null, reference: null, paidById: null, paidAt: null, reversedAt: now, reversedById: ctx.account.id, reverseReason: reason, updatedAt: now },
    });
    // Reversed (or changed) by someone else a moment ago.
    if (count !== 1) throw new UserError('subsidies.nothing_paid');
    await recordAudit(tx, ctx.actor, 'subsidy_payment', payment.id, 'update', { status: 'paid', paidOn: payment.paidOn, reference: payment.reference }, { status: 'unpaid', paidOn: null, reference: null, reverseReason: reason });
  });
  const file = await deps.db.honoree.findUniqueOrThrow({ where: { id: payment.honoreeId }, select: { name: true, fileNo: true } });
  return { text: ctx.t('subsidies.reversed', { ...file, period: payment.period, amount: formatMoney(payment.amountFen, ctx.locale), reason }) };
}
