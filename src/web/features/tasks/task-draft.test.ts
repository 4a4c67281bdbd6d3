import { describe, expect, it } from 'vitest';
import { bothChanged, mergeDraft, withDraft } from './task-draft';
import type { Task } from './types';

const person = (id: string) => ({ id, name: id.toUpperCase() });
const item = (id: string, text: string, done = false) => ({ id, text, done, doneBy: null, doneAt: null });

function task(fields: Partial<Task>): Task {
  return {
    id: 't1',
    workspaceId: 'w1',
    title: 'Service the press',
    description: '',
    status: 'open',
    priority: 'normal',
    dueOn: null,
    visibility: 'shared',
    assignees: [],
    checklist: [],
    attachments: [],
    createdBy: null,
    updatedBy: null,
    completedBy: null,
    completedAt: null,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    abilities: [],
    ...fields,
  };
}

describe('a refused task edit, merged over the version someone else saved', () => {
  const base = task({ assignees: [person('ann'), person('bob')], checklist: [item('a', 'Oil'), item('b', 'Belts')] });

  it('keeps the checklist items someone else added, and drops only those the person removed', () => {
    const latest = task({ checklist: [item('a', 'Oil', true), item('b', 'Belts'), item('c', 'Theirs')] });
    const draft = { base, etag: '"1"', change: { checklist: [{ id: 'a', text: 'Oil and filter' }, { text: 'Mine' }] } };
    expect(mergeDraft(draft, latest).checklist).toEqual([
      { id: 'a', text: 'Oil and filter' },
      { id: 'c', text: 'Theirs' },
      { text: 'Mine' },
    ]);
    // The tick someone else made stays on the reworded item.
    expect(withDraft(latest, mergeDraft(draft, latest), new Map()).checklist[0]).toMatchObject({
      id: 'a',
      text: 'Oil and filter',
      done: true,
    });
    expect(bothChanged(draft, latest)).toEqual([]);
  });

  it('leaves an item someone else removed removed, unless the person reworded it', () => {
    const latest = task({ checklist: [item('b', 'Belts')] });
    const untouched = {
      base,
      etag: '"1"',
      change: {
        checklist: [
          { id: 'a', text: 'Oil' },
          { id: 'b', text: 'Belts and chains' },
        ],
      },
    };
    expect(mergeDraft(untouched, latest).checklist).toEqual([{ id: 'b', text: 'Belts and chains' }]);
    const reworded = {
      base,
      etag: '"1"',
      change: {
        checklist: [
          { id: 'a', text: 'Oil, twice' },
          { id: 'b', text: 'Belts' },
        ],
      },
    };
    expect(mergeDraft(reworded, latest).checklist).toEqual([{ id: 'b', text: 'Belts' }, { text: 'Oil, twice' }]);
    expect(bothChanged(reworded, latest)).toEqual([{ label: 'Checklist', value: '(removed)' }]);
  });

  it('names an item both reworded, with the other person’s words', () => {
    const latest = task({ checklist: [item('a', 'Oil (synthetic)'), item('b', 'Belts')] });
    const draft = {
      base,
      etag: '"1"',
      change: {
        checklist: [
          { id: 'a', text: 'Oil and filter' },
          { id: 'b', text: 'Belts' },
        ],
      },
    };
    expect(mergeDraft(draft, latest).checklist).toEqual([
      { id: 'a', text: 'Oil and filter' },
      { id: 'b', text: 'Belts' },
    ]);
    expect(bothChanged(draft, latest)).toEqual([{ label: 'Checklist', value: 'Oil (synthetic)' }]);
  });

  it('merges assignees: the person’s additions and removals over the other person’s', () => {
    const latest = task({ assignees: [person('ann'), person('bob'), person('cyd')] });
    const draft = { base, etag: '"1"', change: { assigneeIds: ['ann', 'dan'] } };
    expect(mergeDraft(draft, latest).assigneeIds).toEqual(['ann', 'cyd', 'dan']);
  });

  it('takes the person’s words for plain fields and names the ones both changed', () => {
    const latest = task({ title: 'Service press 3', description: 'Their notes', checklist: base.checklist, assignees: base.assignees });
    const draft = { base, etag: '"1"', change: { description: 'My notes' } };
    expect(mergeDraft(draft, latest)).toEqual({ description: 'My notes' });
    expect(withDraft(latest, mergeDraft(draft, latest), new Map()).title).toBe('Service press 3');
    expect(bothChanged(draft, latest)).toEqual([{ label: 'Description', value: 'Their notes' }]);
  });
});
