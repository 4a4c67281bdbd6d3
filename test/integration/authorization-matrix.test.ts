import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import type { UnsubscribeScope } from '../../src/server/modules/notifications/unsubscribe-links.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../src/shared/notifications.js';
import {
  ACTIVITY_KEYS,
  type ActivityKey,
  auditPartOf,
  buildWorld,
  CALLERS,
  type CallerName,
  COMMENT_KEYS,
  COMMENT_SPECS,
  type CommentKey,
  type CommentParent,
  DOCUMENT_KEYS,
  type DocumentKey,
  FOLDER_KEYS,
  type FolderKey,
  type FreshCommentOptions,
  feedTokenOf,
  freshActivity,
  freshAllowedHost,
  freshApiToken,
  freshArchivedActivity,
  freshArchivedFolder,
  freshArchivedNote,
  freshArchivedTask,
  freshComment,
  freshDocument,
  freshEmployee,
  freshEmptyWorkspace,
  freshFolder,
  freshGuestMember,
  freshGuestMembership,
  freshInvitation,
  freshNote,
  freshOrganization,
  freshTask,
  freshTopic,
  freshTrashedDocument,
  freshTrashedFolder,
  freshWebhook,
  freshWebhookDelivery,
  freshWorkspace,
  freshWorkspaceWith,
  GUEST_CALLERS,
  INTERNAL_FIELD_VALUE,
  inDays,
  NOTE_KEYS,
  NOTIFICATION_OWNERS,
  type NoteKey,
  type NotificationOwner,
  type Side,
  sideOf,
  TASK_KEYS,
  type TaskKey,
  throwawaySession,
  unique,
  unsubscribeTokenOf,
  WEBHOOK_ORIGIN,
  type World,
  type WorldCaller,
} from '../support/authz-world.js';
import { multipart, ONE_PIXEL_PNG } from '../support/documents.js';
import { PASSWORD } from '../support/factories.js';
import { type Caller, callFrom } from '../support/http-client.js';
import { openStream } from '../support/sse-client.js';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app.js';

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
 * Workspace A shows its members to guests and lets guests invite and upload; B (another manager's)
 * has the default guest settings (none of these).
 *
 * Both hold the same kinds of folders and documents (see authz-world.ts): shared folders guests view,
 * drop boxes, internal folders, folders open for guests' edits and an inheriting subfolder, a
 * subfolder that asks to be shared below an internal one, a shared folder guests have no access to,
 * documents in each (in the drop box: the calling guest's upload and another guest's), one with two
 * versions, and a trashed document and folder. Their rows are tables keyed like "A dropOwn"; cells
 * that trash or restore use fresh objects like the world's of the same key.
 *
 * Both also hold the same kinds of tasks: shared ones assigned to the side's guest, assigned to
 * others, created by the guest, done, and an internal one, each with a checklist (keys like
 * "A byGuest"); cells that change a task act on a fresh copy of it, or on a copy in an archived
 * copy of its workspace.
 *
 * And the same kinds of notes: a shared one with two versions, an internal one, and one drafted
 * internally then shared, whose first version guests never read (keys like "A drafted"); cells that
 * change or restore a note act on a fresh copy of it (restored ones in a fresh copy of its workspace),
 * or on a copy in an archived copy of its workspace.
 *
 * The tasks hold attached documents (internal ones and drop-box uploads on shared tasks too, which a
 * guest must never see listed); cells that attach or detach act on fresh copies.
 *
 * Planned activities: in A a shared one attended by A's guest, viewer, leaving guests and member, a
 * shared one A's guest does not attend and an internal one; in B a shared one attended by B's guest
 * (keys like "A attended"). Comments on a shared and an internal task, note, document and activity of
 * A, by A's manager and (on the shared ones) by A's guest, and on B's shared task by B's manager and
 * guest (keys like "A task byGuest"); cells that change or delete a comment act on a fresh copy, on a
 * copy in an archived copy of A, or in a copy of A that no longer lets guests comment. Calendar feeds
 * of A's manager and guest, of the two guests who left A (still attendees) and of the suspended
 * employee are fetched by their secret URL.
 *
 * Notifications come from the world's own events, turned into notifications once while everyone was
 * still a member of A (A's people assigned a task, A's manager told of an upload into the drop box, B's
 * guest assigned a task): each person lists, counts and marks only their own, and the guests who have
 * left A no longer read theirs about A; watching a folder follows the rows for reading it. The
 * real-time stream stays open, so its cells are sent as HEAD and an allowed one also opens a real stream,
 * which must be ready with the caller's own unread count. E-mail preferences are each person's own; an
 * unsubscribe link is the credential whoever follows it, and a made-up or forged one is missing for
 * everyone. Webhooks are the administrator's alone: everyone else is refused before anything is looked
 * up, so the refusal reads byte for byte the same whether the webhook exists or not.
 *
 * Besides the status: every 404 is compared byte for byte with the same route at ids that exist
 * nowhere; no 2xx answer may name a person, workspace, folder, document, task or activity the caller
 * cannot see, nor the title or body of a note (or of a note's version) it may not read, nor a comment
 * on an item it may not read (nor, to a guest, another person's e-mail or an internal item detail); a
 * calendar feed, whoever fetches it, nothing its owner may not see; the abilities of a folder,
 * document, task, note, activity or comment are exactly what its rows allow; a task lists exactly the
 * attached documents the caller may read; the mention picker offers exactly the members who see the
 * item among the people the caller may see; the activity stream tells only of items the caller may
 * read; lists must agree with single reads; a page or export of the audit log holds exactly the
 * caller's part of it (read from the tables, not through the policy: everything for the administrator,
 * what happened in workspaces for the extranet administrator, the workspaces a manager manages) and a
 * workspace outside that part reads like a missing one; the exposure dashboard lists guests only, and
 * its bulk actions act on guest memberships of their own (fresh guests in fresh copies of A); and two
 * modes are walked as well (creation limited to the extranet group; the extranet switched off); a
 * webhook's signing secret is never shown after its creation, nor the token in its URL to anyone but
 * the administrator.
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
  /** A file sent as multipart/form-data in one part named "file" (instead of a JSON body). */
  upload?: (w: World, caller: WorldCaller) => Maybe<{ filename: string; content: Buffer | string }>;
  /** From its `?`; a `:name` in it is filled from the params like the path's (and made up, like them, for the 404 comparison). */
  query?: string;
  /** Extra request headers (e.g. If-Match). */
  headers?: Record<string, string>;
  /** The credentials to send, when the cell must not use the caller's main session. */
  session?: (w: World, caller: WorldCaller) => Maybe<Caller>;
  /** What the check compares with, taken just before the request (e.g. other people's rows). */
  before?: (w: World, caller: WorldCaller) => Maybe<unknown>;
  /**
   * What a 2xx answer may contain for this caller: a message when it shows too much (or too little).
   * It may look at the response's headers, and read the database for what the caller's part is now.
   */
  check?: (
    w: World,
    caller: WorldCaller,
    body: Record<string, unknown>,
    response: LightMyRequestResponse,
    before: unknown,
  ) => Maybe<string | undefined>;
  /**
   * The answer is a stream that stays open (Server-Sent Events), which an injected GET would wait for
   * forever: the cell is sent as HEAD, which answers with the stream's headers (the check opens a real
   * stream); a refusal, which answers at once, is sent as GET as well and must agree.
   */
  stream?: boolean;
  /** A 403 must read byte for byte like the same route at ids that exist nowhere: the refusal tells nothing of the object. */
  refusalLikeMissing?: boolean;
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

// ── Documents (docs/documents.md). The world's folders and documents are named by key, e.g.
// "A dropOwn" (see authz-world.ts). In these rows `ok` stands for the route's success status. ──

/** A row with `ok` replaced by the success status of the route it is used for. */
const okAs = (row: string, status: number) => row.replace(/\bok\b/g, String(status));

/** Who enters a folder (GET /folders/{id} and its children): guests only shared folders with some access; a trashed one nobody, outside the trash. */
const FOLDER_SEE: Record<FolderKey, string> = {
  //                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A view': /*      */ '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401',
  'A dropBox': /*   */ '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401',
  'A edit': /*      */ '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401',
  'A sub': /*       */ '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401',
  'A internal': /*  */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A hiddenSub': /* */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A none': /*      */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
  'B view': /*      */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B dropBox': /*   */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B edit': /*      */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B sub': /*       */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B internal': /*  */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B hiddenSub': /* */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B none': /*      */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
};

/** Who uploads into a folder: employees; a guest (never a viewer) where the workspace lets guests upload and the folder is a drop box or open for edits (B lets no guest upload). */
const FOLDER_UPLOAD: Record<FolderKey, string> = {
  //                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A view': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A dropBox': /*   */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A edit': /*      */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A sub': /*       */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A internal': /*  */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A hiddenSub': /* */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A none': /*      */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
  'B view': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B dropBox': /*   */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B edit': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B sub': /*       */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B internal': /*  */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B hiddenSub': /* */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B none': /*      */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
};

/** Who renames, moves, trashes and restores folders: the employees of the workspace; guests who see the folder get 403. */
const FOLDER_MANAGE: Record<FolderKey, string> = {
  //                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A view': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A dropBox': /*   */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A edit': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A sub': /*       */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A internal': /*  */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A hiddenSub': /* */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A none': /*      */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
  'B view': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B dropBox': /*   */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B edit': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B sub': /*       */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B internal': /*  */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B hiddenSub': /* */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B none': /*      */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
};

/** Who reads a document, its bytes and its versions: whoever enters its folder, except that in a drop box a guest sees only their own uploads (and no longer once they left the workspace). */
const DOC_SEE: Record<DocumentKey, string> = {
  //                     anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A view': /*        */ '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401',
  'A text': /*        */ '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401',
  'A edit': /*        */ '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401',
  'A sub': /*         */ '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401',
  'A dropOwn': /*     */ '401   ok    ok    ok    ok    404   ok    404   404   404   404   401',
  'A dropOther': /*   */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A dropRemoved': /* */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A dropExpired': /* */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A internal': /*    */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A trashed': /*     */ '401   404   404   404   404   404   404   404   404   404   404   401',
  'B view': /*        */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B text': /*        */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B edit': /*        */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B sub': /*         */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B dropOwn': /*     */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B dropOther': /*   */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B internal': /*    */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B trashed': /*     */ '401   404   404   404   404   404   404   404   404   404   404   401',
};

/** Who renames, moves and trashes a document: employees; a guest only in a folder open for edits of a workspace that lets guests upload. */
const DOC_CHANGE: Partial<Record<DocumentKey, string>> = {
  //                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A view': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A dropOwn': /*   */ '401   ok    ok    ok    ok    404   403   404   404   404   404   401',
  'A dropOther': /* */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A internal': /*  */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A edit': /*      */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A sub': /*       */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
  'B view': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B dropOwn': /*   */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B edit': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B sub': /*       */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B dropOther': /* */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B internal': /*  */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
};

/** Who adds a version (an upload, or an older version restored): employees; a guest where they may upload (in a drop box, to their own upload). */
const DOC_NEW_VERSION: Partial<Record<DocumentKey, string>> = {
  //                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A view': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A dropOwn': /*   */ '401   ok    ok    ok    ok    404   ok    404   404   404   404   401',
  'A dropOther': /* */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A internal': /*  */ '401   ok    ok    ok    ok    404   404   404   404   404   404   401',
  'A edit': /*      */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A sub': /*       */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
  'B view': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B dropOwn': /*   */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B edit': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B sub': /*       */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B dropOther': /* */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B internal': /*  */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
};

/** Who reads a document's access report: the workspace's managers and those who govern the extranet. */
const DOC_ACCESS_REPORT: Partial<Record<DocumentKey, string>> = {
  //                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A view': /*      */ '401   ok    ok    ok    403   404   403   403   404   404   404   401',
  'A edit': /*      */ '401   ok    ok    ok    403   404   403   403   404   404   404   401',
  'A sub': /*       */ '401   ok    ok    ok    403   404   403   403   404   404   404   401',
  'A dropOwn': /*   */ '401   ok    ok    ok    403   404   403   404   404   404   404   401',
  'A dropOther': /* */ '401   ok    ok    ok    403   404   404   404   404   404   404   401',
  'A internal': /*  */ '401   ok    ok    ok    403   404   404   404   404   404   404   401',
  'A trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
  'B view': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B dropOwn': /*   */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B edit': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B sub': /*       */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B dropOther': /* */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B internal': /*  */ '401   ok    ok    404   404   404   404   404   404   404   404   401',
  'B trashed': /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
};

/**
 * Who restores something from the trash (fresh items, trashed from the place of the key): those who
 * read the workspace's trash, its employees. To anyone else a trashed item does not exist, even to
 * a guest who could read it before it was trashed: 404 like a missing id.
 */
//                                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
const A_TRASH_READERS /*       */ = '401   ok    ok    ok    ok    404   404   404   404   404   404   401';
const B_TRASH_READERS /*       */ = '401   ok    ok    404   404   404   404   404   404   404   404   401';
const trashReaders = <K extends FolderKey | DocumentKey>(keys: readonly K[]): Rows<K> =>
  Object.fromEntries(keys.map((key) => [key, sideOf(key) === 'A' ? A_TRASH_READERS : B_TRASH_READERS])) as Rows<K>;
const DOC_RESTORE = trashReaders<DocumentKey>([
  'A view',
  'A edit',
  'A dropOwn',
  'A dropOther',
  'A internal',
  'B view',
  'B dropOwn',
  'B edit',
  'B dropOther',
  'B internal',
]);
const FOLDER_RESTORE = trashReaders<FolderKey>([
  'A view',
  'A dropBox',
  'A internal',
  'A none',
  'B view',
  'B dropBox',
  'B internal',
  'B none',
]);

type Rows<K extends string> = Partial<Record<K, string>>;

interface KeyedOptions<K extends string> {
  /** Defaults to the world's object of that key. */
  params?: (key: K) => NonNullable<Target['params']>;
  body?: (key: K) => NonNullable<Target['body']>;
  upload?: Target['upload'];
  check?: (key: K) => NonNullable<Target['check']>;
}

function keyedTargets<K extends string>(
  rows: Rows<K>,
  ok: number,
  byKey: (key: K) => NonNullable<Target['params']>,
  options: KeyedOptions<K>,
): Target[] {
  return (Object.entries(rows) as [K, string][]).map(([key, row]) => ({
    label: key,
    params: options.params ? options.params(key) : byKey(key),
    ...(options.body ? { body: options.body(key) } : {}),
    ...(options.upload ? { upload: options.upload } : {}),
    ...(options.check ? { check: options.check(key) } : {}),
    expect: okAs(row, ok),
  }));
}

const folderTargets = (rows: Rows<FolderKey>, ok: number, options: KeyedOptions<FolderKey> = {}) =>
  keyedTargets(rows, ok, (key) => (w) => ({ id: w.folders[key].id }), options);
const documentTargets = (rows: Rows<DocumentKey>, ok: number, options: KeyedOptions<DocumentKey> = {}) =>
  keyedTargets(rows, ok, (key) => (w) => ({ id: w.documents[key].id }), options);

const aFile = () => ({ filename: `upload-${unique()}.png`, content: ONE_PIXEL_PNG });
/** The first (oldest) version of the document of that key. */
const firstVersion = (key: DocumentKey) => (w: World) => ({ id: w.documents[key].id, versionId: w.documents[key].versionIds[0] ?? '' });

const allows = (row: string | undefined, name: CallerName) => row !== undefined && parseRow(okAs(row, 200), 'abilities')[name] === 200;

/** The text file is the view folder's; the uploads of guests who left are like another guest's. */
const LIKE: Partial<Record<DocumentKey, DocumentKey>> = {
  'A text': 'A view',
  'B text': 'B view',
  'A dropRemoved': 'A dropOther',
  'A dropExpired': 'A dropOther',
};
const likeKey = (key: DocumentKey): DocumentKey => LIKE[key] ?? key;

const sameAbilities = (got: unknown, want: string[]) => {
  const shown = [...((got as string[] | undefined) ?? [])].sort().join(',');
  const allowed = [...want].sort().join(',');
  return shown === allowed ? undefined : `abilities [${shown}] but the routes allow [${allowed}]`;
};

/** A document's abilities are exactly what the matrix lets the caller do with it. */
const documentAbilities =
  (key: DocumentKey): NonNullable<Target['check']> =>
  (_w, caller, body) => {
    const k = likeKey(key);
    const want = ['read', 'download', 'read_versions'];
    if (allows(DOC_NEW_VERSION[k], caller.name)) want.push('upload_version');
    if (allows(DOC_CHANGE[k], caller.name)) want.push('update', 'trash');
    if (allows(DOC_ACCESS_REPORT[k], caller.name)) want.push('access_report');
    return sameAbilities(body.abilities, want);
  };

/** A folder's abilities are exactly what the matrix lets the caller do with it. */
const folderAbilities =
  (key: FolderKey): NonNullable<Target['check']> =>
  (_w, caller, body) => {
    const want = ['read'];
    if (allows(FOLDER_UPLOAD[key], caller.name)) want.push('upload');
    if (allows(FOLDER_MANAGE[key], caller.name)) want.push('create_folder', 'update', 'trash');
    return sameAbilities(body.abilities, want);
  };

// ── Tasks (src/server/authz/policies/task.policy.ts). The world's tasks are named by key, e.g.
// "A byGuest" (see authz-world.ts); cells that change a task act on a fresh copy of it. ──

//                                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
const A_SHARED_TASK /*         */ = '401   ok    ok    ok    ok    404   ok    ok    404   404   404   401';
const A_INTERNAL_TASK /*       */ = '401   ok    ok    ok    ok    404   404   404   404   404   404   401';
const B_SHARED_TASK /*         */ = '401   ok    ok    404   404   404   404   404   ok    404   404   401';
const B_INTERNAL_TASK /*       */ = '401   ok    ok    404   404   404   404   404   404   404   404   401';

/** Who reads a task: whoever enters its workspace; guests (viewers too) only shared tasks. */
const TASK_SEE: Record<TaskKey, string> = {
  'A assigned': A_SHARED_TASK,
  'A other': A_SHARED_TASK,
  'A byGuest': A_SHARED_TASK,
  'A done': A_SHARED_TASK,
  'A internal': A_INTERNAL_TASK,
  'B assigned': B_SHARED_TASK,
  'B other': B_SHARED_TASK,
  'B byGuest': B_SHARED_TASK,
  'B done': B_SHARED_TASK,
  'B internal': B_INTERNAL_TASK,
};

/** Who changes a task (title, description, priority, due date, assignees, visibility, checklist): employees; a guest (never a viewer) the tasks they created. */
const TASK_UPDATE: Record<TaskKey, string> = {
  //                    anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A assigned': /*   */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A other': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A byGuest': /*    */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A done': /*       */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A internal': A_INTERNAL_TASK,
  'B assigned': /*   */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B other': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  // B no longer lets guests create tasks: its guest still changes the one they created.
  'B byGuest': /*    */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B done': /*       */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B internal': B_INTERNAL_TASK,
};

/** Who sets the status and ticks checklist items: employees; a guest (never a viewer, even assigned) the tasks they created or are assigned to. */
const TASK_PROGRESS: Record<TaskKey, string> = {
  //                    anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A assigned': /*   */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A other': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A byGuest': /*    */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A done': /*       */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A internal': A_INTERNAL_TASK,
  'B assigned': /*   */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B other': /*      */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B byGuest': /*    */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B done': /*       */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
  'B internal': B_INTERNAL_TASK,
};

const A_TASK_KEYS = TASK_KEYS.filter((key) => sideOf(key) === 'A');

/** In an archived copy of its workspace, a task is read-only: 409 once the caller would be allowed (403 and 404 come first). */
const archivedRows = (rows: Record<TaskKey, string>): Rows<TaskKey> =>
  Object.fromEntries(A_TASK_KEYS.map((key) => [key, okAs(rows[key], 409)])) as Rows<TaskKey>;

/** A task's abilities are exactly what the matrix lets the caller do with it; in an archived workspace, reading only. */
const taskAbilities =
  (key: TaskKey, archived = false): NonNullable<Target['check']> =>
  (_w, caller, body) => {
    const want = ['read'];
    if (!archived && allows(TASK_UPDATE[key], caller.name)) want.push('update');
    if (!archived && allows(TASK_PROGRESS[key], caller.name)) want.push('set_status', 'tick');
    return sameAbilities(body.abilities, want);
  };

const taskTargets = (rows: Rows<TaskKey>, ok: number, options: KeyedOptions<TaskKey> = {}) =>
  keyedTargets(rows, ok, (key) => (w) => ({ id: w.tasks[key].id }), options);

/** A fresh copy of the task of that key (archived: in an archived copy of its workspace), and the first item of its checklist. */
const freshTaskParams =
  (archived: boolean) =>
  (key: TaskKey): NonNullable<Target['params']> =>
  async (w) => {
    const copy = archived ? await freshArchivedTask(w, key) : await freshTask(w, key);
    return { id: copy.id, itemId: copy.itemIds[0] ?? '' };
  };

const person = (name: CallerName) => (w: World) => w.callers[name].person?.id ?? '';

/** The task routes that change something, each on fresh copies and on archived copies of A's tasks. */
function taskChanges(rows: Record<TaskKey, string>, body: (key: TaskKey) => NonNullable<Target['body']>): Target[] {
  return [
    ...taskTargets(rows, 200, { params: freshTaskParams(false), body }),
    ...taskTargets(archivedRows(rows), 200, { params: freshTaskParams(true), body }).map((target) => ({
      ...target,
      label: `${target.label}, in an archived copy of A`,
    })),
  ];
}

// ── Notes (src/server/authz/policies/note.policy.ts). The world's notes are named by key, e.g.
// "A drafted" (see authz-world.ts); cells that change or restore a note act on a fresh copy of it. ──

/** Who reads a note and its history: whoever enters its workspace; guests (viewers too) only shared notes. */
const NOTE_SEE: Record<NoteKey, string> = {
  'A shared': A_SHARED_TASK,
  'A internal': A_INTERNAL_TASK,
  'A drafted': A_SHARED_TASK,
  'B shared': B_SHARED_TASK,
  'B internal': B_INTERNAL_TASK,
  'B drafted': B_SHARED_TASK,
};

/** Who saves a new version and restores an old one: the employees of the workspace (and the governors); guests who read the note get 403. */
const NOTE_WRITE: Record<NoteKey, string> = {
  //                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A shared': /*    */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A internal': A_INTERNAL_TASK,
  'A drafted': /*   */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'B shared': /*    */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
  'B internal': B_INTERNAL_TASK,
  'B drafted': /*   */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
};

const A_NOTE_KEYS = NOTE_KEYS.filter((key) => sideOf(key) === 'A');

/** The versions of a world note the caller reads in its history: all for employees, the shared ones for guests. */
const readableVersions = (key: NoteKey, name: CallerName) =>
  allows(NOTE_SEE[key], name) ? w.notes[key].versions.filter((v) => !GUEST_CALLERS.has(name) || v.visibility === 'shared') : [];

/** A note's abilities are exactly what the matrix lets the caller do with it; in an archived workspace, reading only. */
const noteAbilities =
  (key: NoteKey, archived = false): NonNullable<Target['check']> =>
  (_w, caller, body) => {
    const want = ['read', 'read_history'];
    if (!archived && allows(NOTE_WRITE[key], caller.name)) want.push('update', 'restore');
    return sameAbilities(body.abilities, want);
  };

/** A world note's history shows exactly the versions the caller may read, newest first, never an internal one to a guest. */
const noteHistory =
  (key: NoteKey): NonNullable<Target['check']> =>
  (_w, caller, body) => {
    const items = body.items as { id: string; visibility: string }[];
    const shown = items.map((v) => v.id).join();
    const want = readableVersions(key, caller.name)
      .map((v) => v.id)
      .reverse()
      .join();
    if (shown !== want) return `history [${shown}] but the caller reads [${want}]`;
    if (GUEST_CALLERS.has(caller.name) && items.some((v) => v.visibility !== 'shared')) return 'shows a guest an internal version';
    return undefined;
  };

const noteTargets = (rows: Rows<NoteKey>, ok: number, options: KeyedOptions<NoteKey> = {}) =>
  keyedTargets(rows, ok, (key) => (w) => ({ id: w.notes[key].id }), options);

/**
 * A fresh copy of the note of that key, and its first (oldest) version: in the note's workspace, in a
 * fresh copy of it (same memberships), or in an archived copy of it.
 */
const freshNoteParams =
  (where: 'same' | 'copy' | 'archived') =>
  (key: NoteKey): NonNullable<Target['params']> =>
  async (w) => {
    const copy =
      where === 'archived'
        ? await freshArchivedNote(w, key)
        : await freshNote(w, key, where === 'copy' ? await freshWorkspace(w, sideOf(key)) : undefined);
    return { id: copy.id, versionId: copy.versionIds[0] ?? '' };
  };

/** The note routes that change something, each on fresh copies and on archived copies of A's notes (409 once allowed). */
function noteChanges(
  rows: Record<NoteKey, string>,
  body?: (key: NoteKey) => NonNullable<Target['body']>,
  where: 'same' | 'copy' = 'same',
): Target[] {
  const archived = Object.fromEntries(A_NOTE_KEYS.map((key) => [key, okAs(rows[key], 409)])) as Rows<NoteKey>;
  return [
    ...noteTargets(rows, 200, { params: freshNoteParams(where), ...(body ? { body } : {}) }),
    ...noteTargets(archived, 200, { params: freshNoteParams('archived'), ...(body ? { body } : {}) }).map((target) => ({
      ...target,
      label: `${target.label}, in an archived copy of A`,
    })),
  ];
}

// ── Row helpers for rules that combine two rows. ──

const tokensOf = (row: string) => row.trim().split(/\s+/);
/** Per caller: the first row's status, unless it allows (`ok`); then the second row's. */
const gate = (first: string, then: string) => {
  const next = tokensOf(then);
  return tokensOf(first)
    .map((status, i) => (status === 'ok' ? next[i] : status))
    .join('   ');
};
/** Per caller: `ok` where either row allows, the first row's status otherwise. */
const either = (a: string, b: string) => {
  const other = tokensOf(b);
  return tokensOf(a)
    .map((status, i) => (status === 'ok' || other[i] === 'ok' ? 'ok' : status))
    .join('   ');
};
/** Only this caller (if any) is allowed; other signed-in callers get 403. */
const only = (name?: CallerName) =>
  CALLERS.map((c) => (c === 'anonymous' || c === 'suspended' ? '401' : c === name ? 'ok' : '403')).join('   ');

const all =
  (...checks: NonNullable<Target['check']>[]): NonNullable<Target['check']> =>
  async (w, caller, body, response, before) => {
    for (const check of checks) {
      const problem = await check(w, caller, body, response, before);
      if (problem) return problem;
    }
    return undefined;
  };

/** A world task lists exactly the attached documents the caller may read (never an internal one, nor another guest's upload, to a guest). */
const taskAttachments =
  (key: TaskKey): NonNullable<Target['check']> =>
  (w, caller, body) => {
    const label = (id: string) => DOCUMENT_KEYS.find((k) => w.documents[k].id === id) ?? id;
    const shown = ((body.attachments as { id: string }[] | undefined) ?? []).map((a) => label(a.id)).sort();
    const want = w.tasks[key].attachments.filter((d) => allows(DOC_SEE[d], caller.name)).sort();
    return shown.join() === want.join() ? undefined : `attachments [${shown}] but the caller reads [${want}]`;
  };

// ── Planned activities (src/server/authz/policies/activity.policy.ts). The world's activities are
// named by key, e.g. "A attended" (see authz-world.ts); cells that change one act on a fresh copy. ──

/** Who reads an activity: whoever enters its workspace; guests (viewers too) only shared ones. */
const ACTIVITY_SEE: Record<ActivityKey, string> = {
  'A attended': A_SHARED_TASK,
  'A other': A_SHARED_TASK,
  'A internal': A_INTERNAL_TASK,
  'B attended': B_SHARED_TASK,
};

/** Who changes an activity, its status included: the employees of the workspace; guests who see it get 403. */
const ACTIVITY_UPDATE: Record<ActivityKey, string> = {
  //                    anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A attended': /*   */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A other': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A internal': A_INTERNAL_TASK,
  'B attended': /*   */ '401   ok    ok    404   404   404   404   404   403   404   404   401',
};

/** Who confirms an activity and reports it done: employees; a guest who attends it (never a viewer, even attending). */
const ACTIVITY_REPORT: Record<ActivityKey, string> = {
  //                    anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  'A attended': /*   */ '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  'A other': /*      */ '401   ok    ok    ok    ok    404   403   403   404   404   404   401',
  'A internal': A_INTERNAL_TASK,
  'B attended': /*   */ '401   ok    ok    404   404   404   404   404   ok    404   404   401',
};

const A_ACTIVITY_KEYS = ACTIVITY_KEYS.filter((key) => sideOf(key) === 'A');

/** An activity's abilities are exactly what the matrix lets the caller do with it; in an archived workspace, reading only. */
const activityAbilities =
  (key: ActivityKey, archived = false): NonNullable<Target['check']> =>
  (_w, caller, body) => {
    const want = ['read'];
    if (!archived && allows(ACTIVITY_UPDATE[key], caller.name)) want.push('update');
    if (!archived && allows(ACTIVITY_REPORT[key], caller.name)) want.push('confirm', 'complete');
    return sameAbilities(body.abilities, want);
  };

const activityTargets = (rows: Rows<ActivityKey>, ok: number, options: KeyedOptions<ActivityKey> = {}) =>
  keyedTargets(rows, ok, (key) => (w) => ({ id: w.activities[key].id }), options);

/** A fresh copy of the activity of that key: in its workspace, or in an archived copy of it. */
const freshActivityParams =
  (archived: boolean) =>
  (key: ActivityKey): NonNullable<Target['params']> =>
  async (w) => ({ id: archived ? await freshArchivedActivity(w, key) : await freshActivity(w, key) });

/** The activity routes that change something, each on fresh copies and on archived copies of A's activities (409 once allowed). */
function activityChanges(rows: Record<ActivityKey, string>, body?: (key: ActivityKey) => NonNullable<Target['body']>): Target[] {
  const archived = Object.fromEntries(A_ACTIVITY_KEYS.map((key) => [key, okAs(rows[key], 409)])) as Rows<ActivityKey>;
  const withBody = body ? { body } : {};
  return [
    ...activityTargets(rows, 200, { params: freshActivityParams(false), ...withBody }),
    ...activityTargets(archived, 200, { params: freshActivityParams(true), ...withBody }).map((target) => ({
      ...target,
      label: `${target.label}, in an archived copy of A`,
    })),
  ];
}

/** A new activity a month from now. */
const activityFields = () => ({ title: `Activity ${unique()}`, startsAt: inDays(30), endsAt: inDays(30, 1), timeZone: 'Europe/Paris' });

// ── Comments (src/server/authz/policies/comment.policy.ts). A comment is read by whoever reads its
// item; writing needs the workspace's `comment` action: employees, and guests (never viewers) where
// the workspace lets guests comment (A and B both do). The world's comments are keyed like
// "A task byGuest" (see authz-world.ts); cells that change or delete one act on a fresh copy. ──

/** Who may comment in each workspace, on the items they see. */
const COMMENTERS: Record<Side, string> = {
  //     anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  A: '401   ok    ok    ok    ok    404   ok    403   404   404   404   401',
  B: '401   ok    ok    404   404   404   404   404   ok    404   404   401',
};

/** Who manages each workspace, and so deletes any comment in it. */
const MANAGERS: Record<Side, string> = {
  //     anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  A: '401   ok    ok    ok    403   404   403   403   404   404   404   401',
  B: '401   ok    ok    404   404   404   404   404   403   404   404   401',
};

type ItemSegment = 'tasks' | 'notes' | 'documents' | 'activities';
const ITEM_SEGMENTS: readonly ItemSegment[] = ['tasks', 'notes', 'documents', 'activities'];
const SEGMENT_OF = { task: 'tasks', note: 'notes', document: 'documents', activity: 'activities' } as const;

/** Who reads each kind of item, by the world's keys. */
const ITEM_SEE: Record<ItemSegment, Record<string, string>> = {
  tasks: TASK_SEE,
  notes: NOTE_SEE,
  documents: DOC_SEE,
  activities: ACTIVITY_SEE,
};

const itemsOf = (w: World, segment: ItemSegment): Record<string, { id: string }> =>
  ({ tasks: w.tasks, notes: w.notes, documents: w.documents, activities: w.activities })[segment];
const itemSide = (key: string): Side => (key.startsWith('A ') ? 'A' : 'B');

/** Who reads the item a world comment is on. */
const commentSee = (key: CommentKey) => {
  const on: CommentParent = COMMENT_SPECS[key].on;
  return ITEM_SEE[SEGMENT_OF[on.type]][on.key] ?? NOWHERE_FOR_ANYONE;
};

/** The world comment's author among the callers (B's manager is none). */
const commentAuthor = (key: CommentKey): CallerName | undefined => {
  const by = COMMENT_SPECS[key].by;
  if (by === 'guest') return itemSide(key) === 'A' ? 'guestA' : 'guestB';
  return itemSide(key) === 'A' ? 'managerA' : undefined;
};

/** Who changes a world comment: its author (while they may comment); who deletes it: its author, or a manager of the workspace. */
const COMMENT_UPDATE = Object.fromEntries(COMMENT_KEYS.map((key) => [key, gate(commentSee(key), only(commentAuthor(key)))])) as Record<
  CommentKey,
  string
>;
const COMMENT_DELETE = Object.fromEntries(
  COMMENT_KEYS.map((key) => [key, gate(commentSee(key), either(MANAGERS[itemSide(key)], only(commentAuthor(key))))]),
) as Record<CommentKey, string>;

/** A comment's abilities: reading; changing for its author who may comment; deleting also for the workspace's managers; in an archived workspace, reading only. */
const commentAbilitiesFor = (caller: WorldCaller, side: Side, authorId: string | undefined, archived: boolean) => {
  const want = ['read'];
  if (archived) return want;
  const own = authorId !== undefined && authorId === caller.person?.id && allows(COMMENTERS[side], caller.name);
  if (own) want.push('update');
  if (own || allows(MANAGERS[side], caller.name)) want.push('delete');
  return want;
};

/** A world item's thread: every world comment on it, nothing from elsewhere, each with exactly its abilities. */
const commentThread =
  (segment: ItemSegment, key: string, archived = false): NonNullable<Target['check']> =>
  (w, caller, body) => {
    const items = body.items as { id: string; targetId: string; author: { id: string } | null; abilities: string[] }[];
    const targetId = archived ? undefined : itemsOf(w, segment)[key]?.id;
    const foreign = items.find((c) => targetId !== undefined && c.targetId !== targetId);
    if (foreign) return `lists comment ${foreign.id} of another item`;
    if (!archived) {
      const missing = COMMENT_KEYS.filter((k) => w.comments[k].targetId === targetId && !items.some((c) => c.id === w.comments[k].id));
      if (missing.length > 0) return `misses the comments ${missing.join(', ')}`;
    }
    return items.map((c) => sameAbilities(c.abilities, commentAbilitiesFor(caller, itemSide(key), c.author?.id, archived))).find(Boolean);
  };

/** The people of the world by who they are, for what the mention picker may offer. */
const knownPeople = (w: World) => {
  const id = (name: CallerName) => w.callers[name].person?.id ?? '';
  return {
    employees: {
      A: [id('managerA'), id('memberA'), w.people.employeeOfA.id],
      B: [w.people.managerB.id, w.people.employeeOfB.id],
    },
    guests: {
      A: [id('guestA'), id('viewerA'), w.people.guestOfA.id],
      B: [id('guestB'), w.people.guestOfB.id],
    },
    /** Never offered anywhere: no longer (or never active) members. */
    gone: [id('removedGuest'), id('expiredGuest'), id('suspended'), id('outsider'), id('admin'), id('extranetAdmin'), w.people.spare.id],
  };
};

/**
 * The mention picker on a world item: never the caller, nobody who left or was suspended, nobody of
 * the other workspace; on an internal item only employees of the workspace (the cells add guests to
 * A, never employees); and nobody the caller may not see. The exact lists are checked before the cells.
 */
const mentionPicker =
  (key: string): NonNullable<Target['check']> =>
  (w, caller, body) => {
    const offered = (body.items as { id: string }[]).map((p) => p.id);
    const side = itemSide(key);
    const other: Side = side === 'A' ? 'B' : 'A';
    const people = knownPeople(w);
    if (offered.includes(caller.person?.id ?? '-')) return 'offers the caller';
    const wrong = offered.filter((id) => people.gone.includes(id) || [...people.employees[other], ...people.guests[other]].includes(id));
    if (wrong.length > 0) return `offers people outside the workspace: ${wrong.join(', ')}`;
    if (key.endsWith(' internal') && offered.some((id) => !people.employees[side].includes(id)))
      return `offers someone who is not an employee of ${side} on an internal item`;
    const hidden = (
      [
        ['guest of A', w.people.guestOfA.id],
        ['employee of A', w.people.employeeOfA.id],
        ['guest of B', w.people.guestOfB.id],
        ['employee of B', w.people.employeeOfB.id],
      ] as const
    ).filter(
      ([label, id]) =>
        offered.includes(id) && !allows(MATRIX['GET /api/v1/users/:id']?.find((x) => x.label === label)?.expect, caller.name),
    );
    return hidden.length > 0 ? `offers ${hidden.map(([label]) => label).join(', ')}, whom the caller may not see` : undefined;
  };

/** One target per world item of that kind, with the status `rows` derives from who reads the item. */
const itemTargets = (
  segment: ItemSegment,
  rows: (see: string, key: string) => string,
  ok: number,
  extra: (key: string) => Partial<Target> = () => ({}),
): Target[] =>
  Object.entries(ITEM_SEE[segment]).map(([key, see]) => ({
    label: key,
    params: (w: World) => ({ id: itemsOf(w, segment)[key]?.id ?? '' }),
    expect: okAs(rows(see, key), ok),
    ...extra(key),
  }));

/** Who writes on an item (comments, the mention picker): who reads it and may comment in its workspace. */
const writesOn = (see: string, key: string) => gate(see, COMMENTERS[itemSide(key)]);

const aComment = () => ({ body: `A comment ${unique()}` });

/** Items with a comment in an archived copy of A: a copy of the item there, with a copy of the world comment of that key on it. */
const ARCHIVED_ITEMS: Record<ItemSegment, readonly (readonly [string, CommentKey])[]> = {
  tasks: [
    ['A assigned', 'A task'],
    ['A internal', 'A internal task'],
  ],
  notes: [['A shared', 'A note']],
  activities: [['A attended', 'A activity byGuest']],
  documents: [],
};

const archivedItemTargets = (
  segment: ItemSegment,
  rows: (see: string, key: string) => string,
  ok: number,
  extra: (key: string) => Partial<Target> = () => ({}),
): Target[] =>
  ARCHIVED_ITEMS[segment].map(([key, commentKey]) => ({
    label: `${key}, in an archived copy of A`,
    params: async (w: World) => ({ id: (await freshComment(w, commentKey, { archived: true })).targetId }),
    expect: okAs(rows(ITEM_SEE[segment][key] ?? NOWHERE_FOR_ANYONE, key), ok),
    ...extra(key),
  }));

/** A comment mentioning someone: each one someone the picker would offer the caller on that item (400 otherwise, once the caller may comment). */
const mentioning = (segment: ItemSegment, key: string, label: string, mention: (w: World) => string, ok: number): Target => ({
  label: `${key}, mentioning ${label}`,
  params: (w) => ({ id: itemsOf(w, segment)[key]?.id ?? '' }),
  body: (w) => ({ body: `A comment ${unique()}`, mentionIds: [mention(w)] }),
  expect: okAs(writesOn(ITEM_SEE[segment][key] ?? NOWHERE_FOR_ANYONE, key), ok),
});

const MENTION_CELLS: Record<ItemSegment, Target[]> = {
  tasks: [
    mentioning('tasks', 'A assigned', 'the guest of A', (w) => w.people.guestOfA.id, 201),
    mentioning('tasks', 'A internal', 'the guest of A', (w) => w.people.guestOfA.id, 400),
    mentioning('tasks', 'A assigned', "B's employee", (w) => w.people.employeeOfB.id, 400),
    mentioning('tasks', 'A assigned', 'the guest removed from A', person('removedGuest'), 400),
    mentioning('tasks', 'A assigned', 'the guest past their end date', person('expiredGuest'), 400),
    mentioning('tasks', 'A assigned', 'its suspended employee', person('suspended'), 400),
    {
      // B hides its members from guests: its guest mentions nobody they cannot see.
      ...mentioning('tasks', 'B assigned', "B's employee", (w) => w.people.employeeOfB.id, 201),
      expect: '401   201   201   404   404   404   404   404   400   404   404   401',
    },
  ],
  notes: [mentioning('notes', 'A internal', 'the guest of A', (w) => w.people.guestOfA.id, 400)],
  documents: [
    mentioning('documents', 'A view', 'the viewer of A', person('viewerA'), 201),
    // The viewer does not see another guest's drop-box upload.
    mentioning('documents', 'A dropOwn', 'the viewer of A', person('viewerA'), 400),
    mentioning('documents', 'A internal', 'the guest of A', (w) => w.people.guestOfA.id, 400),
  ],
  activities: [
    mentioning('activities', 'A attended', 'the guest of A', (w) => w.people.guestOfA.id, 201),
    mentioning('activities', 'A internal', 'the guest of A', (w) => w.people.guestOfA.id, 400),
  ],
};

/**
 * In a copy of A that no longer lets guests comment, its guest reads the thread but neither writes,
 * nor changes or deletes what they wrote; the employees go on. A copy of the world comment's item
 * and of the comment is made there for each cell.
 */
const withoutGuestComments = (key: CommentKey, what: 'item' | 'comment', extra: Partial<Target>, expect: string): Target => ({
  label: `${key}, in a copy of A where guests may not comment`,
  params: async (w) => {
    const comment = await freshComment(w, key, { workspaceId: await freshWorkspaceWith(w, 'A', { comment: false }) });
    return { id: what === 'item' ? comment.targetId : comment.id };
  },
  ...extra,
  expect,
});
const WITHOUT_GUEST_COMMENT_ROWS = {
  //                  anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  post: /*         */ '401   201   201   201   201   404   403   403   404   404   404   401',
  mentionable: /*  */ '401   200   200   200   200   404   403   403   404   404   404   401',
  patch: /*        */ '401   403   403   403   403   404   403   403   404   404   404   401',
  delete: /*       */ '401   204   204   204   403   404   403   403   404   404   404   401',
};
const WITHOUT_GUEST_COMMENTS = {
  post: withoutGuestComments('A task', 'item', { body: aComment }, WITHOUT_GUEST_COMMENT_ROWS.post),
  mentionable: withoutGuestComments('A task', 'item', {}, WITHOUT_GUEST_COMMENT_ROWS.mentionable),
  patch: withoutGuestComments('A task byGuest', 'comment', { body: aComment }, WITHOUT_GUEST_COMMENT_ROWS.patch),
  delete: withoutGuestComments('A task byGuest', 'comment', {}, WITHOUT_GUEST_COMMENT_ROWS.delete),
};

/** A fresh comment of that key (or as told) for each cell. */
const freshCommentParams =
  (options: FreshCommentOptions | ((w: World, caller: WorldCaller) => FreshCommentOptions) = {}) =>
  (key: CommentKey): NonNullable<Target['params']> =>
  async (w, caller) => ({ id: (await freshComment(w, key, typeof options === 'function' ? options(w, caller) : options)).id });

const commentTargets = (rows: Rows<CommentKey>, ok: number, options: KeyedOptions<CommentKey> = {}) =>
  keyedTargets(rows, ok, (key) => (w) => ({ id: w.comments[key].id }), options);

/** The comments of A that live on a task, a note or an activity, which have copies in archived copies of A. */
const ARCHIVABLE_COMMENTS: readonly CommentKey[] = ['A task', 'A task byGuest', 'A internal task', 'A note', 'A activity byGuest'];
const archivedCommentRows = (rows: Record<CommentKey, string>): Rows<CommentKey> =>
  Object.fromEntries(ARCHIVABLE_COMMENTS.map((key) => [key, okAs(rows[key], 409)])) as Rows<CommentKey>;

// ── The workspace's activity stream (src/server/modules/activity-stream/). ──

/** Who reads a world item, by its type and id in the stream (undefined: not one of the world's). */
function streamedSee(w: World, type: string, id: string): string | undefined {
  const find = <K extends string>(keys: readonly K[], refs: Record<K, { id: string }>, rows: Rows<K>) => {
    const key = keys.find((k) => refs[k].id === id);
    return key === undefined ? undefined : (rows[key] ?? NOWHERE_FOR_ANYONE);
  };
  switch (type) {
    case 'task':
      return find(TASK_KEYS, w.tasks, TASK_SEE);
    case 'note':
      return find(NOTE_KEYS, w.notes, NOTE_SEE);
    case 'activity':
      return find(ACTIVITY_KEYS, w.activities, ACTIVITY_SEE);
    case 'document':
      return find(DOCUMENT_KEYS, w.documents, DOC_SEE);
    case 'folder':
      return find(FOLDER_KEYS, w.folders, FOLDER_SEE);
    default:
      return NOWHERE_FOR_ANYONE;
  }
}

/** The stream tells of items the caller may read only, and of people joining only to who reads the member list. */
const streamCheck =
  (side: Side): NonNullable<Target['check']> =>
  (w, caller, body) => {
    const items = body.items as { action: string; target: { type: string; id: string } | null }[];
    if (items.length === 0) return 'tells nothing';
    const seesMembers = allows(MATRIX['GET /api/v1/workspaces/:id/members']?.find((x) => x.label === side)?.expect, caller.name);
    for (const item of items) {
      if (!item.target) {
        if (item.action !== 'member.joined' || !seesMembers) return `tells ${item.action} to a caller who may not read the members`;
        continue;
      }
      const see = streamedSee(w, item.target.type, item.target.id);
      if (see !== undefined && !allows(see, caller.name))
        return `tells of the ${item.target.type} ${item.target.id}, which the caller may not read`;
    }
    return undefined;
  };

// ── Calendar feeds (src/server/modules/calendar/). ──

const feedUrlCheck: Target['check'] = (_w, _caller, body) =>
  String(body.feedUrl).startsWith(`${TEST_ORIGIN}/api/v1/calendar/`)
    ? undefined
    : `the feed URL ${String(body.feedUrl)} is not on the public URL`;

/**
 * A feed holds its owner's activities (the listed ones at least) and nothing its owner may not see,
 * whoever fetches it: the token is the credential.
 */
const feedOf =
  (owner: CallerName, listed: ActivityKey[]): NonNullable<Target['check']> =>
  (w, _caller, body) => {
    const text = String(body.text);
    if (!text.startsWith('BEGIN:VCALENDAR')) return 'is no iCalendar text';
    const missing = listed.filter((key) => !text.includes(w.activities[key].title));
    if (missing.length > 0) return `misses ${missing.join(', ')}`;
    const leaked = secretsFor(owner).filter((secret) => text.includes(secret));
    return leaked.length > 0 ? `reveals to its owner's feed ${leaked.join(', ')}` : undefined;
  };

const feedParams = (owner: CallerName) => async (w: World) => ({ token: await feedTokenOf(w, w.callers[owner].person?.id ?? '') });

// ── The audit log (docs/audit.md): administrators read all of it, extranet administrators every
// entry that happened in a workspace, managers the entries of the workspaces they manage. ──

//                                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
const AUDIT_READERS /*         */ = '401   200   200   200   403   403   403   403   403   403   403   401';
/** Filtered by B: outside the manager of A's part, so a 404 like a workspace that does not exist. */
const AUDIT_OF_B /*            */ = '401   200   200   404   403   403   403   403   403   403   403   401';
const AUDIT_OF_NOWHERE /*      */ = '401   404   404   404   403   403   403   403   403   403   403   401';

/** The longest page of the log, so that a page holds entries of many kinds. */
const AUDIT_PAGE = 200;

const auditOf = (side: Side) => (w: World) => ({ workspaceId: w.workspaces[side].id });

/** An entry as the matrix compares them: its id and the workspace it happened in. */
type Entry = { id: string; workspaceId: string | null };

/**
 * The entries shown are exactly those of the caller's part (of the side's workspace when filtered),
 * in the same order; otherwise names the first one outside it, or what is missing.
 */
function sameEntries(w: World, shown: Entry[], want: { id: string; workspace_id: string | null }[], side?: Side): string | undefined {
  const wanted = new Set(want.map((e) => e.id));
  const stray = shown.find((e) => !wanted.has(e.id));
  if (stray) {
    if (stray.workspaceId === null) return `shows the entry ${stray.id}, outside any workspace`;
    const which = (['A', 'B'] as const).find((s) => w.workspaces[s].id === stray.workspaceId);
    const where = which ? `workspace ${which}` : `the workspace ${stray.workspaceId}`;
    return `shows the entry ${stray.id} of ${where}, outside the caller's part${side ? ` of workspace ${side}` : ''}`;
  }
  const seen = new Set(shown.map((e) => e.id));
  const missing = want.filter((e) => !seen.has(e.id));
  if (missing.length > 0) return `misses ${missing.length} entries of its part (the first: ${missing[0]?.id})`;
  return shown.map((e) => e.id).join() === want.map((e) => e.id).join() ? undefined : 'lists its entries out of order';
}

/** A page of the log holds exactly the newest entries of the caller's part (of the side's workspace when filtered by it). */
const auditPage =
  (side?: Side, action?: string): NonNullable<Target['check']> =>
  async (w, caller, body) => {
    const items = body.items as { id: string; workspace: { id: string } | null }[];
    let part = auditPartOf(w, caller).limit(AUDIT_PAGE);
    if (side) part = part.where('audit_events.workspace_id', '=', w.workspaces[side].id);
    if (action) part = part.where('audit_events.action', '=', action);
    const shown = items.map((e) => ({ id: e.id, workspaceId: e.workspace?.id ?? null }));
    return sameEntries(w, shown, await part.execute(), side);
  };

/** RFC 4180 rows (quoted fields with doubled quotes, CRLF line ends). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/**
 * An export is a download of the right type holding exactly the caller's part (of the side's
 * workspace when filtered by it) as it was just before the export recorded itself, newest first.
 */
const auditExport =
  (format: 'csv' | 'json', side?: Side): NonNullable<Target['check']> =>
  async (w, caller, body, response) => {
    const type = String(response.headers['content-type']);
    if (!type.startsWith(format === 'csv' ? 'text/csv' : 'application/json')) return `answers ${type} for ${format}`;
    if (!/^attachment; filename="foyer-audit-[\d-]+\.(csv|json)"$/.test(String(response.headers['content-disposition'])))
      return `is no attachment (${String(response.headers['content-disposition'])})`;
    let shown: Entry[];
    if (format === 'csv') {
      const [header = [], ...rows] = csvRows(String(body.text));
      const [id, workspaceId] = [header.indexOf('id'), header.indexOf('workspaceId')];
      if (id < 0 || workspaceId < 0) return `has no id or workspaceId column (${header.join()})`;
      shown = rows.map((r) => ({ id: r[id] ?? '', workspaceId: r[workspaceId] || null }));
    } else {
      shown = (body as unknown as { id: string; workspace: { id: string } | null }[]).map((e) => ({
        id: e.id,
        workspaceId: e.workspace?.id ?? null,
      }));
    }
    const exported = await t.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('action', '=', 'audit.exported')
      .where('actor_id', '=', caller.person?.id ?? '')
      .executeTakeFirst();
    let part = auditPartOf(w, caller).where('audit_events.seq', '<', Number(exported?.seq ?? 0));
    if (side) part = part.where('audit_events.workspace_id', '=', w.workspaces[side].id);
    const want = await part.execute();
    if (want.length === 0) return 'the part to export is empty: the cell proves nothing';
    return sameEntries(w, shown, want, side);
  };

// ── The exposure dashboard (docs/exposure.md): administrators and extranet administrators only. ──

/** The world's employees, whom the dashboard never lists as guests. */
const worldEmployees = (w: World) => [
  ...CALLERS.filter((c) => !GUEST_CALLERS.has(c) && c !== 'anonymous').map((c) => w.callers[c].person?.id ?? ''),
  ...[w.people.managerB, w.people.employeeOfA, w.people.employeeOfB, w.people.spare].map((p) => p.id),
];

/** Guests only (the world's first by name among them), never an employee. */
const exposedGuests: Target['check'] = (w, _caller, body) => {
  const ids = (body.items as { user: { id: string } }[]).map((i) => i.user.id);
  const employees = worldEmployees(w).filter((id) => ids.includes(id));
  if (employees.length > 0) return `lists the employees ${employees.join(', ')} as guests`;
  return ids.includes(w.callers.guestA.person?.id ?? '-') ? undefined : 'misses the guest of A';
};

/** Open and expired invitations only: never an accepted, revoked or rejected one. */
const exposedInvitations: Target['check'] = (_w, _caller, body) => {
  const items = body.items as { id: string; status: string }[];
  if (items.length === 0) return 'lists no invitation';
  const closed = items.filter((i) => !['sent', 'awaiting_approval', 'expired'].includes(i.status));
  return closed.length > 0 ? `lists ${closed.map((i) => `the ${i.status} invitation ${i.id}`).join(', ')}` : undefined;
};

/** The summary counts at least the world's guests (callers and people). */
const exposureSummary: Target['check'] = (_w, _caller, body) => {
  const guests = GUEST_CALLERS.size + 2;
  return Number(body.guests) >= guests ? undefined : `counts ${String(body.guests)} guests, the world holds ${guests}`;
};

/** One membership acted on, nobody suspended (the world does not suspend guests left without a workspace). */
const bulkCount =
  (field: 'revoked' | 'extended'): NonNullable<Target['check']> =>
  (_w, _caller, body) =>
    body[field] === 1 && (field === 'extended' || body.suspended === 0) ? undefined : `answers ${JSON.stringify(body)}`;

/** Each cell acts on a guest membership of its own: a fresh guest in a fresh copy of A (archived when told). */
const freshMembershipItems = (status: 'active' | 'archived') => async (w: World) => ({
  items: [await freshGuestMembership(w, 'A', status)],
});

/** An employee's membership, in a fresh copy of A (so a wrongly accepted revoke harms no later cell). */
const employeeMembershipItems = async (w: World) => ({
  items: [{ workspaceId: await freshWorkspace(w, 'A'), userId: w.people.employeeOfA.id }],
});

//                                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
const GOVERNORS_REFUSE_400 /*  */ = '401   400   400   403   403   403   403   403   403   403   403   401';
const GOVERNORS_REFUSE_409 /*  */ = '401   409   409   403   403   403   403   403   403   403   403   401';

// ── Notifications (docs/notifications.md): each person reads and marks their own, and only those about
// no workspace or one they may still enter; watching a folder follows the rule for reading it. ──

/** Marking one of the world's notifications (see authz-world.ts): its owner alone, and not once they have left its workspace. */
const NOTIFICATION_MARK: Record<NotificationOwner, string> = {
  //                      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
  managerA: /*       */ '401   404   404   204   404   404   404   404   404   404   404   401',
  memberA: /*        */ '401   404   404   404   204   404   404   404   404   404   404   401',
  guestA: /*         */ '401   404   404   404   404   404   204   404   404   404   404   401',
  viewerA: /*        */ '401   404   404   404   404   404   404   204   404   404   404   401',
  guestB: /*         */ '401   404   404   404   404   404   404   404   204   404   404   401',
  removedGuest: /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
  expiredGuest: /*   */ '401   404   404   404   404   404   404   404   404   404   404   401',
};

const notificationTargets = (): Target[] => [
  ...NOTIFICATION_OWNERS.map((owner) => ({
    label: `${owner}'s notification`,
    params: (w: World) => ({ id: w.notifications[owner].id }),
    expect: NOTIFICATION_MARK[owner],
  })),
  { label: 'a notification that exists nowhere', params: () => ({ id: newId() }), expect: NOWHERE_FOR_ANYONE },
];

/** Whether the caller may enter the workspace of a notification, by the matrix's rows for A and B (no workspace: yes). */
function entersFor(w: World, caller: WorldCaller, workspaceId: string | null): boolean {
  if (workspaceId === null) return true;
  const side = (['A', 'B'] as const).find((s) => w.workspaces[s].id === workspaceId);
  if (!side) return governs(caller);
  return allows(MATRIX['GET /api/v1/workspaces/:id']?.find((x) => x.label === side)?.expect, caller.name);
}

/**
 * The caller's notifications as the tables hold them, newest first, split into those it may read
 * (about no workspace, an invitation, or a workspace it may enter) and those about a workspace it has left.
 */
async function notificationsOf(w: World, caller: WorldCaller) {
  const rows = await t.ctx.db
    .selectFrom('notifications')
    .select(['id', 'workspace_id', 'kind', 'read_at'])
    .where('user_id', '=', caller.person?.id ?? '')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const readable = (r: (typeof rows)[number]) => r.kind === 'invited' || entersFor(w, caller, r.workspace_id);
  return { readable: rows.filter(readable), hidden: rows.filter((r) => !readable(r)) };
}

/** Those with notifications of their own in the world, whose list must show some; the guests who left A hold some they may no longer read. */
const NOTIFIED = new Set<CallerName>(NOTIFICATION_OWNERS.filter((o) => o !== 'removedGuest' && o !== 'expiredGuest'));
const LEFT_A = new Set<CallerName>(['removedGuest', 'expiredGuest']);

/** My notifications: exactly my part, newest first, with its unread count; never another person's, nor one about a workspace I have left. */
const myNotifications: Target['check'] = async (w, caller, body) => {
  const items = body.items as { id: string }[];
  const { readable, hidden } = await notificationsOf(w, caller);
  const stray = items.find((i) => !readable.some((r) => r.id === i.id));
  if (stray)
    return hidden.some((r) => r.id === stray.id)
      ? `shows its notification ${stray.id} about a workspace it may no longer enter`
      : `shows the notification ${stray.id}, which is someone else's`;
  if (items.map((i) => i.id).join() !== readable.map((r) => r.id).join())
    return `lists ${items.length} of its ${readable.length} notifications`;
  const unread = readable.filter((r) => r.read_at === null).length;
  if (body.unread !== unread) return `counts ${String(body.unread)} unread, its part holds ${unread}`;
  if (NOTIFIED.has(caller.name) && items.length === 0) return 'shows nothing: the cell proves nothing';
  if (LEFT_A.has(caller.name) && hidden.length === 0) return 'holds no notification about A to hide: the cell proves nothing';
  return undefined;
};

/** Only my unread ones, all of them. */
const myUnread: Target['check'] = async (w, caller, body) => {
  const shown = (body.items as { id: string }[]).map((i) => i.id).join();
  const unread = (await notificationsOf(w, caller)).readable.filter((r) => r.read_at === null).map((r) => r.id);
  return shown === unread.join() ? undefined : `lists [${shown}], its unread ones are [${unread.join()}]`;
};

const myUnreadCount: Target['check'] = async (w, caller, body) => {
  const unread = (await notificationsOf(w, caller)).readable.filter((r) => r.read_at === null).length;
  return body.unread === unread ? undefined : `counts ${String(body.unread)} unread, its part holds ${unread}`;
};

/** Everyone's unread notifications but the caller's, before the call: marking all mine read touches nobody else's. */
const othersUnread = async (_w: World, caller: WorldCaller) =>
  (
    await t.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '!=', caller.person?.id ?? '')
      .where('read_at', 'is', null)
      .execute()
  ).map((r) => r.id);

const allMineRead: Target['check'] = async (w, caller, body, _response, before) => {
  const { readable, hidden } = await notificationsOf(w, caller);
  if (readable.some((r) => r.read_at === null)) return 'leaves some of its notifications unread';
  if (hidden.some((r) => r.read_at !== null)) return 'marks read its notifications about a workspace it may no longer enter';
  const stillUnread = new Set(await othersUnread(w, caller));
  const touched = (before as string[]).filter((id) => !stillUnread.has(id));
  if (touched.length > 0) return `marks read ${touched.length} notifications of other people`;
  return typeof body.updated === 'number' ? undefined : `answers ${JSON.stringify(body)}`;
};

const watchRow = async (caller: WorldCaller, folderId: string) =>
  t.ctx.db
    .selectFrom('folder_watches')
    .select('user_id')
    .where('user_id', '=', caller.person?.id ?? '')
    .where('folder_id', '=', folderId)
    .executeTakeFirst();

/** The answer tells (and the tables hold) whether the caller watches the folder of that key; `want` after a change. */
const folderWatch =
  (want?: boolean) =>
  (key: FolderKey): NonNullable<Target['check']> =>
  async (w, caller, body) => {
    const watching = (await watchRow(caller, w.folders[key].id)) !== undefined;
    if (want !== undefined && watching !== want) return `leaves the folder ${watching ? 'watched' : 'unwatched'}`;
    return body.watching === watching ? undefined : `answers watching: ${String(body.watching)}, the tables say ${watching}`;
  };

// ── The real-time stream (src/server/modules/realtime/): whoever is signed in, about themselves. ──

/** Opens the caller's stream over a real connection: it says `ready` with the caller's own unread count. */
const streamReady: Target['check'] = async (w, caller, _body, response) => {
  if (!String(response.headers['content-type']).startsWith('text/event-stream'))
    return `answers ${String(response.headers['content-type'])}`;
  const stream = await openStream(`${base}/api/v1/me/stream`, caller.cookie ? { cookie: caller.cookie } : {});
  try {
    if (stream.status !== 200) return `a real GET answers ${stream.status} ${stream.body.slice(0, 160)}`;
    const ready = JSON.parse((await stream.waitFor((e) => e.event === 'ready')).data) as { unread: number };
    const unread = (await notificationsOf(w, caller)).readable.filter((r) => r.read_at === null).length;
    return ready.unread === unread ? undefined : `is ready with ${ready.unread} unread, the caller's part holds ${unread}`;
  } finally {
    stream.close();
  }
};

// ── E-mail preferences and unsubscribe links (docs/notifications.md): my own preferences; the signed
// link is the credential, whoever holds it, and can only switch its kind of e-mail off. ──

const PREFERENCE_CHANGE = { kind: 'activity_confirmed', delivery: 'never' } as const;

const deliveryIn = (body: Record<string, unknown>, kind: string) =>
  (body.preferences as { kind: string; delivery: string }[] | undefined)?.find((p) => p.kind === kind)?.delivery;

const storedDelivery = async (userId: string, kind: string) =>
  (
    await t.ctx.db
      .selectFrom('notification_preferences')
      .select('delivery')
      .where('user_id', '=', userId)
      .where('kind', '=', kind as NotificationKind)
      .executeTakeFirst()
  )?.delivery;

/** Every kind, with what the tables hold for the caller. */
const myPreferences: Target['check'] = async (_w, caller, body) => {
  const shown = (body.preferences as { kind: string }[]).map((p) => p.kind);
  if (shown.join() !== NOTIFICATION_KINDS.join()) return `lists the kinds ${shown.join(', ')}`;
  const stored = await storedDelivery(caller.person?.id ?? '', PREFERENCE_CHANGE.kind);
  const shownDelivery = deliveryIn(body, PREFERENCE_CHANGE.kind);
  return stored === undefined || stored === shownDelivery ? undefined : `shows ${shownDelivery}, the caller chose ${stored}`;
};

/** Everyone's stored preferences, before the call: changing mine touches nobody else's. */
const preferencesSnapshot = async () =>
  JSON.stringify(await t.ctx.db.selectFrom('notification_preferences').selectAll().orderBy('user_id').orderBy('kind').execute());

const preferenceChanged: Target['check'] = async (_w, caller, body, _response, before) => {
  const mine = caller.person?.id ?? '';
  if ((await storedDelivery(mine, PREFERENCE_CHANGE.kind)) !== 'never' || deliveryIn(body, PREFERENCE_CHANGE.kind) !== 'never')
    return 'does not switch its own e-mails off';
  const others = (rows: string) => (JSON.parse(rows) as { user_id: string }[]).filter((r) => r.user_id !== mine);
  return JSON.stringify(others(before as string)) === JSON.stringify(others(await preferencesSnapshot()))
    ? undefined
    : "changes other people's preferences";
};

const unsubscribeParams = (owner: CallerName, scope: UnsubscribeScope) => (w: World) => ({
  token: unsubscribeTokenOf(w, w.callers[owner].person?.id ?? '', scope),
});

/** The preview names the link's kind and a masked address of its holder: enough to recognise it, not to learn it. */
const unsubscribePreview =
  (owner: CallerName, scope: UnsubscribeScope): NonNullable<Target['check']> =>
  (w, _caller, body) => {
    const email = w.callers[owner].person?.email ?? '';
    if (body.kind !== scope) return `previews ${String(body.kind)}`;
    return body.email === `${email.slice(0, 1)}***${email.slice(email.lastIndexOf('@'))}`
      ? undefined
      : `shows the address ${String(body.email)}`;
  };

const unsubscribed =
  (owner: CallerName, kind: NotificationKind): NonNullable<Target['check']> =>
  async (w, _caller, body) =>
    body.kind === kind && (await storedDelivery(w.callers[owner].person?.id ?? '', kind)) === 'never'
      ? undefined
      : `leaves the e-mails of ${owner} about ${kind} on (${JSON.stringify(body)})`;

const unsubscribeTargets = (check: (owner: CallerName, kind: NotificationKind) => NonNullable<Target['check']>): Target[] => [
  {
    label: 'a made-up token',
    params: () => ({ token: `${'a'.repeat(30)}.${'b'.repeat(43)}` }),
    query: '?token=:token',
    expect: everyone(404),
  },
  {
    label: "guest of A's link with a forged signature",
    params: async (w) => ({ token: `${unsubscribeParams('guestA', 'task_assigned')(w).token.split('.')[0]}.${'c'.repeat(43)}` }),
    query: '?token=:token',
    expect: everyone(404),
  },
  {
    label: 'a link signed for an account that does not exist',
    params: (w) => ({ token: unsubscribeTokenOf(w, newId(), 'task_assigned') }),
    query: '?token=:token',
    expect: everyone(404),
  },
  { label: 'no token', expect: everyone(400) },
  // The link is the credential, whoever follows it: a mail client posts it without any session.
  ...(
    [
      ['guestA', 'task_assigned'],
      ['memberA', 'mentioned'],
      ['removedGuest', 'activity_changed'],
    ] as const
  ).map(([owner, kind]) => ({
    label: `${owner}'s link for ${kind}`,
    params: unsubscribeParams(owner, kind),
    query: '?token=:token',
    check: check(owner, kind),
    expect: everyone(200),
  })),
];

// ── Webhooks (docs/webhooks.md): administrators only. Everyone else is refused before anything is
// looked up, so a refusal reads the same whether the webhook exists or not. ──

//                                   anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
const ADMIN_ONLY /*            */ = '401   ok    403   403   403   403   403   403   403   403   403   401';
const ADMIN_FINDS_NOTHING /*   */ = '401   404   403   403   403   403   403   403   403   403   403   401';
const ADMIN_CONFLICT /*        */ = '401   409   403   403   403   403   403   403   403   403   403   401';

const noSecret: Target['check'] = (_w, _caller, body) => {
  const shown = [body, ...((body.items as Record<string, unknown>[] | undefined) ?? [])].filter((h) => 'secret' in h);
  return shown.length > 0 ? 'shows a signing secret again' : undefined;
};

const newSecret: Target['check'] = (w, _caller, body) =>
  typeof body.secret === 'string' && body.secret.length >= 32 && body.secret !== w.webhook.secret
    ? undefined
    : 'shows no new signing secret';

/** An existing webhook (or delivery), and the same route at one that exists nowhere. */
const webhookTargets = (ok: number, params: Target['params'], extra: Partial<Target> = {}): Target[] => [
  { label: 'a webhook', params, refusalLikeMissing: true, expect: okAs(ADMIN_ONLY, ok), ...extra },
  {
    label: 'a webhook that exists nowhere',
    params: () => ({ id: newId() }),
    ...(extra.body ? { body: extra.body } : {}),
    expect: ADMIN_FINDS_NOTHING,
  },
];
const theWebhook = (w: World) => ({ id: w.webhook.id });
const aFreshWebhook = async (w: World) => ({ id: await freshWebhook(w) });
const webhookFields = () => ({ name: `Webhook ${unique()}`, url: `${WEBHOOK_ORIGIN}/matrix/${unique()}`, events: ['task.created'] });

/** The world's webhook is listed, with its test delivery. */
const listsTheWebhook: Target['check'] = (w, _caller, body) =>
  (body.items as { id: string }[]).some((i) => i.id === w.webhook.id) ? undefined : "misses the world's webhook";
const listsItsDelivery: Target['check'] = (w, _caller, body) =>
  (body.items as { id: string }[]).some((i) => i.id === w.webhook.pendingDeliveryId) ? undefined : 'misses its test delivery';

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

  // ── The audit log: each reader exactly their part; a workspace outside it reads like a missing one; exports alike.
  // Before the workspace cells: until the creation cell makes them managers of workspaces of their own,
  // the member of A and the outsider manage nothing (the test after the cells walks them as managers). ──
  'GET /api/v1/audit': [
    { label: 'none', query: `?limit=${AUDIT_PAGE}`, check: auditPage(), expect: AUDIT_READERS },
    {
      label: 'A',
      params: auditOf('A'),
      query: `?limit=${AUDIT_PAGE}&workspaceId=:workspaceId`,
      check: auditPage('A'),
      expect: AUDIT_READERS,
    },
    { label: 'B', params: auditOf('B'), query: `?limit=${AUDIT_PAGE}&workspaceId=:workspaceId`, check: auditPage('B'), expect: AUDIT_OF_B },
    {
      label: 'a workspace that exists nowhere',
      params: () => ({ workspaceId: newId() }),
      query: '?workspaceId=:workspaceId',
      expect: AUDIT_OF_NOWHERE,
    },
    {
      // Sign-ins happen outside workspaces: the administrator's alone.
      label: 'sign-ins',
      query: `?limit=${AUDIT_PAGE}&action=auth.sign_in`,
      check: all(auditPage(undefined, 'auth.sign_in'), (_w, caller, body) =>
        caller.name === 'admin' && (body.items as unknown[]).length === 0 ? 'shows the administrator no sign-in' : undefined,
      ),
      expect: AUDIT_READERS,
    },
    { label: 'CSV export', query: '?format=csv', check: auditExport('csv'), expect: AUDIT_READERS },
    {
      label: 'CSV export of A',
      params: auditOf('A'),
      query: '?format=csv&workspaceId=:workspaceId',
      check: auditExport('csv', 'A'),
      expect: AUDIT_READERS,
    },
    {
      label: 'CSV export of B',
      params: auditOf('B'),
      query: '?format=csv&workspaceId=:workspaceId',
      check: auditExport('csv', 'B'),
      expect: AUDIT_OF_B,
    },
    { label: 'JSON export', query: '?format=json', check: auditExport('json'), expect: AUDIT_READERS },
  ],

  // ── The exposure dashboard: the governors only; the bulk actions on guest memberships of their own. ──
  'GET /api/v1/exposure/summary': [{ label: 'none', check: exposureSummary, expect: GOVERNORS_ONLY }],
  'GET /api/v1/exposure/guests': [{ label: 'none', query: '?limit=200', check: exposedGuests, expect: GOVERNORS_ONLY }],
  'GET /api/v1/exposure/invitations': [{ label: 'none', query: '?limit=200', check: exposedInvitations, expect: GOVERNORS_ONLY }],
  'POST /api/v1/exposure/memberships/revoke': [
    {
      label: 'a fresh guest of a fresh copy of A',
      body: freshMembershipItems('active'),
      check: bulkCount('revoked'),
      expect: GOVERNORS_ONLY,
    },
    // Employees' memberships change in their workspace, never here.
    { label: "A's employee, in a fresh copy of A", body: employeeMembershipItems, expect: GOVERNORS_REFUSE_400 },
    { label: 'a fresh guest of an archived copy of A', body: freshMembershipItems('archived'), expect: GOVERNORS_REFUSE_409 },
  ],
  'POST /api/v1/exposure/memberships/extend': [
    {
      label: 'a fresh guest of a fresh copy of A',
      body: async (w) => ({ ...(await freshMembershipItems('active')(w)), expiresAt: inDays(30) }),
      check: bulkCount('extended'),
      expect: GOVERNORS_ONLY,
    },
    {
      label: "A's employee, in a fresh copy of A",
      body: async (w) => ({ ...(await employeeMembershipItems(w)), expiresAt: inDays(30) }),
      expect: GOVERNORS_REFUSE_400,
    },
    {
      label: 'a fresh guest of an archived copy of A',
      body: async (w) => ({ ...(await freshMembershipItems('archived')(w)), expiresAt: inDays(30) }),
      expect: GOVERNORS_REFUSE_409,
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
  // ── Documents: folders. ──
  'GET /api/v1/workspaces/:id/folders': workspaceTargets(
    //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
    '401   200   200   200   200   404   200   200   404   404   404   401',
    '401   200   200   404   404   404   404   404   200   404   404   401',
  ),
  // Folders are arranged by the employees of the workspace.
  'POST /api/v1/workspaces/:id/folders': [
    ...workspaceTargets(
      //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      '401   201   201   201   201   404   403   403   404   404   404   401',
      '401   201   201   404   404   404   404   404   403   404   404   401',
      { body: () => ({ name: `Folder ${unique()}`, visibility: 'shared' }) },
    ),
    {
      label: 'A, inside its internal folder',
      params: ws('A'),
      body: (w) => ({ name: `Folder ${unique()}`, parentId: w.folders['A internal'].id }),
      expect: '401   201   201   201   201   404   403   403   404   404   404   401',
    },
    {
      // Nobody plants a folder in another workspace through their own.
      label: "A's address, inside B's folder",
      params: ws('A'),
      body: (w) => ({ name: `Folder ${unique()}`, parentId: w.folders['B view'].id }),
      expect: '401   400   400   400   400   404   403   403   404   404   404   401',
    },
    {
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      body: () => ({ name: `Folder ${unique()}`, visibility: 'shared' }),
      expect: '401   409   409   409   409   404   403   403   404   404   404   401',
    },
  ],
  'GET /api/v1/folders/:id': folderTargets(FOLDER_SEE, 200, { check: folderAbilities }),
  'GET /api/v1/folders/:id/children': folderTargets(FOLDER_SEE, 200),
  'PATCH /api/v1/folders/:id': [
    // The folder's own name again: allowed callers change nothing the later cells rely on.
    ...folderTargets(FOLDER_MANAGE, 200, { body: (key) => (w) => ({ name: w.folders[key].name }) }),
    {
      label: "a fresh folder of A, moved into B's folder",
      params: async (w) => ({ id: await freshFolder(w, 'A view') }),
      body: (w) => ({ parentId: w.folders['B view'].id }),
      expect: '401   400   400   400   400   404   403   403   404   404   404   401',
    },
  ],
  'DELETE /api/v1/folders/:id': folderTargets(FOLDER_MANAGE, 204, {
    params: (key) => (key.endsWith(' trashed') ? (w) => ({ id: w.folders[key].id }) : async (w) => ({ id: await freshFolder(w, key) })),
  }),
  'POST /api/v1/folders/:id/restore': [
    ...folderTargets(FOLDER_RESTORE, 200, {
      params: (key) => async (w) => ({ id: await freshTrashedFolder(w, key) }),
    }).map((target) => ({ ...target, label: `${target.label}, trashed` })),
    { label: 'A view, not in the trash', params: (w) => ({ id: w.folders['A view'].id }), expect: NOWHERE_FOR_ANYONE },
  ],

  // ── Documents: the trash of a workspace. ──
  'GET /api/v1/workspaces/:id/trash': workspaceTargets(
    //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
    '401   200   200   200   200   404   403   403   404   404   404   401',
    '401   200   200   404   404   404   404   404   403   404   404   401',
  ),
  // Emptying it purges for good: on copies of the workspaces, so the world keeps its trash.
  'DELETE /api/v1/workspaces/:id/trash': [
    {
      label: 'a fresh copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A') }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   204   204   204   403   404   403   403   404   404   404   401',
    },
    {
      label: 'a fresh copy of B',
      params: async (w) => ({ id: await freshWorkspace(w, 'B') }),
      expect: '401   204   204   404   404   404   404   404   403   404   404   401',
    },
    {
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      expect: '401   409   409   409   403   404   403   403   404   404   404   401',
    },
  ],

  // ── Documents: uploads, documents, bytes, versions, access report. ──
  'POST /api/v1/folders/:id/documents': [
    ...folderTargets(FOLDER_UPLOAD, 201, { upload: aFile }),
    {
      label: 'a drop box in an archived copy of A',
      params: async (w) => ({ id: await freshArchivedFolder(w, 'A', 'dropBox') }),
      upload: aFile,
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   409   409   409   409   404   409   403   404   404   404   401',
    },
  ],
  'GET /api/v1/documents/:id': documentTargets(DOC_SEE, 200, { check: documentAbilities }),
  'PATCH /api/v1/documents/:id': [
    // The document's own name again: nothing changes for the later cells.
    ...documentTargets(DOC_CHANGE, 200, { body: (key) => (w) => ({ name: w.documents[key].name }) }),
    {
      label: "a fresh document of A's edit folder, moved into B's folder",
      params: async (w) => ({ id: await freshDocument(w, 'A edit') }),
      body: (w) => ({ folderId: w.folders['B view'].id }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
  ],
  'DELETE /api/v1/documents/:id': documentTargets(DOC_CHANGE, 204, {
    params: (key) => (key.endsWith(' trashed') ? (w) => ({ id: w.documents[key].id }) : async (w) => ({ id: await freshDocument(w, key) })),
  }),
  'POST /api/v1/documents/:id/restore': [
    ...documentTargets(DOC_RESTORE, 200, { params: (key) => async (w) => ({ id: await freshTrashedDocument(w, key) }) }).map((target) => ({
      ...target,
      label: `${target.label}, trashed`,
    })),
    { label: 'A view, not in the trash', params: (w) => ({ id: w.documents['A view'].id }), expect: NOWHERE_FOR_ANYONE },
  ],
  'GET /api/v1/documents/:id/content': documentTargets(DOC_SEE, 200),
  'GET /api/v1/documents/:id/preview': documentTargets(
    {
      ...DOC_SEE,
      // A text file is never shown inline: 415, once the caller may see it.
      //          anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      'A text': ' 401   415   415   415   415   404   415   415   404   404   404   401',
      'B text': ' 401   415   415   404   404   404   404   404   415   404   404   401',
    },
    200,
  ),
  'GET /api/v1/documents/:id/versions': documentTargets(DOC_SEE, 200),
  'POST /api/v1/documents/:id/versions': documentTargets(DOC_NEW_VERSION, 201, { upload: aFile }),
  'GET /api/v1/documents/:id/versions/:versionId/content': [
    ...documentTargets(DOC_SEE, 200, { params: firstVersion }),
    {
      label: "A view, a version of B's document",
      params: (w) => ({ id: w.documents['A view'].id, versionId: w.documents['B view'].versionIds[0] ?? '' }),
      expect: NOWHERE_FOR_ANYONE,
    },
  ],
  'POST /api/v1/documents/:id/versions/:versionId/restore': [
    ...documentTargets(DOC_NEW_VERSION, 201, { params: firstVersion }),
    {
      label: "A view, a version of B's document",
      params: (w) => ({ id: w.documents['A view'].id, versionId: w.documents['B view'].versionIds[0] ?? '' }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   400   400   400   400   404   403   403   404   404   404   401',
    },
  ],
  'GET /api/v1/documents/:id/access': documentTargets(DOC_ACCESS_REPORT, 200),

  // ── Tasks. ──
  'GET /api/v1/workspaces/:id/tasks': workspaceTargets(
    //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
    '401   200   200   200   200   404   200   200   404   404   404   401',
    '401   200   200   404   404   404   404   404   200   404   404   401',
  ),
  // Employees create tasks; a guest (never a viewer) shared ones, where the workspace lets guests
  // (A does, B does not). Assignees: active members of the workspace whom the caller may see, and
  // employees only on an internal task (400 otherwise, once the caller may create).
  'POST /api/v1/workspaces/:id/tasks': [
    ...workspaceTargets(
      //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      '401   201   201   201   201   404   201   403   404   404   404   401',
      '401   201   201   404   404   404   404   404   403   404   404   401',
      { body: () => ({ title: `Task ${unique()}` }) },
    ),
    {
      label: 'A, internal',
      params: ws('A'),
      body: () => ({ title: `Task ${unique()}`, visibility: 'internal' }),
      expect: '401   201   201   201   201   404   400   403   404   404   404   401',
    },
    {
      label: 'A, assigned to its guest and another guest of A',
      params: ws('A'),
      body: (w) => ({ title: `Task ${unique()}`, assigneeIds: [person('guestA')(w), w.people.guestOfA.id] }),
      expect: '401   201   201   201   201   404   201   403   404   404   404   401',
    },
    {
      label: 'A, internal, assigned to its guest',
      params: ws('A'),
      body: (w) => ({ title: `Task ${unique()}`, visibility: 'internal', assigneeIds: [person('guestA')(w)] }),
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
    {
      // A viewer only reads: a task they could neither start nor tick is not theirs to hold.
      label: 'A, assigned to its viewer',
      params: ws('A'),
      body: (w) => ({ title: `Task ${unique()}`, assigneeIds: [person('viewerA')(w)] }),
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
    {
      label: "A, assigned to B's employee",
      params: ws('A'),
      body: (w) => ({ title: `Task ${unique()}`, assigneeIds: [w.people.employeeOfB.id] }),
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
    {
      label: 'A, assigned to the guest removed from A',
      params: ws('A'),
      body: (w) => ({ title: `Task ${unique()}`, assigneeIds: [person('removedGuest')(w)] }),
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
    {
      label: 'A, assigned to the guest past their end date',
      params: ws('A'),
      body: (w) => ({ title: `Task ${unique()}`, assigneeIds: [person('expiredGuest')(w)] }),
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
    {
      // B hides its members from guests: its guest may assign themselves, not a member they cannot see.
      label: 'a copy of B letting guests create tasks, assigned to its guest',
      params: async (w) => ({ id: await freshWorkspaceWith(w, 'B', { createTasks: true }) }),
      body: (w) => ({ title: `Task ${unique()}`, assigneeIds: [person('guestB')(w)] }),
      expect: '401   201   201   404   404   404   404   404   201   404   404   401',
    },
    {
      label: 'a copy of B letting guests create tasks, assigned to its employee',
      params: async (w) => ({ id: await freshWorkspaceWith(w, 'B', { createTasks: true }) }),
      body: (w) => ({ title: `Task ${unique()}`, assigneeIds: [w.people.employeeOfB.id] }),
      expect: '401   201   201   404   404   404   404   404   400   404   404   401',
    },
    {
      // Assignees are among the people the caller may see: the governors see suspended people, employees do not.
      label: 'A, assigned to its suspended employee',
      params: ws('A'),
      body: (w) => ({ title: `Task ${unique()}`, assigneeIds: [person('suspended')(w)] }),
      expect: '401   201   201   400   400   404   400   403   404   404   404   401',
    },
    {
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      body: () => ({ title: `Task ${unique()}` }),
      expect: '401   409   409   409   409   404   409   403   404   404   404   401',
    },
  ],
  'GET /api/v1/tasks/:id': [
    ...taskTargets(TASK_SEE, 200, { check: (key) => all(taskAbilities(key), taskAttachments(key)) }),
    ...taskTargets(Object.fromEntries(A_TASK_KEYS.map((key) => [key, TASK_SEE[key]])), 200, {
      params: freshTaskParams(true),
      check: (key) => all(taskAbilities(key, true), taskAttachments(key)),
    }).map((target) => ({ ...target, label: `${target.label}, in an archived copy of A` })),
  ],
  'PATCH /api/v1/tasks/:id': [
    ...taskChanges(TASK_UPDATE, () => () => ({ title: `Changed ${unique()}`, priority: 'high' })),
    ...taskChanges(TASK_PROGRESS, () => () => ({ status: 'in_progress' })).map((target) => ({
      ...target,
      label: `${target.label}, status only`,
    })),
    {
      // The status with anything else is a change: the assigned guest may not.
      label: 'A assigned, status and title',
      params: freshTaskParams(false)('A assigned'),
      body: () => ({ status: 'done', title: `Changed ${unique()}` }),
      expect: okAs(TASK_UPDATE['A assigned'], 200),
    },
    {
      // A guest is assigned: an internal task is for employees only; guests keep tasks shared anyway.
      label: 'A byGuest, made internal',
      params: freshTaskParams(false)('A byGuest'),
      body: () => ({ visibility: 'internal' }),
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
    {
      label: 'A byGuest, assigned to its author and another guest of A',
      params: freshTaskParams(false)('A byGuest'),
      body: (w) => ({ assigneeIds: [person('guestA')(w), w.people.guestOfA.id] }),
      expect: okAs(TASK_UPDATE['A byGuest'], 200),
    },
    {
      label: "A byGuest, assigned to B's employee",
      params: freshTaskParams(false)('A byGuest'),
      body: (w) => ({ assigneeIds: [w.people.employeeOfB.id] }),
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
    {
      // Items keep their id only within their task: an item of another task is refused, not moved.
      label: "A byGuest, its checklist given an item of B's task",
      params: freshTaskParams(false)('A byGuest'),
      body: (w) => ({ checklist: [{ id: w.tasks['B assigned'].itemIds[0] ?? '', text: 'Taken' }] }),
      expect: '401   400   400   400   400   404   400   403   404   404   404   401',
    },
    {
      label: 'A other, assigned to the guest removed from A',
      params: freshTaskParams(false)('A other'),
      body: (w) => ({ assigneeIds: [person('removedGuest')(w)] }),
      expect: '401   400   400   400   400   404   403   403   404   404   404   401',
    },
  ],
  'PATCH /api/v1/tasks/:id/checklist/:itemId': [
    ...taskChanges(TASK_PROGRESS, () => () => ({ done: true })),
    {
      // An item of another task (in another workspace) is no item of this one; a viewer is refused first.
      label: "A assigned, an item of B's task",
      params: (w) => ({ id: w.tasks['A assigned'].id, itemId: w.tasks['B assigned'].itemIds[0] ?? '' }),
      body: () => ({ done: true }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   404   404   404   404   404   404   403   404   404   404   401',
    },
    {
      // Nor is an item of a task of the same workspace that the guest may not tick.
      label: 'A assigned, an item of A other',
      params: (w) => ({ id: w.tasks['A assigned'].id, itemId: w.tasks['A other'].itemIds[0] ?? '' }),
      body: () => ({ done: true }),
      expect: '401   404   404   404   404   404   404   403   404   404   404   401',
    },
  ],
  'GET /api/v1/me/tasks': [{ label: 'none', expect: SIGNED_IN }],

  // ── Notes. ──
  'GET /api/v1/workspaces/:id/notes': [
    ...workspaceTargets(
      //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      '401   200   200   200   200   404   200   200   404   404   404   401',
      '401   200   200   404   404   404   404   404   200   404   404   401',
    ),
    {
      // Copies of A's notes in an archived copy of A: listed as the single reads allow, reading only.
      label: "an archived copy of A, with copies of A's notes",
      params: async (w) => {
        const id = await freshWorkspace(w, 'A', 'archived');
        for (const key of A_NOTE_KEYS) await freshNote(w, key, id);
        return { id };
      },
      check: (_w, caller, body) => {
        const items = body.items as { visibility: string; abilities: string[] }[];
        const want = A_NOTE_KEYS.filter((key) => allows(NOTE_SEE[key], caller.name)).length;
        if (items.length !== want) return `lists ${items.length} notes, the caller reads ${want}`;
        if (GUEST_CALLERS.has(caller.name) && items.some((i) => i.visibility !== 'shared')) return 'lists an internal note to a guest';
        return items.map((i) => sameAbilities(i.abilities, ['read', 'read_history'])).find(Boolean);
      },
      expect: '401   200   200   200   200   404   200   200   404   404   404   401',
    },
  ],
  // The workspace's employees write notes, shared or internal; guests and viewers only read them.
  'POST /api/v1/workspaces/:id/notes': [
    ...workspaceTargets(
      //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      '401   201   201   201   201   404   403   403   404   404   404   401',
      '401   201   201   404   404   404   404   404   403   404   404   401',
      { body: () => ({ title: `Note ${unique()}`, body: 'Shared words' }) },
    ),
    {
      label: 'A, internal',
      params: ws('A'),
      body: () => ({ title: `Note ${unique()}`, body: 'Internal words', visibility: 'internal' }),
      expect: '401   201   201   201   201   404   403   403   404   404   404   401',
    },
    {
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      body: () => ({ title: `Note ${unique()}`, body: 'Shared words' }),
      expect: '401   409   409   409   409   404   403   403   404   404   404   401',
    },
  ],
  'GET /api/v1/notes/:id': [
    ...noteTargets(NOTE_SEE, 200, { check: noteAbilities }),
    ...noteTargets(Object.fromEntries(A_NOTE_KEYS.map((key) => [key, NOTE_SEE[key]])), 200, {
      params: freshNoteParams('archived'),
      check: (key) => noteAbilities(key, true),
    }).map((target) => ({ ...target, label: `${target.label}, in an archived copy of A` })),
  ],
  'PATCH /api/v1/notes/:id': [
    ...noteChanges(NOTE_WRITE, () => () => ({ title: `Changed ${unique()}`, body: `Changed words ${unique()}` })),
    ...noteChanges(NOTE_WRITE, (key) => () => ({ visibility: key.endsWith(' internal') ? 'shared' : 'internal' })).map((target) => ({
      ...target,
      label: `${target.label}, visibility switched`,
    })),
    // A stale If-Match is looked at only once the caller may write: a guest learns nothing from a 412.
    ...noteTargets(NOTE_WRITE, 412, { params: freshNoteParams('same'), body: () => () => ({ body: `Changed words ${unique()}` }) }).map(
      (target) => ({
        ...target,
        headers: { 'if-match': '"stale.1"' },
        label: `${target.label}, a stale If-Match`,
      }),
    ),
    // Nothing changed is still a save, refused to whoever may not write.
    ...noteTargets(NOTE_WRITE, 200, { params: freshNoteParams('same'), body: (key) => (w) => ({ title: w.notes[key].title }) }).map(
      (target) => ({
        ...target,
        label: `${target.label}, unchanged`,
      }),
    ),
  ],
  'GET /api/v1/notes/:id/versions': [
    ...noteTargets(NOTE_SEE, 200, { check: noteHistory }),
    ...noteTargets(Object.fromEntries(A_NOTE_KEYS.map((key) => [key, NOTE_SEE[key]])), 200, {
      params: freshNoteParams('archived'),
    }).map((target) => ({ ...target, label: `${target.label}, in an archived copy of A` })),
  ],
  // The first version. Restoring brings back words, not visibility: "drafted" gets its internal
  // draft's words back and stays shared, so these copies live in fresh copies of the workspace, out
  // of the lists later cells read.
  'POST /api/v1/notes/:id/versions/:versionId/restore': [
    ...noteChanges(NOTE_WRITE, undefined, 'copy'),
    {
      label: "A shared, a version of B's note",
      params: (w) => ({ id: w.notes['A shared'].id, versionId: w.notes['B shared'].versions[0]?.id ?? '' }),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   404   404   404   404   404   403   403   404   404   404   401',
    },
    {
      label: "A shared, a version of A's internal note",
      params: (w) => ({ id: w.notes['A shared'].id, versionId: w.notes['A internal'].versions[0]?.id ?? '' }),
      expect: '401   404   404   404   404   404   403   403   404   404   404   401',
    },
  ],
  // ── Task attachments: who may change the task, with a document of its workspace they can read. ──
  'POST /api/v1/tasks/:id/attachments': [
    // The side's edit-folder document, which guests read and no world task holds yet.
    ...taskChanges(TASK_UPDATE, (key) => (w) => ({ documentId: w.documents[`${sideOf(key)} edit`].id })),
    // Anything else answers 400 on /documentId once the caller may change the task (a viewer never may).
    ...(
      [
        ["A's internal document", 'A internal', '401   200   200   200   200   404   400   403   404   404   404   401'],
        ["another guest's drop-box upload", 'A dropOther', '401   200   200   200   200   404   400   403   404   404   404   401'],
        ["B's document", 'B view', '401   400   400   400   400   404   400   403   404   404   404   401'],
        ["A's trashed document", 'A trashed', '401   400   400   400   400   404   400   403   404   404   404   401'],
      ] as const
    ).map(([label, documentKey, expect]) => ({
      label: `A byGuest, ${label}`,
      params: freshTaskParams(false)('A byGuest'),
      body: (w: World) => ({ documentId: w.documents[documentKey].id }),
      expect,
    })),
  ],
  'DELETE /api/v1/tasks/:id/attachments/:documentId': [
    // The side's view document, attached to these tasks in the world (and so to their copies).
    ...(['same', 'archived'] as const).flatMap((where) =>
      keyedTargets(
        Object.fromEntries(
          (['A assigned', 'A byGuest', 'A internal', 'B assigned', 'B byGuest'] as const)
            .filter((key) => where === 'same' || sideOf(key) === 'A')
            .map((key) => [key, where === 'same' ? TASK_UPDATE[key] : okAs(TASK_UPDATE[key], 409)]),
        ) as Rows<TaskKey>,
        200,
        (key) => async (w) => {
          const copy = where === 'same' ? await freshTask(w, key) : await freshArchivedTask(w, key);
          return { id: copy.id, documentId: w.documents[`${sideOf(key)} view`].id };
        },
        {},
      ).map((target) => ({
        ...target,
        label: `${target.label}, its view document${where === 'same' ? '' : ', in an archived copy of A'}`,
      })),
    ),
    // Only an attachment the caller can see can be taken off: to a guest the internal one is not there.
    ...(
      [
        ['its internal document', 'A internal', '401   200   200   200   200   404   404   403   404   404   404   401'],
        ['a document it does not hold', 'A edit', '401   404   404   404   404   404   404   403   404   404   404   401'],
        ["B's document", 'B view', '401   404   404   404   404   404   404   403   404   404   404   401'],
      ] as const
    ).map(([label, documentKey, expect]) => ({
      label: `A byGuest, ${label}`,
      params: async (w: World) => ({ id: (await freshTask(w, 'A byGuest')).id, documentId: w.documents[documentKey].id }),
      expect,
    })),
  ],

  // ── Planned activities. ──
  'GET /api/v1/workspaces/:id/activities': workspaceTargets(
    //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
    '401   200   200   200   200   404   200   200   404   404   404   401',
    '401   200   200   404   404   404   404   404   200   404   404   401',
  ),
  // The workspace's employees plan activities; attendees are active members the caller may see
  // (viewers too), employees only on an internal activity (400 otherwise, once the caller may plan).
  'POST /api/v1/workspaces/:id/activities': [
    ...workspaceTargets(
      //anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      '401   201   201   201   201   404   403   403   404   404   404   401',
      '401   201   201   404   404   404   404   404   403   404   404   401',
      { body: activityFields },
    ),
    {
      label: 'A, internal',
      params: ws('A'),
      body: () => ({ ...activityFields(), visibility: 'internal' }),
      expect: '401   201   201   201   201   404   403   403   404   404   404   401',
    },
    {
      label: 'A, attended by its guest and its viewer',
      params: ws('A'),
      body: (w) => ({ ...activityFields(), attendeeIds: [person('guestA')(w), person('viewerA')(w)] }),
      expect: '401   201   201   201   201   404   403   403   404   404   404   401',
    },
    ...(
      [
        ['internal, attended by its guest', 'internal', (w: World) => person('guestA')(w)],
        ["attended by B's employee", 'shared', (w: World) => w.people.employeeOfB.id],
        ['attended by the guest removed from A', 'shared', (w: World) => person('removedGuest')(w)],
        ['attended by the guest past their end date', 'shared', (w: World) => person('expiredGuest')(w)],
      ] as const
    ).map(([label, visibility, attendee]) => ({
      label: `A, ${label}`,
      params: ws('A'),
      body: (w: World) => ({ ...activityFields(), visibility, attendeeIds: [attendee(w)] }),
      expect: '401   400   400   400   400   404   403   403   404   404   404   401',
    })),
    {
      // Attendees are among the people the caller may see: the governors see suspended people, employees do not.
      label: 'A, attended by its suspended employee',
      params: ws('A'),
      body: (w) => ({ ...activityFields(), attendeeIds: [person('suspended')(w)] }),
      expect: '401   201   201   400   400   404   403   403   404   404   404   401',
    },
    {
      label: 'an archived copy of A',
      params: async (w) => ({ id: await freshWorkspace(w, 'A', 'archived') }),
      body: activityFields,
      expect: '401   409   409   409   409   404   403   403   404   404   404   401',
    },
  ],
  'GET /api/v1/activities/:id': [
    ...activityTargets(ACTIVITY_SEE, 200, { check: activityAbilities }),
    ...activityTargets(Object.fromEntries(A_ACTIVITY_KEYS.map((key) => [key, ACTIVITY_SEE[key]])), 200, {
      params: freshActivityParams(true),
      check: (key) => activityAbilities(key, true),
    }).map((target) => ({ ...target, label: `${target.label}, in an archived copy of A` })),
  ],
  'PATCH /api/v1/activities/:id': [
    ...activityChanges(ACTIVITY_UPDATE, () => () => ({ title: `Changed ${unique()}`, location: 'Gate 4' })),
    // The status is a change like any other here: an attending guest confirms and reports through their own routes.
    ...activityTargets(ACTIVITY_UPDATE, 200, { params: freshActivityParams(false), body: () => () => ({ status: 'confirmed' }) }).map(
      (target) => ({ ...target, label: `${target.label}, status only` }),
    ),
    {
      // Guests attend: an internal activity is for employees only.
      label: 'A attended, made internal',
      params: freshActivityParams(false)('A attended'),
      body: () => ({ visibility: 'internal' }),
      expect: '401   400   400   400   400   404   403   403   404   404   404   401',
    },
    {
      label: "A other, attended by B's employee",
      params: freshActivityParams(false)('A other'),
      body: (w) => ({ attendeeIds: [w.people.employeeOfB.id] }),
      expect: '401   400   400   400   400   404   403   403   404   404   404   401',
    },
  ],
  'POST /api/v1/activities/:id/confirm': [
    ...activityChanges(ACTIVITY_REPORT),
    {
      // Once done, it cannot be confirmed: 409, once the caller may report at all.
      label: 'A attended, already done',
      params: async (w) => ({ id: await freshActivity(w, 'A attended', { status: 'done' }) }),
      expect: okAs(ACTIVITY_REPORT['A attended'], 409),
    },
  ],
  'POST /api/v1/activities/:id/done': activityChanges(ACTIVITY_REPORT, () => () => ({ remark: `It went well ${unique()}` })),
  'GET /api/v1/me/activities': [{ label: 'none', expect: SIGNED_IN }],

  // ── Comments: reading follows the item; writing and the mention picker need the workspace's `comment` action. ──
  ...Object.fromEntries(
    ITEM_SEGMENTS.flatMap((segment) => [
      [
        `GET /api/v1/${segment}/:id/comments`,
        [
          ...itemTargets(
            segment,
            (see) => see,
            200,
            (key) => ({ check: commentThread(segment, key) }),
          ),
          ...archivedItemTargets(
            segment,
            (see) => see,
            200,
            (key) => ({ check: commentThread(segment, key, true) }),
          ),
        ],
      ],
      [
        `GET /api/v1/${segment}/:id/mentionable`,
        [
          ...itemTargets(segment, writesOn, 200, (key) => ({ check: mentionPicker(key) })),
          ...(segment === 'tasks' ? [WITHOUT_GUEST_COMMENTS.mentionable] : []),
        ],
      ],
      [
        `POST /api/v1/${segment}/:id/comments`,
        [
          ...itemTargets(segment, writesOn, 201, () => ({ body: aComment })),
          ...archivedItemTargets(segment, writesOn, 409, () => ({ body: aComment })),
          ...MENTION_CELLS[segment],
          ...(segment === 'tasks' ? [WITHOUT_GUEST_COMMENTS.post] : []),
        ],
      ],
    ]),
  ),
  'PATCH /api/v1/comments/:id': [
    // The comment's own text again: nothing changes for the later cells.
    ...commentTargets(COMMENT_UPDATE, 200, { body: (key) => (w) => ({ body: w.comments[key].body }) }),
    ...commentTargets(archivedCommentRows(COMMENT_UPDATE), 200, {
      params: freshCommentParams({ archived: true }),
      body: (key) => (w) => ({ body: w.comments[key].body }),
    }).map((target) => ({ ...target, label: `${target.label}, in an archived copy of A` })),
    WITHOUT_GUEST_COMMENTS.patch,
    {
      label: "the caller's own comment on A assigned",
      params: freshCommentParams((w, c) => ({ authorId: self(w, c).id }))('A task'),
      body: () => ({ body: `Changed ${unique()}` }),
      expect: okAs(writesOn(TASK_SEE['A assigned'], 'A assigned'), 200),
    },
    {
      // A viewer (or a guest) who once wrote on what is now internal reads it no more: 404.
      label: "the caller's own comment on A internal",
      params: freshCommentParams((w, c) => ({ authorId: self(w, c).id }))('A internal task'),
      body: () => ({ body: `Changed ${unique()}` }),
      expect: okAs(writesOn(TASK_SEE['A internal'], 'A internal'), 200),
    },
    {
      label: "the caller's own comment on A assigned, mentioning the guest of A",
      params: freshCommentParams((w, c) => ({ authorId: self(w, c).id }))('A task'),
      body: (w) => ({ body: `Changed ${unique()}`, mentionIds: [w.people.guestOfA.id] }),
      expect: okAs(writesOn(TASK_SEE['A assigned'], 'A assigned'), 200),
    },
    {
      label: "the caller's own comment on A internal, mentioning the guest of A",
      params: freshCommentParams((w, c) => ({ authorId: self(w, c).id }))('A internal task'),
      body: (w) => ({ body: `Changed ${unique()}`, mentionIds: [w.people.guestOfA.id] }),
      expect: okAs(writesOn(TASK_SEE['A internal'], 'A internal'), 400),
    },
    {
      label: "a deleted comment of A's manager",
      params: freshCommentParams({ deleted: true })('A task'),
      body: () => ({ body: `Changed ${unique()}` }),
      expect: NOWHERE_FOR_ANYONE,
    },
    {
      label: "a comment on A's trashed document",
      params: freshCommentParams((w) => ({ targetId: w.documents['A trashed'].id }))('A document'),
      body: () => ({ body: `Changed ${unique()}` }),
      expect: NOWHERE_FOR_ANYONE,
    },
  ],
  'DELETE /api/v1/comments/:id': [
    ...commentTargets(COMMENT_DELETE, 204, { params: freshCommentParams() }),
    ...commentTargets(archivedCommentRows(COMMENT_DELETE), 204, { params: freshCommentParams({ archived: true }) }).map((target) => ({
      ...target,
      label: `${target.label}, in an archived copy of A`,
    })),
    WITHOUT_GUEST_COMMENTS.delete,
    {
      label: "the caller's own comment on A assigned",
      params: freshCommentParams((w, c) => ({ authorId: self(w, c).id }))('A task'),
      expect: okAs(writesOn(TASK_SEE['A assigned'], 'A assigned'), 204),
    },
    {
      label: "a deleted comment of A's manager",
      params: freshCommentParams({ deleted: true })('A task'),
      expect: NOWHERE_FOR_ANYONE,
    },
    {
      label: "a comment on A's trashed document",
      params: freshCommentParams((w) => ({ targetId: w.documents['A trashed'].id }))('A document'),
      expect: NOWHERE_FOR_ANYONE,
    },
  ],

  // ── The workspace's activity stream: whoever enters the workspace, about what they may read. ──
  'GET /api/v1/workspaces/:id/activity-stream': [
    {
      label: 'A',
      params: ws('A'),
      check: streamCheck('A'),
      //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
      expect: '401   200   200   200   200   404   200   200   404   404   404   401',
    },
    {
      label: 'B',
      params: ws('B'),
      check: streamCheck('B'),
      expect: '401   200   200   404   404   404   404   404   200   404   404   401',
    },
  ],

  // ── Calendar feeds: my feed's secret URL for every signed-in person; the feed itself by that secret only. ──
  'GET /api/v1/me/calendar': [{ label: 'none', check: feedUrlCheck, expect: SIGNED_IN }],
  'POST /api/v1/me/calendar/regenerate': [{ label: 'none', check: feedUrlCheck, expect: SIGNED_IN }],
  'GET /api/v1/calendar/:token': [
    { label: 'a made-up token', params: () => ({ token: `${'a'.repeat(22)}.${'b'.repeat(43)}.ics` }), expect: everyone(404) },
    {
      label: "guest of A's feed id with a forged secret",
      params: async (w) => ({ token: `${(await feedParams('guestA')(w)).token.slice(0, 22)}.${'c'.repeat(43)}.ics` }),
      expect: everyone(404),
    },
    { label: "guest of A's feed", params: feedParams('guestA'), check: feedOf('guestA', ['A attended']), expect: everyone(200) },
    {
      label: "manager of A's feed",
      params: feedParams('managerA'),
      check: feedOf('managerA', ['A attended', 'A other', 'A internal']),
      expect: everyone(200),
    },
    // Attendees still, but no longer members: their feeds list nothing of A.
    { label: "the removed guest's feed", params: feedParams('removedGuest'), check: feedOf('removedGuest', []), expect: everyone(200) },
    { label: "the expired guest's feed", params: feedParams('expiredGuest'), check: feedOf('expiredGuest', []), expect: everyone(200) },
    { label: "the suspended employee's feed", params: feedParams('suspended'), expect: everyone(404) },
  ],
  // ── Notifications: my own only, about workspaces I may still enter; folder watches like reading the folder. ──
  'GET /api/v1/me/notifications': [
    { label: 'none', query: '?limit=200', check: myNotifications, expect: SIGNED_IN },
    { label: 'unread only', query: '?limit=200&unread=true', check: myUnread, expect: SIGNED_IN },
  ],
  'GET /api/v1/me/notifications/unread-count': [{ label: 'none', check: myUnreadCount, expect: SIGNED_IN }],
  'POST /api/v1/me/notifications/:id/read': notificationTargets(),
  'POST /api/v1/me/notifications/:id/unread': notificationTargets(),
  'POST /api/v1/me/notifications/read-all': [{ label: 'none', before: othersUnread, check: allMineRead, expect: SIGNED_IN }],
  'GET /api/v1/folders/:id/watch': folderTargets(FOLDER_SEE, 200, { check: folderWatch() }),
  'PUT /api/v1/folders/:id/watch': folderTargets(FOLDER_SEE, 200, { check: folderWatch(true) }),
  'DELETE /api/v1/folders/:id/watch': folderTargets(FOLDER_SEE, 200, { check: folderWatch(false) }),

  // ── The real-time stream stays open: its cells are sent as HEAD, and a 2xx opens a real stream. ──
  'GET /api/v1/me/stream': [{ label: 'none', stream: true, check: streamReady, expect: SIGNED_IN }],

  // ── E-mail preferences: my own; unsubscribe links: the link is the credential, whoever follows it. ──
  'GET /api/v1/me/notification-preferences': [{ label: 'none', check: myPreferences, expect: SIGNED_IN }],
  'PUT /api/v1/me/notification-preferences': [
    {
      label: 'activity confirmations never',
      body: () => ({ preferences: [PREFERENCE_CHANGE] }),
      before: preferencesSnapshot,
      check: preferenceChanged,
      expect: SIGNED_IN,
    },
  ],
  'GET /api/v1/unsubscribe': unsubscribeTargets(unsubscribePreview),
  'POST /api/v1/unsubscribe': [
    ...unsubscribeTargets(unsubscribed),
    {
      label: "guestB's link, posted as a mail client's one-click form",
      params: unsubscribeParams('guestB', 'task_assigned'),
      query: '?token=:token',
      body: () => 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      check: unsubscribed('guestB', 'task_assigned'),
      expect: everyone(200),
    },
  ],

  // ── Webhooks: administrators only; a refusal never tells whether the webhook exists. ──
  'GET /api/v1/webhooks/event-types': [{ label: 'none', expect: okAs(ADMIN_ONLY, 200) }],
  'GET /api/v1/webhooks': [{ label: 'none', check: all(noSecret, listsTheWebhook), expect: okAs(ADMIN_ONLY, 200) }],
  'POST /api/v1/webhooks': [{ label: 'none', body: webhookFields, check: newSecret, expect: okAs(ADMIN_ONLY, 201) }],
  'GET /api/v1/webhooks/:id': webhookTargets(200, theWebhook, { check: noSecret }),
  'PATCH /api/v1/webhooks/:id': webhookTargets(200, aFreshWebhook, { body: () => ({ name: `Renamed ${unique()}` }), check: noSecret }),
  'DELETE /api/v1/webhooks/:id': webhookTargets(204, aFreshWebhook),
  'POST /api/v1/webhooks/:id/rotate-secret': webhookTargets(200, aFreshWebhook, { check: newSecret }),
  'POST /api/v1/webhooks/:id/test': webhookTargets(202, theWebhook),
  'GET /api/v1/webhooks/:id/deliveries': webhookTargets(200, theWebhook, { check: listsItsDelivery }),
  'POST /api/v1/webhooks/deliveries/:id/redeliver': [
    {
      label: 'a failed delivery',
      params: async (w) => ({ id: await freshWebhookDelivery(w, 'failed') }),
      refusalLikeMissing: true,
      expect: okAs(ADMIN_ONLY, 202),
    },
    {
      label: 'a delivery still waiting',
      params: async (w) => ({ id: await freshWebhookDelivery(w, 'pending') }),
      refusalLikeMissing: true,
      expect: ADMIN_CONFLICT,
    },
    { label: 'a delivery that exists nowhere', params: () => ({ id: newId() }), expect: ADMIN_FINDS_NOTHING },
  ],
  'GET /api/v1/webhooks/allowed-hosts': [{ label: 'none', expect: okAs(ADMIN_ONLY, 200) }],
  'POST /api/v1/webhooks/allowed-hosts': [
    { label: 'a new host', body: () => ({ host: `receiver-${unique()}.intranet.example` }), expect: okAs(ADMIN_ONLY, 201) },
  ],
  'DELETE /api/v1/webhooks/allowed-hosts/:host': [
    {
      label: 'an allowed host',
      params: async (w) => ({ host: await freshAllowedHost(w) }),
      refusalLikeMissing: true,
      expect: okAs(ADMIN_ONLY, 204),
    },
    { label: 'a host never allowed', params: () => ({ host: `nowhere-${unique()}.intranet.example` }), expect: ADMIN_FINDS_NOTHING },
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

/**
 * The link is the credential: an invitation's preview names the workspace and the invitee to whoever
 * holds it, and a calendar feed shows its owner's activities and tasks (checked against what its owner may see).
 */
const SCAN_EXEMPT = new Set(['GET /api/v1/invitations/:token', 'GET /api/v1/calendar/:token']);

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
  // Folder and document names: those the caller may not read, and what is in a trash it may not list.
  const inTrash = (side: Side) => row('GET /api/v1/workspaces/:id/trash', side) === 200;
  for (const key of FOLDER_KEYS) {
    const readable = key.endsWith(' trashed') ? inTrash(sideOf(key)) : allows(FOLDER_SEE[key], name);
    if (!readable) secrets.push(w.folders[key].name);
  }
  for (const key of DOCUMENT_KEYS) {
    const readable = key.endsWith(' trashed') ? inTrash(sideOf(key)) : allows(DOC_SEE[key], name);
    if (!readable) secrets.push(w.documents[key].name);
  }
  for (const key of TASK_KEYS) if (!allows(TASK_SEE[key], name)) secrets.push(w.tasks[key].title);
  // Notes: the title and body of every version the caller may not read (to a guest, internal drafts too).
  for (const key of NOTE_KEYS) {
    const readable = new Set(readableVersions(key, name).map((v) => v.id));
    for (const version of w.notes[key].versions) if (!readable.has(version.id)) secrets.push(version.title, version.body);
  }
  // Activities the caller may not read (their description repeats the title), and the comments on items it may not read.
  for (const key of ACTIVITY_KEYS) if (!allows(ACTIVITY_SEE[key], name)) secrets.push(w.activities[key].title);
  for (const key of COMMENT_KEYS) if (!allows(commentSee(key), name)) secrets.push(w.comments[key].body);
  // The webhook's signing secret is shown once, when it is made; the token in its URL, to administrators only.
  secrets.push(w.webhook.secret);
  if (name !== 'admin') secrets.push(w.webhook.urlToken);
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
      const url = fill(pattern + (target.query ?? ''), params);
      let body = target.body ? await target.body(w, caller) : undefined;
      let headers: Record<string, string> = { ...target.headers };
      if (target.upload) {
        const file = await target.upload(w, caller);
        const form = multipart(file.filename, file.content);
        body = form.payload;
        headers = { ...headers, 'content-type': form.contentType };
      }
      const credentials = target.session ? await target.session(w, caller) : caller;
      const before = await target.before?.(w, caller);
      const sent = target.stream ? 'HEAD' : method;
      const response = await callFrom(nextAddress(), t.app, sent, url, body, credentials, headers);
      cells += 1;
      await target.after?.(w, caller, response);
      const want = expected[name];
      if (response.statusCode < 300 && !SCAN_EXEMPT.has(key)) {
        const leaked = secretsFor(name).filter((secret) => response.body.includes(secret));
        if (leaked.length > 0) wrong.push(`${cell}: the answer reveals ${leaked.join(', ')}`);
      }
      if (response.statusCode < 300 && target.check && (response.body || target.stream)) {
        // JSON as such; anything else (an iCalendar feed) as { text }; a stream's headers alone as {}.
        const json = String(response.headers['content-type'] ?? '').includes('json');
        const parsed = !response.body ? {} : json ? response.json() : { text: response.body };
        const problem = await target.check(w, caller, parsed, response, before);
        if (problem) wrong.push(`${cell}: ${problem}`);
      }
      if (response.statusCode !== want) {
        wrong.push(`${cell}: got ${response.statusCode}, expected ${want} (${snippet(response)})`);
        continue;
      }
      if (target.stream && want >= 300) {
        const refused = await callFrom(nextAddress(), t.app, method, url, undefined, credentials, headers);
        cells += 1;
        if (refused.statusCode !== want) wrong.push(`GET ${cell}: got ${refused.statusCode}, expected ${want}`);
      }
      const sameAsMissing = want === 404 || (want === 403 && target.refusalLikeMissing);
      if (sameAsMissing) {
        // Invisible must read exactly like missing: the same route at ids that exist nowhere.
        const missing = await callFrom(nextAddress(), t.app, sent, nowhere(pattern + (target.query ?? '')), body, credentials, headers);
        if (missing.statusCode !== want || missing.body !== response.body) {
          wrong.push(
            `${cell}: ${want} body differs from a missing id's (${missing.statusCode} ${snippet(missing)} vs ${snippet(response)})`,
          );
        }
      }
      if (head && !target.stream) {
        // Fastify's HEAD twin answers like its GET (with fresh params: the GET may have used its target).
        const headParams = target.params ? await target.params(w, caller) : {};
        const headUrl = fill(pattern + (target.query ?? ''), headParams);
        const headResponse = await callFrom(nextAddress(), t.app, 'HEAD', headUrl, undefined, credentials);
        cells += 1;
        if (headResponse.statusCode !== want) wrong.push(`HEAD ${cell}: got ${headResponse.statusCode}, expected ${want}`);
      }
    }
  }
  return wrong;
}

/** The app on a real port as well, for the cells that open a real event stream. */
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  w = await buildWorld(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
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

  // The same for folders and documents: a top-level list and every folder's children show exactly
  // what GET /folders/{id} and GET /documents/{id} allow, and the trash holds the world's trashed pair.
  it('lists show exactly the folders and documents the single reads allow', async () => {
    const wrong: string[] = [];
    for (const name of CALLERS.filter((c) => c !== 'anonymous' && c !== 'suspended')) {
      const caller = w.callers[name];
      const get = (url: string) => callFrom(nextAddress(), t.app, 'GET', url, undefined, caller);
      const readable = async (what: 'folders' | 'documents', id: string) => (await get(`/api/v1/${what}/${id}`)).statusCode === 200;
      for (const side of ['A', 'B'] as const) {
        const workspaceId = w.workspaces[side].id;
        const top = await get(`/api/v1/workspaces/${workspaceId}/folders`);
        if (top.statusCode !== 200) {
          if (allows(MATRIX['GET /api/v1/workspaces/:id']?.find((x) => x.label === side)?.expect, name))
            wrong.push(`${name}: ${side}'s folders answered ${top.statusCode}`);
          continue;
        }
        const ownKeys = <K extends FolderKey | DocumentKey>(keys: readonly K[]) => keys.filter((k) => sideOf(k) === side);
        const lists = [
          {
            where: `${side}'s top level`,
            folders: (top.json().items as { id: string }[]).map((f) => f.id),
            documents: [] as string[],
            worldFolders: ownKeys(FOLDER_KEYS).filter((k) => w.folders[k].parentId === null),
            worldDocuments: [] as DocumentKey[],
          },
        ];
        for (const key of ownKeys(FOLDER_KEYS).filter((k) => allows(FOLDER_SEE[k], name))) {
          const folderId = w.folders[key].id;
          const children = await get(`/api/v1/folders/${folderId}/children?limit=1000`);
          if (children.statusCode !== 200) {
            wrong.push(`${name}: the children of ${key} answered ${children.statusCode}`);
            continue;
          }
          const body = children.json() as { folders: { id: string }[]; documents: { id: string }[] };
          lists.push({
            where: `the children of ${key}`,
            folders: body.folders.map((f) => f.id),
            documents: body.documents.map((d) => d.id),
            worldFolders: FOLDER_KEYS.filter((k) => w.folders[k].parentId === folderId),
            worldDocuments: DOCUMENT_KEYS.filter((k) => w.documents[k].folderId === folderId),
          });
        }
        for (const list of lists) {
          for (const id of list.folders)
            if (!(await readable('folders', id))) wrong.push(`${name}: ${list.where} shows folder ${id}, which GET /folders/{id} hides`);
          for (const id of list.documents)
            if (!(await readable('documents', id)))
              wrong.push(`${name}: ${list.where} shows document ${id}, which GET /documents/{id} hides`);
          for (const key of list.worldFolders) {
            const should = allows(FOLDER_SEE[key], name);
            if (list.folders.includes(w.folders[key].id) !== should)
              wrong.push(`${name}: folder ${key} ${should ? 'missing from' : 'leaks into'} ${list.where}`);
          }
          for (const key of list.worldDocuments) {
            const should = allows(DOC_SEE[key], name);
            if (list.documents.includes(w.documents[key].id) !== should)
              wrong.push(`${name}: document ${key} ${should ? 'missing from' : 'leaks into'} ${list.where}`);
          }
        }
        const trash = await get(`/api/v1/workspaces/${workspaceId}/trash`);
        if (trash.statusCode === 200) {
          const ids = (trash.json().items as { id: string }[]).map((i) => i.id);
          for (const id of [w.folders[`${side} trashed`].id, w.documents[`${side} trashed`].id])
            if (!ids.includes(id)) wrong.push(`${name}: ${side}'s trash misses ${id}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  // The same for tasks: a workspace's list shows exactly the world's tasks GET /tasks/{id} lets the
  // caller read (never an internal one to a guest), with the same abilities; My tasks shows exactly
  // the open tasks assigned to the caller that they may read, across workspaces and for each one.
  it('lists show exactly the tasks the single reads allow, and My tasks the open ones assigned to the caller', async () => {
    type Item = { id: string; visibility: string; status: string; abilities: string[]; workspace?: { id: string } };
    const wrong: string[] = [];
    for (const name of CALLERS.filter((c) => c !== 'anonymous' && c !== 'suspended')) {
      const caller = w.callers[name];
      const get = (url: string) => callFrom(nextAddress(), t.app, 'GET', url, undefined, caller);
      const single = new Map<string, Item | undefined>();
      const read = async (id: string) => {
        if (!single.has(id)) {
          const response = await get(`/api/v1/tasks/${id}`);
          single.set(id, response.statusCode === 200 ? (response.json() as Item) : undefined);
        }
        return single.get(id);
      };
      const agrees = async (where: string, item: Item) => {
        const alone = await read(item.id);
        if (!alone) wrong.push(`${name}: ${where} shows task ${item.id}, which GET /tasks/{id} hides`);
        else if ([...alone.abilities].sort().join() !== [...item.abilities].sort().join())
          wrong.push(`${name}: ${where} gives task ${item.id} abilities [${item.abilities}], the single read [${alone.abilities}]`);
        if (GUEST_CALLERS.has(name) && item.visibility !== 'shared') wrong.push(`${name}: ${where} shows the internal task ${item.id}`);
      };
      const assignedOpen = (key: TaskKey) =>
        w.tasks[key].status === 'open' && w.tasks[key].assigneeIds.includes(caller.person?.id ?? '') && allows(TASK_SEE[key], name);

      for (const side of ['A', 'B'] as const) {
        const workspaceId = w.workspaces[side].id;
        const list = await get(`/api/v1/workspaces/${workspaceId}/tasks?status=open&status=in_progress&status=done&status=cancelled`);
        const mayEnter = allows(MATRIX['GET /api/v1/workspaces/:id']?.find((x) => x.label === side)?.expect, name);
        if (list.statusCode !== (mayEnter ? 200 : 404)) wrong.push(`${name}: ${side}'s tasks answered ${list.statusCode}`);
        const items = list.statusCode === 200 ? (list.json().items as Item[]) : [];
        for (const item of items) await agrees(`${side}'s task list`, item);
        for (const key of TASK_KEYS.filter((k) => sideOf(k) === side)) {
          const should = allows(TASK_SEE[key], name);
          if (items.some((i) => i.id === w.tasks[key].id) !== should)
            wrong.push(`${name}: task ${key} ${should ? 'missing from' : 'leaks into'} ${side}'s task list`);
          if ((await read(w.tasks[key].id)) !== undefined && !should) wrong.push(`${name}: GET /tasks/{id} shows task ${key}`);
        }
      }

      for (const side of [undefined, 'A', 'B'] as const) {
        const where = side ? `My tasks in ${side}` : 'My tasks';
        const response = await get(`/api/v1/me/tasks${side ? `?workspaceId=${w.workspaces[side].id}` : ''}`);
        if (response.statusCode !== 200) {
          wrong.push(`${name}: ${where} answered ${response.statusCode}`);
          continue;
        }
        const items = response.json().items as Item[];
        for (const item of items) {
          await agrees(where, item);
          if (item.status !== 'open' && item.status !== 'in_progress')
            wrong.push(`${name}: ${where} shows the ${item.status} task ${item.id}`);
        }
        const shown = items.map((i) => i.id).sort();
        const want = TASK_KEYS.filter((key) => (!side || sideOf(key) === side) && assignedOpen(key))
          .map((key) => w.tasks[key].id)
          .sort();
        if (shown.join() !== want.join()) {
          const label = (id: string) => TASK_KEYS.find((key) => w.tasks[key].id === id) ?? id;
          wrong.push(`${name}: ${where} shows [${shown.map(label)}], expected [${want.map(label)}]`);
        }
      }
    }
    cells += 1;
    expect(wrong).toEqual([]);
  });

  // The same for notes: a workspace's list shows exactly the world's notes GET /notes/{id} lets the
  // caller read (never an internal one to a guest), with the same title and abilities.
  it('lists show exactly the notes the single reads allow', async () => {
    type Item = { id: string; title: string; visibility: string; abilities: string[] };
    const wrong: string[] = [];
    for (const name of CALLERS.filter((c) => c !== 'anonymous' && c !== 'suspended')) {
      const caller = w.callers[name];
      const get = (url: string) => callFrom(nextAddress(), t.app, 'GET', url, undefined, caller);
      for (const side of ['A', 'B'] as const) {
        const list = await get(`/api/v1/workspaces/${w.workspaces[side].id}/notes`);
        const mayEnter = allows(MATRIX['GET /api/v1/workspaces/:id']?.find((x) => x.label === side)?.expect, name);
        if (list.statusCode !== (mayEnter ? 200 : 404)) wrong.push(`${name}: ${side}'s notes answered ${list.statusCode}`);
        const items = list.statusCode === 200 ? (list.json().items as Item[]) : [];
        for (const item of items) {
          const single = await get(`/api/v1/notes/${item.id}`);
          if (single.statusCode !== 200) {
            wrong.push(`${name}: ${side}'s note list shows note ${item.id}, which GET /notes/{id} answers ${single.statusCode}`);
            continue;
          }
          const alone = single.json() as Item;
          if (alone.title !== item.title)
            wrong.push(`${name}: ${side}'s note list titles ${item.id} "${item.title}", the single read "${alone.title}"`);
          if ([...alone.abilities].sort().join() !== [...item.abilities].sort().join())
            wrong.push(`${name}: ${side}'s note list gives ${item.id} abilities [${item.abilities}], the single read [${alone.abilities}]`);
          if (GUEST_CALLERS.has(name) && (item.visibility !== 'shared' || alone.visibility !== 'shared'))
            wrong.push(`${name}: ${side}'s note list shows the internal note ${item.id}`);
        }
        for (const key of NOTE_KEYS.filter((k) => sideOf(k) === side)) {
          const should = allows(NOTE_SEE[key], name);
          if (items.some((i) => i.id === w.notes[key].id) !== should)
            wrong.push(`${name}: note ${key} ${should ? 'missing from' : 'leaks into'} ${side}'s note list`);
        }
      }
    }
    cells += 1;
    expect(wrong).toEqual([]);
  });

  // The same for activities: a workspace's list shows exactly the world's activities GET
  // /activities/{id} lets the caller read, with the same abilities; Planned activities shows exactly
  // those of the workspaces the caller is a member of (an administrator's own, not everyone's).
  it("lists show exactly the activities the single reads allow, and Planned activities those of the caller's workspaces", async () => {
    type Item = { id: string; visibility: string; abilities: string[] };
    const members: Record<Side, CallerName[]> = { A: ['managerA', 'memberA', 'guestA', 'viewerA'], B: ['guestB'] };
    const label = (id: string) => ACTIVITY_KEYS.find((key) => w.activities[key].id === id) ?? id;
    const wrong: string[] = [];
    for (const name of CALLERS.filter((c) => c !== 'anonymous' && c !== 'suspended')) {
      const caller = w.callers[name];
      const get = (url: string) => callFrom(nextAddress(), t.app, 'GET', url, undefined, caller);
      const single = new Map<string, Item | undefined>();
      const read = async (id: string) => {
        if (!single.has(id)) {
          const response = await get(`/api/v1/activities/${id}`);
          single.set(id, response.statusCode === 200 ? (response.json() as Item) : undefined);
        }
        return single.get(id);
      };
      const agrees = async (where: string, item: Item) => {
        const alone = await read(item.id);
        if (!alone) wrong.push(`${name}: ${where} shows activity ${label(item.id)}, which GET /activities/{id} hides`);
        else if ([...alone.abilities].sort().join() !== [...item.abilities].sort().join())
          wrong.push(`${name}: ${where} gives ${label(item.id)} abilities [${item.abilities}], the single read [${alone.abilities}]`);
        if (GUEST_CALLERS.has(name) && item.visibility !== 'shared')
          wrong.push(`${name}: ${where} shows the internal activity ${label(item.id)}`);
      };
      for (const side of ['A', 'B'] as const) {
        const list = await get(`/api/v1/workspaces/${w.workspaces[side].id}/activities`);
        const mayEnter = allows(MATRIX['GET /api/v1/workspaces/:id']?.find((x) => x.label === side)?.expect, name);
        if (list.statusCode !== (mayEnter ? 200 : 404)) wrong.push(`${name}: ${side}'s activities answered ${list.statusCode}`);
        const items = list.statusCode === 200 ? (list.json().items as Item[]) : [];
        for (const item of items) await agrees(`${side}'s activity list`, item);
        for (const key of ACTIVITY_KEYS.filter((k) => sideOf(k) === side)) {
          const should = allows(ACTIVITY_SEE[key], name);
          if (items.some((i) => i.id === w.activities[key].id) !== should)
            wrong.push(`${name}: activity ${key} ${should ? 'missing from' : 'leaks into'} ${side}'s activity list`);
          if ((await read(w.activities[key].id)) !== undefined && !should) wrong.push(`${name}: GET /activities/{id} shows ${key}`);
        }
      }
      for (const query of ['', '?attending=true']) {
        const where = `Planned activities${query}`;
        const response = await get(`/api/v1/me/activities${query}`);
        if (response.statusCode !== 200) {
          wrong.push(`${name}: ${where} answered ${response.statusCode}`);
          continue;
        }
        const items = response.json().items as Item[];
        for (const item of items) await agrees(where, item);
        const shown = items.map((i) => label(i.id)).sort();
        const want = ACTIVITY_KEYS.filter(
          (key) =>
            members[sideOf(key)].includes(name) &&
            allows(ACTIVITY_SEE[key], name) &&
            (!query || w.activities[key].attendeeIds.includes(caller.person?.id ?? '')),
        ).sort();
        if (shown.join() !== want.join()) wrong.push(`${name}: ${where} shows [${shown}], expected [${want}]`);
      }
    }
    cells += 1;
    expect(wrong).toEqual([]);
  });

  // The mention picker, while the world holds only its own people: on each item, exactly the active
  // members of its workspace who see the item themselves, among those the caller may see, never the
  // caller (nobody who left, is past their end date or suspended; no guest on an internal item).
  it('the mention picker offers exactly the members who see the item, among the people the caller may see', async () => {
    const id = (name: CallerName) => w.callers[name].person?.id ?? '';
    const employeesOfA = [id('managerA'), id('memberA'), w.people.employeeOfA.id];
    const guestsOfA = [id('guestA'), id('viewerA'), w.people.guestOfA.id];
    const everyoneOfB = [w.people.managerB.id, w.people.employeeOfB.id, id('guestB'), w.people.guestOfB.id];
    const items: { segment: ItemSegment; key: string; seenBy: string[]; callers: CallerName[] }[] = [
      { segment: 'tasks', key: 'A assigned', seenBy: [...employeesOfA, ...guestsOfA], callers: [] },
      { segment: 'tasks', key: 'A internal', seenBy: employeesOfA, callers: [] },
      { segment: 'notes', key: 'A shared', seenBy: [...employeesOfA, ...guestsOfA], callers: [] },
      { segment: 'notes', key: 'A internal', seenBy: employeesOfA, callers: [] },
      { segment: 'documents', key: 'A view', seenBy: [...employeesOfA, ...guestsOfA], callers: [] },
      { segment: 'documents', key: 'A internal', seenBy: employeesOfA, callers: [] },
      // guestA's drop-box upload: no other guest sees it.
      { segment: 'documents', key: 'A dropOwn', seenBy: [...employeesOfA, id('guestA')], callers: [] },
      { segment: 'activities', key: 'A attended', seenBy: [...employeesOfA, ...guestsOfA], callers: [] },
      { segment: 'activities', key: 'A internal', seenBy: employeesOfA, callers: [] },
      // B hides its members from guests: its guest may mention nobody there.
      { segment: 'tasks', key: 'B assigned', seenBy: everyoneOfB, callers: ['admin', 'extranetAdmin', 'guestB'] },
    ];
    const directory: Partial<Record<CallerName, string[]>> = { guestB: [] };
    const label = (who: string) =>
      [...CALLERS.map((c) => [c, id(c)] as const), ...Object.entries(w.people).map(([k, p]) => [k, p.id] as const)].find(
        ([, i]) => i === who,
      )?.[0] ?? who;
    const wrong: string[] = [];
    for (const item of items) {
      const callers = (
        item.callers.length > 0 ? item.callers : (['admin', 'extranetAdmin', 'managerA', 'memberA', 'guestA'] as const)
      ).filter((name) => allows(ITEM_SEE[item.segment][item.key], name));
      for (const name of callers) {
        const url = `/api/v1/${item.segment}/${itemsOf(w, item.segment)[item.key]?.id}/mentionable`;
        const response = await callFrom(nextAddress(), t.app, 'GET', url, undefined, w.callers[name]);
        cells += 1;
        if (response.statusCode !== 200) {
          wrong.push(`${name} on ${item.segment} ${item.key}: ${response.statusCode}`);
          continue;
        }
        const shown = (response.json().items as { id: string }[]).map((p) => label(p.id)).sort();
        const visible = directory[name];
        const want = item.seenBy
          .filter((who) => who !== id(name) && (visible === undefined || visible.includes(who)))
          .map(label)
          .sort();
        if (shown.join() !== want.join()) wrong.push(`${name} on ${item.segment} ${item.key}: offers [${shown}], expected [${want}]`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // An assignee the caller may not see is refused exactly like an id that exists nowhere.
  it('an assignee a guest cannot see reads like one that does not exist', async () => {
    const wrong: string[] = [];
    const workspaceId = await freshWorkspaceWith(w, 'B', { createTasks: true });
    const taskId = (await freshTask(w, 'B byGuest')).id;
    const attempts = [
      { what: 'creating a task', method: 'POST' as const, url: `/api/v1/workspaces/${workspaceId}/tasks`, title: true },
      { what: 'changing their task', method: 'PATCH' as const, url: `/api/v1/tasks/${taskId}`, title: false },
    ];
    for (const attempt of attempts) {
      const send = (assignee: string) =>
        callFrom(
          nextAddress(),
          t.app,
          attempt.method,
          attempt.url,
          { ...(attempt.title ? { title: `Task ${unique()}` } : {}), assigneeIds: [assignee] },
          w.callers.guestB,
        );
      const missing = await send(newId());
      for (const [label, id] of [
        ["B's employee", w.people.employeeOfB.id],
        ["B's other guest", w.people.guestOfB.id],
        ["A's guest", w.callers.guestA.person?.id ?? ''],
      ] as const) {
        const hidden = await send(id);
        cells += 2;
        if (hidden.statusCode !== 400 || hidden.body !== missing.body)
          wrong.push(
            `guestB ${attempt.what} for ${label}: ${hidden.statusCode} ${hidden.body} vs a missing person: ${missing.statusCode} ${missing.body}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });

  for (const [key, targets] of Object.entries(MATRIX)) {
    it(key, async () => {
      expect(await runCells(key, targets), `${key}: cells that differ from docs/extranet.md`).toEqual([]);
    });
  }

  // After the cells (managerA now manages many copies of A): the member of A and the outsider create
  // workspaces of their own, so they read exactly those workspaces' entries (their pages cannot be
  // empty: the creation is one), while A's still reads like a workspace that does not exist.
  it('the audit log, once employees manage workspaces they created', async () => {
    for (const name of ['memberA', 'outsider'] as const) {
      const created = await callFrom(
        nextAddress(),
        t.app,
        'POST',
        '/api/v1/workspaces',
        { name: `Workspace ${unique()}` },
        w.callers[name],
      );
      expect([name, created.statusCode]).toEqual([name, 201]);
    }
    const createdOne: NonNullable<Target['check']> = (_w, caller, body) =>
      (caller.name === 'memberA' || caller.name === 'outsider') && (body.items as unknown[]).length === 0
        ? 'shows nothing of the workspace it created'
        : undefined;
    const wrong = await runCells('GET /api/v1/audit', [
      {
        label: 'none, with workspaces of their own',
        query: `?limit=${AUDIT_PAGE}`,
        check: all(auditPage(), createdOne),
        //      anon  admin xadm  mgrA  memA  out   gstA  vwrA  gstB  rmvd  expd  susp
        expect: '401   200   200   200   200   200   403   403   403   403   403   401',
      },
      {
        label: 'A, with workspaces of their own',
        params: auditOf('A'),
        query: `?limit=${AUDIT_PAGE}&workspaceId=:workspaceId`,
        check: auditPage('A'),
        expect: '401   200   200   200   404   404   403   403   403   403   403   401',
      },
      {
        label: 'CSV export, with workspaces of their own',
        query: '?format=csv',
        check: auditExport('csv'),
        expect: '401   200   200   200   200   200   403   403   403   403   403   401',
      },
    ]);
    expect(wrong).toEqual([]);
  });

  // In a drop box a guest only ever matches their own uploads: a file named like another guest's
  // becomes a document of their own, under that very name ("name (2)" would betray the other one).
  it("in a drop box, a guest's upload never becomes a version of another guest's document", async () => {
    const other = w.documents['A dropOther'];
    const versions = async () =>
      (await callFrom(nextAddress(), t.app, 'GET', `/api/v1/documents/${other.id}/versions`, undefined, w.managers.A)).json().items
        .length as number;
    const before = await versions();
    const form = multipart(other.name, ONE_PIXEL_PNG);
    const url = `/api/v1/folders/${w.folders['A dropBox'].id}/documents`;
    const response = await callFrom(nextAddress(), t.app, 'POST', url, form.payload, w.callers.guestA, {
      'content-type': form.contentType,
    });
    cells += 1;
    expect(response.statusCode, response.body).toBe(201);
    expect({ sameDocument: response.json().id === other.id, name: response.json().name, versions: await versions() }).toEqual({
      sameDocument: false,
      name: other.name,
      versions: before,
    });
  });

  // A guest who may move a document names its destination: a folder they cannot see must answer
  // exactly like one that does not exist (a folder of another workspace already does).
  it('a folder a guest cannot see, named as where to move a document, answers like a missing one', async () => {
    const wrong: string[] = [];
    for (const key of ['A internal', 'A hiddenSub', 'A none', 'B view'] as const) {
      const documentId = await freshDocument(w, 'A edit');
      const move = (folderId: string) =>
        callFrom(nextAddress(), t.app, 'PATCH', `/api/v1/documents/${documentId}`, { folderId }, w.callers.guestA);
      const hidden = await move(w.folders[key].id);
      const missing = await move(newId());
      cells += 2;
      if (hidden.statusCode !== 400 || hidden.body !== missing.body)
        wrong.push(
          `guestA moving a document into ${key}: ${hidden.statusCode} ${hidden.body} vs a missing folder: ${missing.statusCode} ${missing.body}`,
        );
    }
    expect(wrong).toEqual([]);
  });

  // A document a guest cannot read, or a person a guest cannot see, reads exactly like one that does not exist.
  it('a document a guest cannot read, attached to their task, and a person they cannot see, mentioned, answer like missing ones', async () => {
    const wrong: string[] = [];
    const taskId = (await freshTask(w, 'A byGuest')).id;
    const attach = (documentId: string) =>
      callFrom(nextAddress(), t.app, 'POST', `/api/v1/tasks/${taskId}/attachments`, { documentId }, w.callers.guestA);
    const missingDocument = await attach(newId());
    for (const key of ['A internal', 'A dropOther', 'A trashed', 'B view'] as const) {
      const hidden = await attach(w.documents[key].id);
      cells += 1;
      if (hidden.statusCode !== 400 || hidden.body !== missingDocument.body)
        wrong.push(`guestA attaching ${key}: ${hidden.statusCode} ${hidden.body} vs a missing document: ${missingDocument.body}`);
    }
    const mention = (mentionId: string) =>
      callFrom(
        nextAddress(),
        t.app,
        'POST',
        `/api/v1/tasks/${w.tasks['B assigned'].id}/comments`,
        { body: `A comment ${unique()}`, mentionIds: [mentionId] },
        w.callers.guestB,
      );
    const missingPerson = await mention(newId());
    for (const [label, who] of [
      ["B's employee", w.people.employeeOfB.id],
      ["B's other guest", w.people.guestOfB.id],
      ["A's guest", w.callers.guestA.person?.id ?? ''],
    ] as const) {
      const hidden = await mention(who);
      cells += 1;
      if (hidden.statusCode !== 400 || hidden.body !== missingPerson.body)
        wrong.push(`guestB mentioning ${label}: ${hidden.statusCode} ${hidden.body} vs a missing person: ${missingPerson.body}`);
    }
    expect(wrong).toEqual([]);
  });

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
    // A guest's calendar feed, fetched without a cookie by a calendar app, is gone like a wrong link; an employee's works on.
    for (const [owner, status] of [
      ['guestA', 404],
      ['managerA', 200],
    ] as const) {
      const feed = await callFrom(nextAddress(), t.app, 'GET', `/api/v1/calendar/${(await feedParams(owner)(w)).token}`, undefined, {});
      if (feed.statusCode !== status) wrong.push(`${owner}'s calendar feed: got ${feed.statusCode}, expected ${status}`);
    }
    for (const name of GUEST_CALLERS) {
      const response = await callFrom(nextAddress(), t.app, 'POST', '/api/v1/auth/logout', undefined, w.callers[name]);
      if (response.statusCode !== 204) wrong.push(`${name} signing out: got ${response.statusCode}`);
    }
    cells += 5 + GUEST_CALLERS.size;
    expect(wrong).toEqual([]);
  });
});
