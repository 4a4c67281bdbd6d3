import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, isAbortError, toApiError } from '../../lib/api-client';
import { useLiveMessages } from '../../lib/live-updates';
import { listNotifications } from './api';
import { mergeFirstPage } from './describe';
import type { NotificationFilter, NotificationItem } from './types';

export interface NotificationList {
  items: NotificationItem[];
  nextCursor: string | null;
  /** Unread in all, as the last page read said; the live count is fresher when there is one. */
  unread: number | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  loadMore: () => void;
  reload: () => void;
  /** Shows an item read or unread at once, before the server's next word. */
  markLocally: (ids: string[], read: boolean) => void;
}

type Fetch = { kind: 'first' } | { kind: 'more'; cursor: string } | { kind: 'refresh' };

/** Live messages often come in bursts (several uploads): one read covers them. */
const REFRESH_DELAY_MS = 250;

/**
 * My notifications with "Load more". While the page is open, new ones are merged in on top as the
 * stream announces them, without losing what was loaded further down; a change of access reads the
 * list afresh, since some may no longer be mine to see.
 */
export function useNotificationList(filter: NotificationFilter): NotificationList {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [unread, setUnread] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const pagesLoaded = useRef(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Another filter is another list: what the previous one showed must not stand in for it.
  const [shownFilter, setShownFilter] = useState(filter);
  if (shownFilter !== filter) {
    setShownFilter(filter);
    setItems([]);
    setNextCursor(null);
  }

  const fetchPage = useCallback(
    (what: Fetch) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      if (what.kind === 'first') {
        setError(null);
        setLoading(true);
      }
      if (what.kind === 'more') setLoadingMore(true);
      listNotifications(filter, what.kind === 'more' ? what.cursor : null, current.signal).then(
        (page) => {
          setUnread(page.unread);
          setError(null);
          if (what.kind === 'refresh') {
            setItems((list) => mergeFirstPage(list, page.items));
            // With further pages loaded, their cursor still continues after the last of them.
            if (pagesLoaded.current <= 1) setNextCursor(page.nextCursor);
          } else {
            pagesLoaded.current = what.kind === 'first' ? 1 : pagesLoaded.current + 1;
            const first = what.kind === 'first';
            // A refresh may already have brought some of this page in.
            setItems((list) => (first ? page.items : [...list, ...page.items.filter((n) => !list.some((o) => o.id === n.id))]));
            setNextCursor(page.nextCursor);
          }
          setLoading(false);
          setLoadingMore(false);
        },
        (reason: unknown) => {
          if (isAbortError(reason)) return;
          // A failed quiet refresh keeps the list; the next message tries again.
          if (what.kind !== 'refresh') setError(toApiError(reason));
          setLoading(false);
          setLoadingMore(false);
        },
      );
    },
    [filter],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` asks for a fresh first page
  useEffect(() => {
    fetchPage({ kind: 'first' });
    return () => controller.current?.abort();
  }, [fetchPage, generation]);

  useEffect(
    () => () => {
      if (refreshTimer.current !== null) clearTimeout(refreshTimer.current);
    },
    [],
  );

  const busy = useRef(false);
  busy.current = loading || loadingMore;
  // The timer calls the fetch of the filter shown when it fires, not when the message came.
  const fetchLatest = useRef(fetchPage);
  fetchLatest.current = fetchPage;
  const refreshWaiting = useRef(false);

  const scheduleRefresh = useCallback(() => {
    if (refreshTimer.current !== null) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      // Never cut short a page the reader asked for: try again once it has arrived.
      if (busy.current) refreshWaiting.current = true;
      else fetchLatest.current({ kind: 'refresh' });
    }, REFRESH_DELAY_MS);
  }, []);

  useEffect(() => {
    if (loading || loadingMore || !refreshWaiting.current) return;
    refreshWaiting.current = false;
    scheduleRefresh();
  }, [loading, loadingMore, scheduleRefresh]);

  useLiveMessages((message) => {
    if (message.type === 'access') {
      setGeneration((value) => value + 1);
      return;
    }
    if (message.type !== 'notifications' && message.type !== 'resync') return;
    scheduleRefresh();
  });

  const loadMore = useCallback(() => {
    if (nextCursor !== null) fetchPage({ kind: 'more', cursor: nextCursor });
  }, [fetchPage, nextCursor]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const markLocally = useCallback((ids: string[], read: boolean) => {
    const at = new Date().toISOString();
    setItems((list) => list.map((item) => (ids.includes(item.id) ? { ...item, readAt: read ? (item.readAt ?? at) : null } : item)));
  }, []);

  return { items, nextCursor, unread, loading, loadingMore, error, loadMore, reload, markLocally };
}
