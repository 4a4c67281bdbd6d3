import { localMonthKey, parseMonth } from './zoned-time';

// "Planned activities" keeps its view, month and filters in the address, so a reload, the back
// button or a shared link shows the same thing.

export type PlannedView = 'list' | 'month';

export interface PlannedViewState {
  view: PlannedView;
  /** YYYY-MM in the reader's calendar; only used by the month view. */
  month: string;
  /** Empty: every workspace. */
  workspaceId: string;
  attending: boolean;
}

/** The server's id format: anything else in a link is ignored rather than sent to be refused. */
const idPattern = /^[0-9a-zA-Z-]{1,64}$/;

export function readPlannedView(params: URLSearchParams, now: Date = new Date()): PlannedViewState {
  const month = params.get('month');
  const workspaceId = params.get('workspace') ?? '';
  return {
    view: params.get('view') === 'month' ? 'month' : 'list',
    month: month && parseMonth(month) ? month : localMonthKey(now),
    workspaceId: idPattern.test(workspaceId) ? workspaceId : '',
    attending: params.get('attending') === '1',
  };
}

/** The address for a state; defaults are left out, and other parameters are kept. */
export function writePlannedView(current: URLSearchParams, state: PlannedViewState, now: Date = new Date()): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (name: string, value: string | null) => (value ? next.set(name, value) : next.delete(name));
  set('view', state.view === 'month' ? 'month' : null);
  set('month', state.view === 'month' && state.month !== localMonthKey(now) ? state.month : null);
  set('workspace', state.workspaceId || null);
  set('attending', state.attending ? '1' : null);
  return next;
}
