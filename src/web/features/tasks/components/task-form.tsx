import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { TASK_LIMITS, TASK_PRIORITIES, TASK_VISIBILITIES } from '../../../../shared/tasks';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { FieldError } from '../../../components/ui/field-parts';
import { SelectField } from '../../../components/ui/select-field';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { ApiError, toApiError } from '../../../lib/api-client';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { MemberPicker, type PickableMembers } from '../../members/components/member-choices';
import type { NewTask, TaskChange } from '../api';
import { priorityLabels, visibilityHints, visibilityLabels } from '../labels';
import type { Task, TaskPriority, TaskVisibility } from '../types';
import { assignable } from '../use-members';

const fields = ['title', 'description', 'priority', 'dueOn', 'visibility', 'assigneeIds', 'checklist'] as const;

interface ChecklistRow {
  key: number;
  /** Present for items the task already has: they keep their ticks. */
  id?: string;
  text: string;
  done: boolean;
}

export type TaskFormMembers = PickableMembers;

interface TaskFormBase {
  members: TaskFormMembers;
  /** Employees choose shared or internal; guests' tasks are always shared. */
  canChooseVisibility: boolean;
  onCancel: () => void;
}

export type TaskFormProps = TaskFormBase &
  (
    | { mode: 'create'; task?: undefined; onSubmit: (input: NewTask) => Promise<void> }
    | { mode: 'edit'; task: Task; onSubmit: (change: TaskChange) => Promise<void> }
  );

