import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/config/config.js';
import type { AppContext } from '../../src/server/context.js';
import { closeContext, createContext } from '../../src/server/context-factory.js';
import { testEngine } from './engine.js';

export const TEST_ORIGIN = 'http://foyer.test';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  close(): Promise<void>;
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A real app on a real, fresh database: a new SQLite file, or a new PostgreSQL database when the
 * run is for PostgreSQL. Nothing of our own is mocked.
 *
 * A database rather than a schema per app: Kysely's migrator looks for its own bookkeeping tables
 * in every schema of the database, so a second schema migrated while another test file's schema
 * exists finds "its" tables elsewhere and fails (test files run in parallel).
 */
export async function startTestApp(env: Record<string, string> = {}, options: { webRoot?: string } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'foyer-test-'));
  const engine = testEngine();
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: string | undefined;
  const baseEnv: Record<string, string> = { FOYER_DATA_DIR: dataDir, FOYER_PUBLIC_URL: TEST_ORIGIN, LOG_LEVEL: 'silent' };
  if (engine === 'postgres') {
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL test run');
    database = `foyer_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    await onServer(serverUrl, `create database ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    baseEnv.DATABASE_URL = url.toString();
  }
  const config = loadConfig({ ...baseEnv, ...env });
  const ctx = await createContext(config, pino({ level: 'silent' }));
  const app = await buildApp(ctx, { logger: false, ...options });
  await app.ready();
  return {
    app,
    ctx,
    config,
    async close() {
      await app.close();
      await closeContext(ctx);
      if (database && serverUrl) await onServer(serverUrl, `drop database ${database} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
