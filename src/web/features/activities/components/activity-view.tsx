import { useEffect, useRef, useState } from 'react';
import { LazyMarkdown } from '../../../components/markdown/lazy-markdown';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { PageHeading } from '../../../components/ui/page-heading';
import { StaleNotice } from '../../../components/ui/stale-notice';
import { toApiError, type WithEtag } from '../../../lib/api-client';
import type { Workspace } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { problemSummary } from '../../../lib/problem';
import { useGuardedChanges } from '../../../lib/use-guarded-changes';
import { Breadcrumbs } from '../../documents/components/breadcrumbs';
import { pickableMembers } from '../../members/use-workspace-members';
import { WorkspaceAbility } from '../../workspaces/labels';
import { type ActivityChange, completeActivity, confirmActivity, updateActivity } from '../api';
import { activityCan, attendeeNames, statusLabels, visibilityLabels } from '../labels';
import type { Activity, ActivityStatus } from '../types';
import { useAttendeeMembers } from '../use-attendee-members';
import { ActivityBadges } from './activity-badges';
import { ActivityForm } from './activity-form';
import { ActivityWhen } from './activity-when';
import { DoneForm } from './done-form';

export interface ActivityViewProps {
  current: WithEtag<Activity>;
  onReplace: (next: WithEtag<Activity>) => void;
  onReload: () => void;
  /** Null while it loads or when it could not be read. */
  workspace: Workspace | null;
  workspaceLoading: boolean;
  isEmployee: boolean;
}

type Mode = 'view' | 'edit' | 'done';

const open = (status: ActivityStatus) => status === 'planned' || status === 'confirmed';

/** One activity: when, where, who, its description and history, and what the reader may do with it. */
export function ActivityView({ current, onReplace, onReload, workspace, workspaceLoading, isEmployee }: ActivityViewProps) {
  const activity = current.data;
  const [mode, setMode] = useState<Mode>('view');
  const [problem, setProblem] = useState<string | null>(null);
  const { status, setStatus, stale, setStale, replace, change: guarded } = useGuardedChanges<Activity>(onReplace, onReload);
  const [pending, setPending] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const canSeeMembers = workspace?.abilities.includes(WorkspaceAbility.readMembers) ?? false;
  const members = useAttendeeMembers(activity.workspaceId, mode === 'edit' && canSeeMembers);
  const rootRef = useRef<HTMLDivElement>(null);

  // A button that did its job disappears (Confirm, Mark done): keep the keyboard on the page, at its heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the activity or the mode changes
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null)
      rootRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [activity.updatedAt, mode]);

  function start() {
    setStatus(null);
    setProblem(null);
  }

  /** PATCH with If-Match: false (and the stale notice) when someone changed the activity meanwhile. */
  const change = (body: ActivityChange, message: string) => guarded(() => updateActivity(activity.id, body, current.etag), message);

  async function report(action: () => Promise<WithEtag<Activity>>, message: string): Promise<void> {
    try {
      replace(await action(), message);
      setMode('view');
    } catch (error) {
      const apiError = toApiError(error);
      // 409: someone else finished or cancelled it meanwhile; show it as it is now.
      if (apiError.status === 409) onReload();
      throw apiError;
    }
  }

  async function confirm() {
    if (pending) return;
    start();
    setPending(true);
    try {
      await report(() => confirmActivity(activity.id), 'The activity is confirmed.');
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
    } finally {
      setPending(false);
    }
  }

  async function setActivityStatus(to: ActivityStatus, message: string) {
    if (pending) return;
    setPending(true);
    setCancelError(null);
    try {
      await change({ status: to }, message);
      setCancelling(false);
    } catch (error) {
      const summary = problemSummary(toApiError(error).problem);
      if (cancelling) setCancelError(summary);
      else setProblem(summary);
    } finally {
      setPending(false);
    }
  }

  const archived = workspace?.status === 'archived';
  const showConfirm = activityCan(activity, 'confirm') && activity.status === 'planned';
  const showDone = activityCan(activity, 'complete') && open(activity.status);
  const canUpdate = activityCan(activity, 'update');

  return (
    <div ref={rootRef} className="activity-page">
      <Breadcrumbs workspaceId={activity.workspaceId} workspaceName={workspace?.name ?? null} folders={[]} current={activity.title} />
      <PageHeading>{activity.title}</PageHeading>
      {archived && <Alert tone="info">This workspace is archived. Its activities are read-only.</Alert>}
      <LiveStatus message={status} />
      {stale && (
        <StaleNotice
          what="activity"
          onReload={() => {
            setStale(false);
            setMode('view');
            setCancelling(false);
            setStatus(null);
            onReload();
          }}
        />
      )}
      {problem && <Alert tone="error">{problem}</Alert>}
      {mode === 'view' && (showConfirm || showDone || canUpdate) && (
        <div className="actions page-actions activity-actions">
          {showConfirm && (
            <Button variant="primary" busy={pending} onClick={confirm}>
              Confirm
            </Button>
          )}
          {showDone && (
            <Button
              variant={showConfirm ? 'secondary' : 'primary'}
              onClick={() => {
                start();
                setMode('done');
              }}
            >
              Mark done
            </Button>
          )}
          {canUpdate && (
            <Button
              onClick={() => {
                start();
                setMode('edit');
              }}
            >
              Edit activity
            </Button>
          )}
          {canUpdate && open(activity.status) && (
            <Button
              variant="danger"
              onClick={() => {
                start();
                setCancelError(null);
                setCancelling(true);
              }}
            >
              Cancel activity
            </Button>
          )}
          {canUpdate && activity.status === 'cancelled' && (
            <Button busy={pending} onClick={() => setActivityStatus('planned', 'The activity is planned again.')}>
              Plan again
            </Button>
          )}
        </div>
      )}
      {!isEmployee && showConfirm && mode === 'view' && (
        <p className="field-hint activity-hint">
          “Confirm” tells the employees you will be there as planned; “Mark done” that it took place.
        </p>
      )}
      <ConfirmDialog
        open={cancelling}
        title="Cancel this activity?"
        confirmLabel="Cancel activity"
        busy={pending}
        error={cancelError}
        onConfirm={() => setActivityStatus('cancelled', 'The activity has been cancelled.')}
        onCancel={() => setCancelling(false)}
      >
        <p>
          “{activity.title}” stays listed as cancelled, so everyone who planned around it can see that it will not take place. You can plan
          it again later.
        </p>
      </ConfirmDialog>
      {mode === 'done' && (
        <section className="section-block activity-done" aria-label="Mark done">
          <h2 className="subheading">Mark “{activity.title}” done</h2>
          <DoneForm
            onCancel={() => setMode('view')}
            onSubmit={(remark) => report(() => completeActivity(activity.id, remark), 'The activity is marked done.')}
          />
        </section>
      )}
      {mode === 'edit' ? (
        <section className="section-block" aria-label="Edit activity">
          <ActivityForm
            mode="edit"
            activity={activity}
            members={pickableMembers(members, canSeeMembers, workspaceLoading)}
            onCancel={() => setMode('view')}
            onSubmit={async (body) => {
              if (Object.keys(body).length === 0) {
                setMode('view');
                setStatus('Nothing was changed.');
                return;
              }
              if (await change(body, 'Your changes have been saved.')) setMode('view');
            }}
          />
        </section>
      ) : (
        <ActivityDetails activity={activity} isEmployee={isEmployee} />
      )}
    </div>
  );
}

