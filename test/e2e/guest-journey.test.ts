import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Journeys 2, 3 and 6 of the product brief: an employee opens a workspace and invites a technician;
// the technician confirms from the e-mail, sees that workspace and nothing else; removal ends it.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const TECHNICIAN = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);
const signIn = (email: string, password: string) => signInApi(api, email, password);
const signInAt = (page: Page, email: string, password: string) => signInPage(page, server.url, email, password);

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('a guest invited into one workspace (Chromium)', () => {
  it('invites, confirms, sees only that workspace, and loses access when removed', async () => {
    // Another workspace the technician must never reach.
    const employeeApi = await signIn(EMPLOYEE.email, EMPLOYEE.password);
    const other = (await (await api('POST', '/api/v1/workspaces', { name: 'Internal budget 2027' }, employeeApi)).json()) as { id: string };

    const employee = await browser.newContext();
    const page = await employee.newPage();
    await signInAt(page, EMPLOYEE.email, EMPLOYEE.password);
    await page.getByRole('link', { name: 'Workspaces' }).click();
    await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
    await page
      .getByRole('link', { name: 'New workspace' })
      .or(page.getByRole('button', { name: 'New workspace' }))
      .click();
    await page.getByLabel('Name', { exact: true }).fill(WORKSPACE);
    await page.getByLabel('Description', { exact: true }).fill('Yearly maintenance of press line 3.');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: WORKSPACE }).waitFor();
    const workspaceUrl = page.url();

    await page.getByLabel('E-mail', { exact: true }).fill(TECHNICIAN.email);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Guest' });
    await page.getByLabel('Personal message').fill('Manuals & reports go here.');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(TECHNICIAN.email).first().waitFor();

    const mail = await smtp.waitFor((m) => m.text?.includes(WORKSPACE) === true, 15_000);
    const link = /(http:\/\/\S+\/invitation#token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(link, 'the e-mail carries the invitation link on the public URL').toMatch(new RegExp(`^${server.url}/invitation#token=`));

    // The technician works from a phone.
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const guestPage = await guest.newPage();
    await guestPage.goto(link as string);
    await guestPage.getByText(WORKSPACE).first().waitFor();
    expect(guestPage.url()).not.toContain('token=');
    await guestPage.getByLabel('Your name').fill(TECHNICIAN.name);
    await guestPage.getByLabel('Password', { exact: true }).fill(TECHNICIAN.password);
    await guestPage.getByRole('button', { name: 'Join workspace' }).click();
    await guestPage.getByRole('heading', { name: WORKSPACE }).waitFor();

    // The guest home: the menu (folded away on a phone) and exactly one workspace.
    await guestPage.getByRole('button', { name: 'Menu' }).click();
    const menu = guestPage.getByRole('navigation', { name: 'Main' });
    await menu.getByRole('link', { name: WORKSPACE }).waitFor();
    await menu.getByRole('link', { name: 'Notifications' }).waitFor();
    await menu.getByRole('link', { name: 'My tasks' }).waitFor();
    await menu.getByRole('link', { name: 'Planned activities' }).waitFor();
    expect(await guestPage.getByRole('link', { name: 'Internal budget 2027' }).count()).toBe(0);
    expect(await guestPage.getByRole('link', { name: 'People' }).count()).toBe(0);

    // Another workspace's address answers exactly like one that does not exist.
    await guestPage.goto(`${server.url}/workspaces/${other.id}`);
    await guestPage.getByRole('heading', { name: /not found/i }).waitFor();
    await guestPage.goto(`${server.url}/workspaces/01a20000-0000-7000-8000-000000000000`);
    await guestPage.getByRole('heading', { name: /not found/i }).waitFor();

    // The manager removes the guest; the guest's very next navigation shows no access.
    await page.goto(workspaceUrl);
    const row = page
      .getByRole('row', { name: new RegExp(TECHNICIAN.name) })
      .or(page.getByRole('listitem').filter({ hasText: TECHNICIAN.name }));
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(async () => await page.getByRole('button', { name: `Remove ${TECHNICIAN.name}` }).count()).toBe(0);

    await guestPage.goto(workspaceUrl);
    await guestPage
      .getByRole('heading', { name: /not found|sign in/i })
      .first()
      .waitFor();
    expect(await guestPage.getByRole('heading', { name: WORKSPACE }).count()).toBe(0);

    await employee.close();
    await guest.close();
  });
});
