import type { Readable } from 'node:stream';

/** A byte range as HTTP asks for it, both ends included. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Bytes that have landed durably under their content address. */
export interface StoredBlob {
  sha256: string;
  size: number;
  /** The first bytes, for content-type detection. */
  head: Buffer;
  /** False when the same bytes were stored already. */
  created: boolean;
}

/** Looks at every chunk on its way in and may refuse the upload (limits, virus scanning). */
export interface ChunkObserver {
  chunk(bytes: Buffer): Promise<void> | void;
  /** All bytes seen; throw to refuse them. */
  end(): Promise<void>;
  /** The upload failed or was refused elsewhere; release what the observer holds. */
  abort(): void;
}

/**
 * Where document bytes live. Bytes are content-addressed and immutable: `put` streams them in and
 * returns only once they are durable; the database row that points at them is written after.
 */
export interface BlobStore {
  /**
   * Streams bytes in and returns once they are durable. The blob stays pinned (no sweep or discard
   * touches it) until `release`, so the row that will point at it can be committed first.
   */
  put(source: Readable, options: { maxBytes: number; tooLarge: () => Error; observers?: ChunkObserver[] }): Promise<StoredBlob>;
  release(sha256: string): void;
  /** Removes a blob at once if nothing references or pins it: bytes of a refused upload. */
  discard(sha256: string, isReferenced: (sha256: string) => Promise<boolean>): Promise<void>;
  /** The bytes, opened: a missing blob fails here, before any answer is sent. */
  open(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Removes temporary files older than `tmpOlderThanMs` and unpinned, unreferenced blobs older than `blobsOlderThanMs`. */
  sweep(options: {
    isReferenced: (sha256: string) => Promise<boolean>;
    tmpOlderThanMs: number;
    blobsOlderThanMs: number;
  }): Promise<{ tmpRemoved: number; blobsRemoved: number }>;
}

export const isSha256 = (value: string) => /^[0-9a-f]{64}$/.test(value);
