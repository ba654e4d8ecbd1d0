import ExcelJS from 'exceljs';
import type { CommandContext } from '../../core/command.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import type { FestivalCalendar } from '../festivals/index.ts';
import type { PlanRow } from './find-plan.ts';
import { planLines } from './plan-text.ts';

/**
 * 走访计划 导出: the plan as a sheet to print or share with leaders: order, name, file number,
 * how, why, who goes, visited on. Names and reasons only (no phone, ID number or income).
 */
export async function exportPlan(db: Db, ctx: CommandContext, calendar: FestivalCalendar, plan: PlanRow): Promise<Reply> {
  const t = ctx.t;
  const festival = calendar.nameOf(t, plan.festival);
  const wb = new ExcelJS.Workbook();
  // A sheet's name is at most 31 characters.
  const sheet = wb.addWorksheet(t('visit_plans.sheet.title', { year: plan.year, festival }).slice(0, 31));
  sheet.columns = (['n', 'name', 'fileNo', 'kind', 'reasons', 'assignee', 'visited'] as const).map((key) => ({ header: t(`visit_plans.sheet.${key}`), key, width: key === 'reasons' ? 40 : 14 }));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.getRow(1).font = { bold: true };
  for (const [i, l] of (await planLines(db, plan)).entries()) {
    sheet.addRow({
      n: i + 1,
      name: l.file.name,
      fileNo: l.file.fileNo,
      kind: t(`vocab.visit_kinds.${l.kind}`),
      reasons: l.reasons.map((r) => t(`visit_plans.reasons.${r}`)).join(t('visit_plans.separator')),
      assignee: l.assignee ?? '',
      visited: l.visitedOn ?? '',
    });
  }
  const data = new Uint8Array(await wb.xlsx.writeBuffer());
  return {
    text: t('visit_plans.exported', { year: plan.year, festival }),
    file: { name: `${plan.year}-${plan.festival}-visit-plan.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data },
  };
}
