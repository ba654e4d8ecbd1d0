import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeIdNumber } from '../../src/domain/index.ts';
import type { Db, Tx } from '../../src/db/client.ts';
import { applyImport } from '../../src/features/import/apply-import.ts';
import { mapColumns } from '../../src/features/import/columns.ts';
import { readCsv } from '../../src/features/import/read-csv.ts';
import { validateRows } from '../../src/features/import/validate-rows.ts';
import { ADMIN, memoryFile, STAFF, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

const samples = new URL('../../samples/', import.meta.url);
const sampleBytes = (name: string) => new Uint8Array(readFileSync(new URL(name, samples)));
const sampleCsvText = () => new TextDecoder().decode(sampleBytes('roster.csv')).replace(/^\uFEFF/, '');

/**
 * GBK bytes of a text, as Excel in China saves a CSV. Node only decodes GBK, so the encoder is
 * the decoder run backwards over every two-byte code.
 */
function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail !== 0x7f) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return new Uint8Array(out);
}

const HEADER = '姓名,身份证号,出生日期,电话,工作单位,荣誉';
const id = (birth: string, seq = '013', region = '999070') => makeIdNumber(region, birth, seq);
/** An ID number with its check digit changed to a wrong one. */
const badCheck = (good: string) => good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

/** Honoree rows as compared between databases: everything but ids and times. */
async function snapshot(db: Db) {
  const rows = await db.honoree.findMany({ orderBy: { idNumber: 'asc' }, include: { honours: { orderBy: [{ year: 'asc' }, { category: 'asc' }] } } });
  return rows.map(({ id: _id, createdAt: _c, updatedAt: _u, honours, ...rest }) => ({
    ...rest,
    honours: honours.map(({ id: _hid, honoreeId: _ho, createdAt: _hc, ...h }) => h),
  }));
}

