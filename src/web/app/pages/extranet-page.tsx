import { useId } from 'react';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { ExtranetSwitch } from '../../features/extranet/components/extranet-switch';
import { OrganizationsSection } from '../../features/extranet/components/organizations-section';
import { PoliciesForm } from '../../features/extranet/components/policies-form';
import { TopicsSection } from '../../features/extranet/components/topics-section';
import { getSettings } from '../../features/settings/api';
import { problemSummary } from '../../lib/problem';
import { useResource } from '../../lib/use-resource';

export function ExtranetPage() {
  const settings = useResource(getSettings, 'settings');
  const policiesId = useId();

  return (
    <>
      <PageHeading description="Who may work with people from partner organizations, and on which terms.">Extranet</PageHeading>
      {settings.error ? (
        <Alert tone="error" title="The extranet settings could not be loaded.">
          <p>{problemSummary(settings.error.problem)}</p>
          <Button onClick={settings.reload}>Try again</Button>
        </Alert>
      ) : settings.data === null ? (
        <p>Loading extranet settings…</p>
      ) : (
        <>
          <ExtranetSwitch settings={settings.data} onSaved={settings.setData} />
          <section className="section" aria-labelledby={policiesId}>
            <h2 id={policiesId}>Policies</h2>
            {settings.data.workspaceCreators === undefined ? (
              <p className="empty">The policies were not sent for your account.</p>
            ) : (
              <PoliciesForm settings={settings.data} onSaved={settings.setData} />
            )}
          </section>
        </>
      )}
      <TopicsSection />
      <OrganizationsSection />
    </>
  );
}
