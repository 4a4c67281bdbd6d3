import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Comment threads update by themselves: the manager and the guest have the same shared task open;
// what one posts in the page, or the manager posts, edits or deletes through the API, shows on the
// other's page without a reload, and a screen reader hears that new comments by someone else
// arrived. A draft in the comment field survives, a comment being edited is left alone until it is
// saved, and a thread of several pages keeps the pages the reader loaded.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const MANAGER = { email: 'mia@company.example', name: 'Mia Manager', password: 'mia has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';
const TASK = 'Replace the hydraulic seals';
const LONG_NOTE = 'Commissioning log';

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;
let managerApi: string;
let workspace: { id: string };

const api = apiOf(() => server.url);
const signInAt = (page: Page, email: string, password: string) => signInPage(page, server.url, email, password);

/** Marks the loaded document; a reload (or any full navigation) loses the mark. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { notReloaded?: boolean }).notReloaded = true;
  });
}
async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded === true);
}

/** The texts of the comments shown, in order. */
async function shownBodies(comments: Locator): Promise<string[]> {
  const items = comments.getByRole('list', { name: 'Comments' }).getByRole('listitem');
  return (await items.locator('.comment-body').allInnerTexts()).map((text) => text.trim());
}

/** The words of the comment section's live region (what a screen reader hears). */
const statusOf = (comments: Locator) => comments.getByRole('status').first();

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [MANAGER]));
  // The workspace and the guest have their own tests: here they go through the API.
  managerApi = await signInApi(api, MANAGER.email, MANAGER.password);
  workspace = (await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, managerApi)).json()) as { id: string };
  await guestJoins({ server, smtp }, managerApi, workspace.id, GUEST);
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('live comment threads (Chromium)', () => {
  it('shows comments posted, edited and deleted by others without a reload, and says how many new ones arrived', async () => {
    const task = (await (
      await api('POST', `/api/v1/workspaces/${workspace.id}/tasks`, { title: TASK, visibility: 'shared' }, managerApi)
    ).json()) as { id: string };
    const taskAddress = `${server.url}/workspaces/${workspace.id}/tasks/${task.id}`;

    // The manager has the task open…
    const manager = await browser.newContext();
    manager.setDefaultTimeout(15_000);
    const page = await manager.newPage();
    await signInAt(page, MANAGER.email, MANAGER.password);
    await page.goto(taskAddress);
    await page.getByRole('heading', { name: TASK, level: 1 }).waitFor();
    const comments = page.getByRole('region', { name: 'Comments' });
    await comments.getByText('No comments yet. Write the first one below.').waitFor();
    await markPage(page);

    // …and so has the guest, on a phone.
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    await signInAt(guestPage, GUEST.email, GUEST.password);
    await guestPage.goto(taskAddress);
    await guestPage.getByRole('heading', { name: TASK, level: 1 }).waitFor();
    const guestComments = guestPage.getByRole('region', { name: 'Comments' });
    await guestComments.getByText('No comments yet. Write the first one below.').waitFor();
    await markPage(guestPage);

    // The guest posts in the page; the manager's thread shows it by itself and says so.
    await guestComments.getByLabel('Write a comment', { exact: true }).fill('The seals arrived this morning.');
    await guestComments.getByRole('button', { name: 'Post comment' }).click();
    await guestComments.getByText('Your comment has been posted.').waitFor();
    const fromGuest = comments.getByRole('list', { name: 'Comments' }).getByRole('listitem', { name: `Comment by ${GUEST.name}` });
    await fromGuest.getByText('The seals arrived this morning.').waitFor();
    await statusOf(comments).getByText('1 new comment.', { exact: true }).waitFor();
    expect(await stillSamePage(page)).toBe(true);

    // The guest starts a reply; the manager answers through the API. The reply appears on the
    // guest's page, the draft stays where it was, and the guest hears of one new comment.
    const draft = guestComments.getByLabel('Write a comment', { exact: true });
    await draft.fill('Half written: I will');
    await api('POST', `/api/v1/tasks/${task.id}/comments`, { body: 'Great, please fit them on Monday.' }, managerApi);
    await guestComments.getByText('Great, please fit them on Monday.').waitFor();
    await statusOf(guestComments).getByText('1 new comment.', { exact: true }).waitFor();
    expect(await draft.inputValue()).toBe('Half written: I will');
    expect(await shownBodies(guestComments)).toEqual(['The seals arrived this morning.', 'Great, please fit them on Monday.']);
    expect(await stillSamePage(guestPage)).toBe(true);

    // The manager's own page shows the comment made elsewhere too, once, but it is not news to them.
    await comments.getByText('Great, please fit them on Monday.').waitFor();
    expect(await shownBodies(comments)).toEqual(['The seals arrived this morning.', 'Great, please fit them on Monday.']);
    expect(await statusOf(comments).innerText()).toBe('1 new comment.');

    // The guest finishes the reply: it is posted once, after the manager's, on both pages.
    await draft.pressSequentially(' be there at eight.', { delay: 5 });
    await guestComments.getByRole('button', { name: 'Post comment' }).click();
    await guestComments.getByText('Your comment has been posted.').waitFor();
    await comments.getByText('Half written: I will be there at eight.').waitFor();
    const three = ['The seals arrived this morning.', 'Great, please fit them on Monday.', 'Half written: I will be there at eight.'];
    expect(await shownBodies(guestComments)).toEqual(three);
    expect(await shownBodies(comments)).toEqual(three);
    // Two comments by the guest since the manager last did anything here.
    await statusOf(comments).getByText('2 new comments.', { exact: true }).waitFor();

    // An edit through the API shows on the guest's page as an edit, in place.
    const listed = (await (await api('GET', `/api/v1/tasks/${task.id}/comments`, undefined, managerApi)).json()) as {
      items: { id: string; body: string }[];
    };
    const managers = listed.items.find((comment) => comment.body.startsWith('Great'));
    await api('PATCH', `/api/v1/comments/${managers?.id}`, { body: 'Great, please fit them on Tuesday instead.' }, managerApi);
    await guestComments.getByText('Great, please fit them on Tuesday instead.').waitFor();
    await guestComments.getByText('(edited', { exact: false }).waitFor();
    expect(await shownBodies(guestComments)).toEqual([
      'The seals arrived this morning.',
      'Great, please fit them on Tuesday instead.',
      'Half written: I will be there at eight.',
    ]);

    // A comment posted while the manager edits theirs leaves the edit alone; once the edit is saved,
    // the comment posted meanwhile shows, and the edit was saved as typed.
    const managerItem = comments.getByRole('listitem', { name: `Comment by ${MANAGER.name}` });
    await managerItem.getByRole('button', { name: /^Edit/ }).click();
    const editField = managerItem.getByLabel('Edit your comment', { exact: true });
    await editField.fill('Great, please fit them on Wednesday.');
    const guestApi = await signInApi(api, GUEST.email, GUEST.password);
    await api('POST', `/api/v1/tasks/${task.id}/comments`, { body: 'Wednesday suits me too.' }, guestApi);
    await guestComments.getByText('Wednesday suits me too.').waitFor();
    // The manager's thread waits while the edit is open: a second and a half is several times what the
    // guest's page took to show it.
    await page.waitForTimeout(1_500);
    expect(await comments.getByText('Wednesday suits me too.').count()).toBe(0);
    expect(await editField.inputValue()).toBe('Great, please fit them on Wednesday.');
    await managerItem.getByRole('button', { name: 'Save changes' }).click();
    await comments.getByText('Wednesday suits me too.').waitFor();
    expect(await shownBodies(comments)).toEqual([
      'The seals arrived this morning.',
      'Great, please fit them on Wednesday.',
      'Half written: I will be there at eight.',
      'Wednesday suits me too.',
    ]);

    // A comment deleted through the API leaves the guest's page by itself, and nothing else goes with it.
    const deleted = await fetch(`${server.url}/api/v1/comments/${managers?.id}`, {
      method: 'DELETE',
      headers: { origin: server.url, cookie: managerApi },
    });
    expect(deleted.status).toBe(204);
    await guestComments.getByText('Great, please fit them on Wednesday.').waitFor({ state: 'detached' });
    expect(await shownBodies(guestComments)).toEqual([
      'The seals arrived this morning.',
      'Half written: I will be there at eight.',
      'Wednesday suits me too.',
    ]);
    expect(await stillSamePage(guestPage)).toBe(true);
    expect(await stillSamePage(page)).toBe(true);

    await manager.close();
    await guest.close();
  });

  it('keeps the pages the reader loaded when a new comment arrives in a long thread', async () => {
    const note = (await (
      await api(
        'POST',
        `/api/v1/workspaces/${workspace.id}/notes`,
        { title: LONG_NOTE, body: 'What happened each day.', visibility: 'shared' },
        managerApi,
      )
    ).json()) as { id: string };
    // More than a page (the thread reads 50 at a time).
    const total = 55;
    for (let n = 1; n <= total; n += 1) {
      await api('POST', `/api/v1/notes/${note.id}/comments`, { body: `Day ${n}: all good.` }, managerApi);
    }

    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    await signInAt(guestPage, GUEST.email, GUEST.password);
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}/notes/${note.id}`);
    await guestPage.getByRole('heading', { name: LONG_NOTE, level: 1 }).waitFor();
    const comments = guestPage.getByRole('region', { name: 'Comments' });
    const items = comments.getByRole('list', { name: 'Comments' }).getByRole('listitem');
    await items.nth(49).waitFor();
    expect(await items.count()).toBe(50);
    await comments.getByRole('button', { name: /^Load more/ }).click();
    await comments.getByText(`Day ${total}: all good.`).waitFor();
    expect(await items.count()).toBe(total);
    await markPage(guestPage);

    // A new comment: the thread reads both pages again; nothing loaded goes, nothing shows twice.
    await api('POST', `/api/v1/notes/${note.id}/comments`, { body: 'Day 56: handed over.' }, managerApi);
    await comments.getByText('Day 56: handed over.').waitFor();
    await statusOf(comments).getByText('1 new comment.', { exact: true }).waitFor();
    const bodies = await shownBodies(comments);
    expect(bodies).toEqual([...Array.from({ length: total }, (_, i) => `Day ${i + 1}: all good.`), 'Day 56: handed over.']);
    expect(await comments.getByRole('button', { name: /^Load more/ }).count()).toBe(0);
    expect(await stillSamePage(guestPage)).toBe(true);

    await guest.close();
  });
});
