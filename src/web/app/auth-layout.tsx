import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { useSession } from './providers/session-context';

/** The calm single-column frame for pages used without a session (sign-in, setup, …). */
export function AuthLayout({ children }: { children?: ReactNode }) {
  const { instance } = useSession();
  return (
    <div className="auth-layout">
      <main id="main-content" className="auth-main">
        <p className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            F
          </span>
          <span>{instance.organizationName ?? 'Foyer'}</span>
        </p>
        <div className="card auth-card">{children ?? <Outlet />}</div>
      </main>
    </div>
  );
}
