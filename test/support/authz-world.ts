import type { LightMyRequestResponse } from 'fastify';
import { newId } from '../../src/server/lib/ids.js';
import { hashPassword } from '../../src/server/lib/passwords.js';
import { hashSecret, newSecret } from '../../src/server/lib/secrets.js';
import { feedToken } from '../../src/server/modules/calendar/calendar-links.js';
import { invitationToken, invitationTokenHash } from '../../src/server/modules/invitations/invitation-links.js';
import { TOKEN_PREFIX } from '../../src/server/modules/me/api-tokens.service.js';
import { type UnsubscribeScope, unsubscribeToken } from '../../src/server/modules/notifications/unsubscribe-links.js';
import type { GuestAccess } from '../../src/shared/documents.js';
import type { NoteVisibility } from '../../src/shared/notes.js';
import type { MemberRole } from '../../src/shared/workspaces.js';
import { ONE_PIXEL_PNG, TINY_PDF, upload } from './documents.js';
import { drainEvents } from './events.js';
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

/*
 * Documents. Each workspace holds the same kinds of folders and documents (B's drop box was filled
 * while B let guests upload; it no longer does):
 *
 *   view       shared, guests view (top level)        dropBox    shared, guests upload (top level)
 *   internal   internal (top level)                   edit       shared, guests edit (top level)
 *   sub        inside edit, inheriting everything     hiddenSub  inside internal, asks for shared + edit
 *   none       shared, guest access none (top level)  trashed    shared, guests view, in the trash
 *
 * and documents: view (two versions, in view), text (a text file in view), dropOwn (uploaded by the
 * side's calling guest: guestA, guestB), dropOther (by another guest of the side), internal, edit,
 * sub (in the folder of that name), trashed (from view, in the trash); in A's drop box also the
 * uploads of the guest since removed from A and of the guest whose end date has passed.
 */
export const FOLDER_KINDS = ['view', 'dropBox', 'internal', 'edit', 'sub', 'hiddenSub', 'none', 'trashed'] as const;
export type FolderKind = (typeof FOLDER_KINDS)[number];
export type FolderKey = `${Side} ${FolderKind}`;
export const FOLDER_KEYS: readonly FolderKey[] = (['A', 'B'] as const).flatMap((side) => FOLDER_KINDS.map((k) => `${side} ${k}` as const));

