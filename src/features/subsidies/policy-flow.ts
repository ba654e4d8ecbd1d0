import { ask, type CommandContext, type Flow, type Outcome } from '../../core/command.ts';
import type { Reply } from '../../core/message.ts';
import { formatMoney, parseYuan } from '../../domain/money.ts';
import { DEFAULT_REMIND_DAYS, dueDateOf, parseHonourKinds, parseSchedule, parseYears, type SubsidyRule, type SubsidySchedule } from '../../domain/subsidy.ts';
import type { HonourCategory, Level } from '../../domain/vocabulary.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { festivalCalendar } from '../festivals/index.ts';
import { countQualifying, drawSubsidies } from './draw.ts';
import { scheduleColumns } from './policy-rule.ts';
import { honourKindsText, scheduleText } from './policy-words.ts';

export const POLICY_FLOW = 'subsidies.policy';

type Step = 'name' | 'honours' | 'conditions' | 'amount' | 'schedule' | 'years' | 'confirm';
const CONDITIONS = ['none', 'retired', 'hardship', 'retired_hardship'] as const;
type Condition = (typeof CONDITIONS)[number];
const MAX_NAME = 40;

interface PolicyDraft {
  step: Step;
  name?: string;
  honours?: Array<{ category: HonourCategory; level: Level }>;
  condition?: Condition;
  amountFen?: number;
  schedule?: SubsidySchedule;
  fromYear?: number;
  toYear?: number | null;
}

/** 补助 政策: the first question of the guided definition of a policy. */
export function startPolicy(ctx: CommandContext): Outcome {
  return ask(POLICY_FLOW, { step: 'name' } satisfies PolicyDraft, { text: ctx.t('subsidies.policy.ask_name') });
}

/**
 * A subsidy policy, one question at a time: its name, the honours it pays, who among them
 * (retired, on the hardship register), the amount per person, when it is due each year, the years
 * in force; then how many it pays, and nothing is saved before 确认.
 */
export function policyFlow(deps: FeatureDeps): Flow {
  return {
    name: POLICY_FLOW,
    interruptible: false,
    roles: ['admin'],
    async step(ctx, raw, input) {
      const draft = raw as PolicyDraft;
      const text = (input.text ?? '').trim();
      const t = ctx.t;
      const next = (d: PolicyDraft, reply: Reply) => ask(POLICY_FLOW, d, reply);
      switch (draft.step) {
        case 'name':
          if (!text || text.length > MAX_NAME) return next(draft, { text: t('subsidies.policy.bad_name', { max: MAX_NAME }) });
          return next({ ...draft, step: 'honours', name: text }, { text: t('subsidies.policy.ask_honours') });
        case 'honours': {
          const parsed = parseHonourKinds(text);
          if (!parsed.ok) return next(draft, { text: t('subsidies.policy.bad_honours', { piece: parsed.piece }) });
          return next({ ...draft, step: 'conditions', honours: parsed.honours }, conditionsQuestion(ctx));
        }
        case 'conditions': {
          const condition = CONDITIONS.find((c) => c === input.choice);
          if (!condition) return next(draft, conditionsQuestion(ctx));
          return next({ ...draft, step: 'amount', condition }, { text: t('subsidies.policy.ask_amount') });
        }
        case 'amount': {
          const amount = parseYuan(text);
          if (!amount.ok || amount.fen <= 0) return next(draft, { text: t('subsidies.policy.bad_amount') });
          return next({ ...draft, step: 'schedule', amountFen: amount.fen }, { text: t('subsidies.policy.ask_schedule') });
        }
        case 'schedule': {
          const parsed = parseSchedule(text);
          if (!parsed.ok) return next(draft, { text: t(`subsidies.policy.bad_schedule_${parsed.problem}`) });
          return next({ ...draft, step: 'years', schedule: parsed.schedule }, { text: t('subsidies.policy.ask_years', { example: Number(ctx.today().slice(0, 4)) + 1 }) });
        }
        case 'years': {
          const parsed = parseYears(text);
          const thisYear = Number(ctx.today().slice(0, 4));
          if (!parsed.ok || parsed.fromYear < thisYear - 1 || parsed.fromYear > thisYear + 5) return next(draft, { text: t('subsidies.policy.bad_years', { example: thisYear + 1 }) });
          return summary(ctx, deps, { ...draft, step: 'confirm', fromYear: parsed.fromYear, toYear: parsed.toYear });
        }
        case 'confirm':
          if (input.choice === 'cancel') return { text: t('subsidies.policy.cancelled') };
          if (input.choice !== 'save') return summary(ctx, deps, draft);
          return savePolicy(deps, ctx, draft);
      }
    },
  };
}

