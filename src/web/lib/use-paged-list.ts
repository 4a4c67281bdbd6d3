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
  // Pages shown, and which read is on its way: a live refresh must neither drop the pages someone
  // loaded nor cancel the read they asked for, and one that "Load more" cancels runs again after it.
  const pagesRef = useRef(0);
  const readingRef = useRef<'first' | 'more' | 'refresh' | null>(null);
  const refreshPending = useRef(false);

  const fetchInto = useCallback((kind: 'first' | 'more' | 'refresh', cursor: string | null = null) => {
    if (kind === 'more' && readingRef.current === 'refresh') refreshPending.current = true;
    readingRef.current = kind;
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    // A refresh leaves an error on screen until it has something better to show.
    if (kind !== 'refresh') setError(null);
    if (kind === 'more') setLoadingMore(true);
    if (kind === 'first') setLoading(true);
    const settle = () => {
      readingRef.current = null;
      setLoading(false);
      setLoadingMore(false);
      if (refreshPending.current) {
        refreshPending.current = false;
        fetchInto('refresh');
      }
    };
    fetchRef.current(cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        const merging = kind === 'refresh' && pagesRef.current > 1;
        setItems((current) => (kind === 'more' ? [...current, ...page.items] : merging ? mergeFirstPage(current, page.items) : page.items));
        if (!merging) {
          setNextCursor(page.nextCursor);
          pagesRef.current = kind === 'more' ? pagesRef.current + 1 : 1;
        }
        setError(null);
        settle();
      },
      (reason: unknown) => {
        if (controller.signal.aborted || isAbortError(reason)) return;
        const problem = toApiError(reason);
        // A live refresh that failed (a busy or restarting server) leaves a list that is shown as it
        // was; the next change reads again. A list that is gone (403/404) gives way to the error.
        const keepShown = kind === 'refresh' && pagesRef.current > 0 && problem.status !== 403 && problem.status !== 404;
        if (!keepShown) setError(problem);
        settle();
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `generation` are what trigger a fresh first page
  useEffect(() => {
    // A new list: nothing of the old one's pages or pending refresh carries over.
    pagesRef.current = 0;
    refreshPending.current = false;
    fetchInto('first');
    return () => controllerRef.current?.abort();
  }, [key, generation, fetchInto]);

  const loadMore = useCallback(() => {
    if (nextCursor !== null) fetchInto('more', nextCursor);
  }, [fetchInto, nextCursor]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const refresh = useCallback(() => {
    // A first page or a "Load more" on its way goes first; the refresh reads after it.
    if (readingRef.current === 'first' || readingRef.current === 'more') refreshPending.current = true;
    else fetchInto('refresh');
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
