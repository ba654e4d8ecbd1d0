import type { FeatureDeps, FeaturePart } from '../feature.ts';

/** Placeholder until this feature lands. */
export function importFeature(_deps: FeatureDeps): FeaturePart {
  return {};
}