function conditionsQuestion(ctx: CommandContext): Reply {
  return { text: ctx.t('subsidies.policy.ask_conditions'), choices: CONDITIONS.map((c) => ({ id: c, label: ctx.t(`subsidies.conditions.${c}`) })) };
}

const ruleOfDraft = (d: PolicyDraft, id = 0): SubsidyRule => ({
  id,
  honours: d.honours!,
  onlyRetired: d.condition === 'retired' || d.condition === 'retired_hardship',
  onlyHardship: d.condition === 'hardship' || d.condition === 'retired_hardship',
  amountFen: d.amountFen!,
  schedule: d.schedule!,
  fromYear: d.fromYear!,
  toYear: d.toYear ?? null,
});

/** What the policy says and whom it pays in its first year, with the question whether to save it. */
async function summary(ctx: CommandContext, deps: FeatureDeps, draft: PolicyDraft): Promise<Outcome> {
  const t = ctx.t;
  const rule = ruleOfDraft(draft);
  const count = await countQualifying(deps.db, rule, rule.fromYear);
  const due = dueDateOf(rule.schedule, rule.fromYear, (await festivalCalendar(deps)).dateOf);
  return ask(POLICY_FLOW, draft, {
    text: t('subsidies.policy.confirm', {
      name: draft.name!,
      honours: honourKindsText(t, rule.honours),
      condition: t(`subsidies.conditions.${draft.condition!}`),
      amount: formatMoney(rule.amountFen, ctx.locale),
      schedule: scheduleText(t, rule.schedule),
      years: rule.toYear === null ? t('subsidies.policy.years_open', { from: rule.fromYear }) : t('subsidies.policy.years_closed', { from: rule.fromYear, to: rule.toYear }),
      year: rule.fromYear,
      due: due === 'unknown' ? t('subsidies.due_unknown') : due,
      count,
      total: formatMoney(count * rule.amountFen, ctx.locale),
    }),
    choices: [
      { id: 'save', label: t('subsidies.policy.save') },
      { id: 'cancel', label: t('subsidies.policy.cancel') },
    ],
  });
}

/** Saves the policy (audited) and draws its lists that are open now, so they are there at once. */
async function savePolicy(deps: FeatureDeps, ctx: CommandContext, draft: PolicyDraft): Promise<Outcome> {
  const rule = ruleOfDraft(draft);
  const now = ctx.now();
  const policy = await deps.db.$transaction(async (tx) => {
    const row = await tx.subsidyPolicy.create({
      data: {
        name: draft.name!,
        honours: JSON.stringify(rule.honours),
        onlyRetired: rule.onlyRetired,
        onlyHardship: rule.onlyHardship,
        amountFen: rule.amountFen,
        ...scheduleColumns(rule.schedule),
        fromYear: rule.fromYear,
        toYear: rule.toYear,
        createdById: ctx.account.id,
        createdAt: now,
        updatedAt: now,
      },
    });
    await recordAudit(tx, ctx.actor, 'subsidy_policy', row.id, 'create', null, row);
    return row;
  });
  const lines = [ctx.t('subsidies.policy.saved', { id: policy.id, name: policy.name })];
  // The policy is saved: whatever happens to its first draw, the form ends here (pressing 确认保存
  // again would save it twice). A draw that failed is made by the nightly one.
  let drawn: Awaited<ReturnType<typeof drawSubsidies>>;
  try {
    drawn = await drawSubsidies(deps.db, ctx.today(), (await festivalCalendar(deps)).dateOf, now, policy.id);
  } catch (err) {
    ctx.log.error({ err: { name: (err as Error)?.name, code: (err as { code?: string })?.code }, policy: policy.id }, 'subsidies: first draw failed');
    return { text: [...lines, ctx.t('subsidies.policy.draw_failed')].join('\n') };
  }
  for (const d of drawn.added) lines.push(ctx.t('subsidies.policy.drawn', { period: d.period, count: d.count, due: d.dueDate }));
  if (!drawn.added.length) lines.push(ctx.t('subsidies.policy.draw_later', { remind: (deps.subsidyRemindDays ?? DEFAULT_REMIND_DAYS).join(ctx.t('subsidies.list_separator')) }));
  return { text: lines.join('\n') };
}
