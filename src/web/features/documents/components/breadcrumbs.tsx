import { Link } from 'react-router';
import type { NamedRef } from '../../../lib/api-types';
import { folderRoute, workspaceRoute } from '../api';

export interface BreadcrumbsProps {
  workspaceId: string;
  /** Null while the workspace is loading or could not be read. */
  workspaceName: string | null;
  /** Folders above the current page, top first. */
  folders: readonly NamedRef[];
  current: string;
}

/** Where this page sits: the workspace, then each folder above it; every step but the last is a link. */
export function Breadcrumbs({ workspaceId, workspaceName, folders, current }: BreadcrumbsProps) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        <li>
          <Link to={workspaceRoute(workspaceId)}>{workspaceName ?? 'Workspace'}</Link>
        </li>
        {folders.map((folder) => (
          <li key={folder.id}>
            <Link to={folderRoute(workspaceId, folder.id)}>{folder.name}</Link>
          </li>
        ))}
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}
