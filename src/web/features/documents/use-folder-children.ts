import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, isAbortError, toApiError } from '../../lib/api-client';
import { listChildren } from './api';
import { nameKey } from './labels';
import type { DocumentItem, Folder } from './types';

export interface FolderChildrenList {
  folders: Folder[];
  documents: DocumentItem[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  loadMore: () => void;
  reload: () => void;
  /** Reads the first page again without showing "loading" (a live update): the contents stay until the answer. */
  refresh: () => void;
  /** A new or changed document (an upload, a new version) takes its place in the name order. */
  upsertDocument: (document: DocumentItem) => void;
  upsertFolder: (folder: Folder) => void;
  /** Whether a loaded document already has this name (names are unique regardless of case). */
  hasDocumentNamed: (name: string) => boolean;
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

function mergeById<T extends { id: string }>(current: T[], more: T[]): T[] {
  const seen = new Set(current.map((item) => item.id));
  return [...current, ...more.filter((item) => !seen.has(item.id))];
}

function upsert<T extends { id: string; name: string }>(list: T[], item: T): T[] {
  const without = list.filter((existing) => existing.id !== item.id);
  return [...without, item].sort(byName);
}

/** A folder's subfolders and documents, with "Load more" for long folders (documents come in pages). */
export function useFolderChildren(folderId: string): FolderChildrenList {
  const [folders, setFolders] = useState<Folder[]>([]);
  const [documents, setDocuments] = useState<DocumentItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);
  // Pages shown, and whether "Load more" is on its way: a live refresh must neither drop the pages
  // someone loaded nor cancel the one they asked for.
  const pagesRef = useRef(0);
  const loadingMoreRef = useRef(false);
  const refreshPending = useRef(false);

  const fetchInto = useCallback(
    (cursor: string | null, quiet = false) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setError(null);
      loadingMoreRef.current = cursor !== null;
      if (cursor !== null) setLoadingMore(true);
      else if (!quiet) setLoading(true);
      const settle = () => {
        loadingMoreRef.current = false;
        setLoading(false);
        setLoadingMore(false);
        if (refreshPending.current) {
          refreshPending.current = false;
          fetchInto(null, true);
        }
      };
      listChildren(folderId, cursor, current.signal).then(
        (page) => {
          if (cursor === null && quiet && pagesRef.current > 1) {
            // More pages are shown: what the first page brings takes its place in the name order.
            setFolders((list) => [...page.folders, ...list.filter((f) => !page.folders.some((p) => p.id === f.id))].sort(byName));
            setDocuments((list) => [...page.documents, ...list.filter((d) => !page.documents.some((p) => p.id === d.id))].sort(byName));
          } else {
            setFolders((list) => (cursor === null ? page.folders : mergeById(list, page.folders)));
            setDocuments((list) => (cursor === null ? page.documents : mergeById(list, page.documents)));
            setNextCursor(page.nextCursor);
            pagesRef.current = cursor === null ? 1 : pagesRef.current + 1;
          }
          settle();
        },
        (reason: unknown) => {
          if (isAbortError(reason)) return;
          setError(toApiError(reason));
          settle();
        },
      );
    },
    [folderId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` asks for a fresh first page
  useEffect(() => {
    fetchInto(null);
    return () => controller.current?.abort();
  }, [fetchInto, generation]);

  const loadMore = useCallback(() => {
    if (nextCursor !== null) fetchInto(nextCursor);
  }, [fetchInto, nextCursor]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const refresh = useCallback(() => {
    if (loadingMoreRef.current) refreshPending.current = true;
    else fetchInto(null, true);
  }, [fetchInto]);
  const upsertDocument = useCallback((document: DocumentItem) => setDocuments((list) => upsert(list, document)), []);
  const upsertFolder = useCallback((folder: Folder) => setFolders((list) => upsert(list, folder)), []);
  const hasDocumentNamed = useCallback(
    (name: string) => {
      const key = nameKey(name);
      return documents.some((document) => nameKey(document.name) === key);
    },
    [documents],
  );

  return {
    folders,
    documents,
    nextCursor,
    loading,
    loadingMore,
    error,
    loadMore,
    reload,
    refresh,
    upsertDocument,
    upsertFolder,
    hasDocumentNamed,
  };
}
