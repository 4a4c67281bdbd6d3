import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Journey 7 of the product brief: the administrator reviews the exposure dashboard, revokes the
// technician's access in bulk (the technician's very next request is refused), then finds that
// removal in the audit log and downloads the log as CSV.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);

/** The browser's cookies as one Cookie header, to fetch what a link points at as that person. */
async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies(server.url)).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('exposure dashboard and audit log (Chromium)', () => {
  it('lets the administrator revoke a guest in bulk, then find the removal in the audit log and download it', async () => {
    // The workspace and the invitation have their own tests: here they go through the API.
    const employeeCookie = await signInApi(api, EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, employeeCookie)).json()) as { id: string };
    await guestJoins({ server, smtp }, employeeCookie, workspace.id, GUEST);
    const adminCookie = await signInApi(api, ADMIN.email, ADMIN.password);
    await api('PATCH', '/api/v1/settings', { guestSeatLimit: 5 }, adminCookie);
    const guestCookie = await signInApi(api, GUEST.email, GUEST.password);
    const before = await fetch(`${server.url}/api/v1/workspaces/${workspace.id}`, { headers: { cookie: guestCookie } });
    expect(before.status).toBe(200);

    const admin = await browser.newContext();
    admin.setDefaultTimeout(15_000);
    const page = await admin.newPage();
    await signInPage(page, server.url, ADMIN.email, ADMIN.password);

    // Exposure: the seat count and the guest's membership, one row per workspace.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exposure' }).click();
    await page.getByRole('heading', { name: 'Exposure', level: 1 }).waitFor();
    const seats = page.getByRole('button', { name: /Guest seats used/ });
    await seats.waitFor();
    expect(await seats.textContent()).toBe('1 / 5 Guest seats used 4 seats left');
    const table = page.getByRole('table', { name: 'Guest memberships' });
    const row = table.getByRole('row', { name: new RegExp(GUEST.name) });
    await row.waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain(WORKSPACE);
    expect(rowText).toContain(GUEST.email);
    expect(rowText).toContain(EMPLOYEE.name);

    // Nothing selected, nothing to act on; "select all on this page" is a labelled checkbox.
    expect(await page.getByRole('button', { name: 'Revoke access' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /^Select all on this page/ }).check();
    expect(await page.getByRole('checkbox', { name: `Select ${GUEST.name} in ${WORKSPACE}` }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: /^Select all on this page/ }).uncheck();
    await page.getByRole('checkbox', { name: `Select ${GUEST.name} in ${WORKSPACE}` }).check();
    await page.getByText('1 membership selected').waitFor();

    await page.getByRole('button', { name: 'Revoke access' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke 1 membership?' });
    await dialog.getByText(/Guests left without a workspace are suspended/).waitFor();
    await dialog.getByRole('button', { name: 'Revoke access' }).click();
    await page.getByRole('status').getByText('1 membership revoked, 1 guest suspended.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // The list is read again: the guest has no workspace left.
    await page.getByText('These guests have no workspace left.').waitFor();

    // The technician's very next request is refused.
    const after = await fetch(`${server.url}/api/v1/workspaces/${workspace.id}`, { headers: { cookie: guestCookie } });
    expect(after.status).toBe(401);

    // The audit log: filtered by the action's beginning, the removal is there, by the administrator.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('table', { name: /Audit log entries/ }).waitFor();
    await page.getByLabel('Action', { exact: true }).fill('member.');
    await page.waitForURL(/[?&]action=member\./);
    const entries = page.getByRole('table', { name: /Audit log entries/ });
    const removal = entries.getByRole('row').filter({ hasText: 'member.removed' });
    await removal.first().waitFor();
    const removalText = await removal.first().textContent();
    expect(removalText).toContain(ADMIN.email);
    expect(removalText).toContain(WORKSPACE);
    // Only member.… entries are listed.
    for (const action of await entries.locator('tbody code').allTextContents()) expect(action.startsWith('member.')).toBe(true);
    // Its details fold out, with its place in the tamper-evident chain.
    await removal.first().locator('summary').click();
    await removal.first().getByText('No details recorded.').waitFor();
    expect(await removal.first().locator('dd').last().textContent()).toMatch(/^[0-9a-f]{64}$/);

    // The CSV link carries the same filter and answers with the file, for the administrator's cookie.
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain('action=member.');
    const csv = await fetch(new URL(href ?? '', server.url), { headers: { cookie: await cookieHeader(admin) } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const body = await csv.text();
    expect(body).toContain('member.removed');
    expect(body).not.toContain('auth.sign_in');

    // The manager reaches the same page, narrowed to the workspace, from the workspace page.
    const manager = await browser.newContext();
    manager.setDefaultTimeout(15_000);
    const managerPage = await manager.newPage();
    await signInPage(managerPage, server.url, EMPLOYEE.email, EMPLOYEE.password);
    await managerPage.goto(`${server.url}/workspaces/${workspace.id}`);
    await managerPage.getByRole('link', { name: 'Audit log of this workspace' }).click();
    await managerPage.waitForURL(new RegExp(`/admin/audit\\?workspace=${workspace.id}`));
    await managerPage.getByText(`Entries of the workspace “${WORKSPACE}”.`).waitFor();
    await managerPage
      .getByRole('table', { name: /Audit log entries/ })
      .getByText('member.removed')
      .first()
      .waitFor();

    await manager.close();
    await admin.close();
  });
});
