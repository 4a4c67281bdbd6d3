import { type FormEvent, useState } from 'react';
import { Alert, FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { PasswordField } from '../../../components/ui/password-field';
import { TextField } from '../../../components/ui/text-field';
import { toApiError } from '../../../lib/api-client';
import type { User } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { isExtranetClosed } from '../../../lib/problem';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { signIn } from '../api';

const fields = ['email', 'password'] as const;

export function SignInForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);
  // A guest refused because the extranet is switched off: the server's message says so.
  const [closed, setClosed] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = { email: readText(form, 'email').trim(), password: readText(form, 'password') };
    const missing = requireFields(values, {
      email: 'Enter your e-mail address.',
      password: 'Enter your password.',
    });
    setClosed(null);
    void run(async () => {
      try {
        onSignedIn(await signIn(values));
      } catch (error) {
        const { problem } = toApiError(error);
        if (!isExtranetClosed(problem)) throw error;
        setClosed(problem.detail ?? problem.title);
      }
    }, missing);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      {closed && <Alert tone="error">{closed}</Alert>}
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
