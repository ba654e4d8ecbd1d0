import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';

/**
 * The one font charts are drawn with: Noto Sans CJK, Simplified Chinese subset ("Noto Sans S
 * Chinese", OFL), Regular, as the npm package @embedpdf/fonts-sc ships it. A fresh server has no
 * Chinese font and we assume none: `npm install` brings this file, and system fonts are never
 * loaded, so a chart looks the same everywhere and a missing glyph shows as a box, not as some
 * other font. The package ships five weights; only this one file is read.
 */
export const CHART_FONT_FAMILY = 'Noto Sans S Chinese';
const FONT_PACKAGE = '@embedpdf/fonts-sc';
const FONT_FILE = 'NotoSansHans-Regular.otf';

let fontFile: string | undefined;

/** The chart font's path inside the installed package (its entry is dist/index.*; the fonts sit beside dist). */
export function chartFontFile(): string {
  if (fontFile) return fontFile;
  const entry = createRequire(import.meta.url).resolve(FONT_PACKAGE);
  const file = join(dirname(entry), '..', 'fonts', FONT_FILE);
  // resvg skips a font path it cannot read and draws no text at all: say so instead.
  if (!existsSync(file)) throw new Error(`The chart font ${FONT_FILE} is missing from ${FONT_PACKAGE}: run npm install`);
  return (fontFile = file);
}

/** A rasterised SVG: its size, its RGBA pixels (row by row) and the PNG file. */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
  png: Uint8Array;
}

/**
 * Draws an SVG (sized in pixels) on white with the chart font alone. Off the event loop: laying
 * out a chart's two dozen labels takes resvg about 0.1 s, and other people's commands go on meanwhile.
 */
export async function rasterize(svg: string): Promise<Raster> {
  const image = await renderAsync(svg, {
    background: 'white',
    fitTo: { mode: 'original' },
    font: {
      loadSystemFonts: false,
      fontFiles: [chartFontFile()],
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    // A glyph the font lacks is drawn as a box (the test proves labels are not); no log line per character.
    logLevel: 'off',
  });
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels), png: new Uint8Array(image.asPng()) };
}

/** Text made safe inside SVG markup (employer names are typed by people). */
export const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
