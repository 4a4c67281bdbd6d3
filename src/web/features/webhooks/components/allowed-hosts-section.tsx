import { type FormEvent, useId, useState } from 'react';
import { Alert, FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { TextField } from '../../../components/ui/text-field';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { readText } from '../../../lib/form-values';
import { formatDateTime } from '../../../lib/format';
import { problemSummary } from '../../../lib/problem';
import { useConfirmedDelete } from '../../../lib/use-confirmed-delete';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { useResource } from '../../../lib/use-resource';
import { requireFields } from '../../../lib/validate';
import { type AllowedHost, addAllowedHost, listAllowedHosts, removeAllowedHost } from '../api';

/** Hosts inside the company network that webhooks may reach all the same, by exact name or address. */
export function AllowedHostsSection() {
  const headingId = useId();
  const hosts = useResource(listAllowedHosts, 'allowed-hosts');
  const list = hosts.data ?? [];
  const { busy, errors, formRef, run } = useFormSubmit(['host']);
  const [status, setStatus] = useState<string | null>(null);
  const removal = useConfirmedDelete<AllowedHost & { id: string; name: string }>(
    (item) => removeAllowedHost(item.host),
    (item) => {
      hosts.setData(list.filter((other) => other.host !== item.host));
      setStatus(`${item.host} is no longer allowed.`);
    },
  );

  function handleAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const host = readText(form, 'host').trim();
    setStatus(null);
    void run(
      async () => {
        const added = await addAllowedHost(host);
        hosts.setData([...list, added].sort((a, b) => a.host.localeCompare(b.host)));
        setStatus(`${added.host} is allowed.`);
        form.reset();
      },
      requireFields({ host }, { host: 'Enter a host name or an IP address.' }),
    );
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Allowed hosts</h2>
      <p className="section-description">
        Webhooks are refused when their host resolves to a private, loopback or link-local address, so that they cannot reach the server’s
        own network. Allow a host here only when a receiver inside the network must get deliveries. The exact name counts: a subdomain is
        another host.
      </p>
      <form ref={formRef} className="form" noValidate onSubmit={handleAdd}>
        <FormAlert messages={errors.form} />
        <TextField
          label="Host name or IP address"
          name="host"
          autoComplete="off"
          spellCheck={false}
          maxLength={255}
          hint="For example hooks.intranet.example or 10.0.4.12; no scheme, port or path."
          error={errors.fields.host}
        />
        <div className="actions">
          <Button type="submit" busy={busy}>
            Allow host
          </Button>
        </div>
      </form>
      <LiveStatus message={status} />
      {hosts.error && <Alert tone="error">{problemSummary(hosts.error.problem)}</Alert>}
      {hosts.loading && hosts.data === null ? (
        <p>Loading allowed hosts…</p>
      ) : list.length === 0 ? (
        !hosts.error && <p className="empty">No host is allowed: only public addresses can receive webhooks.</p>
      ) : (
        <ul className="item-list" aria-label="Allowed hosts">
          {list.map((host) => (
            <li key={host.host} className="item-row">
              <span>
                <code className="item-title">{host.host}</code>
                <span className="cell-note">
                  Allowed {formatDateTime(host.createdAt)}
                  {host.createdBy ? ` by ${host.createdBy.name}` : ''}
                </span>
              </span>
              <Button variant="danger" onClick={() => removal.ask({ ...host, id: host.host, name: host.host })}>
                Remove<VisuallyHidden> {host.host}</VisuallyHidden>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={removal.target !== null}
        title={removal.target ? `Stop allowing ${removal.target.host}?` : 'Stop allowing this host?'}
        confirmLabel="Remove"
        busy={removal.busy}
        error={removal.error}
        onConfirm={removal.confirm}
        onCancel={removal.cancel}
      >
        <p>Webhooks aimed at it stay, but their deliveries are refused from the next attempt until it is allowed again.</p>
      </ConfirmDialog>
    </section>
  );
}
