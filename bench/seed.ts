import { nameKeys } from '../src/domain/index.ts';
import type { Db } from '../src/db/client.ts';

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单仇普毕昂';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国春梅志海燕文玉永福德晓东红林亮成辉鹏飞宇浩然欣怡佳琪子涵思雨';

/** A small deterministic generator, so every bench run searches the same people. */
function* random(seed: number) {
  let s = seed;
  for (;;) {
    s = (s * 1103515245 + 12345) % 2147483648;
    yield s;
  }
}

/** Inserts `count` invented honorees quickly (createMany in chunks); returns their initials. */
export async function seedHonorees(db: Db, count: number): Promise<string[]> {
  const rnd = random(42);
  const pick = (chars: string) => chars[rnd.next().value! % chars.length];
  const initials: string[] = [];
  const chunk = 2000;
  for (let start = 0; start < count; start += chunk) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) {
      const name = pick(SURNAMES) + pick(GIVEN) + (i % 3 ? pick(GIVEN) : '');
      const keys = nameKeys(name);
      initials.push(keys.initials);
      rows.push({
        fileNo: `B${String(i + 1).padStart(7, '0')}`,
        name,
        pinyinFull: keys.full,
        pinyinInitials: keys.initials,
        phone: `139${String(i).padStart(8, '0')}`,
        phoneLast4: String(i).padStart(8, '0').slice(-4),
      });
    }
    await db.honoree.createMany({ data: rows });
  }
  return initials;
}
