import { useId } from 'react';
import { DateTime } from '../../../components/ui/date-time';
import type { AuditEntry } from '../api';

/** The log, newest first: one row per entry; what it was about folds out under "Details". */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" aria-labelledby={captionId} tabIndex={0}>
      <table className="table audit-table">
        <caption id={captionId} className="visually-hidden">
          Audit log entries, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Person</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Workspace</th>
            <th scope="col">Address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <AuditRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const hasDetails = Object.keys(entry.details).length > 0;
  return (
    <tr>
      <td>
        <DateTime iso={entry.occurredAt} />
      </td>
      <td>
        {entry.actor ? (
          <>
            <span className="cell-title">{entry.actor.name}</span>
            {entry.actor.email && <span className="cell-note">{entry.actor.email}</span>}
          </>
        ) : (
          <span className="empty">System or unknown</span>
        )}
      </td>
      <td>
        <code className="audit-action">{entry.action}</code>
      </td>
      <td>
        {entry.target ? (
          <>
            <span className="cell-title">{entry.target.type}</span>
            <span className="cell-note audit-id">{entry.target.id}</span>
          </>
        ) : (
          <span className="empty">—</span>
        )}
      </td>
      <td>{entry.workspace ? entry.workspace.name : <span className="empty">—</span>}</td>
      <td>{entry.ip ?? <span className="empty">—</span>}</td>
      <td className="audit-details-cell">
        <details className="audit-details">
          <summary>
            Details<span className="visually-hidden"> of entry {entry.seq}</span>
          </summary>
          {hasDetails ? (
            <pre className="audit-json">{JSON.stringify(entry.details, null, 2)}</pre>
          ) : (
            <p className="empty">No details recorded.</p>
          )}
          <dl className="audit-chain">
            <dt>Entry</dt>
            <dd>{entry.seq}</dd>
            <dt>Hash</dt>
            <dd className="audit-id">{entry.hash}</dd>
          </dl>
        </details>
      </td>
    </tr>
  );
}
