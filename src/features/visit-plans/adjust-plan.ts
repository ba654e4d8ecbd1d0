import type { CommandContext, Outcome } from '../../core/command.ts';
import { visitKindOf, type VisitKind } from '../../domain/vocabulary.ts';
import { auditEntryData } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { findNamed } from '../honorees/index.ts';
import type { PlanRow } from './find-plan.ts';

/** The kinds a plan uses (a hospital visit is logged, not planned). */
const PLAN_KINDS: readonly VisitKind[] = ['in_person', 'phone', 'letter'];

type Adjustment = 'add' | 'remove' | 'kind' | 'assign';

/** The people named (names or file numbers), or why not. */
async function named(deps: FeatureDeps, ctx: CommandContext, words: string): Promise<number[] | string> {
  const found = await findNamed(deps.db, words);
  return 'problem' in found ? ctx.t(`visit_plans.names_${found.problem}`, found.params) : found.ids;
}

/** The staff account a word names: its display name or its number (#3 or 3). */
async function staffNamed(deps: FeatureDeps, word: string) {
  const n = /^#?(\d+)$/.exec(word.normalize('NFKC'));
  const accounts = await deps.db.account.findMany({ where: { active: true, role: { in: ['staff', 'admin'] }, ...(n ? { id: Number(n[1]) } : { displayName: word }) }, select: { id: true, displayName: true } });
  return accounts.length === 1 ? accounts[0] : null;
}

/**
 * 走访计划 加|删|改|派: staff adjust an open plan: add people (after the rest, with the kind given
 * or in person), take people off (kept, marked removed), change how someone is visited, or say
 * who goes. One transaction each; every change audited.
 */
export async function adjustPlan(deps: FeatureDeps, ctx: CommandContext, plan: PlanRow, what: Adjustment, words: string[]): Promise<Outcome> {
  const usage = ctx.t(`visit_plans.usage_${what}`);
  if (plan.status !== 'open') return { text: ctx.t('visit_plans.closed') };
  // 加 … [上门|电话|慰问信], 改 … <kind>, 派 … <staff>: the last word; the words before name the people.
  const last = words.at(-1);
  let people = words;
  let kind: VisitKind | undefined;
  let assignee: { id: number; displayName: string } | null = null;
  if (what === 'add' || what === 'kind') {
    kind = last ? visitKindOf(last) : undefined;
    if (kind) people = words.slice(0, -1);
    if (what === 'kind' && !kind) return { text: usage };
    if (kind && !PLAN_KINDS.includes(kind)) return { text: usage };
    if (what === 'add') kind ??= 'in_person';
  }
  if (what === 'assign') {
    assignee = last ? await staffNamed(deps, last) : null;
    if (!assignee) return { text: last && words.length > 1 ? `${ctx.t('visit_plans.no_such_staff', { who: last })}\n${usage}` : usage };
    people = words.slice(0, -1);
  }
  if (!people.length) return { text: usage };
  const ids = await named(deps, ctx, people.join(' '));
  if (typeof ids === 'string') return { text: `${ids}\n${usage}` };

  const now = ctx.now();
  const changed = await deps.db.$transaction(async (tx) => {
    const entries = await tx.visitPlanEntry.findMany({ where: { planId: plan.id, honoreeId: { in: ids } } });
    const audits = [];
    let count = 0;
    if (what === 'add') {
      const last = await tx.visitPlanEntry.aggregate({ where: { planId: plan.id }, _max: { rank: true } });
      let rank = last._max.rank ?? 0;
      for (const id of ids) {
        const had = entries.find((e) => e.honoreeId === id);
        if (had && !had.removed) continue;
        const after = had
          ? await tx.visitPlanEntry.update({ where: { id: had.id }, data: { removed: false, kind: kind!, addedById: ctx.account.id, updatedAt: now } })
          : await tx.visitPlanEntry.create({ data: { planId: plan.id, honoreeId: id, rank: ++rank, kind: kind!, reasons: '[]', addedById: ctx.account.id, createdAt: now, updatedAt: now } });
        audits.push(auditEntryData(ctx.actor, 'visit_plan_entry', after.id, had ? 'update' : 'create', had ?? null, after));
        count += 1;
      }
    } else {
      for (const e of entries.filter((x) => !x.removed)) {
        const data = what === 'remove' ? { removed: true } : what === 'kind' ? { kind: kind! } : { assigneeId: assignee!.id };
        const after = await tx.visitPlanEntry.update({ where: { id: e.id }, data: { ...data, updatedAt: now } });
        audits.push(auditEntryData(ctx.actor, 'visit_plan_entry', e.id, 'update', e, after));
        count += 1;
      }
    }
    const rows = audits.filter((a): a is NonNullable<typeof a> => a !== null);
    if (rows.length) await tx.auditEntry.createMany({ data: rows });
    return count;
  });
  if (!changed) return { text: ctx.t(what === 'add' ? 'visit_plans.already_on' : 'visit_plans.not_on') };
  return { text: ctx.t(`visit_plans.done_${what}`, { count: changed, kind: kind ? ctx.t(`vocab.visit_kinds.${kind}`) : '', assignee: assignee?.displayName ?? '' }) };
}
