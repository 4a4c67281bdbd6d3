import type { ActivityAction, ActivityStatus, ActivityVisibility } from '../../../shared/activities';
import type { NamedRef } from '../../lib/api-types';

export type { ActivityAction, ActivityStatus, ActivityVisibility };

export interface Activity {
  id: string;
  workspaceId: string;
  title: string;
  /** Markdown, rendered by the safe renderer only. */
  description: string;
  location: string;
  /** Instants in UTC. */
  startsAt: string;
  endsAt: string;
  /** The organizer's IANA time zone. */
  timeZone: string;
  /** The organizer's wall-clock times in `timeZone`, YYYY-MM-DDTHH:mm. */
  localStartsAt: string;
  localEndsAt: string;
  status: ActivityStatus;
  visibility: ActivityVisibility;
  attendees: NamedRef[];
  confirmedBy: NamedRef | null;
  confirmedAt: string | null;
  doneBy: NamedRef | null;
  doneAt: string | null;
  doneRemark: string | null;
  createdBy: NamedRef | null;
  updatedBy: NamedRef | null;
  createdAt: string;
  updatedAt: string;
  abilities: ActivityAction[];
}

/** An activity in "Planned activities": where it takes place in Foyer. */
export interface MyActivity extends Activity {
  workspace: NamedRef;
}
