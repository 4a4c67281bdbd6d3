import { DateTime } from '../../../components/ui/date-time';
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
          {document.createdBy?.name ?? 'Someone no longer here'}, <DateTime iso={document.createdAt} />
        </dd>
      </div>
      <div>
        <dt>Last changed</dt>
        <dd>
          {document.updatedBy?.name ?? 'Someone no longer here'}, <DateTime iso={document.updatedAt} />
        </dd>
      </div>
    </dl>
  );
}
