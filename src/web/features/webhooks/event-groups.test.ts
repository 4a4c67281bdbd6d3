import { describe, expect, it } from 'vitest';
import { eventsSummary, groupEventTypes, statusText } from './event-groups';

const types = [
  { type: 'workspace.created', description: 'A workspace was created' },
  { type: 'task.created', description: 'A task was created' },
  { type: 'task.updated', description: 'A task was changed' },
  { type: 'custom.thing', description: 'Something new' },
];

describe('webhook event types', () => {
  it('groups types by what they are about, in the order given', () => {
    expect(groupEventTypes(types).map((g) => [g.label, g.types.map((t) => t.type)])).toEqual([
      ['Workspaces', ['workspace.created']],
      ['Tasks', ['task.created', 'task.updated']],
      ['custom', ['custom.thing']],
    ]);
  });

  it('summarises the chosen events', () => {
    expect(eventsSummary([], types)).toBe('No events');
    expect(eventsSummary(['task.created'], types)).toBe('task.created');
    expect(
      eventsSummary(
        types.map((t) => t.type),
        types,
      ),
    ).toBe('Every event');
    expect(eventsSummary(['a', 'b', 'c', 'd', 'e'], types)).toBe('a, b and 3 more');
  });

  it('names a missing answer', () => {
    expect(statusText(null)).toBe('No answer');
    expect(statusText(503)).toBe('503');
  });
});
