import type { FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { PasswordField } from '../../../components/ui/password-field';
import { TextField } from '../../../components/ui/text-field';
import type { User } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { signIn } from '../api';

const fields = ['email', 'password'] as const;

export function SignInForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = { email: readText(form, 'email').trim(), password: readText(form, 'password') };
    const missing = requireFields(values, {
      email: 'Enter your e-mail address.',
      password: 'Enter your password.',
    });
    void run(async () => onSignedIn(await signIn(values)), missing);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField label="E-mail" name="email" type="email" autoComplete="username" required error={errors.fields.email} />
      <PasswordField label="Password" name="password" autoComplete="current-password" required error={errors.fields.password} />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Sign in
        </Button>
      </div>
    </form>
  );
}
