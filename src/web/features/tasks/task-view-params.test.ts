import { describe, expect, it } from 'vitest';
import { isFiltered, moveTargets, readTaskView, writeTaskView } from './task-view-params';

const read = (search: string) => readTaskView(new URLSearchParams(search));

describe('the tasks section’s address', () => {
  it('shows the list of open and in-progress tasks by due date when the address says nothing', () => {
    expect(read('')).toEqual({ view: 'list', statuses: ['open', 'in_progress'], assigneeId: '', sort: 'due' });
    expect(writeTaskView(new URLSearchParams(), read('')).toString()).toBe('');
  });

  it('keeps the board, the statuses, the assignee and the sort through a round trip', () => {
    const state = { view: 'board' as const, statuses: ['done' as const, 'open' as const], assigneeId: 'abc-123', sort: 'title' as const };
    const search = writeTaskView(new URLSearchParams(), state);
    expect(search.get('taskView')).toBe('board');
    expect(search.getAll('taskStatus')).toEqual(['open', 'done']);
    expect(read(search.toString())).toEqual({ ...state, statuses: ['open', 'done'] });
  });

  it('tells every status from none ticked', () => {
    const all = writeTaskView(new URLSearchParams(), { ...read(''), statuses: ['open', 'in_progress', 'done', 'cancelled'] });
    expect(all.getAll('taskStatus')).toEqual(['all']);
    expect(read(all.toString()).statuses).toEqual(['open', 'in_progress', 'done', 'cancelled']);
    const none = writeTaskView(new URLSearchParams(), { ...read(''), statuses: [] });
    expect(read(none.toString()).statuses).toEqual([]);
    expect(isFiltered(read(none.toString()))).toBe(true);
  });

  it('leaves the other sections’ parameters alone and replaces its own', () => {
    const next = writeTaskView(new URLSearchParams('folder=x&taskStatus=done&taskSort=title'), { ...read(''), view: 'board' });
    expect(next.toString()).toBe('folder=x&taskView=board');
  });

  it('ignores what a hand-edited link gets wrong instead of sending it to be refused', () => {
    expect(read('taskView=grid&taskStatus=closed&taskAssignee=../x&taskSort=priority')).toEqual(read(''));
    expect(read('taskStatus=closed&taskStatus=done').statuses).toEqual(['done']);
  });
});

describe('moving a task on the board', () => {
  it('offers every other status, and cancelling to employees only', () => {
    expect(moveTargets('open', true)).toEqual(['in_progress', 'done', 'cancelled']);
    expect(moveTargets('open', false)).toEqual(['in_progress', 'done']);
    expect(moveTargets('cancelled', false)).toEqual(['open', 'in_progress', 'done']);
  });
});
