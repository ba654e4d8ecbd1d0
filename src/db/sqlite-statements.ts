import type { Database, Statement } from 'better-sqlite3';

/** Statements kept prepared; the hot path has a handful, imports a few more. */
const KEPT = 64;

/**
 * The direct statements on SQLite, prepared once and kept. Prisma's better-sqlite3 adapter
 * prepares every statement anew (SQLite parses and plans it each time), which was about a
 * fifth of a `查询`'s time in the core; these bind and read values the way that adapter does, so
 * rows written one way read back the other way alike.
 */
export class SqliteStatements {
  private readonly kept = new Map<string, Prepared>();

  constructor(private readonly db: Database) {}

  /** Rows as objects by column name: DATETIME columns as Date, BOOLEAN ones as booleans. */
  query(sql: string, args: unknown[]): Record<string, unknown>[] {
    const entry = this.prepared(sql);
    entry.typed ??= entry.statement
      .columns()
      .map((c) => ({ name: c.name, kind: kindOf(c.type) }))
      .filter((c): c is { name: string; kind: 'date' | 'boolean' } => c.kind !== undefined);
    const rows = entry.statement.all(args.map(bound)) as Record<string, unknown>[];
    for (const { name, kind } of entry.typed) {
      for (const row of rows) {
        const value = row[name];
        if (value !== null) row[name] = kind === 'date' ? new Date(value as string) : value === 1 || value === true || value === '1';
      }
    }
    return rows;
  }

  /** The number of rows changed. */
  execute(sql: string, args: unknown[]): number {
    return this.prepared(sql).statement.run(args.map(bound)).changes;
  }

  private prepared(sql: string) {
    let entry = this.kept.get(sql);
    if (entry) {
      // Most recently used last, so the oldest is dropped first.
      this.kept.delete(sql);
    } else {
      // Numbers as numbers: the adapter turns safe integers on for the whole connection, and
      // reads them back as numbers itself; every integer here (ids, counts, years) fits.
      entry = { statement: this.db.prepare(sql).safeIntegers(false), typed: undefined };
      if (this.kept.size >= KEPT) this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(sql, entry);
    return entry;
  }
}

interface Prepared {
  statement: Statement;
  /** The columns read back as dates or booleans, known after the first run. */
  typed: Array<{ name: string; kind: 'date' | 'boolean' }> | undefined;
}

function kindOf(declared: string | null): 'date' | 'boolean' | undefined {
  const type = declared?.toUpperCase();
  if (type === 'DATETIME' || type === 'TIMESTAMP') return 'date';
  if (type === 'BOOLEAN') return 'boolean';
  return undefined;
}

/** A value as the Prisma adapter binds it: dates as ISO text with +00:00, booleans as 1 and 0. */
function bound(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}
