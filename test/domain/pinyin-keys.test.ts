import { describe, it, expect } from 'vitest';
import { nameKeys, isPinyinQuery } from '../../src/domain/pinyin-keys.ts';

describe('nameKeys', () => {
  it('gives full pinyin and initials, lower case, no tones', () => {
    expect(nameKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(nameKeys('王小明')).toEqual({ full: 'wangxiaoming', initials: 'wxm' });
  });

  it.each([
    ['单田芳', 'shantianfang', 'stf'],
    ['曾国华', 'zengguohua', 'zgh'],
    ['仇英', 'qiuying', 'qy'],
    ['解明', 'xieming', 'xm'],
    ['区志强', 'ouzhiqiang', 'ozq'],
    ['朴正', 'piaozheng', 'pz'],
    ['查良', 'zhaliang', 'zl'],
    ['盖明', 'geming', 'gm'],
  ])('reads the polyphonic surname of %s', (name, full, initials) => {
    expect(nameKeys(name)).toEqual({ full, initials });
  });

  it('reads compound surnames', () => {
    expect(nameKeys('长孙明')).toEqual({ full: 'zhangsunming', initials: 'zsm' });
    expect(nameKeys('尉迟明')).toEqual({ full: 'yuchiming', initials: 'ycm' });
  });

  it('applies surname readings to the head only', () => {
    // 单 as a given name is dan, 曾 later in a name is ceng.
    expect(nameKeys('单单')).toEqual({ full: 'shandan', initials: 'sd' });
    expect(nameKeys('李曾')).toEqual({ full: 'liceng', initials: 'lc' });
  });

  it('writes ü as v', () => {
    expect(nameKeys('吕女')).toEqual({ full: 'lvnv', initials: 'ln' });
    expect(nameKeys('吕略')).toEqual({ full: 'lvlve', initials: 'll' });
  });

  it('drops spaces and other characters, keeps Latin letters lower-cased', () => {
    expect(nameKeys(' 张 三 ')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(nameKeys('阿里·木')).toEqual({ full: 'alimu', initials: 'alm' });
    expect(nameKeys('Anna李')).toEqual({ full: 'annali', initials: 'al' });
    expect(nameKeys('ＡＢ张')).toEqual({ full: 'abzhang', initials: 'az' });
    expect(nameKeys('张三2')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(nameKeys('Anna-Maria')).toEqual({ full: 'annamaria', initials: 'am' });
  });

  it('gives empty keys for nothing usable', () => {
    expect(nameKeys('')).toEqual({ full: '', initials: '' });
    expect(nameKeys('123 ·')).toEqual({ full: '', initials: '' });
  });
});

describe('isPinyinQuery', () => {
  it('is true for ASCII letters only', () => {
    expect(isPinyinQuery('zs')).toBe(true);
    expect(isPinyinQuery('ZhangSan')).toBe(true);
    expect(isPinyinQuery(' zhangsan ')).toBe(true);
  });

  it('is false for anything else', () => {
    for (const q of ['', '  ', '张三', '张s', 'zhang san', '138', 'zs1', 'lü', 'zs!']) {
      expect(isPinyinQuery(q), q).toBe(false);
    }
  });
});
