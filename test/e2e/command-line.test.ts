import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLikeNpmStart, type ServerProcess, startServerProcess } from '../support/server-process.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'foyer-cli-'));

function foyer(args: string[], input?: string) {
  return spawnSync(process.execPath, ['bin/foyer.js', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, FOYER_DATA_DIR: dataDir },
    encoding: 'utf8',
    input,
    timeout: 30_000,
  });
}

async function signInStatus(server: ServerProcess, email: string, password: string): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

let server: ServerProcess | undefined;
beforeAll(() => buildLikeNpmStart());
afterAll(async () => {
  await server?.stop();
});

describe('foyer command line (built, as installed)', () => {
  it('migrates, creates an administrator and resets a password', async () => {
    const migrate = foyer(['migrate']);
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/Applied: 0001-foundation/);
    expect(foyer(['migrate']).stdout).toMatch(/up to date/);

    const weak = foyer(['admin:create', '--email', 'root@company.example', '--password-stdin'], 'password1234\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/too common/);

    const created = foyer(
      ['admin:create', '--email', 'root@company.example', '--name', 'Root', '--password-stdin'],
      'an admin passphrase from stdin\n',
    );
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Administrator root@company.example created/);
    expect(foyer(['admin:create', '--email', 'root@company.example']).stderr).toMatch(/already exists/);

    server = await startServerProcess({}, dataDir);
    expect(server.output(), 'no setup link once an administrator exists').not.toMatch(/setup#token=/);
    expect(await signInStatus(server, 'root@company.example', 'an admin passphrase from stdin')).toBe(200);

    const reset = foyer(['user:reset-password', '--email', 'ROOT@company.example']);
    expect(reset.status, reset.stderr).toBe(0);
    const generated = /New password \(shown once\): (\S+)/.exec(reset.stdout)?.[1];
    expect(generated).toBeTruthy();
    expect(await signInStatus(server, 'root@company.example', generated as string)).toBe(200);
    expect(await signInStatus(server, 'root@company.example', 'an admin passphrase from stdin')).toBe(401);

    expect(foyer(['user:reset-password', '--email', 'nobody@company.example']).stderr).toMatch(/No account/);
    expect(foyer(['frobnicate']).status).toBe(1);

    // Everything above was audited, in one chain; changing one entry in the file is found.
    const intact = foyer(['audit:verify']);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/The audit log is intact: \d+ entries, 1 to \d+\./);
    await server.stop();
    server = undefined;
    const db = new Database(path.join(dataDir, 'foyer.db'));
    try {
      db.prepare('UPDATE audit_events SET details = ? WHERE seq = 2').run('{"forged":true}');
    } finally {
      db.close();
    }
    const broken = foyer(['audit:verify']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(
      /The audit log is broken at entry 2 \(.+\): its contents were changed after it was written\. 1 entry before it is intact\./,
    );
  });
});
