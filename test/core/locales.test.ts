import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/core/i18n.ts';
import { projectRoot } from '../support/spawn.ts';

const catalogs = loadCatalogs();
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('locale files', () => {
  it('have the same keys in Chinese and English', () => {
    expect([...catalogs.en.keys()].sort()).toEqual([...catalogs['zh-CN'].keys()].sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, zh] of catalogs['zh-CN']) expect(placeholders(catalogs.en.get(key) ?? ''), key).toEqual(placeholders(zh));
  });

  it('contain every literal message key the code uses', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(join(projectRoot, 'src'))) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\b(?:t|ctx\.t)\(\s*'([a-z_]+\.[\w.]+)'/g)) {
        checked++;
        if (!catalogs['zh-CN'].has(m[1])) missing.push(`${m[1]} (${file})`);
      }
      for (const m of code.matchAll(/new UserError\(\s*'([a-z_]+\.[\w.]+)'/g)) if (!catalogs['zh-CN'].has(m[1])) missing.push(`${m[1]} (${file})`);
    }
    expect(checked).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
