import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Journeys 4 and 5 of the product brief, for documents: an employee sets up a drop box and an
// internal folder; a technician uploads a service report from a phone and sees neither the internal
// folder nor another guest's upload; the employee sees both uploads and who touched the report.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST_A = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const GUEST_B = { email: 'inspector@partner.example', name: 'Ivy Inspector', password: 'ivy sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';
const DROP_BOX = 'Service reports';
const INTERNAL = 'Internal pricing';
const REPORT = 'service-report.pdf';
const OTHER_UPLOAD = 'inspection-notes.pdf';

// Enough of a PDF for the server's type detection (it reads the bytes, not the name).
const pdf = (text: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);
const signIn = (email: string, password: string) => signInApi(api, email, password);
const signInAt = (page: Page, email: string, password: string) => signInPage(page, server.url, email, password);

const sentTo = (email: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(email);

async function invitationLink(email: string): Promise<string> {
  const mail = await smtp.waitFor(sentTo(email), 15_000);
  const link = /(http:\/\/\S+\/invitation#token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  if (!link) throw new Error(`no invitation link in the e-mail to ${email}`);
  return link;
}

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('documents: a drop box and an internal folder (Chromium)', () => {
  it('lets a guest upload into the drop box with progress, hides what is not theirs, and reports access to the employee', async () => {
    const employeeApi = await signIn(EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (
      await api('POST', '/api/v1/workspaces', { name: WORKSPACE, guestSettings: { upload: true } }, employeeApi)
    ).json()) as { id: string };
    for (const guest of [GUEST_A, GUEST_B]) {
      await api('POST', `/api/v1/workspaces/${workspace.id}/invitations`, { email: guest.email, role: 'guest' }, employeeApi);
    }

    // The employee creates both folders in the browser.
    const employee = await browser.newContext();
    // A step that cannot happen fails at that step, well within the test's own time limit.
    employee.setDefaultTimeout(15_000);
    const page = await employee.newPage();
    await signInAt(page, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(`${server.url}/workspaces/${workspace.id}`);
    await page.getByRole('heading', { name: WORKSPACE }).waitFor();
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.getByText('No folders yet.').waitFor();

    await page.getByRole('button', { name: 'New folder' }).click();
    let dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Name').fill(DROP_BOX);
    await dialog.getByLabel('Visibility').selectOption({ label: 'Shared' });
    await dialog.getByLabel('Guest access').selectOption({ label: 'Drop box' });
    await dialog.getByRole('button', { name: 'Create folder' }).click();
    await page.getByRole('list', { name: 'Folders' }).getByRole('link', { name: DROP_BOX, exact: true }).waitFor();

    await page.getByRole('button', { name: 'New folder' }).click();
    dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Name').fill(INTERNAL);
    await dialog.getByLabel('Visibility').selectOption({ label: 'Internal' });
    // Guest access means nothing for an internal folder, so the form does not ask.
    expect(await dialog.getByLabel('Guest access').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Create folder' }).click();
    await page.getByRole('link', { name: INTERNAL, exact: true }).waitFor();

    const folderRow = (name: string) => page.getByRole('list', { name: 'Folders' }).getByRole('listitem').filter({ hasText: name });
    expect(await folderRow(DROP_BOX).textContent()).toContain('Drop box');
    expect(await folderRow(DROP_BOX).textContent()).toContain('Shared');
    expect(await folderRow(INTERNAL).textContent()).toContain('Internal');
    expect(await folderRow(INTERNAL).textContent()).toContain('No guest access');
    expect(await page.getByRole('link', { name: 'Trash' }).count()).toBe(1);

    const folders = (await (await api('GET', `/api/v1/workspaces/${workspace.id}/folders`, undefined, employeeApi)).json()) as {
      items: { id: string; name: string }[];
    };
    const dropBoxId = folders.items.find((folder) => folder.name === DROP_BOX)?.id;
    const internalId = folders.items.find((folder) => folder.name === INTERNAL)?.id;
    expect(dropBoxId && internalId).toBeTruthy();

    // Guest B joins through the API and drops a file in first.
    const linkB = await invitationLink(GUEST_B.email);
    const tokenB = linkB.split('#token=')[1] as string;
    await api('POST', `/api/v1/invitations/${tokenB}/accept`, { name: GUEST_B.name, password: GUEST_B.password });
    const guestBApi = await signIn(GUEST_B.email, GUEST_B.password);
    const form = new FormData();
    form.append('file', new Blob([pdf('inspection')], { type: 'application/pdf' }), OTHER_UPLOAD);
    const uploadB = await fetch(`${server.url}/api/v1/folders/${dropBoxId}/documents`, {
      method: 'POST',
      headers: { origin: server.url, cookie: guestBApi },
      body: form,
    });
    expect(uploadB.status, await uploadB.clone().text()).toBe(201);

    // Guest A confirms from the e-mail on a phone.
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    await guestPage.goto(await invitationLink(GUEST_A.email));
    await guestPage.getByLabel('Your name').fill(GUEST_A.name);
    await guestPage.getByLabel('Password', { exact: true }).fill(GUEST_A.password);
    await guestPage.getByRole('button', { name: 'Join workspace' }).click();
    await guestPage.getByRole('heading', { name: WORKSPACE }).waitFor();

    // The drop box is there; the internal folder is not, and neither are the employees' tools.
    await guestPage.getByRole('list', { name: 'Folders' }).getByRole('link', { name: DROP_BOX, exact: true }).waitFor();
    expect(await guestPage.getByRole('link', { name: INTERNAL, exact: true }).count()).toBe(0);
    expect(await guestPage.getByText(INTERNAL).count()).toBe(0);
    expect(await guestPage.getByRole('link', { name: 'Trash' }).count()).toBe(0);
    expect(await guestPage.getByRole('button', { name: 'New folder' }).count()).toBe(0);

    // Inside the drop box guest A sees nothing of guest B's.
    await guestPage.getByRole('list', { name: 'Folders' }).getByRole('link', { name: DROP_BOX, exact: true }).click();
    await guestPage.getByRole('heading', { name: DROP_BOX }).waitFor();
    await guestPage.getByText('This is a drop box: you see only the files you put in').waitFor();
    await guestPage.getByText('No documents yet. Drop files here or choose files.').waitFor();
    expect(await guestPage.getByText(OTHER_UPLOAD).count()).toBe(0);

    // The upload is held back until its progress bar has been seen, so a fast machine cannot skip it.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await guestPage.route('**/api/v1/folders/*/documents**', async (route) => {
      await held;
      await route.continue();
    });
    const chooser = guestPage.waitForEvent('filechooser');
    await guestPage.getByRole('button', { name: 'Choose files' }).click();
    await (await chooser).setFiles({ name: REPORT, mimeType: 'application/pdf', buffer: pdf('report') });
    await guestPage.getByRole('progressbar', { name: `Upload progress for ${REPORT}` }).waitFor();
    await guestPage.getByRole('button', { name: `Cancel upload of ${REPORT}` }).waitFor();
    release();
    const uploads = guestPage.getByRole('region', { name: 'Uploads' });
    await uploads.getByRole('listitem').filter({ hasText: REPORT }).getByText('Uploaded').waitFor();
    expect(await guestPage.getByRole('progressbar', { name: `Upload progress for ${REPORT}` }).count()).toBe(0);
    await guestPage.getByRole('list', { name: 'Documents' }).getByRole('link', { name: REPORT, exact: true }).waitFor();
    await guestPage.unroute('**/api/v1/folders/*/documents**');

    // After a fresh load the drop box still shows only guest A's own report.
    await guestPage.reload();
    await guestPage.getByRole('list', { name: 'Documents' }).getByRole('link', { name: REPORT, exact: true }).waitFor();
    expect(await guestPage.getByText(OTHER_UPLOAD).count()).toBe(0);

    // Guest A opens the report (a view the access report will show).
    await guestPage.getByRole('list', { name: 'Documents' }).getByRole('link', { name: REPORT, exact: true }).click();
    await guestPage.getByRole('heading', { name: REPORT }).waitFor();
    await guestPage.getByRole('link', { name: 'Download', exact: true }).waitFor();
    expect(await guestPage.getByRole('heading', { name: 'Access report' }).count()).toBe(0);

    // The internal folder's address answers like one that does not exist.
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}/folders/${internalId}`);
    await guestPage.getByRole('heading', { name: /not found/i }).waitFor();
    expect(await guestPage.getByText(INTERNAL).count()).toBe(0);

    // The employee sees both uploads in the drop box and who touched guest A's report.
    await page.getByRole('list', { name: 'Folders' }).getByRole('link', { name: DROP_BOX, exact: true }).click();
    await page.getByRole('heading', { name: DROP_BOX }).waitFor();
    const documents = page.getByRole('list', { name: 'Documents' });
    await documents.getByRole('link', { name: REPORT, exact: true }).waitFor();
    await documents.getByRole('link', { name: OTHER_UPLOAD, exact: true }).waitFor();

    // Files dropped onto the folder's contents are uploaded too (a browser drop, as the page receives it).
    await documents.evaluate((list) => {
      // Runs in the page; the test's own types know no DOM, so name the two browser classes it uses.
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add: (file: File) => void } };
        DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => Event;
      };
      const files = new page.DataTransfer();
      files.items.add(new File(['Checklist for the next visit'], 'visit-checklist.txt', { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        list.dispatchEvent(new page.DragEvent(type, { dataTransfer: files, bubbles: true, cancelable: true }));
      }
    });
    await documents.getByRole('link', { name: 'visit-checklist.txt', exact: true }).waitFor();

    await documents.getByRole('link', { name: REPORT, exact: true }).click();
    await page.getByRole('heading', { name: REPORT }).waitFor();
    const preview = page.getByTitle(`Preview of ${REPORT}`);
    await preview.waitFor();
    expect(await preview.getAttribute('sandbox')).toBeNull();
    await page.getByRole('heading', { name: 'Access report' }).waitFor();
    const report = page.getByRole('table', { name: `Access to ${REPORT}` });
    await report.getByRole('row', { name: new RegExp(`${GUEST_A.name}.*Uploaded`) }).waitFor();
    // Opening the page and its preview are both views; one is enough to name here.
    await report
      .getByRole('row', { name: new RegExp(`${GUEST_A.name}.*Viewed`) })
      .first()
      .waitFor();
    expect(await report.getByText(GUEST_B.name).count()).toBe(0);

    await employee.close();
    await guest.close();
  });
});
