import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { guestAccessHints, guestAccessLabels, visibilityLabels } from '../labels';
import type { Folder } from '../types';

/** "(inherited)" for a subfolder's unset value; "(default)" for a top-level folder's unset guest access. */
function origin(folder: Folder, own: unknown): string | null {
  if (own !== null) return null;
  return folder.parentId === null ? 'default' : 'inherited';
}

/** Two short badges for a folder row: who may see it, and what guests may do there. */
export function FolderAccessBadges({ folder }: { folder: Folder }) {
  const visibilityOrigin = origin(folder, folder.ownVisibility);
  const accessOrigin = origin(folder, folder.ownGuestAccess);
  return (
    <span className="folder-badges">
      <span className={`badge badge-${folder.visibility}`}>
        <VisuallyHidden>Visibility: </VisuallyHidden>
        {visibilityLabels[folder.visibility]}
        {visibilityOrigin && <span className="badge-origin"> ({visibilityOrigin})</span>}
      </span>
      {folder.visibility === 'internal' ? (
        // Internal folders are closed to guests whatever guest access says.
        <span className="badge badge-access-none">
          <VisuallyHidden>Guest access: </VisuallyHidden>
          {guestAccessLabels.none}
        </span>
      ) : (
        <span className={`badge badge-access-${folder.guestAccess}`}>
          <VisuallyHidden>Guest access: </VisuallyHidden>
          {guestAccessLabels[folder.guestAccess]}
          {accessOrigin && <span className="badge-origin"> ({accessOrigin})</span>}
        </span>
      )}
    </span>
  );
}

/** The folder page's own account of its settings, with what they mean for the reader. */
export function FolderAccessDetails({ folder, isGuest }: { folder: Folder; isGuest: boolean }) {
  const parentName = folder.path.at(-1)?.name ?? null;
  const from = (own: unknown) =>
    own !== null
      ? null
      : folder.parentId === null
        ? 'the default for top-level folders'
        : `inherited from “${parentName ?? 'the parent folder'}”`;
  const visibilityFrom = from(folder.ownVisibility);
  const accessFrom = from(folder.ownGuestAccess);
  return (
    <>
      <dl className="details folder-details">
        <div>
          <dt>Visibility</dt>
          <dd>
            {visibilityLabels[folder.visibility]}
            {visibilityFrom && <span className="detail-note"> ({visibilityFrom})</span>}
          </dd>
        </div>
        <div>
          <dt>Guest access</dt>
          <dd>
            {folder.visibility === 'internal' ? guestAccessLabels.none : guestAccessLabels[folder.guestAccess]}
            {folder.visibility === 'shared' && accessFrom && <span className="detail-note"> ({accessFrom})</span>}
          </dd>
        </div>
      </dl>
      {folder.visibility === 'internal' ? (
        !isGuest && <p className="folder-note">Internal: only employees see this folder and everything in it.</p>
      ) : folder.guestAccess === 'upload' ? (
        <p className="folder-note">
          {isGuest
            ? 'This is a drop box: you see only the files you put in, and their versions.'
            : 'This is a drop box: each guest sees only their own uploads; employees see everything.'}
        </p>
      ) : (
        !isGuest && <p className="folder-note">{guestAccessHints[folder.guestAccess]}</p>
      )}
    </>
  );
}
