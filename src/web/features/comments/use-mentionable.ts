import { useEffect, useState } from 'react';
import { isAbortError, toApiError } from '../../lib/api-client';
import { problemSummary } from '../../lib/problem';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { listMentionable } from './api';
import type { CommentTargetType, Mentionable } from './types';

export interface MentionableList {
  items: Mentionable[];
  /** The answer for the current query is still on its way. */
  loading: boolean;
  error: string | null;
}

interface Answer {
  query: string;
  items: Mentionable[];
  error: string | null;
}

const DEBOUNCE_MS = 150;

/**
 * The picker's people for `query` (null: the picker is closed, nothing is asked). Asks once the
 * query has rested for a moment and abandons the answer to an older query, so results never
 * arrive out of order. Until the new answer comes, the last one is narrowed down by name.
 */
export function useMentionable(type: CommentTargetType, id: string, query: string | null): MentionableList {
  const debounced = useDebouncedValue(query, DEBOUNCE_MS);
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (debounced === null) return;
    const controller = new AbortController();
    listMentionable(type, id, debounced, controller.signal).then(
      (items) => setAnswer({ query: debounced, items, error: null }),
      (reason: unknown) => {
        if (isAbortError(reason)) return;
        setAnswer({ query: debounced, items: [], error: problemSummary(toApiError(reason).problem) });
      },
    );
    return () => controller.abort();
  }, [type, id, debounced]);

  if (query === null) return { items: [], loading: false, error: null };
  if (answer?.query === query) return { items: answer.items, loading: false, error: answer.error };
  const needle = query.trim().toLocaleLowerCase();
  const narrowed = (answer?.items ?? []).filter((person) => person.name.toLocaleLowerCase().includes(needle));
  return { items: narrowed, loading: true, error: null };
}
