import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { CheckboxField } from '../../../components/ui/checkbox-field';
import { Dialog } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/text-field';
import { endOfDayUtc, todayDayInput } from '../../../lib/dates';
import { plural } from '../../../lib/format';

export interface ExtendDialogProps {
  open: boolean;
  /** How many memberships are selected. */
  count: number;
  busy: boolean;
  /** A problem with the whole request, shown in the dialog. */
  error: string | null;
  /** A problem with the date (the server's `/expiresAt`). */
  dateError: string | null;
  onClose: () => void;
  /** The new end (the last moment of the chosen day, UTC), or null for none; `day` is the picked day. */
  onExtend: (expiresAt: string | null, day: string | null) => void;
}

/** "Extend to…": one end date for every selected membership. */
export function ExtendDialog({ open, count, busy, error, dateError, onClose, onExtend }: ExtendDialogProps) {
  const [day, setDay] = useState('');
  const [noEnd, setNoEnd] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (noEnd) {
      onExtend(null, null);
      return;
    }
    const expiresAt = endOfDayUtc(day);
    if (expiresAt === null) {
      setLocalError('Choose the day access ends.');
      return;
    }
    setLocalError(null);
    onExtend(expiresAt, day);
  }

  return (
    <Dialog open={open} title={`Extend ${plural(count, 'membership', 'memberships')}`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="dialog-description">
          Sets one end date on every selected membership. Ended memberships come back; it can also shorten access.
        </p>
        <TextField
          label="Access ends"
          name="expiresAt"
          type="date"
          min={todayDayInput()}
          disabled={noEnd}
          hint="Access ends at the end of this day (UTC)."
          value={day}
          error={noEnd ? undefined : (localError ?? dateError ?? undefined)}
          onChange={(event) => setDay(event.target.value)}
        />
        <CheckboxField
          label="No end date"
          name="noEnd"
          hint="Only allowed when the extranet policy sets no maximum access period."
          checked={noEnd}
          error={noEnd ? (dateError ?? undefined) : undefined}
          onChange={(event) => setNoEnd(event.target.checked)}
        />
        {error && <Alert tone="error">{error}</Alert>}
        <div className="actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy}>
            Extend
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
