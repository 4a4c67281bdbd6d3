import type { Problem, ProblemFieldError } from '../../shared/problem.js';

/** An error that becomes an RFC 9457 problem document; services throw these, routes never build errors. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemFieldError[],
    readonly headers: Record<string, string> = {},
    readonly type = 'about:blank',
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  toJSON(): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

// One fixed body for "does not exist" and "you may not see it", so the two are byte-identical.
export const notFound = () => new HttpProblem(404, 'Not Found', 'The requested resource does not exist.');

export const invalid = (path: string, message: string) =>
  new HttpProblem(400, 'Bad Request', 'The request contains invalid data.', [{ path, message }]);

export const unauthorized = () => new HttpProblem(401, 'Unauthorized', 'Sign in to continue.');

export const forbidden = (detail = 'You are not allowed to do this.') => new HttpProblem(403, 'Forbidden', detail);

export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);

export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpProblem(429, 'Too Many Requests', 'Too many attempts. Try again later.', undefined, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/** Guests while the extranet is switched off: nothing is deleted, the door is just closed. */
export const extranetClosed = () =>
  new HttpProblem(
    403,
    'Extranet Closed',
    'The extranet is closed for now. Your workspaces are kept; ask your contact at the company when it reopens.',
    undefined,
    {},
    'urn:foyer:problem:extranet-closed',
  );
