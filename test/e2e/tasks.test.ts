import type { ParsedMail } from 'mailparser';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

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
const WELDER = { email: 'welder@supplier.example', name: 'Wanda Welder', password: 'wanda picks a long passphrase' };
const PLANNER = { email: 'pat@company.example', name: 'Pat Planner', password: 'pat has a long passphrase too' };

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

/** Uploads one small file into a folder through the API, as the web UI's upload does; answers the document's id. */
async function upload(folderId: string, name: string, text: string, cookie: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), name);
  const response = await fetch(`${server.url}/api/v1/folders/${folderId}/documents`, {
    method: 'POST',
    headers: { origin: server.url, cookie },
    body: form,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Invites a guest by e-mail and accepts for them through the API; answers the guest's user id. */
async function inviteGuest(workspaceId: string, person: typeof WELDER, cookie: string): Promise<string> {
  await api('POST', `/api/v1/workspaces/${workspaceId}/invitations`, { email: person.email, role: 'guest' }, cookie);
  const mail = await smtp.waitFor(sentTo(person.email), 15_000);
  const token = /\/invitation#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  expect(token).toBeTruthy();
  const accepted = (await (
    await api('POST', `/api/v1/invitations/${token}/accept`, { name: person.name, password: person.password })
  ).json()) as { user: { id: string } };
  return accepted.user.id;
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
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('tasks: assigned to a guest, internal ones hidden (Chromium)', () => {
  it('lets the employee assign a checklist task to the technician, who ticks it and confirms it done from a phone', async () => {
    // The workspace and the invitation have their own tests: here they go through the API.
    const employeeApi = await signIn(EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, employeeApi)).json()) as { id: string };
    await guestJoins({ server, smtp }, employeeApi, workspace.id, GUEST);

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
    // Reload brings in the technician's version and keeps the typed title on top of it: saved, both count.
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByText('Reloaded: your unsaved changes are kept on top of the task as it is now.').waitFor();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(`${TASK} (both cylinders)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: `${TASK} (both cylinders)`, level: 1 }).waitFor();
    await page.getByText('Your changes have been saved.').waitFor();
    await page.getByText(`by ${GUEST.name}`).first().waitFor();
    const details = await page.locator('.task-details').textContent();
    expect(details).toContain('Done');
    expect(details).toContain(`by ${GUEST.name}`);
    await page.getByRole('heading', { name: /Checklist · 2 of 2 done/ }).waitFor();

    await employee.close();
    await guest.close();
  });
});

describe('tasks: documents attached from the workspace’s folders, internal ones hidden from guests (Chromium)', () => {
  it('lets the manager attach a shared and an internal document through the dialog; the guest sees only the shared one', async () => {
    const employeeApi = await signIn(EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: 'Boiler room — retrofit' }, employeeApi)).json()) as {
      id: string;
    };
    const welderId = await inviteGuest(workspace.id, WELDER, employeeApi);
    const folder = async (body: object) =>
      ((await (await api('POST', `/api/v1/workspaces/${workspace.id}/folders`, body, employeeApi)).json()) as { id: string }).id;
    const drawings = await folder({ name: 'Drawings', visibility: 'shared', guestAccess: 'view' });
    const revisionB = await folder({ name: 'Revision B', parentId: drawings });
    const pricing = await folder({ name: 'Pricing', visibility: 'internal' });
    const drawingId = await upload(revisionB, 'boiler-drawing.txt', 'the boiler, revision B', employeeApi);
    const oldDrawingId = await upload(revisionB, 'old-drawing.txt', 'the boiler, revision A', employeeApi);
    await upload(pricing, 'quote.txt', 'the supplier’s quote', employeeApi);
    const task = (await (
      await api(
        'POST',
        `/api/v1/workspaces/${workspace.id}/tasks`,
        { title: 'Weld the new flue', visibility: 'shared', assigneeIds: [welderId] },
        employeeApi,
      )
    ).json()) as { id: string };
    const taskUrl = `${server.url}/workspaces/${workspace.id}/tasks/${task.id}`;

    const employee = await browser.newContext();
    employee.setDefaultTimeout(15_000);
    const page = await employee.newPage();
    await signInAt(page, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(taskUrl);
    await page.getByRole('heading', { name: 'Weld the new flue', level: 1 }).waitFor();
    const attachedSection = page.getByRole('region', { name: 'Attached documents' });
    await attachedSection.getByText('No documents attached.').waitFor();
    // The comments sit below the task.
    await page.getByRole('region', { name: 'Comments' }).waitFor();

    // Into the shared folder's subfolder with the keyboard; each new level takes the focus.
    await page.getByRole('button', { name: 'Attach a document' }).click();
    const dialog = page.getByRole('dialog', { name: 'Attach a document' });
    await dialog.getByText('Documents live in folders: open one to find them.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Open folder Pricing' }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Open folder Drawings' }).press('Enter');
    await dialog.getByRole('button', { name: 'Open folder Revision B' }).waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Drawings');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Attach boiler-drawing.txt' }).waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Revision B');

    // A document trashed meanwhile is refused with the server's reason, and the dialog stays open.
    const trashed = await fetch(`${server.url}/api/v1/documents/${oldDrawingId}`, {
      method: 'DELETE',
      headers: { origin: server.url, cookie: employeeApi },
    });
    expect(trashed.status).toBe(204);
    await dialog.getByRole('button', { name: 'Attach old-drawing.txt' }).click();
    await dialog.getByText('This document is not a document of this workspace.').waitFor();

    await dialog.getByRole('button', { name: 'Attach boiler-drawing.txt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('“boiler-drawing.txt” is attached to this task.').waitFor();
    const attachedList = attachedSection.getByRole('list', { name: 'Attached documents' });
    const drawingLink = attachedList.getByRole('link', { name: 'boiler-drawing.txt', exact: true });
    await drawingLink.waitFor();
    expect(await drawingLink.getAttribute('href')).toBe(`/workspaces/${workspace.id}/documents/${drawingId}`);
    expect(await attachedList.getByRole('listitem').first().textContent()).toContain('22 bytes');

    // Again from the top: the attached one is not offered twice; the internal quote goes on too.
    await page.getByRole('button', { name: 'Attach a document' }).click();
    await dialog.getByRole('button', { name: 'Open folder Drawings' }).click();
    await dialog.getByRole('button', { name: 'Open folder Revision B' }).click();
    await dialog.getByText('already attached').waitFor();
    expect(await dialog.getByRole('button', { name: 'Attach boiler-drawing.txt' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Top level' }).click();
    await dialog.getByRole('button', { name: 'Open folder Pricing' }).click();
    await dialog.getByRole('button', { name: 'Attach quote.txt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await attachedList.getByRole('link', { name: 'quote.txt', exact: true }).waitFor();

    // Each answer carried the task's new ETag: an edit made now is saved, not refused as stale.
    await page.getByRole('button', { name: 'Edit task' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Weld the new flue (both joints)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes have been saved.').waitFor();
    expect(await page.getByText('Someone else changed this task in the meantime.').count()).toBe(0);

    // The welder sees the shared drawing only, and cannot change the list.
    const guest = await browser.newContext();
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    await signInAt(guestPage, WELDER.email, WELDER.password);
    await guestPage.goto(taskUrl);
    await guestPage.getByRole('heading', { name: 'Weld the new flue (both joints)', level: 1 }).waitFor();
    const guestList = guestPage.getByRole('list', { name: 'Attached documents' });
    await guestList.getByRole('link', { name: 'boiler-drawing.txt', exact: true }).waitFor();
    expect(await guestList.getByRole('listitem').count()).toBe(1);
    expect(await guestPage.getByText('quote.txt').count()).toBe(0);
    expect(await guestPage.getByRole('button', { name: 'Attach a document' }).count()).toBe(0);
    expect(await guestPage.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    // Below the task, the welder may comment on it (guests comment by default); the manager reads it there.
    const guestComments = guestPage.getByRole('region', { name: 'Comments' });
    await guestComments.getByLabel('Write a comment', { exact: true }).fill('Flue welded on both joints.');
    await guestComments.getByRole('button', { name: 'Post comment' }).click();
    await guestComments.getByRole('list', { name: 'Comments' }).getByText('Flue welded on both joints.').waitFor();
    const welderApi = await signIn(WELDER.email, WELDER.password);
    const seen = (await (await api('GET', `/api/v1/tasks/${task.id}`, undefined, welderApi)).json()) as { attachments: { name: string }[] };
    expect(seen.attachments.map((attachment) => attachment.name)).toEqual(['boiler-drawing.txt']);

    // The manager takes the drawing off: the document itself stays in its folder.
    await page.getByRole('button', { name: 'Remove boiler-drawing.txt from this task' }).click();
    await page.getByText('“boiler-drawing.txt” is no longer attached to this task.', { exact: false }).waitFor();
    await attachedList.getByRole('link', { name: 'boiler-drawing.txt', exact: true }).waitFor({ state: 'detached' });
    expect(await attachedList.getByRole('listitem').count()).toBe(1);
    await api('GET', `/api/v1/documents/${drawingId}`, undefined, employeeApi);
    await guestPage.reload();
    await guestPage.getByRole('region', { name: 'Attached documents' }).getByText('No documents attached.').waitFor();
    await page.reload();
    await page.getByRole('region', { name: 'Comments' }).getByText('Flue welded on both joints.').waitFor();

    // And the page still holds the latest ETag: a further change goes through.
    await page.getByRole('button', { name: 'Edit task' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Weld the new flue');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Weld the new flue', level: 1 }).waitFor();

    await employee.close();
    await guest.close();
  });
});

describe('My tasks: page by page (Chromium)', () => {
  it('shows the first 50 tasks in their groups and brings the rest with “Load more”', async () => {
    const adminApi = await signIn(ADMIN.email, ADMIN.password);
    const planner = (await (await api('POST', '/api/v1/users', { ...PLANNER }, adminApi)).json()) as { id: string };
    const plannerApi = await signIn(PLANNER.email, PLANNER.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: 'Plant shutdown 2026' }, plannerApi)).json()) as {
      id: string;
    };
    // 3 overdue, 2 this week, 50 without a date: the first page (50) ends inside "No due date".
    const plan = [
      ...[-3, -2, -1].map((days) => ({ title: `Overdue ${-days}`, dueOn: dayFromToday(days) })),
      ...[1, 2].map((days) => ({ title: `Soon ${days}`, dueOn: dayFromToday(days) })),
      ...Array.from({ length: 50 }, (_, index) => ({ title: `Undated ${String(index + 1).padStart(2, '0')}`, dueOn: null })),
    ];
    for (const task of plan)
      await api(
        'POST',
        `/api/v1/workspaces/${workspace.id}/tasks`,
        { ...task, visibility: 'internal', assigneeIds: [planner.id] },
        plannerApi,
      );

    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signInAt(page, PLANNER.email, PLANNER.password);
    await page.goto(`${server.url}/my-tasks`);
    await page.getByRole('heading', { name: 'My tasks', level: 1 }).waitFor();
    const undated = page.getByRole('list', { name: 'No due date' });
    await undated.getByRole('link').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Overdue (3)' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Due this week (2)' }).count()).toBe(1);
    await page.getByRole('heading', { name: 'No due date (45 so far)' }).waitFor();
    expect(await undated.getByRole('link').count()).toBe(45);
    expect(await page.getByRole('list', { name: 'Overdue' }).getByRole('link').first().textContent()).toBe('Overdue 3');

    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('heading', { name: 'No due date (50)' }).waitFor();
    expect(await undated.getByRole('link').count()).toBe(50);
    await undated.getByRole('link', { name: 'Undated 50', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Overdue (3)' }).count()).toBe(1);
    await context.close();
  });
});
