import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/core/i18n.ts';
import { CHART_HEIGHT, CHART_WIDTH, statsChartPng, statsChartSvg, valueScale } from '../../src/features/stats/chart.ts';
import { CHART_FONT_FAMILY, chartFontFile, escapeXml, rasterize } from '../../src/features/stats/chart-render.ts';
import type { StatsFilter, YearStats } from '../../src/features/stats/year-stats.ts';
import { projectRoot } from '../support/spawn.ts';

/**
 * The chart that comes with 统计: a PNG a phone shows whole, drawn with the Chinese font that
 * `npm install` brings and no other, its labels as glyphs and not as empty boxes. Figures invented.
 */
const i18n = createI18n();
const zh = i18n.for('zh-CN');
const en = i18n.for('en');
const YEAR: StatsFilter = { year: 2026 };
const STATS: YearStats = {
  honorees: 77,
  byLevel: { national: 0, provincial: 11, municipal: 49, county: 17 },
  byCategory: {
    model_worker: { national: 0, provincial: 9, municipal: 30, county: 0 },
    advanced_worker: { national: 0, provincial: 2, municipal: 19, county: 6 },
    craftsman: { national: 0, provincial: 0, municipal: 0, county: 10 },
    master_craftsman: { national: 0, provincial: 0, municipal: 1, county: 0 },
    may_day_medal: { national: 0, provincial: 0, municipal: 0, county: 1 },
  },
  collective: { worker_pioneer: 3, may_day_award: 1 },
  visits: { total: 143, people: 70, moneyFen: 7_150_000, byKind: { in_person: 88, phone: 41, letter: 12, hospital: 2 } },
  checkups: { invited: 60, attended: 47 },
  subsidies: { paid: 20, paidFen: 4_000_000, unpaid: 2, unpaidFen: 400_000 },
  priority: { people: 8, hardship: 5, health: 4 },
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the PNG's IHDR chunk, which must come first, right after the signature. */
function ihdr(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** One line of text in the chart's font, 48 px, on white. */
const label = (s: string) =>
  rasterize(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="72"><text x="8" y="54" font-size="48" font-family="${CHART_FONT_FAMILY}">${escapeXml(s)}</text></svg>`);

/** How many pixels are not white: how much ink a rendering put down. */
const ink = (pixels: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 250 || pixels[i + 1] < 250 || pixels[i + 2] < 250) n++;
  return n;
};
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** The words the chart shows, read back from its SVG. */
const chartWords = (svg: string) =>
  [...svg.matchAll(/>([^<>]+)</g)].map((m) => m[1].replace(/&lt;|&gt;|&quot;|&apos;|&amp;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' })[e] ?? e).trim()).filter(Boolean);

describe('the statistics chart (统计)', () => {
  it('is a PNG of 800×600, small enough to send as a photo', async () => {
    const png = await statsChartPng(zh, STATS, YEAR);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(ihdr(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect([CHART_WIDTH, CHART_HEIGHT]).toEqual([800, 600]);
    expect(png.byteLength).toBeGreaterThan(5_000);
    expect(png.byteLength).toBeLessThan(200_000);
  });

  it('shows honorees by level, visits by kind and checkups done, worded from the locale files', () => {
    const words = chartWords(statsChartSvg(zh, STATS, YEAR));
    expect(words).toContain('2026 年劳模工作统计');
    expect(words).toContain('各级劳模 77 人（按最高级别）');
    expect(words).toContain('走访慰问 143 人次（按方式）');
    expect(words).toContain('健康体检：邀请 60 人，已体检 47 人，完成 78%');
    for (const w of ['全国', '省级', '市级', '县级', '上门走访', '电话慰问', '慰问信', '探病', '11', '49', '17', '88', '41', '12', '2']) expect(words).toContain(w);
    const english = chartWords(statsChartSvg(en, STATS, { year: 2026, level: 'provincial' })).join(' ');
    expect(english).toContain('Figures for 2026 (provincial)');
    expect(english).toContain('77 honorees by highest level');
    expect(english).toContain('Checkups: 60 invited, 47 done, 78%');
  });

  it('writes a typed employer name as text, never as markup', () => {
    const svg = statsChartSvg(zh, STATS, { year: 2026, employer: '示例<厂>&"公司"' });
    expect(svg).not.toContain('<厂>');
    expect(chartWords(svg)).toContain('2026 年劳模工作统计（单位含「示例<厂>&"公司"」）');
  });

  it('draws an office with nothing yet recorded, every bar at zero', async () => {
    const none: YearStats = { ...STATS, honorees: 0, byLevel: { national: 0, provincial: 0, municipal: 0, county: 0 }, visits: { total: 0, people: 0, moneyFen: 0, byKind: {} }, checkups: { invited: 0, attended: 0 } };
    expect(chartWords(statsChartSvg(zh, none, YEAR))).toContain('健康体检：邀请 0 人，已体检 0 人，完成 0%');
    expect(ihdr(await statsChartPng(zh, none, YEAR))).toEqual({ width: 800, height: 600 });
  });

  it('scales its value axis to round steps', () => {
    expect(valueScale(0)).toEqual({ top: 1, step: 1 });
    expect(valueScale(49)).toEqual({ top: 60, step: 20 });
    expect(valueScale(88)).toEqual({ top: 100, step: 50 });
    expect(valueScale(12_345)).toEqual({ top: 15_000, step: 5_000 });
  });
});

describe('the chart font', () => {
  it('comes with npm install: one OpenType file of the font package, not a system font', () => {
    const file = chartFontFile();
    expect(file.startsWith(join(projectRoot, 'node_modules', '@embedpdf', 'fonts-sc') + sep)).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('OTTO');
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@embedpdf/fonts-sc']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies['@resvg/resvg-js']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('draws 劳动模范 as glyphs: ink where a blank has none, unlike the boxes of characters it lacks', async () => {
    const [word, blank, hangul, rare] = await Promise.all(['劳动模范', '', '가나다라', '𠀀𠀁𠀂𠀃'].map(label));
    expect(ink(blank.pixels)).toBe(0);
    expect(ink(word.pixels)).toBeGreaterThan(1_000);
    // What a character the font lacks looks like: the same empty box, whatever the character.
    expect(ink(hangul.pixels)).toBeGreaterThan(1_000);
    expect(same(hangul.pixels, rare.pixels)).toBe(true);
    expect(same(word.pixels, hangul.pixels)).toBe(false);
    // And no character of the word is that box.
    const [box, ...chars] = await Promise.all(['가', ...'劳动模范'].map(label));
    for (const c of chars) expect(same(c.pixels, box.pixels)).toBe(false);
  });

  it('has a glyph for every character the chart shows, in Chinese and in English', async () => {
    const text = [zh, en].flatMap((t) => chartWords(statsChartSvg(t, STATS, { year: 2026, level: 'municipal', category: 'craftsman', employer: '示例供电局' }))).join('');
    const chars = [...new Set([...text.replace(/\s/g, '')])];
    expect(chars.length).toBeGreaterThan(60);
    const box = await label('가');
    const drawn = await Promise.all(chars.map(async (c) => ({ c, pixels: (await label(c)).pixels })));
    expect(drawn.filter((d) => same(d.pixels, box.pixels) || ink(d.pixels) === 0).map((d) => d.c)).toEqual([]);
  });
});
