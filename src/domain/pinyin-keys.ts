/**
 * Pinyin search keys for people's names, so staff can find 张三 by typing "zhangsan" or "zs"
 * on a phone keyboard without switching input method.
 */
import { pinyin } from 'pinyin-pro';

/** Search keys of a name: full pinyin ("zhangsan") and initials ("zs"). */
export interface NameKeys {
  full: string;
  initials: string;
}

/**
 * Search keys for a name: lower case, no tones or spaces, ü written as v (as typed on a keyboard).
 * The name's head is read in surname mode, so polyphonic surnames come out right
 * (单 shan, 曾 zeng, 仇 qiu, 解 xie, 区 ou, 朴 piao, 查 zha, 盖 ge), as do compound ones (长孙 zhangsun),
 * while the same characters later in the given name keep their ordinary reading (单单 shandan).
 * Latin letters are kept, lower-cased; each run of them adds its first letter to the initials
 * ("Anna李" → annali / al). Anything else (digits, spaces, the · in transliterated names) is dropped.
 */
export function nameKeys(name: string): NameKeys {
  // NFKC turns full-width letters into ASCII; spaces go first so the surname really is at the head.
  const tidy = name.normalize('NFKC').replace(/\s+/g, '');
  const syllables = pinyin(tidy, {
    type: 'all',
    toneType: 'none',
    v: true,
    mode: 'surname',
    surname: 'head',
  });
  let full = '';
  let initials = '';
  let inLatinRun = false;
  for (const s of syllables) {
    if (s.isZh && s.pinyin) {
      const p = s.pinyin.toLowerCase().replace(/ü/g, 'v');
      full += p;
      initials += p[0];
      inLatinRun = false;
      continue;
    }
    const ch = s.origin.toLowerCase().replace(/ü/g, 'v');
    if (/^[a-z]$/.test(ch)) {
      full += ch;
      if (!inLatinRun) initials += ch;
      inLatinRun = true;
    } else {
      inLatinRun = false; // "Anna-Maria" gives two initials
    }
  }
  return { full, initials };
}

/**
 * True if a search query should be matched against pinyin keys: after trimming, only ASCII letters
 * (at least one). "zs" and "ZhangSan" yes; "张s", "zhang san" and "138" no.
 */
export function isPinyinQuery(q: string): boolean {
  return /^[A-Za-z]+$/.test(q.trim());
}
