import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Foyer process is already using the data directory ${dataDir}. ` +
        'Only one process may own the embedded database: stop the other one first, or use DATABASE_URL=postgres://… to run several. ' +
        '(If that process crashed, its lock clears itself within 15 seconds.)',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * One process owns the SQLite file. The lock is a directory refreshed while we run, so a crashed
 * process's lock goes stale and the next start takes over instead of staying locked out forever.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, { lockfilePath: `${dataDir}/foyer.lock`, stale: 15_000, update: 5_000, realpath: false });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
}
