import { describe, expect, it } from 'vitest';
import { mergeFirstPage, notificationFacts, notificationLabel, notificationSentence } from './describe';
import type { NotificationItem } from './types';

function item(id: string, createdAt: string, readAt: string | null = null): NotificationItem {
  return {
    id,
    kind: 'document_uploaded',
    title: `${id}.pdf`,
    workspace: { id: 'w1', name: 'Press line' },
    target: { type: 'document', id },
    actor: { id: 'u1', name: 'Tom' },
    createdAt,
    readAt,
    path: `/workspaces/w1/documents/${id}`,
    details: { action: 'document.uploaded' },
  };
}

describe('notification wording', () => {
  it('names who did it, or says someone when they are hidden', () => {
    expect(notificationSentence({ kind: 'document_uploaded', actor: { id: 'u', name: 'Tom' }, details: {} })).toBe(
      'Tom uploaded a document.',
    );
    expect(notificationSentence({ kind: 'task_assigned', actor: null, details: {} })).toBe('Someone assigned a task to you.');
  });

  it('tells a confirmation from a visit marked done', () => {
    const actor = { id: 'u', name: 'Ann' };
    expect(notificationSentence({ kind: 'activity_confirmed', actor, details: { action: 'activity.done' } })).toBe(
      'Ann marked an activity done.',
    );
    expect(notificationSentence({ kind: 'activity_confirmed', actor, details: { action: 'activity.confirmed' } })).toBe(
      'Ann confirmed an activity.',
    );
  });

  it('lists the facts it carries and labels unknown kinds readably', () => {
    const facts = notificationFacts({ dueOn: '2026-06-05', status: 'in_progress', remark: 'Bring the key' });
    expect(facts).toHaveLength(3);
    expect(facts[0]).toMatch(/^Due .*2026/);
    expect(facts[1]).toBe('Status: In progress');
    expect(facts[2]).toBe('“Bring the key”');
    expect(notificationFacts({})).toEqual([]);
    expect(notificationLabel('document_uploaded')).toBe('Document uploaded');
    expect(notificationLabel('something_new')).toBe('Something new');
  });
});

describe('merging a fresh first page', () => {
  it('puts new items on top, takes the server’s state, and keeps what was loaded further down', () => {
    const current = [item('c', '2026-01-03T00:00:00Z'), item('b', '2026-01-02T00:00:00Z'), item('a', '2026-01-01T00:00:00Z')];
    const fresh = [item('d', '2026-01-04T00:00:00Z'), item('c', '2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z')];
    const merged = mergeFirstPage(current, fresh);
    expect(merged.map((n) => n.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(merged[1]?.readAt).toBe('2026-01-05T00:00:00Z');
  });

  it('orders items of the same moment by id, as the server does', () => {
    const at = '2026-01-01T00:00:00Z';
    expect(mergeFirstPage([item('a', at)], [item('b', at)]).map((n) => n.id)).toEqual(['b', 'a']);
  });
});
