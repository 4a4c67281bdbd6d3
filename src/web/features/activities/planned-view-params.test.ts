import { describe, expect, it } from 'vitest';
import { readPlannedView, writePlannedView } from './planned-view-params';

const now = new Date(2026, 6, 14, 10, 0);

describe('planned activities in the address', () => {
  it('reads the defaults from an empty address: the list, this month, everything', () => {
    expect(readPlannedView(new URLSearchParams(), now)).toEqual({ view: 'list', month: '2026-07', workspaceId: '', attending: false });
  });

  it('reads the month view, a month, a workspace and "only mine"', () => {
    const params = new URLSearchParams('view=month&month=2026-12&workspace=0190a-bc&attending=1');
    expect(readPlannedView(params, now)).toEqual({ view: 'month', month: '2026-12', workspaceId: '0190a-bc', attending: true });
  });

  it('ignores what it cannot use', () => {
    const params = new URLSearchParams('view=week&month=2026-13&workspace=%3Cscript%3E&attending=yes');
    expect(readPlannedView(params, now)).toEqual({ view: 'list', month: '2026-07', workspaceId: '', attending: false });
  });

  it('writes only what differs from the defaults, keeping other parameters', () => {
    const base = new URLSearchParams('other=x');
    expect(writePlannedView(base, { view: 'list', month: '2026-07', workspaceId: '', attending: false }, now).toString()).toBe('other=x');
    expect(writePlannedView(base, { view: 'month', month: '2026-07', workspaceId: 'w1', attending: true }, now).toString()).toBe(
      'other=x&view=month&workspace=w1&attending=1',
    );
    const next = writePlannedView(base, { view: 'month', month: '2026-09', workspaceId: '', attending: false }, now);
    expect(readPlannedView(next, now)).toMatchObject({ view: 'month', month: '2026-09' });
  });
});
