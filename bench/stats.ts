import { performance } from 'node:perf_hooks';

const gc = (globalThis as { gc?: () => void }).gc;

/** Percentile of a list of milliseconds (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

export function summary(samples: number[]) {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: samples.length };
}

/**
 * Times `work` and how far the process's resident memory and heap grow above where they stood
 * before it (sampled every 20 ms, and at the end): the process already holds the seeded
 * database's pages and the other parts' heap.
 */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; rss: number; heap: number; peak: number }> {
  gc?.();
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const sampler = setInterval(sample, 20);
  const start = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - start;
    sample();
    return { result, ms, rss: rss - before.rss, heap: heap - before.heapUsed, peak: rss };
  } finally {
    clearInterval(sampler);
  }
}
