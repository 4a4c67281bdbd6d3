import type { FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { PasswordField } from '../../../components/ui/password-field';
import { TextField } from '../../../components/ui/text-field';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { passwordHint, passwordLengthError, requireFields } from '../../../lib/validate';

const fields = ['name', 'password'] as const;

export interface JoinFormProps {
  email: string;
  passwordMinLength: number;
  /** Resolves when done; refusals the page explains itself (404, 403, 409) must not throw. */
  onJoin: (account: { name: string; password: string }) => Promise<void>;
}

/** Sets up the invited person's account: the e-mail is fixed by the invitation. */
export function JoinForm({ email, passwordMinLength, onJoin }: JoinFormProps) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = { name: readText(form, 'name').trim(), password: readText(form, 'password') };
    const problems = requireFields(values, { name: 'Enter your name.', password: 'Choose a password.' });
    const tooShort = passwordLengthError(values.password, passwordMinLength);
    if (tooShort) problems.password = tooShort;
    void run(() => onJoin(values), problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      {/* Read-only, and there so password managers store the new password under the right address. */}
      <TextField label="E-mail" name="email" type="email" autoComplete="username" readOnly value={email} />
      <TextField label="Your name" name="name" autoComplete="name" required error={errors.fields.name} />
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
          Join workspace
        </Button>
      </div>
    </form>
  );
}
