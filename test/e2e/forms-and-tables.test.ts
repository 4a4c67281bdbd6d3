import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Defects a fresh-eyes review found in forms and tables, each as a person meets it: a mistyped
// e-mail address answered in words (and without a round trip), a used invitation link with a way
// on, tables whose actions are in view on a 1280-pixel desktop and that say "scroll sideways" on a
// phone, a toggle that fits a phone, the @mention field announced as a combobox, and regions and
// controls with names that say what they are.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const LATE_GUEST = { email: 'gina@supplier.example', name: 'Gina Guest', password: 'orchard violet compass 77' };
// A long address and a long workspace name: the columns that have to give way on a desktop.
const PENDING = 'procurement.north@supplier-company.example';
const WORKSPACE = 'Press line 3 — service contract for the northern plant';
const NOTE = 'Seal replacement plan';
const EMAIL_MESSAGE = 'Enter an e-mail address, such as name@example.com';

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;
let workspaceId: string;
let lateGuestToken: string;
let noteId: string;

const api = apiOf(() => server.url);
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function signedIn(options: Parameters<Browser['newContext']>[0], email: string, password: string) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signInPage(page, server.url, email, password);
  return { context, page };
}

/** The requests the page sends that match, to show that a form answered without asking the server. */
function recordRequests(page: Page, method: string, path: RegExp): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.method() === method && path.test(new URL(request.url()).pathname)) seen.push(request.url());
  });
  return seen;
}

/** The field shows `message` as its error, tied to it, and has the focus. */
async function expectFieldError(page: Page, field: Locator, message: string) {
  const error = page.getByText(message, { exact: true });
  await error.waitFor();
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const errorId = await error.getAttribute('id');
  expect(errorId).toBeTruthy();
  expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
  expect(await field.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
  expect(await page.locator('body').innerText()).not.toContain('must match format');
}

/** How much wider a scrolling box's content is than the box (0 when everything is in view). */
const overflowOf = (box: Locator) => box.evaluate((element) => element.scrollWidth - element.clientWidth);

/** `inner` lies inside `outer` and inside the window, without any scrolling. */
async function expectInView(page: Page, inner: Locator, outer: Locator) {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) throw new Error('not rendered');
  const width = page.viewportSize()?.width ?? 0;
  expect(a.x).toBeGreaterThanOrEqual(b.x);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width);
  expect(a.x + a.width).toBeLessThanOrEqual(width);
}

/** The page itself never scrolls sideways. */
async function expectNoPageScroll(page: Page) {
  const [scroll, inner] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
  expect(scroll).toBeLessThanOrEqual(inner);
}

/**
 * The mean brightness (0–255) of a strip of the screen, read back through a canvas in a blank page
 * of the same browser (no decoder needed here, no CSP there).
 */
