import { useNavigate } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';
import { createWorkspace } from '../../features/workspaces/api';
import { WorkspaceForm } from '../../features/workspaces/components/workspace-form';
import { useTopics } from '../../features/workspaces/use-topics';

export function NewWorkspacePage() {
  const navigate = useNavigate();
  const { topics, unavailable } = useTopics();

  return (
    <>
      <PageHeading description="You become its manager. Invite colleagues and guests once it exists.">New workspace</PageHeading>
      <WorkspaceForm
        topics={topics}
        topicsUnavailable={unavailable}
        submitLabel="Create workspace"
        onSubmit={async (input) => {
          const created = await createWorkspace(input);
          navigate(`/workspaces/${encodeURIComponent(created.id)}`, { state: { created: true } });
        }}
        onCancel={() => navigate('/workspaces')}
      />
    </>
  );
}
