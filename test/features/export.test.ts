import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/client.ts';
import { ADMIN, STAFF, type testChat } from '../support/chat.ts';
import { freshUrl, PROVIDERS, type TestDb } from '../support/databases.ts';
import { officeWorld } from '../support/seed.ts';
import { runNpm } from '../support/spawn.ts';

/**
 * 导出: the year's workbook read back with exceljs: its sheets, headers, types and values; a staff
 * member's has no sensitive column, an admin's has them and is audited; a group gets no file; the
 * same workbook from the command line. All invented.
 */
const NOW = new Date('2026-12-20T02:00:00Z');
const SENSITIVE = ['身份证号', '电话', '住址', '家庭年收入（元）', '人均年收入（元）', '健康状况', '重点登记（健康）', '登记原因', '报告总结', '异常发现', '健康指导'];

/** One invented person with a bit of everything. */
async function craft(db: Db): Promise<void> {
  const h = await db.honoree.create({
    data: { fileNo: 'LM00001', name: '张导出', pinyinFull: 'zhangdaochu', pinyinInitials: 'zdc', birthDate: '1956-03-08', idNumber: '110101195603080012', phone: '13800001111', address: '示例路1号', employer: '示例供电局', employmentStatus: 'retired' },
  });
  await db.honour.create({ data: { honoreeId: h.id, category: 'model_worker', level: 'provincial', year: 2015 } });
  await db.survey.create({ data: { honoreeId: h.id, year: 2026, householdIncomeFen: 3_600_000, healthStatus: '高血压', priorityHardship: true, priorityHealth: true, priorityReason: '体检异常' } });
  await db.visit.create({ data: { honoreeId: h.id, kind: 'in_person', visitDate: '2026-02-01', moneyFen: 50_050, gifts: '米、油' } });
  await db.visit.create({ data: { honoreeId: h.id, kind: 'phone', visitDate: '2025-06-01' } }); // another year
  const campaign = await db.checkupCampaign.create({ data: { year: 2026, hospital: '示例医院', address: '健康路1号', status: 'closed', cadence: '[-3,-1,1]', createdById: 1, createdAt: NOW } });
  await db.checkupAppointment.create({ data: { campaignId: campaign.id, honoreeId: h.id, status: 'attended', findings: '血压偏高', invitedAt: NOW, createdAt: NOW, updatedAt: NOW } });
  const policy = await db.subsidyPolicy.create({ data: { name: '春节慰问金', honours: '[]', amountFen: 200_000, scheduleKind: 'fixed', fixedDate: '01-20', fromYear: 2026, createdAt: NOW, updatedAt: NOW } });
  await db.subsidyPayment.create({ data: { policyId: policy.id, honoreeId: h.id, period: 2026, amountFen: 200_000, dueDate: '2026-01-20', status: 'paid', paidOn: '2026-01-18', reference: 'PB001', createdAt: NOW, updatedAt: NOW } });
}

async function read(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  return wb;
}
const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1) as string[];

