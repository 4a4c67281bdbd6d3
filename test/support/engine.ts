/** Which database engine this test run uses; vitest projects set FOYER_TEST_ENGINE. */
export type TestEngine = 'sqlite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.FOYER_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}
