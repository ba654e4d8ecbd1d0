import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/spawn.ts';

/**
 * The layer rules are an allow-list: imports nobody listed are refused. The project's own rules
 * (.dependency-cruiser.cjs) run over a small made-up tree with one import of each kind.
 */
const config = createRequire(import.meta.url)(join(projectRoot, '.dependency-cruiser.cjs')) as {
  allowed: unknown[];
  allowedSeverity: string;
  forbidden: unknown[];
};

const tree: Record<string, string> = {
  'src/domain/ok.ts': `import { x } from './other.ts';\nexport const y = x;`,
  'src/domain/other.ts': `export const x = 1;`,
  'src/domain/logs.ts': `import pino from 'pino';\nexport const l = pino;`,
  'src/domain/reads-files.ts': `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;`,
  'src/domain/telegram.ts': `import { Bot } from 'grammy';\nexport const b = Bot;`,
  'src/domain/festivals.ts': `import { LunarDay } from 'tyme4ts';\nexport const f = LunarDay;`,
  'src/domain/lunar-elsewhere.ts': `import { LunarDay } from 'tyme4ts';\nexport const g = LunarDay;`,
  'src/db/uses-feature.ts': `import { v } from '../features/visits/index.ts';\nexport const w = v;`,
  'src/db/uses-channel.ts': `import { c } from '../channels/console/console.ts';\nexport const d = c;`,
  'src/core/schedules.ts': `import cron from 'node-cron';\nexport const s = cron;`,
  'src/features/visits/index.ts': `import { x } from '../../domain/other.ts';\nexport const v = x;`,
  'src/features/visits/inner.ts': `export const i = 1;`,
  'src/features/survey/reaches-in.ts': `import { i } from '../visits/inner.ts';\nexport const j = i;`,
  'src/features/survey/through-index.ts': `import { v } from '../visits/index.ts';\nexport const k = v;`,
  'src/channels/console/console.ts': `import { x } from '../../domain/other.ts';\nexport const c = x;`,
  'src/channels/console/reads-db.ts': `import { w } from '../../db/uses-feature.ts';\nexport const e = w;`,
};

describe('the layer rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-layers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuse every import no rule allows, and only those', async () => {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = await cruise(['src'], {
      ruleSet: { allowed: config.allowed, allowedSeverity: config.allowedSeverity, forbidden: config.forbidden },
      validate: true,
      baseDir: dir,
      tsPreCompilationDeps: true,
    } as never);
    const output = result.output as { summary: { violations: Array<{ from: string; to: string }> } };
    const refused = output.summary.violations.map((v) => `${v.from} -> ${v.to}`).sort();
    expect(refused).toEqual(
      [
        'src/channels/console/console.ts -> src/domain/other.ts',
        'src/channels/console/reads-db.ts -> src/db/uses-feature.ts',
        'src/core/schedules.ts -> node-cron',
        'src/db/uses-channel.ts -> src/channels/console/console.ts',
        'src/db/uses-feature.ts -> src/features/visits/index.ts',
        'src/domain/logs.ts -> pino',
        'src/domain/reads-files.ts -> fs',
        'src/domain/telegram.ts -> grammy',
        'src/domain/lunar-elsewhere.ts -> tyme4ts',
        'src/features/survey/reaches-in.ts -> src/features/visits/inner.ts',
      ].sort(),
    );
  });
});
