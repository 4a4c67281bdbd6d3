import { type FormEvent, useState } from 'react';
import { EMPLOYEE_ROLES, GUEST_ROLES, isGuestRole, LIMITS } from '../../../../shared/workspaces';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { SelectField } from '../../../components/ui/select-field';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import type { Invitation, MemberRole } from '../../../lib/api-types';
import { endOfDayUtc, todayDayInput } from '../../../lib/dates';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { useResource } from '../../../lib/use-resource';
import { emailAddressError, requireFields } from '../../../lib/validate';
import { listExternalOrganizations } from '../../extranet/api';
import { memberRoleLabels } from '../../workspaces/labels';
import { createInvitation, type NewInvitation } from '../api';

const fields = ['email', 'role', 'expiresAt', 'message'] as const;
const fieldsWithOrganization = [...fields, 'externalOrganizationId'] as const;

export interface InviteFormProps {
  workspaceId: string;
  canInviteGuests: boolean;
  canInviteEmployees: boolean;
  /** Only employees may list external organizations; guests never ask. */
  offerOrganizations: boolean;
  onInvited: (invitation: Invitation) => void;
}

const noOrganizations = () => Promise.resolve([]);

export function InviteForm({ workspaceId, canInviteGuests, canInviteEmployees, offerOrganizations, onInvited }: InviteFormProps) {
  const roles: MemberRole[] = [...(canInviteEmployees ? EMPLOYEE_ROLES : []), ...(canInviteGuests ? GUEST_ROLES : [])];
  // Inviting partners is what the extranet is for, so a guest is the usual choice.
  const [role, setRole] = useState<MemberRole>(canInviteGuests ? 'guest' : 'member');
  const organizations = useResource(offerOrganizations ? listExternalOrganizations : noOrganizations, 'organizations');
  const organizationOptions = [
    { value: '', label: 'None' },
    ...(organizations.data ?? []).map((organization) => ({ value: organization.id, label: organization.name })),
  ];
  const showOrganizations = isGuestRole(role) && organizations.error === null && (organizations.data ?? []).length > 0;
  // A message about a field that is not on screen goes to the top of the form instead.
  const { busy, errors, formRef, run } = useFormSubmit(showOrganizations ? fieldsWithOrganization : fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const day = readText(form, 'expiresAt');
    const expiresAt = day === '' ? null : endOfDayUtc(day);
    const organizationId = showOrganizations ? readText(form, 'externalOrganizationId') : '';
    const message = readText(form, 'message').trim();
    const input: NewInvitation = {
      email: readText(form, 'email').trim(),
      role,
      ...(expiresAt ? { expiresAt } : {}),
      ...(message ? { message } : {}),
      ...(organizationId ? { externalOrganizationId: organizationId } : {}),
    };
    const problems = requireFields({ email: input.email }, { email: 'Enter the e-mail address to invite.' });
    const badEmail = emailAddressError(input.email);
    if (badEmail) problems.email = badEmail;
    if (day !== '' && expiresAt === null) problems.expiresAt = 'Enter a valid date.';
    void run(async () => {
      onInvited(await createInvitation(workspaceId, input));
      formRef.current?.reset();
    }, problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField label="E-mail" name="email" type="email" autoComplete="off" required error={errors.fields.email} />
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(event) => setRole(event.target.value as MemberRole)}
        options={roles.map((value) => ({ value, label: memberRoleLabels[value] }))}
        hint="Managers and members are employees. Guests work with you here; viewers can only read and download."
        error={errors.fields.role}
      />
      <TextField
        label="Access ends"
        name="expiresAt"
        type="date"
        min={todayDayInput()}
        hint="Optional, for example when the contract ends; left empty, your organization’s default for guests applies, if it has one. Access ends at the end of the chosen day (UTC)."
        error={errors.fields.expiresAt}
      />
      {showOrganizations && (
        <SelectField
          label="External organization"
          name="externalOrganizationId"
          defaultValue=""
          options={organizationOptions}
          hint="The partner company this guest works for."
          error={errors.fields.externalOrganizationId}
        />
      )}
      <TextAreaField
        label="Personal message"
        name="message"
        rows={3}
        maxLength={LIMITS.message}
        hint="Optional. Included in the invitation e-mail."
        error={errors.fields.message}
      />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Send invitation
        </Button>
      </div>
    </form>
  );
}
