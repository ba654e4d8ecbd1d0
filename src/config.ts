import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { LOCALES } from './core/i18n.ts';
import { parseQuietHours, type QuietHours } from './domain/quiet-hours.ts';

/** The value is never echoed: a PostgreSQL URL may hold a password. */
const isDatabaseUrl = (url: string) => /^file:./.test(url) || (/^postgres(ql)?:\/\/./i.test(url) && URL.canParse(url));

/**
 * The whole configuration, read from the environment once at start. A wrong value stops the
 * start with a message naming the variable. This is the only file that reads process.env.
 */
const schema = z.object({
  HONORCARE_ENV_FILE: z.string().optional(),
  HONORCARE_DATA_DIR: z.string().min(1).default('./data'),
  // providerOf() takes anything that is not PostgreSQL for a SQLite path: a typo (mysql://, a
  // bare word) would otherwise become a new, empty database file in some folder.
  DATABASE_URL: z
    .string()
    .refine(isDatabaseUrl, 'a SQLite file (file:./data/honorcare.db) or PostgreSQL (postgresql://user:password@host:5432/honorcare)')
    .optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'looks like 123456789:AA... (from @BotFather)')
    .optional(),
  TELEGRAM_API_ROOT: z.url().optional(),
  // WeCom group robots' webhooks: another root only for a relay (or a fake in tests).
  HONORCARE_WECOM_API_ROOT: z.url().optional(),
  // The puppet package Wechaty loads (it is named here, so a typo fails now and not at login).
  WECHATY_PUPPET: z
    .string()
    .regex(/^(@[a-z0-9-]+\/)?wechaty-puppet-[a-z0-9-]+$/, 'a Wechaty puppet package, e.g. wechaty-puppet-service')
    .optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  HONORCARE_WECHAT_MIN_GAP_MS: z.coerce.number().int().min(1).max(60_000).default(1500),
  HONORCARE_WECHAT_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(20),
  HONORCARE_WECHAT_SILENCE_S: z.coerce.number().int().min(1).max(86_400).default(180),
  HONORCARE_ADMINS: z
    .string()
    .default('')
    .transform((s) => s.split(/[,\s]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(telegram|wechat):[\w@.-]+$/, 'each entry is channel:id, e.g. telegram:123456789 or wechat:wxid_abc123'))),
  HONORCARE_TERMINAL: z.enum(['on', 'off']).default('on'),
  HONORCARE_LOCALE: z.enum(LOCALES).default('zh-CN'),
  HONORCARE_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Asia/Shanghai'),
  HONORCARE_FILE_NO_PREFIX: z.string().regex(/^[A-Za-z0-9-]{0,10}$/).default('LM'),
  HONORCARE_INVITE_TTL_HOURS: z.coerce.number().int().positive().default(72),
  HONORCARE_FORM_TTL_MIN: z.coerce.number().int().positive().default(30),
  HONORCARE_CATCHUP_DAYS: z.coerce.number().int().positive().max(365).default(7),
  HONORCARE_DIGEST_TIME: z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'a time of day such as 08:30')
    .transform((t) => t.padStart(5, '0'))
    .default('08:30'),
  HONORCARE_VISIT_GAP_DAYS: z.coerce.number().int().positive().max(3650).default(90),
  HONORCARE_PLAN_LEAD_DAYS: z.coerce.number().int().min(7).max(60).default(21),
  HONORCARE_SUBSIDY_REMIND_DAYS: z
    .string()
    .default('14,3')
    .transform((text, ctx) => {
      const days = text.split(/[,，\s]+/).filter(Boolean).map(Number);
      if (days.length && days.every((d) => Number.isInteger(d) && d >= 1 && d <= 60)) return [...new Set(days)].sort((a, b) => b - a);
      ctx.addIssue({ code: 'custom', message: 'whole days before the due date, 1 to 60, comma separated, such as 14,3' });
      return z.NEVER;
    }),
  HONORCARE_QUIET_HOURS: z
    .string()
    .default('21:00-08:00')
    .transform((text, ctx) => {
      const read = parseQuietHours(text);
      if (read.ok) return read.quiet;
      ctx.addIssue({ code: 'custom', message: 'a window of local times such as 21:00-08:00, or off' });
      return z.NEVER;
    }),
  // Telegram's servers hand bots files of at most 20 MB.
  HONORCARE_MAX_UPLOAD_MB: z.coerce.number().positive().max(20).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().optional(),
});

