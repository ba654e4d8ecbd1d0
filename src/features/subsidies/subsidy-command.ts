import type { Command, CommandContext, Outcome } from '../../core/command.ts';
import { takeYear } from '../../domain/dates.ts';
import { formatMoney, parseYuan } from '../../domain/money.ts';
import { sql } from '../../db/sql.ts';
import { recordAudit } from '../audit/index.ts';
import { scopeWhere, holdPolicy } from './payment-scope.ts';
import type { FeatureDeps } from '../feature.ts';
import { listText, overviewText } from './overview.ts';
import { markPaid, reversePayment } from './payments.ts';
import { startPolicy } from './policy-flow.ts';

const POLICY_WORDS = new Set(['政策', '新建', 'policy']);
const LIST_WORDS = new Set(['名单', '明细', 'list']);
const PAID_WORDS = new Set(['已发', '发放', 'paid']);
const REVERSE_WORDS = new Set(['撤销', '冲正', 'reverse']);
const OFF_WORDS = new Set(['停用', 'off']);
const CHANGE_WORDS = new Set(['修改', 'change']);
const AMOUNT_WORDS = new Set(['金额', 'amount']);

/**
 * A year written in the words (2027 or 2027年); else this year's lists, or next year's when this
 * year has none and next year's are drawn already (a Spring Festival list is drawn in December).
 */
async function listYear(db: FeatureDeps['db'], ctx: CommandContext, words: string[]): Promise<number> {
  const { year } = takeYear(words);
  if (year) return year;
  const thisYear = Number(ctx.today().slice(0, 4));
  const has = async (period: number) => (await db.subsidyPayment.findFirst({ where: { period }, select: { id: true } })) !== null;
  return !(await has(thisYear)) && (await has(thisYear + 1)) ? thisYear + 1 : thisYear;
}
const policyNoIn = (words: string[]) => {
  const m = words.map((w) => /^#?(\d{1,6})$/.exec(w.normalize('NFKC'))).find((x) => x && !/^20\d{2}$/.test(x[1]));
  return m ? Number(m[1]) : null;
};

/**
 * 补助 (/subsidy): the year's payments by policy, paid and unpaid. 补助 政策 defines a policy
 * (admins); 补助 名单 lists who is paid what; 补助 已发 marks payments paid; 补助 撤销 reverses
 * one with a reason; 补助 修改 N 金额 X changes the amount of what is not yet paid, 补助 停用 N
 * switches a policy off (both admins). Money: private chats only.
 */
export function subsidyCommand(deps: FeatureDeps): Command {
  return {
    id: 'subsidy',
    keywords: ['补助', '专项资金', 'subsidy'],
    slash: 'subsidy',
    roles: ['staff'],
    where: 'private',
    run: async (ctx, args) => {
      const [sub = '', ...rest] = args.trim().split(/\s+/);
      const word = sub.toLowerCase();
      const admin = ctx.account.role === 'admin';
      if (POLICY_WORDS.has(word)) return admin ? startPolicy(ctx) : { text: ctx.t('subsidies.admins_only') };
      if (OFF_WORDS.has(word)) return admin ? switchOff(deps, ctx, policyNoIn(rest)) : { text: ctx.t('subsidies.admins_only') };
      if (CHANGE_WORDS.has(word)) return admin ? changeAmount(deps, ctx, rest) : { text: ctx.t('subsidies.admins_only') };
      if (LIST_WORDS.has(word)) return { text: await listText(deps.db, ctx, await listYear(deps.db, ctx, rest), policyNoIn(rest)) };
      if (PAID_WORDS.has(word)) return markPaid(deps, ctx, rest.join(' '));
      if (REVERSE_WORDS.has(word)) return reversePayment(deps, ctx, rest.join(' '));
      return { text: await overviewText(deps.db, ctx, await listYear(deps.db, ctx, [sub, ...rest])) };
    },
  };
}

/** 补助 停用 N: no new draws; what was drawn stays to be paid or reversed. */
async function switchOff(deps: FeatureDeps, ctx: CommandContext, id: number | null): Promise<Outcome> {
  if (id === null) return { text: ctx.t('subsidies.off_usage') };
  const before = await deps.db.subsidyPolicy.findUnique({ where: { id } });
  if (!before) return { text: ctx.t('subsidies.no_such_policy', { id }) };
  if (!before.active) return { text: ctx.t('subsidies.already_off', { id, name: before.name }) };
  await deps.db.$transaction(async (tx) => {
    const after = await tx.subsidyPolicy.update({ where: { id }, data: { active: false, updatedAt: ctx.now() } });
    await recordAudit(tx, ctx.actor, 'subsidy_policy', id, 'update', before, after);
  });
  return { text: ctx.t('subsidies.switched_off_now', { id, name: before.name }) };
}

/**
 * 补助 修改 N 金额 2500: a new amount for payments not yet made, this year's and later ones (an
 * older year's owed payment keeps what was due); paid ones keep what was paid. One short
 * transaction, set-based, audited per payment.
 */
async function changeAmount(deps: FeatureDeps, ctx: CommandContext, words: string[]): Promise<Outcome> {
  const [no, field, value] = words;
  const id = policyNoIn(no ? [no] : []);
  const amount = parseYuan(value ?? '');
  if (id === null || !AMOUNT_WORDS.has((field ?? '').toLowerCase()) || !amount.ok || amount.fen <= 0) return { text: ctx.t('subsidies.change_usage') };
  const before = await deps.db.subsidyPolicy.findUnique({ where: { id } });
  if (!before) return { text: ctx.t('subsidies.no_such_policy', { id }) };
  const now = ctx.now();
  const scope = { policyId: id, fromPeriod: Number(ctx.today().slice(0, 4)), status: 'unpaid' as const };
  const changed = await deps.db.$transaction(async (tx) => {
    await holdPolicy(tx, id, now);
    const after = await tx.subsidyPolicy.update({ where: { id }, data: { amountFen: amount.fen, updatedAt: now } });
    await recordAudit(tx, ctx.actor, 'subsidy_policy', id, 'update', before, after);
    const differs = sql`${scopeWhere(scope)} AND p."amountFen" <> ${amount.fen}`;
    await tx.$executeRaw(sql`
      INSERT INTO "AuditEntry" ("at", "actorId", "actorLabel", "entity", "entityId", "action", "changes")
      SELECT ${now}, CAST(${ctx.actor.accountId} AS INTEGER), CAST(${ctx.actor.label} AS TEXT), 'subsidy_payment', p."id", 'update',
        '{"amountFen":[' || CAST(p."amountFen" AS TEXT) || ',' || CAST(${amount.fen} AS TEXT) || ']}'
      FROM "SubsidyPayment" p WHERE ${differs} ORDER BY p."id"`);
    return tx.$executeRaw(sql`UPDATE "SubsidyPayment" SET "amountFen" = ${amount.fen}, "updatedAt" = ${now} WHERE "id" IN (SELECT p."id" FROM "SubsidyPayment" p WHERE ${differs})`);
  });
  const paid = await deps.db.subsidyPayment.count({ where: { policyId: id, status: 'paid' } });
  return { text: ctx.t('subsidies.amount_changed', { id, name: before.name, amount: formatMoney(amount.fen, ctx.locale), changed, paid }) };
}
