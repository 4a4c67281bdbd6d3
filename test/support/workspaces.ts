import type { LightMyRequestResponse } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { expect } from 'vitest';
import type { MemberRole } from '../../src/shared/workspaces.js';
import { makeAdmin, makeEmployee } from './factories.js';
import { type Caller, call, callFrom, sessionCookieFrom, signIn } from './http-client.js';
import type { TestApp } from './test-app.js';

// Shared steps for the extranet suites: policies, workspaces, invitations and what a guest may see.

export const LINK = /http:\/\/foyer\.test\/invitation#token=([A-Za-z0-9_-]+)/;
export const GUEST_PASSWORD = 'a long passphrase for the guest';

let counter = 0;
/**
 * A value no other test of the run uses (names, e-mail local parts). The counter comes first, so no
 * value is the beginning of another and a search for one never finds a longer one.
 */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${counter}x${Date.now().toString(36)}`;
}

export const errorPaths = (response: LightMyRequestResponse): string[] =>
  ((response.json().errors ?? []) as { path: string }[]).map((e) => e.path);

export async function signedIn(t: TestApp, user: { email: string; password: string }): Promise<Caller> {
  return { cookie: await signIn(t.app, user.email, user.password) };
}

/** An administrator, signed in. */
export async function adminCaller(t: TestApp): Promise<Caller & { id: string }> {
  const admin = await makeAdmin(t.ctx);
  return { id: admin.id, ...(await signedIn(t, admin)) };
}

export type Policy = Partial<{
  extranetEnabled: boolean;
  workspaceCreators: 'all_employees' | 'extranet_group';
  invitationApproval: boolean;
  allowedGuestDomains: string[];
  blockedGuestDomains: string[];
  guestSeatLimit: number;
  inviterQuota: number;
  guestDefaultAccessDays: number;
  guestMaxAccessDays: number;
  guestsSeeOwnOrganization: boolean;
  guestsSeeEmployeeEmails: boolean;
  invitationValidityDays: number;
  suspendGuestsWithoutWorkspace: boolean;
}>;

/** Changes policies the way an administrator does, through PATCH /api/v1/settings. */
export async function setPolicy(t: TestApp, admin: Caller, change: Policy): Promise<void> {
  const response = await call(t.app, 'PATCH', '/api/v1/settings', change, admin);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json()).toMatchObject(change);
}

export const enableExtranet = (t: TestApp, admin: Caller, more: Policy = {}) => setPolicy(t, admin, { extranetEnabled: true, ...more });

/** Guest seats in use right now, as administrators read them. */
export async function seatsUsed(t: TestApp, admin: Caller): Promise<number> {
  return (await call(t.app, 'GET', '/api/v1/settings', undefined, admin)).json().guestSeatsUsed;
}

export interface WorkspaceBody {
  name?: string;
  description?: string;
  fields?: { label: string; value: string; visibility: 'guests' | 'internal' }[];
  guestSettings?: Partial<{ upload: boolean; createTasks: boolean; comment: boolean; seeMembers: boolean; invite: boolean }>;
}

/** Creates a workspace through the API; the caller becomes its manager. */
export async function createWorkspace(t: TestApp, caller: Caller, body: WorkspaceBody = {}) {
  const response = await call(t.app, 'POST', '/api/v1/workspaces', { name: unique('Workspace '), ...body }, caller);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; name: string; abilities: string[]; myRole: string | null; [key: string]: unknown };
}

/** A new employee, signed in, managing a new workspace. */
export async function managerWithWorkspace(t: TestApp, body: WorkspaceBody = {}) {
  const user = await makeEmployee(t.ctx, { name: unique('Manager '), email: `${unique('manager-')}@company.example` });
  const caller = await signedIn(t, user);
  const workspace = await createWorkspace(t, caller, body);
  return { ...user, caller, workspaceId: workspace.id, workspaceName: workspace.name };
}

/** Puts someone in a workspace straight in the database (for set-ups; the API paths have their own tests). */
export async function addMember(
  t: TestApp,
  workspaceId: string,
  userId: string,
  role: MemberRole,
  extra: { sponsorId?: string | null; expiresAt?: string | null } = {},
): Promise<void> {
  const now = new Date().toISOString();
  await t.ctx.db
    .insertInto('memberships')
    .values({
      workspace_id: workspaceId,
      user_id: userId,
      role,
      status: 'active',
      sponsor_id: extra.sponsorId ?? null,
      expires_at: extra.expiresAt ?? null,
      reminder_sent_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export interface InvitationBody {
  email: string;
  role: MemberRole;
  expiresAt?: string | null;
  message?: string;
  externalOrganizationId?: string | null;
}

export function invite(t: TestApp, caller: Caller, workspaceId: string, body: InvitationBody, headers: Record<string, string> = {}) {
  return call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/invitations`, body, caller, headers);
}