function ActivityDetails({ activity, isEmployee }: { activity: Activity; isEmployee: boolean }) {
  return (
    <>
      <ActivityBadges activity={activity} />
      <dl className="details activity-details">
        <div>
          <dt>When</dt>
          <dd>
            <ActivityWhen activity={activity} />
          </dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{activity.location || 'Not given'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{statusLabels[activity.status]}</dd>
        </div>
        {isEmployee && (
          <div>
            <dt>Visibility</dt>
            <dd>
              {visibilityLabels[activity.visibility]}
              <span className="activity-dd-note">{activity.visibility === 'internal' ? ' · guests never see it' : ' · guests see it'}</span>
            </dd>
          </div>
        )}
      </dl>
      <section className="section-block" aria-labelledby="activity-attendees-heading">
        <h2 id="activity-attendees-heading" className="subheading">
          Attendees
        </h2>
        {activity.attendees.length === 0 ? (
          <p className="empty">Nobody is listed as attending.</p>
        ) : (
          <ul className="plain-list activity-attendee-list" aria-label="Attendees">
            {activity.attendees.map((person) => (
              <li key={person.id}>{person.name}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="section-block" aria-labelledby="activity-description-heading">
        <h2 id="activity-description-heading" className="subheading">
          Description
        </h2>
        {activity.description.trim() === '' ? (
          <p className="empty">No description.</p>
        ) : (
          <LazyMarkdown source={activity.description} loadingText="Loading the description…" />
        )}
      </section>
      <section className="section-block" aria-labelledby="activity-history-heading">
        <h2 id="activity-history-heading" className="subheading">
          History
        </h2>
        <ol className="activity-history">
          <li>
            Planned {formatDateTime(activity.createdAt)}
            {activity.createdBy && ` by ${activity.createdBy.name}`}
          </li>
          {activity.confirmedAt && (
            <li>
              Confirmed {formatDateTime(activity.confirmedAt)}
              {activity.confirmedBy && ` by ${activity.confirmedBy.name}`}
            </li>
          )}
          {activity.doneAt && (
            <li>
              Done {formatDateTime(activity.doneAt)}
              {activity.doneBy && ` by ${activity.doneBy.name}`}
              {activity.doneRemark && (
                <blockquote className="activity-remark">
                  <p>{activity.doneRemark}</p>
                </blockquote>
              )}
            </li>
          )}
          {activity.status === 'cancelled' && (
            <li>
              Cancelled {formatDateTime(activity.updatedAt)}
              {activity.updatedBy && ` by ${activity.updatedBy.name}`}
            </li>
          )}
        </ol>
        {activity.attendees.length > 0 && open(activity.status) && (
          <p className="field-hint">Waiting for {attendeeNames(activity)} or an employee to report it done.</p>
        )}
      </section>
    </>
  );
}
