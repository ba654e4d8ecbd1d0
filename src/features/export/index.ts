import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { exportCommand } from './export-command.ts';

/** The year's workbook for reporting upward (导出), in a chat or from the command line. */
export function exportFeature(deps: FeatureDeps): FeaturePart {
  return { commands: [exportCommand(deps)] };
}

export { exportYear } from './export-command.ts';
