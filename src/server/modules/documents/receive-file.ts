import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { checkItemName } from '../../../shared/documents.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { HttpProblem, invalid } from '../../http/problems.js';
import type { ChunkObserver, StoredBlob } from '../../storage/blob-store.js';
import { detectContentType } from '../../storage/content-type.js';
import { quotaExceeded, UploadTooLarge } from '../../storage/upload-errors.js';
import { blobReferenced, bytesUsed } from './documents.repo.js';

const UPLOAD_IDLE_MS = 2 * 60_000;
/** Multipart framing around one file: boundaries, part headers, a long file name. */
const MULTIPART_OVERHEAD = 16 * 1024;

export interface ReceivedFile {
  name: string;
  blob: StoredBlob;
  contentType: string;
}

const diskFull = () =>
  new HttpProblem(507, 'Insufficient Storage', 'The server has no room left for this file. Ask an administrator.', [
    { path: '/file', message: 'does not fit on the server' },
  ]);

const cutOff = () => invalid('/file', 'the upload ended before the whole file arrived');

/** What may still be stored: the smallest of the size limit and the room left in both quotas. */
async function room(db: Kysely<DB>, ctx: AppContext, workspaceId: string): Promise<{ bytes: number; refusal: () => HttpProblem }> {
  const { maxUploadBytes, workspaceQuotaBytes, storageQuotaBytes } = ctx.config;
  let bytes = maxUploadBytes;
  let refusal: () => HttpProblem = () => new UploadTooLarge(maxUploadBytes);
  if (workspaceQuotaBytes > 0) {
    const left = workspaceQuotaBytes - (await bytesUsed(db, workspaceId));
    if (left < bytes) [bytes, refusal] = [left, () => quotaExceeded('workspace')];
  }
  if (storageQuotaBytes > 0) {
    const left = storageQuotaBytes - (await bytesUsed(db));
    if (left < bytes) [bytes, refusal] = [left, () => quotaExceeded('installation')];
  }
  return { bytes: Math.max(0, bytes), refusal };
}

/** The quotas again, inside the transaction that commits, for the bytes that actually arrived. */
export async function assertQuota(db: Kysely<DB>, ctx: AppContext, workspaceId: string, adding: number): Promise<void> {
  const { workspaceQuotaBytes, storageQuotaBytes } = ctx.config;
  if (workspaceQuotaBytes > 0 && (await bytesUsed(db, workspaceId)) + adding > workspaceQuotaBytes) throw quotaExceeded('workspace');
  if (storageQuotaBytes > 0 && (await bytesUsed(db)) + adding > storageQuotaBytes) throw quotaExceeded('installation');
}

function streamError(error: unknown, refusal: () => HttpProblem): unknown {
  if (error instanceof HttpProblem) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return refusal();
  if (code === 'ENOSPC') return diskFull();
  // Our own file system failing is our error (500, logged); anything else broke the client's stream.
  if ((error as { syscall?: string }).syscall) return error;
  return cutOff();
}

/**
 * Reads one multipart file from the request into the store: refused before a byte is stored when
 * the declared length cannot fit, cut off as soon as it exceeds the size limit or the room left in
 * the quotas, scanned while it streams when a scanner is configured. The blob comes back pinned.
 */
export async function receiveFile(ctx: AppContext, request: FastifyRequest, workspaceId: string): Promise<ReceivedFile> {
  // No time limit on an upload as a whole (several GB on a slow line), but one that stops sending
  // is cut. Injected requests (app.inject) have no socket and so no setTimeout.
  const idle = typeof request.raw.setTimeout === 'function';
  if (idle) request.raw.setTimeout(UPLOAD_IDLE_MS, () => request.raw.destroy(new Error('upload stalled')));
  try {
    if (!request.isMultipart())
      throw new HttpProblem(415, 'Unsupported Media Type', 'Send the file as multipart/form-data in a part named "file".');
    const { bytes, refusal } = await room(ctx.db, ctx, workspaceId);
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared - MULTIPART_OVERHEAD > bytes) throw refusal();
    const notOnePart = () => invalid('/file', 'the multipart body could not be read: send one part named "file" and nothing else');
    // One byte over the limit reaches the store, which refuses it before it lands; at the limit
    // itself busboy would end the stream cleanly and the cut-off bytes would be stored.
    const parts = request.parts({ limits: { fileSize: ctx.config.maxUploadBytes + 1, files: 1, fields: 0, parts: 1 } });
    let part: MultipartFile | undefined;
    try {
      part = (await parts.next()).value as MultipartFile | undefined;
    } catch {
      throw notOnePart();
    }
    if (part?.fieldname !== 'file') throw invalid('/file', 'is required: one part named "file"');
    const checked = checkItemName(part.filename ?? '');
    if ('problem' in checked) throw invalid('/file', `name ${checked.problem}`);
    const observers: ChunkObserver[] = [];
    if (ctx.scanner) observers.push(await ctx.scanner.session());
    let blob: StoredBlob;
    try {
      blob = await ctx.storage.put(part.file, { maxBytes: bytes, tooLarge: refusal, observers });
    } catch (error) {
      throw streamError(error, refusal);
    }
    const file = { name: checked.name, blob, contentType: await detectContentType(blob.head) };
    if (part.file.truncated) return keepOrDiscard(ctx, file, () => Promise.reject(refusal()));
    // A second file or a field after the file is refused rather than silently dropped.
    const more = await parts.next().then(
      (next) => !next.done,
      () => true,
    );
    if (more) return keepOrDiscard(ctx, file, () => Promise.reject(notOnePart()));
    return file;
  } finally {
    if (idle) request.raw.setTimeout(0);
  }
}

/**
 * Commits what `receiveFile` stored with `commit`; whatever happens, the blob is unpinned, and
 * bytes this upload added that no row took are removed at once (refusals must not fill the disk).
 */
export async function keepOrDiscard<T>(ctx: AppContext, file: ReceivedFile, commit: () => Promise<T>): Promise<T> {
  let kept = false;
  try {
    const result = await commit();
    kept = true;
    return result;
  } finally {
    ctx.storage.release(file.blob.sha256);
    if (!kept && file.blob.created) {
      await ctx.storage
        .discard(file.blob.sha256, (sha) => blobReferenced(ctx.db, sha))
        .catch((err: unknown) => {
          ctx.log.warn({ err }, 'could not remove the bytes of a refused upload; the cleanup job will');
        });
    }
  }
}

/**
 * An upload refused before its body was read: the client is still sending, so the answer closes the
 * connection instead of reading (or waiting forever for) bytes nobody will keep.
 */
export async function closingOnRefusal<T>(request: FastifyRequest, reply: FastifyReply, upload: () => Promise<T>): Promise<T> {
  try {
    return await upload();
  } catch (error) {
    if (!request.raw.readableEnded) {
      reply.header('connection', 'close');
      reply.raw.once('finish', () => request.raw.destroy());
    }
    throw error;
  }
}