/** Every variable the bot reads, for docs checks. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export interface Config {
  dataDir: string;
  databaseUrl: string;
  telegram: { token: string; apiRoot?: string } | null;
  /** Where WeCom group robots' webhooks are posted to, when not WeCom's own server. */
  wecomApiRoot?: string;
  /** WeChat through Wechaty, when WECHATY_PUPPET names a puppet. */
  wechat: WechatConfig | null;
  admins: { channel: 'telegram' | 'wechat'; id: string }[];
  terminal: boolean;
  locale: (typeof LOCALES)[number];
  timeZone: string;
  fileNoPrefix: string;
  inviteTtlHours: number;
  /** Minutes a guided form waits for its next answer before it is dropped. */
  formTtlMinutes: number;
  /** Notifications due longer ago than this when the bot comes back are skipped (listed to admins), not sent late. */
  catchupDays: number;
  /** When each notification group gets the daily digest (HH:MM, office time). */
  digestTime: string;
  /** The digest lists priority-register honorees not visited for this many days. */
  visitGapDays: number;
  /** A festival's visit plan is drafted this many days before it. */
  planLeadDays: number;
  /** Days before a subsidy's due date the digest reminds staff, largest first. */
  subsidyRemindDays: number[];
  /** When the bot starts no conversation with an honoree (office time); null: any time. */
  quietHours: QuietHours | null;
  maxUploadBytes: number;
  logLevel: string;
  /** Where logs go: a file path, or '-' for standard error. */
  logFile: string;
}

export interface WechatConfig {
  puppet: string;
  token?: string;
  /** The login session: Wechaty's memory card, `<session>.memory-card.json`, in the data folder. */
  session: string;
  minGapMs: number;
  perMinute: number;
  /** Nothing from the puppet for this long: reported silent (admins told on another channel). */
  silenceMs: number;
  /** Open questions asked this long before an outage are asked again after it: the form TTL. */
  reaskWithinMs: number;
  /**
   * Every WECHATY_* setting given (the puppet's endpoint, TLS switches, WECHATY_LOG…): Wechaty and
   * its puppets read them from process.env themselves, so those from the .env file are put there
   * before Wechaty loads (shareWithWechaty).
   */
  environment: Record<string, string>;
}

/** The puppets that cannot work without a token. */
const NEEDS_TOKEN = new Set(['wechaty-puppet-service']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The environment, with a `.env` file (or HONORCARE_ENV_FILE) filled in underneath: a variable
 * set in the real environment wins over the file.
 */
export function readEnvironment(): NodeJS.ProcessEnv {
  const file = resolve(process.env.HONORCARE_ENV_FILE || '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): Config {
  // An empty value (`DATABASE_URL=` in a copied .env.example) means "not set".
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`, { cause: parsed.error });
  }
  const e = parsed.data;
  if (e.WECHATY_PUPPET && NEEDS_TOKEN.has(e.WECHATY_PUPPET) && !e.WECHATY_PUPPET_SERVICE_TOKEN) {
    throw new ConfigError(`invalid configuration:\n  WECHATY_PUPPET_SERVICE_TOKEN: ${e.WECHATY_PUPPET} needs the token of your puppet service`);
  }
  const dataDir = resolve(e.HONORCARE_DATA_DIR);
  return {
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${join(dataDir, 'honorcare.db')}`,
    telegram: e.TELEGRAM_BOT_TOKEN ? { token: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT } : null,
    wecomApiRoot: e.HONORCARE_WECOM_API_ROOT,
    wechat: e.WECHATY_PUPPET
      ? {
          puppet: e.WECHATY_PUPPET,
          ...(e.WECHATY_PUPPET_SERVICE_TOKEN ? { token: e.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
          session: join(dataDir, 'wechat'),
          minGapMs: e.HONORCARE_WECHAT_MIN_GAP_MS,
          perMinute: e.HONORCARE_WECHAT_PER_MINUTE,
          silenceMs: e.HONORCARE_WECHAT_SILENCE_S * 1000,
          reaskWithinMs: e.HONORCARE_FORM_TTL_MIN * 60_000,
          environment: Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => kv[0].startsWith('WECHATY_') && !!kv[1])),
        }
      : null,
    admins: e.HONORCARE_ADMINS.map((a) => {
      const [channel, ...rest] = a.split(':');
      return { channel: channel as 'telegram' | 'wechat', id: rest.join(':') };
    }),
    terminal: e.HONORCARE_TERMINAL === 'on',
    locale: e.HONORCARE_LOCALE,
    timeZone: e.HONORCARE_TIMEZONE,
    fileNoPrefix: e.HONORCARE_FILE_NO_PREFIX,
    inviteTtlHours: e.HONORCARE_INVITE_TTL_HOURS,
    formTtlMinutes: e.HONORCARE_FORM_TTL_MIN,
    catchupDays: e.HONORCARE_CATCHUP_DAYS,
    digestTime: e.HONORCARE_DIGEST_TIME,
    visitGapDays: e.HONORCARE_VISIT_GAP_DAYS,
    planLeadDays: e.HONORCARE_PLAN_LEAD_DAYS,
    subsidyRemindDays: e.HONORCARE_SUBSIDY_REMIND_DAYS,
    quietHours: e.HONORCARE_QUIET_HOURS,
    maxUploadBytes: Math.round(e.HONORCARE_MAX_UPLOAD_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    logFile: e.LOG_FILE ?? join(dataDir, 'honorcare.log'),
  };
}

/**
 * Puts the WECHATY_* settings of the .env file into the process environment, where Wechaty and
 * its puppets look for them (this is the one place that touches process.env). A variable the
 * real environment sets is left as it is.
 */
export function shareWithWechaty(environment: Record<string, string>): void {
  for (const [name, value] of Object.entries(environment)) process.env[name] ??= value;
}
