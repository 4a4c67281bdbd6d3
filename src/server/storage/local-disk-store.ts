import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../lib/ids.js';
import { type BlobStore, type ByteRange, type ChunkObserver, isSha256, type StoredBlob } from './blob-store.js';

const HEAD_BYTES = 4100;

/** Counts, hashes and keeps the first bytes of everything that passes; refuses past the limit. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
    private readonly observers: ChunkObserver[],
  ) {
    super();
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(this.tooLarge());
      return;
    }
    this.hash.update(chunk);
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(Buffer.from(part));
      this.headLength += part.length;
    }
    const pending = this.observers.map((o) => o.chunk(chunk)).filter((p): p is Promise<void> => p instanceof Promise);
    if (pending.length === 0) {
      done(null, chunk);
      return;
    }
    Promise.all(pending).then(
      () => done(null, chunk),
      (error: Error) => done(error),
    );
  }
}

/** fsync through a new descriptor: Linux flushes the file's data whichever descriptor asks. */
async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Blobs under `<root>/blobs/<aa>/<sha256>`, written through `<root>/tmp/`: streamed while hashed,
 * fsynced, renamed into place, directory fsynced. A crash leaves at most a temporary file or an
 * unreferenced blob, both removed by `sweep`.
 */
export class LocalDiskStore implements BlobStore {
  private readonly tmpDir: string;
  private readonly blobDir: string;
  /** Blobs whose rows are being committed in this process, with how many uploads hold each. */
  private readonly pins = new Map<string, number>();

  constructor(root: string) {
    this.tmpDir = path.join(root, 'tmp');
    this.blobDir = path.join(root, 'blobs');
  }

  async init(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    await mkdir(this.blobDir, { recursive: true, mode: 0o700 });
  }

  private blobPath(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('not a content address');
    return path.join(this.blobDir, sha256.slice(0, 2), sha256);
  }

  private pin(sha256: string): void {
    this.pins.set(sha256, (this.pins.get(sha256) ?? 0) + 1);
  }

  release(sha256: string): void {
    const count = (this.pins.get(sha256) ?? 0) - 1;
    if (count > 0) this.pins.set(sha256, count);
    else this.pins.delete(sha256);
  }

  async discard(sha256: string, isReferenced: (sha256: string) => Promise<boolean>): Promise<void> {
    if (this.pins.has(sha256) || (await isReferenced(sha256))) return;
    if (this.pins.has(sha256)) return;
    await unlink(this.blobPath(sha256)).catch(() => {});
  }

  async put(source: Readable, options: { maxBytes: number; tooLarge: () => Error; observers?: ChunkObserver[] }): Promise<StoredBlob> {
    const observers = options.observers ?? [];
    const tmp = path.join(this.tmpDir, `${newId()}.part`);
    const meter = new Meter(options.maxBytes, options.tooLarge, observers);
    let landed = false;
    try {
      const out = createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
      // The file exists before a byte flows: a stream that fails at once is cleaned up below,
      // instead of the file appearing after the clean-up ran.
      await once(out, 'open');
      await pipeline(source, meter, out);
      for (const observer of observers) await observer.end();
      await fsyncFile(tmp);
      const sha256 = meter.hash.digest('hex');
      const target = this.blobPath(sha256);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Pinned before it is looked at, so a sweep in this process cannot remove it under us.
      this.pin(sha256);
      let created = false;
      try {
        if (await exists(target)) {
          // Same bytes already stored: keep that copy, and renew its age so that a sweep of another
          // process (several nodes sharing the directory) spares it until our row is committed.
          await unlink(tmp);
          const now = new Date();
          await utimes(target, now, now);
        } else {
          await rename(tmp, target);
          created = true;
        }
        // Also when the bytes existed: the answer takes as long either way.
        await fsyncDirectory(path.dirname(target));
      } catch (error) {
        this.release(sha256);
        throw error;
      }
      landed = true;
      return { sha256, size: meter.size, head: meter.head, created };
    } finally {
      if (!landed) {
        for (const observer of observers) observer.abort();
        await unlink(tmp).catch(() => {});
      }
    }
  }

  open(sha256: string, range?: ByteRange): Promise<Readable> {
    const stream = createReadStream(this.blobPath(sha256), range ? { start: range.start, end: range.end } : {});
    return new Promise((resolve, reject) => {
      stream.once('ready', () => resolve(stream));
      stream.once('error', reject);
    });
  }

  async sweep(options: {
    isReferenced: (sha256: string) => Promise<boolean>;
    tmpOlderThanMs: number;
    blobsOlderThanMs: number;
  }): Promise<{ tmpRemoved: number; blobsRemoved: number }> {
    const now = Date.now();
    let tmpRemoved = 0;
    let blobsRemoved = 0;
    for (const name of await readdir(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      if (await olderThan(file, now - options.tmpOlderThanMs)) {
        await unlink(file).catch(() => {});
        tmpRemoved++;
      }
    }
    for (const prefix of await readdir(this.blobDir)) {
      const dir = path.join(this.blobDir, prefix);
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const file = path.join(dir, name);
        if (!isSha256(name) || this.pins.has(name)) continue;
        if (!(await olderThan(file, now - options.blobsOlderThanMs))) continue;
        if (await options.isReferenced(name)) continue;
        // Looked at again after the query: an upload of the same bytes may have claimed it meanwhile.
        if (this.pins.has(name) || !(await olderThan(file, Date.now() - options.blobsOlderThanMs))) continue;
        await unlink(file).catch(() => {});
        blobsRemoved++;
      }
    }
    return { tmpRemoved, blobsRemoved };
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function olderThan(file: string, cutoff: number): Promise<boolean> {
  try {
    return (await stat(file)).mtimeMs <= cutoff;
  } catch {
    return false;
  }
}
