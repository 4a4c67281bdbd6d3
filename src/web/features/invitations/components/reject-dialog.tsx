import type { FormEvent } from 'react';
import { LIMITS } from '../../../../shared/workspaces';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { TextAreaField } from '../../../components/ui/text-area-field';
import type { Invitation } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { rejectInvitation } from '../api';

const fields = ['reason'] as const;

export interface RejectDialogProps {
  invitation: Invitation | null;
  onClose: () => void;
  onRejected: (invitation: Invitation) => void;
}

export function RejectDialog({ invitation, onClose, onRejected }: RejectDialogProps) {
  return (
    <Dialog
      open={invitation !== null}
      title={invitation ? `Reject the invitation for ${invitation.email}?` : 'Reject invitation?'}
      onClose={onClose}
    >
      {invitation && <RejectForm invitation={invitation} onCancel={onClose} onRejected={onRejected} />}
    </Dialog>
  );
}

function RejectForm({
  invitation,
  onCancel,
  onRejected,
}: {
  invitation: Invitation;
  onCancel: () => void;
  onRejected: (invitation: Invitation) => void;
}) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = readText(event.currentTarget, 'reason').trim();
    void run(
      async () => onRejected(await rejectInvitation(invitation, reason)),
      requireFields({ reason }, { reason: 'Say why, so the person who invited them knows.' }),
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <p className="dialog-description">No e-mail goes to {invitation.email}. The reason is shown with the invitation in its workspace.</p>
      <FormAlert messages={errors.form} />
      <TextAreaField label="Reason" name="reason" rows={3} required maxLength={LIMITS.reason} error={errors.fields.reason} />
      <div className="actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="danger" busy={busy}>
          Reject invitation
        </Button>
      </div>
    </form>
  );
}
