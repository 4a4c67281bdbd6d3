import type { ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';

export interface StaleNoticeProps {
  /** What was changed, e.g. "task" ("Someone else changed this task in the meantime."). */
  what: string;
  /** "changed" for most things; a note is "saved". */
  verb?: 'changed' | 'saved';
  /** What to do next; by default: reload, then try again. */
  children?: ReactNode;
  /** Reload the object (and leave any form). */
  onReload: () => void;
}

/** Shown after a 412: someone else changed the object since this page read it; nothing was saved. */
export function StaleNotice({ what, verb = 'changed', children, onReload }: StaleNoticeProps) {
  return (
    <Alert tone="error" title={`Someone else ${verb} this ${what} in the meantime.`}>
      {children ?? <p>Reload to see the {what} as it is now, then make your change again.</p>}
      <Button onClick={onReload}>Reload</Button>
    </Alert>
  );
}
