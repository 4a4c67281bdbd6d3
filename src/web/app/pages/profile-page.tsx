import { useId } from 'react';
import { PageHeading } from '../../components/ui/page-heading';
import { NotificationPreferencesSection } from '../../features/notification-preferences/components/notification-preferences-section';
import { ApiTokens } from '../../features/profile/components/api-tokens';
import { NameForm } from '../../features/profile/components/name-form';
import { PasswordForm } from '../../features/profile/components/password-form';
import { useCurrentUser, useSession } from '../providers/session-context';

const kindLabels = { employee: 'Employee', guest: 'Guest' } as const;

export function ProfilePage() {
  const { instance, updateUser } = useSession();
  const user = useCurrentUser();
  const detailsId = useId();
  const passwordId = useId();

  return (
    <>
      <PageHeading>Profile</PageHeading>
      <section className="section" aria-labelledby={detailsId}>
        <h2 id={detailsId}>Your details</h2>
        <dl className="details">
          <div>
            <dt>E-mail address</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Account type</dt>
            <dd>{kindLabels[user.kind]}</dd>
          </div>
        </dl>
        <NameForm user={user} onSaved={updateUser} />
      </section>
      <section className="section" aria-labelledby={passwordId}>
        <h2 id={passwordId}>Password</h2>
        <p className="section-description">Changing your password signs you out on every other device and browser.</p>
        <PasswordForm email={user.email} passwordMinLength={instance.passwordMinLength} />
      </section>
      <NotificationPreferencesSection />
      <ApiTokens />
    </>
  );
}
