import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Comments in the browser: the manager of a workspace comments on a shared note and mentions the
// guest through the @mention picker, by keyboard only; the guest opens the note and reads the
// comment with the mention. On an internal note the picker never offers the guest, whether the
// manager types `@` or opens the "Mention someone" list.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const MANAGER = { email: 'mia@company.example', name: 'Mia Manager', password: 'mia has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';
const SHARED = 'Visit checklist';
const INTERNAL = 'Pricing thoughts';

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);
const signIn = (email: string, password: string) => signInApi(api, email, password);
const signInAt = (page: Page, email: string, password: string) => signInPage(page, server.url, email, password);
const _sentTo = (email: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(email);

interface CommentJson {
  body: string;
  author: { name: string } | null;
  mentions: { id: string; name: string }[];
}

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [MANAGER]));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('comments: @mentions through an accessible picker, only of people who see the item (Chromium)', () => {
  it('lets the manager mention the guest on a shared note by keyboard, shows the guest the comment, and never offers the guest on an internal note', async () => {
    // The workspace, the guest and the notes have their own tests: here they go through the API.
    const managerApi = await signIn(MANAGER.email, MANAGER.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, managerApi)).json()) as { id: string };
    await guestJoins({ server, smtp }, managerApi, workspace.id, GUEST);
    const note = async (title: string, visibility: 'shared' | 'internal') =>
      (await (
        await api('POST', `/api/v1/workspaces/${workspace.id}/notes`, { title, body: `About ${title}.`, visibility }, managerApi)
      ).json()) as { id: string };
    const shared = await note(SHARED, 'shared');
    const internal = await note(INTERNAL, 'internal');

    const manager = await browser.newContext();
    manager.setDefaultTimeout(15_000);
    const page = await manager.newPage();
    await signInAt(page, MANAGER.email, MANAGER.password);
    await page.goto(`${server.url}/workspaces/${workspace.id}/notes/${shared.id}`);
    await page.getByRole('heading', { name: SHARED, level: 1 }).waitFor();
    const comments = page.getByRole('region', { name: 'Comments' });
    await comments.getByRole('heading', { name: 'Comments', level: 2 }).waitFor();
    await comments.getByText('No comments yet. Write the first one below.').waitFor();

    // Typing `@` and part of the name opens the list; the keyboard picks from it.
    const text = comments.getByLabel('Write a comment', { exact: true });
    await text.click();
    await text.pressSequentially('Could @tom', { delay: 20 });
    const listbox = comments.getByRole('listbox', { name: 'People to mention' });
    const option = listbox.getByRole('option', { name: GUEST.name, exact: true });
    await option.waitFor();
    expect(await text.getAttribute('aria-controls')).toBe(await listbox.getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await text.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await page.keyboard.press('Enter');
    await listbox.waitFor({ state: 'detached' });
    expect(await text.inputValue()).toBe(`Could @${GUEST.name} `);
    await text.pressSequentially('check the **seals** before Friday?', { delay: 5 });
    // Ctrl+Enter posts; the comment appears and the emptied field has the focus again.
    await page.keyboard.press('Control+Enter');
    const thread = comments.getByRole('list', { name: 'Comments' });
    const posted = thread.getByRole('listitem', { name: `Comment by ${MANAGER.name}` });
    await posted.getByText(`@${GUEST.name}`, { exact: false }).waitFor();
    expect(await posted.locator('strong').textContent()).toBe('seals');
    await posted.locator('time').first().waitFor();
    expect(await text.inputValue()).toBe('');
    expect(await page.evaluate('document.activeElement?.id')).toBe(await text.getAttribute('id'));
    await page.getByText('Your comment has been posted.').waitFor();

    // The mention was sent as the guest's id, not only as text.
    const listed = (await (await api('GET', `/api/v1/notes/${shared.id}/comments`, undefined, managerApi)).json()) as {
      items: CommentJson[];
    };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]?.mentions.map((person) => person.name)).toEqual([GUEST.name]);
    expect(listed.items[0]?.body).toBe(`Could @${GUEST.name} check the **seals** before Friday?`);

    // The guest opens the note and reads the comment with the mention.
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    await signInAt(guestPage, GUEST.email, GUEST.password);
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}/notes/${shared.id}`);
    await guestPage.getByRole('heading', { name: SHARED, level: 1 }).waitFor();
    // (Who wrote it is the directory's business: this guest may not see the company's people, so the
    // author is shown the way the server names them for the guest.)
    const guestComment = guestPage.getByRole('list', { name: 'Comments' }).getByRole('listitem').first();
    await guestComment.getByText(`Could @${GUEST.name} check the`, { exact: false }).waitFor();
    expect(await guestComment.getByRole('button', { name: /Edit|Delete/ }).count()).toBe(0);
    // Guests may comment in this workspace (the default), so the guest gets the form too.
    await guestPage.getByLabel('Write a comment', { exact: true }).waitFor();

    // On the internal note, typing `@` and the guest's name offers nobody…
    await page.goto(`${server.url}/workspaces/${workspace.id}/notes/${internal.id}`);
    await page.getByRole('heading', { name: INTERNAL, level: 1 }).waitFor();
    const internalComments = page.getByRole('region', { name: 'Comments' });
    const internalText = internalComments.getByLabel('Write a comment', { exact: true });
    await internalText.click();
    await internalText.pressSequentially('Ask @Tom', { delay: 20 });
    await internalComments.getByText('Nobody you can mention here matches “Tom”.').waitFor();
    expect(await internalComments.getByRole('option').count()).toBe(0);
    await page.keyboard.press('Escape');
    await internalComments.getByText('Nobody you can mention here matches').waitFor({ state: 'detached' });

    // …and neither does the "Mention someone" list, for those who prefer not to type `@`.
    await internalComments.getByRole('button', { name: 'Mention someone' }).click();
    const search = internalComments.getByRole('combobox', { name: 'Find someone to mention' });
    await search.waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe(await search.getAttribute('id'));
    await internalComments.getByText('Nobody else here can be mentioned.').waitFor();
    await search.pressSequentially('Tom', { delay: 20 });
    await internalComments.getByText('Nobody you can mention here matches “Tom”.').waitFor();
    expect(await internalComments.getByRole('option').count()).toBe(0);
    await page.keyboard.press('Escape');
    await search.waitFor({ state: 'detached' });

    // The same list on the shared note does offer the guest, and picking puts the mention at the caret.
    await page.goto(`${server.url}/workspaces/${workspace.id}/notes/${shared.id}`);
    const sharedComments = page.getByRole('region', { name: 'Comments' });
    await sharedComments.getByRole('list', { name: 'Comments' }).getByRole('listitem').first().waitFor();
    await sharedComments.getByLabel('Write a comment', { exact: true }).fill('Thanks');
    await sharedComments.getByRole('button', { name: 'Mention someone' }).click();
    const sharedSearch = sharedComments.getByRole('combobox', { name: 'Find someone to mention' });
    await sharedComments.getByRole('option', { name: GUEST.name, exact: true }).waitFor();
    await sharedSearch.press('Enter');
    expect(await sharedComments.getByLabel('Write a comment', { exact: true }).inputValue()).toBe(`Thanks @${GUEST.name} `);
    await sharedComments.getByRole('button', { name: 'Post comment' }).click();
    const items = sharedComments.getByRole('list', { name: 'Comments' }).getByRole('listitem');
    await items.nth(1).getByText(`Thanks @${GUEST.name}`).waitFor();

    // The author edits a comment (it says so afterwards) and deletes one after confirming.
    await items.nth(0).getByRole('button', { name: /^Edit/ }).click();
    await items.nth(0).getByLabel('Edit your comment', { exact: true }).fill(`Could @${GUEST.name} check the seals on Monday?`);
    await items.nth(0).getByRole('button', { name: 'Save changes' }).click();
    await items.nth(0).getByText('on Monday?', { exact: false }).waitFor();
    await items.nth(0).getByText('(edited', { exact: false }).waitFor();
    await items
      .nth(1)
      .getByRole('button', { name: /^Delete/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Delete this comment?' });
    await dialog.getByRole('button', { name: 'Delete comment' }).click();
    await page.getByText('The comment has been deleted.').waitFor();
    expect(await items.count()).toBe(1);
    const after = (await (await api('GET', `/api/v1/notes/${shared.id}/comments`, undefined, managerApi)).json()) as {
      items: (CommentJson & { editedAt: string | null })[];
    };
    expect(after.items.map((comment) => comment.body)).toEqual([`Could @${GUEST.name} check the seals on Monday?`]);
    expect(after.items[0]?.editedAt).not.toBeNull();
    // Edited with the mention still in the text: the guest stays mentioned.
    expect(after.items[0]?.mentions.map((person) => person.name)).toEqual([GUEST.name]);

    await manager.close();
    await guest.close();
  });
});