export const DOCUMENT_KINDS = ['view', 'text', 'dropOwn', 'dropOther', 'internal', 'edit', 'sub', 'trashed'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type DocumentKey = `${Side} ${DocumentKind}` | 'A dropRemoved' | 'A dropExpired';
export const DOCUMENT_KEYS: readonly DocumentKey[] = [
  ...(['A', 'B'] as const).flatMap((side) => DOCUMENT_KINDS.map((k) => `${side} ${k}` as const)),
  'A dropRemoved',
  'A dropExpired',
];

export const sideOf = (key: FolderKey | DocumentKey | TaskKey | NoteKey | ActivityKey | CommentKey): Side =>
  key.startsWith('A ') ? 'A' : 'B';
const kindOf = <K extends string>(key: `${Side} ${K}`): K => key.slice(2) as K;

interface FolderSpec {
  parent?: FolderKind;
  visibility?: 'shared' | 'internal';
  guestAccess?: GuestAccess;
}

const FOLDER_SPECS: Record<FolderKind, FolderSpec> = {
  view: { visibility: 'shared', guestAccess: 'view' },
  dropBox: { visibility: 'shared', guestAccess: 'upload' },
  internal: { visibility: 'internal' },
  edit: { visibility: 'shared', guestAccess: 'edit' },
  sub: { parent: 'edit' },
  hiddenSub: { parent: 'internal', visibility: 'shared', guestAccess: 'edit' },
  none: { visibility: 'shared', guestAccess: 'none' },
  trashed: { visibility: 'shared', guestAccess: 'view' },
};

export interface FolderRef {
  id: string;
  name: string;
  workspaceId: string;
  parentId: string | null;
}

export interface DocumentRef {
  id: string;
  name: string;
  folderId: string;
  /** Who uploaded it (whose drop-box upload it is). */
  createdBy: string;
  /** Oldest first. */
  versionIds: string[];
}

/*
 * Tasks. Each workspace holds the same kinds of tasks, each with a checklist of two items:
 *
 *   assigned  shared, assigned to the side's calling guest (in A also to its viewer, while they
 *             were a guest, to the guests since removed and past their end date, and to memberA)
 *   other     shared, assigned to another guest of the side and an employee
 *   byGuest   shared, created by the side's calling guest (B let guests create tasks meanwhile; it
 *             no longer does) and assigned to them
 *   internal  internal, assigned to employees of the side
 *   done      shared, assigned to the side's calling guest, done (never in My tasks)
 */
export const TASK_KINDS = ['assigned', 'other', 'byGuest', 'internal', 'done'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskKey = `${Side} ${TaskKind}`;
export const TASK_KEYS: readonly TaskKey[] = (['A', 'B'] as const).flatMap((side) => TASK_KINDS.map((k) => `${side} ${k}` as const));

export interface TaskRef {
  id: string;
  title: string;
  workspaceId: string;
  visibility: 'shared' | 'internal';
  status: 'open' | 'done';
  createdBy: string;
  assigneeIds: string[];
  /** The checklist's items, in order. */
  itemIds: string[];
  /** The documents attached to it (by the side's manager), in the order attached. */
  attachments: DocumentKey[];
}

/** The documents attached to the world's tasks: on shared tasks also internal documents and drop-box uploads, which guests must never see listed. */
export const TASK_ATTACHMENTS: Partial<Record<TaskKey, DocumentKey[]>> = {
  'A assigned': ['A view', 'A internal', 'A dropOwn', 'A dropOther'],
  'A byGuest': ['A view', 'A internal'],
  'A internal': ['A internal', 'A view'],
  'B assigned': ['B view', 'B internal'],
  'B byGuest': ['B view'],
};

/*
 * Notes. Each workspace holds the same kinds of notes, each version with a title and a body of its own:
 *
 *   shared    shared, written by the side's manager, a second version saved by an employee of the side
 *   internal  internal, written by the side's manager
 *   drafted   written internal by the side's manager, then shared with a new title and body (its first
 *             version is internal: guests never read it, not even in the history)
 */
export const NOTE_KINDS = ['shared', 'internal', 'drafted'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export type NoteKey = `${Side} ${NoteKind}`;
export const NOTE_KEYS: readonly NoteKey[] = (['A', 'B'] as const).flatMap((side) => NOTE_KINDS.map((k) => `${side} ${k}` as const));

export interface NoteVersionRef {
  id: string;
  title: string;
  body: string;
  visibility: NoteVisibility;
}

export interface NoteRef {
  id: string;
  workspaceId: string;
  /** The current version's. */
  title: string;
  visibility: NoteVisibility;
  /** Oldest first. */
  versions: NoteVersionRef[];
}

/*
 * Planned activities, made by the side's manager, each starting a few weeks from now:
 *
 *   A attended  shared, attended by guestA, viewerA, the guests since removed and past their end date, and memberA
 *   A other     shared, attended by another guest of A and an employee of A (not by guestA)
 *   A internal  internal, attended by employees of A
 *   B attended  shared, attended by guestB and an employee of B
 */
export const ACTIVITY_KEYS = ['A attended', 'A other', 'A internal', 'B attended'] as const;
export type ActivityKey = (typeof ACTIVITY_KEYS)[number];

export interface ActivityRef {
  id: string;
  title: string;
  workspaceId: string;
  visibility: 'shared' | 'internal';
  attendeeIds: string[];
}

/*
 * Comments, each on one of the world's items, written by the side's manager or by the side's calling
 * guest (guestA, guestB; only on what they see). Keys name the item and, for a guest's, its author.
 */
export type CommentParent =
  | { type: 'task'; key: TaskKey }
  | { type: 'note'; key: NoteKey }
  | { type: 'document'; key: DocumentKey }
  | { type: 'activity'; key: ActivityKey };

export const COMMENT_SPECS = {
  'A task': { on: { type: 'task', key: 'A assigned' }, by: 'manager' },
  'A task byGuest': { on: { type: 'task', key: 'A assigned' }, by: 'guest' },
  'A internal task': { on: { type: 'task', key: 'A internal' }, by: 'manager' },
  'A note': { on: { type: 'note', key: 'A shared' }, by: 'manager' },
  'A note byGuest': { on: { type: 'note', key: 'A shared' }, by: 'guest' },
  'A internal note': { on: { type: 'note', key: 'A internal' }, by: 'manager' },
  'A document': { on: { type: 'document', key: 'A view' }, by: 'manager' },
  'A document byGuest': { on: { type: 'document', key: 'A view' }, by: 'guest' },
  'A internal document': { on: { type: 'document', key: 'A internal' }, by: 'manager' },
  'A activity': { on: { type: 'activity', key: 'A attended' }, by: 'manager' },
  'A activity byGuest': { on: { type: 'activity', key: 'A attended' }, by: 'guest' },
  'A internal activity': { on: { type: 'activity', key: 'A internal' }, by: 'manager' },
  'B task': { on: { type: 'task', key: 'B assigned' }, by: 'manager' },
  'B task byGuest': { on: { type: 'task', key: 'B assigned' }, by: 'guest' },
} as const satisfies Record<string, { on: CommentParent; by: 'manager' | 'guest' }>;
export type CommentKey = keyof typeof COMMENT_SPECS;
export const COMMENT_KEYS = Object.keys(COMMENT_SPECS) as CommentKey[];

export interface CommentRef {
  id: string;
  body: string;
  workspaceId: string;
  authorId: string;
  targetType: CommentParent['type'];
  targetId: string;
}

/*
 * Notifications, made by the event consumers from the world's own events, drained once while everyone
 * was still a member of A (the test app runs no background work by itself). Each key names the owner of
 * one of them: A's people were told of being assigned "A assigned" (the two guests who have left A since
 * keep theirs, which they may no longer read), A's manager of another guest's upload into A's drop box,
 * and B's guest of being assigned "B assigned".
 */
export const NOTIFICATION_OWNERS = ['managerA', 'memberA', 'guestA', 'viewerA', 'guestB', 'removedGuest', 'expiredGuest'] as const;
export type NotificationOwner = (typeof NOTIFICATION_OWNERS)[number];

export interface NotificationRef {
  id: string;
  userId: string;
  workspaceId: string;
}

/** The administrator's webhook (made after the world's events were drained, so it never delivered them). */
export interface WebhookRef {
  id: string;
  /** The signing secret, shown once when it was made: no answer may show it again. */
  secret: string;
  /** The token in its URL's query, which only administrators may read. */
  urlToken: string;
  /** Its test delivery, waiting to be sent. */
  pendingDeliveryId: string;
}

/** Where webhooks are sent in the world: a public address, so that no name is looked up. */
export const WEBHOOK_ORIGIN = 'https://93.184.215.14';

export interface World {
  t: TestApp;
  callers: Record<CallerName, WorldCaller>;
  /** Workspace A (managed by managerA, shows its members to guests, lets guests invite and upload) and B (another manager's, defaults). */
  workspaces: Record<Side, { id: string; manager: Person }>;
  /** The managers' sessions (A's is managerA's own), for setting up fresh objects through the API. */
  managers: Record<Side, Caller>;
  folders: Record<FolderKey, FolderRef>;
  documents: Record<DocumentKey, DocumentRef>;
  tasks: Record<TaskKey, TaskRef>;
  notes: Record<NoteKey, NoteRef>;
  activities: Record<ActivityKey, ActivityRef>;
  comments: Record<CommentKey, CommentRef>;
  notifications: Record<NotificationOwner, NotificationRef>;
  webhook: WebhookRef;
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

async function makeFolder(
  t: TestApp,
  caller: Caller,
  workspaceId: string,
  name: string,
  spec: FolderSpec,
  parentId: string | null,
): Promise<FolderRef> {
  const body = {
    name,
    ...(parentId ? { parentId } : {}),
    ...(spec.visibility ? { visibility: spec.visibility } : {}),
    ...(spec.guestAccess ? { guestAccess: spec.guestAccess } : {}),
  };
  const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/folders`, body, caller);
  expectStatus(response, 201, `creating the folder ${name}`);
  return { id: response.json().id, name, workspaceId, parentId };
}

async function putFile(
  t: TestApp,
  caller: Caller,
  url: string,
  filename: string,
  content: Buffer | string,
): Promise<{ id: string; createdBy: string }> {
  const response = await upload(t, caller, url, filename, content);
  expectStatus(response, 201, `uploading ${filename}`);
  const body = response.json();
  return { id: body.id, createdBy: body.createdBy.id };
}

async function versionIdsOf(t: TestApp, caller: Caller, documentId: string): Promise<string[]> {
  const response = await call(t.app, 'GET', `/api/v1/documents/${documentId}/versions`, undefined, caller);
  expectStatus(response, 200, 'listing versions');
  return (response.json().items as { id: string }[]).map((v) => v.id).reverse();
}

async function setGuestUpload(t: TestApp, manager: Caller, workspaceId: string, upload: boolean): Promise<void> {
  const response = await call(t.app, 'PATCH', `/api/v1/workspaces/${workspaceId}`, { guestSettings: { upload } }, manager);
  expectStatus(response, 200, `setting guest uploads to ${upload}`);
}

interface Cast {
  workspaceId: string;
  manager: Caller;
  /** An employee member (not the manager), who adds the second version. */
  employee: Caller;
  guest: Caller;
  otherGuest: Person;
  /** A's guests who leave after uploading: removed, and past their end date. */
  leaving?: { removed: Caller; expired: Caller };
}

/** The folders and documents of one side, made through the API as their owners would. */
async function buildDocuments(t: TestApp, side: Side, cast: Cast) {
  const folders: Partial<Record<FolderKey, FolderRef>> = {};
  const folder = (kind: FolderKind) => folders[`${side} ${kind}`] as FolderRef;
  // FOLDER_KINDS lists every parent before its children.
  for (const kind of FOLDER_KINDS) {
    const spec = FOLDER_SPECS[kind];
    const parentId = spec.parent ? folder(spec.parent).id : null;
    folders[`${side} ${kind}`] = await makeFolder(t, cast.manager, cast.workspaceId, `${side}-${kind}-folder-${unique()}`, spec, parentId);
  }

  const documents: Partial<Record<DocumentKey, DocumentRef>> = {};
  const add = async (key: DocumentKey, by: Caller, where: FolderKind, extension: string, content: Buffer | string) => {
    const name = `${key.replace(' ', '-')}-${unique()}.${extension}`;
    const folderId = folder(where).id;
    const { id, createdBy } = await putFile(t, by, `/api/v1/folders/${folderId}/documents`, name, content);
    documents[key] = { id, name, folderId, createdBy, versionIds: [] };
    return id;
  };
  const view = await add(`${side} view`, cast.manager, 'view', 'pdf', TINY_PDF);
  await putFile(
    t,
    cast.employee,
    `/api/v1/documents/${view}/versions`,
    documents[`${side} view`]?.name ?? '',
    Buffer.concat([TINY_PDF, Buffer.from('% two\n')]),
  );
  await add(`${side} text`, cast.manager, 'view', 'txt', 'Plain words, never shown inline.');
  await add(`${side} internal`, cast.manager, 'internal', 'png', ONE_PIXEL_PNG);
  await add(`${side} edit`, cast.manager, 'edit', 'png', ONE_PIXEL_PNG);
  await add(`${side} sub`, cast.manager, 'sub', 'png', ONE_PIXEL_PNG);
  const trashed = await add(`${side} trashed`, cast.manager, 'view', 'png', ONE_PIXEL_PNG);

  // B lets no guest upload: it did while its drop box was being filled.
  if (side === 'B') await setGuestUpload(t, cast.manager, cast.workspaceId, true);
  const otherGuest = { cookie: await signIn(t.app, cast.otherGuest.email, cast.otherGuest.password) };
  await add(`${side} dropOwn`, cast.guest, 'dropBox', 'png', ONE_PIXEL_PNG);
  await add(`${side} dropOther`, otherGuest, 'dropBox', 'png', ONE_PIXEL_PNG);
  if (cast.leaving) {
    await add('A dropRemoved', cast.leaving.removed, 'dropBox', 'png', ONE_PIXEL_PNG);
    await add('A dropExpired', cast.leaving.expired, 'dropBox', 'png', ONE_PIXEL_PNG);
  }
  if (side === 'B') await setGuestUpload(t, cast.manager, cast.workspaceId, false);

  for (const ref of Object.values(documents)) ref.versionIds = await versionIdsOf(t, cast.manager, ref.id);
  expectStatus(await call(t.app, 'DELETE', `/api/v1/documents/${trashed}`, undefined, cast.manager), 204, 'trashing a document');
  expectStatus(await call(t.app, 'DELETE', `/api/v1/folders/${folder('trashed').id}`, undefined, cast.manager), 204, 'trashing a folder');
  return { folders, documents };
}

interface TaskCast {
  workspaceId: string;
  manager: Caller;
  guest: WorldCaller;
  /** Assigned to `assigned` besides the guest. */
  alsoAssigned: string[];
  /** A viewer assigned to `assigned` while they were a guest (viewers are not assignable). */
  formerGuest?: string;
  otherAssignees: string[];
  internalAssignees: string[];
}

async function setGuestTasks(t: TestApp, manager: Caller, workspaceId: string, createTasks: boolean): Promise<void> {
  const response = await call(t.app, 'PATCH', `/api/v1/workspaces/${workspaceId}`, { guestSettings: { createTasks } }, manager);
  expectStatus(response, 200, `setting guest task creation to ${createTasks}`);
}

/** The tasks of one side, made through the API by their authors. */
async function buildTasks(t: TestApp, side: Side, cast: TaskCast): Promise<Record<string, TaskRef>> {
  const tasks: Partial<Record<TaskKey, TaskRef>> = {};
  const guestId = cast.guest.person?.id ?? '';
  const add = async (kind: TaskKind, by: Caller, visibility: 'shared' | 'internal', assigneeIds: string[]) => {
    const key: TaskKey = `${side} ${kind}`;
    const title = `${key.replace(' ', '-')}-task-${unique()}`;
    const body = {
      title,
      description: `About ${title}`,
      visibility,
      assigneeIds,
      checklist: [{ text: `${title} first step` }, { text: `${title} second step` }],
    };
    const response = await call(t.app, 'POST', `/api/v1/workspaces/${cast.workspaceId}/tasks`, body, by);
    expectStatus(response, 201, `creating the task ${title}`);
    const created = response.json();
    tasks[key] = {
      id: created.id,
      title,
      workspaceId: cast.workspaceId,
      visibility,
      status: 'open',
      createdBy: created.createdBy.id,
      assigneeIds,
      itemIds: (created.checklist as { id: string }[]).map((i) => i.id),
      attachments: [],
    };
    return created.id as string;
  };
  const setRole = async (userId: string, role: 'guest' | 'viewer') =>
    expectStatus(
      await call(t.app, 'PATCH', `/api/v1/workspaces/${cast.workspaceId}/members/${userId}`, { role }, cast.manager),
      200,
      `making a member ${role}`,
    );
  if (cast.formerGuest) await setRole(cast.formerGuest, 'guest');
  await add('assigned', cast.manager, 'shared', [guestId, ...(cast.formerGuest ? [cast.formerGuest] : []), ...cast.alsoAssigned]);
  if (cast.formerGuest) await setRole(cast.formerGuest, 'viewer');
  await add('other', cast.manager, 'shared', cast.otherAssignees);
  await add('internal', cast.manager, 'internal', cast.internalAssignees);
  const done = await add('done', cast.manager, 'shared', [guestId]);
  expectStatus(await call(t.app, 'PATCH', `/api/v1/tasks/${done}`, { status: 'done' }, cast.manager), 200, 'finishing a task');
  (tasks[`${side} done`] as TaskRef).status = 'done';
  // B lets no guest create tasks: it did while its guest's task was being created.
  if (side === 'B') await setGuestTasks(t, cast.manager, cast.workspaceId, true);
  await add('byGuest', cast.guest, 'shared', [guestId]);
  if (side === 'B') await setGuestTasks(t, cast.manager, cast.workspaceId, false);
  return tasks;
}

/** The notes of one side, written through the API by the side's manager and employee. */
async function buildNotes(t: TestApp, side: Side, cast: { workspaceId: string; manager: Caller; employee: Caller }) {
  const notes: Partial<Record<NoteKey, NoteRef>> = {};
  const state = (key: NoteKey, stage: string, visibility: NoteVisibility) => {
    const title = `${key.replace(' ', '-')}-note-${stage}-${unique()}`;
    return { title, body: `The ${stage} words of ${title}`, visibility };
  };
  const write = async (key: NoteKey, first: ReturnType<typeof state>, next?: { by: Caller; state: ReturnType<typeof state> }) => {
    const response = await call(t.app, 'POST', `/api/v1/workspaces/${cast.workspaceId}/notes`, first, cast.manager);
    expectStatus(response, 201, `writing the note ${first.title}`);
    const id = response.json().id as string;
    const states = [first];
    if (next) {
      expectStatus(await call(t.app, 'PATCH', `/api/v1/notes/${id}`, next.state, next.by), 200, `saving the note ${next.state.title}`);
      states.push(next.state);
    }
    const history = await call(t.app, 'GET', `/api/v1/notes/${id}/versions`, undefined, cast.manager);
    expectStatus(history, 200, 'listing note versions');
    const ids = (history.json().items as { id: string }[]).map((v) => v.id).reverse();
    if (ids.length !== states.length) throw new Error(`building the authorization world: ${key} has ${ids.length} versions`);
    const current = states[states.length - 1] as ReturnType<typeof state>;
    notes[key] = {
      id,
      workspaceId: cast.workspaceId,
      title: current.title,
      visibility: current.visibility,
      versions: states.map((s, i) => ({ ...s, id: ids[i] ?? '' })),
    };
  };
  await write(`${side} shared`, state(`${side} shared`, 'first', 'shared'), {
    by: cast.employee,
    state: state(`${side} shared`, 'second', 'shared'),
  });
  await write(`${side} internal`, state(`${side} internal`, 'only', 'internal'));
  await write(`${side} drafted`, state(`${side} drafted`, 'draft', 'internal'), {
    by: cast.manager,
    state: state(`${side} drafted`, 'published', 'shared'),
  });
  return notes;
}

/** The documents of TASK_ATTACHMENTS, attached through the API by the side's manager. */
async function attachDocuments(
  t: TestApp,
  managers: Record<Side, Caller>,
  tasks: Record<TaskKey, TaskRef>,
  documents: Record<DocumentKey, DocumentRef>,
) {
  for (const [key, documentKeys] of Object.entries(TASK_ATTACHMENTS) as [TaskKey, DocumentKey[]][]) {
    for (const documentKey of documentKeys) {
      const response = await call(
        t.app,
        'POST',
        `/api/v1/tasks/${tasks[key].id}/attachments`,
        { documentId: documents[documentKey].id },
        managers[sideOf(key)],
      );
      expectStatus(response, 200, `attaching ${documentKey} to ${key}`);
      tasks[key].attachments.push(documentKey);
    }
  }
}

/** An instant `days` days from now (plus `hours`), as the API takes it. */
export const inDays = (days: number, hours = 0): string => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

/** The activities of one side, planned through the API by the side's manager. */
async function buildActivities(
  t: TestApp,
  plans: { key: ActivityKey; manager: Caller; workspaceId: string; visibility: 'shared' | 'internal'; attendeeIds: string[] }[],
): Promise<Partial<Record<ActivityKey, ActivityRef>>> {
  const activities: Partial<Record<ActivityKey, ActivityRef>> = {};
  for (const [i, plan] of plans.entries()) {
    const title = `${plan.key.replace(' ', '-')}-activity-${unique()}`;
    const body = {
      title,
      description: `About ${title}`,
      startsAt: inDays(20 + i),
      endsAt: inDays(20 + i, 2),
      timeZone: 'Europe/Paris',
      visibility: plan.visibility,
      attendeeIds: plan.attendeeIds,
    };
    const response = await call(t.app, 'POST', `/api/v1/workspaces/${plan.workspaceId}/activities`, body, plan.manager);
    expectStatus(response, 201, `planning the activity ${title}`);
    activities[plan.key] = {
      id: response.json().id,
      title,
      workspaceId: plan.workspaceId,
      visibility: plan.visibility,
      attendeeIds: plan.attendeeIds,
    };
  }
  return activities;
}

/** The comments of COMMENT_SPECS, written through the API by their authors. */
async function buildComments(
  t: TestApp,
  authors: Record<Side, { manager: Caller; guest: Caller }>,
  ids: (parent: CommentParent) => string,
): Promise<Record<CommentKey, CommentRef>> {
  const segment = { task: 'tasks', note: 'notes', document: 'documents', activity: 'activities' } as const;
  const comments: Partial<Record<CommentKey, CommentRef>> = {};
  for (const key of COMMENT_KEYS) {
    const spec: { on: CommentParent; by: 'manager' | 'guest' } = COMMENT_SPECS[key];
    const body = `${key.replaceAll(' ', '-')}-comment-${unique()}`;
    const targetId = ids(spec.on);
    const response = await call(
      t.app,
      'POST',
      `/api/v1/${segment[spec.on.type]}/${targetId}/comments`,
      { body },
      authors[sideOf(key)][spec.by],
    );
    expectStatus(response, 201, `commenting ${key}`);
    const created = response.json();
    comments[key] = {
      id: created.id,
      body,
      workspaceId: created.workspaceId,
      authorId: created.author.id,
      targetType: spec.on.type,
      targetId,
    };
  }
  return comments as Record<CommentKey, CommentRef>;
}

/** The notification of each owner about the item given (see NOTIFICATION_OWNERS). */
async function findNotifications(
  t: TestApp,
  about: Record<NotificationOwner, [WorldCaller, string]>,
): Promise<Record<NotificationOwner, NotificationRef>> {
  const found: Partial<Record<NotificationOwner, NotificationRef>> = {};
  for (const [owner, [caller, targetId]] of Object.entries(about) as [NotificationOwner, [WorldCaller, string]][]) {
    const row = await t.ctx.db
      .selectFrom('notifications')
      .select(['id', 'user_id', 'workspace_id'])
      .where('user_id', '=', caller.person?.id ?? '')
      .where('target_id', '=', targetId)
      .executeTakeFirst();
    if (!row?.workspace_id) throw new Error(`building the authorization world: ${owner} was not notified of ${targetId}`);
    found[owner] = { id: row.id, userId: row.user_id, workspaceId: row.workspace_id };
  }
  return found as Record<NotificationOwner, NotificationRef>;
}

/** The administrator's webhook, with a test delivery waiting (its job never runs: the world drains nothing more). */
async function buildWebhook(t: TestApp, admin: Caller): Promise<WebhookRef> {
  const urlToken = `hook-${unique()}`;
  const created = await call(
    t.app,
    'POST',
    '/api/v1/webhooks',
    { name: `Webhook ${unique()}`, url: `${WEBHOOK_ORIGIN}/foyer/events?token=${urlToken}`, events: ['task.created'] },
    admin,
  );
  expectStatus(created, 201, 'creating a webhook');
  const { id, secret } = created.json() as { id: string; secret: string };
  const tested = await call(t.app, 'POST', `/api/v1/webhooks/${id}/test`, undefined, admin);
  expectStatus(tested, 202, 'sending a test delivery');
  return { id, secret, urlToken, pendingDeliveryId: tested.json().deliveryId };
}

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
    guestSettings: { seeMembers: true, invite: true, upload: true, createTasks: true },
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
  const employeeOfACaller = await joinAsEmployee(t, managerA, A, employeeOfA);
  const employeeOfB = await employee(t, 'user', 'Erin EmployeeB');
  const employeeOfBCaller = await joinAsEmployee(t, managerB, B, employeeOfB);
  const suspendedPerson = await employee(t, 'user', 'Sue Suspended');
  const suspendedCookie = await joinAsEmployee(t, managerA, A, suspendedPerson);

  const guestA = await signedIn(t, 'guestA', await joinAsGuest(t, managerA, A, 'guest', 'GuestA'));
  const viewerA = await signedIn(t, 'viewerA', await joinAsGuest(t, managerA, A, 'viewer', 'ViewerA'));
  const guestOfA = await joinAsGuest(t, managerA, A, 'guest', 'PeerA');
  const guestB = await signedIn(t, 'guestB', await joinAsGuest(t, managerB, B, 'guest', 'GuestB'));
  const guestOfB = await joinAsGuest(t, managerB, B, 'guest', 'PeerB');

  const removedGuest = await signedIn(t, 'removedGuest', await joinAsGuest(t, managerA, A, 'guest', 'Removed'));
  const expiredGuest = await signedIn(t, 'expiredGuest', await joinAsGuest(t, managerA, A, 'guest', 'Expired'));

  // Folders and documents, while everyone is still a member (the two leaving guests upload first).
  const a = await buildDocuments(t, 'A', {
    workspaceId: A,
    manager: managerA,
    employee: employeeOfACaller,
    guest: guestA,
    otherGuest: guestOfA,
    leaving: { removed: removedGuest, expired: expiredGuest },
  });
  const b = await buildDocuments(t, 'B', {
    workspaceId: B,
    manager: managerB,
    employee: employeeOfBCaller,
    guest: guestB,
    otherGuest: guestOfB,
  });

  // Tasks, while everyone is still a member (the two leaving guests are assigned first).
  const aTasks = await buildTasks(t, 'A', {
    workspaceId: A,
    manager: managerA,
    guest: guestA,
    formerGuest: viewerA.person?.id ?? '',
    alsoAssigned: [removedGuest, expiredGuest, memberA].map((c) => c.person?.id ?? ''),
    otherAssignees: [guestOfA.id, employeeOfA.id],
    internalAssignees: [memberAPerson.id, employeeOfA.id],
  });
  const bTasks = await buildTasks(t, 'B', {
    workspaceId: B,
    manager: managerB,
    guest: guestB,
    alsoAssigned: [employeeOfB.id],
    otherAssignees: [guestOfB.id, employeeOfB.id],
    internalAssignees: [employeeOfB.id],
  });

  // Notes, while everyone is still a member.
  const aNotes = await buildNotes(t, 'A', { workspaceId: A, manager: managerA, employee: employeeOfACaller });
  const bNotes = await buildNotes(t, 'B', { workspaceId: B, manager: managerB, employee: employeeOfBCaller });

  const folders = { ...a.folders, ...b.folders } as Record<FolderKey, FolderRef>;
  const documents = { ...a.documents, ...b.documents } as Record<DocumentKey, DocumentRef>;
  const tasks = { ...aTasks, ...bTasks } as Record<TaskKey, TaskRef>;
  const notes = { ...aNotes, ...bNotes } as Record<NoteKey, NoteRef>;
  await attachDocuments(t, { A: managerA, B: managerB }, tasks, documents);

  // Activities, while everyone is still a member (the two leaving guests attend first).
  const id = (c: WorldCaller) => c.person?.id ?? '';
  const activities = (await buildActivities(t, [
    {
      key: 'A attended',
      manager: managerA,
      workspaceId: A,
      visibility: 'shared',
      attendeeIds: [id(guestA), id(viewerA), id(removedGuest), id(expiredGuest), id(memberA)],
    },
    { key: 'A other', manager: managerA, workspaceId: A, visibility: 'shared', attendeeIds: [guestOfA.id, employeeOfA.id] },
    { key: 'A internal', manager: managerA, workspaceId: A, visibility: 'internal', attendeeIds: [id(memberA), employeeOfA.id] },
    { key: 'B attended', manager: managerB, workspaceId: B, visibility: 'shared', attendeeIds: [id(guestB), employeeOfB.id] },
  ])) as Record<ActivityKey, ActivityRef>;

  const comments = await buildComments(
    t,
    { A: { manager: managerA, guest: guestA }, B: { manager: managerB, guest: guestB } },
    (parent) => {
      switch (parent.type) {
        case 'task':
          return tasks[parent.key].id;
        case 'note':
          return notes[parent.key].id;
        case 'document':
          return documents[parent.key].id;
        case 'activity':
          return activities[parent.key].id;
      }
    },
  );

  // Calendar feeds, opened by their owners while they could still sign in and were members.
  for (const owner of [managerA, guestA, removedGuest, expiredGuest, suspendedCookie])
    expectStatus(await call(t.app, 'GET', '/api/v1/me/calendar', undefined, owner), 200, 'opening a calendar feed');

  // The consumers turn every event so far into notifications, while everyone is still a member.
  await drainEvents(t.ctx);
  const notifications = await findNotifications(t, {
    managerA: [managerA, documents['A dropOther'].id],
    memberA: [memberA, tasks['A assigned'].id],
    guestA: [guestA, tasks['A assigned'].id],
    viewerA: [viewerA, tasks['A assigned'].id],
    guestB: [guestB, tasks['B assigned'].id],
    removedGuest: [removedGuest, tasks['A assigned'].id],
    expiredGuest: [expiredGuest, tasks['A assigned'].id],
  });

  // Signed in while a member, then removed from A: the policy keeps the account active, so the same
  // session goes on working, with no workspace left (removal must bite on the very next request).
  expectStatus(
    await call(t.app, 'DELETE', `/api/v1/workspaces/${A}/members/${removedGuest.person?.id}`, undefined, managerA),
    204,
    'removing a guest',
  );

  // Still a member of A on paper, but the end date has passed (the expiry job has not run yet).
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

  const webhook = await buildWebhook(t, admin);

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
    managers: { A: managerA, B: managerB },
    folders,
    documents,
    tasks,
    notes,
    activities,
    comments,
    notifications,
    webhook,
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

/**
 * A guest membership of its own, for cells that end or change it (the exposure dashboard's bulk
 * actions): a fresh guest in a fresh copy of workspace A or B, archived when told.
 */
export async function freshGuestMembership(
  w: World,
  side: Side,
  status: 'active' | 'archived' = 'active',
): Promise<{ workspaceId: string; userId: string }> {
  const workspaceId = await freshWorkspace(w, side, status);
  return { workspaceId, userId: await freshGuestMember(w, side, workspaceId) };
}

/**
 * The audit entries in the caller's part of the log as docs/audit.md's table says, read from the
 * tables and not through the policy: all of them for the administrator, those that happened in a
 * workspace for the extranet administrator, and for anyone else those of the workspaces they manage
 * right now (an active manager's membership, not past its end date). Newest first.
 */
export function auditPartOf(w: World, caller: WorldCaller) {
  const db = w.t.ctx.db;
  const query = db
    .selectFrom('audit_events')
    .select(['audit_events.id', 'audit_events.seq', 'audit_events.workspace_id'])
    .orderBy('audit_events.seq', 'desc');
  if (caller.name === 'admin') return query;
  if (caller.name === 'extranetAdmin') return query.where('audit_events.workspace_id', 'is not', null);
  const now = new Date().toISOString();
  const managed = db
    .selectFrom('memberships')
    .select('memberships.workspace_id')
    .where('memberships.user_id', '=', caller.person?.id ?? '')
    .where('memberships.role', '=', 'manager')
    .where('memberships.status', '=', 'active')
    .where((eb) => eb.or([eb('memberships.expires_at', 'is', null), eb('memberships.expires_at', '>', now)]));
  return query.where('audit_events.workspace_id', 'in', managed);
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

/* Fresh folders and documents, like the world's of the same key, for cells that move, trash or restore them. */

/** A folder with the settings and the parent of the world's folder of that key. */
export async function freshFolder(w: World, key: FolderKey): Promise<string> {
  const side = sideOf(key);
  const spec = FOLDER_SPECS[kindOf<FolderKind>(key as `${Side} ${FolderKind}`)];
  const parentId = spec.parent ? w.folders[`${side} ${spec.parent}`].id : null;
  return (await makeFolder(w.t, w.managers[side], w.workspaces[side].id, `fresh-folder-${unique()}`, spec, parentId)).id;
}

export async function freshTrashedFolder(w: World, key: FolderKey): Promise<string> {
  const id = await freshFolder(w, key);
  const response = await call(w.t.app, 'DELETE', `/api/v1/folders/${id}`, undefined, w.managers[sideOf(key)]);
  expectStatus(response, 204, 'trashing a fresh folder');
  return id;
}

/**
 * A document in the folder of the world's document of that key, owned by the same person. The
 * manager uploads it; a drop-box upload then gets its guest as uploader in the database, since B
 * does not let guests upload.
 */
export async function freshDocument(w: World, key: DocumentKey): Promise<string> {
  const side = sideOf(key);
  const ref = w.documents[key];
  const url = `/api/v1/folders/${ref.folderId}/documents`;
  const { id, createdBy } = await putFile(w.t, w.managers[side], url, `fresh-${unique()}.png`, ONE_PIXEL_PNG);
  if (createdBy !== ref.createdBy) {
    const owner = ref.createdBy;
    await w.t.ctx.db.updateTable('documents').set({ created_by: owner, updated_by: owner }).where('id', '=', id).execute();
    await w.t.ctx.db.updateTable('document_versions').set({ uploaded_by: owner }).where('document_id', '=', id).execute();
  }
  return id;
}

export async function freshTrashedDocument(w: World, key: DocumentKey): Promise<string> {
  const id = await freshDocument(w, key);
  const response = await call(w.t.app, 'DELETE', `/api/v1/documents/${id}`, undefined, w.managers[sideOf(key)]);
  expectStatus(response, 204, 'trashing a fresh document');
  return id;
}

/** A top-level folder like the world's of that kind, in a copy of the side's workspace, archived afterwards. */
export async function freshArchivedFolder(w: World, side: Side, kind: FolderKind): Promise<string> {
  const workspaceId = await freshWorkspace(w, side);
  const folder = await makeFolder(w.t, w.admin, workspaceId, `archived-folder-${unique()}`, FOLDER_SPECS[kind], null);
  const now = new Date().toISOString();
  await w.t.ctx.db.updateTable('workspaces').set({ status: 'archived', archived_at: now }).where('id', '=', workspaceId).execute();
  return folder.id;
}

/* Fresh tasks, like the world's of the same key, for cells that change them. */

/** A copy of workspace A or B (see freshWorkspace) with some guest settings changed. */
export async function freshWorkspaceWith(
  w: World,
  side: Side,
  settings: { createTasks?: boolean; comment?: boolean; status?: 'active' | 'archived' },
): Promise<string> {
  const id = await freshWorkspace(w, side, settings.status ?? 'active');
  if (settings.createTasks !== undefined)
    await w.t.ctx.db
      .updateTable('workspaces')
      .set({ guests_can_create_tasks: settings.createTasks ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  if (settings.comment !== undefined)
    await w.t.ctx.db
      .updateTable('workspaces')
      .set({ guests_can_comment: settings.comment ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  return id;
}

/**
 * A copy of the world's task of that key (same author, assignees, status, checklist and attachments, new ids), in
 * the same workspace or the one given.
 */
export async function freshTask(w: World, key: TaskKey, workspaceId?: string): Promise<{ id: string; itemIds: string[] }> {
  const db = w.t.ctx.db;
  const source = await db.selectFrom('tasks').selectAll().where('id', '=', w.tasks[key].id).executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto('tasks')
    .values({ ...source, id, workspace_id: workspaceId ?? source.workspace_id, version: 1 })
    .execute();
  const assignees = await db.selectFrom('task_assignees').selectAll().where('task_id', '=', source.id).execute();
  if (assignees.length > 0)
    await db
      .insertInto('task_assignees')
      .values(assignees.map((a) => ({ ...a, task_id: id })))
      .execute();
  const items = await db.selectFrom('task_checklist_items').selectAll().where('task_id', '=', source.id).orderBy('position').execute();
  const copies = items.map((item) => ({ ...item, id: newId(), task_id: id }));
  if (copies.length > 0) await db.insertInto('task_checklist_items').values(copies).execute();
  const attachments = await db.selectFrom('task_attachments').selectAll().where('task_id', '=', source.id).execute();
  if (attachments.length > 0)
    await db
      .insertInto('task_attachments')
      .values(attachments.map((a) => ({ ...a, task_id: id })))
      .execute();
  return { id, itemIds: copies.map((c) => c.id) };
}

/** A copy of the world's task of that key in a copy of its workspace, archived afterwards. */
export async function freshArchivedTask(w: World, key: TaskKey): Promise<{ id: string; itemIds: string[] }> {
  const workspaceId = await freshWorkspace(w, sideOf(key), 'archived');
  return freshTask(w, key, workspaceId);
}

/* Fresh notes, like the world's of the same key, for cells that change or restore them. */

/** A copy of the world's note of that key (same text, visibility, authors and history, new ids), in the same workspace or the one given. */
export async function freshNote(w: World, key: NoteKey, workspaceId?: string): Promise<{ id: string; versionIds: string[] }> {
  const db = w.t.ctx.db;
  const source = await db.selectFrom('notes').selectAll().where('id', '=', w.notes[key].id).executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto('notes')
    .values({ ...source, id, workspace_id: workspaceId ?? source.workspace_id })
    .execute();
  const versions = await db.selectFrom('note_versions').selectAll().where('note_id', '=', source.id).orderBy('number').execute();
  const copies = versions.map((v) => ({ ...v, id: newId(), note_id: id }));
  await db.insertInto('note_versions').values(copies).execute();
  return { id, versionIds: copies.map((c) => c.id) };
}

/** A copy of the world's note of that key in a copy of its workspace, archived afterwards. */
export async function freshArchivedNote(w: World, key: NoteKey): Promise<{ id: string; versionIds: string[] }> {
  const workspaceId = await freshWorkspace(w, sideOf(key), 'archived');
  return freshNote(w, key, workspaceId);
}

/* Fresh activities, like the world's of the same key, for cells that change them. */

/** A copy of the world's activity of that key (same text, times, visibility and attendees, new id), in the same workspace or the one given. */
export async function freshActivity(
  w: World,
  key: ActivityKey,
  options: { workspaceId?: string; status?: 'planned' | 'done' } = {},
): Promise<string> {
  const db = w.t.ctx.db;
  const source = await db.selectFrom('activities').selectAll().where('id', '=', w.activities[key].id).executeTakeFirstOrThrow();
  const id = newId();
  const done = options.status === 'done' ? { status: 'done' as const, done_by: source.created_by, done_at: new Date().toISOString() } : {};
  await db
    .insertInto('activities')
    .values({ ...source, id, workspace_id: options.workspaceId ?? source.workspace_id, version: 1, ...done })
    .execute();
  const attendees = await db.selectFrom('activity_attendees').selectAll().where('activity_id', '=', source.id).execute();
  if (attendees.length > 0)
    await db
      .insertInto('activity_attendees')
      .values(attendees.map((a) => ({ ...a, activity_id: id })))
      .execute();
  return id;
}

/** A copy of the world's activity of that key in a copy of its workspace, archived afterwards. */
export async function freshArchivedActivity(w: World, key: ActivityKey): Promise<string> {
  return freshActivity(w, key, { workspaceId: await freshWorkspace(w, sideOf(key), 'archived') });
}

/* Fresh comments, like the world's of the same key, for cells that change or delete them. */

export interface FreshCommentOptions {
  /** Another author than the world comment's (e.g. the calling person). */
  authorId?: string;
  /** On a copy of its item in an archived copy of its workspace (tasks, notes and activities only). */
  archived?: boolean;
  /** On a copy of its item in this workspace (a copy of its own; tasks, notes and activities only). */
  workspaceId?: string;
  /** On another item of the same workspace and kind (e.g. a trashed document). */
  targetId?: string;
  /** Already deleted. */
  deleted?: boolean;
}

/** A comment with the text and item of the world's comment of that key (or as told), written just now; its id and its item's. */
export async function freshComment(
  w: World,
  key: CommentKey,
  options: FreshCommentOptions = {},
): Promise<{ id: string; targetId: string }> {
  const ref = w.comments[key];
  let workspaceId = ref.workspaceId;
  let targetId = options.targetId ?? ref.targetId;
  if (options.archived || options.workspaceId) {
    const on: CommentParent = COMMENT_SPECS[key].on;
    workspaceId = options.workspaceId ?? (await freshWorkspace(w, sideOf(key), 'archived'));
    if (on.type === 'task') targetId = (await freshTask(w, on.key, workspaceId)).id;
    else if (on.type === 'note') targetId = (await freshNote(w, on.key, workspaceId)).id;
    else if (on.type === 'activity') targetId = await freshActivity(w, on.key, { workspaceId });
    else throw new Error(`no archived copy of ${key}`);
  }
  const id = newId();
  const now = new Date().toISOString();
  await w.t.ctx.db
    .insertInto('comments')
    .values({
      id,
      workspace_id: workspaceId,
      target_type: ref.targetType,
      target_id: targetId,
      body: ref.body,
      created_by: options.authorId ?? ref.authorId,
      created_at: now,
      edited_at: null,
      deleted_at: options.deleted ? now : null,
      // Copies keep what guests may see to their item: a copy on an internal item is internal by it.
      shared_with_guests: 1,
    })
    .execute();
  return { id, targetId };
}

/* Calendar feeds. */

/** The token of the person's calendar feed as it stands now (cells may regenerate it), as its URL carries it. */
export async function feedTokenOf(w: World, userId: string): Promise<string> {
  const row = await w.t.ctx.db.selectFrom('calendar_feeds').select('feed_id').where('user_id', '=', userId).executeTakeFirstOrThrow();
  return `${feedToken(w.t.ctx, row.feed_id)}.ics`;
}

/* Notification e-mails. */

/** The token of the person's unsubscribe link for one kind of e-mail (or the digest), as their e-mails carry it. */
export const unsubscribeTokenOf = (w: World, userId: string, scope: UnsubscribeScope): string => unsubscribeToken(w.t.ctx, userId, scope);

/* Webhooks, for cells that change, delete or redeliver them. */

export async function freshWebhook(w: World): Promise<string> {
  const response = await call(
    w.t.app,
    'POST',
    '/api/v1/webhooks',
    { name: `Webhook ${unique()}`, url: `${WEBHOOK_ORIGIN}/fresh/${unique()}`, events: ['task.created'] },
    w.admin,
  );
  expectStatus(response, 201, 'creating a webhook');
  return response.json().id;
}

/** A delivery of the world's webhook, already tried (failed) or still waiting. */
export async function freshWebhookDelivery(w: World, state: 'failed' | 'pending'): Promise<string> {
  const id = newId();
  await w.t.ctx.db
    .insertInto('webhook_deliveries')
    .values({
      id,
      webhook_id: w.webhook.id,
      event_seq: null,
      event_type: 'webhook.test',
      payload: JSON.stringify({ id, type: 'webhook.test' }),
      state,
      attempts: state === 'failed' ? 1 : 0,
      last_status_code: state === 'failed' ? 500 : null,
      last_error: state === 'failed' ? 'HTTP 500' : null,
      created_at: new Date().toISOString(),
      delivered_at: null,
    })
    .execute();
  return id;
}

export async function freshAllowedHost(w: World): Promise<string> {
  const host = `receiver-${unique()}.intranet.example`;
  const response = await call(w.t.app, 'POST', '/api/v1/webhooks/allowed-hosts', { host }, w.admin);
  expectStatus(response, 201, 'allowing a host');
  return host;
}
