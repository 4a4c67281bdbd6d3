import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../../lib/use-debounced-value';

const same = (value: string) => value;

/**
 * Text typed into a filter that lives in the page address: shown at once, committed (as `normalize`
 * makes it) once typing pauses, and replaced when the address changes from elsewhere (a summary
 * card, the back button). Text that normalizes to what the address holds is left as typed, so a
 * trailing space survives the pause before the next word.
 */
export function useDraft(
  committed: string,
  commit: (value: string) => void,
  delay = 400,
  normalize: (value: string) => string = same,
): [string, (value: string) => void] {
  const [draft, setDraft] = useState(committed);
  const settled = useDebouncedValue(draft, delay);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a pause in typing commits
  useEffect(() => {
    if (normalize(settled) !== committed) commit(normalize(settled));
  }, [settled]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the address only
  useEffect(() => {
    if (normalize(draft) !== committed) setDraft(committed);
  }, [committed]);
  return [draft, setDraft];
}
