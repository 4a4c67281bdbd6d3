import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLikeNpmStart, freePort, type ServerProcess, startServerProcess } from '../support/server-process.js';

// Journey 1 of the product brief: fresh install → setup link → first administrator → sign out →
// sign in → create an employee → the employee signs in (in a separate browser context).

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  buildLikeNpmStart();
  server = await startServerProcess();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = { email: 'ada@company.example', name: 'Ada Admin', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'temporary passphrase for eve' };

describe('first administrator journey (Chromium)', () => {
  it('goes from the setup link to an employee signed in', async () => {
    const link = /(http:\/\/\S+\/setup#token=\S+)/.exec(server.output())?.[1];
    expect(link, 'the log prints a one-time setup link').toBeTruthy();

    const admin = await browser.newContext();
    const page = await admin.newPage();
    await page.goto(link as string);
    await page.getByLabel('Organization name').fill('Acme Presses');
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(page.url()).not.toContain('token=');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.goto(`${server.url}/admin/people`);
    await page.getByRole('heading', { name: 'People' }).waitFor();
    await page.getByRole('button', { name: 'New employee' }).click();
    await page.getByLabel('Name', { exact: true }).fill(EMPLOYEE.name);
    await page.getByLabel('E-mail').fill(EMPLOYEE.email);
    await page.getByLabel('Temporary password').fill(EMPLOYEE.password);
    await page.getByRole('button', { name: 'Create employee' }).click();
    await page.getByRole('cell', { name: EMPLOYEE.email }).waitFor();

    const employee = await browser.newContext();
    const employeePage = await employee.newPage();
    await employeePage.goto(`${server.url}/sign-in`);
    await employeePage.getByLabel('E-mail').fill(EMPLOYEE.email);
    await employeePage.getByLabel('Password', { exact: true }).fill(EMPLOYEE.password);
    await employeePage.getByRole('button', { name: 'Sign in' }).click();
    await employeePage.getByRole('heading', { name: 'Profile' }).waitFor();
    // An employee without administration rights is not offered the admin pages.
    expect(await employeePage.getByRole('link', { name: 'People' }).count()).toBe(0);
    await page.getByRole('link', { name: 'People' }).waitFor();

    // The log tells the operator what happened without ever holding a secret: no password, no
    // session id, and the setup token only in the one banner that hands it over.
    const secrets = [ADMIN.password, EMPLOYEE.password, ...[...(await admin.cookies()), ...(await employee.cookies())].map((c) => c.value)];
    const log = server.output();
    for (const secret of secrets) expect(log.includes(secret), 'a secret reached the log').toBe(false);
    const setupToken = (link as string).split('#token=')[1] as string;
    expect(log.split(setupToken).length - 1).toBe(1);
    expect(log).toMatch(/"url":"\/api\/v1\/auth\/login","ip":"127.0.0.1","status":200/);

    await admin.close();
    await employee.close();
  });

  it('refuses a second server on the same data directory with a clear message', async () => {
    const port = await freePort();
    const second = spawnSync(process.execPath, [path.join('dist', 'server', 'main.js')], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, PORT: String(port), FOYER_DATA_DIR: server.dataDir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/Another Foyer process is already using the data directory/);
  });

  it('stops a start with bad configuration and lists what is wrong', () => {
    const bad = spawnSync(process.execPath, [path.join('dist', 'server', 'main.js')], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, PORT: 'eighty', DATABASE_URL: 'mysql://nope' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/PORT: must be a whole number/);
    expect(bad.stderr).toMatch(/DATABASE_URL: must be a postgres/);
  });
});
