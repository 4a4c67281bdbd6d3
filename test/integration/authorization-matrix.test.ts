import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import {
  buildWorld,
  CALLERS,
  type CallerName,
  freshApiToken,
  freshEmployee,
  freshEmptyWorkspace,
  freshGuestMember,
  freshInvitation,
  freshOrganization,
  freshTopic,
  freshWorkspace,
  GUEST_CALLERS,
  INTERNAL_FIELD_VALUE,
  type Side,
  throwawaySession,
  unique,
  type World,
  type WorldCaller,
} from '../support/authz-world.js';
import { PASSWORD } from '../support/factories.js';
import { type Caller, callFrom } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * The authorization matrix: every route the running app registers × every kind of caller × objects
 * inside and outside the caller's reach, with the answer docs/extranet.md promises:
 * not signed in → 401, cannot see it → 404 byte for byte like a missing id, sees it but may not → 403,
 * allowed → 2xx. A registered route without an entry here fails the suite.
 *
 * Each row of expectations lists one status per caller, in this order:
 *
 *   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
 *
 * anon: not signed in · admin: administrator · xadm: extranet administrator · mgrA: manager of A ·
 * memA: employee member of A · out: employee in no workspace · gstA / vwrA: guest / viewer of A ·
 * gstB: guest of B · rmvd: guest removed from A (account still active) · expd: guest of A whose end
 * date has passed · susp: employee of A suspended after signing in (their cookie must stop working).
 *
 * Workspace A shows its members to guests and lets guests invite; B (another manager's) has the
 * default guest settings (neither).
 *
 * Besides the status: every 404 is compared byte for byte with the same route at ids that exist
 * nowhere; no 2xx answer may name a person or workspace the caller cannot see (nor, to a guest,
 * another person's e-mail or an internal item detail); lists must agree with single reads; and two
 * modes are walked as well (creation limited to the extranet group; the extranet switched off).
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'HEAD';
type Params = Record<string, string>;
type Maybe<T> = T | Promise<T>;

interface Target {
  /** What the route is pointed at, e.g. "A", "B", "own token". */
  label: string;
  /** Values for the route's parameters; called once per cell, so it may make a fresh object. */
  params?: (w: World, caller: WorldCaller) => Maybe<Params>;
  body?: (w: World, caller: WorldCaller) => Maybe<unknown>;
  query?: string;
  /** The credentials to send, when the cell must not use the caller's main session. */
  session?: (w: World, caller: WorldCaller) => Maybe<Caller>;
  /** What a 2xx answer may contain for this caller: a message when it shows too much (or too little). */
  check?: (w: World, caller: WorldCaller, body: Record<string, unknown>) => string | undefined;
  /** Bookkeeping after the answer (e.g. a changed password). */
  after?: (w: World, caller: WorldCaller, response: LightMyRequestResponse) => Maybe<void>;
  /** One status per caller, in the order of CALLERS. */
  expect: string;
}

const everyone = (status: number) => CALLERS.map(() => String(status)).join(' ');

// Parameters of a workspace, and of things inside it.
const ws = (side: Side) => (w: World) => ({ id: w.workspaces[side].id });
const workspaceTargets = (A: string, B: string, extra: Partial<Target> = {}): Target[] => [
  { label: 'A', params: ws('A'), expect: A, ...extra },
  { label: 'B', params: ws('B'), expect: B, ...extra },
];

/** An invitation made fresh for each cell (revoke, approve … consume theirs), in A, a copy of A or B. */
const freshInvitationParams =
  (side: Side, status: 'sent' | 'awaiting_approval', options: { by?: CallerName; archivedCopy?: boolean; underA?: boolean } = {}) =>
  async (w: World): Promise<Params> => {
    const inviterId = options.by ? w.callers[options.by].person?.id : undefined;
    const workspaceId = options.archivedCopy ? await freshWorkspace(w, side, 'archived') : undefined;
    const invitation = await freshInvitation(w, side, {
      status,
      ...(inviterId ? { inviterId } : {}),
      ...(workspaceId ? { workspaceId } : {}),
    });
    // underA: B's invitation asked for through A's address.
    return { id: options.underA ? w.workspaces.A.id : invitation.workspaceId, invitationId: invitation.id };
  };

//                                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
const NOWHERE_FOR_ANYONE /*    */ = '401   404   404   404   404   404   404   404   404   404   404   401';

interface VerbRows {
  A: string;
  AByGuest: string;
  /** Sent by A's viewer while they were still a guest: a viewer is read-only. */
  AByViewer: string;
  B: string;
  /** Sent by B's guest while B let guests invite (it no longer does). */
  BByGuest: string;
  archivedA: string;
}

const invitationVerb = (status: 'sent' | 'awaiting_approval', rows: VerbRows, body?: Target['body']): Target[] =>
  [
    { label: 'A, invited by its manager', params: freshInvitationParams('A', status), expect: rows.A },
    { label: 'A, invited by its guest', params: freshInvitationParams('A', status, { by: 'guestA' }), expect: rows.AByGuest },
    {
      label: 'A, invited by its viewer once a guest',
      params: freshInvitationParams('A', status, { by: 'viewerA' }),
      expect: rows.AByViewer,
    },
    { label: 'B', params: freshInvitationParams('B', status), expect: rows.B },
    {
      label: 'B, invited by its guest when B allowed it',
      params: freshInvitationParams('B', status, { by: 'guestB' }),
      expect: rows.BByGuest,
    },
    { label: 'an archived copy of A', params: freshInvitationParams('A', status, { archivedCopy: true }), expect: rows.archivedA },
    { label: "A's address, B's invitation", params: freshInvitationParams('B', status, { underA: true }), expect: NOWHERE_FOR_ANYONE },
  ].map((target) => (body ? { ...target, body } : target));

const self = (w: World, caller: WorldCaller) => caller.person ?? w.people.spare;
const governs = (caller: WorldCaller) => caller.name === 'admin' || caller.name === 'extranetAdmin';

/** Only those who govern the extranet read people's extranet flags and organization. */
const extranetFieldsOnlyForGovernors: Target['check'] = (_w, caller, body) => {
  const shown = ['visibleToGuests', 'extranetGroup', 'externalOrganization'].filter((field) => field in body);
  if (governs(caller) && shown.length !== 3) return `misses extranet fields (has ${shown.join(', ') || 'none'})`;
  if (!governs(caller) && shown.length > 0) return `shows ${shown.join(', ')}`;
  return undefined;
};

//                                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
const SIGNED_IN /*             */ = '401   200   200   200   200   200   200   200   200   200   200   401';
const EMPLOYEES_ONLY /*        */ = '401   200   200   200   200   200   403   403   403   403   403   401';
const GOVERNORS_ONLY /*        */ = '401   200   200   403   403   403   403   403   403   403   403   401';

/** Every registered route (method and URL pattern as Fastify reports them) and its cells. */
const MATRIX: Record<string, Target[]> = {
  // ── Outside the API: the docs and health checks are public and look up no session. ──
  'GET /healthz': [{ label: 'none', expect: everyone(200) }],
  'GET /readyz': [{ label: 'none', expect: everyone(200) }],
  'GET /api/docs': [{ label: 'none', expect: everyone(200) }],
  'HEAD /api/docs/': [{ label: 'none', expect: everyone(200) }],
  'GET /api/docs/static/index.html': [{ label: 'none', expect: everyone(302) }],
  'GET /api/docs/static/swagger-initializer.js': [{ label: 'none', expect: everyone(200) }],
  'GET /api/docs/static/*': [{ label: 'a file', params: () => ({ '*': 'swagger-ui.css' }), expect: everyone(200) }],
  'GET /api/docs/json': [{ label: 'none', expect: everyone(200) }],
  'GET /api/docs/yaml': [{ label: 'none', expect: everyone(200) }],
  'GET /api/v1/openapi.json': [{ label: 'none', expect: everyone(200) }],

  // ── Public account routes. ──
  'GET /api/v1/instance': [{ label: 'none', expect: everyone(200) }],
  'POST /api/v1/setup': [
    {
      label: 'setup already done',
      body: () => ({
        token: 'x'.repeat(43),
        organizationName: 'Other',
        name: 'Intruder',
        email: `i-${unique()}@x.example`,
        password: PASSWORD,
      }),
      expect: everyone(404),
    },
  ],
  'POST /api/v1/auth/login': [
    {
      // Each caller signs in with its own account (the anonymous caller with a spare one), from a
      // second session so that its main one survives; a suspended account is refused.
      label: 'own credentials',
      session: throwawaySession,
      body: (w, c) => ({ email: self(w, c).email, password: self(w, c).password }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '200   200   200   200   200   200   200   200   200   200   200   401',
    },
  ],
  'POST /api/v1/auth/logout': [{ label: 'a second session', session: throwawaySession, expect: everyone(204) }],
  'POST /api/v1/auth/password/forgot': [{ label: 'none', body: () => ({ email: `nobody-${unique()}@x.example` }), expect: everyone(202) }],
  'POST /api/v1/auth/password/reset': [
    { label: 'unknown link', body: () => ({ token: `t${unique()}`, password: `${PASSWORD} again` }), expect: everyone(400) },
  ],

  // ── Profile: every signed-in person, for their own account only. ──
  'GET /api/v1/me': [{ label: 'none', expect: SIGNED_IN }],
  'PATCH /api/v1/me': [{ label: 'none', body: (w, c) => ({ name: self(w, c).name }), expect: SIGNED_IN }],
  'POST /api/v1/me/password': [
    {
      label: 'own password',
      body: (w, c) => ({ currentPassword: self(w, c).password, newPassword: `${PASSWORD} ${c.name}` }),
      after: (_w, c, response) => {
        if (response.statusCode === 204 && c.person) c.person.password = `${PASSWORD} ${c.name}`;
      },
      expect: '401   204   204   204   204   204   204   204   204   204   204   401',
    },
  ],
  'GET /api/v1/me/tokens': [{ label: 'none', expect: SIGNED_IN }],
  'POST /api/v1/me/tokens': [
    {
      label: 'none',
      body: () => ({ name: `Token ${unique()}` }),
      expect: '401   201   201   201   201   201   201   201   201   201   201   401',
    },
  ],
  'DELETE /api/v1/me/tokens/:id': [
    {
      label: 'own token',
      params: async (w, c) => ({ id: await freshApiToken(w, self(w, c).id) }),
      expect: '401   204   204   204   204   204   204   204   204   204   204   401',
    },
    {
      label: "another person's token",
      params: async (w) => ({ id: await freshApiToken(w, w.people.spare.id) }),
      expect: '401   404   404   404   404   404   404   404   404   404   404   401',
    },
  ],

  // ── People: the directory rule decides who is seen; suspension and flags are for the governors. ──
  'GET /api/v1/users': [{ label: 'none', expect: SIGNED_IN }],
  'POST /api/v1/users': [
    {
      label: 'none',
      body: () => ({ email: `new-${unique()}@company.example`, name: 'New Employee', password: PASSWORD }),
      expect: '401   201   403   403   403   403   403   403   403   403   403   401',
    },
  ],
  'GET /api/v1/users/:id': [
    { label: 'self', params: (w, c) => ({ id: self(w, c).id }), check: extranetFieldsOnlyForGovernors, expect: SIGNED_IN },
    {
      label: 'guest of A',
      params: (w) => ({ id: w.people.guestOfA.id }),
      check: extranetFieldsOnlyForGovernors,
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   200   200   200   200   200   200   200   404   404   404   401',
    },
    {
      label: 'employee of A',
      params: (w) => ({ id: w.people.employeeOfA.id }),
      expect: '401   200   200   200   200   200   200   200   404   404   404   401',
    },
    {
      label: 'guest of B',
      params: (w) => ({ id: w.people.guestOfB.id }),
      expect: '401   200   200   200   200   200   404   404   404   404   404   401',
    },
    {
      label: 'employee of B',
      params: (w) => ({ id: w.people.employeeOfB.id }),
      expect: '401   200   200   200   200   200   404   404   404   404   404   401',
    },
    {
      // Employees see active people only; those who govern the extranet see everyone.
      label: 'suspended employee of A',
      params: (w) => ({ id: w.callers.suspended.person?.id ?? '' }),
      check: extranetFieldsOnlyForGovernors,
      expect: '401   200   200   404   404   404   404   404   404   404   404   401',
    },
  ],
  'PATCH /api/v1/users/:id': [
    {
      // Nobody suspends (or reactivates) themselves, administrators included.
      label: 'self, status',
      params: (w, c) => ({ id: self(w, c).id }),
      body: () => ({ status: 'active' }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   403   403   403   403   403   403   403   403   403   403   401',
    },
    {
      // Extranet administrators suspend guests, not employees; roles are the administrators'.
      label: 'employee of A, status',
      params: (w) => ({ id: w.people.employeeOfA.id }),
      body: () => ({ status: 'active' }),
      expect: '401   200   403   403   403   403   403   403   404   404   404   401',
    },
    {
      label: 'suspended employee of A, status unchanged',
      params: (w) => ({ id: w.callers.suspended.person?.id ?? '' }),
      body: () => ({ status: 'suspended' }),
      expect: '401   200   403   404   404   404   404   404   404   404   404   401',
    },
    {
      label: 'employee of A, role',
      params: (w) => ({ id: w.people.employeeOfA.id }),
      body: () => ({ role: 'user' }),
      expect: '401   200   403   403   403   403   403   403   404   404   404   401',
    },
    {
      label: 'guest of A, organization',
      params: (w) => ({ id: w.people.guestOfA.id }),
      body: () => ({ externalOrganizationId: null }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   200   200   403   403   403   403   403   404   404   404   401',
    },
    {
      label: 'guest of B, status',
      params: (w) => ({ id: w.people.guestOfB.id }),
      body: () => ({ status: 'active' }),
      expect: '401   200   200   403   403   403   404   404   404   404   404   401',
    },
    {
      label: 'employee of A, extranet flags',
      params: (w) => ({ id: w.people.employeeOfA.id }),
      body: () => ({ visibleToGuests: false }),
      expect: '401   200   200   403   403   403   403   403   404   404   404   401',
    },
    {
      label: 'employee of B, extranet flags',
      params: (w) => ({ id: w.people.employeeOfB.id }),
      body: () => ({ extranetGroup: false }),
      expect: '401   200   200   403   403   403   404   404   404   404   404   401',
    },
  ],

  // ── Organization settings and the extranet's catalogs. ──
  'GET /api/v1/settings': [
    {
      label: 'none',
      // The policies are for those who govern the extranet; others read the name and whether it is on.
      check: (_w, caller, body) => {
        const keys = Object.keys(body).sort().join(',');
        if (governs(caller)) return 'workspaceCreators' in body && 'guestSeatsUsed' in body ? undefined : `misses the policies (${keys})`;
        return keys === 'abilities,extranetEnabled,organizationName' ? undefined : `shows ${keys}`;
      },
      expect: SIGNED_IN,
    },
  ],
  'PATCH /api/v1/settings': [
    { label: 'a policy, unchanged', body: () => ({ extranetEnabled: true }), expect: GOVERNORS_ONLY },
    {
      // Extranet administrators change every field but the organization's name.
      label: 'the organization name',
      body: () => ({ organizationName: `Org ${unique()}` }),
      expect: '401   200   403   403   403   403   403   403   403   403   403   401',
    },
  ],
  'GET /api/v1/topics': [{ label: 'none', expect: EMPLOYEES_ONLY }],
  'POST /api/v1/topics': [
    {
      label: 'none',
      body: () => ({ name: `Topic ${unique()}` }),
      expect: '401   201   201   403   403   403   403   403   403   403   403   401',
    },
  ],
  'PATCH /api/v1/topics/:id': [
    { label: 'a topic', params: (w) => ({ id: w.topic.id }), body: (w) => ({ name: w.topic.name }), expect: GOVERNORS_ONLY },
  ],
  'DELETE /api/v1/topics/:id': [
    {
      label: 'a fresh topic',
      params: async (w) => ({ id: await freshTopic(w) }),
      expect: '401   204   204   403   403   403   403   403   403   403   403   401',
    },
  ],
  'GET /api/v1/external-organizations': [{ label: 'none', expect: EMPLOYEES_ONLY }],
  'POST /api/v1/external-organizations': [
    {
      label: 'none',
      body: () => ({ name: `Partner ${unique()}`, domains: [`d${unique()}.example`] }),
      expect: '401   201   201   403   403   403   403   403   403   403   403   401',
    },
  ],
  'GET /api/v1/external-organizations/:id': [
    { label: 'an organization', params: (w) => ({ id: w.organization.id }), expect: EMPLOYEES_ONLY },
  ],
  'PATCH /api/v1/external-organizations/:id': [
    {
      label: 'an organization',
      params: (w) => ({ id: w.organization.id }),
      body: (w) => ({ name: w.organization.name }),
      expect: GOVERNORS_ONLY,
    },
  ],
  'DELETE /api/v1/external-organizations/:id': [
    {
      label: 'a fresh organization',
      params: async (w) => ({ id: await freshOrganization(w) }),
      expect: '401   204   204   403   403   403   403   403   403   403   403   401',
    },
  ],

  // ── Workspaces. ──
  'GET /api/v1/workspaces': [{ label: 'none', expect: SIGNED_IN }],
  'POST /api/v1/workspaces': [
    {
      label: 'none',
      body: () => ({ name: `Workspace ${unique()}` }),
      expect: '401   201   201   201   201   201   403   403   403   403   403   401',
    },
  ],
  'GET /api/v1/workspaces/:id': workspaceTargets(
    //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
    '401   200   200   200   200   404   200   200   404   404   404   401',
    '401   200   200   404   404   404   404   404   200   404   404   401',
  ),
  'PATCH /api/v1/workspaces/:id': [
    ...workspaceTargets(
      '401   200   200   200   403   404   403   403   404   404   404   401',
      '401   200   200   404   404   404   404   404   403   404   404   401',
      { body: () => ({ description: `Changed ${unique()}` }) },
    ),
    {
      // Archived: read-only for everyone (409) — once the caller may see it and would be allowed.
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      body: () => ({ description: `Changed ${unique()}` }),
      expect: '401   409   409   409   403   404   403   403   404   404   404   401',
    },
  ],
  'POST /api/v1/workspaces/:id/archive': [
    {
      label: 'a fresh copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A') }),
      expect: '401   200   200   200   403   404   403   403   404   404   404   401',
    },
    {
      label: 'a fresh copy of B',
      params: async (w) => ({ id: await freshWorkspace(w, 'B') }),
      expect: '401   200   200   404   404   404   404   404   403   404   404   401',
    },
    {
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      expect: '401   409   409   409   403   404   403   403   404   404   404   401',
    },
  ],
  'POST /api/v1/workspaces/:id/restore': [
    {
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      expect: '401   200   200   200   403   404   403   403   404   404   404   401',
    },
    {
      label: 'an archived copy of B',
      params: async (w) => ({ id: await freshWorkspace(w, 'B', 'archived') }),
      expect: '401   200   200   404   404   404   404   404   403   404   404   401',
    },
    {
      // Not archived: those who may restore are told it conflicts with the workspace's state.
      label: 'A, not archived',
      params: ws('A'),
      expect: '401   409   409   409   403   404   403   403   404   404   404   401',
    },
  ],

  // ── Members. ──
  'GET /api/v1/workspaces/:id/members': workspaceTargets(
    //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
    '401   200   200   200   200   404   200   200   404   404   404   401',
    '401   200   200   404   404   404   404   404   403   404   404   401',
  ),
  'PATCH /api/v1/workspaces/:id/members/:userId': [
    {
      label: 'employee of A',
      params: (w) => ({ id: w.workspaces.A.id, userId: w.people.employeeOfA.id }),
      body: () => ({ role: 'member' }),
      expect: '401   200   200   200   403   404   403   403   404   404   404   401',
    },
    {
      // B hides its member list from guests, so its guest cannot see the member either.
      label: 'employee of B',
      params: (w) => ({ id: w.workspaces.B.id, userId: w.people.employeeOfB.id }),
      body: () => ({ role: 'member' }),
      expect: '401   200   200   404   404   404   404   404   404   404   404   401',
    },
    {
      label: 'employee of A, in an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived'), userId: w.people.employeeOfA.id }),
      body: () => ({ role: 'member' }),
      expect: '401   409   409   409   403   404   403   403   404   404   404   401',
    },
    {
      label: "A's address, B's member",
      params: (w) => ({ id: w.workspaces.A.id, userId: w.people.employeeOfB.id }),
      body: () => ({ role: 'member' }),
      expect: NOWHERE_FOR_ANYONE,
    },
  ],
  'DELETE /api/v1/workspaces/:id/members/:userId': [
    {
      label: 'a fresh guest of A',
      params: async (w) => ({ id: w.workspaces.A.id, userId: await freshGuestMember(w, 'A') }),
      expect: '401   204   204   204   403   404   403   403   404   404   404   401',
    },
    {
      label: 'a fresh guest of B',
      params: async (w) => ({ id: w.workspaces.B.id, userId: await freshGuestMember(w, 'B') }),
      expect: '401   204   204   404   404   404   404   404   404   404   404   401',
    },
    {
      label: 'a fresh guest of an archived copy of A',
      params: async (w) => {
        const id = await freshWorkspace(w, 'A', 'archived');
        return { id, userId: await freshGuestMember(w, 'A', id) };
      },
      expect: '401   409   409   409   403   404   403   403   404   404   404   401',
    },
    {
      label: "A's address, a fresh guest of B",
      params: async (w) => ({ id: w.workspaces.A.id, userId: await freshGuestMember(w, 'B') }),
      expect: NOWHERE_FOR_ANYONE,
    },
  ],

  // ── Invitations. ──
  'POST /api/v1/workspaces/:id/invitations': [
    ...workspaceTargets(
      //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      '401   201   201   201   403   404   201   403   404   404   404   401',
      '401   201   201   404   404   404   404   404   403   404   404   401',
      { body: () => ({ email: `invitee-${unique()}@partner.example`, role: 'guest' }) },
    ),
    // Employees join as members only through a workspace's managers (and the governors).
    ...workspaceTargets(
      '401   201   201   201   403   404   403   403   404   404   404   401',
      '401   201   201   404   404   404   404   404   403   404   404   401',
      { body: async (w) => ({ email: (await freshEmployee(w)).email, role: 'member' }) },
    ).map((target) => ({ ...target, label: `${target.label}, an employee as member` })),
    {
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      body: () => ({ email: `invitee-${unique()}@partner.example`, role: 'guest' }),
      expect: '401   409   409   409   403   404   409   403   404   404   404   401',
    },
  ],
  'GET /api/v1/workspaces/:id/invitations': workspaceTargets(
    '401   200   200   200   403   404   200   403   404   404   404   401',
    '401   200   200   404   404   404   404   404   403   404   404   401',
  ),
  // Managers see every invitation of their workspace, a guest the ones they sent; others do not see them.
  // Resending renews the link: it is inviting again, so only who may invite now (docs/extranet.md).
  // The server still lets a viewer, and a guest whose workspace no longer lets guests invite, resend
  // what they once sent (200, with the link): those two cells fail until the policy asks for `invite`.
  'POST /api/v1/workspaces/:id/invitations/:invitationId/resend': invitationVerb('sent', {
    //          anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
    A: /*    */ '401   200   200   200   404   404   404   404   404   404   404   401',
    AByGuest: ' 401   200   200   200   404   404   200   404   404   404   404   401',
    AByViewer: '401   200   200   200   404   404   404   403   404   404   404   401',
    B: /*    */ '401   200   200   404   404   404   404   404   404   404   404   401',
    BByGuest: ' 401   200   200   404   404   404   404   404   403   404   404   401',
    archivedA: '401   409   409   409   404   404   404   404   404   404   404   401',
  }),
  // Revoking takes access away; a viewer is read-only (the server answers 200 today), a guest may
  // withdraw what they sent (the policy's reading; the docs do not say).
  'POST /api/v1/workspaces/:id/invitations/:invitationId/revoke': invitationVerb('sent', {
    A: /*    */ '401   200   200   200   404   404   404   404   404   404   404   401',
    AByGuest: ' 401   200   200   200   404   404   200   404   404   404   404   401',
    AByViewer: '401   200   200   200   404   404   404   403   404   404   404   401',
    B: /*    */ '401   200   200   404   404   404   404   404   404   404   404   401',
    // Once B stopped guest invitations, its guest keeps nothing alive, not even to revoke: the managers do.
    BByGuest: ' 401   200   200   404   404   404   404   404   403   404   404   401',
    archivedA: '401   409   409   409   404   404   404   404   404   404   404   401',
  }),
  // Approval is for administrators and extranet administrators; those who see the invitation get 403.
  'POST /api/v1/workspaces/:id/invitations/:invitationId/approve': invitationVerb('awaiting_approval', {
    A: /*    */ '401   200   200   403   404   404   404   404   404   404   404   401',
    AByGuest: ' 401   200   200   403   404   404   403   404   404   404   404   401',
    AByViewer: '401   200   200   403   404   404   404   403   404   404   404   401',
    B: /*    */ '401   200   200   404   404   404   404   404   404   404   404   401',
    BByGuest: ' 401   200   200   404   404   404   404   404   403   404   404   401',
    archivedA: '401   409   409   403   404   404   404   404   404   404   404   401',
  }),
  'POST /api/v1/workspaces/:id/invitations/:invitationId/reject': invitationVerb(
    'awaiting_approval',
    {
      A: /*    */ '401   200   200   403   404   404   404   404   404   404   404   401',
      AByGuest: ' 401   200   200   403   404   404   403   404   404   404   404   401',
      AByViewer: '401   200   200   403   404   404   404   403   404   404   404   401',
      B: /*    */ '401   200   200   404   404   404   404   404   404   404   404   401',
      BByGuest: ' 401   200   200   404   404   404   404   404   403   404   404   401',
      archivedA: '401   409   409   403   404   404   404   404   404   404   404   401',
    },
    () => ({ reason: 'Not this time' }),
  ),
  'GET /api/v1/invitations': [{ label: 'approval queue', query: '?status=awaiting_approval', expect: GOVERNORS_ONLY }],
  // The link is the credential: anyone holding it may look.
  'GET /api/v1/invitations/:token': [
    { label: 'open invitation of A', params: (w) => ({ token: w.invitations.A.token }), expect: everyone(200) },
    { label: 'open invitation of B', params: (w) => ({ token: w.invitations.B.token }), expect: everyone(200) },
  ],
  // A newcomer accepts; a different signed-in person gets 403 (the suspended caller's cookie is dead, so it is a newcomer).
  'POST /api/v1/invitations/:token/accept': [
    ...(['A', 'B'] as const).map((side) => ({
      label: `fresh invitation of ${side}`,
      params: async (w: World) => ({ token: (await freshInvitation(w, side)).token }),
      body: () => ({ name: `Newcomer ${unique()}`, password: PASSWORD }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '200   403   403   403   403   403   403   403   403   403   403   200',
    })),
    {
      // Addressed to the caller, into a workspace of its own: accepted while signed in; an existing
      // account that is not signed in (anonymous: a spare employee's; suspended: its own) gets 409.
      label: 'invitation addressed to the caller',
      params: async (w, c) => {
        const workspaceId = await freshEmptyWorkspace(w);
        const role = GUEST_CALLERS.has(c.name) ? 'guest' : 'member';
        return { token: (await freshInvitation(w, 'B', { workspaceId, email: self(w, c).email, role })).token };
      },
      body: () => ({}),
      expect: '409   200   200   200   200   200   200   200   200   200   200   409',
    },
  ],
};

