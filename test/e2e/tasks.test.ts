import type { ParsedMail } from 'mailparser';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { buildLikeNpmStart, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';

// Journeys 4 and 5 of the product brief, for tasks: an employee assigns a task with a checklist to the
// technician in the browser; the technician finds it under My tasks on a phone, ticks the checklist and
// confirms the work done. An internal task of the same workspace never reaches the technician.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';
const TASK = 'Replace the hydraulic seals';
const INTERNAL_TASK = 'Review the supplier’s pricing';
const ITEMS = ['Drain the hydraulic oil', 'Fit the new seals'];

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);
const signIn = (email: string, password: string) => signInApi(api, email, password);
const signInAt = (page: Page, email: string, password: string) => signInPage(page, server.url, email, password);

const sentTo = (email: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(email);

/** A day counted from today in this machine's zone (the browser's too), as a date input wants it. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A board column, named by its status (and its count once loaded). */
const column = (page: Page, status: string) => page.getByRole('region', { name: new RegExp(`^${status}(,|$)`) });

/** A card in a column, found by its title. */
const card = (where: Locator, title: string) =>
  where.getByRole('listitem').filter({ has: where.page().getByRole('link', { name: title, exact: true }) });

/** Moves a card with its "Move … to" select and button, as a keyboard user would. */
async function moveOnBoard(taskCard: Locator, to: string): Promise<void> {
  await taskCard.getByRole('combobox', { name: /^Move/ }).selectOption({ label: to });
  await taskCard.getByRole('button', { name: /^Move/ }).click();
}

beforeAll(async () => {
  buildLikeNpmStart();
  smtp = await startSmtpReceiver();
  server = await startServerProcess({ FOYER_SMTP_URL: smtp.url, FOYER_ADMIN_EMAIL: ADMIN.email, FOYER_ADMIN_PASSWORD: ADMIN.password });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  const admin = await signIn(ADMIN.email, ADMIN.password);
  await api('PATCH', '/api/v1/settings', { extranetEnabled: true }, admin);
  await api('POST', '/api/v1/users', { ...EMPLOYEE }, admin);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('tasks: assigned to a guest, internal ones hidden (Chromium)', () => {
  it('lets the employee assign a checklist task to the technician, who ticks it and confirms it done from a phone', async () => {
    // The workspace and the invitation have their own tests: here they go through the API.
    const employeeApi = await signIn(EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, employeeApi)).json()) as { id: string };
    await api('POST', `/api/v1/workspaces/${workspace.id}/invitations`, { email: GUEST.email, role: 'guest' }, employeeApi);
    const mail = await smtp.waitFor(sentTo(GUEST.email), 15_000);
    const token = /\/invitation#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(token).toBeTruthy();
    await api('POST', `/api/v1/invitations/${token}/accept`, { name: GUEST.name, password: GUEST.password });

    // The employee creates both tasks in the browser.
    const employee = await browser.newContext();
    employee.setDefaultTimeout(15_000);
    const page = await employee.newPage();
    await signInAt(page, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(`${server.url}/workspaces/${workspace.id}`);
    await page.getByRole('heading', { name: 'Tasks', exact: true }).waitFor();
    await page.getByText('No open tasks. Create one to share work with the people here.').waitFor();

    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByLabel('Title', { exact: true }).fill(TASK);
    await page.getByLabel('Description').fill('Both cylinders.\n<b>Bring</b> the torque wrench.');
    await page.getByLabel('Priority', { exact: true }).selectOption({ label: 'High' });
    await page.getByLabel('Due date', { exact: true }).fill(dayFromToday(2));
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Shared' });
    await page.getByRole('checkbox', { name: GUEST.name }).check();
    for (const [index, text] of ITEMS.entries()) {
      await page.getByRole('button', { name: 'Add checklist item' }).click();
      await page.getByLabel(`Checklist item ${index + 1}`, { exact: true }).fill(text);
    }
    await page.getByRole('button', { name: 'Create task' }).click();
    const list = page.getByRole('list', { name: 'Tasks', exact: true });
    await list.getByRole('link', { name: TASK, exact: true }).waitFor();
    const row = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: TASK, exact: true }) });
    const rowText = await row.first().textContent();
    for (const fact of ['Open', 'High priority', 'Shared', `Assigned to ${GUEST.name}`, 'Checklist 0 of 2 done'])
      expect(rowText).toContain(fact);

    // An internal task offers employees only as assignees.
    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByLabel('Title', { exact: true }).fill(INTERNAL_TASK);
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Internal' });
    await page.getByText('Only employees can be assigned to an internal task.').waitFor();
    expect(await page.getByRole('checkbox', { name: GUEST.name }).count()).toBe(0);
    await page.getByRole('checkbox', { name: EMPLOYEE.name }).check();
    await page.getByRole('button', { name: 'Create task' }).click();
    await list.getByRole('link', { name: INTERNAL_TASK, exact: true }).waitFor();
    expect(await list.getByRole('listitem').filter({ hasText: INTERNAL_TASK }).textContent()).toContain('Internal');

    const tasks = (await (await api('GET', `/api/v1/workspaces/${workspace.id}/tasks`, undefined, employeeApi)).json()) as {
      items: { id: string; title: string }[];
    };
    const taskId = tasks.items.find((task) => task.title === TASK)?.id;
    const internalId = tasks.items.find((task) => task.title === INTERNAL_TASK)?.id;
    expect(taskId && internalId).toBeTruthy();

    // The board: one column per status; "Move to…" changes the status, and the view stays in the address.
    await page.getByRole('button', { name: 'Board', exact: true }).click();
    await page.getByRole('button', { name: 'Board', exact: true, pressed: true }).waitFor();
    expect(await page.getByRole('button', { name: 'List', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await page.waitForURL(/[?&]taskView=board/);
    const openColumn = column(page, 'Open');
    const inProgressColumn = column(page, 'In progress');
    await openColumn.getByRole('link', { name: TASK, exact: true }).waitFor();
    expect(await openColumn.getByRole('heading').textContent()).toContain('2');
    expect(await card(openColumn, INTERNAL_TASK).textContent()).toContain('Internal');
    await inProgressColumn.getByText('No in progress tasks.').waitFor();
    await column(page, 'Done').getByText('Not shown: tick “Done” under Status to see these tasks.').waitFor();

    await moveOnBoard(card(openColumn, TASK), 'In progress');
    await inProgressColumn.getByRole('link', { name: TASK, exact: true }).waitFor();
    await page.getByText(`“${TASK}” has been moved to In progress.`).waitFor();
    expect(await openColumn.getByRole('link', { name: TASK, exact: true }).count()).toBe(0);

    await page.reload();
    await page.getByRole('button', { name: 'Board', exact: true, pressed: true }).waitFor();
    await inProgressColumn.getByRole('link', { name: TASK, exact: true }).waitFor();
    await openColumn.getByRole('link', { name: INTERNAL_TASK, exact: true }).waitFor();
    const saved = (await (await api('GET', `/api/v1/tasks/${taskId}`, undefined, employeeApi)).json()) as { status: string };
    expect(saved.status).toBe('in_progress');

    // Someone else changes the internal task after the board was read: moving it is refused, said, and the board reloaded.
    await api('PATCH', `/api/v1/tasks/${internalId}`, { priority: 'high' }, employeeApi);
    await moveOnBoard(card(openColumn, INTERNAL_TASK), 'Done');
    await page.getByText('Someone else changed this task — the tasks have been reloaded.').waitFor();
    await card(openColumn, INTERNAL_TASK).getByText('High priority').waitFor();
    const internal = (await (await api('GET', `/api/v1/tasks/${internalId}`, undefined, employeeApi)).json()) as { status: string };
    expect(internal.status).toBe('open');

    // Back to open for the technician's journey, then back to the list.
    await moveOnBoard(card(inProgressColumn, TASK), 'Open');
    await openColumn.getByRole('link', { name: TASK, exact: true }).waitFor();
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('button', { name: 'List', exact: true, pressed: true }).waitFor();
    expect(page.url()).not.toContain('taskView');

    // The employee opens the shared task and starts editing it before the technician gets to work.
    await list.getByRole('link', { name: TASK, exact: true }).click();
    await page.getByRole('heading', { name: TASK }).waitFor();
    await page.getByRole('button', { name: 'Edit task' }).click();

    // The technician, on a phone, finds the task under My tasks; the internal one is nowhere.
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    await signInAt(guestPage, GUEST.email, GUEST.password);
    await guestPage.getByRole('heading', { name: WORKSPACE }).waitFor();
    await guestPage.getByRole('list', { name: 'Tasks', exact: true }).getByRole('link', { name: TASK, exact: true }).waitFor();
    expect(await guestPage.getByText(INTERNAL_TASK).count()).toBe(0);
    expect(await guestPage.getByRole('button', { name: 'New task' }).count()).toBe(0);

    // On a phone the board's columns stack, and the technician may move the task assigned to them.
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}?taskView=board`);
    await column(guestPage, 'Open').getByRole('link', { name: TASK, exact: true }).waitFor();
    await card(column(guestPage, 'Open'), TASK).getByRole('combobox', { name: /^Move/ }).waitFor();
    const first = await column(guestPage, 'Open').boundingBox();
    const second = await column(guestPage, 'In progress').boundingBox();
    expect(first && second && second.y >= first.y + first.height && Math.abs(second.x - first.x) < 1).toBe(true);
    expect(await guestPage.getByText(INTERNAL_TASK).count()).toBe(0);

    await guestPage.getByRole('button', { name: 'Menu' }).click();
    await guestPage.getByRole('link', { name: 'My tasks' }).click();
    await guestPage.getByRole('heading', { name: 'My tasks', level: 1 }).waitFor();
    await guestPage.getByRole('heading', { name: /Due this week/ }).waitFor();
    const thisWeek = guestPage.getByRole('list', { name: 'Due this week' });
    await thisWeek.getByRole('link', { name: TASK, exact: true }).waitFor();
    expect(await thisWeek.textContent()).toContain(WORKSPACE);
    expect(await guestPage.getByText(INTERNAL_TASK).count()).toBe(0);

    // On the task: the description as Markdown (its raw HTML shown as text), then the checklist and "Mark done".
    await thisWeek.getByRole('link', { name: TASK, exact: true }).click();
    await guestPage.getByRole('heading', { name: TASK, level: 1 }).waitFor();
    const description = guestPage.getByRole('region', { name: 'Description' }).locator('.note-body');
    await description.locator('p').waitFor();
    expect((await description.textContent())?.trim()).toBe('Both cylinders.\n<b>Bring</b> the torque wrench.');
    expect(await description.locator('b').count()).toBe(0);
    expect(await guestPage.getByRole('button', { name: 'Edit task' }).count()).toBe(0);
    for (const text of ITEMS) {
      await guestPage.getByRole('checkbox', { name: text }).check();
      await guestPage.getByText(`“${text}” is ticked.`).waitFor();
    }
    await guestPage.getByRole('heading', { name: /Checklist · 2 of 2 done/ }).waitFor();
    await guestPage.getByRole('button', { name: 'Start' }).click();
    await guestPage.getByText('The task is in progress.').waitFor();
    await guestPage.getByRole('button', { name: 'Mark done' }).click();
    await guestPage.getByText('The task is marked done.').waitFor();
    await guestPage.getByRole('button', { name: 'Reopen' }).waitFor();

    // Done tasks leave My tasks.
    await guestPage.getByRole('button', { name: 'Menu' }).click();
    await guestPage.getByRole('link', { name: 'My tasks' }).click();
    await guestPage.getByText('Nothing assigned to you is open.', { exact: false }).waitFor();

    // The internal task's address answers like one that does not exist, in the page and in the API.
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}/tasks/${internalId}`);
    await guestPage.getByRole('heading', { name: /not found/i }).waitFor();
    expect(await guestPage.getByText(INTERNAL_TASK).count()).toBe(0);
    const guestApi = await signIn(GUEST.email, GUEST.password);
    const hidden = await fetch(`${server.url}/api/v1/tasks/${internalId}`, { headers: { origin: server.url, cookie: guestApi } });
    expect(hidden.status).toBe(404);
    const mine = (await (await api('GET', '/api/v1/me/tasks', undefined, guestApi)).json()) as { items: unknown[] };
    expect(mine.items).toHaveLength(0);

    // The employee's edit form was opened before the technician's changes: saving it is refused, and says why.
    await page.getByLabel('Title', { exact: true }).fill(`${TASK} (both cylinders)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else changed this task in the meantime.').waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: TASK, level: 1 }).waitFor();
    await page.getByText(`by ${GUEST.name}`).first().waitFor();
    const details = await page.locator('.task-details').textContent();
    expect(details).toContain('Done');
    expect(details).toContain(`by ${GUEST.name}`);
    await page.getByRole('heading', { name: /Checklist · 2 of 2 done/ }).waitFor();

    // Edited afresh, the change goes through.
    await page.getByRole('button', { name: 'Edit task' }).click();
    await page.getByLabel('Title', { exact: true }).fill(`${TASK} (both cylinders)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: `${TASK} (both cylinders)`, level: 1 }).waitFor();
    await page.getByText('Your changes have been saved.').waitFor();

    await employee.close();
    await guest.close();
  });
});
