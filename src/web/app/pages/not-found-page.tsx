import { Link } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';
import { useSession } from '../providers/session-context';

export function NotFoundPage() {
  const { user } = useSession();
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>There is nothing at this address, or you do not have access to it.</p>
      <p>{user ? <Link to="/profile">Go to your profile</Link> : <Link to="/sign-in">Go to sign in</Link>}</p>
    </>
  );
}
