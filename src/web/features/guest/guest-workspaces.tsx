import { createContext, type ReactNode, useContext } from 'react';
import type { WorkspaceSummary } from '../../lib/api-types';
import { useRefetchOnChange } from '../../lib/live-updates';
import { type PagedList, usePagedList } from '../../lib/use-paged-list';
import { listWorkspaces } from '../workspaces/api';

const GuestWorkspacesContext = createContext<PagedList<WorkspaceSummary> | null>(null);

/** A guest's workspaces, loaded once for both the menu and the home page that opens the first one. */
export function GuestWorkspacesProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const list = usePagedList((cursor, signal) => listWorkspaces({}, cursor, signal, 100), userId);
  // Removed from a workspace (or added to one): the menu follows without a reload.
  useRefetchOnChange(list.refresh);
  return <GuestWorkspacesContext.Provider value={list}>{children}</GuestWorkspacesContext.Provider>;
}

export function useGuestWorkspaces(): PagedList<WorkspaceSummary> {
  const list = useContext(GuestWorkspacesContext);
  if (!list) throw new Error('useGuestWorkspaces must be used inside <GuestWorkspacesProvider>');
  return list;
}
