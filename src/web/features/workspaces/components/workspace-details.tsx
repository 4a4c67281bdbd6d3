import { useId } from 'react';
import { GUEST_SETTINGS } from '../../../../shared/workspaces';
import type { Workspace } from '../../../lib/api-types';
import { guestSettingLabels } from '../labels';

/**
 * What the workspace is about. Guests receive only the details shared with them, so this shows
 * whatever came; the "Internal" badge tells employees which details guests never see.
 */
export function WorkspaceDetails({ workspace, showGuestSettings }: { workspace: Workspace; showGuestSettings: boolean }) {
  const detailsId = useId();
  const guestsId = useId();
  const allowed = GUEST_SETTINGS.filter((setting) => workspace.guestSettings[setting]);
  return (
    <>
      {workspace.description ? <p className="workspace-description">{workspace.description}</p> : null}
      <section className="section-block" aria-labelledby={detailsId}>
        <h2 id={detailsId} className="visually-hidden">
          Details
        </h2>
        <dl className="details">
          <div>
            <dt>Topic</dt>
            <dd>{workspace.topic?.name ?? 'No topic'}</dd>
          </div>
          {workspace.fields.map((field) => (
            <div key={field.id}>
              <dt>
                {field.label}
                {field.visibility === 'internal' && showGuestSettings && <span className="badge badge-internal">Internal</span>}
              </dt>
              <dd>{field.value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {showGuestSettings && (
        <section className="section-block" aria-labelledby={guestsId}>
          <h2 id={guestsId} className="subheading">
            What guests may do here
          </h2>
          {allowed.length === 0 ? (
            <p>Guests may only read what is shared with them.</p>
          ) : (
            <ul className="plain-list">
              {allowed.map((setting) => (
                <li key={setting}>{guestSettingLabels[setting]}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
