import { Fragment, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import type { WithEtag } from '../lib/api-client';
import { problemSummary } from '../lib/problem';
import type { Resource } from '../lib/use-resource';
import { NotFoundPage } from './pages/not-found-page';

/** What a page's view gets once its one object has loaded. */
export interface ResourceViewProps<T> {
  current: WithEtag<T>;
  onReplace: (next: WithEtag<T>) => void;
  onReload: () => void;
}

interface ResourcePageProps<T extends { id: string; workspaceId: string }> {
  resource: Resource<WithEtag<T>>;
  /** The workspace id and the object's id in the address. */
  workspaceId: string;
  id: string;
  /** Names the object in the messages: "This {noun} could not be loaded.", "Loading {noun}…". */
  noun: string;
  /** The object's own address, for an address that names the wrong workspace. */
  route: (workspaceId: string, id: string) => string;
  children: (view: ResourceViewProps<T>) => ReactNode;
}

/** The guard of a page that shows one object of a workspace: not found, could not load, loading, wrong workspace, then the view. */
export function ResourcePage<T extends { id: string; workspaceId: string }>({
  resource,
  workspaceId,
  id,
  noun,
  route,
  children,
}: ResourcePageProps<T>) {
  if (resource.error?.status === 404) return <NotFoundPage />;
  if (resource.error && resource.data === null) {
    return (
      <Alert tone="error" title={`This ${noun} could not be loaded.`}>
        <p>{problemSummary(resource.error.problem)}</p>
        <Button onClick={resource.reload}>Try again</Button>
      </Alert>
    );
  }
  if (resource.data === null || resource.data.data.id !== id) return <p>{`Loading ${noun}…`}</p>;
  // An address with the wrong workspace still finds the object; show it under its own.
  if (resource.data.data.workspaceId !== workspaceId) return <Navigate to={route(resource.data.data.workspaceId, id)} replace />;
  // A new id mounts a new view, so no state carries over from the previous object.
  return <Fragment key={id}>{children({ current: resource.data, onReplace: resource.setData, onReload: resource.reload })}</Fragment>;
}
