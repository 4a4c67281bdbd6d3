import { Fragment } from 'react';
import { dateTimeGroups } from '../../lib/format';

/** A timestamp in the reader's locale and time zone that a narrow column breaks only between its day, year and time. */
export function DateTime({ iso }: { iso: string }) {
  const groups = dateTimeGroups(iso);
  if (!groups) return <>Never</>;
  return (
    <time dateTime={iso}>
      {groups.map((group, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one timestamp never reorder
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className="nowrap">{group}</span>
        </Fragment>
      ))}
    </time>
  );
}
