import type { ReactNode } from 'react';
import { NotFoundPage } from './pages/not-found-page';
import { useSession } from './providers/session-context';

/**
 * Hides a page from people who may not use it. It looks exactly like a page that does not
 * exist, matching the server, which answers 404 rather than 403 for what one may not see.
 */
export function RequireAbility({ ability, children }: { ability: string | readonly string[]; children: ReactNode }) {
  const { user } = useSession();
  const wanted: readonly string[] = typeof ability === 'string' ? [ability] : ability;
  // Any one of several abilities opens pages shared by two kinds of administrators.
  return wanted.some((one) => user?.abilities.includes(one)) ? children : <NotFoundPage />;
}
