import { Button } from '../../../components/ui/button';
import type { TaskStatus } from '../types';

interface Move {
  to: TaskStatus;
  label: string;
  variant: 'primary' | 'secondary' | 'danger';
}

/** What one can do next from each status; cancelling is for employees. */
export function statusMoves(status: TaskStatus, isEmployee: boolean): Move[] {
  const cancel: Move[] = isEmployee ? [{ to: 'cancelled', label: 'Cancel task', variant: 'danger' }] : [];
  switch (status) {
    case 'open':
      return [
        { to: 'in_progress', label: 'Start', variant: 'secondary' },
        { to: 'done', label: 'Mark done', variant: 'primary' },
        ...cancel,
      ];
    case 'in_progress':
      return [
        { to: 'done', label: 'Mark done', variant: 'primary' },
        { to: 'open', label: 'Back to open', variant: 'secondary' },
        ...cancel,
      ];
    case 'done':
    case 'cancelled':
      return [{ to: 'open', label: 'Reopen', variant: 'secondary' }];
  }
}

export interface TaskStatusActionsProps {
  status: TaskStatus;
  isEmployee: boolean;
  /** The status being saved, if any. */
  pending: TaskStatus | null;
  onChange: (to: TaskStatus) => void;
}

export function TaskStatusActions({ status, isEmployee, pending, onChange }: TaskStatusActionsProps) {
  return (
    <div className="actions">
      {statusMoves(status, isEmployee).map((move) => (
        <Button key={move.to} variant={move.variant} busy={pending !== null} onClick={() => onChange(move.to)}>
          {move.label}
        </Button>
      ))}
    </div>
  );
}
