import { useId } from 'react';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import type { User } from '../../../lib/api-types';
import { carriesExtranetFlags } from './extranet-flags';
import { PersonRow } from './person-row';

export interface PeopleTableProps {
  people: readonly User[];
  onChanged: (person: User, message: string) => void;
  onFailed: (message: string) => void;
}

export function PeopleTable({ people, onChanged, onFailed }: PeopleTableProps) {
  const captionId = useId();
  const showExtranet = people.some(carriesExtranetFlags);
  return (
    // Wide tables scroll sideways on a phone; the region can take focus so keyboards can scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId} className="visually-hidden">
          People in your organization
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Type</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            {showExtranet && <th scope="col">Extranet</th>}
            <th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <PersonRow key={person.id} person={person} showExtranet={showExtranet} onChanged={onChanged} onFailed={onFailed} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
