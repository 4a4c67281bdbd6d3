import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a requested focus may wait for its element (an answer from the server, a reload). */
const WAIT_MS = 5_000;

type Target = () => HTMLElement | null | undefined;

interface Request {
  target: Target;
  /** What had focus when the request was made: focus may move away from it, or from nowhere. */
  from: Element | null;
  until: number;
}

/**
 * Puts focus on an element that the next renders show: the button that opened a form once the form
 * closes, the link to what was just created, the button that takes the place of the one just pressed.
 * Without it the pressed button disappears and focus falls to the page body, where a keyboard or
 * screen reader user has lost their place.
 *
 * `focusAfterRender(() => element)` asks; the element is looked for after each render (for a few
 * seconds) and focused once it is there, unless focus has meanwhile gone somewhere else than where it
 * was or to the page body: what the person chose themselves is never taken away.
 */
export function useFocusAfterRender(): (target: Target) => void {
  const request = useRef<Request | null>(null);
  const [, rerender] = useState(0);

  useEffect(() => {
    const pending = request.current;
    if (!pending) return;
    const active = document.activeElement;
    const untouched = active === null || active === document.body || active === pending.from;
    if (!untouched || Date.now() > pending.until) {
      request.current = null;
      return;
    }
    const element = pending.target();
    if (!element?.isConnected) return;
    request.current = null;
    element.focus();
  });

  return useCallback((target: Target) => {
    request.current = { target, from: document.activeElement, until: Date.now() + WAIT_MS };
    rerender((value) => value + 1);
  }, []);
}
