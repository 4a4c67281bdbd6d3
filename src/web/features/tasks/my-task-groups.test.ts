import { describe, expect, it } from 'vitest';
import { groupCount, groupMyTasks } from './my-task-groups';
import type { DueGroup } from './types';

const task = (id: string, group: DueGroup) => ({ id, group });

describe('My tasks in groups, page by page', () => {
  it('keeps the groups in order, leaves out empty ones, and calls them complete when nothing more waits', () => {
    const groups = groupMyTasks([task('a', 'overdue'), task('b', 'overdue'), task('c', 'later'), task('d', 'no_date')], false);
    expect(groups.map((entry) => [entry.group, entry.tasks.map((t) => t.id), entry.complete])).toEqual([
      ['overdue', ['a', 'b'], true],
      ['later', ['c'], true],
      ['no_date', ['d'], true],
    ]);
    expect(groups.map(groupCount)).toEqual(['(2)', '(1)', '(1)']);
  });

  it('marks only the last group shown as still filling while more pages wait', () => {
    const first = groupMyTasks([task('a', 'overdue'), task('b', 'this_week'), task('c', 'this_week')], true);
    expect(first.map((entry) => [entry.group, entry.complete])).toEqual([
      ['overdue', true],
      ['this_week', false],
    ]);
    expect(first.map(groupCount)).toEqual(['(1)', '(2 so far)']);

    // The next page continues the same group and reaches the later ones.
    const both = groupMyTasks(
      [task('a', 'overdue'), task('b', 'this_week'), task('c', 'this_week'), task('d', 'this_week'), task('e', 'no_date')],
      false,
    );
    expect(both.map((entry) => [entry.group, entry.tasks.length, entry.complete])).toEqual([
      ['overdue', 1, true],
      ['this_week', 3, true],
      ['no_date', 1, true],
    ]);
  });

  it('has no groups for no tasks', () => {
    expect(groupMyTasks([], true)).toEqual([]);
    expect(groupMyTasks([], false)).toEqual([]);
  });
});
