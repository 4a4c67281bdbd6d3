import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, isAbortError, toApiError } from '../../lib/api-client';
import { listComments } from './api';
import type { Comment, CommentTargetType } from './types';

export interface CommentThread {
  items: Comment[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  loadMore: () => void;
  reload: () => void;
  /** A comment just posted, at the end (the thread is oldest first). */
  add: (comment: Comment) => void;
  replace: (comment: Comment) => void;
  remove: (id: string) => void;
}

/**
 * An item's comments, oldest first, a page at a time. A comment posted here is shown at once; when
 * a later page brings it again it is not shown twice.
 */
export function useCommentThread(type: CommentTargetType, id: string): CommentThread {
  const [items, setItems] = useState<Comment[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const controllerRef = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor: string | null) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      setError(null);
      if (cursor === null) setLoading(true);
      else setLoadingMore(true);
      listComments(type, id, cursor, controller.signal).then(
        (page) => {
          setItems((current) => {
            if (cursor === null) return page.items;
            const fresh = page.items.filter((item) => !current.some((known) => known.id === item.id));
            // Comments posted here were shown at the end before their page arrived: keep time order.
            return [...current, ...fresh].sort(byTime);
          });
          setNextCursor(page.nextCursor);
          setLoading(false);
          setLoadingMore(false);
        },
        (reason: unknown) => {
          if (isAbortError(reason)) return;
          setError(toApiError(reason));
          setLoading(false);
          setLoadingMore(false);
        },
      );
    },
    [type, id],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is what asks for a fresh first page
  useEffect(() => {
    fetchPage(null);
    return () => controllerRef.current?.abort();
  }, [fetchPage, generation]);

  return {
    items,
    nextCursor,
    loading,
    loadingMore,
    error,
    loadMore: () => {
      if (nextCursor !== null) fetchPage(nextCursor);
    },
    reload: () => setGeneration((value) => value + 1),
    add: (comment) => setItems((current) => [...current.filter((known) => known.id !== comment.id), comment]),
    replace: (comment) => setItems((current) => current.map((known) => (known.id === comment.id ? comment : known))),
    remove: (commentId) => setItems((current) => current.filter((known) => known.id !== commentId)),
  };
}

function byTime(a: Comment, b: Comment): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
