import { createBrowserRouter } from 'react-router';
import { UnsubscribePage } from '../features/notification-preferences/unsubscribe-page';
import { WebhooksPage } from '../features/webhooks/components/webhooks-page';
import { Ability } from '../lib/api-types';
import { AppShell } from './app-shell';
import { AuthLayout } from './auth-layout';
import { HomeRoute } from './home-route';
import { NotFoundRoute } from './not-found-route';
import { ActivityPage } from './pages/activity-page';
import { ApprovalsPage } from './pages/approvals-page';
import { AuditPage } from './pages/audit-page';
import { DocumentPage } from './pages/document-page';
import { ExposurePage } from './pages/exposure-page';
import { ExtranetPage } from './pages/extranet-page';
import { FolderPage } from './pages/folder-page';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { InvitationPage } from './pages/invitation-page';
import { MyTasksPage } from './pages/my-tasks-page';
import { NewWorkspacePage } from './pages/new-workspace-page';
import { NotePage } from './pages/note-page';
import { NotificationsPage } from './pages/notifications-page';
import { PeoplePage } from './pages/people-page';
import { PlannedActivitiesPage } from './pages/planned-activities-page';
import { ProfilePage } from './pages/profile-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { SettingsPage } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { TaskPage } from './pages/task-page';
import { TrashPage } from './pages/trash-page';
import { WorkspacePage } from './pages/workspace-page';
import { WorkspacesPage } from './pages/workspaces-page';
import { RequireAbility } from './require-ability';
import { RequireSession } from './require-session';
import { RootError } from './root-error';
import { RootLayout } from './root-layout';

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    errorElement: <RootError />,
    children: [
      {
        element: <AuthLayout />,
        children: [
          { path: 'setup', element: <SetupPage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          // Signed in or not: the page itself decides between joining and accepting.
          { path: 'invitation', element: <InvitationPage /> },
          // From a notification e-mail, signed in or not; opening it changes nothing.
          { path: 'unsubscribe', element: <UnsubscribePage /> },
        ],
      },
      {
        element: (
          <RequireSession>
            <AppShell />
          </RequireSession>
        ),
        children: [
          { index: true, element: <HomeRoute /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'workspaces', element: <WorkspacesPage /> },
          {
            path: 'workspaces/new',
            element: (
              <RequireAbility ability={Ability.createWorkspaces}>
                <NewWorkspacePage />
              </RequireAbility>
            ),
          },
          { path: 'workspaces/:id', element: <WorkspacePage /> },
          { path: 'workspaces/:id/folders/:folderId', element: <FolderPage /> },
          { path: 'workspaces/:id/documents/:documentId', element: <DocumentPage /> },
          { path: 'workspaces/:id/trash', element: <TrashPage /> },
          { path: 'workspaces/:id/tasks/:taskId', element: <TaskPage /> },
          { path: 'workspaces/:id/notes/:noteId', element: <NotePage /> },
          { path: 'workspaces/:id/activities/:activityId', element: <ActivityPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'my-tasks', element: <MyTasksPage /> },
          { path: 'planned-activities', element: <PlannedActivitiesPage /> },
          {
            path: 'admin/people',
            element: (
              <RequireAbility ability={[Ability.manageUsers, Ability.manageExtranet]}>
                <PeoplePage />
              </RequireAbility>
            ),
          },
          {
            path: 'admin/settings',
            element: (
              <RequireAbility ability={Ability.manageSettings}>
                <SettingsPage />
              </RequireAbility>
            ),
          },
          {
            path: 'admin/extranet',
            element: (
              <RequireAbility ability={Ability.manageExtranet}>
                <ExtranetPage />
              </RequireAbility>
            ),
          },
          // Managers come here too, from their workspace (?workspace=): the server decides what each reads.
          { path: 'admin/audit', element: <AuditPage /> },
          {
            path: 'admin/exposure',
            element: (
              <RequireAbility ability={Ability.manageExtranet}>
                <ExposurePage />
              </RequireAbility>
            ),
          },
          {
            path: 'admin/webhooks',
            element: (
              <RequireAbility ability={Ability.manageWebhooks}>
                <WebhooksPage />
              </RequireAbility>
            ),
          },
          {
            path: 'admin/approvals',
            element: (
              <RequireAbility ability={Ability.approveInvitations}>
                <ApprovalsPage />
              </RequireAbility>
            ),
          },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
