import { type FormEvent, useId, useState } from 'react';
import { LIMITS } from '../../../../shared/workspaces';
import { Alert, FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { TextField } from '../../../components/ui/text-field';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import type { Topic } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { plural } from '../../../lib/format';
import { problemSummary } from '../../../lib/problem';
import { useConfirmedDelete } from '../../../lib/use-confirmed-delete';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { useResource } from '../../../lib/use-resource';
import { requireFields } from '../../../lib/validate';
import { listTopics } from '../../workspaces/api';
import { allows, createTopic, deleteTopic } from '../api';
import { TopicNameDialog } from './topic-name-dialog';

const byName = (a: Topic, b: Topic) => a.name.localeCompare(b.name);

/** Categories for workspaces ("Projects", "Equipment", "Contracts"). */
export function TopicsSection() {
  const headingId = useId();
  const topics = useResource(listTopics, 'topics');
  const list = topics.data ?? [];
  const { busy, errors, formRef, run } = useFormSubmit(['name']);
  const [status, setStatus] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<Topic | null>(null);
  const deletion = useConfirmedDelete<Topic>(
    (item) => deleteTopic(item.id),
    (item) => {
      topics.setData(list.filter((other) => other.id !== item.id));
      setStatus(`Topic “${item.name}” deleted.`);
    },
  );

  function handleAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = readText(form, 'name').trim();
    setStatus(null);
    void run(
      async () => {
        const created = await createTopic(name);
        topics.setData([...list, created].sort(byName));
        setStatus(`Topic “${created.name}” added.`);
        form.reset();
      },
      requireFields({ name }, { name: 'Enter a name for the topic.' }),
    );
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Topics</h2>
      <p className="section-description">Categories for workspaces, such as Projects, Equipment or Contracts.</p>
      <form ref={formRef} className="form" noValidate onSubmit={handleAdd}>
        <FormAlert messages={errors.form} />
        <TextField label="Topic name" name="name" autoComplete="off" maxLength={LIMITS.topicName} error={errors.fields.name} />
        <div className="actions">
          <Button type="submit" busy={busy}>
            Add topic
          </Button>
        </div>
      </form>
      <LiveStatus message={status} />
      {topics.error && <Alert tone="error">{problemSummary(topics.error.problem)}</Alert>}
      {topics.loading && topics.data === null ? (
        <p>Loading topics…</p>
      ) : list.length === 0 ? (
        !topics.error && <p className="empty">No topics yet.</p>
      ) : (
        <ul className="item-list" aria-label="Topics">
          {list.map((topic) => (
            <li key={topic.id} className="item-row">
              <span>
                <span className="item-title">{topic.name}</span>
                {topic.workspaceCount !== undefined && (
                  <span className="cell-note">{plural(topic.workspaceCount, 'workspace', 'workspaces')}</span>
                )}
              </span>
              <span className="row-actions">
                {allows(topic.abilities, 'update') && (
                  <Button onClick={() => setRenaming(topic)}>
                    Rename<VisuallyHidden> {topic.name}</VisuallyHidden>
                  </Button>
                )}
                {allows(topic.abilities, 'delete') && (
                  <Button variant="danger" onClick={() => deletion.ask(topic)}>
                    Delete<VisuallyHidden> {topic.name}</VisuallyHidden>
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <TopicNameDialog
        topic={renaming}
        onClose={() => setRenaming(null)}
        onRenamed={(renamed) => {
          topics.setData(list.map((topic) => (topic.id === renamed.id ? renamed : topic)).sort(byName));
          setRenaming(null);
          setStatus(`Topic renamed to “${renamed.name}”.`);
        }}
      />
      <ConfirmDialog
        open={deletion.target !== null}
        title={deletion.target ? `Delete topic “${deletion.target.name}”?` : 'Delete topic?'}
        confirmLabel="Delete topic"
        busy={deletion.busy}
        error={deletion.error}
        onConfirm={deletion.confirm}
        onCancel={deletion.cancel}
      >
        <p>
          {deletion.target?.workspaceCount
            ? `${plural(deletion.target.workspaceCount, 'workspace keeps', 'workspaces keep')} working, without a topic.`
            : 'No workspace uses this topic.'}
        </p>
      </ConfirmDialog>
    </section>
  );
}
