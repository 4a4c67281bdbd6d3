import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { tokenFromHash } from './hash-token';

/**
 * Reads "#token=…" once, then drops it from the address bar so it does not stay in
 * history, get bookmarked or end up in a screenshot.
 */
export function useHashToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(location.hash));

  useEffect(() => {
    if (location.hash === '') return;
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: location.state });
  }, [location.hash, location.pathname, location.search, location.state, navigate]);

  return token;
}
