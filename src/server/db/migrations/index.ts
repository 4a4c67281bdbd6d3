import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-workspaces.js';
import * as m0003 from './0003-documents.js';
import * as m0004 from './0004-tasks.js';
import * as m0005 from './0005-notes.js';
import * as m0006 from './0006-activities.js';
import * as m0007 from './0007-comments.js';
import * as m0008 from './0008-calendar-feeds.js';
import * as m0009 from './0009-task-attachments.js';
import * as m0010 from './0010-guest-stamps.js';
import * as m0011 from './0011-audit-chain.js';
import * as m0012 from './0012-notifications.js';
import * as m0013 from './0013-document-versions-shared.js';

/** Every migration, in order. Names are permanent: they are recorded in the database. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-workspaces': m0002,
  '0003-documents': m0003,
  '0004-tasks': m0004,
  '0005-notes': m0005,
  '0006-activities': m0006,
  '0007-comments': m0007,
  '0008-calendar-feeds': m0008,
  '0009-task-attachments': m0009,
  '0010-guest-stamps': m0010,
  '0011-audit-chain': m0011,
  '0012-notifications': m0012,
  '0013-document-versions-shared': m0013,
};
