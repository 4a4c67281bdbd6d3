import { Link } from 'react-router';
import { folderRoute } from '../api';
import type { Folder } from '../types';
import { FolderAccessBadges } from './folder-access';

export interface FolderListProps {
  workspaceId: string;
  folders: readonly Folder[];
  /** Names the list for screen readers, e.g. "Folders" or "Subfolders". */
  label: string;
}

export function FolderList({ workspaceId, folders, label }: FolderListProps) {
  return (
    <ul className="item-list doc-list" aria-label={label}>
      {folders.map((folder) => (
        <li key={folder.id} className="item-row doc-row">
          <div className="doc-main">
            <Link to={folderRoute(workspaceId, folder.id)} className="item-title">
              {folder.name}
            </Link>
          </div>
          <FolderAccessBadges folder={folder} />
        </li>
      ))}
    </ul>
  );
}
