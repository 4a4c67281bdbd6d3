import type { FormEvent } from 'react';
import { LIMITS } from '../../../../shared/workspaces';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import type { ExternalOrganization } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { linesToList, listToLines } from '../../../lib/lines';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { updateExternalOrganization } from '../api';

const fields = ['name', 'domains'] as const;

export interface OrganizationDialogProps {
  organization: ExternalOrganization | null;
  onClose: () => void;
  onSaved: (organization: ExternalOrganization) => void;
}

export function OrganizationDialog({ organization, onClose, onSaved }: OrganizationDialogProps) {
  return (
    <Dialog open={organization !== null} title={organization ? `Edit “${organization.name}”` : 'Edit organization'} onClose={onClose}>
      {organization && <OrganizationForm organization={organization} onCancel={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function OrganizationForm({
  organization,
  onCancel,
  onSaved,
}: Omit<OrganizationDialogProps, 'onClose' | 'organization'> & { organization: ExternalOrganization; onCancel: () => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = { name: readText(form, 'name').trim(), domains: linesToList(readText(form, 'domains')) };
    void run(
      async () => onSaved(await updateExternalOrganization(organization.id, input)),
      requireFields({ name: input.name }, { name: 'Enter the organization’s name.' }),
    );
  }

  return (
    // Labels differ from the "add" form on the page behind, so each field has one name on screen.
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        required
        maxLength={LIMITS.organizationName}
        defaultValue={organization.name}
        error={errors.fields.name}
      />
      <TextAreaField
        label="Domain names"
        name="domains"
        defaultValue={listToLines(organization.domains)}
        hint="One per line. Guests with these e-mail domains belong to this organization."
        autoCapitalize="none"
        spellCheck={false}
        error={errors.fields.domains}
      />
      <div className="actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