describe.each(PROVIDERS)('roster import on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    chat = testChat(t.db);
  });
  afterEach(() => t.destroy());

  /** Audit entries about people (binding the test accounts writes one of its own). */
  const personAudit = () => t.db.auditEntry.count({ where: { entity: { in: ['honoree', 'honour'] } } });
  const importFile = (name: string, data: Uint8Array | string, words = '导入') => chat.say(STAFF, words, { file: memoryFile(name, data) });

  it('imports the sample CSV: counts, files with pinyin keys, automatic file numbers and honours', async () => {
    const text = await importFile('roster.csv', sampleBytes('roster.csv'));
    expect(text).toContain('导入完成：roster.csv');
    expect(text).toContain('新增 10、更新 0、无变化 0、错误 0；新增荣誉 11 项');
    expect(await t.db.honoree.count()).toBe(10);

    const pu = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'SL0001' }, include: { honours: { orderBy: { year: 'asc' } } } });
    expect(pu).toMatchObject({ name: '普建华', pinyinFull: 'pujianhua', pinyinInitials: 'pjh', gender: 'male', birthDate: '1965-03-08', phone: '13900051001', phoneLast4: '1001', employmentStatus: 'employed', ethnicity: '彝族' });
    expect(pu.honours).toMatchObject([
      { category: 'model_worker', level: 'municipal', year: 2015, awardingBody: '示例市人民政府' },
      { category: 'model_worker', level: 'provincial', year: 2020, awardingBody: '示例省人民政府' },
    ]);
    // 单 as a surname reads shan; people without a file number get the next automatic one, in file order.
    const shan = await t.db.honoree.findFirstOrThrow({ where: { name: '单玉珍' } });
    expect(shan.pinyinFull).toBe('shanyuzhen');
    expect(shan.employmentStatus).toBe('retired');
    const auto = await t.db.honoree.findMany({ where: { fileNo: { startsWith: 'LM' } }, orderBy: { fileNo: 'asc' }, select: { fileNo: true, name: true } });
    expect(auto.map((a) => a.fileNo)).toEqual(['LM00001', 'LM00002', 'LM00003', 'LM00004', 'LM00005', 'LM00006', 'LM00007', 'LM00008']);
    expect(auto[0].name).toBe('昂文亮');

    const audit = await t.db.auditEntry.findMany({ where: { entity: { in: ['honoree', 'honour'] } } });
    expect(audit.filter((a) => a.entity === 'honoree' && a.action === 'create')).toHaveLength(10);
    expect(audit.filter((a) => a.entity === 'honour' && a.action === 'create')).toHaveLength(11);
    expect(audit).toHaveLength(21);
    expect(new Set(audit.map((a) => a.actorLabel))).toEqual(new Set([`telegram:${STAFF.id}`]));
  });

  it('takes control characters, terminal escapes and bidi overrides out of every cell before saving', async () => {
    const dirty = csv(`普\u202e建华\u202c,${id('1965-03-08')},1965-03-08,13900001234,示例\u001b[31m供电所\u001b[0m\u0007,`);
    expect(await importFile('dirty.csv', dirty)).toContain('新增 1、');
    const [file] = await t.db.honoree.findMany();
    expect(file.name).toBe('普建华');
    expect(file.employer).toBe('示例供电所');
  });

  it('re-importing the same file changes nothing: all unchanged, no writes, no audit entries', async () => {
    await importFile('roster.csv', sampleBytes('roster.csv'));
    const before = await snapshot(t.db);
    const times = await t.db.honoree.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } });
    const auditBefore = await personAudit();

    const text = await importFile('roster.csv', sampleBytes('roster.csv'));
    expect(text).toContain('新增 0、更新 0、无变化 10、错误 0；新增荣誉 0 项');
    expect(await personAudit()).toBe(auditBefore);
    expect(await snapshot(t.db)).toEqual(before);
    expect(await t.db.honoree.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } })).toEqual(times);
  });

  it('a dry run writes nothing but reports the same counts the import then has', async () => {
    const dry = await importFile('roster.csv', sampleBytes('roster.csv'), '导入 试运行');
    expect(dry).toContain('试运行（没有保存任何内容）');
    expect(dry).toContain('新增 10、更新 0、无变化 0、错误 0；新增荣誉 11 项');
    expect(await t.db.honoree.count()).toBe(0);
    expect(await t.db.honour.count()).toBe(0);
    expect(await personAudit()).toBe(0);

    const real = await importFile('roster.csv', sampleBytes('roster.csv'));
    const countsLine = (s: string) => s.split('\n').find((l) => l.startsWith('新增'));
    expect(countsLine(real)).toBe(countsLine(dry));

    // A changed phone and a new honour: the dry run predicts one update and touches nothing.
    const changed = sampleCsvText().replace('13900051018', '13900059999').replace('2012 省级劳动模范 示例省人民政府', '2012 省级劳动模范 示例省人民政府；2016 全国劳动模范');
    const auditBefore = await personAudit();
    const dryUpdate = await importFile('roster.csv', changed, '/import dry-run');
    expect(dryUpdate).toContain('新增 0、更新 1、无变化 9、错误 0；新增荣誉 1 项');
    expect((await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'SL0002' } })).phone).toBe('13900051018');
    expect(await personAudit()).toBe(auditBefore);
  });

  it('the XLSX sample (date cells, phones stored as numbers) imports exactly as the CSV sample', async () => {
    const text = await importFile('roster.xlsx', sampleBytes('roster.xlsx'));
    expect(text).toContain('新增 10、更新 0、无变化 0、错误 0；新增荣誉 11 项');
    const other = await freshDb(provider);
    try {
      await seedAccounts(other.db);
      expect(await testChat(other.db).say(STAFF, '导入', { file: memoryFile('roster.csv', sampleBytes('roster.csv')) })).toContain('新增 10');
      const fromXlsx = await snapshot(t.db);
      expect(fromXlsx).toEqual(await snapshot(other.db));
      expect(fromXlsx.find((p) => p.name === '毕秀芬')).toMatchObject({ birthDate: '1958-11-21', phone: '13900051018' });
    } finally {
      await other.destroy();
    }
  });

  it('reads a CSV saved in GBK, as Excel in China does', async () => {
    await importFile('roster.csv', sampleBytes('roster.csv'));
    const extra = `${id('1970-02-02')},1970-02-02,13900052222,示例彝绣坊,2019 县级工匠 示例县总工会`;
    const gbk = encodeGbk(`${sampleCsvText()}11,,龙彝秀,女,彝族,,${extra.split(',')[0]},13900052222,示例彝绣坊,,,,2019 县级工匠 示例县总工会,\r\n`);
    const text = await importFile('花名册.csv', gbk);
    // Garbled names would count as changes or errors; every sample person is recognised as the same.
    expect(text).toContain('新增 1、更新 0、无变化 10、错误 0；新增荣誉 1 项');
    const added = await t.db.honoree.findUniqueOrThrow({ where: { idNumber: id('1970-02-02') }, include: { honours: true } });
    expect(added).toMatchObject({ name: '龙彝秀', pinyinFull: 'longyixiu', ethnicity: '彝族', employer: '示例彝绣坊', birthDate: '1970-02-02' });
    expect(added.honours).toMatchObject([{ category: 'craftsman', level: 'county', year: 2019, awardingBody: '示例县总工会' }]);
  });

  it('refuses broken files with a clear message and writes nothing', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(await importFile('roster.xlsx', random)).toContain('这个 Excel 文件打不开');
    const unbalanced = csv(`张三,${id('1970-01-01')},1970-01-01,13900050001,示例单位,`, `"李四,${id('1971-01-01')},1971-01-01,13900050002,示例单位,`);
    expect(await importFile('roster.csv', unbalanced)).toMatch(/CSV 文件第 \d+ 行附近有一个引号（"）没有配对/);
    const noHeader = await importFile('roster.csv', '张三,13900050001\n李四,13900050002\n');
    expect(noHeader).toContain('没有找到「姓名、身份证号」列');
    expect(noHeader).toContain('档案号,姓名,性别,民族,出生日期,身份证号,电话,工作单位,职务,就业状态,地址,备注,荣誉');
    expect(await importFile('roster.pdf', '%PDF-1.4')).toContain('不支持「roster.pdf」这种文件');
    expect(await importFile('roster.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toContain('另存为」Excel 工作簿（.xlsx');
    expect(await importFile('roster.csv', HEADER)).toContain('只有列名，没有数据行');
    expect(await t.db.honoree.count()).toBe(0);
    expect(await personAudit()).toBe(0);
  });

  it('refuses a 50 MB file on its declared size without reading it', async () => {
    const read = vi.fn(async () => new Uint8Array());
    const text = await chat.say(STAFF, '导入', { file: { name: 'roster.xlsx', size: 50 * 1024 * 1024, read } });
    expect(text).toContain('文件太大（50.0 MB），上限 10 MB');
    expect(text).toContain('分成几个文件');
    expect(read).not.toHaveBeenCalled();
  });

  it('lists rows with bad ID numbers and dates by their spreadsheet row, and saves the valid rows', async () => {
    const good1 = id('1966-06-06', '011');
    const good2 = id('1977-07-07', '022');
    const text = await importFile(
      'roster.csv',
      csv(
        `王示例,${good1},1966-06-06,13900050011,示例单位,2018 市级劳动模范`,
        `李校验,${badCheck(id('1970-01-01'))},1970-01-01,13900050012,示例单位,`,
        `赵日期,${id('1968-02-28')},1968-02-30,13900050013,示例单位,`,
        `钱荣誉,${id('1969-03-03')},1969-03-03,13900050014,示例单位,2018 劳动模范`,
        `孙示例,${good2},1977-07-07,13900050015,示例单位,`,
      ),
    );
    expect(text).toContain('新增 2、更新 0、无变化 0、错误 3；新增荣誉 1 项');
    expect(text).toContain('第 3 行：身份证号校验位不对（最后一位）');
    expect(text).toContain('第 4 行：出生日期「1968-02-30」不对');
    expect(text).toContain('第 5 行：荣誉「2018 劳动模范」没有认出级别');
    expect(text).not.toContain('第 2 行');
    expect((await t.db.honoree.findMany({ orderBy: { name: 'asc' } })).map((h) => h.idNumber).sort()).toEqual([good1, good2].sort());
  });

  it('shows at most 20 error rows and attaches the whole list as a CSV file named by date and time', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `错误${'甲乙丙丁戊己庚辛壬癸'[i % 10]},${badCheck(id('1970-01-01', String(100 + i)))},,,,`);
    const replies = await chat.send(STAFF, { text: '导入', file: memoryFile('roster.csv', csv(...lines)) });
    const reply = replies.at(-1)!;
    expect(reply.text).toContain('错误 25');
    expect(reply.text).toContain('第 21 行：');
    expect(reply.text).not.toContain('第 22 行：');
    expect(reply.text).toContain('还有 5 行有错误');
    // Named by the office's date and time, so the list of a later import never overwrites this one.
    expect(reply.file?.name).toBe('导入错误清单-20261123-100000.csv');
    chat.setNow(new Date('2026-11-23T02:07:30Z'));
    const again = await chat.send(STAFF, { text: '导入', file: memoryFile('roster.csv', csv(...lines)) });
    expect(again.at(-1)!.file?.name).toBe('导入错误清单-20261123-100730.csv');
    const listed = new TextDecoder('utf-8', { ignoreBOM: true }).decode(reply.file!.data);
    expect(listed.startsWith('\uFEFF行号,列,内容,问题')).toBe(true);
    expect(listed.trim().split('\r\n')).toHaveLength(26);
    expect(listed).toContain('26,身份证号（B 列）');
  });

  it('asks for the file when none came, re-asks on text, and the next message with a file completes it', async () => {
    expect(await chat.say(STAFF, '导入')).toContain('请发送花名册文件');
    expect(await chat.say(STAFF, '好的')).toContain('还没有收到文件');
    expect(await t.db.honoree.count()).toBe(0);
    const done = await chat.send(STAFF, { file: memoryFile('roster.csv', sampleBytes('roster.csv')) });
    expect(done.map((r) => r.text).join('\n')).toContain('新增 10');
    expect(await t.db.honoree.count()).toBe(10);
    // The flow is over: a command is a command again.
    expect(await chat.say(STAFF, '查询 普建华')).toContain('普建华（SL0001）');

    expect(await chat.say(STAFF, '导入 试运行')).toContain('只检查并报告');
    expect(await chat.say(STAFF, '', { file: memoryFile('roster.csv', sampleBytes('roster.csv')) })).toContain('试运行（没有保存任何内容）');
    expect(await chat.say(STAFF, '导入')).toContain('请发送花名册文件');
    expect(await chat.say(STAFF, '取消')).toContain('已取消');
  });

  it('ends the waiting flow when the file sent is broken, with the reason', async () => {
    await chat.say(STAFF, '导入');
    expect(await chat.say(STAFF, '', { file: memoryFile('a.xlsx', 'not a zip') })).toContain('打不开');
    expect(await chat.say(STAFF, '查询 张三')).not.toContain('还没有收到文件');
  });

  it('gathers one person from several rows (one honour per row) and refuses a contradicting row', async () => {
    const person = id('1964-04-04', '031');
    const text = await importFile(
      'roster.csv',
      [
        '姓名,身份证号,荣誉类别,荣誉级别,获得年份,授予单位,文件号,血型',
        `周多荣,${person},劳动模范,市级,2010,示例市人民政府,示市发〔2010〕8号,A`,
        `周多荣,${person},先进工作者,省级,2016年,示例省人民政府,,`,
        `周别名,${person},工匠,县级,2021,,,`,
      ].join('\n'),
    );
    expect(text).toContain('新增 1、更新 0、无变化 0、错误 1；新增荣誉 2 项');
    expect(text).toContain('第 4 行：与第 2 行身份证号相同，但姓名不同');
    expect(text).toContain('未识别的列（已忽略）：血型（H 列）');
    const row = await t.db.honoree.findUniqueOrThrow({ where: { idNumber: person }, include: { honours: { orderBy: { year: 'asc' } } } });
    expect(row.name).toBe('周多荣');
    expect(row.honours).toMatchObject([
      { category: 'model_worker', level: 'municipal', year: 2010, documentNo: '示市发〔2010〕8号' },
      { category: 'advanced_worker', level: 'provincial', year: 2016 },
    ]);
  });

  it('upserts by ID number: only differing fields change, empty cells leave values alone, a taken file number is a row error', async () => {
    await importFile('roster.csv', sampleBytes('roster.csv'));
    const bi = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'SL0002' } });
    const auditBefore = await personAudit();
    const text = await importFile(
      'update.csv',
      [
        '档案号,姓名,身份证号,电话,地址,备注',
        `,毕秀芬,${bi.idNumber},13900059999,,`,
        `SL0001,仿冒者,${id('1990-09-09', '051')},,,`,
      ].join('\n'),
    );
    expect(text).toContain('新增 0、更新 1、无变化 0、错误 1');
    expect(text).toContain('第 3 行：档案号 SL0001 已被 普建华 使用');
    const after = await t.db.honoree.findUniqueOrThrow({ where: { id: bi.id } });
    expect(after).toMatchObject({ phone: '13900059999', phoneLast4: '9999', address: bi.address, notes: bi.notes, fileNo: 'SL0002' });
    const entries = await t.db.auditEntry.findMany({ where: { entity: { in: ['honoree', 'honour'] } }, orderBy: { id: 'asc' }, skip: auditBefore });
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].changes)).toEqual({ phone: ['13900051018', '13900059999'] });
    expect(await t.db.honoree.count()).toBe(10);
  });

  it('refuses a row whose ID number is on file under another name, as within one file, instead of renaming the file', async () => {
    await importFile('roster.csv', sampleBytes('roster.csv'));
    const pu = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'SL0001' } });
    const auditBefore = await personAudit();
    const text = await importFile('update.csv', ['姓名,身份证号,电话', `普建民,${pu.idNumber},13900059999`].join('\n'));
    expect(text).toContain('新增 0、更新 0、无变化 0、错误 1');
    expect(text).toContain('第 2 行：身份证号与已有档案 SL0001（普建华）相同，但姓名不同：请核对是否同一个人');
    expect(text).toContain('修改 SL0001 姓名');
    expect(await t.db.honoree.findUniqueOrThrow({ where: { id: pu.id } })).toMatchObject({ name: '普建华', phone: pu.phone });
    expect(await personAudit()).toBe(auditBefore);
  });

  it('refuses a row with a birth date after today, typed or inside the ID number, and saves the others', async () => {
    const text = await importFile(
      'roster.csv',
      csv(
        `未来甲,${id('1970-05-05')},2027-05-05,13900050021,示例单位,`,
        `未来乙,${id('2027-01-02')},,13900050022,示例单位,`,
        `今天丙,${id('1971-06-06')},1971-06-06,13900050023,示例单位,`,
      ),
    );
    expect(text).toContain('新增 1、更新 0、无变化 0、错误 2');
    expect(text).toMatch(/第 2 行：出生日期「2027-05-05」[^\n]*在今天之后/);
    expect(text).toContain('第 3 行：身份证号中的出生日期（第 7 到 14 位）在今天之后');
    expect((await t.db.honoree.findMany()).map((h) => h.name)).toEqual(['今天丙']);
  });

  it('links team members recorded before the roster to the files it creates, once, unless namesakes', async () => {
    await chat.say(STAFF, '集体荣誉 添加 示例纺织厂细纱班 2021 市级工人先锋号 成员：张三、赵无档、钱同名');
    const text = await importFile('roster.csv', csv(
      `张三,${id('1970-01-01')},1970-01-01,13900050001,示例单位,`,
      `钱同名,${id('1971-01-01')},1971-01-01,13900050002,示例单位,`,
      `钱同名,${id('1972-01-01')},1972-01-01,13900050003,示例单位,`,
    ));
    expect(text).toContain('新增 3');
    const zhang = await t.db.honoree.findFirstOrThrow({ where: { name: '张三' } });
    const members = await t.db.collectiveHonourMember.findMany({ orderBy: { id: 'asc' } });
    expect(members.map((m) => [m.name, m.honoreeId])).toEqual([['张三', zhang.id], ['赵无档', null], ['钱同名', null]]);
    expect(await chat.say(STAFF, `档案 ${zhang.fileNo}`)).toContain('示例纺织厂细纱班');
  });

  it('writes all rows in one transaction: a failure at the last write leaves nothing written', async () => {
    const { map, dataRows } = mapColumns(await readCsv(sampleBytes('roster.csv')));
    const { people } = await validateRows(dataRows, map, '2026-11-23');
    let auditWrites = 0;
    // A database that fails when the audit entries are written, after files and honours, as a crash or a lost connection would.
    const failing = new Proxy(t.db, {
      get(target, prop, receiver) {
        // The many-row writes go straight to the driver on SQLite: the audit insert fails there too.
        if (prop === '$direct') {
          return {
            ...target.$direct,
            within: (tx: Tx) => {
              const writes = target.$direct.within(tx);
              return {
                query: writes.query,
                execute: (query: { sql: string }) => {
                  if (!query.sql.includes('INSERT INTO "AuditEntry"')) return writes.execute(query as never);
                  auditWrites++;
                  return Promise.reject(new Error('connection lost'));
                },
              };
            },
          };
        }
        if (prop !== '$transaction') return Reflect.get(target, prop, receiver);
        return (fn: (tx: Tx) => Promise<unknown>, options: unknown) =>
          target.$transaction(
            (tx) =>
              fn(
                new Proxy(tx, {
                  get(txTarget, key, r) {
                    if (key !== '$executeRaw') return Reflect.get(txTarget, key, r);
                    return (query: { strings: string[] }, ...values: unknown[]) => {
                      if (!query.strings.join('').includes('INSERT INTO "AuditEntry"')) return txTarget.$executeRaw(query as never, ...values);
                      auditWrites++;
                      throw new Error('connection lost');
                    };
                  },
                }),
              ),
            options as never,
          );
      },
    }) as Db;
    const account = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
    await expect(applyImport(failing, people, { dryRun: false, actor: { accountId: account.id, label: 'test' }, fileNoPrefix: 'LM', map })).rejects.toThrow('connection lost');
    expect(auditWrites).toBe(1);
    expect(await t.db.honoree.count()).toBe(0);
    expect(await t.db.honour.count()).toBe(0);
    expect(await personAudit()).toBe(0);
    // The rows staged before the transaction went with it.
    expect(await t.db.importStagedFile.count()).toBe(0);
    expect(await t.db.importStagedHonour.count()).toBe(0);
  });

  it('stages rows before its short write transaction: none are left after it, and those of an import that died a day ago are removed', async () => {
    const staged = (importId: string, hoursAgo: number) => ({
      importId,
      fileNo: `LM9${importId.length}${hoursAgo}`,
      name: '残留',
      pinyinFull: 'canliu',
      pinyinInitials: 'cl',
      idNumber: id('1960-01-01', String(hoursAgo).padStart(3, '0')),
      employmentStatus: 'employed',
      audit: '{}',
      createdAt: new Date(Date.now() - hoursAgo * 3600_000),
    });
    await t.db.importStagedFile.createMany({ data: [staged('died', 25), staged('running', 1)] });
    await t.db.importStagedHonour.create({ data: { importId: 'died', idNumber: id('1960-01-01', '025'), category: 'model_worker', level: 'county', year: 2020, audit: '{}', createdAt: new Date(Date.now() - 25 * 3600_000) } });

    expect(await importFile('roster.csv', sampleBytes('roster.csv'))).toContain('新增 10、');
    expect((await t.db.importStagedFile.findMany()).map((r) => r.importId)).toEqual(['running']);
    expect(await t.db.importStagedHonour.count()).toBe(0);
    // What died half-way never became a file.
    expect(await t.db.honoree.count({ where: { name: '残留' } })).toBe(0);
    // Audit entries carry the ids the database gave.
    const pu = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'SL0001' }, include: { honours: true } });
    const created = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'honoree', entityId: pu.id } });
    expect(JSON.parse(created.changes)).toMatchObject({ id: [null, pu.id], name: [null, '普建华'] });
    for (const honour of pu.honours) {
      const entry = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'honour', entityId: honour.id } });
      expect(JSON.parse(entry.changes)).toMatchObject({ id: [null, honour.id], honoreeId: [null, pu.id], year: [null, honour.year] });
      expect(entry.actorLabel).toBe(`telegram:${STAFF.id}`);
    }
  });

  it('two people importing the same roster at once: one saves it, the other changes nothing or asks to retry, never an error', async () => {
    const [a, b] = await Promise.all([importFile('roster.csv', sampleBytes('roster.csv')), chat.say(ADMIN, '导入', { file: memoryFile('roster.csv', sampleBytes('roster.csv')) })]);
    const outcomes = [a, b].map((text) => (text.includes('新增 10、') ? 'saved' : text.includes('无变化 10、') ? 'unchanged' : text.includes('请重新发送文件') ? 'retry' : text));
    expect(outcomes.filter((o) => o === 'saved')).toHaveLength(1);
    expect(outcomes.every((o) => ['saved', 'unchanged', 'retry'].includes(o))).toBe(true);
    expect(await t.db.honoree.count()).toBe(10);
    expect(await t.db.auditEntry.count({ where: { entity: 'honoree' } })).toBe(10);
  });

  it('is for private chats only', async () => {
    expect(await chat.say(ADMIN, '导入', { group: 'g-1', file: memoryFile('roster.csv', sampleBytes('roster.csv')) })).toContain('请在与我的私聊中使用');
    expect(await t.db.honoree.count()).toBe(0);
  });
});
