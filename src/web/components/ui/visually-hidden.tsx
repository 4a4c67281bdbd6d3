import type { ReactNode } from 'react';

/** Text for screen readers only, e.g. to say which row a "Suspend" button acts on. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
