import type { LightMyRequestResponse } from 'fastify';
import { newId } from '../../src/server/lib/ids.js';
import { hashPassword } from '../../src/server/lib/passwords.js';
import { hashSecret, newSecret } from '../../src/server/lib/secrets.js';
import { invitationToken, invitationTokenHash } from '../../src/server/modules/invitations/invitation-links.js';
import { TOKEN_PREFIX } from '../../src/server/modules/me/api-tokens.service.js';
import type { MemberRole } from '../../src/shared/workspaces.js';
import { makeAdmin, makeEmployee, PASSWORD } from './factories.js';
import { type Caller, call, signIn } from './http-client.js';
import type { TestApp } from './test-app.js';

/**
 * The kinds of caller the authorization matrix asks every route about, in the order of the
 * matrix's columns.
 */
export const CALLERS = [
  'anonymous',
  'admin',
  'extranetAdmin',
  'managerA',
  'memberA',
  'outsider',
  'guestA',
  'viewerA',
  'guestB',
  'removedGuest',
  'expiredGuest',
  'suspended',
] as const;
export type CallerName = (typeof CALLERS)[number];

/** The callers whose account is a guest's. */
export const GUEST_CALLERS: ReadonlySet<CallerName> = new Set(['guestA', 'viewerA', 'guestB', 'removedGuest', 'expiredGuest']);

export interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
}

export interface WorldCaller extends Caller {
  name: CallerName;
  /** The account behind the caller; none for the anonymous caller. */
  person?: Person;
  /** Whether the account can still sign in (for cells that need a session of their own). */
  canSignIn: boolean;
}

export type Side = 'A' | 'B';

export interface InvitationRef {
  id: string;
  token: string;
  workspaceId: string;
}

export interface World {
  t: TestApp;
  callers: Record<CallerName, WorldCaller>;
  /** Workspace A (managed by managerA, shows its members to guests and lets guests invite) and B (another manager's, defaults). */
  workspaces: Record<Side, { id: string; manager: Person }>;
  /** People who are targets, never callers. */
  people: {
    managerB: Person;
    employeeOfA: Person;
    employeeOfB: Person;
    guestOfA: Person;
    guestOfB: Person;
    /** An employee in no workspace whose credentials the anonymous caller signs in with. */
    spare: Person;
  };
  /** Open (sent) invitations: by A's manager, by A's guest, by B's manager. */
  invitations: { A: InvitationRef; AByGuest: InvitationRef; B: InvitationRef };
  topic: { id: string; name: string };
  organization: { id: string; name: string };
  /** Cookies of the managers, for setting up objects through the API. */
  admin: Caller;
}

/** The value of one of A's item details that only employees may read. */
export const INTERNAL_FIELD_VALUE = 'Internal budget 41700';

let serial = 0;
/** A short unique suffix for names and e-mail addresses made while the matrix runs. */
export function unique(): string {
  serial += 1;
  return `${Date.now().toString(36)}${serial.toString(36)}`;
}

function expectStatus(response: LightMyRequestResponse, status: number, what: string): void {
  if (response.statusCode !== status) {
    throw new Error(`building the authorization world: ${what} answered ${response.statusCode}, expected ${status}: ${response.body}`);
  }
}

function tokenOf(acceptUrl: unknown): string {
  const match = /#token=([^&]+)$/.exec(String(acceptUrl));
  if (!match?.[1]) throw new Error(`no token in acceptUrl ${String(acceptUrl)}`);
  return match[1];
}

