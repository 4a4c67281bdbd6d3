import type { Workspace } from '../../lib/api-types';
import type { AccessAction, FolderVisibility, GuestAccess } from './types';

/** Workspace abilities the documents feature reads (the server decides; archived workspaces change nothing). */
export const DocumentsAbility = {
  createFolder: 'create_folder',
  readTrash: 'read_trash',
  emptyTrash: 'empty_trash',
} as const;

export const workspaceCan = (workspace: Workspace, ability: string) => (workspace.abilities as readonly string[]).includes(ability);

export const visibilityLabels: Record<FolderVisibility, string> = {
  shared: 'Shared',
  internal: 'Internal',
};

export const visibilityHints: Record<FolderVisibility, string> = {
  shared: 'Guests may see it, as far as its guest access allows.',
  internal: 'Employees only. Guests never see it, nor anything inside it.',
};

export const guestAccessLabels: Record<GuestAccess, string> = {
  none: 'No guest access',
  view: 'Guests view',
  upload: 'Drop box',
  edit: 'Guests edit',
};

export const guestAccessHints: Record<GuestAccess, string> = {
  none: 'Guests do not see this folder.',
  view: 'Guests see and download its documents.',
  upload: 'Guests put files in and see only their own uploads; employees see everything.',
  edit: 'Guests see everything, upload, add versions, rename, move and trash documents.',
};

export const accessActionLabels: Record<AccessAction, string> = {
  viewed: 'Viewed',
  downloaded: 'Downloaded',
  uploaded: 'Uploaded',
};

const units = ['KB', 'MB', 'GB', 'TB'] as const;
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** 1536 → "1.5 KB"; sizes use 1024 steps, like file managers on most systems. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${whole.format(Math.max(0, bytes))} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? whole.format(value) : oneDecimal.format(value)} ${units[unit]}`;
}

/** "application/pdf" → "PDF"; falls back to the content type itself. */
export function describeType(contentType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'image/png': 'PNG image',
    'image/jpeg': 'JPEG image',
    'image/gif': 'GIF image',
    'image/webp': 'WebP image',
    'text/plain': 'Text',
    'application/zip': 'ZIP archive',
    'application/octet-stream': 'Binary file',
  };
  return known[contentType] ?? contentType;
}

/** Names are unique among siblings regardless of case and Unicode form. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase();
}
