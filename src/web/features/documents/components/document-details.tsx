import { formatDateTime } from '../../../lib/format';
import { describeType, formatBytes } from '../labels';
import type { DocumentItem } from '../types';

export function DocumentDetails({ document }: { document: DocumentItem }) {
  return (
    <dl className="details">
      <div>
        <dt>Size</dt>
        <dd>{formatBytes(document.size)}</dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd>{describeType(document.contentType)}</dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd>{document.version}</dd>
      </div>
      <div>
        <dt>Added</dt>
        <dd>
          {document.createdBy?.name ?? 'Someone no longer here'},{' '}
          <time dateTime={document.createdAt}>{formatDateTime(document.createdAt)}</time>
        </dd>
      </div>
      <div>
        <dt>Last changed</dt>
        <dd>
          {document.updatedBy?.name ?? 'Someone no longer here'},{' '}
          <time dateTime={document.updatedAt}>{formatDateTime(document.updatedAt)}</time>
        </dd>
      </div>
    </dl>
  );
}
