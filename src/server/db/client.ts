import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import type { DB } from './schema.js';
import { openSqlite, type SqliteConnection } from './sqlite.js';

export type Engine = DatabaseConfig['engine'];

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenOptions {
  poolSize?: number;
}

const connections = new WeakMap<Kysely<DB>, SqliteConnection>();

/** The change stamp of an embedded database (see sqlite.ts); undefined for PostgreSQL and transactions. */
export function changeStampOf(db: Kysely<DB>): (() => string) | undefined {
  return connections.get(db)?.changeStamp;
}

/** A request begins: read caches must account for every commit made before this moment. */
export function beginRequest(db: Kysely<DB>): void {
  connections.get(db)?.forgetVersion();
}

// File sizes are bigint columns; every size we store is far below 2^53, so a number is exact.
const INT8 = 20;
const bigintAsNumber = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Database {
  if (config.engine === 'sqlite') {
    const sqlite = openSqlite(config.file);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite.database }) });
    connections.set(db, sqlite);
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    types: { getTypeParser: bigintAsNumber },
    max: options.poolSize ?? 10,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
