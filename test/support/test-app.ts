import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/config/config.js';
import { closeContext, createContext } from '../../src/server/context-factory.js';
import type { AppContext } from '../../src/server/context.js';
import { testEngine } from './engine.js';

export const TEST_ORIGIN = 'http://foyer.test';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  close(): Promise<void>;
}

/**
 * A real app on a real, fresh database: a new SQLite file, or a new PostgreSQL schema when the
 * run is for PostgreSQL. Nothing of our own is mocked.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { webRoot?: string } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'foyer-test-'));
  const engine = testEngine();
  let schema: string | undefined;
  const baseEnv: Record<string, string> = { FOYER_DATA_DIR: dataDir, FOYER_PUBLIC_URL: TEST_ORIGIN, LOG_LEVEL: 'silent' };
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL test run');
    schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    baseEnv.DATABASE_URL = url;
  }
  const config = loadConfig({ ...baseEnv, ...env });
  const ctx = await createContext(config, pino({ level: 'silent' }), schema ? { schema } : {});
  const app = await buildApp(ctx, { logger: false, ...options });
  await app.ready();
  return {
    app,
    ctx,
    config,
    async close() {
      await app.close();
      await closeContext(ctx);
      if (schema) {
        const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