/** Sends an invitation that must be accepted by the server (201). */
export async function sendInvitation(t: TestApp, caller: Caller, workspaceId: string, body: InvitationBody) {
  const response = await invite(t, caller, workspaceId, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Invitation;
}

export interface Invitation {
  id: string;
  email: string;
  role: MemberRole;
  status: string;
  acceptUrl?: string;
  linkExpiresAt: string | null;
  expiresAt: string | null;
  inviter: { id: string; name: string } | null;
  externalOrganization: { id: string; name: string } | null;
  rejectionReason: string | null;
  abilities: string[];
  [key: string]: unknown;
}

export function tokenOf(acceptUrl: string | undefined): string {
  const match = LINK.exec(acceptUrl ?? '');
  if (!match?.[1]) throw new Error(`not an invitation link: ${acceptUrl}`);
  return match[1];
}

export function changeInvitation(
  t: TestApp,
  caller: Caller,
  workspaceId: string,
  invitationId: string,
  verb: 'resend' | 'revoke' | 'approve' | 'reject',
  body?: unknown,
) {
  return call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/invitations/${invitationId}/${verb}`, body, caller);
}

let addressCounter = 0;
/** A client address no other test of the file uses, so per-address throttles never meet. */
export function freshAddress(): string {
  addressCounter += 1;
  return `10.77.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

export function preview(t: TestApp, token: string, address = freshAddress()) {
  return callFrom(address, t.app, 'GET', `/api/v1/invitations/${token}`);
}

export function accept(t: TestApp, token: string, body: unknown = {}, caller: Caller = {}, address = freshAddress()) {
  return callFrom(address, t.app, 'POST', `/api/v1/invitations/${token}/accept`, body, caller);
}

export interface AcceptedGuest {
  id: string;
  email: string;
  name: string;
  password: string;
  caller: Caller;
  workspaceId: string;
}

/** A newcomer invited by `inviter` who accepts with a new account and is signed in by the acceptance. */
export async function inviteAndAccept(
  t: TestApp,
  inviter: Caller,
  workspaceId: string,
  options: { email?: string; name?: string; role?: 'guest' | 'viewer'; externalOrganizationId?: string } = {},
): Promise<AcceptedGuest> {
  const email = options.email ?? `${unique('guest-')}@partner.example`;
  const name = options.name ?? unique('Guest ');
  const invitation = await sendInvitation(t, inviter, workspaceId, {
    email,
    role: options.role ?? 'guest',
    ...(options.externalOrganizationId ? { externalOrganizationId: options.externalOrganizationId } : {}),
  });
  const response = await accept(t, tokenOf(invitation.acceptUrl), { name, password: GUEST_PASSWORD });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json();
  return { id: body.user.id, email, name, password: GUEST_PASSWORD, caller: { cookie: sessionCookieFrom(response) }, workspaceId };
}

export const sentTo = (email: string) => (m: ParsedMail) =>
  m.to !== undefined && [m.to].flat().some((a) => a.value.some((v) => v.address === email));

export interface AuditRow {
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  workspace_id: string | null;
  ip: string | null;
  details: string;
}

export async function auditOf(t: TestApp, action: string, targetId: string): Promise<AuditRow[]> {
  return t.ctx.db
    .selectFrom('audit_events')
    .select(['actor_id', 'action', 'target_type', 'target_id', 'workspace_id', 'ip', 'details'])
    .where('action', '=', action)
    .where('target_id', '=', targetId)
    .execute();
}

export interface Person {
  id: string;
  name: string;
  email: string;
}

/**
 * Every place in a JSON answer where a hidden person shows through: their name or e-mail anywhere
 * in the text, or their id anywhere but as an "Unknown user" reference.
 */
export function leaksOf(body: unknown, hidden: Person[]): string[] {
  const found: string[] = [];
  const text = JSON.stringify(body);
  for (const p of hidden) {
    if (text.includes(p.name)) found.push(`name of ${p.name}`);
    if (text.toLowerCase().includes(p.email.toLowerCase())) found.push(`e-mail of ${p.name}`);
  }
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}/${i}`);
    } else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      const person = hidden.find((p) => object.id === p.id);
      if (person && !(object.name === 'Unknown user' && Object.keys(object).sort().join() === 'id,name')) {
        found.push(`${person.name} at ${path || '/'}`);
      }
      for (const [key, v] of Object.entries(object)) walk(v, `${path}/${key}`);
    }
  };
  walk(body, '');
  return found;
}

/** E-mail addresses anywhere in a JSON answer. */
export function emailsIn(body: unknown): string[] {
  return [...JSON.stringify(body).matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/g)].map((m) => m[0].toLowerCase());
}

export const inFuture = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
export const inPast = (minutes = 1) => new Date(Date.now() - minutes * 60 * 1000).toISOString();
