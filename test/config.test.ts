import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES, ConfigError, loadConfig, readEnvironment, shareWithWechaty } from '../src/config.ts';
import { projectRoot } from './support/spawn.ts';

describe('configuration from the environment', () => {
  it('starts with no settings at all: SQLite in ./data, the terminal, Chinese, China time', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toMatch(/^file:.*\/data\/honorcare\.db$/);
    expect(c.telegram).toBeNull();
    expect(c.terminal).toBe(true);
    expect(c.locale).toBe('zh-CN');
    expect(c.timeZone).toBe('Asia/Shanghai');
    expect(c.formTtlMinutes).toBe(30);
    expect(c.logFile).toMatch(/\/data\/honorcare\.log$/);
  });

  it('reads Telegram, admins and the other settings', () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABC-def_1',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      HONORCARE_ADMINS: 'telegram:123456789, wechat:wxid_abc',
      DATABASE_URL: 'postgresql://u@127.0.0.1/db',
      HONORCARE_MAX_UPLOAD_MB: '5',
      LOG_FILE: '-',
    });
    expect(c.telegram).toEqual({ token: '123456:ABC-def_1', apiRoot: 'http://127.0.0.1:8081' });
    expect(c.admins).toEqual([
      { channel: 'telegram', id: '123456789' },
      { channel: 'wechat', id: 'wxid_abc' },
    ]);
    expect(c.databaseUrl).toBe('postgresql://u@127.0.0.1/db');
    expect(c.maxUploadBytes).toBe(5 * 1024 * 1024);
    expect(c.logFile).toBe('-');
  });

  it.each([
    ['TELEGRAM_BOT_TOKEN', 'not-a-token'],
    ['HONORCARE_ADMINS', '123456789'],
    ['HONORCARE_TIMEZONE', 'Mars/Olympus'],
    ['HONORCARE_LOCALE', 'fr'],
    ['HONORCARE_MAX_UPLOAD_MB', '500'],
    ['HONORCARE_FORM_TTL_MIN', '0'],
    ['HONORCARE_PLAN_LEAD_DAYS', '5'],
    ['HONORCARE_SUBSIDY_REMIND_DAYS', '14,三'],
    ['HONORCARE_SUBSIDY_REMIND_DAYS', '90'],
  ])('fails fast naming %s when it is wrong', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('reads when visit plans are drafted and when subsidies are reminded of (defaults 21, and 14 and 3)', () => {
    expect(loadConfig({})).toMatchObject({ planLeadDays: 21, subsidyRemindDays: [14, 3] });
    expect(loadConfig({ HONORCARE_PLAN_LEAD_DAYS: '30', HONORCARE_SUBSIDY_REMIND_DAYS: '3, 7，7 1' })).toMatchObject({ planLeadDays: 30, subsidyRemindDays: [7, 3, 1] });
  });

  it.each([
    ['MySQL', 'mysql://honorcare:s3cret@127.0.0.1/honorcare'],
    ['a bare word', 'honorcare'],
    ['a path without file:', './data/honorcare.db'],
    ['a scheme of its own', 'sqlite:./data/honorcare.db'],
    ['PostgreSQL without a server', 'postgresql://'],
  ])('refuses DATABASE_URL as %s, naming the variable without echoing the value', (_what, value) => {
    expect(() => loadConfig({ DATABASE_URL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: value })).toThrow(/DATABASE_URL: a SQLite file \(file:.*\) or PostgreSQL/);
    // A URL may carry a password: the message says what is expected, never what was given.
    expect(() => loadConfig({ DATABASE_URL: value })).not.toThrow(/s3cret|mysql/);
  });

  it.each(['file:./data/honorcare.db', 'file:/srv/honorcare/honorcare.db', 'postgres://u@db.example/honorcare', 'postgresql://u:p@127.0.0.1:5432/honorcare?sslmode=require'])(
    'takes DATABASE_URL=%s',
    (value) => {
      expect(loadConfig({ DATABASE_URL: value }).databaseUrl).toBe(value);
    },
  );

  it("reads where WeCom group robots post (unset: WeCom's own server), and refuses what is not a URL", () => {
    expect(loadConfig({}).wecomApiRoot).toBeUndefined();
    expect(loadConfig({ HONORCARE_WECOM_API_ROOT: 'http://127.0.0.1:8082' }).wecomApiRoot).toBe('http://127.0.0.1:8082');
    expect(() => loadConfig({ HONORCARE_WECOM_API_ROOT: 'qyapi relay' })).toThrow(/HONORCARE_WECOM_API_ROOT/);
  });
});

