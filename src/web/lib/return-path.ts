const publicPaths = ['/sign-in', '/setup', '/forgot-password', '/reset-password'];

/**
 * Where to go after signing in. Only same-site paths are accepted ("//evil.example" and
 * "/\evil.example" are read by browsers as other hosts), and never a public page, which
 * would loop back to the form.
 */
export function safeReturnPath(candidate: unknown, fallback = '/'): string {
  if (typeof candidate !== 'string') return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) {
    return fallback;
  }
  const pathname = candidate.split(/[?#]/, 1)[0] ?? '';
  if (publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return fallback;
  return candidate;
}
