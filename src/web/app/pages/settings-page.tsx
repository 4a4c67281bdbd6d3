import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { getSettings, type Settings } from '../../features/settings/api';
import { SettingsForm } from '../../features/settings/components/settings-form';
import { problemSummary } from '../../lib/problem';
import { useResource } from '../../lib/use-resource';
import { useSession } from '../providers/session-context';

export function SettingsPage() {
  const { updateInstance } = useSession();
  const settings = useResource(getSettings, 'settings');

  function handleSaved(saved: Settings) {
    settings.setData(saved);
    updateInstance({ organizationName: saved.organizationName });
  }

  return (
    <>
      <PageHeading description="Settings that apply to everyone in your organization.">Settings</PageHeading>
      {settings.error ? (
        <Alert tone="error" title="Settings could not be loaded.">
          <p>{problemSummary(settings.error.problem)}</p>
          <Button onClick={settings.reload}>Try again</Button>
        </Alert>
      ) : settings.data === null ? (
        <p>Loading settings…</p>
      ) : (
        <SettingsForm settings={settings.data} onSaved={handleSaved} />
      )}
    </>
  );
}
