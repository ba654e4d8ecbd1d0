import type { FeatureDeps, FeaturePart } from '../feature.ts';

/** Placeholder until this feature lands. */
export function collectiveFeature(_deps: FeatureDeps): FeaturePart {
  return {};
}