describe('the WeChat settings', () => {
  it('leave WeChat off unless WECHATY_PUPPET names a puppet', () => {
    expect(loadConfig({}).wechat).toBeNull();
  });

  it('read the puppet, its token, the pacing, and keep the login session in the data folder', () => {
    const c = loadConfig({
      HONORCARE_DATA_DIR: '/srv/honorcare',
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_test-token',
      WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:8788',
      HONORCARE_WECHAT_MIN_GAP_MS: '2000',
      HONORCARE_WECHAT_SILENCE_S: '60',
    });
    expect(c.wechat).toEqual({
      puppet: 'wechaty-puppet-service',
      token: 'insecure_test-token',
      session: '/srv/honorcare/wechat',
      minGapMs: 2000,
      perMinute: 20,
      silenceMs: 60_000,
      // Questions asked within the form TTL before an outage are asked again after it.
      reaskWithinMs: 30 * 60_000,
      // Every WECHATY_* setting, for Wechaty and its puppets to read themselves.
      environment: { WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_test-token', WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:8788' },
    });
    expect(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u' }).wechat).toMatchObject({ minGapMs: 1500, perMinute: 20, silenceMs: 180_000 });
  });

  it.each([
    ['WECHATY_PUPPET', { WECHATY_PUPPET: 'puppet-service' }],
    ['WECHATY_PUPPET_SERVICE_TOKEN', { WECHATY_PUPPET: 'wechaty-puppet-service' }],
    ['HONORCARE_WECHAT_MIN_GAP_MS', { WECHATY_PUPPET: 'wechaty-puppet-wechat4u', HONORCARE_WECHAT_MIN_GAP_MS: '0' }],
    ['HONORCARE_WECHAT_PER_MINUTE', { WECHATY_PUPPET: 'wechaty-puppet-wechat4u', HONORCARE_WECHAT_PER_MINUTE: 'many' }],
    ['HONORCARE_WECHAT_SILENCE_S', { WECHATY_PUPPET: 'wechaty-puppet-wechat4u', HONORCARE_WECHAT_SILENCE_S: '0' }],
  ])('fail fast naming %s when it is wrong or missing', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('take wechat:<contact id> admins', () => {
    expect(loadConfig({ HONORCARE_ADMINS: 'wechat:wxid_abc123,wechat:@5f1e2d' }).admins).toEqual([
      { channel: 'wechat', id: 'wxid_abc123' },
      { channel: 'wechat', id: '@5f1e2d' },
    ]);
  });
});

describe('the .env file', () => {
  afterEach(() => {
    delete process.env.HONORCARE_ENV_FILE;
    delete process.env.HONORCARE_LOCALE;
  });

  it('fills in what the environment does not set, and the environment wins', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hc-env-')), '.env');
    writeFileSync(file, 'HONORCARE_TIMEZONE=Asia/Urumqi\nHONORCARE_LOCALE=en\n');
    process.env.HONORCARE_ENV_FILE = file;
    process.env.HONORCARE_LOCALE = 'zh-CN';
    const c = loadConfig(readEnvironment());
    expect(c.timeZone).toBe('Asia/Urumqi');
    expect(c.locale).toBe('zh-CN');
  });
});

describe('WECHATY_* settings in the .env file', () => {
  afterEach(() => {
    delete process.env.HONORCARE_ENV_FILE;
    for (const name of ['WECHATY_PUPPET', 'WECHATY_PUPPET_SERVICE_ENDPOINT', 'WECHATY_LOG']) delete process.env[name];
  });

  it('reach Wechaty, which reads them from the process environment; the real environment still wins', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hc-env-')), '.env');
    writeFileSync(file, 'WECHATY_PUPPET=wechaty-puppet-wechat4u\nWECHATY_PUPPET_SERVICE_ENDPOINT=10.0.0.1:8788\nWECHATY_LOG=verbose\n');
    process.env.HONORCARE_ENV_FILE = file;
    process.env.WECHATY_LOG = 'silly';
    const c = loadConfig(readEnvironment());
    expect(process.env.WECHATY_PUPPET_SERVICE_ENDPOINT).toBeUndefined();
    shareWithWechaty(c.wechat!.environment);
    expect(process.env.WECHATY_PUPPET_SERVICE_ENDPOINT).toBe('10.0.0.1:8788');
    expect(process.env.WECHATY_LOG).toBe('silly');
  });
});

describe('the documentation of the configuration', () => {
  const example = readFileSync(join(projectRoot, '.env.example'), 'utf8');
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');

  it('.env.example lists exactly the variables the bot reads, and loads as is', () => {
    const listed = [...example.matchAll(/^#?\s*([A-Z_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(() => loadConfig(parseEnv(example))).not.toThrow();
  });

  it('the README documents every variable', () => {
    for (const name of CONFIG_VARIABLES) expect(readme, name).toContain(`\`${name}\``);
  });
});
