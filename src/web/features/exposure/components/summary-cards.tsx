import { plural } from '../../../lib/format';
import type { ExposureSummary } from '../api';

export type SummaryFilter = 'seats' | 'guests' | 'inactive' | 'ending' | 'pending' | 'expired';

export interface SummaryCardsProps {
  summary: ExposureSummary;
  /** Which card's filter the lists show now, if any. */
  current: SummaryFilter | null;
  onApply: (filter: SummaryFilter) => void;
}

/** The figures at a glance; each card is a button that shows the matching guests or invitations below. */
export function SummaryCards({ summary, current, onApply }: SummaryCardsProps) {
  const cards: Array<{ filter: SummaryFilter; figure: string; label: string; note: string }> = [
    {
      filter: 'seats',
      figure: summary.seats.limit === null ? String(summary.seats.used) : `${summary.seats.used} / ${summary.seats.limit}`,
      label: 'Guest seats used',
      note:
        summary.seats.limit === null
          ? 'No seat limit'
          : `${plural(Math.max(summary.seats.limit - summary.seats.used, 0), 'seat', 'seats')} left`,
    },
    { filter: 'guests', figure: String(summary.guests), label: 'Guests', note: 'Active or suspended' },
    {
      filter: 'pending',
      figure: String(summary.pendingInvitations),
      label: 'Pending invitations',
      note: 'Awaiting approval or sent',
    },
    { filter: 'expired', figure: String(summary.expiredInvitations), label: 'Expired invitations', note: 'Link ran out unused' },
    {
      filter: 'inactive',
      figure: String(summary.inactiveGuests),
      label: 'Inactive guests',
      note: `No sign-in for ${plural(summary.inactiveDays, 'day', 'days')}`,
    },
    {
      filter: 'ending',
      figure: String(summary.endingSoon),
      label: 'Memberships ending soon',
      note: `Within ${plural(summary.endingWithinDays, 'day', 'days')}`,
    },
  ];
  return (
    <ul className="exposure-cards" aria-label="Summary">
      {cards.map((card) => (
        <li key={card.filter}>
          <button type="button" className="exposure-card" aria-pressed={current === card.filter} onClick={() => onApply(card.filter)}>
            {/* Spaces between the parts, so the button's accessible name reads "12 Guests Active or suspended". */}
            <span className="exposure-figure">{card.figure}</span> <span className="exposure-label">{card.label}</span>{' '}
            <span className="exposure-note">{card.note}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
