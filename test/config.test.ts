import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration from the environment', () => {
  it('starts with no settings at all: SQLite in ./data, the terminal, Chinese, China time', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toMatch(/^file:.*\/data\/honorcare\.db$/);
    expect(c.telegram).toBeNull();
    expect(c.terminal).toBe(true);
    expect(c.locale).toBe('zh-CN');
    expect(c.timeZone).toBe('Asia/Shanghai');
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
  ])('fails fast naming %s when it is wrong', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
