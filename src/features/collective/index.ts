import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { teamCommand } from './team-command.ts';

/** Collective honours (工人先锋号, 五一劳动奖状) held by teams, and the people in them. */
export function collectiveFeature(deps: FeatureDeps): FeaturePart {
  return { commands: [teamCommand(deps.db)] };
}

