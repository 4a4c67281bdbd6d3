import { useEffect, useId, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import type { NamedRef } from '../../../lib/api-types';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useResource } from '../../../lib/use-resource';
import { searchPeople } from '../api';
import { ACTION_PREFIXES, type AuditFilters, actionProblem } from '../query';

export interface AuditFiltersProps {
  filters: AuditFilters;
  /** The workspaces the reader may pick (all they belong to or govern). */
  workspaces: readonly NamedRef[];
  /** The name of the person filtered by, when known. */
  personName: string | null;
  onChange: (key: keyof AuditFilters, value: string) => void;
  onClear: () => void;
}

/** Narrows the log: each change goes to the page address at once (typed text after a pause). */
export function AuditFilterBar({ filters, workspaces, personName, onChange, onClear }: AuditFiltersProps) {
  const actionListId = useId();
  const [action, setAction] = useState(filters.action);
  const debouncedAction = useDebouncedValue(action, 400);
  const [personSearch, setPersonSearch] = useState('');
  const personQuery = useDebouncedValue(personSearch.trim(), 300);
  const people = useResource((signal) => searchPeople(personQuery, signal), personQuery);

  // Typed text reaches the address once typing pauses, and only when the server would accept it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new pause in typing applies the text
  useEffect(() => {
    if (debouncedAction.trim() !== filters.action && actionProblem(debouncedAction) === null) onChange('action', debouncedAction);
  }, [debouncedAction]);
  // The address changed from elsewhere (Clear, back button): show what it says.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the address only
  useEffect(() => {
    if (filters.action !== action.trim()) setAction(filters.action);
  }, [filters.action]);

  const personOptions = [{ value: '', label: 'Anyone' }];
  const found = people.data ?? [];
  if (filters.person && !found.some((person) => person.id === filters.person))
    personOptions.push({ value: filters.person, label: personName ?? 'The chosen person' });
  for (const person of found) personOptions.push({ value: person.id, label: `${person.name} (${person.email})` });

  const workspaceOptions = [{ value: '', label: 'All workspaces' }];
  if (filters.workspace && !workspaces.some((workspace) => workspace.id === filters.workspace))
    workspaceOptions.push({ value: filters.workspace, label: 'The chosen workspace' });
  for (const workspace of workspaces) workspaceOptions.push({ value: workspace.id, label: workspace.name });

  const hasFilters = Object.values(filters).some((value) => value !== '');

  return (
    <search className="filters audit-filters" aria-label="Filter the audit log">
      <fieldset className="fieldset audit-person">
        <legend className="field-label">Person</legend>
        <TextField
          label="Find a person"
          type="search"
          autoComplete="off"
          hint="By name or e-mail address; then choose below."
          value={personSearch}
          onChange={(event) => setPersonSearch(event.target.value)}
        />
        <SelectField
          label="Entries by"
          name="person"
          value={filters.person}
          options={personOptions}
          onChange={(event) => onChange('person', event.target.value)}
        />
      </fieldset>
      <SelectField
        label="Workspace"
        name="workspace"
        value={filters.workspace}
        options={workspaceOptions}
        onChange={(event) => onChange('workspace', event.target.value)}
      />
      <TextField
        label="Action"
        name="action"
        autoComplete="off"
        spellCheck={false}
        list={actionListId}
        hint="An action (member.removed), or its beginning (member.) for every action under it."
        value={action}
        error={actionProblem(action) ?? undefined}
        onChange={(event) => setAction(event.target.value)}
      />
      <datalist id={actionListId}>
        {ACTION_PREFIXES.map((prefix) => (
          <option key={prefix} value={prefix} />
        ))}
      </datalist>
      <TextField
        label="From"
        name="from"
        type="date"
        hint="From the start of this day."
        value={filters.from}
        max={filters.to || undefined}
        onChange={(event) => onChange('from', event.target.value)}
      />
      <TextField
        label="To"
        name="to"
        type="date"
        hint="Up to and including this day."
        value={filters.to}
        min={filters.from || undefined}
        onChange={(event) => onChange('to', event.target.value)}
      />
      {hasFilters && (
        <Button
          variant="quiet"
          onClick={() => {
            setAction('');
            setPersonSearch('');
            onClear();
          }}
        >
          Clear filters
        </Button>
      )}
    </search>
  );
}
