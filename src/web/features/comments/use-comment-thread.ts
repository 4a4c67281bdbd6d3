import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, isAbortError, toApiError } from '../../lib/api-client';
import { COMMENT_PAGE_SIZE, COMMENT_READ_LIMIT, listComments } from './api';
import { arrivals, mergeReread, withNextPage } from './thread-merge';
import type { Comment, CommentTargetType } from './types';

export interface CommentThread {
  items: Comment[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  loadMore: () => void;
  reload: () => void;
  /**
   * Reads again, without showing "loading", the pages loaded so far (a live update): the list stays
   * until the answer, then changes in one go. Asked while another read is on its way, it follows it.
   */
  refresh: () => void;
  /** A comment just posted, at the end (the thread is oldest first). */
  add: (comment: Comment) => void;
  replace: (comment: Comment) => void;
  remove: (id: string) => void;
}

export interface CommentThreadOptions {
  /** Comments a refresh brought that were not shown before (whoever wrote them). */
  onArrived?: (comments: Comment[]) => void;
}

type Read = 'first' | 'more' | 'refresh';

/**
 * The first `pages` pages of an item's comments, in as few reads as the API allows (four pages a
 * read); fewer when the thread ends sooner.
 */
async function readPages(type: CommentTargetType, id: string, pages: number, signal: AbortSignal) {
  const items: Comment[] = [];
  let cursor: string | null = null;
  let wanted = pages * COMMENT_PAGE_SIZE;
  do {
    const page = await listComments(type, id, cursor, signal, Math.min(wanted, COMMENT_READ_LIMIT));
    items.push(...page.items);
    wanted -= page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null && wanted > 0);
  return { items, nextCursor: cursor, pages: Math.max(1, Math.ceil(items.length / COMMENT_PAGE_SIZE)) };
}

/**
 * An item's comments, oldest first, a page at a time. A comment posted here is shown at once; when
 * a later page or a refresh brings it again it is not shown twice.
 */
export function useCommentThread(type: CommentTargetType, id: string, options: CommentThreadOptions = {}): CommentThread {
  const [items, setItems] = useState<Comment[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const onArrived = useRef(options.onArrived);
  onArrived.current = options.onArrived;

  const controllerRef = useRef<AbortController | null>(null);
  // What is shown, kept in step with the state so that an answer merges with the latest of it.
  const itemsRef = useRef<Comment[]>([]);
  const cursorRef = useRef<string | null>(null);
  // Pages loaded (0 until the first answer): a refresh reads as many again.
  const pagesRef = useRef(0);
  const readingRef = useRef<Read | null>(null);
  const refreshPending = useRef(false);
  // Posted, edited or deleted here while a read was on its way.
  const localRef = useRef<Map<string, Comment | null> | null>(null);

  const show = useCallback((next: Comment[]) => {
    itemsRef.current = next;
    setItems(next);
  }, []);
  const showCursor = useCallback((cursor: string | null) => {
    cursorRef.current = cursor;
    setNextCursor(cursor);
  }, []);

  const read = useCallback(
    (kind: Read) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      readingRef.current = kind;
      localRef.current = new Map();
      // A refresh leaves a shown error until it has something better to show.
      if (kind !== 'refresh') setError(null);
      if (kind === 'first') setLoading(true);
      if (kind === 'more') setLoadingMore(true);

      const settle = () => {
        readingRef.current = null;
        localRef.current = null;
        setLoading(false);
        setLoadingMore(false);
        if (refreshPending.current) {
          refreshPending.current = false;
          read('refresh');
        }
      };

      const answer =
        kind === 'more'
          ? listComments(type, id, cursorRef.current, controller.signal).then((page) => ({ ...page, pages: pagesRef.current + 1 }))
          : readPages(type, id, kind === 'refresh' ? Math.max(1, pagesRef.current) : 1, controller.signal);

      // A read superseded by a newer one (or by leaving the page) says nothing, not even an error.
      answer.then(
        (page) => {
          if (controller.signal.aborted) return;
          const before = itemsRef.current;
          const reachedEnd = pagesRef.current > 0 && cursorRef.current === null;
          const local = localRef.current ?? new Map<string, Comment | null>();
          // The first page replaces what was shown; a refresh covers only the pages it read again.
          const merged =
            kind === 'more'
              ? withNextPage(before, page.items, local)
              : mergeReread(before, { items: page.items, complete: kind === 'first' || page.nextCursor === null }, local);
          show(merged);
          showCursor(page.nextCursor);
          setError(null);
          pagesRef.current = page.pages;
          settle();
          if (kind === 'refresh') {
            const arrived = arrivals(before, merged, reachedEnd);
            if (arrived.length > 0) onArrived.current?.(arrived);
          }
        },
        (reason: unknown) => {
          if (controller.signal.aborted || isAbortError(reason)) return;
          const problem = toApiError(reason);
          // A live refresh that failed (a busy or restarting server) leaves the thread as it was; the
          // next change reads again. Only an item that is gone replaces it with the error.
          if (kind !== 'refresh' || problem.status === 403 || problem.status === 404) setError(problem);
          settle();
        },
      );
    },
    [type, id, show, showCursor],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is what asks for a fresh first page
  useEffect(() => {
    refreshPending.current = false;
    pagesRef.current = 0;
    read('first');
    return () => controllerRef.current?.abort();
  }, [read, generation]);

  const loadMore = useCallback(() => {
    if (cursorRef.current === null || readingRef.current === 'more' || readingRef.current === 'first') return;
    // "Load more" goes first; a refresh it interrupts reads again after it, one page more.
    if (readingRef.current === 'refresh') refreshPending.current = true;
    read('more');
  }, [read]);

  const refresh = useCallback(() => {
    if (readingRef.current !== null) refreshPending.current = true;
    else read('refresh');
  }, [read]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  /** Changes made here: shown at once, and remembered until the read on its way has answered. */
  const change = useCallback(
    (commentId: string, comment: Comment | null, apply: (current: Comment[]) => Comment[]) => {
      localRef.current?.set(commentId, comment);
      show(apply(itemsRef.current));
    },
    [show],
  );

  return {
    items,
    nextCursor,
    loading,
    loadingMore,
    error,
    loadMore,
    reload,
    refresh,
    add: (comment) => change(comment.id, comment, (current) => [...current.filter((known) => known.id !== comment.id), comment]),
    replace: (comment) => change(comment.id, comment, (current) => current.map((known) => (known.id === comment.id ? comment : known))),
    remove: (commentId) => change(commentId, null, (current) => current.filter((known) => known.id !== commentId)),
  };
}
