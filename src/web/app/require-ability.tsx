import type { ReactNode } from 'react';
import { NotFoundPage } from './pages/not-found-page';
import { useAbility } from './providers/session-context';

/**
 * Hides a page from people who may not use it. It looks exactly like a page that does not
 * exist, matching the server, which answers 404 rather than 403 for what one may not see.
 */
export function RequireAbility({ ability, children }: { ability: string; children: ReactNode }) {
  return useAbility(ability) ? children : <NotFoundPage />;
}
