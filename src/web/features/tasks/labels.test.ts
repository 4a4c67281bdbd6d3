import { describe, expect, it } from 'vitest';
import { checklistProgress, isOverdue, localToday } from './labels';

describe('task labels', () => {
  it('reads today in the reader’s own time zone', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(localToday(new Date(2026, 11, 31, 0, 5))).toBe('2026-12-31');
  });

  it('calls a task overdue only when its day has passed and it is still to be done', () => {
    expect(isOverdue({ dueOn: '2026-03-01', status: 'open' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ dueOn: '2026-03-02', status: 'in_progress' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ dueOn: '2026-03-01', status: 'done' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ dueOn: null, status: 'open' }, '2026-03-02')).toBe(false);
  });

  it('counts ticked checklist items', () => {
    expect(checklistProgress({ checklist: [] })).toBeNull();
    const item = (done: boolean) => ({ id: 'x', text: 't', done, doneBy: null, doneAt: null });
    expect(checklistProgress({ checklist: [item(true), item(false), item(true)] })).toBe('2 of 3 done');
  });
});
