import type { FeatureDeps, FeaturePart } from '../feature.ts';

/** Placeholder until this feature lands. */
export function visitsFeature(_deps: FeatureDeps): FeaturePart {
  return {};
}
