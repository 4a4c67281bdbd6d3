import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { tokenFromHash } from './hash-token';

/**
 * Reads "#token=…", then drops it from the address bar so it does not stay in history, get
 * bookmarked or end up in a screenshot. Also follows a link pasted while already on the page,
 * which only changes the hash and so does not remount anything.
 */
export function useHashToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token, setToken] = useState(() => tokenFromHash(location.hash));

  useEffect(() => {
    if (location.hash === '') return;
    const fromHash = tokenFromHash(location.hash);
    if (fromHash !== null) setToken(fromHash);
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: location.state });
  }, [location.hash, location.pathname, location.search, location.state, navigate]);

  return token;
}
