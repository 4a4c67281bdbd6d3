import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import type { Topic, WorkspaceStatus } from '../../../lib/api-types';

/** "all" leaves the status out of the query, which lists both. */
export type StatusFilter = WorkspaceStatus | 'all';

export interface WorkspaceFiltersProps {
  search: string;
  status: StatusFilter;
  topicId: string;
  topics: readonly Topic[] | null;
  onSearch: (value: string) => void;
  onStatus: (value: StatusFilter) => void;
  onTopic: (value: string) => void;
}

const statusOptions = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
];

export function WorkspaceFilters({ search, status, topicId, topics, onSearch, onStatus, onTopic }: WorkspaceFiltersProps) {
  const topicOptions = [{ value: '', label: 'All topics' }, ...(topics ?? []).map((topic) => ({ value: topic.id, label: topic.name }))];
  return (
    <search className="filters">
      <TextField
        className="filter-search"
        label="Search workspaces"
        type="search"
        name="q"
        autoComplete="off"
        value={search}
        onChange={(event) => onSearch(event.target.value)}
      />
      <SelectField
        label="Status"
        name="status"
        value={status}
        options={statusOptions}
        onChange={(event) => onStatus(event.target.value as StatusFilter)}
      />
      {topics !== null && topics.length > 0 && (
        <SelectField
          label="Topic"
          name="topicId"
          value={topicId}
          options={topicOptions}
          onChange={(event) => onTopic(event.target.value)}
        />
      )}
    </search>
  );
}
