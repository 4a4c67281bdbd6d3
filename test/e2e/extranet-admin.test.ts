import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLikeNpmStart, type ServerProcess, startServerProcess } from '../support/server-process.js';

// Journey 1's end: the administrator switches the extranet on and files its catalog.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  buildLikeNpmStart();
  server = await startServerProcess({ FOYER_ADMIN_EMAIL: ADMIN.email, FOYER_ADMIN_PASSWORD: ADMIN.password });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('extranet administration (Chromium)', () => {
  it('switches the extranet on, adds topics and a partner organization, and deletes a topic', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.getByRole('link', { name: 'Extranet' }).click();
    const enabled = page.getByLabel('Extranet enabled');
    await enabled.check();
    const extranetEnabled = async () => {
      const settings = (await (await fetch(`${server.url}/api/v1/settings`, { headers: await cookieHeader() })).json()) as {
        extranetEnabled: boolean;
      };
      return settings.extranetEnabled;
    };
    await expect.poll(extranetEnabled).toBe(true);

    for (const name of ['Projects', 'Equipment']) {
      await page.getByLabel('Topic name').fill(name);
      await page.getByRole('button', { name: 'Add topic' }).click();
      await page.getByRole('button', { name: `Delete ${name}` }).waitFor();
    }
    await page.getByLabel('Organization name').fill('Supplier Ltd');
    await page.getByLabel('Domains', { exact: true }).fill('supplier.example\nparts.supplier.example');
    await page.getByRole('button', { name: 'Add organization' }).click();
    await page.getByRole('button', { name: 'Delete Supplier Ltd' }).waitFor();

    await page.getByRole('button', { name: 'Delete Equipment' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete topic' }).click();
    await expect.poll(async () => await page.getByRole('button', { name: 'Delete Equipment' }).count()).toBe(0);

    const topics = (await (await fetch(`${server.url}/api/v1/topics`, { headers: await cookieHeader() })).json()) as {
      items: { name: string }[];
    };
    expect(topics.items.map((t) => t.name)).toEqual(['Projects']);
    const organizations = (await (
      await fetch(`${server.url}/api/v1/external-organizations`, { headers: await cookieHeader() })
    ).json()) as {
      items: { domains: string[] }[];
    };
    expect(organizations.items[0]?.domains).toEqual(['parts.supplier.example', 'supplier.example'].sort());
    await context.close();

    async function cookieHeader() {
      const cookies = await context.cookies();
      return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
    }
  });
});
