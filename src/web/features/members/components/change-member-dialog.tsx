import type { FormEvent } from 'react';
import { EMPLOYEE_ROLES, GUEST_ROLES, isGuestRole } from '../../../../shared/workspaces';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import type { MemberRole } from '../../../lib/api-types';
import { endOfDayUtc, toDayInput, todayDayInput } from '../../../lib/dates';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { memberRoleLabels } from '../../workspaces/labels';
import { type MemberChange, type MemberRow, updateMember } from '../api';

const fields = ['role', 'expiresAt'] as const;

export interface ChangeMemberDialogProps {
  workspaceId: string;
  member: MemberRow | null;
  onClose: () => void;
  onChanged: (member: MemberRow) => void;
}

export function ChangeMemberDialog({ workspaceId, member, onClose, onChanged }: ChangeMemberDialogProps) {
  return (
    <Dialog open={member !== null} title={member ? `Change access for ${member.user.name}` : 'Change access'} onClose={onClose}>
      {member && <ChangeMemberForm workspaceId={workspaceId} member={member} onCancel={onClose} onChanged={onChanged} />}
    </Dialog>
  );
}

function ChangeMemberForm({
  workspaceId,
  member,
  onCancel,
  onChanged,
}: {
  workspaceId: string;
  member: MemberRow;
  onCancel: () => void;
  onChanged: (member: MemberRow) => void;
}) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);
  // Employees stay employees and guests stay guests; only the role within each side changes.
  const roles = isGuestRole(member.role) ? GUEST_ROLES : EMPLOYEE_ROLES;
  const roleOptions = roles.map((role) => ({ value: role, label: memberRoleLabels[role] }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const role = readText(form, 'role') as MemberRole;
    const day = readText(form, 'expiresAt');
    const expiresAt = day === '' ? null : endOfDayUtc(day);
    const change: MemberChange = {};
    if (role !== member.role) change.role = role;
    if (day !== toDayInput(member.expiresAt)) change.expiresAt = expiresAt;
    const problems: Record<string, string> = {};
    if (day !== '' && expiresAt === null) problems.expiresAt = 'Enter a valid date.';
    void run(async () => {
      if (Object.keys(change).length === 0) return onCancel();
      onChanged(await updateMember(workspaceId, member.user.id, change));
    }, problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <SelectField label="Role" name="role" defaultValue={member.role} options={roleOptions} error={errors.fields.role} />
      <TextField
        label="Access ends"
        name="expiresAt"
        type="date"
        min={todayDayInput()}
        defaultValue={toDayInput(member.expiresAt)}
        hint="Access ends at the end of this day (UTC). Leave empty for no end date."
        error={errors.fields.expiresAt}
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
