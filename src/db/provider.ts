import { resolve } from 'node:path';

/** The two storage back-ends HonorCare runs on. */
export type Provider = 'sqlite' | 'postgres';

/** Which provider a DATABASE_URL names: postgres(ql):// is PostgreSQL, anything else a SQLite file. */
export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/** The file path behind a SQLite URL (`file:./data/x.db` or a bare path), made absolute. */
export function sqliteFilePath(url: string): string {
  const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return path === ':memory:' ? path : resolve(path);
}
