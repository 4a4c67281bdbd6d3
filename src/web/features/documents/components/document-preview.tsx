import { useId } from 'react';
import { previewUrl } from '../api';
import type { DocumentItem } from '../types';

/**
 * Only the types the server previews (PNG, JPEG, GIF, WebP, PDF) get here. The PDF frame has no
 * sandbox attribute: a sandboxed frame cannot run the browser's own PDF viewer, and the server
 * already sends these bytes with their own restrictive headers.
 */
export function DocumentPreview({ document }: { document: DocumentItem }) {
  const headingId = useId();
  if (!document.previewable) return null;
  const label = `Preview of ${document.name}`;
  return (
    <section className="section-block preview" aria-labelledby={headingId}>
      <h2 id={headingId} className="subheading">
        Preview
      </h2>
      {document.contentType === 'application/pdf' ? (
        <iframe key={document.version} className="preview-frame" src={previewUrl(document.id)} title={label} />
      ) : (
        <img key={document.version} className="preview-image" src={previewUrl(document.id)} alt={label} />
      )}
    </section>
  );
}
