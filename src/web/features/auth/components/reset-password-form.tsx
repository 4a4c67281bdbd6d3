import type { FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { PasswordField } from '../../../components/ui/password-field';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { passwordHint, passwordLengthError, requireFields } from '../../../lib/validate';
import { resetPassword } from '../api';

// The token is not a field here, so its errors (expired, used) show at the top of the form.
const fields = ['password'] as const;

export interface ResetPasswordFormProps {
  token: string;
  passwordMinLength: number;
  onDone: () => void;
}

export function ResetPasswordForm({ token, passwordMinLength, onDone }: ResetPasswordFormProps) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = readText(event.currentTarget, 'password');
    const problems = requireFields({ password }, { password: 'Enter a new password.' });
    const tooShort = passwordLengthError(password, passwordMinLength);
    if (tooShort) problems.password = tooShort;
    void run(async () => {
      await resetPassword({ token, password });
      onDone();
    }, problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <PasswordField
        label="New password"
        name="password"
        autoComplete="new-password"
        required
        hint={passwordHint(passwordMinLength)}
        error={errors.fields.password}
      />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Set new password
        </Button>
      </div>
    </form>
  );
}
