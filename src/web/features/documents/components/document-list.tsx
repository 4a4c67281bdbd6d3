import { Link } from 'react-router';
import { DateTime } from '../../../components/ui/date-time';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { contentUrl, documentRoute } from '../api';
import { formatBytes } from '../labels';
import type { DocumentItem } from '../types';

export interface DocumentListProps {
  workspaceId: string;
  documents: readonly DocumentItem[];
}

export function DocumentList({ workspaceId, documents }: DocumentListProps) {
  return (
    <ul className="item-list doc-list" aria-label="Documents">
      {documents.map((document) => (
        <li key={document.id} className="item-row doc-row">
          <div className="doc-main">
            <Link to={documentRoute(workspaceId, document.id)} className="item-title">
              {document.name}
            </Link>
            <p className="doc-meta">
              {formatBytes(document.size)} · Version {document.version} · {document.updatedBy?.name ?? 'Someone no longer here'},{' '}
              <DateTime iso={document.updatedAt} />
            </p>
          </div>
          {document.abilities.includes('download') && (
            <a className="button button-secondary" href={contentUrl(document.id)}>
              Download<VisuallyHidden> {document.name}</VisuallyHidden>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
