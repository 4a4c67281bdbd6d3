import { useCallback, useEffect, useRef, useState } from 'react';
import { checkItemName, type UploadConflict } from '../../../shared/documents';
import { isAbortError, toApiError } from '../../lib/api-client';
import { sendFile, type UploadHandle, type UploadTarget } from './api';
import type { DocumentItem } from './types';
import { uploadProblemMessage } from './upload-problems';

/** Files sent at the same time; the others wait their turn (and can be cancelled while waiting). */
const PARALLEL_UPLOADS = 3;

export type UploadPhase =
  /** The name is taken here: the person chooses between a new version and keeping both. */
  | 'asking'
  | 'queued'
  | 'sending'
  /** Every byte is sent; the server is storing (and perhaps scanning) the file. */
  | 'processing'
  | 'done'
  | 'failed'
  /** Refused in the browser before anything was sent (the name). */
  | 'refused'
  | 'cancelled';

export interface UploadItem {
  key: string;
  file: File;
  /** The name as it will be stored (NFC, trimmed); the original when it is refused. */
  name: string;
  phase: UploadPhase;
  conflict: UploadConflict;
  loaded: number;
  total: number;
  /** Why it failed or was refused. */
  message: string | null;
  document: DocumentItem | null;
}

export type UploadDestination = { kind: 'folder'; folderId: string } | { kind: 'version'; documentId: string };

export interface UploadsOptions {
  destination: UploadDestination;
  /** Whether a document of this name is already listed here (ask before adding a version to it). */
  nameTaken?: (name: string) => boolean;
  onUploaded: (document: DocumentItem) => void;
}

export interface Uploads {
  items: UploadItem[];
  /** Something is waiting, being sent or being stored. */
  busy: boolean;
  /** The last event worth telling a screen reader about. */
  announcement: string | null;
  add: (files: readonly File[]) => void;
  decide: (key: string, conflict: UploadConflict) => void;
  cancel: (key: string) => void;
  retry: (key: string) => void;
  clearFinished: () => void;
}

const isActive = (item: UploadItem) => item.phase === 'queued' || item.phase === 'sending' || item.phase === 'processing';
const isRunning = (item: UploadItem) => item.phase === 'sending' || item.phase === 'processing';
const isFinished = (item: UploadItem) => !isActive(item) && item.phase !== 'asking';

function targetOf(destination: UploadDestination, conflict: UploadConflict): UploadTarget {
  return destination.kind === 'folder'
    ? { kind: 'folder', folderId: destination.folderId, conflict }
    : { kind: 'version', documentId: destination.documentId };
}

/**
 * A list of uploads, each with its own progress and Cancel. Names are checked here with the same
 * rule the server applies, so a refused name never costs an upload.
 */
export function useUploads({ destination, nameTaken, onUploaded }: UploadsOptions): Uploads {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const handles = useRef(new Map<string, UploadHandle>());
  const started = useRef(new Set<string>());
  const counter = useRef(0);
  const latest = useRef({ destination, nameTaken, onUploaded });
  latest.current = { destination, nameTaken, onUploaded };

  const update = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    (item: UploadItem) => {
      started.current.add(item.key);
      update(item.key, { phase: 'sending', loaded: 0, message: null });
      const handle = sendFile(targetOf(latest.current.destination, item.conflict), item.file, item.name, (loaded, total) =>
        update(item.key, { loaded, total, phase: loaded >= total ? 'processing' : 'sending' }),
      );
      handles.current.set(item.key, handle);
      handle.done.then(
        (document) => {
          handles.current.delete(item.key);
          update(item.key, { phase: 'done', loaded: item.total, document });
          setAnnouncement(`${item.name} has been uploaded.`);
          latest.current.onUploaded(document);
        },
        (reason: unknown) => {
          handles.current.delete(item.key);
          if (isAbortError(reason)) {
            update(item.key, { phase: 'cancelled' });
            setAnnouncement(`The upload of ${item.name} was cancelled.`);
            return;
          }
          const message = uploadProblemMessage(toApiError(reason).problem);
          update(item.key, { phase: 'failed', message });
          setAnnouncement(`${item.name} could not be uploaded. ${message}`);
        },
      );
    },
    [update],
  );

  // Start waiting files while fewer than PARALLEL_UPLOADS are on their way.
  useEffect(() => {
    const running = items.filter(isRunning).length;
    const waiting = items.filter((item) => item.phase === 'queued' && !started.current.has(item.key));
    for (const item of waiting.slice(0, Math.max(0, PARALLEL_UPLOADS - running))) start(item);
  }, [items, start]);

  // Leaving the page cancels what is still on its way; closing the tab asks first.
  useEffect(() => {
    const open = handles.current;
    return () => {
      for (const handle of open.values()) handle.abort();
    };
  }, []);
  const busy = items.some(isActive);
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  const add = useCallback((files: readonly File[]) => {
    const { destination: where, nameTaken: taken } = latest.current;
    const added: UploadItem[] = files.map((file) => {
      counter.current += 1;
      const key = `upload-${counter.current}`;
      const base = { key, file, conflict: 'version' as const, loaded: 0, total: file.size, document: null };
      const checked = checkItemName(file.name);
      if ('problem' in checked) {
        return {
          ...base,
          name: file.name,
          phase: 'refused' as const,
          message: `This name ${checked.problem}. Rename the file and try again.`,
        };
      }
      const asking = where.kind === 'folder' && (taken?.(checked.name) ?? false);
      return { ...base, name: checked.name, phase: asking ? ('asking' as const) : ('queued' as const), message: null };
    });
    if (added.length === 0) return;
    setItems((current) => [...current, ...added]);
    const asking = added.filter((item) => item.phase === 'asking');
    const refused = added.filter((item) => item.phase === 'refused');
    const parts = [`${added.length === 1 ? 'One file' : `${added.length} files`} added to the uploads.`];
    if (asking.length > 0) parts.push(`${asking.map((item) => item.name).join(', ')} already exists here: choose what to do.`);
    if (refused.length > 0) parts.push(`${refused.map((item) => item.name).join(', ')} cannot be uploaded: see why below.`);
    setAnnouncement(parts.join(' '));
  }, []);

  const decide = useCallback((key: string, conflict: UploadConflict) => {
    setItems((current) =>
      current.map((item) => (item.key === key && item.phase === 'asking' ? { ...item, conflict, phase: 'queued' } : item)),
    );
  }, []);

  const cancel = useCallback(
    (key: string) => {
      const handle = handles.current.get(key);
      if (handle) return handle.abort(); // onabort marks it cancelled
      started.current.add(key);
      update(key, { phase: 'cancelled' });
    },
    [update],
  );

  const retry = useCallback((key: string) => {
    started.current.delete(key);
    setItems((current) =>
      current.map((item) =>
        item.key === key && (item.phase === 'failed' || item.phase === 'cancelled')
          ? { ...item, phase: 'queued', loaded: 0, message: null }
          : item,
      ),
    );
  }, []);

  const clearFinished = useCallback(() => {
    setItems((current) => current.filter((item) => !isFinished(item)));
    setAnnouncement(null);
  }, []);

  return { items, busy, announcement, add, decide, cancel, retry, clearFinished };
}
