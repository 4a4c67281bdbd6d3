import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Keyboard and screen reader users keep their place: after a navigation focus is on the new page's
// heading (also on pages that read their data first), and a form that closes or a button that gives
// way to another hands focus to what takes its place, never to the page body. Archiving asks first.
// An edit refused because someone else saved first keeps what the person typed over the reload. On a
// phone the guest sees the unread count in the header, Escape closes the menu, and the organization's
// name is readable.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const ORGANIZATION = 'Acme Manufacturing';
const WORKSPACE = 'Press line 3 — service contract';
const TASK = 'Replace the hydraulic seals';
const NOTE = 'Visit checklist';
const FOLDER = 'Manuals';

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;
let employeeApi: string;
let guestApi: string;
let workspaceId: string;
let taskId: string;
let noteId: string;

const api = apiOf(() => server.url);
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function json<T>(response: Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

/** What has focus, said the way a failed assertion can be read. */
function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    return element.tagName.toLowerCase() + ' “' + (element.textContent ?? '').trim().slice(0, 80) + '”';
  })()`);
}

/** Focus reaches `target` (a short wait: the page may still be reading its data). */
async function expectFocusOn(target: Locator, description: string): Promise<void> {
  await target.first().waitFor();
  const where = async () =>
    (await target.first().evaluate((element) => element === element.ownerDocument.activeElement)) ? description : focused(target.page());
  await expect.poll(where, { timeout: 5_000 }).toBe(description);
}

/** Follows a link or presses a button with the keyboard, as someone without a mouse does. */
async function pressEnterOn(target: Locator): Promise<void> {
  await target.focus();
  await target.press('Enter');
}

const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1, exact: true });

/** A new browser context signed in as this person, on a desktop unless `options` say otherwise. */
async function signedIn(person: { email: string; password: string }, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signInPage(page, server.url, person.email, person.password);
  return { context, page };
}

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
  const adminApi = await signInApi(api, ADMIN.email, ADMIN.password);
  await api('PATCH', '/api/v1/settings', { organizationName: ORGANIZATION }, adminApi);
  employeeApi = await signInApi(api, EMPLOYEE.email, EMPLOYEE.password);
  workspaceId = (await json<{ id: string }>(api('POST', '/api/v1/workspaces', { name: WORKSPACE }, employeeApi))).id;
  await guestJoins({ server, smtp }, employeeApi, workspaceId, GUEST);
  guestApi = await signInApi(api, GUEST.email, GUEST.password);
  const me = await json<{ id?: string; user?: { id: string } }>(api('GET', '/api/v1/me', undefined, guestApi));
  const guestId = me.user?.id ?? me.id;
  await api('POST', `/api/v1/workspaces/${workspaceId}/folders`, { name: FOLDER, visibility: 'shared' }, employeeApi);
  taskId = (
    await json<{ id: string }>(
      api(
        'POST',
        `/api/v1/workspaces/${workspaceId}/tasks`,
        { title: TASK, description: 'Both cylinders.', visibility: 'shared', assigneeIds: [guestId] },
        employeeApi,
      ),
    )
  ).id;
  noteId = (
    await json<{ id: string }>(
      api(
        'POST',
        `/api/v1/workspaces/${workspaceId}/notes`,
        { title: NOTE, body: 'Bring the torque wrench.', visibility: 'shared' },
        employeeApi,
      ),
    )
  ).id;
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('keyboard focus after navigations and inline forms (Chromium)', () => {
  it('puts focus on the heading of each page that reads its data first, when reached with the keyboard', async () => {
    const { context, page } = await signedIn(EMPLOYEE);
    await page.goto(`${server.url}/workspaces`);

    await pressEnterOn(page.getByRole('link', { name: WORKSPACE, exact: true }));
    await expectFocusOn(heading(page, WORKSPACE), `h1 “${WORKSPACE}”`);

    await pressEnterOn(page.getByRole('list', { name: 'Tasks', exact: true }).getByRole('link', { name: TASK, exact: true }));
    await expectFocusOn(heading(page, TASK), `h1 “${TASK}”`);

    // Back through the breadcrumb, then into a note and a folder.
    await pressEnterOn(page.getByRole('navigation', { name: /breadcrumb/i }).getByRole('link', { name: WORKSPACE }));
    await expectFocusOn(heading(page, WORKSPACE), `h1 “${WORKSPACE}”`);

    await pressEnterOn(page.getByRole('list', { name: 'Notes', exact: true }).getByRole('link', { name: NOTE, exact: true }));
    await expectFocusOn(heading(page, NOTE), `h1 “${NOTE}”`);

    await page.goBack();
    await heading(page, WORKSPACE).waitFor();
    await pressEnterOn(page.getByRole('list', { name: 'Folders', exact: true }).getByRole('link', { name: FOLDER, exact: true }));
    await expectFocusOn(heading(page, FOLDER), `h1 “${FOLDER}”`);

    await context.close();
  });

  it('leaves focus where the person moved it while the page was still loading', async () => {
    const { context, page } = await signedIn(EMPLOYEE);
    await page.goto(`${server.url}/workspaces/${workspaceId}`);
    await heading(page, WORKSPACE).waitFor();
    // The task's own read answers late, as on a slow line.
    await page.route(`**/api/v1/tasks/${taskId}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await pressEnterOn(page.getByRole('list', { name: 'Tasks', exact: true }).getByRole('link', { name: TASK, exact: true }));
    const elsewhere = page.getByRole('navigation', { name: 'Main' }).getByRole('link').first();
    await elsewhere.focus();
    await heading(page, TASK).waitFor();
    // Give the heading a moment in which it would be focused if focus were taken back.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    expect(await elsewhere.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await context.close();
  });

  it('hands focus back to the opener or to what was created when the new task, note and activity forms close', async () => {
    const { context, page } = await signedIn(EMPLOYEE);
    await page.goto(`${server.url}/workspaces/${workspaceId}`);
    await heading(page, WORKSPACE).waitFor();

    const newTask = page.getByRole('button', { name: 'New task', exact: true });
    await pressEnterOn(newTask);
    await pressEnterOn(page.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(newTask, 'button “New task”');

    await pressEnterOn(newTask);
    await page.getByLabel('Title', { exact: true }).fill('Order spare seals');
    await pressEnterOn(page.getByRole('button', { name: 'Create task' }));
    await expectFocusOn(page.getByRole('link', { name: 'Open “Order spare seals”' }), 'a “Open “Order spare seals””');

    const newNote = page.getByRole('button', { name: 'New note', exact: true });
    await pressEnterOn(newNote);
    await pressEnterOn(page.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(newNote, 'button “New note”');

    const plan = page.getByRole('button', { name: 'Plan an activity', exact: true });
    await pressEnterOn(plan);
    await pressEnterOn(page.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(plan, 'button “Plan an activity”');

    await pressEnterOn(plan);
    await page.getByLabel('Title', { exact: true }).fill('Seal fitting visit');
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date', { exact: true }).fill(day);
    await page.getByLabel('Start time').fill('09:00');
    await page.getByLabel('End time').fill('10:00');
    await pressEnterOn(page.getByRole('button', { name: 'Plan activity', exact: true }));
    await expectFocusOn(page.getByRole('link', { name: 'Open “Seal fitting visit”' }), 'a “Open “Seal fitting visit””');

    // A saved note opens its own page, with focus on its heading.
    await pressEnterOn(newNote);
    await page.getByLabel('Title', { exact: true }).fill('Minutes of the visit');
    await pressEnterOn(page.getByRole('button', { name: 'Save note' }));
    await expectFocusOn(heading(page, 'Minutes of the visit'), 'h1 “Minutes of the visit”');

    await context.close();
  });

  it('asks before archiving, says it once, and keeps focus on the buttons that take each other’s place', async () => {
    const { context, page } = await signedIn(EMPLOYEE);
    await page.goto(`${server.url}/workspaces/${workspaceId}`);
    await heading(page, WORKSPACE).waitFor();

    const edit = page.getByRole('button', { name: 'Edit workspace', exact: true });
    await pressEnterOn(edit);
    await page.getByRole('heading', { name: 'Edit workspace' }).waitFor();
    await pressEnterOn(page.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(edit, 'button “Edit workspace”');

    // Archiving asks first; Cancel changes nothing.
    const archive = page.getByRole('main').getByRole('button', { name: 'Archive workspace', exact: true });
    await pressEnterOn(archive);
    const dialog = page.getByRole('dialog', { name: `Archive “${WORKSPACE}”?` });
    await dialog.waitFor();
    await pressEnterOn(dialog.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(archive, 'button “Archive workspace”');
    const still = await json<{ status: string }>(api('GET', `/api/v1/workspaces/${workspaceId}`, undefined, employeeApi));
    expect(still.status).toBe('active');

    await pressEnterOn(archive);
    await pressEnterOn(dialog.getByRole('button', { name: 'Archive workspace' }));
    const restore = page.getByRole('button', { name: 'Restore workspace', exact: true });
    await expectFocusOn(restore, 'button “Restore workspace”');
    await page.getByText('This workspace is archived.', { exact: false }).waitFor();
    expect(await page.getByText(/workspace is archived/).count()).toBe(1);
    const archived = await json<{ status: string }>(api('GET', `/api/v1/workspaces/${workspaceId}`, undefined, employeeApi));
    expect(archived.status).toBe('archived');

    await pressEnterOn(restore);
    await expectFocusOn(page.getByRole('button', { name: 'Archive workspace', exact: true }), 'button “Archive workspace”');
    await page.getByText('The workspace is active again.').waitFor();
    expect(await page.getByText(/workspace is archived/).count()).toBe(0);

    await context.close();
  });

  it('keeps focus on the task’s status buttons as they change, for the guest and the employee', async () => {
    for (const [who, person] of [
      ['guest', GUEST],
      ['employee', EMPLOYEE],
    ] as const) {
      const { context, page } = await signedIn(person);
      await page.goto(`${server.url}/workspaces/${workspaceId}/tasks/${taskId}`);
      await heading(page, TASK).waitFor();

      for (const [press, next] of [
        ['Start', 'Mark done'],
        ['Mark done', 'Reopen'],
        ['Reopen', 'Start'],
      ] as const) {
        await pressEnterOn(page.getByRole('button', { name: press, exact: true }));
        await expectFocusOn(page.getByRole('button', { name: next, exact: true }), `button “${next}”`);
      }

      // Edit, then Cancel: back on "Edit task".
      if (who === 'employee') {
        const edit = page.getByRole('button', { name: 'Edit task', exact: true });
        await pressEnterOn(edit);
        await pressEnterOn(page.getByRole('button', { name: 'Cancel' }));
        await expectFocusOn(edit, 'button “Edit task”');
      }
      await context.close();
    }
  });
});

describe('an edit refused because someone else saved first keeps the typed text (Chromium)', () => {
  it('reloads the task under the person’s changes, shows the other version, and saves both', async () => {
    const { context, page } = await signedIn(EMPLOYEE);
    await page.goto(`${server.url}/workspaces/${workspaceId}/tasks/${taskId}`);
    await heading(page, TASK).waitFor();
    await page.getByRole('button', { name: 'Edit task' }).click();

    // Someone else renames the task and rewrites its description while this form is open.
    const renamed = `${TASK} (both cylinders)`;
    await api('PATCH', `/api/v1/tasks/${taskId}`, { title: renamed, description: 'Their words.' }, employeeApi);
    await page.getByLabel('Description', { exact: true }).fill('My careful words.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else changed this task in the meantime.').waitFor();
    // Until Reload, the form takes no more typing: nothing typed now could be kept over the reload.
    expect(await page.getByLabel('Description', { exact: true }).isEditable()).toBe(false);
    await page.getByRole('button', { name: 'Reload' }).click();

    await heading(page, renamed).waitFor();
    expect(await page.getByLabel('Description', { exact: true }).isEditable()).toBe(true);
    await page.getByText('Reloaded: your unsaved changes are kept on top of the task as it is now.').waitFor();
    expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe('My careful words.');
    // What they changed and this person did not comes in; what both changed is shown beside the form.
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(renamed);
    expect(await page.getByLabel('Their description', { exact: true }).inputValue()).toBe('Their words.');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes have been saved.').waitFor();
    const saved = await json<{ title: string; description: string }>(api('GET', `/api/v1/tasks/${taskId}`, undefined, employeeApi));
    expect(saved).toMatchObject({ title: renamed, description: 'My careful words.' });
    await context.close();
  });

  it('reloads the note under the person’s text, shows theirs, and saves the person’s text on the new version', async () => {
    const { context, page } = await signedIn(EMPLOYEE);
    await page.goto(`${server.url}/workspaces/${workspaceId}/notes/${noteId}`);
    await heading(page, NOTE).waitFor();
    await page.getByRole('button', { name: 'Edit note' }).click();

    await api('PATCH', `/api/v1/notes/${noteId}`, { title: `${NOTE} (v2)`, body: 'Their text.' }, employeeApi);
    await page.getByLabel('Text', { exact: true }).fill('My unsaved words');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else saved this note in the meantime.').waitFor();
    expect(await page.getByLabel('Text', { exact: true }).isEditable()).toBe(false);
    await page.getByRole('button', { name: 'Reload' }).click();

    await heading(page, `${NOTE} (v2)`).waitFor();
    await page.getByText('Reloaded: your unsaved changes are kept on top of the note as it is now.').waitFor();
    expect(await page.getByLabel('Text', { exact: true }).inputValue()).toBe('My unsaved words');
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(`${NOTE} (v2)`);
    expect(await page.getByLabel('Their text', { exact: true }).inputValue()).toBe('Their text.');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes have been saved.').waitFor();
    const saved = await json<{ title: string; body: string }>(api('GET', `/api/v1/notes/${noteId}`, undefined, employeeApi));
    expect(saved).toMatchObject({ title: `${NOTE} (v2)`, body: 'My unsaved words' });
    await context.close();
  });
});

describe('the header on a phone (Chromium)', () => {
  it('shows the guest the unread count in the header and keeps the menu’s Notifications entry', async () => {
    // Something for the guest to be told: a new task assigned to them.
    const me = await json<{ id?: string; user?: { id: string } }>(api('GET', '/api/v1/me', undefined, guestApi));
    await api(
      'POST',
      `/api/v1/workspaces/${workspaceId}/tasks`,
      { title: 'Check the pressure valve', visibility: 'shared', assigneeIds: [me.user?.id ?? me.id] },
      employeeApi,
    );

    const { context: guest, page } = await signedIn(GUEST, phone);
    const banner = page.getByRole('banner');
    const bell = banner.getByRole('link', { name: /^Notifications, [1-9]\d* unread$/ });
    await bell.waitFor();
    expect(await bell.isVisible()).toBe(true);
    // The menu keeps its own Notifications entry.
    const menu = page.getByRole('button', { name: 'Menu' });
    await pressEnterOn(menu);
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Notifications/ })
      .waitFor();
    await guest.close();
  });

  it('closes the open menu on Escape and hands focus back to the Menu button', async () => {
    const { context: guest, page } = await signedIn(GUEST, phone);
    const menu = page.getByRole('button', { name: 'Menu' });
    await pressEnterOn(menu);
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await expectFocusOn(menu, 'button “Menu”');

    // From inside the menu too.
    await pressEnterOn(menu);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).focus();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await expectFocusOn(menu, 'button “Menu”');
    await guest.close();
  });

  it('shows a guest on a wide screen the count in the menu only, and the employee on a phone the whole organization name', async () => {
    // On a wide screen the guest's menu is always there, with the count: no second one in the header.
    const { context: wide, page: widePage } = await signedIn(GUEST);
    await widePage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Notifications/ })
      .waitFor();
    expect(
      await widePage
        .getByRole('banner')
        .getByRole('link', { name: /^Notifications/ })
        .isVisible(),
    ).toBe(false);
    await wide.close();

    // The employee's header on a phone: the organization's name is shown whole, not cut to a few letters.
    const { context: employee, page: employeePage } = await signedIn(EMPLOYEE, phone);
    const name = employeePage.locator('.brand-name');
    expect(await name.textContent()).toBe(ORGANIZATION);
    const fits = await name.evaluate(
      (element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight,
    );
    expect(fits).toBe(true);
    expect(await employeePage.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await employee.close();
  });
});
