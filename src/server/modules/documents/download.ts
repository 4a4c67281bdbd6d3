import { Readable } from 'node:stream';
import contentDisposition from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { isPreviewable } from '../../../shared/documents.js';
import type { Actor } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { HttpProblem } from '../../http/problems.js';
import { requestMeta } from '../../http/request-meta.js';
import type { ByteRange } from '../../storage/blob-store.js';
import type { LoadedDocument } from './document-access.js';
import type { VersionRow } from './documents.repo.js';
import { recordAccess } from './documents.service.js';

// Nothing in a downloaded file may run, load, or be framed, even if a browser were to render it.
const ATTACHMENT_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";
const IMAGE_CSP = "default-src 'none'; sandbox; frame-ancestors 'self'";
// Chromium refuses to start its PDF viewer in a sandboxed document, and runs PDF scripts inside the
// viewer, never in our origin; the type comes from the bytes and is always application/pdf here.
const PDF_CSP = "default-src 'none'; frame-ancestors 'self'";

const notPreviewable = () =>
  new HttpProblem(
    415,
    'Unsupported Media Type',
    'Only PNG, JPEG, GIF, WebP and PDF files are shown in the page. Download this one instead.',
  );

/** The single range to send, `null` for the whole file, or "unsatisfiable". */
function requestedRange(request: FastifyRequest, size: number, etag: string): ByteRange | null | 'unsatisfiable' {
  const header = request.headers.range;
  if (!header || size === 0) return null;
  const ifRange = request.headers['if-range'];
  // If-Range with an old validator (or a date: we give none) asks for the whole, current file.
  if (typeof ifRange === 'string' && ifRange.trim() !== etag) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  // Malformed, or several ranges: a server may answer with the whole file (RFC 9110 §14.2).
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  const [range] = ranges;
  return range ? { start: range.start, end: range.end } : null;
}

/**
 * Streams one version's bytes with validators and ranges. Every request that sends bytes is
 * audited (a download, or a view for the preview); repeats within minutes count once.
 */
export async function sendVersion(
  ctx: AppContext,
  actor: Actor,
  request: FastifyRequest,
  reply: FastifyReply,
  loaded: LoadedDocument,
  version: VersionRow,
  mode: 'attachment' | 'preview',
) {
  if (mode === 'preview' && !isPreviewable(version.content_type)) throw notPreviewable();
  const etag = `"${version.sha256}"`;
  reply.header('etag', etag).header('accept-ranges', 'bytes').header('cache-control', 'private, no-cache');
  // Any non-ASCII name goes in filename* as UTF-8; the plain filename gets an ASCII stand-in, never raw Latin-1 bytes.
  // The current bytes carry the document's name (renamed since, or uploaded as a version under another name).
  const name = version.number === loaded.document.current_version ? loaded.document.name : version.name;
  const fallback = name.replace(/[^\x20-\x7e]/g, '_');
  reply.header('content-disposition', contentDisposition(name, { type: mode === 'attachment' ? 'attachment' : 'inline', fallback }));
  if (mode === 'attachment') reply.header('content-security-policy', ATTACHMENT_CSP);
  else {
    reply.header('content-security-policy', version.content_type === 'application/pdf' ? PDF_CSP : IMAGE_CSP);
    reply.header('x-frame-options', 'SAMEORIGIN');
  }
  reply.type(version.content_type);

  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();

  const range = requestedRange(request, version.size, etag);
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${version.size}`);
    throw new HttpProblem(416, 'Range Not Satisfiable', `The file has ${version.size} bytes.`, undefined, {
      'content-range': `bytes */${version.size}`,
    });
  }
  const length = range ? range.end - range.start + 1 : version.size;
  if (range) reply.header('content-range', `bytes ${range.start}-${range.end}/${version.size}`);
  // Opened for HEAD too, so that bytes missing from the store are an error there as well.
  const stream = await ctx.storage.open(version.sha256, range ?? undefined);
  if (request.method === 'HEAD') {
    stream.destroy();
    // An empty stream, not an empty send: Fastify's HEAD route would answer "Content-Length: 0" to that.
    return reply
      .header('content-length', length)
      .code(range ? 206 : 200)
      .send(Readable.from([]));
  }
  try {
    const action = mode === 'attachment' ? 'document.downloaded' : 'document.viewed';
    await recordAccess(ctx, actor, loaded, action, version.number, requestMeta(request));
  } catch (error) {
    stream.destroy();
    throw error;
  }
  if (range) reply.code(206);
  return reply.header('content-length', length).send(stream);
}
