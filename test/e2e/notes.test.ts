import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Notes in the browser: an employee writes a shared note whose Markdown tries raw HTML, a script, an
// image that runs code and a remote image; the page shows the Markdown and none of the rest, and asks
// nothing of the remote server. The employee edits the note and restores the first version; a guest
// reads the shared note on a phone and never sees the internal one.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';
const NOTE = 'Visit checklist';
const INTERNAL_NOTE = 'Pricing thoughts';
const BODY = [
  '# Before the visit',
  '',
  '- Drain the hydraulic oil',
  '- Fit the new seals',
  '',
  'See [the manual](https://docs.example.org/press-3) for torque values.',
  '',
  '<script>window.__x=1</script>',
  '',
  '<img src=x onerror="window.__y=1">',
  '',
  '![pic](https://example.invalid/p.png)',
].join('\n');

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);
const signIn = (email: string, password: string) => signInApi(api, email, password);
const signInAt = (page: Page, email: string, password: string) => signInPage(page, server.url, email, password);

const _sentTo = (email: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(email);

/** Every request the page makes to a host outside the server, and every content-policy refusal: the test wants none. */
function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) foreign.push(request.url());
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) foreign.push(`CSP: ${message.text()}`);
  });
  return foreign;
}

/** Nothing the Markdown tried got into the page as an element or ran. */
async function expectNothingActive(page: Page) {
  const body = page.locator('.note-body');
  expect(await body.locator('script, img, iframe, object, embed, style').count()).toBe(0);
  expect(await body.locator('[onerror], [onclick], [style]').count()).toBe(0);
  expect(await page.evaluate('typeof window.__x')).toBe('undefined');
  expect(await page.evaluate('typeof window.__y')).toBe('undefined');
}

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('notes: Markdown rendered safely, history and restore, internal ones hidden (Chromium)', () => {
  it('lets the employee write, edit and restore a shared note that the guest reads, without running or fetching anything', async () => {
    // The workspace and the invitation have their own tests: here they go through the API.
    const employeeApi = await signIn(EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, employeeApi)).json()) as { id: string };
    await guestJoins({ server, smtp }, employeeApi, workspace.id, GUEST);

    const employee = await browser.newContext();
    employee.setDefaultTimeout(15_000);
    const page = await employee.newPage();
    const foreign = watchForeignRequests(page);
    await signInAt(page, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(`${server.url}/workspaces/${workspace.id}`);
    await page.getByRole('heading', { name: 'Notes', exact: true }).waitFor();
    await page.getByText('No notes yet. Write one to keep minutes, decisions or instructions here.').waitFor();

    // The internal note first, through the form.
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByLabel('Title', { exact: true }).fill(INTERNAL_NOTE);
    await page.getByLabel('Text', { exact: true }).fill('Their rate went up **8%**.');
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Internal' });
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('heading', { name: INTERNAL_NOTE, level: 1 }).waitFor();
    await page.getByText('The note has been saved.').waitFor();
    await page.getByText('Guests never see this note.').waitFor();

    // Then the shared one, with everything a note must not do.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: WORKSPACE }).click();
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByLabel('Title', { exact: true }).fill(NOTE);
    await page.getByLabel('Text', { exact: true }).fill(BODY);
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Shared' });
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('heading', { name: NOTE, level: 1 }).waitFor();
    const noteUrl = page.url();

    const body = page.locator('.note-body');
    await body.getByRole('heading', { name: 'Before the visit', level: 2 }).waitFor();
    expect(await body.getByRole('listitem').allTextContents()).toEqual(['Drain the hydraulic oil', 'Fit the new seals']);
    const manual = body.getByRole('link', { name: 'the manual' });
    expect(await manual.getAttribute('href')).toBe('https://docs.example.org/press-3');
    expect(await manual.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await manual.getAttribute('target')).toBeNull();
    // Raw HTML is text; the remote image is a link to it.
    await body.getByText('<script>window.__x=1</script>').waitFor();
    await body.getByText('<img src=x onerror="window.__y=1">').waitFor();
    const picture = body.getByRole('link', { name: 'Image: pic' });
    expect(await picture.getAttribute('href')).toBe('https://example.invalid/p.png');
    expect(await picture.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    await expectNothingActive(page);

    // Both notes in the list, newest change first, with who changed them and whether guests see them.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: WORKSPACE }).click();
    const list = page.getByRole('list', { name: 'Notes', exact: true });
    await list.getByRole('link', { name: NOTE, exact: true }).waitFor();
    const rows = list.getByRole('listitem');
    expect(await rows.count()).toBe(2);
    const first = (await rows.nth(0).textContent()) ?? '';
    expect(first).toContain(NOTE);
    expect(first).toContain('Shared');
    expect(first).toContain(`by ${EMPLOYEE.name}`);
    expect(await rows.nth(1).textContent()).toContain('Internal');

    // An edit makes version 2; the history shows both and brings back version 1.
    await list.getByRole('link', { name: NOTE, exact: true }).click();
    await page.getByRole('heading', { name: NOTE, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit note' }).click();
    await page.getByLabel('Text', { exact: true }).fill('# After the visit\n\nAll seals replaced.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes have been saved.').waitFor();
    await body.getByRole('heading', { name: 'After the visit', level: 2 }).waitFor();
    await page.getByText('Version 2 ·', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Show history' }).click();
    const versions = page.getByRole('list', { name: 'Versions' });
    await versions.getByRole('listitem').nth(1).waitFor();
    expect(await versions.getByRole('listitem').count()).toBe(2);
    expect(await versions.getByRole('listitem').nth(0).textContent()).toContain('Version 2');
    expect(await versions.getByRole('listitem').nth(1).textContent()).toContain(`by ${EMPLOYEE.name}`);
    await page.getByRole('button', { name: 'View version 1' }).click();
    const view = page.locator('.note-version-view');
    await view.getByRole('heading', { name: 'Before the visit' }).waitFor();
    expect(await view.locator('script, img').count()).toBe(0);
    await view.getByRole('button', { name: 'Restore this version' }).click();
    await page.getByText('Version 1 has been restored as version 3.').waitFor();
    await page.locator('.note-article').getByRole('heading', { name: 'Before the visit', level: 2 }).waitFor();
    await versions.getByText('restored from version 1').waitFor();
    expect(await versions.getByRole('listitem').count()).toBe(3);
    await expectNothingActive(page);

    // A save from a form opened before someone else's save is refused, and the text stays.
    await page.getByRole('button', { name: 'Edit note' }).click();
    await api('PATCH', `/api/v1/notes/${noteUrl.split('/').pop()}`, { title: `${NOTE} (v4)` }, employeeApi);
    await page.getByLabel('Text', { exact: true }).fill('My unsaved words');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else saved this note in the meantime.').waitFor();
    expect(await page.getByLabel('Text', { exact: true }).inputValue()).toBe('My unsaved words');
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: `${NOTE} (v4)`, level: 1 }).waitFor();

    // Not even the remote image was asked for: nothing left the server's origin.
    expect(foreign.filter((url) => url.includes('example.invalid'))).toEqual([]);
    expect(foreign).toEqual([]);

    // The guest, on a phone, reads the shared note and never sees the internal one.
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    const guestForeign = watchForeignRequests(guestPage);
    await signInAt(guestPage, GUEST.email, GUEST.password);
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}`);
    const guestList = guestPage.getByRole('list', { name: 'Notes', exact: true });
    await guestList.getByRole('link', { name: `${NOTE} (v4)`, exact: true }).waitFor();
    expect(await guestList.getByRole('listitem').count()).toBe(1);
    expect(await guestPage.getByText(INTERNAL_NOTE).count()).toBe(0);
    expect(await guestPage.getByRole('button', { name: 'New note' }).count()).toBe(0);
    expect(await guestList.getByText('Shared', { exact: true }).count()).toBe(0);

    await guestList.getByRole('link', { name: `${NOTE} (v4)`, exact: true }).click();
    await guestPage.getByRole('heading', { name: `${NOTE} (v4)`, level: 1 }).waitFor();
    await guestPage.locator('.note-body').getByRole('heading', { name: 'Before the visit', level: 2 }).waitFor();
    expect(await guestPage.getByRole('button', { name: 'Edit note' }).count()).toBe(0);
    await expectNothingActive(guestPage);
    await guestPage.getByRole('button', { name: 'Show history' }).click();
    await guestPage.getByRole('list', { name: 'Versions' }).getByRole('listitem').first().waitFor();
    await guestPage.getByRole('button', { name: 'View version 1' }).click();
    await guestPage.locator('.note-version-view').getByRole('heading', { name: 'Before the visit' }).waitFor();
    expect(await guestPage.getByRole('button', { name: 'Restore this version' }).count()).toBe(0);
    expect(guestForeign).toEqual([]);

    // The internal note's address answers like one that does not exist, in the page and in the API.
    const notes = (await (await api('GET', `/api/v1/workspaces/${workspace.id}/notes`, undefined, employeeApi)).json()) as {
      items: { id: string; title: string }[];
    };
    const internalId = notes.items.find((note) => note.title === INTERNAL_NOTE)?.id;
    expect(internalId).toBeTruthy();
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}/notes/${internalId}`);
    await guestPage.getByRole('heading', { name: /not found/i }).waitFor();
    expect(await guestPage.getByText(INTERNAL_NOTE).count()).toBe(0);
    const guestApi = await signIn(GUEST.email, GUEST.password);
    const hidden = await fetch(`${server.url}/api/v1/notes/${internalId}`, { headers: { origin: server.url, cookie: guestApi } });
    expect(hidden.status).toBe(404);

    await employee.close();
    await guest.close();
  });
});
