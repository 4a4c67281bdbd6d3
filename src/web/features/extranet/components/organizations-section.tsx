import { type FormEvent, useId, useState } from 'react';
import { LIMITS } from '../../../../shared/workspaces';
import { Alert, FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import type { ExternalOrganization } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { plural } from '../../../lib/format';
import { linesToList } from '../../../lib/lines';
import { problemSummary } from '../../../lib/problem';
import { useConfirmedDelete } from '../../../lib/use-confirmed-delete';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { useResource } from '../../../lib/use-resource';
import { requireFields } from '../../../lib/validate';
import { allows, createExternalOrganization, deleteExternalOrganization, listExternalOrganizations } from '../api';
import { OrganizationDialog } from './organization-dialog';

/** The partner companies guests belong to, recognised by their e-mail domains. */
export function OrganizationsSection() {
  const headingId = useId();
  const organizations = useResource(listExternalOrganizations, 'organizations');
  const list = organizations.data ?? [];
  const { busy, errors, formRef, run } = useFormSubmit(['name', 'domains']);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<ExternalOrganization | null>(null);
  const deletion = useConfirmedDelete<ExternalOrganization>(
    (item) => deleteExternalOrganization(item.id),
    (item) => {
      organizations.setData(list.filter((other) => other.id !== item.id));
      setStatus(`Organization “${item.name}” deleted.`);
    },
  );

  function handleAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = { name: readText(form, 'name').trim(), domains: linesToList(readText(form, 'domains')) };
    setStatus(null);
    void run(
      async () => {
        const created = await createExternalOrganization(input);
        organizations.setData([...list, created]);
        setStatus(`Organization “${created.name}” added.`);
        form.reset();
      },
      requireFields({ name: input.name }, { name: 'Enter the organization’s name.' }),
    );
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>External organizations</h2>
      <p className="section-description">Partner companies your guests work for. A domain belongs to one organization at most.</p>
      <form ref={formRef} className="form" noValidate onSubmit={handleAdd}>
        <FormAlert messages={errors.form} />
        <TextField
          label="Organization name"
          name="name"
          autoComplete="off"
          maxLength={LIMITS.organizationName}
          error={errors.fields.name}
        />
        <TextAreaField
          label="Domains"
          name="domains"
          rows={3}
          hint="One per line, e.g. supplier.example."
          autoCapitalize="none"
          spellCheck={false}
          error={errors.fields.domains}
        />
        <div className="actions">
          <Button type="submit" busy={busy}>
            Add organization
          </Button>
        </div>
      </form>
      <LiveStatus message={status} />
      {organizations.error && <Alert tone="error">{problemSummary(organizations.error.problem)}</Alert>}
      {organizations.loading && organizations.data === null ? (
        <p>Loading organizations…</p>
      ) : list.length === 0 ? (
        !organizations.error && <p className="empty">No external organizations yet.</p>
      ) : (
        <ul className="item-list" aria-label="External organizations">
          {list.map((organization) => (
            <li key={organization.id} className="item-row">
              <span>
                <span className="item-title">{organization.name}</span>
                <span className="cell-note">{organization.domains.length > 0 ? organization.domains.join(', ') : 'No domains'}</span>
                {organization.guestCount !== undefined && (
                  <span className="cell-note">{plural(organization.guestCount, 'active guest', 'active guests')}</span>
                )}
              </span>
              <span className="row-actions">
                {allows(organization.abilities, 'update') && (
                  <Button onClick={() => setEditing(organization)}>
                    Edit<VisuallyHidden> {organization.name}</VisuallyHidden>
                  </Button>
                )}
                {allows(organization.abilities, 'delete') && (
                  <Button variant="danger" onClick={() => deletion.ask(organization)}>
                    Delete<VisuallyHidden> {organization.name}</VisuallyHidden>
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <OrganizationDialog
        organization={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          organizations.setData(list.map((organization) => (organization.id === saved.id ? saved : organization)));
          setEditing(null);
          setStatus(`Organization “${saved.name}” saved.`);
        }}
      />
      <ConfirmDialog
        open={deletion.target !== null}
        title={deletion.target ? `Delete “${deletion.target.name}”?` : 'Delete organization?'}
        confirmLabel="Delete organization"
        busy={deletion.busy}
        error={deletion.error}
        onConfirm={deletion.confirm}
        onCancel={deletion.cancel}
      >
        <p>
          {deletion.target?.guestCount
            ? `${plural(deletion.target.guestCount, 'guest keeps', 'guests keep')} their account, without an organization. This cannot be undone.`
            : 'This cannot be undone.'}
        </p>
      </ConfirmDialog>
    </section>
  );
}
