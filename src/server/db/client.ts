import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import type { DB } from './schema.js';
import { openSqlite } from './sqlite.js';

export type Engine = DatabaseConfig['engine'];

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenOptions {
  poolSize?: number;
}

const changeStamps = new WeakMap<Kysely<DB>, () => string>();

/** The change stamp of an embedded database (see sqlite.ts); undefined for PostgreSQL and transactions. */
export function changeStampOf(db: Kysely<DB>): (() => string) | undefined {
  return changeStamps.get(db);
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Database {
  if (config.engine === 'sqlite') {
    const sqlite = openSqlite(config.file);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite.database }) });
    changeStamps.set(db, sqlite.changeStamp);
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: options.poolSize ?? 10,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