describe.each(PROVIDERS)('the yearly workbook (导出) on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    ({ t, chat } = await officeWorld(provider, { now: NOW }));
    await craft(t.db);
  });
  afterEach(() => t.destroy());

  it('gives staff every sheet with Chinese headers, frozen, dates as dates and money in yuan, and no sensitive column', async () => {
    const [reply] = await chat.replies(STAFF, '导出');
    expect(reply.text).toContain('2026 年工作表格（花名册、个人荣誉、集体荣誉、摸底调查、走访慰问、健康体检、专项补助、统计）');
    expect(reply.text).toContain('不含身份证号');
    const wb = await read(reply.file!.data);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['花名册', '个人荣誉', '集体荣誉', '摸底调查', '走访慰问', '健康体检', '专项补助', '统计']);
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      for (const h of headers(sheet)) expect(SENSITIVE).not.toContain(h);
    }
    const roster = wb.getWorksheet('花名册')!;
    expect(headers(roster)).toEqual(['档案号', '姓名', '性别', '民族', '出生日期', '工作单位', '职务', '就业状态']);
    expect(roster.getRow(2).getCell(5).value).toEqual(new Date('1956-03-08T00:00:00Z'));
    expect(roster.getColumn(5).numFmt).toBe('yyyy-mm-dd');
    expect(roster.getRow(2).getCell(5).numFmt).toBe('yyyy-mm-dd'); // the cell's own format, as a reader shows it
    expect(roster.getRow(2).getCell(8).value).toBe('退休');
    expect(roster.getColumn(6).width).toBeGreaterThanOrEqual(10); // 示例供电局: five wide characters
    const visits = wb.getWorksheet('走访慰问')!;
    expect(visits.rowCount).toBe(2); // 2025's visit is not this year's
    expect(headers(visits)).toEqual(['走访日期', '档案号', '姓名', '方式', '慰问金（元）', '礼品', '备注']);
    expect(visits.getRow(2).getCell(5).value).toBe(500.5);
    expect(visits.getColumn(5).numFmt).toBe('0.00');
    expect(visits.getRow(2).getCell(5).numFmt).toBe('0.00');
    expect(visits.getRow(2).getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect(wb.getWorksheet('专项补助')!.getRow(2).values).toEqual([undefined, 'LM00001', '张导出', '春节慰问金', 2000, new Date('2026-01-20T00:00:00Z'), '已发', new Date('2026-01-18T00:00:00Z'), 'PB001']);
    const stats = wb.getWorksheet('统计')!;
    expect(stats.getRow(2).values).toEqual([undefined, '各级劳动模范和先进工作者（人）', 1]);
    expect(JSON.stringify(stats.getSheetValues())).toContain('"慰问金（元）","500.50"');
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'export' } });
    expect(JSON.parse(audit.changes).sensitive).toEqual([null, false]);
  });

  it('gives an admin the sensitive columns, says so, and audits who, when and which sheets', async () => {
    const [reply] = await chat.replies(ADMIN, '导出 2026');
    expect(reply.text).toContain('含身份证号、电话、地址、收入和健康信息');
    const wb = await read(reply.file!.data);
    expect(headers(wb.getWorksheet('花名册')!)).toEqual(['档案号', '姓名', '性别', '民族', '出生日期', '身份证号', '电话', '工作单位', '职务', '就业状态', '住址']);
    expect(wb.getWorksheet('摸底调查')!.getRow(2).getCell(4).value).toBe(36000);
    expect(headers(wb.getWorksheet('健康体检')!)).toContain('异常发现');
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'export' } });
    expect(audit).toMatchObject({ actorLabel: `telegram:${ADMIN.id}`, entityId: 2026, action: 'create' });
    expect(JSON.parse(audit.changes)).toMatchObject({ sensitive: [null, true], sheets: [null, '花名册、个人荣誉、集体荣誉、摸底调查、走访慰问、健康体检、专项补助、统计'] });
  });

  it('sends no file to a group, and says how to ask', async () => {
    const replies = await chat.replies(ADMIN, '导出', { group: 'g-1' });
    expect(replies.every((r) => !r.file)).toBe(true);
    expect(await chat.say(STAFF, '导出 去年')).toContain('没有看懂「去年」：请写年份，例如：导出 2026');
  });
});

describe.each(PROVIDERS)('npm run export on %s', (provider) => {
  it('writes the same workbook to a file, with --sensitive only when asked, and audits it', async () => {
    const { url, drop } = await freshUrl(provider);
    const dir = mkdtempSync(join(tmpdir(), 'hc-export-'));
    try {
      const store = await openDb(url);
      await craft(store.db);
      // SQLite: the bot holds its file alone; the command line opens it when nothing else does.
      await store.close();
      const out = join(dir, 'report.xlsx');
      const run = await runNpm(['run', 'export', '--', '--year', '2026', '--out', out], { DATABASE_URL: url, HONORCARE_TERMINAL: 'off' });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('已写入');
      // The same figures as 统计, after the file: the crafted office's one provincial model worker.
      expect(run.stdout).toContain('【2026 年劳模工作统计】\n共有各级劳动模范和先进工作者 1 人，其中省级 1 人。');
      const wb = await read(readFileSync(out));
      expect(headers(wb.getWorksheet('花名册')!)).not.toContain('身份证号');
      const sensitive = await runNpm(['run', 'export', '--', '--year', '2026', '--out', out, '--sensitive'], { DATABASE_URL: url, HONORCARE_TERMINAL: 'off' });
      expect(sensitive.code).toBe(0);
      expect(headers((await read(readFileSync(out))).getWorksheet('花名册')!)).toContain('身份证号');
      const figuresOnly = await runNpm(['run', 'export', '--', '--year', '2025'], { DATABASE_URL: url, HONORCARE_TERMINAL: 'off' });
      expect(figuresOnly.code).toBe(0);
      expect(figuresOnly.stdout).not.toContain('已写入');
      expect(figuresOnly.stdout).toContain('【2025 年劳模工作统计】');
      expect((await runNpm(['run', 'export', '--', '--year', 'abc'], { DATABASE_URL: url, HONORCARE_TERMINAL: 'off' })).stderr).toContain('用法：npm run export');
      const after = await openDb(url);
      expect(await after.db.auditEntry.count({ where: { entity: 'export', actorLabel: 'system' } })).toBe(2);
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await drop();
    }
  }, 60_000);
});
