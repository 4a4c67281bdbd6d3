import { describe, expect, it } from 'vitest';
import {
  changeIn,
  changeOf,
  isCommentChange,
  itemsChangedIn,
  parseChange,
  parseUnread,
  reconnectDelayMs,
  resyncDelayMs,
} from './live-updates-messages';

describe('live update messages', () => {
  it('reads the unread count and refuses anything else', () => {
    expect(parseUnread('{"unread":3}')).toBe(3);
    expect(parseUnread('{"unread":0}')).toBe(0);
    expect(parseUnread('{"unread":-1}')).toBeNull();
    expect(parseUnread('{"unread":"3"}')).toBeNull();
    expect(parseUnread('not json')).toBeNull();
    expect(parseUnread('[1]')).toBeNull();
    expect(parseUnread(undefined)).toBeNull();
  });

  it('reads a change with or without its item', () => {
    expect(parseChange('{"workspaceId":"w","action":"document.uploaded","item":{"type":"document","id":"d"}}')).toEqual({
      workspaceId: 'w',
      action: 'document.uploaded',
      item: { type: 'document', id: 'd' },
    });
    expect(parseChange('{"workspaceId":"w","action":"trash.emptied","item":null}')?.item).toBeNull();
    expect(parseChange('{"workspaceId":"w","action":"x","item":{"type":"task"}}')?.item).toBeNull();
    expect(parseChange('{"action":"x"}')).toBeNull();
    expect(parseChange('{')).toBeNull();
  });

  it('matches changes by workspace, kind of item and item', () => {
    const change = { workspaceId: 'w', action: 'task.status_changed', item: { type: 'task', id: 't' } };
    expect(changeIn('w')(change)).toBe(true);
    expect(changeIn('other')(change)).toBe(false);
    expect(changeIn('w', ['document', 'folder'])(change)).toBe(false);
    expect(changeIn('w', ['task'])(change)).toBe(true);
    expect(changeIn('w', ['task'])({ ...change, item: null })).toBe(false);
    expect(changeOf('task', 't')(change)).toBe(true);
    expect(changeOf('task', 'u')(change)).toBe(false);
    expect(changeOf('note', 't')(change)).toBe(false);
  });

  it('tells comment changes from changes of the item itself', () => {
    const onTask = { workspaceId: 'w', item: { type: 'task', id: 't' } };
    expect(isCommentChange({ ...onTask, action: 'comment.created' })).toBe(true);
    expect(isCommentChange({ ...onTask, action: 'comment.updated' })).toBe(true);
    expect(isCommentChange({ ...onTask, action: 'comment.deleted' })).toBe(true);
    expect(isCommentChange({ ...onTask, action: 'task.updated' })).toBe(false);
    expect(isCommentChange({ ...onTask, action: 'task.comment' })).toBe(false);
    expect(isCommentChange({ ...onTask, action: 'comments' })).toBe(false);
    expect(itemsChangedIn('w', ['task'])({ ...onTask, action: 'task.updated' })).toBe(true);
    expect(itemsChangedIn('w', ['task'])({ ...onTask, action: 'comment.created' })).toBe(false);
    expect(itemsChangedIn('w', ['note'])({ ...onTask, action: 'task.updated' })).toBe(false);
    expect(itemsChangedIn('other', ['task'])({ ...onTask, action: 'task.updated' })).toBe(false);
  });

  it('spreads the reads after a resync over five seconds', () => {
    expect(resyncDelayMs(() => 0)).toBe(0);
    expect(resyncDelayMs(() => 0.5)).toBe(2_500);
    expect(resyncDelayMs(() => 0.9999)).toBe(4_999);
  });

  it('waits longer after each failure, up to a minute', () => {
    expect(reconnectDelayMs(0)).toBe(2_000);
    expect(reconnectDelayMs(1)).toBe(4_000);
    expect(reconnectDelayMs(20)).toBe(60_000);
  });
});
