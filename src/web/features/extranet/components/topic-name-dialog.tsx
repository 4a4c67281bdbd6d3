import type { FormEvent } from 'react';
import { LIMITS } from '../../../../shared/workspaces';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/text-field';
import type { Topic } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { renameTopic } from '../api';

const fields = ['name'] as const;

export interface TopicNameDialogProps {
  topic: Topic | null;
  onClose: () => void;
  onRenamed: (topic: Topic) => void;
}

export function TopicNameDialog({ topic, onClose, onRenamed }: TopicNameDialogProps) {
  return (
    <Dialog open={topic !== null} title={topic ? `Rename “${topic.name}”` : 'Rename topic'} onClose={onClose}>
      {topic && <TopicNameForm topic={topic} onCancel={onClose} onRenamed={onRenamed} />}
    </Dialog>
  );
}

function TopicNameForm({ topic, onCancel, onRenamed }: { topic: Topic; onCancel: () => void; onRenamed: (topic: Topic) => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = readText(event.currentTarget, 'name').trim();
    void run(async () => onRenamed(await renameTopic(topic.id, name)), requireFields({ name }, { name: 'Enter a name.' }));
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField
        label="New name"
        name="name"
        autoComplete="off"
        required
        maxLength={LIMITS.topicName}
        defaultValue={topic.name}
        error={errors.fields.name}
      />
      <div className="actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          Rename
        </Button>
      </div>
    </form>
  );
}
