import SQLite from 'better-sqlite3';

const STATEMENT_CACHE_SIZE = 500;

export interface SqliteConnection {
  /** What Kysely's SqliteDialect needs, with prepared statements reused. */
  database: { close(): void; prepare(sql: string): SQLite.Statement };
  /**
   * Changes whenever the database may have changed: a write through this connection, or a commit
   * by another one (PRAGMA data_version). Read caches are valid only while it stays the same.
   */
  changeStamp(): string;
}

export function openSqlite(file: string): SqliteConnection {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed row survives power loss; people hate losing what they saved.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // SQLite's own lower() folds ASCII only; PostgreSQL folds every letter. Replacing it keeps
  // search and name order the same on both engines ("Émile" matches "émile").
  sqlite.function('lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));

  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let localWrites = 0;
  // Kysely prepares every query anew, and preparing costs more than a point read. Reusing
  // statements by SQL text is safe because we never stream (only a statement mid-iteration can't be reused).
  const statements = new Map<string, SQLite.Statement>();
  return {
    database: {
      close: () => sqlite.close(),
      prepare(sql: string) {
        let statement = statements.get(sql);
        if (!statement) {
          statement = sqlite.prepare(sql);
          if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
          statements.set(sql, statement);
        }
        // Anything but a plain SELECT may change data (`UPDATE … RETURNING` reports itself a reader).
        if (!(statement.reader && /^\s*select\b/i.test(sql))) localWrites += 1;
        return statement;
      },
    },
    changeStamp: () => `${localWrites}:${dataVersion.get() as number}`,
  };
}
