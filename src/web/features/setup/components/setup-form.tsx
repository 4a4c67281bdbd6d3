import type { FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { PasswordField } from '../../../components/ui/password-field';
import { TextField } from '../../../components/ui/text-field';
import type { User } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { passwordHint, passwordLengthError, requireFields } from '../../../lib/validate';
import { completeSetup } from '../api';

const fields = ['organizationName', 'name', 'email', 'password'] as const;

export interface SetupFormProps {
  token: string;
  passwordMinLength: number;
  onDone: (user: User, organizationName: string) => void;
}

export function SetupForm({ token, passwordMinLength, onDone }: SetupFormProps) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = {
      organizationName: readText(form, 'organizationName').trim(),
      name: readText(form, 'name').trim(),
      email: readText(form, 'email').trim(),
      password: readText(form, 'password'),
    };
    const problems = requireFields(values, {
      organizationName: 'Enter the name of your organization.',
      name: 'Enter your name.',
      email: 'Enter your e-mail address.',
      password: 'Choose a password.',
    });
    const tooShort = passwordLengthError(values.password, passwordMinLength);
    if (tooShort) problems.password = tooShort;
    void run(async () => {
      const user = await completeSetup({ token, ...values });
      onDone(user, values.organizationName);
    }, problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField
        label="Organization name"
        name="organizationName"
        autoComplete="organization"
        required
        hint="Shown to everyone who signs in. You can change it later."
        error={errors.fields.organizationName}
      />
      <TextField label="Your name" name="name" autoComplete="name" required error={errors.fields.name} />
      <TextField label="E-mail" name="email" type="email" autoComplete="username" required error={errors.fields.email} />
      <PasswordField
        label="Password"
        name="password"
        autoComplete="new-password"
        required
        hint={passwordHint(passwordMinLength)}
        error={errors.fields.password}
      />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Create administrator
        </Button>
      </div>
    </form>
  );
}