async function invite(t: TestApp, inviter: Caller, workspaceId: string, email: string, role: MemberRole): Promise<InvitationRef> {
  const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/invitations`, { email, role }, inviter);
  expectStatus(response, 201, `inviting ${email} as ${role}`);
  const body = response.json();
  return { id: body.id, token: tokenOf(body.acceptUrl), workspaceId };
}

/** A newcomer accepts through the public link and so becomes a guest with a password. */
async function joinAsGuest(t: TestApp, inviter: Caller, workspaceId: string, role: 'guest' | 'viewer', label: string): Promise<Person> {
  const email = `${label.toLowerCase()}-${unique()}@partner.example`;
  const { token } = await invite(t, inviter, workspaceId, email, role);
  const name = `${label} ${unique()}`;
  const response = await call(t.app, 'POST', `/api/v1/invitations/${token}/accept`, { name, password: PASSWORD });
  expectStatus(response, 200, `${email} accepting`);
  return { id: response.json().user.id, email, name, password: PASSWORD };
}

/** An employee invited as member, accepting while signed in. */
async function joinAsEmployee(t: TestApp, inviter: Caller, workspaceId: string, person: Person): Promise<Caller> {
  const { token } = await invite(t, inviter, workspaceId, person.email, 'member');
  const caller = { cookie: await signIn(t.app, person.email, person.password) };
  const response = await call(t.app, 'POST', `/api/v1/invitations/${token}/accept`, {}, caller);
  expectStatus(response, 200, `${person.email} accepting while signed in`);
  return caller;
}

async function employee(t: TestApp, role: 'user' | 'admin' | 'extranet_admin', label: string): Promise<Person> {
  const row = role === 'admin' ? await makeAdmin(t.ctx, { name: label }) : await makeEmployee(t.ctx, { role, name: label });
  return { id: row.id, email: row.email, name: row.name, password: row.password };
}

const signedIn = async (t: TestApp, name: CallerName, person: Person): Promise<WorldCaller> => ({
  name,
  person,
  canSignIn: true,
  cookie: await signIn(t.app, person.email, person.password),
});

/**
 * One installation with the extranet on, two workspaces and every kind of caller, built through
 * the real API (invitations, acceptance, removal, suspension) except the one end date set in the
 * past, which only time could otherwise bring.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const adminPerson = await employee(t, 'admin', 'Ada Admin');
  const admin = await signedIn(t, 'admin', adminPerson);
  expectStatus(
    await call(t.app, 'PATCH', '/api/v1/settings', { extranetEnabled: true, suspendGuestsWithoutWorkspace: false }, admin),
    200,
    'opening the extranet',
  );
  const extranetAdmin = await signedIn(t, 'extranetAdmin', await employee(t, 'extranet_admin', 'Xena Extranet'));
  const managerA = await signedIn(t, 'managerA', await employee(t, 'user', 'Mona ManagerA'));
  const managerBPerson = await employee(t, 'user', 'Bert ManagerB');
  const managerB = { cookie: await signIn(t.app, managerBPerson.email, managerBPerson.password) };
  const outsider = await signedIn(t, 'outsider', await employee(t, 'user', 'Otto Outsider'));
  const spare = await employee(t, 'user', 'Sam Spare');

  const created = async (caller: Caller, body: object) => {
    const response = await call(t.app, 'POST', '/api/v1/workspaces', body, caller);
    expectStatus(response, 201, 'creating a workspace');
    return response.json().id as string;
  };
  const A = await created(managerA, {
    name: 'Workspace A',
    guestSettings: { seeMembers: true, invite: true },
    fields: [
      { label: 'Phase', value: 'Design', visibility: 'guests' },
      { label: 'Budget', value: INTERNAL_FIELD_VALUE, visibility: 'internal' },
    ],
  });
  const B = await created(managerB, { name: 'Workspace B' });

  const memberAPerson = await employee(t, 'user', 'Mia MemberA');
  const memberA: WorldCaller = {
    name: 'memberA',
    person: memberAPerson,
    canSignIn: true,
    ...(await joinAsEmployee(t, managerA, A, memberAPerson)),
  };
  const employeeOfA = await employee(t, 'user', 'Emil EmployeeA');
  await joinAsEmployee(t, managerA, A, employeeOfA);
  const employeeOfB = await employee(t, 'user', 'Erin EmployeeB');
  await joinAsEmployee(t, managerB, B, employeeOfB);
  const suspendedPerson = await employee(t, 'user', 'Sue Suspended');
  const suspendedCookie = await joinAsEmployee(t, managerA, A, suspendedPerson);

  const guestA = await signedIn(t, 'guestA', await joinAsGuest(t, managerA, A, 'guest', 'GuestA'));
  const viewerA = await signedIn(t, 'viewerA', await joinAsGuest(t, managerA, A, 'viewer', 'ViewerA'));
  const guestOfA = await joinAsGuest(t, managerA, A, 'guest', 'PeerA');
  const guestB = await signedIn(t, 'guestB', await joinAsGuest(t, managerB, B, 'guest', 'GuestB'));
  const guestOfB = await joinAsGuest(t, managerB, B, 'guest', 'PeerB');

  // Signed in while a member, then removed from A: the policy keeps the account active, so the same
  // session goes on working, with no workspace left (removal must bite on the very next request).
  const removedGuest = await signedIn(t, 'removedGuest', await joinAsGuest(t, managerA, A, 'guest', 'Removed'));
  expectStatus(
    await call(t.app, 'DELETE', `/api/v1/workspaces/${A}/members/${removedGuest.person?.id}`, undefined, managerA),
    204,
    'removing a guest',
  );

  // Still a member of A on paper, but the end date has passed (the expiry job has not run yet).
  const expiredGuest = await signedIn(t, 'expiredGuest', await joinAsGuest(t, managerA, A, 'guest', 'Expired'));
  await t.ctx.db
    .updateTable('memberships')
    .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
    .where('workspace_id', '=', A)
    .where('user_id', '=', expiredGuest.person?.id ?? '')
    .execute();

  // Signed in, then suspended by the administrator: the cookie it holds must no longer work.
  expectStatus(
    await call(t.app, 'PATCH', `/api/v1/users/${suspendedPerson.id}`, { status: 'suspended' }, admin),
    200,
    'suspending an employee',
  );
  const suspended: WorldCaller = { name: 'suspended', person: suspendedPerson, canSignIn: false, ...suspendedCookie };

  const invitations = {
    A: await invite(t, managerA, A, `open-a-${unique()}@partner.example`, 'guest'),
    AByGuest: await invite(t, guestA, A, `open-by-guest-${unique()}@partner.example`, 'guest'),
    B: await invite(t, managerB, B, `open-b-${unique()}@partner.example`, 'guest'),
  };

  const topicResponse = await call(t.app, 'POST', '/api/v1/topics', { name: `Topic ${unique()}` }, admin);
  expectStatus(topicResponse, 201, 'creating a topic');
  const organizationResponse = await call(
    t.app,
    'POST',
    '/api/v1/external-organizations',
    { name: `Partner ${unique()}`, domains: [`p${unique()}.example`] },
    admin,
  );
  expectStatus(organizationResponse, 201, 'creating an external organization');

  const callers: Record<CallerName, WorldCaller> = {
    anonymous: { name: 'anonymous', canSignIn: false },
    admin,
    extranetAdmin,
    managerA,
    memberA,
    outsider,
    guestA,
    viewerA,
    guestB,
    removedGuest,
    expiredGuest,
    suspended,
  };
  return {
    t,
    callers,
    workspaces: { A: { id: A, manager: managerA.person as Person }, B: { id: B, manager: managerBPerson } },
    people: { managerB: managerBPerson, employeeOfA, employeeOfB, guestOfA, guestOfB, spare },
    invitations,
    topic: { id: topicResponse.json().id, name: topicResponse.json().name },
    organization: { id: organizationResponse.json().id, name: organizationResponse.json().name },
    admin,
  };
}

/* Fresh objects for cells that consume what they act on (archive, remove, revoke, delete …). */

let guestHash: string | undefined;

/** A copy of workspace A or B with the same guest settings and the same memberships (end dates included). */
export async function freshWorkspace(w: World, side: Side, status: 'active' | 'archived' = 'active'): Promise<string> {
  const db = w.t.ctx.db;
  const source = await db.selectFrom('workspaces').selectAll().where('id', '=', w.workspaces[side].id).executeTakeFirstOrThrow();
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('workspaces')
    .values({
      ...source,
      id,
      name: `${source.name} copy ${unique()}`,
      status,
      version: 1,
      created_at: now,
      updated_at: now,
      archived_at: status === 'archived' ? now : null,
    })
    .execute();
  const memberships = await db.selectFrom('memberships').selectAll().where('workspace_id', '=', source.id).execute();
  await db
    .insertInto('memberships')
    .values(memberships.map((m) => ({ ...m, workspace_id: id })))
    .execute();
  return id;
}

/** An active employee in no workspace, to be invited as manager or member. */
export async function freshEmployee(w: World): Promise<{ id: string; email: string }> {
  guestHash ??= await hashPassword(PASSWORD);
  const id = newId();
  const now = new Date().toISOString();
  const n = unique();
  const email = `colleague-${n}@company.example`;
  await w.t.ctx.db
    .insertInto('users')
    .values({
      id,
      email,
      name: `Colleague ${n}`,
      kind: 'employee',
      role: 'user',
      status: 'active',
      password_hash: guestHash,
      created_at: now,
      updated_at: now,
      last_sign_in_at: null,
      external_organization_id: null,
      visible_to_guests: 0,
      extranet_group: 0,
    })
    .execute();
  return { id, email };
}

/** A guest who belongs to the workspace (A, B, or a copy of one) only so that a cell can remove them. */
export async function freshGuestMember(w: World, side: Side, workspaceId = w.workspaces[side].id): Promise<string> {
  guestHash ??= await hashPassword(PASSWORD);
  const db = w.t.ctx.db;
  const id = newId();
  const now = new Date().toISOString();
  const n = unique();
  await db
    .insertInto('users')
    .values({
      id,
      email: `throwaway-${n}@partner.example`,
      name: `Throwaway ${n}`,
      kind: 'guest',
      role: 'user',
      status: 'active',
      password_hash: guestHash,
      created_at: now,
      updated_at: now,
      last_sign_in_at: null,
      external_organization_id: null,
      visible_to_guests: 0,
      extranet_group: 0,
    })
    .execute();
  await db
    .insertInto('memberships')
    .values({
      workspace_id: workspaceId,
      user_id: id,
      role: 'guest',
      status: 'active',
      sponsor_id: w.workspaces[side].manager.id,
      expires_at: null,
      reminder_sent_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export interface InvitationOptions {
  status?: 'sent' | 'awaiting_approval';
  /** Defaults to the side's manager. */
  inviterId?: string;
  /** Defaults to the side's workspace; a copy of it, or a workspace of its own. */
  workspaceId?: string;
  email?: string;
  role?: MemberRole;
}

/** An invitation (a new guest's, unless told otherwise), sent with a usable link or waiting for approval. */
export async function freshInvitation(w: World, side: Side, options: InvitationOptions = {}): Promise<InvitationRef> {
  const status = options.status ?? 'sent';
  const id = newId();
  const now = new Date().toISOString();
  const workspaceId = options.workspaceId ?? w.workspaces[side].id;
  const token = invitationToken(w.t.ctx, id);
  await w.t.ctx.db
    .insertInto('invitations')
    .values({
      id,
      workspace_id: workspaceId,
      email: options.email ?? `invitee-${unique()}@partner.example`,
      role: options.role ?? 'guest',
      message: null,
      access_ends_at: null,
      external_organization_id: null,
      inviter_id: options.inviterId ?? w.workspaces[side].manager.id,
      status,
      token_hash: invitationTokenHash(token),
      link_expires_at: status === 'sent' ? new Date(Date.now() + 7 * 24 * 3600_000).toISOString() : null,
      sent_at: status === 'sent' ? now : null,
      decided_by: null,
      decided_at: null,
      rejection_reason: null,
      accepted_at: null,
      accepted_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, token, workspaceId };
}

/** A workspace of its own (its manager: B's manager, nobody else), for cells that add someone to it. */
export async function freshEmptyWorkspace(w: World): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const manager = w.workspaces.B.manager.id;
  await w.t.ctx.db
    .insertInto('workspaces')
    .values({
      id,
      name: `Side room ${unique()}`,
      description: '',
      topic_id: null,
      status: 'active',
      guests_can_upload: 0,
      guests_can_create_tasks: 0,
      guests_can_comment: 1,
      guests_can_see_members: 0,
      guests_can_invite: 0,
      version: 1,
      created_by: manager,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  await w.t.ctx.db
    .insertInto('memberships')
    .values({
      workspace_id: id,
      user_id: manager,
      role: 'manager',
      status: 'active',
      sponsor_id: null,
      expires_at: null,
      reminder_sent_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A personal API token of the given person. */
export async function freshApiToken(w: World, userId: string): Promise<string> {
  const id = newId();
  await w.t.ctx.db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: userId,
      name: `Token ${unique()}`,
      token_hash: hashSecret(newSecret(TOKEN_PREFIX)),
      created_at: new Date().toISOString(),
      last_used_at: null,
    })
    .execute();
  return id;
}

export async function freshTopic(w: World): Promise<string> {
  const response = await call(w.t.app, 'POST', '/api/v1/topics', { name: `Topic ${unique()}` }, w.admin);
  expectStatus(response, 201, 'creating a topic');
  return response.json().id;
}

export async function freshOrganization(w: World): Promise<string> {
  const response = await call(w.t.app, 'POST', '/api/v1/external-organizations', { name: `Partner ${unique()}` }, w.admin);
  expectStatus(response, 201, 'creating an external organization');
  return response.json().id;
}

/**
 * A second session of the caller's own account, for cells that end or replace the session they
 * use (sign-out, sign-in): the caller's main cookie stays valid for the cells after them. Callers
 * who cannot sign in keep what they have (none, or a cookie that no longer works).
 */
export async function throwawaySession(w: World, caller: WorldCaller): Promise<Caller> {
  if (!caller.person || !caller.canSignIn) return caller;
  return { cookie: await signIn(w.t.app, caller.person.email, caller.person.password) };
}