const priorityOptions = TASK_PRIORITIES.map((value) => ({ value, label: priorityLabels[value] }));
const visibilityOptions = TASK_VISIBILITIES.map((value) => ({ value, label: visibilityLabels[value] }));

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** The new-task form and the edit form: title, description, priority, due date, visibility, assignees, checklist. */
export function TaskForm(props: TaskFormProps) {
  const { task, members, canChooseVisibility, onCancel } = props;
  const form = useFormSubmit(fields);
  const checklistRefs = useRef(new Map<number, HTMLInputElement>());
  const nextKey = useRef(0);
  const assigneesId = useId();
  const checklistId = useId();
  const [title, setTitle] = useState(task?.title ?? '');
  const [description, setDescription] = useState(task?.description ?? '');
  const [priority, setPriority] = useState<TaskPriority>(task?.priority ?? 'normal');
  const [dueOn, setDueOn] = useState(task?.dueOn ?? '');
  const [visibility, setVisibility] = useState<TaskVisibility>(task?.visibility ?? 'shared');
  const [selected, setSelected] = useState<string[]>(task?.assignees.map((person) => person.id) ?? []);
  const [checklist, setChecklist] = useState<ChecklistRow[]>(() =>
    (task?.checklist ?? []).map((item) => ({ key: nextKey.current++, id: item.id, text: item.text, done: item.done })),
  );
  const [focusKey, setFocusKey] = useState<number | null>(null);

  useEffect(() => {
    form.formRef.current?.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
  }, [form.formRef]);

  useEffect(() => {
    if (focusKey !== null) checklistRefs.current.get(focusKey)?.focus();
  }, [focusKey]);

  const eligible = members.list ? assignable(members.list, visibility) : null;
  const eligibleIds = new Set(eligible?.map((member) => member.user.id));
  const names = new Map<string, string>([
    ...(task?.assignees.map((person) => [person.id, person.name] as const) ?? []),
    ...(members.list?.map((member) => [member.user.id, member.user.name] as const) ?? []),
  ]);
  // Chosen people who cannot be assigned (a guest on an internal task, someone who left): they are dropped on saving.
  const dropped = eligible ? selected.filter((id) => !eligibleIds.has(id)) : [];

  function toggle(id: string, checked: boolean) {
    setSelected((current) => (checked ? [...current.filter((value) => value !== id), id] : current.filter((value) => value !== id)));
  }

  function addItem() {
    const key = nextKey.current++;
    setChecklist((rows) => [...rows, { key, text: '', done: false }]);
    setFocusKey(key);
  }

  function removeItem(index: number) {
    setChecklist((rows) => rows.filter((_, i) => i !== index));
    // Keep the keyboard near where it was: the next row, the previous one, or the add button.
    const neighbour = checklist[index + 1] ?? checklist[index - 1];
    setFocusKey(neighbour ? neighbour.key : null);
    if (!neighbour) form.formRef.current?.querySelector<HTMLButtonElement>('[data-add-item]')?.focus();
  }

  /** Problems on one assignee or one checklist item are shown on the group, naming which one. */
  function placeProblems(error: unknown, assigneeIds: readonly string[]): never {
    const apiError = toApiError(error);
    const errors = apiError.problem.errors.map((problem) => {
      const assignee = /^\/assigneeIds\/(\d+)$/.exec(problem.path);
      if (assignee) {
        const name = names.get(assigneeIds[Number(assignee[1])] ?? '') ?? 'Someone chosen';
        return { path: '/assigneeIds', message: `${name} ${problem.message}.` };
      }
      const item = /^\/checklist\/(\d+)/.exec(problem.path);
      if (item) return { path: '/checklist', message: `Item ${Number(item[1]) + 1} ${problem.message}.` };
      return problem;
    });
    throw new ApiError({ ...apiError.problem, errors });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedTitle = title.trim();
    const clientErrors: Record<string, string> = {};
    if (trimmedTitle === '') clientErrors.title = 'Enter a title.';
    const items = checklist.map((row) => ({ ...row, text: row.text.trim() })).filter((row) => row.text !== '');
    const assigneeIds = eligible ? selected.filter((id) => eligibleIds.has(id)) : selected;
    const due = dueOn === '' ? null : dueOn;

    await form.run(async () => {
      try {
        if (props.mode === 'create') {
          await props.onSubmit({
            title: trimmedTitle,
            description,
            priority,
            dueOn: due,
            ...(canChooseVisibility ? { visibility } : {}),
            ...(eligible ? { assigneeIds } : {}),
            checklist: items.map((row) => ({ text: row.text })),
          });
          return;
        }
        const before = props.task;
        const change: TaskChange = {};
        if (trimmedTitle !== before.title) change.title = trimmedTitle;
        if (description !== before.description) change.description = description;
        if (priority !== before.priority) change.priority = priority;
        if (due !== before.dueOn) change.dueOn = due;
        if (canChooseVisibility && visibility !== before.visibility) change.visibility = visibility;
        const beforeIds = before.assignees.map((person) => person.id);
        const sameAssignees = sameIds([...assigneeIds].sort(), [...beforeIds].sort());
        if (eligible && (!sameAssignees || change.visibility !== undefined)) change.assigneeIds = assigneeIds;
        const beforeItems = before.checklist.map((item) => `${item.id}\n${item.text}`);
        const afterItems = items.map((row) => `${row.id ?? ''}\n${row.text}`);
        if (!sameIds(beforeItems, afterItems))
          change.checklist = items.map((row) => (row.id ? { id: row.id, text: row.text } : { text: row.text }));
        await props.onSubmit(change);
      } catch (error) {
        placeProblems(error, assigneeIds);
      }
    }, clientErrors);
  }

  return (
    <form ref={form.formRef} className="form form-wide task-form" noValidate onSubmit={submit}>
      <FormAlert messages={form.errors.form} />
      <TextField
        label="Title"
        name="title"
        required
        maxLength={TASK_LIMITS.title}
        autoComplete="off"
        value={title}
        error={form.errors.fields.title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextAreaField
        label="Description"
        name="description"
        hint="Markdown: # heading, - list item, **bold**, [link text](https://…). HTML is shown as text; images are shown as links."
        rows={5}
        maxLength={TASK_LIMITS.description}
        value={description}
        error={form.errors.fields.description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <div className="task-form-row">
        <SelectField
          label="Priority"
          name="priority"
          value={priority}
          options={priorityOptions}
          error={form.errors.fields.priority}
          onChange={(event) => setPriority(event.target.value as TaskPriority)}
        />
        <TextField
          label="Due date"
          name="dueOn"
          type="date"
          hint="Optional."
          value={dueOn}
          error={form.errors.fields.dueOn}
          onChange={(event) => setDueOn(event.target.value)}
        />
      </div>
      {canChooseVisibility && (
        <SelectField
          label="Visibility"
          name="visibility"
          hint={visibilityHints[visibility]}
          value={visibility}
          options={visibilityOptions}
          error={form.errors.fields.visibility}
          onChange={(event) => setVisibility(event.target.value as TaskVisibility)}
        />
      )}

      <fieldset
        className="form-group task-assignees"
        aria-describedby={form.errors.fields.assigneeIds ? `${assigneesId}-error` : undefined}
      >
        <legend className="form-group-title">Assignees</legend>
        <MemberPicker
          members={members}
          eligible={eligible}
          cannotSee={
            task && task.assignees.length > 0
              ? `Assigned to ${task.assignees.map((person) => person.name).join(', ')}. You cannot see this workspace’s members, so you cannot change who is assigned.`
              : 'You cannot see this workspace’s members, so you cannot assign anyone.'
          }
          nobody={visibility === 'internal' ? 'No employee is a member of this workspace yet.' : 'Nobody can be assigned yet.'}
          {...(visibility === 'internal' ? { hint: 'Only employees can be assigned to an internal task.' } : {})}
          idPrefix={assigneesId}
          selected={selected}
          onToggle={toggle}
        />
        {dropped.length > 0 && (
          <p className="field-hint">
            Will be unassigned on saving, because they cannot be assigned to this task:{' '}
            {dropped.map((id) => names.get(id) ?? 'someone').join(', ')}.
          </p>
        )}
        <FieldError id={`${assigneesId}-error`} message={form.errors.fields.assigneeIds} />
      </fieldset>

      <fieldset className="form-group task-checklist-editor">
        <legend className="form-group-title">Checklist</legend>
        {checklist.length === 0 ? (
          <p className="field-hint">No items. Add steps the assignees can tick off.</p>
        ) : (
          <ol className="task-checklist-rows">
            {checklist.map((row, index) => (
              <li key={row.key} className="task-checklist-row">
                <label htmlFor={`${checklistId}-${row.key}`} className="visually-hidden">
                  Checklist item {index + 1}
                </label>
                <input
                  id={`${checklistId}-${row.key}`}
                  ref={(element) => {
                    if (element) checklistRefs.current.set(row.key, element);
                    else checklistRefs.current.delete(row.key);
                  }}
                  className="input"
                  maxLength={TASK_LIMITS.checklistText}
                  autoComplete="off"
                  value={row.text}
                  onChange={(event) =>
                    setChecklist((rows) => rows.map((r) => (r.key === row.key ? { ...r, text: event.target.value } : r)))
                  }
                  onKeyDown={(event) => {
                    // Enter adds the next item instead of sending the whole form.
                    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
                      event.preventDefault();
                      addItem();
                    }
                  }}
                />
                {row.done && <span className="task-checklist-done">Done</span>}
                <Button variant="quiet" onClick={() => removeItem(index)}>
                  Remove<VisuallyHidden> item {index + 1}</VisuallyHidden>
                </Button>
              </li>
            ))}
          </ol>
        )}
        {checklist.length < TASK_LIMITS.checklistItems && (
          <div>
            <Button data-add-item onClick={addItem}>
              Add checklist item
            </Button>
          </div>
        )}
        <FieldError id={`${checklistId}-error`} message={form.errors.fields.checklist} />
      </fieldset>

      <div className="actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {props.mode === 'create' ? 'Create task' : 'Save changes'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
