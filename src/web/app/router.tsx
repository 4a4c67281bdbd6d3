import { createBrowserRouter, Navigate } from 'react-router';
import { Ability } from '../lib/api-types';
import { AppShell } from './app-shell';
import { AuthLayout } from './auth-layout';
import { NotFoundRoute } from './not-found-route';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { PeoplePage } from './pages/people-page';
import { ProfilePage } from './pages/profile-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { SettingsPage } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
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
        ],
      },
      {
        element: (
          <RequireSession>
            <AppShell />
          </RequireSession>
        ),
        children: [
          // No dashboard yet: the profile is the home page.
          { index: true, element: <Navigate to="/profile" replace /> },
          { path: 'profile', element: <ProfilePage /> },
          {
            path: 'admin/people',
            element: (
              <RequireAbility ability={Ability.manageUsers}>
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
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
