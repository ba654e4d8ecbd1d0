import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The languages HonorCare speaks; zh-CN first. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Params = Record<string, string | number>;
/** Looks up a message in one locale and fills in `{name}` placeholders. */
export type Translate = (key: string, params?: Params) => string;

export const localesDir = join(dirname(fileURLToPath(import.meta.url)), '../locales');

type Catalog = Map<string, string>;

function flatten(prefix: string, value: unknown, into: Catalog): void {
  if (typeof value === 'string') into.set(prefix, value);
  else if (Array.isArray(value)) into.set(prefix, value.join('\n'));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, into);
  }
}

/** Reads src/locales/<locale>/<namespace>.json; keys become `<namespace>.<path>`. */
export function loadCatalogs(dir = localesDir): Record<Locale, Catalog> {
  const out = {} as Record<Locale, Catalog>;
  for (const locale of LOCALES) {
    const catalog: Catalog = new Map();
    for (const file of readdirSync(join(dir, locale)).filter((f) => f.endsWith('.json')).sort()) {
      const ns = file.slice(0, -'.json'.length);
      flatten(ns, JSON.parse(readFileSync(join(dir, locale, file), 'utf8')), catalog);
    }
    out[locale] = catalog;
  }
  return out;
}

export function isLocale(s: string | null | undefined): s is Locale {
  return !!s && (LOCALES as readonly string[]).includes(s);
}

/** Maps a platform language hint ("en-GB", "zh-hans") to a locale we have, or undefined. */
export function localeFromHint(hint: string | undefined): Locale | undefined {
  if (!hint) return undefined;
  const h = hint.toLowerCase();
  if (h.startsWith('zh')) return 'zh-CN';
  if (h.startsWith('en')) return 'en';
  return undefined;
}

export interface I18n {
  /**
   * A translator for one locale; missing keys fall back to zh-CN, then to the key itself. With a
   * `variant` (e.g. 'typed', how files come on the channel), a message `key@variant` is taken
   * over `key` where one exists: "send the file" reads "type 导入 and the file's path" at the terminal.
   */
  for(locale: Locale, variant?: string): Translate;
}

export function createI18n(catalogs = loadCatalogs()): I18n {
  const fill = (template: string, params?: Params) =>
    params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;
  return {
    for(locale, variant) {
      const find = (c: Catalog, key: string) => (variant ? (c.get(`${key}@${variant}`) ?? c.get(key)) : c.get(key));
      return (key, params) => fill(find(catalogs[locale], key) ?? find(catalogs['zh-CN'], key) ?? key, params);
    },
  };
}
