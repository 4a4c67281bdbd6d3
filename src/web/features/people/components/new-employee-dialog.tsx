import type { FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { PasswordField } from '../../../components/ui/password-field';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import type { User, UserRole } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { emailAddressError, passwordLengthError, requireFields } from '../../../lib/validate';
import { createEmployee } from '../api';
import { roleOptions } from '../labels';

const fields = ['name', 'email', 'password', 'role'] as const;

export interface NewEmployeeDialogProps {
  open: boolean;
  passwordMinLength: number;
  onClose: () => void;
  onCreated: (user: User) => void;
}

export function NewEmployeeDialog({ open, passwordMinLength, onClose, onCreated }: NewEmployeeDialogProps) {
  return (
    <Dialog open={open} title="New employee" onClose={onClose}>
      <NewEmployeeForm passwordMinLength={passwordMinLength} onCancel={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewEmployeeForm({
  passwordMinLength,
  onCancel,
  onCreated,
}: Omit<NewEmployeeDialogProps, 'open' | 'onClose'> & { onCancel: () => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = {
      name: readText(form, 'name').trim(),
      email: readText(form, 'email').trim(),
      password: readText(form, 'password'),
      role: (readText(form, 'role') || 'user') as UserRole,
    };
    const problems = requireFields(values, {
      name: 'Enter their name.',
      email: 'Enter their e-mail address.',
      password: 'Choose a temporary password.',
    });
    const badEmail = emailAddressError(values.email);
    if (badEmail) problems.email = badEmail;
    const tooShort = passwordLengthError(values.password, passwordMinLength);
    if (tooShort) problems.password = tooShort;
    void run(async () => onCreated(await createEmployee(values)), problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <p className="dialog-description">
        They sign in with their e-mail address and this temporary password, and can then choose their own on their profile.
      </p>
      <FormAlert messages={errors.form} />
      <TextField label="Name" name="name" autoComplete="off" required error={errors.fields.name} />
      <TextField label="E-mail" name="email" type="email" autoComplete="off" required error={errors.fields.email} />
      <PasswordField
        label="Temporary password"
        name="password"
        autoComplete="new-password"
        required
        hint={`At least ${passwordMinLength} characters. Give it to them in person or by another private channel.`}
        error={errors.fields.password}
      />
      <SelectField label="Role" name="role" defaultValue="user" options={roleOptions} error={errors.fields.role} />
      <div className="actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          Create employee
        </Button>
      </div>
    </form>
  );
}