function parseRow(row: string, where: string): Record<CallerName, number> {
  const statuses = row.trim().split(/\s+/).map(Number);
  if (statuses.length !== CALLERS.length || statuses.some((s) => !Number.isInteger(s) || s < 100 || s > 599)) {
    throw new Error(`${where}: expected ${CALLERS.length} statuses, got "${row}"`);
  }
  return Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i]])) as Record<CallerName, number>;
}

const split = (key: string) => key.split(' ') as [Method, string];

function fill(pattern: string, params: Params): string {
  return pattern
    .replace(/:(\w+)/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`);
      return encodeURIComponent(value);
    })
    .replace('*', () => params['*'] ?? '');
}

/** The same route pointed at ids that exist nowhere. */
const nowhere = (pattern: string) => fill(pattern.replace('*', 'missing.css'), new Proxy({}, { get: () => newId() }) as Params);

let address = 0;
/** A fresh client address per request, so the per-address throttles never interfere with the matrix. */
function nextAddress(): string {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

const snippet = (response: LightMyRequestResponse) => response.body.slice(0, 160);

/** The invitation link is the credential: its preview names the workspace and the invitee to whoever holds it. */
const SCAN_EXEMPT = new Set(['GET /api/v1/invitations/:token']);

/**
 * What must never appear in an answer to this caller, whatever the route: the names of people and
 * workspaces the matrix says it cannot see; for guests also every other person's e-mail address
 * (guests never see another guest's; employees' only with guestsSeeEmployeeEmails, off here) and
 * A's internal item detail.
 */
function secretsFor(name: CallerName): string[] {
  const row = (key: string, label: string) => {
    const target = MATRIX[key]?.find((x) => x.label === label);
    if (!target) throw new Error(`no ${label} target for ${key}`);
    return parseRow(target.expect, key)[name];
  };
  const secrets: string[] = [];
  const people = {
    'guest of A': w.people.guestOfA,
    'employee of A': w.people.employeeOfA,
    'guest of B': w.people.guestOfB,
    'employee of B': w.people.employeeOfB,
  };
  for (const [label, person] of Object.entries(people)) if (row('GET /api/v1/users/:id', label) !== 200) secrets.push(person.name);
  for (const side of ['A', 'B'] as const) if (row('GET /api/v1/workspaces/:id', side) !== 200) secrets.push(`Workspace ${side}`);
  if (GUEST_CALLERS.has(name)) {
    const everybody = [...Object.values(w.people), ...CALLERS.flatMap((c) => (w.callers[c].person ? [w.callers[c].person] : []))];
    const own = w.callers[name].person?.email;
    secrets.push(...everybody.map((p) => p.email).filter((email) => email !== own));
    secrets.push(INTERNAL_FIELD_VALUE);
  }
  return secrets;
}

let t: TestApp;
let w: World;
let cells = 0;

/** Runs every caller against every target of one route; returns the cells that answer otherwise. */
async function runCells(key: string, targets: Target[]): Promise<string[]> {
  const [method, pattern] = split(key);
  const registered = new Set(routeKeys());
  if (!registered.has(key)) return [`${key} is not registered`];
  const head = method === 'GET' && registered.has(`HEAD ${pattern}`);
  const wrong: string[] = [];
  for (const target of targets) {
    const expected = parseRow(target.expect, `${key} → ${target.label}`);
    for (const name of CALLERS) {
      const caller = w.callers[name];
      const cell = `${name} → ${target.label}`;
      const params = target.params ? await target.params(w, caller) : {};
      const url = fill(pattern, params) + (target.query ?? '');
      const body = target.body ? await target.body(w, caller) : undefined;
      const credentials = target.session ? await target.session(w, caller) : caller;
      const response = await callFrom(nextAddress(), t.app, method, url, body, credentials);
      cells += 1;
      await target.after?.(w, caller, response);
      const want = expected[name];
      if (response.statusCode < 300 && !SCAN_EXEMPT.has(key)) {
        const leaked = secretsFor(name).filter((secret) => response.body.includes(secret));
        if (leaked.length > 0) wrong.push(`${cell}: the answer reveals ${leaked.join(', ')}`);
      }
      if (response.statusCode < 300 && target.check && response.body) {
        const problem = target.check(w, caller, response.json());
        if (problem) wrong.push(`${cell}: ${problem}`);
      }
      if (response.statusCode !== want) {
        wrong.push(`${cell}: got ${response.statusCode}, expected ${want} (${snippet(response)})`);
        continue;
      }
      if (want === 404) {
        // Invisible must read exactly like missing: the same route at ids that exist nowhere.
        const missing = await callFrom(nextAddress(), t.app, method, nowhere(pattern) + (target.query ?? ''), body, credentials);
        if (missing.statusCode !== 404 || missing.body !== response.body) {
          wrong.push(`${cell}: 404 body differs from a missing id's (${missing.statusCode} ${snippet(missing)} vs ${snippet(response)})`);
        }
      }
      if (head) {
        // Fastify's HEAD twin answers like its GET (with fresh params: the GET may have used its target).
        const headParams = target.params ? await target.params(w, caller) : {};
        const headUrl = fill(pattern, headParams) + (target.query ?? '');
        const headResponse = await callFrom(nextAddress(), t.app, 'HEAD', headUrl, undefined, credentials);
        cells += 1;
        if (headResponse.statusCode !== want) wrong.push(`HEAD ${cell}: got ${headResponse.statusCode}, expected ${want}`);
      }
    }
  }
  return wrong;
}

