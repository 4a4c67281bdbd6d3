import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call, callFrom } from '../support/http-client.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, createWorkspace, enableExtranet, LINK, preview, sentTo, signedIn, tokenOf, unique } from '../support/workspaces.js';

// The invitation e-mail, received by a real SMTP server: both parts, people's text escaped in the
// HTML, the link built on the public URL, and the token nowhere but in that link.

let t: TestApp;
let smtp: SmtpReceiver;
let admin: Caller;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  t = await startTestApp({ FOYER_SMTP_URL: smtp.url });
  admin = await adminCaller(t);
  await enableExtranet(t, admin);
  expect((await call(t.app, 'PATCH', '/api/v1/settings', { organizationName: 'Acme & Partners' }, admin)).statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const WORKSPACE = 'Quay <script>alert(1)</script> & Sons';
const INVITER = 'Ann & <b>Bold</b> Smith';
const MESSAGE = 'Hi <script>steal(document.cookie)</script> — Tom & Jerry <img src=x onerror=alert(2)>';

describe('the invitation e-mail', () => {
  it('has a text and an HTML part; names and the message are escaped in the HTML; the link is on the public URL despite a forged Host', async () => {
    const inviter = await makeEmployee(t.ctx, { name: INVITER });
    const caller = await signedIn(t, inviter);
    const workspace = await createWorkspace(t, caller, { name: WORKSPACE });
    const email = `${unique('invitee-')}@partner.example`;

    const response = await callFrom(
      '203.0.113.50',
      t.app,
      'POST',
      `/api/v1/workspaces/${workspace.id}/invitations`,
      { email, role: 'guest', message: MESSAGE },
      caller,
      { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    );
    expect(response.statusCode, response.body).toBe(201);
    const invitation = response.json();
    expect(invitation.acceptUrl).toMatch(/^http:\/\/foyer\.test\/invitation#token=/);
    expect(response.body).not.toContain('evil.example');

    const mail = await smtp.waitFor(sentTo(email));
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(text).not.toBe('');
    expect(html).not.toBe('');

    // The text part says it as people wrote it.
    expect(text).toContain(WORKSPACE);
    expect(text).toContain(INVITER);
    expect(text).toContain(MESSAGE);
    expect(mail.subject).toContain('Quay');

    // The HTML part shows it as text, never as markup.
    for (const markup of ['<script', '<b>', '<img', 'onerror=alert(2)>']) expect(html).not.toContain(markup);
    expect(html).toContain('Quay &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons');
    expect(html).toContain('Ann &amp; &lt;b&gt;Bold&lt;/b&gt; Smith');
    expect(html).toContain('Tom &amp; Jerry &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('Acme &amp; Partners');

    // The link is the one the manager can copy, on the public URL, in both parts.
    const link = invitation.acceptUrl as string;
    expect(LINK.exec(text)?.[0]).toBe(link);
    expect(html).toContain(`href="${link}"`);
    const everything = `${text}\n${html}\n${mail.subject}\n${JSON.stringify([...mail.headers])}`;
    expect(everything).not.toContain('evil.example');
    expect(everything.match(/https?:\/\/[^\s"'<>]+/g)?.every((u) => u.startsWith('http://foyer.test/'))).toBe(true);

    // The invitee's page shows the same names, as data.
    const shown = await preview(t, tokenOf(link));
    expect(shown.json()).toEqual({ email, workspaceName: WORKSPACE, inviterName: INVITER, organizationName: 'Acme & Partners' });
  });

  it('carries the token only inside the link: not in the subject, headers, other text, the answer, the audit log or the database', async () => {
    const inviter = await makeEmployee(t.ctx);
    const caller = await signedIn(t, inviter);
    const workspace = await createWorkspace(t, caller);
    const email = `${unique('invitee-')}@partner.example`;
    const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspace.id}/invitations`, { email, role: 'viewer' }, caller);
    expect(response.statusCode).toBe(201);
    const invitation = response.json();
    const link = invitation.acceptUrl as string;
    const token = tokenOf(link);
    expect(token.length).toBeGreaterThanOrEqual(22); // at least 128 bits in base64url

    const mail = await smtp.waitFor(sentTo(email));
    const withoutLink = (s: string) => s.split(link).join('');
    expect(withoutLink(mail.text ?? '')).not.toContain(token);
    expect(withoutLink(typeof mail.html === 'string' ? mail.html : '')).not.toContain(token);
    expect(mail.subject).not.toContain(token);
    expect(JSON.stringify([...mail.headers])).not.toContain(token);

    const { acceptUrl: _copied, ...rest } = invitation;
    expect(JSON.stringify(rest)).not.toContain(token);
    const listed = (await call(t.app, 'GET', `/api/v1/workspaces/${workspace.id}/invitations`, undefined, caller)).json();
    expect(withoutLink(JSON.stringify(listed))).not.toContain(token);

    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('workspace_id', '=', workspace.id).execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(token);
    const stored = await t.ctx.db.selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('keeps line breaks in a workspace name out of the mail headers', async () => {
    const inviter = await makeEmployee(t.ctx);
    const caller = await signedIn(t, inviter);
    const workspace = await createWorkspace(t, caller, { name: 'Quay\r\nBcc: spy@evil.example\r\nX-Injected: yes' });
    const email = `${unique('invitee-')}@partner.example`;
    expect((await call(t.app, 'POST', `/api/v1/workspaces/${workspace.id}/invitations`, { email, role: 'guest' }, caller)).statusCode).toBe(
      201,
    );

    const mail = await smtp.waitFor(sentTo(email));
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.subject).toContain('Quay');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(smtp.messages.filter(sentTo('spy@evil.example'))).toEqual([]);
  });
});
