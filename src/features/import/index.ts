import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { importCommand } from './import-command.ts';

/** Roster import: 导入 /import, from an .xlsx or .csv file, with a dry run. */
export function importFeature(deps: FeatureDeps): FeaturePart {
  const { command, flows } = importCommand(deps);
  return { commands: [command], flows };
}