async function brightness(context: BrowserContext, page: Page, clip: { x: number; y: number; width: number; height: number }) {
  const png = (await page.screenshot({ clip })).toString('base64');
  const scratch = await context.newPage();
  try {
    // A string, as this file is type-checked without the DOM's types.
    return (await scratch.evaluate(`(async () => {
      const image = new Image();
      image.src = 'data:image/png;base64,${png}';
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let sum = 0;
      for (let i = 0; i < pixels.length; i += 4) sum += (pixels[i] + pixels[i + 1] + pixels[i + 2]) / 3;
      return sum / (pixels.length / 4);
    })()`)) as number;
  } finally {
    await scratch.close();
  }
}

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
  // The workspace, the guests and the note have their own tests: here they go through the API.
  const eve = await signInApi(api, EMPLOYEE.email, EMPLOYEE.password);
  workspaceId = ((await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, eve)).json()) as { id: string }).id;
  await guestJoins({ server, smtp }, eve, workspaceId, GUEST);
  // A guest who accepted through the e-mail's link: the link is used up afterwards.
  await api('POST', `/api/v1/workspaces/${workspaceId}/invitations`, { email: LATE_GUEST.email, role: 'guest' }, eve);
  const mail = await smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(LATE_GUEST.email), 15_000);
  lateGuestToken = /\/invitation#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? '';
  expect(lateGuestToken).not.toBe('');
  await api('POST', `/api/v1/invitations/${lateGuestToken}/accept`, { name: LATE_GUEST.name, password: LATE_GUEST.password });
  // One invitation still pending: its row has every action (copy link, resend, revoke).
  await api('POST', `/api/v1/workspaces/${workspaceId}/invitations`, { email: PENDING, role: 'guest' }, eve);
  const note = { title: NOTE, body: 'Who brings the seals?', visibility: 'shared' };
  noteId = ((await (await api('POST', `/api/v1/workspaces/${workspaceId}/notes`, note, eve)).json()) as { id: string }).id;
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('forms say what is wrong with an e-mail address in words (Chromium)', () => {
  it('the Invite form refuses a mistyped address at the field, without sending it', async () => {
    const { context, page } = await signedIn(DESKTOP, EMPLOYEE.email, EMPLOYEE.password);
    const posts = recordRequests(page, 'POST', /\/invitations$/);
    await page.goto(`${server.url}/workspaces/${workspaceId}`);
    const invitations = page.getByRole('region', { name: 'Invitations', exact: true });
    const email = invitations.getByRole('textbox', { name: 'E-mail', exact: true });
    await email.fill('not-an-email');
    await invitations.getByRole('button', { name: 'Send invitation' }).click();
    await expectFieldError(page, email, EMAIL_MESSAGE);
    expect(posts).toEqual([]);

    // Corrected, it goes through.
    await email.fill('new.partner@supplier.example');
    await invitations.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to new.partner@supplier.example.').waitFor();
    expect(posts).toHaveLength(1);
    await context.close();
  });

  it('the New employee dialog refuses a mistyped address at the field, without sending it', async () => {
    const { context, page } = await signedIn(DESKTOP, ADMIN.email, ADMIN.password);
    const posts = recordRequests(page, 'POST', /\/api\/v1\/users$/);
    await page.goto(`${server.url}/admin/people`);
    await page.getByRole('button', { name: 'New employee' }).click();
    const dialog = page.getByRole('dialog', { name: 'New employee' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Nora Newcomer');
    const email = dialog.getByRole('textbox', { name: 'E-mail', exact: true });
    await email.fill('nora at company');
    await dialog.getByLabel('Temporary password', { exact: true }).fill('a temporary passphrase for nora');
    await dialog.getByRole('button', { name: 'Create employee' }).click();
    await expectFieldError(page, email, EMAIL_MESSAGE);
    expect(posts).toEqual([]);
    await context.close();
  });
});

describe('a used invitation link shows the way on (Chromium)', () => {
  it('offers signing in, and home to whoever is signed in already', async () => {
    const context = await browser.newContext(PHONE);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${server.url}/invitation#token=${lateGuestToken}`);
    await page.getByText('This invitation link is not valid any more.', { exact: false }).waitFor();
    await page.getByText('Already accepted?').waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await signInPage(page, server.url, LATE_GUEST.email, LATE_GUEST.password);
    await page.goto(`${server.url}/invitation#token=${lateGuestToken}`);
    await page.getByText('Already accepted?').waitFor();
    await page.getByRole('link', { name: 'Go to your home page' }).click();
    // A guest's home is their workspace.
    await page.getByRole('heading', { name: WORKSPACE, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/workspaces/${workspaceId}`);
    await context.close();
  });
});

describe('tables show every column and action on a desktop, and say "scroll sideways" on a phone (Chromium)', () => {
  it('fits the invitations of a workspace at 1280 pixels, with every action in view', async () => {
    const { context, page } = await signedIn(DESKTOP, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(`${server.url}/workspaces/${workspaceId}`);
    const table = page.getByRole('table', { name: 'Invitations to this workspace' });
    const revoke = table.getByRole('button', { name: `Revoke invitation for ${PENDING}` });
    await revoke.waitFor();
    const wrap = page.locator('.table-wrap', { has: table });
    expect(await overflowOf(wrap)).toBe(0);
    for (const action of [`Copy link for ${PENDING}`, `Resend to ${PENDING}`, `Revoke invitation for ${PENDING}`]) {
      await expectInView(page, table.getByRole('button', { name: action }), wrap);
    }
    await expectNoPageScroll(page);
    await context.close();
  });

  it('fits the People table at 1280 pixels, with every action in view', async () => {
    const { context, page } = await signedIn(DESKTOP, ADMIN.email, ADMIN.password);
    await page.goto(`${server.url}/admin/people`);
    const table = page.getByRole('table', { name: 'People in your organization' });
    const suspend = table.getByRole('button', { name: `Suspend ${EMPLOYEE.name}` });
    await suspend.waitFor();
    const wrap = page.locator('.table-wrap', { has: table });
    expect(await overflowOf(wrap)).toBe(0);
    await expectInView(page, suspend, wrap);
    await expectInView(page, table.getByRole('checkbox', { name: new RegExp(`^Extranet group\\W+${EMPLOYEE.name}$`) }), wrap);
    await expectNoPageScroll(page);
    // A last sign-in may wrap between its day, year and time, never inside one ("Dec / 6,").
    const groups = table.locator('time .nowrap');
    expect(await groups.count()).toBeGreaterThan(0);
    expect(await groups.evaluateAll((spans) => spans.filter((span) => span.getClientRects().length !== 1).length)).toBe(0);
    await context.close();
  });

  it('fits the audit log and the exposure dashboard at 1280 pixels', async () => {
    const { context, page } = await signedIn(DESKTOP, ADMIN.email, ADMIN.password);
    await page.goto(`${server.url}/admin/audit`);
    const audit = page.getByRole('table', { name: 'Audit log entries, newest first' });
    await audit.getByRole('row').nth(3).waitFor();
    expect(await overflowOf(page.locator('.table-wrap', { has: audit }))).toBe(0);
    await expectNoPageScroll(page);
    // Other columns give way; an action's name stays on one line.
    const action = audit.getByText('invitation.accepted', { exact: true }).first();
    expect(await action.evaluate((element) => element.getClientRects().length)).toBe(1);

    await page.goto(`${server.url}/admin/exposure`);
    const guests = page.getByRole('table', { name: 'Guest memberships' });
    await guests.getByRole('row', { name: new RegExp(GUEST.name) }).waitFor();
    expect(await overflowOf(page.locator('.table-wrap', { has: guests }))).toBe(0);
    const invitations = page.getByRole('region', { name: 'Pending and expired invitations' });
    const resend = invitations.getByRole('button', { name: `Resend the invitation for ${PENDING}` });
    await resend.waitFor();
    expect(await overflowOf(invitations)).toBe(0);
    await expectInView(page, resend, invitations);
    await expectNoPageScroll(page);
    await context.close();
  });

  it('keeps the exposure dashboard on a phone from scrolling sideways: the invitation filter fits', async () => {
    const { context, page } = await signedIn(PHONE, ADMIN.email, ADMIN.password);
    await page.goto(`${server.url}/admin/exposure`);
    const expired = page.getByRole('button', { name: 'Expired', exact: true });
    await expired.waitFor();
    await page.getByRole('table', { name: 'Guest memberships' }).waitFor();
    await expectNoPageScroll(page);
    const box = await expired.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('shows a shadow on the side of a table that has more to show when it scrolls sideways on a phone', async () => {
    const { context, page } = await signedIn(PHONE, ADMIN.email, ADMIN.password);
    // The People table is wider than a phone: it scrolls inside its box, and the box says so.
    await page.goto(`${server.url}/admin/people`);
    const table = page.getByRole('table', { name: 'People in your organization' });
    await table.getByRole('button', { name: `Suspend ${EMPLOYEE.name}` }).waitFor();
    await expectNoPageScroll(page);
    const wrap = page.locator('.table-wrap', { has: table });
    expect(await overflowOf(wrap)).toBeGreaterThan(0);
    await wrap.scrollIntoViewIfNeeded();
    const frame = await wrap.boundingBox();
    const header = await table.locator('thead').boundingBox();
    if (!frame || !header) throw new Error('not rendered');
    // Strips just inside the frame's left and right borders, below the header row.
    const top = header.y + header.height + 2;
    const strip = (side: 'left' | 'right') => ({
      x: side === 'left' ? frame.x + 2 : frame.x + frame.width - 8,
      y: top,
      width: 6,
      height: Math.min(frame.y + frame.height - 14, 800) - top,
    });
    const atStart = { left: await brightness(context, page, strip('left')), right: await brightness(context, page, strip('right')) };
    await wrap.evaluate((element) => {
      element.scrollLeft = element.scrollWidth;
    });
    const atEnd = { left: await brightness(context, page, strip('left')), right: await brightness(context, page, strip('right')) };
    // More to the right at the start: a shadow there; at the end it has moved to the left.
    expect(atStart.right).toBeLessThan(atEnd.right - 8);
    expect(atEnd.left).toBeLessThan(atStart.left - 8);
    await context.close();
  });
});

describe('regions and controls are named for what they are (Chromium)', () => {
  it('names each region of the workspace page once: the section, not the table inside it as well', async () => {
    const { context, page } = await signedIn(DESKTOP, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(`${server.url}/workspaces/${workspaceId}`);
    await page.getByRole('table', { name: 'Invitations to this workspace' }).waitFor();
    await page.getByRole('table', { name: 'Members of this workspace' }).waitFor();
    expect(await page.getByRole('region', { name: 'Invitations', exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Members', exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Members of this workspace' }).count()).toBe(1);
    await context.close();
  });

  it('names each role select on the People page for what it changes and whose', async () => {
    const { context, page } = await signedIn(DESKTOP, ADMIN.email, ADMIN.password);
    await page.goto(`${server.url}/admin/people`);
    const table = page.getByRole('table', { name: 'People in your organization' });
    await table.getByRole('combobox', { name: `Role of ${EMPLOYEE.name}`, exact: true }).waitFor();
    expect(await table.getByRole('combobox', { name: EMPLOYEE.name, exact: true }).count()).toBe(0);
    await context.close();
  });
});

describe('the @mention field is a combobox (Chromium)', () => {
  it('says whether its list of people is open, which list and which person is highlighted', async () => {
    const { context, page } = await signedIn(DESKTOP, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(`${server.url}/workspaces/${workspaceId}/notes/${noteId}`);
    const comments = page.getByRole('region', { name: 'Comments' });
    const text = comments.getByRole('combobox', { name: 'Write a comment', exact: true });
    await text.waitFor();
    expect(await text.getAttribute('aria-expanded')).toBe('false');
    expect(await text.getAttribute('aria-autocomplete')).toBe('list');
    expect(await text.getAttribute('aria-controls')).toBeNull();

    await text.click();
    await text.pressSequentially('Could @tom', { delay: 20 });
    const listbox = comments.getByRole('listbox', { name: 'People to mention' });
    const option = listbox.getByRole('option', { name: GUEST.name, exact: true });
    await option.waitFor();
    expect(await text.getAttribute('aria-expanded')).toBe('true');
    expect(await text.getAttribute('aria-controls')).toBe(await listbox.getAttribute('id'));
    expect(await text.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));

    await page.keyboard.press('Escape');
    await listbox.waitFor({ state: 'detached' });
    expect(await text.getAttribute('aria-expanded')).toBe('false');
    expect(await text.getAttribute('aria-activedescendant')).toBeNull();
    // Escape closes the list, not the comment: the text stays as typed.
    expect(await text.inputValue()).toBe('Could @tom');
    await context.close();
  });
});
