import type { FormEvent } from 'react';
import { checkItemName } from '../../../../shared/documents';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/text-field';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';

const fields = ['name'] as const;

export interface RenameDialogProps {
  open: boolean;
  currentName: string;
  onClose: () => void;
  /** Saves the new name; a thrown problem is shown in the dialog. */
  onRename: (name: string) => Promise<void>;
}

export function RenameDialog({ open, currentName, onClose, onRename }: RenameDialogProps) {
  return (
    <Dialog open={open} title={`Rename “${currentName}”`} onClose={onClose}>
      {open && <RenameForm currentName={currentName} onClose={onClose} onRename={onRename} />}
    </Dialog>
  );
}

function RenameForm({ currentName, onClose, onRename }: Omit<RenameDialogProps, 'open'>) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkItemName(readText(event.currentTarget, 'name'));
    const problems: Record<string, string> = {};
    if ('problem' in checked) problems.name = `The name ${checked.problem}.`;
    void run(async () => {
      if (!('name' in checked)) return;
      if (checked.name === currentName) return onClose();
      await onRename(checked.name);
    }, problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField label="New name" name="name" required autoComplete="off" defaultValue={currentName} error={errors.fields.name} />
      <div className="actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          Rename
        </Button>
      </div>
    </form>
  );
}
