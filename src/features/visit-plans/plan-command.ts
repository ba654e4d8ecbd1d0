import type { Command } from '../../core/command.ts';
import { DEFAULT_PLAN_LEAD_DAYS } from '../../domain/visit-need.ts';
import type { FeatureDeps } from '../feature.ts';
import { festivalCalendar } from '../festivals/index.ts';
import { splitPage } from '../visits/index.ts';
import { adjustPlan } from './adjust-plan.ts';
import { exportPlan } from './export-plan.ts';
import { findPlan } from './find-plan.ts';
import { planText } from './plan-text.ts';

const ADJUST: Record<string, 'add' | 'remove' | 'kind' | 'assign'> = { 加: 'add', 添加: 'add', add: 'add', 删: 'remove', 删除: 'remove', remove: 'remove', 改: 'kind', 改为: 'kind', kind: 'kind', 派: 'assign', 分配: 'assign', assign: 'assign' };
const EXPORT_WORDS = new Set(['导出', 'export']);

/**
 * 走访计划 (/plan) [节日]: the festival's holiday-visit plan, the neediest first, with why and how,
 * who goes and who was visited; 加 / 删 / 改 / 派 adjust it, 导出 sends it as a sheet. The reasons
 * (hardship, poor health) are personal: a private chat with staff.
 */
export function planCommand(deps: FeatureDeps): Command {
  return {
    id: 'plan',
    keywords: ['走访计划', '慰问计划', 'plan'],
    slash: 'plan',
    roles: ['staff'],
    where: 'private',
    run: async (ctx, args) => {
      const { text, page } = splitPage(args);
      const calendar = await festivalCalendar(deps);
      const { plan, rest, named } = await findPlan(deps.db, ctx.t, calendar, text.split(/\s+/).filter(Boolean));
      if (!plan) {
        const days = deps.planLeadDays ?? DEFAULT_PLAN_LEAD_DAYS;
        return { text: named ? ctx.t('visit_plans.none_for', { festival: calendar.nameOf(ctx.t, named), days }) : ctx.t('visit_plans.none', { days }) };
      }
      const [sub = '', ...words] = rest;
      if (EXPORT_WORDS.has(sub.toLowerCase())) return exportPlan(deps.db, ctx, calendar, plan);
      const adjustment = ADJUST[sub.toLowerCase()];
      if (adjustment) return adjustPlan(deps, ctx, plan, adjustment, words);
      if (sub) return { text: ctx.t('visit_plans.unknown', { word: sub }) };
      return { text: await planText(deps.db, ctx, calendar, plan, page) };
    },
  };
}
