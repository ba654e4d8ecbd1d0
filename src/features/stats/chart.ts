import type { Translate } from '../../core/i18n.ts';
import { LEVELS, VISIT_KINDS } from '../../domain/vocabulary.ts';
import { escapeXml, rasterize } from './chart-render.ts';
import { completionRate, filterNote } from './report-text.ts';
import type { StatsFilter, YearStats } from './year-stats.ts';

/** A phone screen's worth: readable when Telegram or WeChat shows it full width. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 600;

const INK = '#222222';
const GRID = '#dddddd';
const LEVEL_COLOUR = '#c0392b';
const VISIT_COLOUR = '#2e6fb5';
const CHECKUP_COLOUR = '#2e8b57';

interface Bar {
  label: string;
  value: number;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const text = (x: number, y: number, body: string, attrs = ''): string =>
  `<text x="${x}" y="${y}" fill="${INK}" ${attrs}>${escapeXml(body)}</text>`;

/** A top for the value axis and its step, both round (1, 2 or 5 times a power of ten), so grid lines read easily. */
export function valueScale(max: number): { top: number; step: number } {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

/** About how wide a label is drawn: a Chinese character is one em, a Latin letter or digit about half of one. */
const approxWidth = (label: string, size: number): number => [...label].reduce((w, c) => w + (c.charCodeAt(0) >= 0x2e80 ? size : size * 0.55), 0);

/** The preferred font size, or a smaller one that fits the width (a title with a long employer name). */
const fitSize = (label: string, width: number, preferred: number): number => Math.min(preferred, Math.floor((preferred * width) / approxWidth(label, preferred)));

/**
 * A label under its bar: on one line, or on two at the space nearest its middle where it is
 * wider than the bar's slot ("in-person visit"). Chinese labels are short and stay on one line.
 */
function barLabel(x: number, y: number, label: string, slot: number): string {
  const fits = approxWidth(label, 15) <= slot;
  const spaces = [...label.matchAll(/ /g)].map((m) => m.index);
  if (fits || !spaces.length) return text(x, y, label, 'font-size="15" text-anchor="middle"');
  const cut = spaces.reduce((best, i) => (Math.abs(i - label.length / 2) < Math.abs(best - label.length / 2) ? i : best));
  const lines = [label.slice(0, cut), label.slice(cut + 1)];
  return `<text y="${y}" fill="${INK}" font-size="15" text-anchor="middle">${lines.map((l, i) => `<tspan x="${x}" dy="${i ? 18 : 0}">${escapeXml(l)}</tspan>`).join('')}</text>`;
}

/** A titled bar chart in a box: light grid lines at round values, each bar's value above it, its label below. */
function barPanel(box: Box, title: string, bars: Bar[], colour: string): string {
  const plot = { left: box.x + 44, right: box.x + box.width, top: box.y + 44, bottom: box.y + box.height - 48 };
  const { top, step } = valueScale(Math.max(0, ...bars.map((b) => b.value)));
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * v) / top;
  const parts = [text(box.x + box.width / 2, box.y + 18, title, 'font-size="20" text-anchor="middle"')];
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line x1="${plot.left}" y1="${y(v)}" x2="${plot.right}" y2="${y(v)}" stroke="${v ? GRID : INK}" stroke-width="1"/>`);
    parts.push(text(plot.left - 8, y(v) + 5, String(v), 'font-size="13" text-anchor="end"'));
  }
  const slot = (plot.right - plot.left) / bars.length;
  bars.forEach((bar, i) => {
    const centre = plot.left + slot * (i + 0.5);
    const width = slot * 0.56;
    parts.push(`<rect x="${centre - width / 2}" y="${y(bar.value)}" width="${width}" height="${plot.bottom - y(bar.value)}" fill="${colour}"/>`);
    parts.push(text(centre, y(bar.value) - 8, String(bar.value), 'font-size="16" text-anchor="middle"'));
    parts.push(barLabel(centre, plot.bottom + 24, bar.label, slot));
  });
  return parts.join('\n');
}

/** A bar across the width filled as far as the share of invited people who had their checkup. */
function completionBar(box: Box, title: string, share: number): string {
  return [
    text(box.x, box.y + 18, title, 'font-size="18"'),
    `<rect x="${box.x}" y="${box.y + 32}" width="${box.width}" height="${box.height - 32}" rx="4" fill="#eeeeee"/>`,
    `<rect x="${box.x}" y="${box.y + 32}" width="${box.width * share}" height="${box.height - 32}" rx="4" fill="${CHECKUP_COLOUR}"/>`,
  ].join('\n');
}

/** The chart as SVG markup, every word from the locale files through `t`. */
export function statsChartSvg(t: Translate, s: YearStats, f: StatsFilter): string {
  const levels = LEVELS.map((l) => ({ label: t(`vocab.levels.${l}`), value: s.byLevel[l] }));
  const visits = VISIT_KINDS.map((k) => ({ label: t(`vocab.visit_kinds.${k}`), value: s.visits.byKind[k] ?? 0 }));
  const title = t('stats.chart_title', { year: f.year, filters: filterNote(t, f) });
  const share = s.checkups.invited ? Math.min(1, s.checkups.attended / s.checkups.invited) : 0;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
    text(CHART_WIDTH / 2, 46, title, `font-size="${fitSize(title, CHART_WIDTH - 48, 26)}" text-anchor="middle"`),
    barPanel({ x: 24, y: 84, width: 356, height: 380 }, t('stats.chart_levels', { count: s.honorees }), levels, LEVEL_COLOUR),
    barPanel({ x: 420, y: 84, width: 356, height: 380 }, t('stats.chart_visits', { total: s.visits.total }), visits, VISIT_COLOUR),
    completionBar({ x: 40, y: 496, width: 720, height: 64 }, t('stats.chart_checkups', { ...s.checkups, rate: completionRate(s.checkups) }), share),
    '</svg>',
  ].join('\n');
}

/**
 * The year's figures as a PNG for a phone (800×600): honorees by highest level, visits by kind,
 * and how many of those invited had their checkup, labelled in the reader's language.
 */
export async function statsChartPng(t: Translate, stats: YearStats, filter: StatsFilter): Promise<Uint8Array> {
  return (await rasterize(statsChartSvg(t, stats, filter))).png;
}
