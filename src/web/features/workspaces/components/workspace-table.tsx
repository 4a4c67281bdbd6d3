import { Link } from 'react-router';
import { DateTime } from '../../../components/ui/date-time';
import type { WorkspaceSummary } from '../../../lib/api-types';
import { memberRoleLabels, workspaceStatusLabels } from '../labels';

export function WorkspaceTable({ workspaces }: { workspaces: readonly WorkspaceSummary[] }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" aria-label="Workspaces" tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">Workspaces</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Topic</th>
            <th scope="col">Status</th>
            <th scope="col">Your role</th>
            <th scope="col">Last change</th>
          </tr>
        </thead>
        <tbody>
          {workspaces.map((workspace) => (
            <tr key={workspace.id}>
              <th scope="row">
                <Link to={`/workspaces/${encodeURIComponent(workspace.id)}`}>{workspace.name}</Link>
              </th>
              <td>{workspace.topic?.name ?? 'No topic'}</td>
              <td>
                <span className={`badge badge-${workspace.status}`}>{workspaceStatusLabels[workspace.status]}</span>
              </td>
              <td>{workspace.myRole ? memberRoleLabels[workspace.myRole] : 'Not a member'}</td>
              <td>
                <DateTime iso={workspace.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
