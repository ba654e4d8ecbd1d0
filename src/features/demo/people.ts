import { makeIdNumber } from '../../domain/index.ts';
import type { HonourText } from '../../domain/vocabulary.ts';

/**
 * Invented people for the demo and the docs. Names are combined from common characters; ID
 * numbers use region 999xxx, which no real place has, with a correct check digit.
 */
const SURNAMES = ['张', '李', '王', '赵', '普', '毕', '单', '曾', '仇', '杨', '刘', '陈', '昂', '黄', '周', '解', '何', '罗', '沙', '马'];
const GIVEN = ['三', '丽华', '建国', '春梅', '志强', '秀英', '国富', '海燕', '文明', '玉兰', '红', '永福', '德华', '桂芬', '晓东', '明'];
const EMPLOYERS = ['石林示例供电所', '示例乳业公司', '示例旅游服务中心', '示例烟草站', '示例中心小学', '示例县人民医院', '示例建筑公司', '示例农机合作社'];
const POSITIONS = ['班长', '技师', '教师', '医生', '站长', '车间主任', '技术员', '社长'];
const ETHNICITIES = ['汉族', '彝族', '彝族', '回族', '汉族'];
const STATUSES = ['employed', 'employed', 'retired', 'employed', 'retired', 'unemployed'];
const HONOURS: HonourText[] = [
  { category: 'model_worker', level: 'provincial', year: 2015, awardingBody: '示例省人民政府' },
  { category: 'model_worker', level: 'municipal', year: 2019, awardingBody: '示例市人民政府' },
  { category: 'model_worker', level: 'county', year: 2021, awardingBody: '示例县人民政府' },
  { category: 'advanced_worker', level: 'municipal', year: 2018 },
  { category: 'craftsman', level: 'county', year: 2023, awardingBody: '示例县总工会' },
  { category: 'master_craftsman', level: 'municipal', year: 2024 },
  { category: 'may_day_medal', level: 'provincial', year: 2020 },
];

export interface DemoPerson {
  fileNo: string;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  phone: string;
  employer: string;
  position: string;
  employmentStatus: string;
  address: string;
  honours: HonourText[];
  hardship: boolean;
  poorHealth: boolean;
}

/** `count` invented people, the same every time (no randomness: demos and docs stay stable). */
export function demoPeople(count = 40): DemoPerson[] {
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length];
    const year = 1950 + ((i * 13) % 45);
    const birthDate = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String(((i * 5) % 28) + 1).padStart(2, '0')}`;
    // The 17th digit's parity is the gender: odd for men.
    const seq = String(100 + i * 2 + (i % 3 === 0 ? 0 : 1)).padStart(3, '0');
    const idNumber = makeIdNumber(`9990${String(i % 10).padStart(2, '0')}`, birthDate, seq);
    const gender = Number(seq[2]) % 2 === 1 ? 'male' : 'female';
    people.push({
      fileNo: `LM${String(i + 1).padStart(5, '0')}`,
      name,
      gender,
      ethnicity: ETHNICITIES[i % ETHNICITIES.length],
      birthDate,
      idNumber,
      phone: `1390000${String(1000 + i * 37).slice(-4)}`,
      employer: EMPLOYERS[i % EMPLOYERS.length],
      position: POSITIONS[(i * 3) % POSITIONS.length],
      employmentStatus: year < 1965 ? 'retired' : STATUSES[i % STATUSES.length],
      address: `示例县鹿阜街道示例路${i + 1}号`,
      honours: [HONOURS[i % HONOURS.length], ...(i % 4 === 0 ? [HONOURS[(i + 3) % HONOURS.length]] : [])],
      hardship: i % 6 === 2,
      poorHealth: i % 5 === 1,
    });
  }
  return people;
}
