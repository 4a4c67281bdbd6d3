import { type FormEvent, useState } from 'react';
import { FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { requestPasswordReset } from '../api';

const fields = ['email'] as const;
// Always the same answer, so the page never reveals whether an address has an account.
const sentMessage = 'If an account exists for that address, we sent a link. It is valid for one hour.';

export function ForgotPasswordForm() {
  const { busy, errors, formRef, run } = useFormSubmit(fields);
  const [sent, setSent] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { email: readText(event.currentTarget, 'email').trim() };
    setSent(false);
    void run(
      async () => {
        await requestPasswordReset(values);
        setSent(true);
      },
      requireFields(values, { email: 'Enter your e-mail address.' }),
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <LiveStatus message={sent ? sentMessage : null} />
      <FormAlert messages={errors.form} />
      <TextField label="E-mail" name="email" type="email" autoComplete="email" required error={errors.fields.email} />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Send reset link
        </Button>
      </div>
    </form>
  );
}
