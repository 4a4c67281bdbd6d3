// Folder and document vocabulary shared by the server and the web UI.

/** Shared folders may be seen by guests (within their guest access); internal ones by employees only. */
export const FOLDER_VISIBILITIES = ['shared', 'internal'] as const;
export type FolderVisibility = (typeof FOLDER_VISIBILITIES)[number];

/** What guests may do in a shared folder. `upload` is a drop box: guests see only their own uploads. */
export const GUEST_ACCESS_LEVELS = ['none', 'view', 'upload', 'edit'] as const;
export type GuestAccess = (typeof GUEST_ACCESS_LEVELS)[number];

export const FOLDER_ACTIONS = ['read', 'upload', 'create_folder', 'update', 'trash'] as const;
export type FolderAction = (typeof FOLDER_ACTIONS)[number];

export const DOCUMENT_ACTIONS = ['read', 'download', 'read_versions', 'upload_version', 'update', 'trash', 'access_report'] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

/** What the same name in the same folder does on upload: a new version (default), or a second document. */
export const UPLOAD_CONFLICTS = ['version', 'keep_both'] as const;
export type UploadConflict = (typeof UPLOAD_CONFLICTS)[number];

/** The only types shown inside the page; everything else is downloaded. HTML and SVG never render inline. */
export const PREVIEWABLE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export const isPreviewable = (contentType: string): boolean => (PREVIEWABLE_TYPES as readonly string[]).includes(contentType);

/** Days a trashed folder or document is kept before the purge job removes it for good. */
export const TRASH_RETENTION_DAYS = 30;

export const DOCUMENT_LIMITS = {
  /** Bytes of the UTF-8 name, as file systems count them. */
  nameBytes: 255,
  /** Documents per page of a folder listing. */
  pageSize: 1000,
} as const;

// Separators, C0/C1 controls and DEL, and the bidirectional controls that make "exe.pdf" look like "fdp.exe".
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const FORBIDDEN_NAME_CHARACTERS = /[/\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * A folder or file name as stored (NFC, trimmed), or the reason it is refused. The same rule runs in
 * the browser before an upload starts and on the server, which decides.
 */
export function checkItemName(raw: string): { name: string } | { problem: string } {
  const name = raw.normalize('NFC').trim();
  if (name === '') return { problem: 'must not be empty' };
  if (name === '.' || name === '..') return { problem: 'must not be "." or ".."' };
  if (FORBIDDEN_NAME_CHARACTERS.test(name))
    return { problem: 'must not contain slashes, backslashes, control characters or text-direction characters' };
  if (new TextEncoder().encode(name).length > DOCUMENT_LIMITS.nameBytes)
    return { problem: `must be at most ${DOCUMENT_LIMITS.nameBytes} bytes long` };
  return { name };
}

/**
 * "report.pdf" → "report (2).pdf": the name "keep both" gives the second document. The base is
 * shortened when needed so that the result stays within the length limit.
 */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  let base = dot > 0 ? name.slice(0, dot) : name;
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  while (base.length > 1 && bytes(`${base} (${n})${extension}`) > DOCUMENT_LIMITS.nameBytes) base = [...base].slice(0, -1).join('');
  return `${base} (${n})${extension}`;
}
