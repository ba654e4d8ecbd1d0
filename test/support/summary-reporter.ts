import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * Ends the run with one plain line, "vitest: N passed, N failed, N skipped", for CI to read, and
 * before it the seed of the shuffled order, so that a failure far up the log can be replayed.
 */
export default class SummaryReporter implements Reporter {
  private seed: number | null = null;

  onInit(vitest: Vitest): void {
    this.seed = vitest.config.sequence.shuffle ? vitest.config.sequence.seed : null;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    if (this.seed !== null) process.stdout.write(`\nvitest seed: ${this.seed} (VITEST_SEED=${this.seed} replays this order)`);
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
