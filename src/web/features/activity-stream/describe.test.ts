import { describe, expect, it } from 'vitest';
import { describeAction, targetHref } from './describe';

describe('stream wording', () => {
  it('phrases known actions and falls back for new ones', () => {
    expect(describeAction('comment.created')).toBe('commented on');
    expect(describeAction('member.joined')).toBe('joined the workspace');
    expect(describeAction('something.new')).toBe('changed');
  });

  it('links each kind of item to its page, escaping ids', () => {
    expect(targetHref('w 1', { type: 'activity', id: 'a/b', title: 'Visit' })).toBe('/workspaces/w%201/activities/a%2Fb');
    expect(targetHref('w', { type: 'folder', id: 'f', title: 'Docs' })).toBe('/workspaces/w/folders/f');
  });
});