beforeAll(async () => {
  t = await startTestApp();
  w = await buildWorld(t);
});

afterAll(async () => {
  console.info(`authorization matrix: ${cells} cells`);
  await t?.close();
});

const routeKeys = () => t.app.routeTable.map((r) => `${r.method} ${r.url}`);

describe('authorization matrix', () => {
  it('has an entry for every registered route (HEAD twins follow their GET)', () => {
    const registered = new Set(routeKeys());
    const missing = [...registered].filter((key) => {
      if (MATRIX[key]) return false;
      const [method, url] = split(key);
      return !(method === 'HEAD' && MATRIX[`GET ${url}`] && registered.has(`GET ${url}`));
    });
    expect(missing, `routes without an authorization matrix entry: ${missing.join(', ')}`).toEqual([]);
  });

  it('has no entry for a route the app does not register', () => {
    const registered = new Set(routeKeys());
    const stale = Object.keys(MATRIX).filter((key) => !registered.has(key));
    expect(stale, `matrix entries for routes that do not exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('starts from the world it describes', async () => {
    const me = async (name: CallerName) =>
      (await callFrom(nextAddress(), t.app, 'GET', '/api/v1/me', undefined, w.callers[name])).statusCode;
    for (const name of CALLERS) expect([name, await me(name)]).toEqual([name, name === 'anonymous' || name === 'suspended' ? 401 : 200]);
    const memberships = await t.ctx.db
      .selectFrom('memberships')
      .select(['user_id', 'role'])
      .where('workspace_id', '=', w.workspaces.A.id)
      .execute();
    const roleOf = (name: CallerName) => memberships.find((m) => m.user_id === w.callers[name].person?.id)?.role;
    expect(CALLERS.map((c) => [c, roleOf(c)])).toEqual(
      CALLERS.map((c) => [
        c,
        (
          {
            managerA: 'manager',
            memberA: 'member',
            guestA: 'guest',
            viewerA: 'viewer',
            expiredGuest: 'guest',
            suspended: 'member',
          } as Record<string, string>
        )[c],
      ]),
    );
  });

  // Before the cells run, while the world holds only its own objects: a list must show exactly
  // what the single read of the same object allows (a list that leaks answers no 404 to catch).
  it('lists show exactly the workspaces and people the single reads allow', async () => {
    const allowed = (key: string, label: string) => {
      const target = MATRIX[key]?.find((x) => x.label === label);
      if (!target) throw new Error(`no ${label} target for ${key}`);
      return parseRow(target.expect, key);
    };
    const wrong: string[] = [];
    for (const name of CALLERS.filter((c) => c !== 'anonymous' && c !== 'suspended')) {
      const caller = w.callers[name];
      const get = async (url: string) => {
        const response = await callFrom(nextAddress(), t.app, 'GET', url, undefined, caller);
        expect([name, url, response.statusCode]).toEqual([name, url, 200]);
        return response.json().items as Array<{ id: string }>;
      };
      const listed = new Set((await get('/api/v1/workspaces?limit=200')).map((item) => item.id));
      for (const side of ['A', 'B'] as const) {
        const should = allowed('GET /api/v1/workspaces/:id', side)[name] === 200;
        if (listed.has(w.workspaces[side].id) !== should)
          wrong.push(`${name}: workspace ${side} ${should ? 'missing from' : 'leaks into'} the list`);
      }
      const people = {
        'guest of A': w.people.guestOfA,
        'employee of A': w.people.employeeOfA,
        'guest of B': w.people.guestOfB,
        'employee of B': w.people.employeeOfB,
      };
      for (const [label, person] of Object.entries(people)) {
        const should = allowed('GET /api/v1/users/:id', label)[name] === 200;
        const found = (await get(`/api/v1/users?limit=200&q=${encodeURIComponent(person.name)}`)).some((u) => u.id === person.id);
        if (found !== should) wrong.push(`${name}: ${label} ${should ? 'missing from' : 'leaks into'} the people list`);
      }
      if (allowed('GET /api/v1/workspaces/:id/invitations', 'A')[name] === 200 && !['admin', 'extranetAdmin', 'managerA'].includes(name)) {
        // Someone who does not manage A lists only the invitations they sent.
        const items = (await get(`/api/v1/workspaces/${w.workspaces.A.id}/invitations`)) as unknown as Array<{
          inviter: { id: string } | null;
        }>;
        if (items.length === 0 || items.some((i) => i.inviter?.id !== caller.person?.id))
          wrong.push(`${name}: lists invitations it did not send`);
      }
    }
    expect(wrong).toEqual([]);
  });

  for (const [key, targets] of Object.entries(MATRIX)) {
    it(key, async () => {
      expect(await runCells(key, targets), `${key}: cells that differ from docs/extranet.md`).toEqual([]);
    });
  }

  // The creation policy limited to the extranet group: managers outside it may no longer invite
  // guests (employees still), nor anyone outside it create workspaces; a guest's right to invite
  // comes from the workspace alone (the policy code's reading; docs/extranet.md does not say).
  it('with workspace creation limited to the extranet group', async () => {
    const setCreators = async (workspaceCreators: string) =>
      expect((await callFrom(nextAddress(), t.app, 'PATCH', '/api/v1/settings', { workspaceCreators }, w.callers.admin)).statusCode).toBe(
        200,
      );
    const setGroup = async (extranetGroup: boolean) =>
      expect(
        (
          await callFrom(
            nextAddress(),
            t.app,
            'PATCH',
            `/api/v1/users/${w.callers.managerA.person?.id}`,
            { extranetGroup },
            w.callers.admin,
          )
        ).statusCode,
      ).toBe(200);
    const guestInvitation: Target['body'] = () => ({ email: `invitee-${unique()}@partner.example`, role: 'guest' });
    await setCreators('extranet_group');
    try {
      const wrong = [
        ...(await runCells('POST /api/v1/workspaces', [
          {
            label: 'outside the group',
            body: () => ({ name: `Workspace ${unique()}` }),
            //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
            expect: '401   201   201   403   403   403   403   403   403   403   403   401',
          },
        ])),
        ...(await runCells('POST /api/v1/workspaces/:id/invitations', [
          {
            label: 'A, a guest, outside the group',
            params: ws('A'),
            body: guestInvitation,
            expect: '401   201   201   403   403   404   201   403   404   404   404   401',
          },
          {
            label: 'A, an employee as member, outside the group',
            params: ws('A'),
            body: async (world) => ({ email: (await freshEmployee(world)).email, role: 'member' }),
            expect: '401   201   201   201   403   404   403   403   404   404   404   401',
          },
        ])),
      ];
      await setGroup(true);
      wrong.push(
        ...(await runCells('POST /api/v1/workspaces/:id/invitations', [
          {
            label: 'A, a guest, manager of A in the group',
            params: ws('A'),
            body: guestInvitation,
            expect: '401   201   201   201   403   404   201   403   404   404   404   401',
          },
        ])),
      );
      expect(wrong).toEqual([]);
    } finally {
      await setGroup(false);
      await setCreators('all_employees');
    }
  });

  // Last, because it closes the extranet for everyone: guests keep their accounts but may do
  // nothing except sign out, on every API route, public ones included; employees go on as before.
  it('with the extranet switched off, refuses guests on every API route but sign-out', async () => {
    expect(
      (await callFrom(nextAddress(), t.app, 'PATCH', '/api/v1/settings', { extranetEnabled: false }, w.callers.admin)).statusCode,
    ).toBe(200);
    const wrong: string[] = [];
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && `${r.method} ${r.url}` !== 'POST /api/v1/auth/logout');
    for (const name of GUEST_CALLERS) {
      for (const route of routes) {
        const response = await callFrom(
          nextAddress(),
          t.app,
          route.method as Method,
          nowhere(route.url),
          route.method === 'GET' || route.method === 'HEAD' ? undefined : {},
          w.callers[name],
        );
        cells += 1;
        const closed =
          response.statusCode === 403 && (route.method === 'HEAD' || response.json().type === 'urn:foyer:problem:extranet-closed');
        if (!closed) wrong.push(`${name} → ${route.method} ${route.url}: got ${response.statusCode} ${snippet(response)}`);
      }
    }
    const guest = w.callers.guestA.person;
    const signIn = await callFrom(nextAddress(), t.app, 'POST', '/api/v1/auth/login', { email: guest?.email, password: guest?.password });
    if (signIn.statusCode !== 403) wrong.push(`a guest signing in: got ${signIn.statusCode}`);
    const employee = await callFrom(nextAddress(), t.app, 'GET', `/api/v1/workspaces/${w.workspaces.A.id}`, undefined, w.callers.memberA);
    if (employee.statusCode !== 200) wrong.push(`an employee reading A: got ${employee.statusCode}`);
    for (const name of GUEST_CALLERS) {
      const response = await callFrom(nextAddress(), t.app, 'POST', '/api/v1/auth/logout', undefined, w.callers[name]);
      if (response.statusCode !== 204) wrong.push(`${name} signing out: got ${response.statusCode}`);
    }
    cells += 3 + GUEST_CALLERS.size;
    expect(wrong).toEqual([]);
  });
});
