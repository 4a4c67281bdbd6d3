import { useEffect, useId, useRef, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { toApiError } from '../../../lib/api-client';
import { copyText } from '../../../lib/clipboard';
import { problemSummary } from '../../../lib/problem';
import { getCalendarFeed, regenerateCalendarFeed } from '../api';
import { copyMessages, webcalUrl } from '../calendar-links';

/**
 * "Calendar feed": the person's secret ICS address for Outlook, Google Calendar or Thunderbird.
 * It is fetched only when asked for (the first request creates the feed), can be copied or opened
 * as `webcal://`, and can be replaced by a new one after a confirmation.
 */
export function CalendarFeedPanel() {
  const headingId = useId();
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [renewing, setRenewing] = useState(false);
  const [renewBusy, setRenewBusy] = useState(false);
  const [renewError, setRenewError] = useState<string | null>(null);
  const [focusField, setFocusField] = useState(false);

  // The "Show" button that had the focus is gone once the address is there: continue at the address.
  useEffect(() => {
    if (!focusField || feedUrl === null) return;
    inputRef.current?.focus();
    setFocusField(false);
  }, [focusField, feedUrl]);

  async function show() {
    if (loading) return;
    setLoading(true);
    setError(null);
    try {
      const feed = await getCalendarFeed();
      setFeedUrl(feed.feedUrl);
      setFocusField(true);
    } catch (failure) {
      setError(problemSummary(toApiError(failure).problem));
    } finally {
      setLoading(false);
    }
  }

  async function copy() {
    if (feedUrl === null) return;
    // Read the announcement afresh even when the same words are said twice.
    setStatus(null);
    const result = await copyText(feedUrl);
    if (result === 'manual') {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    setStatus(copyMessages[result]);
  }

  async function renew() {
    if (renewBusy) return;
    setRenewBusy(true);
    setRenewError(null);
    try {
      const feed = await regenerateCalendarFeed();
      setFeedUrl(feed.feedUrl);
      setRenewing(false);
      setStatus('You have a new calendar address. The old one no longer works: subscribe your calendars to the new one.');
    } catch (failure) {
      setRenewError(problemSummary(toApiError(failure).problem));
    } finally {
      setRenewBusy(false);
    }
  }

  const webcal = feedUrl === null ? null : webcalUrl(feedUrl);

  return (
    <section className="section-block calendar-feed" aria-labelledby={headingId}>
      <h2 id={headingId} className="subheading">
        Calendar feed
      </h2>
      <p className="calendar-feed-intro">
        Subscribe in Outlook, Google Calendar or Thunderbird to see your planned activities and task due dates. Anyone with this address can
        read them: keep it private.
      </p>
      {error && (
        <Alert tone="error" title="Your calendar address could not be loaded.">
          <p>{error}</p>
        </Alert>
      )}
      {feedUrl === null ? (
        <Button busy={loading} onClick={show}>
          {loading ? 'Loading your calendar address…' : 'Show my calendar address'}
        </Button>
      ) : (
        <>
          <div className="field calendar-feed-field">
            <label htmlFor={inputId} className="field-label">
              Your calendar address
            </label>
            <p id={hintId} className="field-hint">
              Read-only. Paste it where your calendar app asks for a calendar “from the internet” or “from URL”.
            </p>
            <div className="copy-row">
              <input
                ref={inputRef}
                id={inputId}
                className="input input-code"
                readOnly
                value={feedUrl}
                aria-describedby={hintId}
                spellCheck={false}
                onFocus={(event) => event.currentTarget.select()}
              />
              <Button variant="primary" onClick={copy}>
                Copy address
              </Button>
            </div>
          </div>
          {webcal && (
            <p className="calendar-feed-open">
              <a href={webcal}>Open in my calendar app</a>
            </p>
          )}
          <ul className="calendar-feed-howto">
            <li>
              <strong>Outlook:</strong> Add calendar → Subscribe from web (on Windows: Add calendar → From Internet), then paste the
              address.
            </li>
            <li>
              <strong>Google Calendar</strong> (on the web): Other calendars → + → From URL, then paste the address. Google refreshes it
              every few hours.
            </li>
            <li>
              <strong>Thunderbird:</strong> New Calendar → On the Network, then paste the address.
            </li>
          </ul>
          <div className="actions">
            <Button
              onClick={() => {
                setRenewError(null);
                setRenewing(true);
              }}
            >
              Get a new address
            </Button>
          </div>
        </>
      )}
      <p role="status" className="copy-status calendar-feed-status">
        {status}
      </p>
      <ConfirmDialog
        open={renewing}
        title="Get a new calendar address?"
        confirmLabel="Get a new address"
        busy={renewBusy}
        error={renewError}
        onConfirm={renew}
        onCancel={() => setRenewing(false)}
      >
        <p>
          Your current address stops working at once. Calendars subscribed to it stop showing your activities and due dates until you
          subscribe them to the new address.
        </p>
        <p>Do this if the address may have reached someone else.</p>
      </ConfirmDialog>
    </section>
  );
}
