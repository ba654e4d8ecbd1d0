/** Percentile of a list of milliseconds (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

export function summary(samples: number[]) {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: samples.length };
}
