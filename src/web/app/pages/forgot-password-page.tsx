import { Link } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';
import { ForgotPasswordForm } from '../../features/auth/components/forgot-password-form';

export function ForgotPasswordPage() {
  return (
    <>
      <PageHeading description="Enter the e-mail address you sign in with and we will send you a link to choose a new password.">
        Forgot password
      </PageHeading>
      <ForgotPasswordForm />
      <p className="form-footer">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </>
  );
}
