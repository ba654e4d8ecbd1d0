import { checkIdNumber, isRealDate, normalisePhone, parseDateWord } from '../../domain/index.ts';
import { employmentStatusOf, genderOf } from '../../domain/vocabulary.ts';

/** The fields of a file that staff type in: one table serves the guided add, edit and import. */
export const HONOREE_FIELDS = [
  'fileNo',
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'phone',
  'employer',
  'position',
  'employmentStatus',
  'address',
  'notes',
] as const;
export type HonoreeField = (typeof HONOREE_FIELDS)[number];

export type FieldResult = { ok: true; value: string | null } | { ok: false; error: string };

interface FieldSpec {
  /** Words people use for the field (edit commands, import headers), Chinese first. */
  words: string[];
  maxLength: number;
  /** Every file has one: it can be changed, never cleared. */
  required?: true;
  parse(raw: string, today: string): FieldResult;
}

const fail = (field: HonoreeField): FieldResult => ({ ok: false, error: `honorees.invalid.${field}` });

const plain = (field: HonoreeField, maxLength: number) => (raw: string): FieldResult =>
  raw.length > maxLength ? fail(field) : { ok: true, value: raw };

export const FIELD_SPECS: Record<HonoreeField, FieldSpec> = {
  fileNo: {
    words: ['档案号', '档案编号', '编号', 'file no', 'fileno'],
    maxLength: 20,
    required: true,
    parse: (raw) => (/^[A-Za-z0-9-]{1,20}$/.test(raw) ? { ok: true, value: raw.toUpperCase() } : fail('fileNo')),
  },
  name: {
    words: ['姓名', '名字', 'name'],
    maxLength: 30,
    required: true,
    // Han names (with the middle dot of minority names) or Latin letters.
    parse: (raw) => (/^[\p{Script=Han}·•A-Za-z .'-]{1,30}$/u.test(raw) ? { ok: true, value: raw.replace('•', '·') } : fail('name')),
  },
  gender: {
    words: ['性别', 'gender', 'sex'],
    maxLength: 6,
    parse: (raw) => {
      const g = genderOf(raw);
      return g ? { ok: true, value: g } : fail('gender');
    },
  },
  ethnicity: {
    words: ['民族', 'ethnicity'],
    maxLength: 20,
    parse: (raw) => (/^[\p{Script=Han}A-Za-z ]{1,20}$/u.test(raw) ? { ok: true, value: raw } : fail('ethnicity')),
  },
  birthDate: {
    words: ['出生日期', '生日', '出生年月', 'birth date', 'birthday'],
    maxLength: 12,
    parse: (raw, today) => {
      // A birth date names its year: 今天 or 3-5 (this year's March 5th) are not one.
      if (!/(19|20)\d{2}/.test(raw)) return fail('birthDate');
      const d = parseDateWord(raw, today);
      return d.ok && isRealDate(d.date) && d.date >= '1900-01-01' ? { ok: true, value: d.date } : fail('birthDate');
    },
  },
  idNumber: {
    words: ['身份证号', '身份证', '身份证号码', 'id number', 'id'],
    maxLength: 18,
    parse: (raw, today) => {
      const r = checkIdNumber(raw, today);
      return r.ok ? { ok: true, value: r.value } : { ok: false, error: `honorees.invalid.idNumber_${r.reason}` };
    },
  },
  phone: {
    words: ['电话', '手机', '手机号', '联系电话', 'phone', 'mobile'],
    maxLength: 20,
    parse: (raw) => {
      const p = normalisePhone(raw);
      return p.ok ? { ok: true, value: p.value } : fail('phone');
    },
  },
  employer: { words: ['工作单位', '单位', 'employer'], maxLength: 100, parse: plain('employer', 100) },
  position: { words: ['职务', '职位', '岗位', 'position'], maxLength: 50, parse: plain('position', 50) },
  employmentStatus: {
    words: ['就业状态', '状态', '在职状态', 'status'],
    maxLength: 10,
    required: true,
    parse: (raw) => {
      const s = employmentStatusOf(raw);
      return s ? { ok: true, value: s } : fail('employmentStatus');
    },
  },
  address: { words: ['地址', '住址', '家庭住址', 'address'], maxLength: 200, parse: plain('address', 200) },
  notes: { words: ['备注', '说明', 'notes', 'note'], maxLength: 500, parse: plain('notes', 500) },
};

/** Words that leave an optional field empty. */
export const SKIP_WORDS = new Set(['跳过', '无', '没有', '-', 'skip', 'none']);

/**
 * Words that clear a field of an existing file. An edit clears only on one of these: a value
 * left out or a skip word (无) is more often a slip than a wish to delete what is stored.
 */
export const CLEAR_WORDS = new Set(['清空', '清除', 'clear']);

/** Parses one typed value; blank or a skip word clears an optional field. */
export function parseField(field: HonoreeField, raw: string, today: string): FieldResult {
  const value = raw.trim();
  if (value === '' || SKIP_WORDS.has(value.toLowerCase())) {
    return field === 'name' ? fail('name') : { ok: true, value: null };
  }
  return FIELD_SPECS[field].parse(value, today);
}
