import { type RawBuilder, sql } from 'kysely';

/** `%q%` with LIKE's wildcards taken literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case-insensitive "contains" on a column. The explicit ESCAPE matters: SQLite has no default
 * escape character, PostgreSQL does; this makes them agree.
 */
export function containsText(column: string, q: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${likePattern(q)}) escape '\\'`;
}
