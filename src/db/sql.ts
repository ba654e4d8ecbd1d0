import { Prisma } from '../generated/sqlite/client.ts';

/**
 * Tagged SQL for the few queries that run on nearly every message (search, the update log,
 * conversation records). Prisma's query builder costs more there than the query itself; a
 * `$queryRaw` with these fragments is one prepared statement, its values always bound, never
 * spliced. Identifiers are double-quoted, which SQLite and PostgreSQL read alike.
 */
export const { sql, join, empty } = Prisma;
export type Sql = Prisma.Sql;
