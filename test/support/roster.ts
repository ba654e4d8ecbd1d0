import { makeIdNumber } from '../../src/domain/index.ts';

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国春梅志海燕文玉永福德晓东红林亮成辉鹏飞宇浩然欣怡佳琪子涵思雨';

/** The header of an invented roster, as a county office's template has it. */
export const ROSTER_HEADER = ['姓名', '性别', '出生日期', '身份证号', '电话', '工作单位', '职务', '地址', '荣誉'];

/**
 * `count` invented people, each with a valid, unique ID number and one honour: the rows of a
 * large roster for benchmarks and for tests of long imports. Deterministic.
 */
export function rosterRows(count: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : '');
    const birth = `${1950 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    // Region and sequence together are unique for up to 1,000,000 rows.
    const id = makeIdNumber(String(990000 + Math.floor(i / 1000)), birth, String(i % 1000).padStart(3, '0'));
    const gender = Number(id[16]) % 2 ? '男' : '女';
    rows.push([name, gender, birth, id, `139${String(i).padStart(8, '0')}`, `示例单位${i % 200}`, '技师', `示例县示例路${i}号`, `${2000 + (i % 25)} 市级劳动模范`]);
  }
  return rows;
}

/** A roster CSV of `count` invented people (UTF-8). */
export function rosterCsv(count: number): string {
  return [ROSTER_HEADER, ...rosterRows(count)].map((r) => r.join(',')).join('\n');
}
