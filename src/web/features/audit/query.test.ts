import { describe, expect, it } from 'vitest';
import {
  actionProblem,
  auditDownloadPath,
  auditListPath,
  emptyFilters,
  filtersFromSearch,
  filtersKey,
  localMidnight,
  withFilter,
} from './query';

const at = (year: number, month: number, day: number) => new Date(year, month - 1, day).toISOString();

describe('audit filters to API addresses', () => {
  it('sends nothing but the page size without filters', () => {
    expect(auditListPath(emptyFilters, null, 50)).toBe('/api/v1/audit?limit=50');
  });

  it('names people and workspaces by id, and turns days into the reader’s midnights (to: the end of that day)', () => {
    const path = auditListPath({ person: 'u1', workspace: 'w1', action: 'member.', from: '2026-03-01', to: '2026-03-31' }, 'next-page', 25);
    const params = new URL(path, 'http://x').searchParams;
    expect(params.get('actorId')).toBe('u1');
    expect(params.get('workspaceId')).toBe('w1');
    expect(params.get('action')).toBe('member.');
    expect(params.get('from')).toBe(at(2026, 3, 1));
    expect(params.get('to')).toBe(at(2026, 4, 1));
    expect(params.get('limit')).toBe('25');
    expect(params.get('cursor')).toBe('next-page');
  });

  it('builds the downloads from the same filters, without paging', () => {
    const filters = { ...emptyFilters, action: 'auth.', workspace: 'w 1' };
    expect(auditDownloadPath(filters, 'csv')).toBe('/api/v1/audit?workspaceId=w+1&action=auth.&format=csv');
    expect(auditDownloadPath(filters, 'json')).toBe('/api/v1/audit?workspaceId=w+1&action=auth.&format=json');
  });

  it('leaves out an action the server would refuse, and says why', () => {
    expect(actionProblem('Member.Removed')).toMatch(/lower-case/);
    expect(actionProblem('member removed')).toMatch(/lower-case/);
    expect(actionProblem('invitation.*')).toBeNull();
    expect(actionProblem('')).toBeNull();
    expect(auditListPath({ ...emptyFilters, action: 'DROP TABLE' }, null, 50)).toBe('/api/v1/audit?limit=50');
  });

  it('refuses days that do not exist', () => {
    expect(localMidnight('2026-02-30')).toBeNull();
    expect(localMidnight('yesterday')).toBeNull();
    expect(localMidnight('2026-12-31', 1)).toBe(at(2027, 1, 1));
    expect(auditListPath({ ...emptyFilters, from: '2026-02-30' }, null, 10)).toBe('/api/v1/audit?limit=10');
  });
});

describe('audit filters in the page address', () => {
  it('reads and changes one filter, keeping the others', () => {
    const search = new URLSearchParams('workspace=w1&action=task.');
    expect(filtersFromSearch(search)).toEqual({ ...emptyFilters, workspace: 'w1', action: 'task.' });
    expect(withFilter(search, 'action', '').toString()).toBe('workspace=w1');
    expect(withFilter(search, 'from', '2026-01-02').toString()).toBe('workspace=w1&action=task.&from=2026-01-02');
  });

  it('gives the same key to filters that ask the server the same thing', () => {
    expect(filtersKey({ ...emptyFilters, action: 'BAD' })).toBe(filtersKey(emptyFilters));
    expect(filtersKey({ ...emptyFilters, action: 'auth.' })).not.toBe(filtersKey(emptyFilters));
  });
});
