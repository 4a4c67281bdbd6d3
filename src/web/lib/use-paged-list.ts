import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, isAbortError, toApiError } from './api-client';
import type { Page } from './api-types';

export interface PagedList<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  loadMore: () => void;
  reload: () => void;
  /** Reads the first page again without showing "loading" (a live update): the list stays until the answer. */
  refresh: () => void;
  replace: (item: T) => void;
  remove: (id: string) => void;
}

type FetchPage<T> = (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;

/**
 * Cursor paging with a "Load more" button. Changing `key` (e.g. the search text) starts
 * over from the first page and abandons any answer still on its way.
 */
export function usePagedList<T extends { id: string }>(fetchPage: FetchPage<T>, key: string): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const controllerRef = useRef<AbortController | null>(null);
  // Pages shown, and whether "Load more" is on its way: a live refresh must neither drop the pages
  // someone loaded nor cancel the one they asked for.
  const pagesRef = useRef(0);
  const loadingMoreRef = useRef(false);
  const refreshPending = useRef(false);
  const refreshingRef = useRef(false);

  const fetchInto = useCallback((cursor: string | null, quiet = false) => {
    // "Load more" cancels a live refresh on its way: that refresh runs again after it.
    if (cursor !== null && refreshingRef.current) refreshPending.current = true;
    refreshingRef.current = cursor === null && quiet;
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setError(null);
    loadingMoreRef.current = cursor !== null;
    if (cursor !== null) setLoadingMore(true);
    else if (!quiet) setLoading(true);
    const settle = () => {
      loadingMoreRef.current = false;
      refreshingRef.current = false;
      setLoading(false);
      setLoadingMore(false);
      if (refreshPending.current) {
        refreshPending.current = false;
        fetchInto(null, true);
      }
    };
    fetchRef.current(cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        const merging = cursor === null && quiet && pagesRef.current > 1;
        setItems((current) => (cursor !== null ? [...current, ...page.items] : merging ? mergeFirstPage(current, page.items) : page.items));
        if (!merging) {
          setNextCursor(page.nextCursor);
          pagesRef.current = cursor === null ? 1 : pagesRef.current + 1;
        }
        settle();
      },
      (reason: unknown) => {
        if (controller.signal.aborted || isAbortError(reason)) return;
        const problem = toApiError(reason);
        // A live refresh that failed (a busy or restarting server) leaves the list as it was; the next
        // change reads again. Only a list that is gone replaces it with the error.
        if (!(cursor === null && quiet) || problem.status === 403 || problem.status === 404) setError(problem);
        settle();
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `generation` are what trigger a fresh first page
  useEffect(() => {
    fetchInto(null);
    return () => controllerRef.current?.abort();
  }, [key, generation, fetchInto]);

  const loadMore = useCallback(() => {
    if (nextCursor !== null) fetchInto(nextCursor);
  }, [fetchInto, nextCursor]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const refresh = useCallback(() => {
    if (loadingMoreRef.current) refreshPending.current = true;
    else fetchInto(null, true);
  }, [fetchInto]);
  const replace = useCallback(
    (item: T) => setItems((current) => current.map((existing) => (existing.id === item.id ? item : existing))),
    [],
  );
  const remove = useCallback((id: string) => setItems((current) => current.filter((existing) => existing.id !== id)), []);

  return { items, nextCursor, loading, loadingMore, error, loadMore, reload, refresh, replace, remove };
}

/**
 * The first page read again while more pages are shown: its items come first, in its order, and
 * what was loaded further down stays (nothing jumps away from the reader).
 */
export function mergeFirstPage<T extends { id: string }>(current: T[], fresh: T[]): T[] {
  const ids = new Set(fresh.map((item) => item.id));
  return [...fresh, ...current.filter((item) => !ids.has(item.id))];
}
