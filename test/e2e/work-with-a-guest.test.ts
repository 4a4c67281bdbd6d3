import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// One continuous journey through the UI, as the issue tells it: an employee assigns a task with a
// checklist to a guest and plans a visit with them; the guest, on a phone, finds both under My tasks and
// Planned activities, ticks the checklist, marks the task done, reads the comment that mentions them and
// confirms the visit. An internal note of the same workspace never shows for the guest, on any page they
// visit, in the API, or at its own address. The employee then sees the guest's changes.
// (Each piece is tested in depth in tasks, activities, comments and notes.test.ts.)

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';
const TASK = 'Replace the hydraulic seals';
const ITEMS = ['Drain the hydraulic oil', 'Fit the new seals'];
const VISIT = 'Maintenance visit';
const INTERNAL_NOTE = 'Supplier margin review — do not forward';
const COMMENT_END = 'please bring the torque wrench.';

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);
const signIn = (email: string, password: string) => signInApi(api, email, password);
const signInAt = (page: Page, email: string, password: string) => signInPage(page, server.url, email, password);
const _sentTo = (email: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(email);

interface CommentJson {
  body: string;
  mentions: { id: string; name: string }[];
}

/** A day counted from today in this machine's zone (the browser's too), as a date input wants it. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Every page the guest has seen, and what it said: none may name the internal note. */
const guestPagesSeen: string[] = [];
async function expectNoInternalNote(page: Page): Promise<void> {
  const text = (await page.locator('body').textContent()) ?? '';
  guestPagesSeen.push(new URL(page.url()).pathname);
  expect(text, `the internal note's title on ${page.url()}`).not.toContain(INTERNAL_NOTE);
}

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('working with a guest: a task, a visit and a comment; the internal note stays hidden (Chromium)', () => {
  it('takes the employee and the guest (on a phone) through the whole journey', async () => {
    // 1. Setup through the API: the workspace and the accepted invitation have their own tests.
    const employeeApi = await signIn(EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, employeeApi)).json()) as { id: string };
    await guestJoins({ server, smtp }, employeeApi, workspace.id, GUEST);
    const workspaceUrl = `${server.url}/workspaces/${workspace.id}`;

    // 2. The employee, in the browser, on the workspace page.
    const employee = await browser.newContext();
    employee.setDefaultTimeout(15_000);
    const page = await employee.newPage();
    await signInAt(page, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(workspaceUrl);
    await page.getByRole('heading', { name: WORKSPACE, level: 1 }).waitFor();

    // The task: shared, assigned to the guest, with a checklist of two items.
    await page.getByRole('heading', { name: 'Tasks', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByLabel('Title', { exact: true }).fill(TASK);
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Shared' });
    await page.getByRole('checkbox', { name: GUEST.name }).check();
    for (const [index, text] of ITEMS.entries()) {
      await page.getByRole('button', { name: 'Add checklist item' }).click();
      await page.getByLabel(`Checklist item ${index + 1}`, { exact: true }).fill(text);
    }
    await page.getByRole('button', { name: 'Create task' }).click();
    const tasks = page.getByRole('list', { name: 'Tasks', exact: true });
    const taskRow = tasks.getByRole('listitem').filter({ has: page.getByRole('link', { name: TASK, exact: true }) });
    await taskRow.waitFor();
    const taskRowText = (await taskRow.textContent()) ?? '';
    for (const fact of ['Open', 'Shared', `Assigned to ${GUEST.name}`, 'Checklist 0 of 2 done']) expect(taskRowText).toContain(fact);

    // The visit, two days from now, with the guest attending.
    await page.getByRole('heading', { name: 'Activities', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Plan an activity' }).click();
    await page.getByLabel('Title', { exact: true }).fill(VISIT);
    await page.getByLabel('Date', { exact: true }).fill(dayFromToday(2));
    await page.getByLabel('Start time').fill('09:00');
    await page.getByLabel('End time').fill('11:30');
    await page.getByLabel('Location').fill('Hall B, press line 3');
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Shared' });
    await page.getByRole('checkbox', { name: GUEST.name }).check();
    await page.getByRole('button', { name: 'Plan activity' }).click();
    await page.getByText(`The activity “${VISIT}” has been planned.`).waitFor();
    const visitRow = page
      .getByRole('list', { name: 'Activities', exact: true })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: VISIT, exact: true }) });
    await visitRow.waitFor();
    expect(await visitRow.textContent()).toContain(`Attending: ${GUEST.name}`);

    // The internal note, in the Notes section: the form opens the note once saved.
    await page.getByRole('heading', { name: 'Notes', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByLabel('Title', { exact: true }).fill(INTERNAL_NOTE);
    await page.getByLabel('Text', { exact: true }).fill('Their margin on the seals is **40%**; negotiate before renewal.');
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Internal' });
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('heading', { name: INTERNAL_NOTE, level: 1 }).waitFor();
    await page.getByText('Guests never see this note.').waitFor();
    const noteUrl = page.url();
    const noteId = noteUrl.split('/').pop() ?? '';
    expect(noteUrl).toBe(`${workspaceUrl}/notes/${noteId}`);

    // On the task page, a comment that mentions the guest through the @ picker, by keyboard.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: WORKSPACE }).click();
    await tasks.getByRole('link', { name: TASK, exact: true }).click();
    await page.getByRole('heading', { name: TASK, level: 1 }).waitFor();
    const taskUrl = page.url();
    const taskId = taskUrl.split('/').pop() ?? '';
    const comments = page.getByRole('region', { name: 'Comments' });
    const field = comments.getByLabel('Write a comment', { exact: true });
    await field.click();
    await field.pressSequentially('Hello @tom', { delay: 20 });
    const option = comments.getByRole('listbox', { name: 'People to mention' }).getByRole('option', { name: GUEST.name, exact: true });
    await option.waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await option.waitFor({ state: 'detached' });
    expect(await field.inputValue()).toBe(`Hello @${GUEST.name} `);
    await field.pressSequentially(COMMENT_END, { delay: 5 });
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await page.getByText('Your comment has been posted.').waitFor();
    await comments
      .getByRole('listitem', { name: `Comment by ${EMPLOYEE.name}` })
      .getByText(`@${GUEST.name}`, { exact: false })
      .waitFor();

    // 3. The guest, on a phone, in a browser of their own.
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    const mainNav = guestPage.getByRole('navigation', { name: 'Main' });
    await signInAt(guestPage, GUEST.email, GUEST.password);
    await guestPage.getByRole('heading', { name: WORKSPACE }).waitFor();
    await expectNoInternalNote(guestPage);

    // My tasks, from the menu (folded away on a phone).
    await guestPage.getByRole('button', { name: 'Menu' }).click();
    await mainNav.getByRole('link', { name: 'My tasks' }).click();
    await guestPage.getByRole('heading', { name: 'My tasks', level: 1 }).waitFor();
    const myTask = guestPage.getByRole('link', { name: TASK, exact: true });
    await myTask.waitFor();
    await expectNoInternalNote(guestPage);

    // Planned activities, from the menu.
    await guestPage.getByRole('button', { name: 'Menu' }).click();
    await mainNav.getByRole('link', { name: 'Planned activities' }).click();
    await guestPage.getByRole('heading', { name: 'Planned activities', level: 1 }).waitFor();
    const plannedVisit = guestPage.getByRole('listitem').filter({ has: guestPage.getByRole('link', { name: VISIT, exact: true }) });
    await plannedVisit.waitFor();
    expect(await plannedVisit.textContent()).toContain(WORKSPACE);
    await expectNoInternalNote(guestPage);

    // The task: both checklist items ticked, then marked done.
    await guestPage.getByRole('button', { name: 'Menu' }).click();
    await mainNav.getByRole('link', { name: 'My tasks' }).click();
    await myTask.click();
    await guestPage.getByRole('heading', { name: TASK, level: 1 }).waitFor();
    await guestPage.getByRole('heading', { name: /Checklist · 0 of 2 done/ }).waitFor();
    for (const text of ITEMS) {
      await guestPage.getByRole('checkbox', { name: text }).check();
      await guestPage.getByText(`“${text}” is ticked.`).waitFor();
    }
    await guestPage.getByRole('heading', { name: /Checklist · 2 of 2 done/ }).waitFor();
    expect(await guestPage.getByRole('button', { name: 'Edit task' }).count()).toBe(0);
    await guestPage.getByRole('button', { name: 'Mark done' }).click();
    await guestPage.getByText('The task is marked done.').waitFor();
    await guestPage.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await guestPage.locator('.task-details').textContent()).toContain(`by ${GUEST.name}`);

    // The comment that mentions them, below the task; the API names them among its mentions.
    const guestComment = guestPage.getByRole('list', { name: 'Comments' }).getByRole('listitem').filter({ hasText: COMMENT_END });
    await guestComment.getByText(`@${GUEST.name}`, { exact: false }).waitFor();
    expect(await guestComment.textContent()).toContain(`Hello @${GUEST.name} ${COMMENT_END}`);
    await expectNoInternalNote(guestPage);
    const guestApi = await signIn(GUEST.email, GUEST.password);
    const taskComments = (await (await api('GET', `/api/v1/tasks/${taskId}/comments`, undefined, guestApi)).json()) as {
      items: CommentJson[];
    };
    expect(taskComments.items.map((comment) => comment.body)).toEqual([`Hello @${GUEST.name} ${COMMENT_END}`]);
    expect(taskComments.items[0]?.mentions.map((person) => person.name)).toEqual([GUEST.name]);

    // The visit, from Planned activities: confirmed.
    await guestPage.getByRole('button', { name: 'Menu' }).click();
    await mainNav.getByRole('link', { name: 'Planned activities' }).click();
    await guestPage.getByRole('link', { name: VISIT, exact: true }).click();
    await guestPage.getByRole('heading', { name: VISIT, level: 1 }).waitFor();
    expect(await guestPage.getByRole('list', { name: 'Attendees' }).textContent()).toContain(GUEST.name);
    await guestPage.getByRole('button', { name: 'Confirm' }).click();
    await guestPage.getByText('The activity is confirmed.').waitFor();
    await guestPage.getByText(new RegExp(`Confirmed .* by ${GUEST.name}`)).waitFor();
    await expectNoInternalNote(guestPage);

    // The workspace page shows the task and the visit, and no internal note.
    await guestPage.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: WORKSPACE }).click();
    await guestPage.getByRole('heading', { name: WORKSPACE, level: 1 }).waitFor();
    await guestPage.getByRole('list', { name: 'Activities', exact: true }).getByRole('link', { name: VISIT, exact: true }).waitFor();
    await guestPage.getByRole('heading', { name: 'Notes', exact: true }).waitFor();
    await guestPage.getByText('No notes have been shared with you here.').waitFor();
    await expectNoInternalNote(guestPage);

    // Nor in the API, and its address answers like one that does not exist.
    const notes = await (await api('GET', `/api/v1/workspaces/${workspace.id}/notes`, undefined, guestApi)).text();
    expect(notes).not.toContain(INTERNAL_NOTE);
    expect(notes).not.toContain(noteId);
    await guestPage.goto(noteUrl);
    await guestPage.getByRole('heading', { name: /not found/i }).waitFor();
    await expectNoInternalNote(guestPage);
    expect(guestPagesSeen).toEqual([
      `/workspaces/${workspace.id}`,
      '/my-tasks',
      '/planned-activities',
      new URL(taskUrl).pathname,
      expect.stringMatching(new RegExp(`^/workspaces/${workspace.id}/activities/`)),
      `/workspaces/${workspace.id}`,
      `/workspaces/${workspace.id}/notes/${noteId}`,
    ]);

    // 4. The employee reloads the task and the visit and sees the guest's changes.
    await page.reload();
    await page.getByRole('heading', { name: TASK, level: 1 }).waitFor();
    await page.getByRole('heading', { name: /Checklist · 2 of 2 done/ }).waitFor();
    const details = (await page.locator('.task-details').textContent()) ?? '';
    expect(details).toContain('Done');
    expect(details).toContain(`by ${GUEST.name}`);
    for (const text of ITEMS) expect(await page.getByRole('checkbox', { name: text }).isChecked()).toBe(true);
    expect(await page.getByText(`Ticked by ${GUEST.name}`, { exact: false }).count()).toBe(ITEMS.length);

    await page.goto(workspaceUrl);
    await page.getByRole('list', { name: 'Activities', exact: true }).getByRole('link', { name: VISIT, exact: true }).click();
    await page.getByRole('heading', { name: VISIT, level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: VISIT, level: 1 }).waitFor();
    await page
      .getByRole('region', { name: 'History' })
      .getByText(new RegExp(`Confirmed .* by ${GUEST.name}`))
      .waitFor();
    expect(await page.locator('.activity-details').textContent()).toContain('Confirmed');

    await employee.close();
    await guest.close();
  });
});
