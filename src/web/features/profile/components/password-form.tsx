import { type FormEvent, useState } from 'react';
import { FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { PasswordField } from '../../../components/ui/password-field';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { passwordHint, passwordLengthError, requireFields } from '../../../lib/validate';
import { changeMyPassword } from '../api';

const fields = ['currentPassword', 'newPassword'] as const;
const doneMessage = 'Your password has been changed. You have been signed out everywhere else.';

export function PasswordForm({ email, passwordMinLength }: { email: string; passwordMinLength: number }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);
  const [done, setDone] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = {
      currentPassword: readText(form, 'currentPassword'),
      newPassword: readText(form, 'newPassword'),
    };
    const problems = requireFields(values, {
      currentPassword: 'Enter your current password.',
      newPassword: 'Choose a new password.',
    });
    const tooShort = passwordLengthError(values.newPassword, passwordMinLength);
    if (tooShort) problems.newPassword = tooShort;
    setDone(false);
    void run(async () => {
      await changeMyPassword(values);
      form.reset();
      setDone(true);
    }, problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormAlert messages={errors.form} />
      <PasswordField
        label="Current password"
        name="currentPassword"
        autoComplete="current-password"
        required
        error={errors.fields.currentPassword}
      />
      <PasswordField
        label="New password"
        name="newPassword"
        autoComplete="new-password"
        required
        hint={passwordHint(passwordMinLength)}
        error={errors.fields.newPassword}
      />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Change password
        </Button>
      </div>
      <LiveStatus message={done ? doneMessage : null} />
    </form>
  );
}
