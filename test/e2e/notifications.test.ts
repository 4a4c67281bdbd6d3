import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// The journey for notifications and live pages: a guest uploads into a drop box while the
// manager has the workspace open; the manager's bell count rises without a reload, the notification
// leads to the document, and the daily digest e-mail arrives. The administrator then revokes the
// guest from the exposure dashboard while the guest has the workspace open: the guest's page loses
// access by itself. (Each piece is tested in depth in the integration suites.)

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const MANAGER = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';
const OTHER_WORKSPACE = 'Press line 4 — spare parts';
const DROP_BOX = 'Service reports';
const REPORT = 'service-report-week-23.pdf';

// Enough of a PDF for the server's type detection (it reads the bytes, not the name).
const pdf = (text: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);
const sentTo = (email: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(email);

/** Marks the loaded document; a reload (or any full navigation) loses the mark. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { notReloaded?: boolean }).notReloaded = true;
  });
}
async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded === true);
}

/** The bell's accessible name carries the count: "Notifications, 3 unread". */
async function bellCount(page: Page): Promise<number> {
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications, \d+ unread$/ });
  await bell.waitFor();
  const label = (await bell.getAttribute('aria-label')) ?? '';
  return Number(/(\d+) unread/.exec(label)?.[1]);
}

beforeAll(async () => {
  // Digests go out from hour 0 UTC, so at once; the periodic jobs run every second.
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [MANAGER], {
    env: { FOYER_DIGEST_HOUR: '0', FOYER_JOB_INTERVAL_SECONDS: '1' },
  }));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('notifications and live pages (Chromium)', () => {
  it('raises the manager’s bell without a reload, e-mails the digest, and takes a revoked guest’s page away', async () => {
    // Setup through the API: workspaces, folders, invitations and preferences have their own tests.
    const managerApi = await signInApi(api, MANAGER.email, MANAGER.password);
    const create = async (name: string) =>
      (await (await api('POST', '/api/v1/workspaces', { name, guestSettings: { upload: true } }, managerApi)).json()) as { id: string };
    const workspace = await create(WORKSPACE);
    const other = await create(OTHER_WORKSPACE);
    const dropBox = (await (
      await api(
        'POST',
        `/api/v1/workspaces/${workspace.id}/folders`,
        { name: DROP_BOX, visibility: 'shared', guestAccess: 'upload' },
        managerApi,
      )
    ).json()) as { id: string };
    await guestJoins({ server, smtp }, managerApi, workspace.id, GUEST);
    // The guest is in a second workspace too, so revoking the first leaves them signed in.
    await api('POST', `/api/v1/workspaces/${other.id}/invitations`, { email: GUEST.email, role: 'guest' }, managerApi);
    const secondInvitation = await smtp.waitFor(
      (mail) => sentTo(GUEST.email)(mail) && (mail.text ?? '').includes(OTHER_WORKSPACE) && /invitation#token=/.test(mail.text ?? ''),
      15_000,
    );
    const token = /\/invitation#token=([A-Za-z0-9_-]+)/.exec(secondInvitation.text ?? '')?.[1];
    const guestApi = await signInApi(api, GUEST.email, GUEST.password);
    await api('POST', `/api/v1/invitations/${token}/accept`, {}, guestApi);
    // Uploads into a drop box reach its managers in the daily digest (also the default).
    await api(
      'PUT',
      '/api/v1/me/notification-preferences',
      { preferences: [{ kind: 'document_uploaded', delivery: 'digest' }] },
      managerApi,
    );

    // The manager has the workspace open; the bell shows the count.
    const manager = await browser.newContext();
    manager.setDefaultTimeout(15_000);
    const page = await manager.newPage();
    await signInPage(page, server.url, MANAGER.email, MANAGER.password);
    await page.goto(`${server.url}/workspaces/${workspace.id}`);
    await page.getByRole('heading', { name: WORKSPACE, level: 1 }).waitFor();
    const before = await bellCount(page);
    await markPage(page);

    // The guest, on a phone, uploads a report into the drop box through the folder page.
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    await signInPage(guestPage, server.url, GUEST.email, GUEST.password);
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}/folders/${dropBox.id}`);
    await guestPage.getByRole('heading', { name: DROP_BOX, level: 1 }).waitFor();
    const chooser = guestPage.waitForEvent('filechooser');
    await guestPage.getByRole('button', { name: 'Choose files' }).click();
    await (await chooser).setFiles({ name: REPORT, mimeType: 'application/pdf', buffer: pdf('week 23') });
    await guestPage.getByRole('list', { name: 'Documents' }).getByRole('link', { name: REPORT, exact: true }).waitFor();

    // The manager's bell rises by itself, and the workspace's recent changes show the upload.
    const bell = page.getByRole('banner').getByRole('link', { name: `Notifications, ${before + 1} unread` });
    await bell.waitFor();
    expect(await bell.textContent()).toContain(String(before + 1));
    await page.getByRole('region', { name: 'Recent changes' }).getByRole('link', { name: REPORT }).waitFor();
    expect(await stillSamePage(page)).toBe(true);

    // The notifications page: the upload, unread (said in words), leading to the document.
    await bell.click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const list = page.getByRole('list', { name: 'Notifications' });
    const item = list.getByRole('listitem').filter({ hasText: REPORT });
    await item.waitFor();
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).toContain('Unread');
    expect(itemText).toContain('Document uploaded');
    expect(itemText).toContain(WORKSPACE);
    expect(itemText).toContain(`${GUEST.name} uploaded a document.`);
    // "Unread" narrows the list to what is left to read; the upload is among it.
    await page.getByRole('button', { name: 'Unread', exact: true }).click();
    await page.waitForURL(/[?&]show=unread/);
    await list.getByRole('listitem').filter({ hasText: REPORT }).waitFor();
    await item.getByRole('link', { name: REPORT, exact: true }).click();
    await page.waitForURL(/\/documents\//);
    await page.getByRole('heading', { name: REPORT, level: 1 }).waitFor();
    // Following it marked it read: the bell is back to where it was.
    await page
      .getByRole('banner')
      .getByRole('link', { name: `Notifications, ${before} unread` })
      .waitFor();
    expect(await stillSamePage(page)).toBe(true);

    // The daily digest reaches the manager at the SMTP receiver, naming the upload.
    const digest = await smtp.waitFor((mail) => sentTo(MANAGER.email)(mail) && /digest/i.test(mail.subject ?? ''), 30_000);
    expect(digest.text ?? '').toContain(REPORT);

    // The guest has the workspace open; their menu shows their own unread count.
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}`);
    await guestPage.getByRole('heading', { name: WORKSPACE, level: 1 }).waitFor();
    await guestPage.getByRole('button', { name: 'Menu' }).click();
    const guestMenu = guestPage.getByRole('navigation', { name: 'Main' });
    await guestMenu.getByRole('link', { name: /^Notifications(, \d+ unread)?$/ }).waitFor();
    await guestMenu.getByRole('link', { name: WORKSPACE }).waitFor();
    await markPage(guestPage);

    // The administrator revokes the guest's membership of that workspace on the exposure dashboard.
    const admin = await browser.newContext();
    admin.setDefaultTimeout(15_000);
    const adminPage = await admin.newPage();
    await signInPage(adminPage, server.url, ADMIN.email, ADMIN.password);
    await adminPage.goto(`${server.url}/admin/exposure`);
    await adminPage.getByRole('heading', { name: 'Exposure', level: 1 }).waitFor();
    await adminPage.getByRole('checkbox', { name: `Select ${GUEST.name} in ${WORKSPACE}` }).check();
    await adminPage.getByRole('button', { name: 'Revoke access' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Revoke 1 membership?' });
    await dialog.getByRole('button', { name: 'Revoke access' }).click();
    await adminPage.getByRole('status').getByText('1 membership revoked.').waitFor();

    // The guest's open page loses access by itself: the not-found state, the workspace gone from the menu.
    await guestPage.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    await guestPage.getByText('There is nothing at this address, or you do not have access to it.').waitFor();
    expect(await guestPage.getByRole('heading', { name: WORKSPACE }).count()).toBe(0);
    expect(await guestPage.getByText(DROP_BOX).count()).toBe(0);
    await guestMenu.getByRole('link', { name: WORKSPACE }).waitFor({ state: 'detached' });
    await guestMenu.getByRole('link', { name: OTHER_WORKSPACE }).waitFor();
    expect(await stillSamePage(guestPage)).toBe(true);

    await admin.close();
    await guest.close();
    await manager.close();
  });

  it('shows a new document in the open folder and a task’s new status without a reload, and watches a folder', async () => {
    const managerApi = await signInApi(api, MANAGER.email, MANAGER.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: 'Line 5 retrofit' }, managerApi)).json()) as { id: string };
    const folder = (await (
      await api('POST', `/api/v1/workspaces/${workspace.id}/folders`, { name: 'Drawings', visibility: 'shared' }, managerApi)
    ).json()) as { id: string };
    const task = (await (
      await api('POST', `/api/v1/workspaces/${workspace.id}/tasks`, { title: 'Order the new conveyor belt' }, managerApi)
    ).json()) as { id: string };

    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signInPage(page, server.url, MANAGER.email, MANAGER.password);

    // The folder page: a document uploaded elsewhere (another tab, the API) appears by itself.
    await page.goto(`${server.url}/workspaces/${workspace.id}/folders/${folder.id}`);
    await page.getByRole('heading', { name: 'Drawings', level: 1 }).waitFor();
    await page.getByText('No documents yet.').waitFor();
    await markPage(page);
    const form = new FormData();
    form.append('file', new Blob([pdf('layout')], { type: 'application/pdf' }), 'hall-layout.pdf');
    const upload = await fetch(`${server.url}/api/v1/folders/${folder.id}/documents`, {
      method: 'POST',
      headers: { origin: server.url, cookie: managerApi },
      body: form,
    });
    expect(upload.status, await upload.clone().text()).toBe(201);
    await page.getByRole('list', { name: 'Documents' }).getByRole('link', { name: 'hall-layout.pdf', exact: true }).waitFor();
    expect(await stillSamePage(page)).toBe(true);

    // "Watch this folder" is a toggle; the server keeps the choice.
    const watch = page.getByRole('button', { name: 'Watch this folder' });
    expect(await watch.getAttribute('aria-pressed')).toBe('false');
    await watch.click();
    await page.getByRole('button', { name: 'Watch this folder', pressed: true }).waitFor();
    const watching = (await (await api('GET', `/api/v1/folders/${folder.id}/watch`, undefined, managerApi)).json()) as {
      watching: boolean;
    };
    expect(watching.watching).toBe(true);

    // The task page: a status changed elsewhere shows by itself.
    await page.goto(`${server.url}/workspaces/${workspace.id}/tasks/${task.id}`);
    await page.getByRole('heading', { name: 'Order the new conveyor belt', level: 1 }).waitFor();
    const status = page
      .locator('dl.task-details div')
      .filter({ has: page.getByText('Status', { exact: true }) })
      .locator('dd');
    expect(await status.textContent()).toBe('Open');
    await markPage(page);
    await api('PATCH', `/api/v1/tasks/${task.id}`, { status: 'in_progress' }, managerApi);
    await status.getByText('In progress', { exact: true }).waitFor();
    expect(await stillSamePage(page)).toBe(true);

    await context.close();
  });
});
