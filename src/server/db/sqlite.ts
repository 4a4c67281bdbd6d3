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
  /** Called as a request begins, so that it sees every commit made before it. */
  forgetVersion(): void;
}

export function openSqlite(file: string): SqliteConnection {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed row survives power loss; people hate losing what they saved.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Sorting a page (ORDER BY … LIMIT) in a temporary file cost more than the whole lookup.
  sqlite.pragma('temp_store = MEMORY');
  // SQLite's own lower() folds ASCII only; PostgreSQL folds every letter. Replacing it keeps
  // search and name order the same on both engines ("Émile" matches "émile").
  sqlite.function('lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));

  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let localWrites = 0;
  // Reading data_version costs as much as a point query, so it is read again only when a request
  // begins (`forgetVersion`) or the event loop turns: another process's commit is seen by the next
  // request, which no caller can tell from a commit made a moment later.
  let version: number | undefined;
  const forgetVersion = () => {
    version = undefined;
  };
  let turnEndScheduled = false;
  const endTurn = () => {
    turnEndScheduled = false;
    version = undefined;
  };
  const currentVersion = (): number => {
    if (version === undefined) {
      version = dataVersion.get() as number;
      if (!turnEndScheduled) {
        turnEndScheduled = true;
        setImmediate(endTurn);
      }
    }
    return version;
  };
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
    changeStamp: () => `${localWrites}:${currentVersion()}`,
    forgetVersion,
  };
}
