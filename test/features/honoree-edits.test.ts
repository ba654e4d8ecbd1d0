import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/index.ts';
import { STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld } from '../support/seed.ts';

const INTERNAL_ERROR = '出了问题';

describe.each(PROVIDERS)('editing a file keeps it consistent, on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeAll(async () => {
    // The chat's today is 2026-11-23 (China time).
    ({ t, chat } = await demoWorld(provider));
  });
  afterAll(() => t.destroy());

  const file = (fileNo: string) => t.db.honoree.findUniqueOrThrow({ where: { fileNo } });
  const updates = async (fileNo: string) =>
    t.db.auditEntry.count({ where: { entity: 'honoree', entityId: (await file(fileNo)).id, action: 'update' } });

  it('answers an edit without a value with an example, and clears nothing', async () => {
    const before = await file('LM00002');
    expect(before.idNumber).not.toBeNull();
    const text = await chat.say(STAFF, '修改 LM00002 身份证号');
    expect(text).toContain('请写上新的身份证号');
    expect(text).toContain('例如：修改 LM00002 身份证号 99900119680512001X');
    expect(text).toContain('修改 LM00002 身份证号 清空');
    // A skip word is no way to clear either: it could be a slip.
    expect(await chat.say(STAFF, '修改 LM00002 电话 无')).toContain('请写上新的电话');
    expect(await file('LM00002')).toEqual(before);
    expect(await updates('LM00002')).toBe(0);
  });

  it('clears an optional field on the explicit word 清空, audited, and says when it was empty already', async () => {
    await chat.say(STAFF, '修改 LM00003 备注 腿脚不便，走访前先打电话');
    expect(await chat.say(STAFF, '修改 LM00003 备注 清空')).toContain('已清空 ');
    const after = await file('LM00003');
    expect(after.notes).toBeNull();
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'honoree', entityId: after.id }, orderBy: { id: 'desc' } });
    expect(JSON.parse(entry.changes)).toEqual({ notes: ['腿脚不便，走访前先打电话', null] });
    expect(await chat.say(STAFF, '修改 LM00003 备注 清空')).toContain('本来就是空的');
    expect(await updates('LM00003')).toBe(2);
  });

  it('asks before clearing the ID number, the import key: 2 keeps it, 1 clears it', async () => {
    const before = await file('LM00004');
    const ask = (await chat.replies(STAFF, '修改 LM00004 身份证号 清空')).at(-1)!;
    expect(ask.text).toContain('确认清空');
    expect(ask.text).toContain('导入');
    expect(ask.choices?.map((c) => c.label)).toEqual(['确认清空', '保留身份证号']);
    expect((await file('LM00004')).idNumber).toBe(before.idNumber);
    expect(await chat.say(STAFF, '2')).toContain('已保留');
    expect((await file('LM00004')).idNumber).toBe(before.idNumber);

    await chat.replies(STAFF, '修改 LM00004 身份证号 清空');
    expect(await chat.say(STAFF, '1')).toContain('已清空');
    const after = await file('LM00004');
    expect(after.idNumber).toBeNull();
    // What the number said about the person stays: only the number is gone.
    expect(after.birthDate).toBe(before.birthDate);
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'honoree', entityId: after.id }, orderBy: { id: 'desc' } });
    expect(JSON.parse(entry.changes)).toEqual({ idNumber: [before.idNumber, null] });
    // Nothing left to lose: no question.
    expect(await chat.say(STAFF, '修改 LM00004 身份证号 清空')).toContain('本来就是空的');
  });

  it('answers an empty or invalid required field clearly, never with an internal error', async () => {
    const before = await file('LM00005');
    for (const [typed, expected] of [
      ['修改 LM00005 档案号', '例如：修改 LM00005 档案号 LM00012'],
      ['修改 LM00005 档案号 清空', '不能清空'],
      ['修改 LM00005 档案号 LM 5!', '档案号只能包含字母、数字和短横线'],
      ['修改 LM00005 姓名', '例如：修改 LM00005 姓名 张三'],
      ['修改 LM00005 姓名 清空', '不能清空'],
      ['修改 LM00005 就业状态 清空', '不能清空'],
      ['修改 LM00005 状态', '例如：修改 LM00005 状态 退休'],
    ]) {
      const text = await chat.say(STAFF, typed);
      expect(text, typed).toContain(expected);
      expect(text, typed).not.toContain(INTERNAL_ERROR);
    }
    expect(await file('LM00005')).toEqual(before);
  });

  it('brings the birth date and gender of a new ID number along, and says so', async () => {
    const before = await file('LM00006');
    // Another birth date and the other gender than the file has.
    const gender = before.gender === 'male' ? 'female' : 'male';
    const id = makeIdNumber('999006', '1971-04-05', gender === 'male' ? '011' : '012');
    const text = await chat.say(STAFF, `修改 LM00006 身份证号 ${id}`);
    expect(text).toContain(`已修改 ${before.name}（LM00006）的身份证号：${id}`);
    expect(text).toContain(`出生日期随身份证号改为：1971-04-05（原为：${before.birthDate}）`);
    expect(text).toContain(`性别随身份证号改为：${gender === 'male' ? '男' : '女'}`);
    const after = await file('LM00006');
    expect(after).toMatchObject({ idNumber: id, birthDate: '1971-04-05', gender });
    // One change, one audit entry holding all three fields.
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'honoree', entityId: after.id }, orderBy: { id: 'desc' } });
    expect(Object.keys(JSON.parse(entry.changes)).sort()).toEqual(['birthDate', 'gender', 'idNumber']);
    // A birth date typed against the ID number is saved (a card can be wrong too), and the answer says so.
    const typed = await chat.say(STAFF, '修改 LM00006 出生日期 1971-04-06');
    expect(typed).toContain('已修改');
    expect(typed).toContain('身份证号显示的出生日期是 1971-04-05');
    expect(await chat.say(STAFF, '修改 LM00006 出生日期 1971-04-05')).not.toContain('身份证号显示');
  });

  it('refuses a birth date after today, typed or inside an ID number, in 修改 and in 新增', async () => {
    const before = await file('LM00007');
    const unborn = makeIdNumber('999007', '2026-11-24', '021');
    expect(await chat.say(STAFF, `修改 LM00007 身份证号 ${unborn}`)).toContain('在今天之后');
    expect(await chat.say(STAFF, '修改 LM00007 出生日期 2026-11-24')).toContain('在今天之后');
    expect(await file('LM00007')).toEqual(before);

    await chat.say(STAFF, '新增');
    await chat.say(STAFF, '未出生');
    const refused = await chat.say(STAFF, unborn);
    expect(refused).toContain('在今天之后');
    expect(refused).toContain('身份证号（18 位）'); // asked again
    // Today itself is not after today.
    expect(await chat.say(STAFF, makeIdNumber('999007', '2026-11-23', '021'))).toContain('民族');
    expect(await chat.say(STAFF, '取消')).toContain('已取消');
    expect(await t.db.honoree.count({ where: { name: '未出生' } })).toBe(0);
  });
});
