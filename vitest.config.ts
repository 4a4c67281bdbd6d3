import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Integration suites run once per database engine. Locally a missing PostgreSQL or Chromium skips
// those runs with a printed reason; under CI=true it fails the run instead.
const ci = process.env.CI === 'true' || process.env.CI === '1';
const postgresUrl = process.env.TEST_DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function unavailable(what: string, how: string): never | undefined {
  if (ci) throw new Error(`CI=true but ${what} is not available: ${how}`);
  // The config is evaluated once per worker; say it once.
  const flag = `FOYER_TEST_SKIP_SAID_${what.replace(/\W/g, '_')}`;
  if (!process.env[flag]) process.stdout.write(`\n[tests] skipping the ${what} suites: ${how}\n`);
  process.env[flag] = '1';
  return undefined;
}

const integration = (engine: 'sqlite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: engine,
    include: ['test/integration/**/*.test.ts'],
    env: { FOYER_TEST_ENGINE: engine },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

const projects = [
  { extends: true as const, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
  integration('sqlite'),
  postgresUrl ? integration('postgres') : unavailable('PostgreSQL', 'set TEST_DATABASE_URL=postgres://…'),
  existsSync(chromium)
    ? {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/support/e2e-failures.ts'],
          env: { CHROMIUM_PATH: chromium },
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      }
    : unavailable('end-to-end (Chromium)', `no browser at ${chromium}; apt-get install chromium`),
].filter((p) => p !== undefined);

export default defineConfig({
  test: {
    environment: 'node',
    projects,
  },
});
