/**
 * An e-mail address that may wrap after its "@" when its column is narrow, so one long address does
 * not make a whole table wider than the screen. The text read, copied or searched stays the address.
 */
export function EmailText({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}
